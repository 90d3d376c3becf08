"""django-allauth's adapter, changed only where the site has one rule for everything."""

from allauth.account.adapter import DefaultAccountAdapter

from home.public_address import absolute_url, sender_address


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (confirm your address, reset your password) come from the same
    address, and link to the same public address, as every other email the site sends."""

    def get_from_email(self):
        return sender_address()

    def get_reset_password_from_key_url(self, key):
        return absolute_url(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(super().get_email_confirmation_url(request, emailconfirmation))
