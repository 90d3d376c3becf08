"""Resident accounts with django-allauth: email sign-up and sign-in, mandatory verification
by POST, no account enumeration, rate limits, password reset, and 'Your questions and
statements'."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from consultations import moderation
from consultations.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def site(home_page):
    return home_page


def link_in(message):
    return re.search(r"http://testserver(\S+)", message.body).group(1)


def sign_up(client, email="jo@example.com"):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_account_pages_use_the_site_frame_and_gov_uk_forms(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "<title>Sign in – Wiltshire Council</title>" in html
    assert 'class="govuk-input' in html
    assert "govuk-footer" in html
    assert html.count("<h1") == 1


def test_an_account_form_with_errors_has_an_error_summary_and_title(client):
    html = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()
    assert "<title>Error: Sign in" in html
    assert "govuk-error-summary" in html
    assert 'href="#id_login"' in html


def test_sign_up_needs_a_confirmed_email_before_signing_in(client, django_user_model):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = django_user_model.objects.get(email="jo@example.com")
    assert not EmailAddress.objects.get(user=user).verified
    assert "Confirm your email address" in mail.outbox[-1].subject
    client.logout()
    login = client.post(reverse("account_login"), {"login": "jo@example.com", "password": PASSWORD})
    assert login["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_opening_the_confirmation_link_changes_nothing_until_the_post(client, django_user_model):
    sign_up(client)
    url = link_in(mail.outbox[-1])
    page = client.get(url)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert not EmailAddress.objects.get(email="jo@example.com").verified
    client.post(url)
    assert EmailAddress.objects.get(email="jo@example.com").verified


def test_sign_up_with_a_taken_email_looks_the_same_and_reveals_nothing(client, django_user_model):
    sign_up(client)
    client.post(link_in(mail.outbox[-1]))
    client.logout()
    cache.clear()  # allauth sends one email per address every 3 minutes at most
    first_location = reverse("account_email_verification_sent")
    again = sign_up(client)
    assert again.status_code == 302 and again["Location"] == first_location
    assert django_user_model.objects.filter(email__iexact="jo@example.com").count() == 1
    assert "already have an account" in mail.outbox[-1].subject


def test_password_reset_looks_the_same_for_known_and_unknown_emails(client, django_user_model):
    django_user_model.objects.create_user("jo", "jo@example.com", PASSWORD)
    known = client.post(reverse("account_reset_password"), {"email": "jo@example.com"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done = client.get(known["Location"]).content.decode()
    assert "If that email address has an account" in done


def test_password_reset_works_through_the_emailed_link(client, django_user_model):
    user = django_user_model.objects.create_user("jo", "jo@example.com", "old-password-123")
    EmailAddress.objects.create(user=user, email="jo@example.com", verified=True, primary=True)
    client.post(reverse("account_reset_password"), {"email": "jo@example.com"})
    url = link_in(mail.outbox[-1])
    response = client.get(url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else url
    assert "Choose a new password" in response.content.decode()
    client.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_failed_sign_ins_are_rate_limited(client, django_user_model):
    django_user_model.objects.create_user("jo", "jo@example.com", PASSWORD)
    pages = [
        client.post(
            reverse("account_login"), {"login": "jo@example.com", "password": "wrong"}
        ).content.decode()
        for _ in range(6)
    ]
    assert "Too many failed login attempts" not in pages[0]
    assert "Too many failed login attempts" in pages[-1]
    right = client.post(reverse("account_login"), {"login": "jo@example.com", "password": PASSWORD})
    assert "Too many failed login attempts" in right.content.decode()


def test_your_questions_needs_signing_in(client):
    response = client.get(reverse("consultations:yours"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_your_questions_shows_each_status_and_the_answer(client, meeting, django_user_model, rule):
    user = django_user_model.objects.create_user("jo", "jo@example.com", PASSWORD)
    EmailAddress.objects.create(user=user, email="jo@example.com", verified=True, primary=True)
    answered = SubmissionFactory(meeting=meeting, user=user, text="First?")
    moderation.accept(answered, None)
    moderation.answer(answered, None, "Yes, in July.", "Cllr Jane Scott")
    refused = SubmissionFactory(meeting=meeting, user=user, text="Second?")
    moderation.reject(refused, None, rule.refusal_reasons.first(), note="Please rephrase.")
    without_account = SubmissionFactory(meeting=meeting, email="JO@example.com", text="Third?")
    unverified = SubmissionFactory(meeting=meeting, email="other@example.com", text="Not mine")
    EmailAddress.objects.create(user=user, email="other@example.com", verified=False)
    someone_else = SubmissionFactory(meeting=meeting, text="Someone else's")
    client.force_login(user)
    html = client.get(reverse("consultations:yours")).content.decode()
    for mine in (answered, refused, without_account):
        assert mine.reference in html
    assert "Yes, in July." in html and "Cllr Jane Scott" in html
    assert "Not accepted" in html and "It is defamatory" in html and "Please rephrase." in html
    assert unverified.reference not in html
    assert someone_else.reference not in html


def test_the_signed_in_message_shows_on_the_page_sign_in_lands_on(client, django_user_model):
    user = django_user_model.objects.create_user("jo", "jo@example.com", PASSWORD)
    EmailAddress.objects.create(user=user, email="jo@example.com", verified=True, primary=True)
    landed = client.post(
        reverse("account_login"),
        {"login": "jo@example.com", "password": PASSWORD, "next": "/"},
        follow=True,
    )
    assert landed.redirect_chain[-1][0] == "/"
    html = landed.content.decode()
    assert "Successfully signed in" in html
    assert "govuk-notification-banner--success" in html
    # Shown once: the next page does not repeat it.
    assert "Successfully signed in" not in client.get("/").content.decode()


@time_machine.travel(datetime.datetime(2026, 10, 20, 9, 0, tzinfo=ZoneInfo("Europe/London")))
def test_a_name_given_at_sign_up_is_filled_in_on_the_question_form(client, meeting):
    """Before the meeting's question deadline (27 October 2026)."""
    from tests.consultations.conftest import valid_data

    html = client.get(reverse("account_signup")).content.decode()
    assert html.index('name="name"') < html.index('name="email"')
    client.post(
        reverse("account_signup"),
        {
            "name": "Jo Bloggs",
            "email": "jo@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    client.post(link_in(mail.outbox[-1]))
    client.post(reverse("account_login"), {"login": "jo@example.com", "password": PASSWORD})
    form_url = reverse("consultations:submit", args=[meeting.pk])
    html = client.get(form_url).content.decode()
    assert 'value="Jo Bloggs"' in html
    assert 'value="jo@example.com"' in html
    # What the person typed wins over the account's name.
    typed = client.post(form_url, valid_data(name="Joanna Bloggs", text="")).content.decode()
    assert 'value="Joanna Bloggs"' in typed
    assert 'value="Jo Bloggs"' not in typed
