"""The question and statement form: GOV.UK markup, errors that keep what people typed, the
committee rule's limits, and the reference number on success."""

import re

import pytest
import time_machine
from django.urls import reverse

from consultations.factories import SubmissionFactory, london, make_meeting, make_rule
from consultations.forms import normalise_postcode
from consultations.models import Submission
from consultations.rules import count_words

from .conftest import valid_data

pytestmark = pytest.mark.django_db

BEFORE_DEADLINE = london(2026, 10, 20, 9, 0)


@pytest.fixture(autouse=True)
def before_the_deadline():
    with time_machine.travel(BEFORE_DEADLINE, tick=False):
        yield


def error_summary(html):
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    return match.group(0) if match else ""


def test_the_form_uses_gov_uk_components(client, form_url):
    html = client.get(form_url).content.decode()
    assert 'data-module="govuk-character-count" data-maxwords="500"' in html
    assert 'class="govuk-radios"' in html
    assert 'class="govuk-checkboxes govuk-checkboxes--small"' in html
    assert 'autocomplete="email"' in html
    assert "<title>Submit a question or statement" in html
    assert html.count("<h1") == 1


def test_the_agenda_offers_public_items_and_general_but_never_exempt_items(client, form_url):
    html = client.get(form_url).content.decode()
    assert "6. Draft Business Plan" in html
    assert 'value="general"' in html
    assert "Neutral vendor contract" not in html


def test_the_honeypot_is_hidden_from_everyone_and_out_of_the_tab_order(client, form_url):
    html = client.get(form_url).content.decode()
    honeypot = re.search(
        r'<div class="govuk-visually-hidden" aria-hidden="true">.*?</div>', html, re.S
    )
    assert honeypot
    assert 'tabindex="-1"' in honeypot.group(0)
    assert 'autocomplete="off"' in honeypot.group(0)


def test_an_empty_form_gets_an_error_summary_linking_to_each_field(client, form_url):
    response = client.post(form_url, {"started": valid_data()["started"]})
    html = response.content.decode()
    summary = error_summary(html)
    assert "<title>Error: Submit a question or statement" in html
    for field_id, message in [
        ("name", "Enter your full name"),
        ("email", "Enter your email address"),
        ("kind", "Select whether you are asking a question or making a statement"),
        ("agenda_item", "Select the agenda item it is about"),
        ("text", "Enter your question or statement"),
        ("consent", "Confirm that you have read the privacy notice"),
    ]:
        assert f'<a href="#{field_id}">{message}' in summary
    assert "govuk-form-group--error" in html
    assert 'aria-describedby="text-info text-hint text-error"' in html
    assert Submission.objects.count() == 0


def test_errors_keep_everything_the_person_typed(client, form_url):
    data = valid_data(email="not-an-email", organisation="Bradford on Avon Society")
    html = client.post(form_url, data).content.decode()
    assert "Enter an email address in the correct format" in html
    assert 'value="Jo Bloggs"' in html
    assert 'value="not-an-email"' in html
    assert 'value="Bradford on Avon Society"' in html
    assert data["text"] in html
    assert 'value="question" checked' in html
    assert 'value="6" checked' in html
    assert (
        'id="wants_written_answer" name="wants_written_answer" type="checkbox" value="on" checked'
        in html
    )


def test_a_valid_form_stores_one_submission_and_shows_the_reference(client, meeting, form_url):
    response = client.post(form_url, valid_data(), follow=True)
    submission = Submission.objects.get()
    html = response.content.decode()
    assert submission.reference == f"Q-2026-{submission.pk:04d}"
    assert f'<strong id="reference">{submission.reference}</strong>' in html
    assert submission.meeting == meeting
    assert submission.agenda_item.number == "6"
    assert submission.status == "received"
    assert submission.wants_written_answer is True
    assert submission.ip_hash and "127.0.0.1" not in submission.ip_hash
    assert submission.user is None


def test_a_statement_gets_an_s_reference(client, form_url):
    client.post(form_url, valid_data(kind="statement", agenda_item="general"))
    submission = Submission.objects.get()
    assert submission.reference.startswith("S-2026-")
    assert submission.agenda_item is None


def test_the_confirmation_is_only_for_the_browser_that_sent_it(client, meeting, form_url):
    client.post(form_url, valid_data())
    sent_url = reverse("consultations:sent", args=[meeting.pk])
    from django.test import Client

    stranger = Client().get(sent_url)
    assert stranger.status_code == 302
    assert Submission.objects.get().reference not in stranger.content.decode()


# --- the committee rule's limits ----------------------------------------------------------


