"""Data protection: GET never changes anything, personal data never appears on a public
page, and contact details are erased after the retention period."""

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from consultations import moderation
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    SubmissionFactory,
    london,
    make_meeting,
)
from consultations.management.commands.erase_personal_data import months_before
from consultations.models import Submission

from .conftest import valid_data

pytestmark = pytest.mark.django_db

SECRETS = {
    "email": "jo.secret@example.com",
    "phone": "07700 900461",
    "postcode": "SN10 1XX",
    "organisation": "Secret Residents Association",
}


@pytest.fixture
def published(meeting):
    """A published, answered question whose asker gave every kind of contact detail."""
    submission = SubmissionFactory(
        meeting=meeting,
        name="Jo Bloggs",
        agenda_item=meeting.agenda_items.get(number="6"),
        text="My neighbour at 12 Acacia Avenue says the plan is late. Is it?",
        **SECRETS,
    )
    moderation.accept(submission, None)
    moderation.redact(submission, None, "Is the plan late?")
    moderation.answer(submission, None, "No, it is on time.", "Cllr Jane Scott, Leader")
    moderation.publish(submission, None)
    return submission


def snapshot():
    return (
        list(Submission.objects.order_by("pk").values()),
        ModelLogEntry.objects.count(),
        len(mail.outbox),
    )


# --- GET never changes state --------------------------------------------------------------


