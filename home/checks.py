"""System checks for settings the whole site depends on."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register
from django.http.request import validate_host


@register()
def check_site_url(app_configs=None, **kwargs):
    """SITE_URL must be a plain http(s) address this deployment answers to: every link in
    emails, feeds and the sitemap is built from it, so a wrong one breaks them all."""
    value = getattr(settings, "SITE_URL", "")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path.strip("/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        return [
            Error(
                f"SITE_URL is {value!r}; it must be the site's public address, "
                "like https://democracy.council.gov.uk, with no path.",
                id="home.E001",
            )
        ]
    if settings.ALLOWED_HOSTS and not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        return [
            Error(
                f"SITE_URL names {parts.hostname}, which DJANGO_ALLOWED_HOSTS does not "
                "allow, so every link in emails and feeds would be refused.",
                id="home.E002",
            )
        ]
    return []
