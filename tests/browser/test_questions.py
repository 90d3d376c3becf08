"""A resident submits a question using only the keyboard, in real Chromium with axe-core:
the empty form's error summary, fixing each error from it, and the reference number.

WCAG 2.1.1 Keyboard (every step is Tab, Space, Enter or typing), 3.3.1 Error
Identification and 3.3.3 Error Suggestion (the error summary and messages), 2.4.3 Focus
Order (the summary takes focus and its links move focus to each field), and zero axe-core
violations on the form, its error state and the confirmation."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from consultations.factories import make_meeting, make_rule
from consultations.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_ID = "document.activeElement && document.activeElement.id"


@pytest.fixture
def form_url(live_server, home_page, settings):
    """The form for a Cabinet meeting a month away, on the live server."""
    settings.CONSULTATIONS_MIN_FILL_SECONDS = 1
    from django.core.cache import cache

    cache.clear()
    meeting = make_meeting(
        home_page, timezone.now() + datetime.timedelta(days=30), rule=make_rule(word_limit=50)
    )
    return live_server.url + reverse("consultations:submit", args=[meeting.pk])


def tab_to(page, predicate_js, limit=60):
    """Press Tab until the focused element satisfies `predicate_js` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"
        ):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def tab_to_id(page, element_id):
    tab_to(page, f"el && el.id === {element_id!r}")


def test_a_keyboard_user_submits_a_question_and_gets_a_reference(page, axe, form_url):
    page.goto(form_url)
    assert page.title().startswith("Submit a question or statement")
    axe(page)

    # Send the empty form.
    tab_to(page, "el && el.tagName === 'BUTTON' && el.textContent.trim() === 'Send'")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error: Submit a question or statement")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    summary = page.inner_text(".govuk-error-summary")
    assert "Enter your full name" in summary
    assert "Enter your question or statement" in summary
    axe(page)

    # Follow the first error's link from the summary: focus moves to the field.
    tab_to(page, "el && el.getAttribute('href') === '#name'")
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED_ID) == "name"
    page.keyboard.type("Jo Bloggs")
    tab_to_id(page, "email")
    page.keyboard.type("jo@example.com")

    tab_to_id(page, "kind")  # first radio: "Question"
    page.keyboard.press("Space")
    tab_to(page, "el && el.name === 'agenda_item'")
    page.keyboard.press("ArrowDown")  # item 6, Draft Business Plan
    assert page.evaluate("document.activeElement.value") == "6"

    tab_to_id(page, "text")
    page.keyboard.type("Will the council publish the business plan as a web page?")
    assert "You have 39 words remaining" in page.inner_text(".govuk-character-count__status")
    tab_to_id(page, "consent")
    page.keyboard.press("Space")
    assert page.is_checked("#consent")

    page.wait_for_timeout(1100)  # the form's minimum fill time in this test
    tab_to(page, "el && el.tagName === 'BUTTON' && el.textContent.trim() === 'Send'")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-panel--confirmation")

    submission = Submission.objects.get()
    assert page.inner_text("#reference") == submission.reference
    assert submission.name == "Jo Bloggs"
    assert submission.agenda_item.number == "6"
    assert page.title().startswith("Question sent")
    axe(page)


def test_participation_and_account_pages_have_no_axe_violations(
    page, axe, live_server, home_page, django_user_model
):
    """The meeting page's participation section with a published answer, the consultation
    pages, the sign-in error state and 'Your questions and statements'."""
    from consultations import moderation
    from consultations.factories import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
        SubmissionFactory,
    )

    meeting = make_meeting(
        home_page, timezone.now() + datetime.timedelta(days=30), rule=make_rule()
    )
    user = django_user_model.objects.create_user("jo", "jo@example.com", "a-long-password-1")
    submission = SubmissionFactory(
        meeting=meeting, user=user, agenda_item=meeting.agenda_items.get(number="6")
    )
    moderation.accept(submission, None)
    moderation.answer(submission, None, "Yes, in July.", "Cllr Jane Scott, Leader")
    moderation.publish(submission, None)
    index = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=index)

    for url in (meeting.url, index.url, consultation.url, reverse("account_signup")):
        page.goto(live_server.url + url)
        axe(page)
    assert "Question from" in page.goto(live_server.url + meeting.url).text()

    page.goto(live_server.url + reverse("account_login"))
    tab_to_id(page, "id_login")
    page.keyboard.type("jo@example.com")
    tab_to_id(page, "id_password")
    page.keyboard.type("wrong password")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    axe(page)

    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email="jo@example.com", verified=True, primary=True)
    tab_to_id(page, "id_password")
    page.keyboard.type("a-long-password-1")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(live_server.url + reverse("consultations:yours"))
    assert submission.reference in page.inner_text("main")
    axe(page)