def test_no_get_request_changes_anything(client, meeting, published, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    session = client.session
    session["consultations_sent"] = published.pk
    session.save()
    urls = [
        reverse("consultations:submit", args=[meeting.pk]),
        reverse("consultations:submit", args=[meeting.pk]) + "?item=6",
        reverse("consultations:sent", args=[meeting.pk]),
        meeting.url,
        reverse("consultations_export") + f"?meeting={meeting.pk}&format=csv",
        reverse("submissions:index"),
        reverse("submissions:edit", args=[published.pk]),
        reverse("submissions:history", args=[published.pk]),
        reverse("consultations_erase_person") + "?email=jo.secret@example.com&confirm=True",
    ]
    before = snapshot()
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code in (200, 302), url
    assert snapshot() == before


def test_moderation_steps_are_refused_over_get(client, django_user_model, published):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    before = snapshot()
    client.get(reverse("submissions:edit", args=[published.pk]), {"step": "erase"})
    client.get(reverse("submissions:edit", args=[published.pk]), {"step": "unpublish"})
    assert snapshot() == before


def test_the_public_form_refuses_other_methods(client, form_url):
    assert client.put(form_url).status_code == 405
    assert client.delete(form_url).status_code == 405


# --- personal data never public -----------------------------------------------------------


def public_pages(meeting, home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=index)
    return [
        "/",
        meeting.url,
        index.url,
        consultation.url,
        "/sitemap.xml",
        "/search/?q=Bloggs",
        "/search/?q=plan",
        reverse("consultations:submit", args=[meeting.pk]),
    ]


def assert_no_secrets(html, where):
    for field, value in SECRETS.items():
        assert value not in html, f"{field} shown on {where}"
    assert "Acacia Avenue" not in html, f"original (unredacted) text shown on {where}"


def test_a_published_question_shows_the_name_redacted_text_and_answer_only(client, published):
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        html = Client().get(published.meeting.url).content.decode()
    assert "Question from Jo Bloggs" in html
    assert "Is the plan late?" in html
    assert "No, it is on time." in html
    assert "Cllr Jane Scott, Leader" in html
    assert_no_secrets(html, "the meeting page")


def test_personal_data_is_absent_from_every_public_page(published, meeting, home_page):
    anonymous = Client()
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        for url in public_pages(meeting, home_page):
            response = anonymous.get(url)
            assert response.status_code == 200, url
            assert_no_secrets(response.content.decode(), url)


def test_the_meeting_page_never_shows_unpublished_submissions(client, meeting):
    SubmissionFactory(meeting=meeting, name="Sam Hidden", text="Unpublished question text")
    accepted = SubmissionFactory(meeting=meeting, name="Ali Accepted", text="Accepted only")
    moderation.accept(accepted, None)
    html = client.get(meeting.url).content.decode()
    assert "Sam Hidden" not in html and "Ali Accepted" not in html
    assert "Unpublished question text" not in html


def test_the_minutes_include_lists_published_questions_with_names_only(published):
    from django.template.loader import render_to_string

    html = render_to_string(
        "consultations/includes/minutes_participation.html", {"meeting": published.meeting}
    )
    assert "Question from Jo Bloggs" in html and "Is the plan late?" in html
    assert_no_secrets(html, "the minutes include")


def test_the_confirmation_page_does_not_show_the_email_address(client, form_url, meeting):
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        response = client.post(form_url, valid_data(email=SECRETS["email"]), follow=True)
    html = response.content.decode()
    assert Submission.objects.get().reference in html
    assert SECRETS["email"] not in html


def test_form_pages_ask_search_engines_not_to_index_them(client, form_url):
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        html = client.get(form_url).content.decode()
    assert '<meta name="robots" content="noindex">' in html


# --- retention and erasure ----------------------------------------------------------------


def test_months_before_handles_short_months():
    assert months_before(london(2027, 3, 31, 10), 1) == london(2027, 2, 28, 10)
    assert months_before(london(2027, 11, 2, 10), 12) == london(2026, 11, 2, 10)


def test_contact_details_are_erased_twelve_months_after_the_meeting(
    published, meeting, home_page, rule
):
    received = SubmissionFactory(meeting=meeting, name="Sam Sample", text="Never accepted")
    later = make_meeting(home_page, london(2027, 6, 1, 10), rule=rule)
    recent = SubmissionFactory(meeting=later, **{**SECRETS, "email": "recent@example.com"})
    with time_machine.travel(london(2027, 11, 2, 9, 59), tick=False):
        call_command("erase_personal_data", verbosity=0)
    published.refresh_from_db()
    assert published.erased_at is None, "the meeting was less than 12 months ago"
    with time_machine.travel(london(2027, 11, 2, 10, 1), tick=False):
        call_command("erase_personal_data", verbosity=0)
    published.refresh_from_db()
    received.refresh_from_db()
    recent.refresh_from_db()
    for field in SECRETS:
        assert getattr(published, field) == ""
    assert published.ip_hash == "" and published.user is None
    assert published.erased_at is not None
    # The published record is kept: name, public text and answer.
    assert (published.name, published.public_text) == ("Jo Bloggs", "Is the plan late?")
    assert published.answer == "No, it is on time."
    assert "Acacia Avenue" not in published.text
    # Never published: nothing of the person is kept.
    assert received.name == moderation.ERASED_NAME and received.text == ""
    assert recent.email == "recent@example.com"
    html = Client().get(meeting.url).content.decode()
    assert "Question from Jo Bloggs" in html and "No, it is on time." in html


def test_the_retention_period_is_configurable(published, settings):
    settings.CONSULTATIONS_RETENTION_MONTHS = 1
    with time_machine.travel(london(2026, 12, 3, 10), tick=False):
        call_command("erase_personal_data", verbosity=0)
    published.refresh_from_db()
    assert published.erased_at is not None


def test_a_dry_run_erases_nothing(published, capsys):
    with time_machine.travel(london(2028, 1, 1, 10), tick=False):
        call_command("erase_personal_data", "--dry-run")
    assert "1 submission(s) would be erased" in capsys.readouterr().out
    published.refresh_from_db()
    assert published.erased_at is None


def test_erasure_is_logged_and_not_repeated(published):
    with time_machine.travel(london(2028, 1, 1, 10), tick=False):
        call_command("erase_personal_data", verbosity=0)
        call_command("erase_personal_data", verbosity=0)
    entries = ModelLogEntry.objects.filter(action="consultations.erase")
    assert entries.count() == 1
    assert entries.get().data["reason"] == "retention period"