def test_the_word_limit_comes_from_the_rule_and_counts_like_the_character_count(client, home_page):
    rule = make_rule(name="Short rule", word_limit=25)
    meeting = make_meeting(
        home_page, london(2026, 11, 2, 10), rule=rule, committee_title="Scrutiny"
    )
    url = reverse("consultations:submit", args=[meeting.pk])
    assert 'data-maxwords="25"' in client.get(url).content.decode()
    exactly = " ".join(["word"] * 25)
    over = exactly + " extra"
    assert count_words("  one\ntwo\tthree  ") == 3
    response = client.post(url, valid_data(text=over))
    assert "must be 25 words or fewer. It has 26 words." in response.content.decode()
    assert over in response.content.decode()
    assert client.post(url, valid_data(text=exactly)).status_code == 302


def test_one_person_may_send_only_as_many_as_the_rule_allows(client, form_url, meeting):
    assert client.post(form_url, valid_data(text="First question?")).status_code == 302
    assert client.post(form_url, valid_data(text="Second question?")).status_code == 302
    response = client.post(form_url, valid_data(text="Third question?", email="JO@example.com"))
    html = response.content.decode()
    assert "You have already sent 2 questions or statements for this meeting" in html
    assert "Third question?" in html
    assert Submission.objects.filter(meeting=meeting).count() == 2


def test_refused_submissions_do_not_count_towards_the_limit(client, form_url, meeting):
    SubmissionFactory(meeting=meeting, email="jo@example.com", status="rejected")
    SubmissionFactory(meeting=meeting, email="jo@example.com", status="rejected")
    assert client.post(form_url, valid_data()).status_code == 302


def test_the_limit_also_counts_a_signed_in_residents_other_addresses(
    client, form_url, meeting, django_user_model
):
    user = django_user_model.objects.create_user("resident", "jo@example.com", "pw")
    SubmissionFactory(meeting=meeting, email="old@example.com", user=user)
    SubmissionFactory(meeting=meeting, email="older@example.com", user=user)
    client.force_login(user)
    response = client.post(form_url, valid_data(email="new@example.com"))
    assert "You have already sent 2" in response.content.decode()


def test_a_rule_for_residents_only_asks_for_postcode_and_refuses_outsiders(client, home_page):
    rule = make_rule(name="Planning rules", must_live_or_work_in_area=True)
    meeting = make_meeting(
        home_page, london(2026, 11, 2, 10), rule=rule, committee_title="Planning"
    )
    url = reverse("consultations:submit", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert 'autocomplete="postal-code"' in html
    assert "Do you live or work in the Wiltshire Council area?" in html
    missing = client.post(url, valid_data()).content.decode()
    assert "Enter your postcode" in missing
    assert "Select yes if you live or work in the Wiltshire Council area" in missing
    outsider = client.post(
        url, valid_data(postcode="SW1A 1AA", lives_or_works_in_area="no")
    ).content.decode()
    assert "Only people who live or work in the Wiltshire Council area" in outsider
    bad = client.post(url, valid_data(postcode="nonsense", lives_or_works_in_area="yes"))
    assert "Enter a real postcode" in bad.content.decode()
    ok = client.post(url, valid_data(postcode="ba148jn", lives_or_works_in_area="yes"))
    assert ok.status_code == 302
    submission = Submission.objects.get()
    assert submission.postcode == "BA14 8JN"
    assert submission.lives_or_works_in_area is True


def test_a_rule_without_the_residency_requirement_does_not_ask_for_a_postcode(client, form_url):
    assert 'name="postcode"' not in client.get(form_url).content.decode()


@pytest.mark.parametrize(
    "raw, expected",
    [("ba14 8jn", "BA14 8JN"), ("SW1A1AA", "SW1A 1AA"), ("M1 1AE", "M1 1AE"), ("12345", None)],
)
def test_postcodes_are_normalised_or_rejected(raw, expected):
    assert normalise_postcode(raw) == expected


def test_a_meeting_without_a_rule_has_no_form(client, home_page):
    meeting = make_meeting(home_page, london(2026, 11, 2, 10), rule=None, committee_title="Council")
    assert client.get(reverse("consultations:submit", args=[meeting.pk])).status_code == 404


def test_a_draft_meeting_has_no_form(client, meeting, form_url):
    meeting.unpublish()
    assert client.get(form_url).status_code == 404


# --- signed-in residents ------------------------------------------------------------------


def test_a_signed_in_resident_gets_their_details_filled_in(
    client, form_url, meeting, django_user_model
):
    user = django_user_model.objects.create_user(
        "resident", "jo@example.com", "pw", first_name="Jo", last_name="Bloggs"
    )
    client.force_login(user)
    html = client.get(form_url).content.decode()
    assert 'value="jo@example.com"' in html
    assert 'value="Jo Bloggs"' in html
    client.post(form_url, valid_data(phone="07700 900123", name="Jo Bloggs-Smith"))
    assert Submission.objects.get().user == user
    html = client.get(form_url).content.decode()
    assert 'value="07700 900123"' in html
    assert 'value="Jo Bloggs-Smith"' in html


def test_submitting_without_an_account_stays_possible(client, form_url):
    html = client.get(form_url).content.decode()
    assert "You do not need an account" in html
    assert client.post(form_url, valid_data()).status_code == 302