def submit_form(page, button, **fields):
    """Fill each field (by its id without 'id_') and press the button."""
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.get_by_role("button", name=button).click()


def test_account_form_error_states_and_confirmations_have_no_axe_violations(
    page, axe, live_server, home_page, django_user_model
):
    """Sign-up with every field wrong, then right (the 'verify your email' page); the
    password reset form, its error state and its confirmation."""
    base = live_server.url
    page.goto(base + reverse("account_signup"))
    submit_form(
        page, "Create account", email="not-an-email", password1="short", password2="different"
    )
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error:")
    assert page.input_value("#id_email") == "not-an-email", "what was typed is kept"
    axe(page)

    submit_form(
        page,
        "Create account",
        email="sam@example.com",
        password1="a-long-password-1",
        password2="a-long-password-1",
    )
    page.wait_for_url(lambda url: "/signup/" not in url)
    assert django_user_model.objects.filter(email="sam@example.com").exists()
    axe(page)

    page.goto(base + reverse("account_reset_password"))
    axe(page)
    submit_form(page, "Send the link", email="not-an-email")
    page.wait_for_selector(".govuk-error-summary")
    axe(page)
    submit_form(page, "Send the link", email="sam@example.com")
    page.wait_for_url(lambda url: url.endswith(reverse("account_reset_password_done")))
    axe(page)

    # The link in the email: choosing a new password, wrongly and then rightly.
    from django.core import mail

    link = re.search(r"https?://\S+/password/reset/key/\S+", mail.outbox[-1].body).group(0)
    page.goto(base + urlsplit(link).path)
    page.wait_for_selector("#id_password1")  # allauth moves the key out of the address
    axe(page)
    submit_form(
        page,
        "Save new password",
        password1="a-new-long-password-2",
        password2="not-the-same-password",
    )
    page.wait_for_selector(".govuk-error-summary")
    axe(page)
    submit_form(
        page,
        "Save new password",
        password1="a-new-long-password-2",
        password2="a-new-long-password-2",
    )
    page.wait_for_url(lambda url: url.endswith(reverse("account_reset_password_from_key_done")))
    assert django_user_model.objects.get(email="sam@example.com").check_password(
        "a-new-long-password-2"
    )
    axe(page)


def test_signed_in_account_pages_have_no_axe_violations(
    page, axe, live_server, home_page, django_user_model
):
    """Email addresses, changing the password (empty, in error, changed) and signing out."""
    from allauth.account.models import EmailAddress

    base = live_server.url
    user = django_user_model.objects.create_user("jo", "jo@example.com", "a-long-password-1")
    EmailAddress.objects.create(user=user, email="jo@example.com", verified=True, primary=True)
    page.goto(base + reverse("account_login"))
    submit_form(page, "Sign in", login="jo@example.com", password="a-long-password-1")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(base + reverse("account_email"))
    assert "jo@example.com" in page.inner_text("main")
    axe(page)

    page.goto(base + reverse("account_change_password"))
    axe(page)
    submit_form(
        page,
        "Change password",
        oldpassword="not-my-password",
        password1="another-long-password-3",
        password2="another-long-password-3",
    )
    page.wait_for_selector(".govuk-error-summary")
    axe(page)
    submit_form(
        page,
        "Change password",
        oldpassword="a-long-password-1",
        password1="another-long-password-3",
        password2="another-long-password-3",
    )
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Password successfully changed"
    )
    user.refresh_from_db()
    assert user.check_password("another-long-password-3")
    axe(page)

    page.goto(base + reverse("account_logout"))
    axe(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)
    axe(page)
