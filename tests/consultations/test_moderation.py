"""Democratic services' workflow in the Wagtail admin: received -> accepted or rejected ->
answered -> published, with redaction, emails, Wagtail log entries and the export."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from consultations import moderation
from consultations.exports import export_rows, neutralise, to_csv, to_xlsx
from consultations.factories import SubmissionFactory, london, make_meeting
from consultations.forms import meeting_label
from consultations.models import Submission
from consultations.models.submissions import STANDARD_REFUSAL_REASONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model):
    """A democratic services officer: admin access and permission to moderate."""
    user = django_user_model.objects.create_user(
        "officer", "officer@example.gov.uk", "pw", first_name="Dee", last_name="Services"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_submission"),
    )
    return user


@pytest.fixture
def admin_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def submission(meeting):
    return SubmissionFactory(meeting=meeting, text="Will the plan be published?")


def edit_url(submission):
    return reverse("submissions:edit", args=[submission.pk])


def actions(submission):
    return list(
        ModelLogEntry.objects.filter(object_id=str(submission.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


# --- the workflow -------------------------------------------------------------------------


def test_a_question_goes_received_accepted_answered_published(submission, officer):
    moderation.accept(submission, officer)
    moderation.answer(submission, officer, "Yes, in July.", "Cllr Jane Scott, Leader")
    moderation.publish(submission, officer)
    submission.refresh_from_db()
    assert submission.status == "published"
    assert submission.public_text == submission.text
    assert submission.published_at is not None
    assert actions(submission) == [
        "consultations.accept",
        "consultations.answer",
        "consultations.publish",
    ]
    entry = ModelLogEntry.objects.filter(action="consultations.publish").get()
    assert entry.user == officer
    assert entry.timestamp is not None
    assert entry.data == {"from": "answered", "to": "published"}


def test_log_entries_never_hold_personal_data(submission, officer):
    moderation.accept(submission, officer)
    moderation.redact(submission, officer, "Redacted text")
    moderation.erase(submission, officer)
    for entry in ModelLogEntry.objects.filter(object_id=str(submission.pk)):
        flat = f"{entry.label} {entry.data}"
        assert submission.reference in entry.label
        for secret in ("resident", "@example.com", "01225", "BA14", "Redacted text"):
            assert secret not in flat


def test_a_question_cannot_be_published_before_it_is_answered(submission, officer):
    moderation.accept(submission, officer)
    with pytest.raises(moderation.TransitionError):
        moderation.publish(submission, officer)


def test_a_statement_can_be_published_once_accepted(meeting, officer):
    statement = SubmissionFactory(meeting=meeting, kind="statement")
    moderation.accept(statement, officer)
    moderation.publish(statement, officer)
    statement.refresh_from_db()
    assert statement.status == "published"


@pytest.mark.parametrize(
    "step, args",
    [
        ("answer", ("Yes", "Cllr")),
        ("publish", ()),
        ("unpublish", ()),
        ("redact", ("text",)),
    ],
)
def test_a_received_submission_must_be_accepted_first(submission, officer, step, args):
    with pytest.raises(moderation.TransitionError):
        getattr(moderation, step)(submission, officer, *args)


def test_a_refused_submission_cannot_be_accepted_or_published(submission, officer, rule):
    moderation.reject(submission, officer, rule.refusal_reasons.first())
    for step in ("accept", "publish"):
        with pytest.raises(moderation.TransitionError):
            getattr(moderation, step)(submission, officer)


def test_redaction_changes_the_public_text_and_keeps_the_original(submission, officer):
    moderation.accept(submission, officer)
    moderation.redact(submission, officer, "Will the plan be published? [name removed]")
    submission.refresh_from_db()
    assert submission.text == "Will the plan be published?"
    assert submission.public_text == "Will the plan be published? [name removed]"
    assert submission.display_text == submission.public_text


def test_unpublishing_takes_it_back_to_answered(submission, officer):
    moderation.accept(submission, officer)
    moderation.answer(submission, officer, "Yes.", "Cllr")
    moderation.publish(submission, officer)
    moderation.unpublish(submission, officer)
    submission.refresh_from_db()
    assert submission.status == "answered"
    assert submission.published_at is None


# --- emails of each transition ------------------------------------------------------------


def test_accepting_emails_the_person_with_the_note(submission, officer):
    moderation.accept(submission, officer, note="It will be taken at item 6.")
    message = mail.outbox[-1]
    assert message.to == [submission.email]
    assert submission.reference in message.subject and "accepted" in message.subject
    assert "It will be taken at item 6." in message.body


def test_answering_emails_the_answer_once(submission, officer):
    moderation.accept(submission, officer)
    moderation.answer(submission, officer, "Yes, in July.", "Cllr Jane Scott")
    moderation.answer(submission, officer, "Yes, in July 2026.", "Cllr Jane Scott")
    answers = [m for m in mail.outbox if "answer to your" in m.subject.lower()]
    assert len(answers) == 1
    assert "Yes, in July." in answers[0].body
    assert "Cllr Jane Scott" in answers[0].body


def test_publishing_and_redacting_send_no_email(submission, officer):
    moderation.accept(submission, officer)
    moderation.answer(submission, officer, "Yes.", "Cllr")
    count = len(mail.outbox)
    moderation.redact(submission, officer, "Edited")
    moderation.publish(submission, officer)
    assert len(mail.outbox) == count


@pytest.mark.parametrize("position", range(len(STANDARD_REFUSAL_REASONS)))
def test_each_standard_refusal_reason_is_recorded_and_emailed(meeting, rule, officer, position):
    label, description = STANDARD_REFUSAL_REASONS[position]
    reason = rule.refusal_reasons.get(label=label)
    submission = SubmissionFactory(meeting=meeting)
    moderation.reject(submission, officer, reason, note="You could write to the planning team.")
    submission.refresh_from_db()
    assert submission.status == "rejected"
    assert submission.refusal_reason == reason
    assert submission.refusal_reason_label == label
    message = mail.outbox[-1]
    assert message.to == [submission.email]
    assert "cannot accept" in message.subject
    for body in (message.body, message.alternatives[0][0]):
        assert (
            description.split(".")[0].replace("'", "&#x27;") in body
            or description.split(".")[0] in body
        )
    assert f"The reason: {label}" in message.body
    assert "You could write to the planning team." in message.body
    assert actions(submission) == ["consultations.reject"]
    entry = ModelLogEntry.objects.get(action="consultations.reject", object_id=str(submission.pk))
    assert entry.data["reason"] == label


def test_every_new_rule_gets_the_standard_refusal_reasons(rule):
    labels = list(rule.refusal_reasons.values_list("label", flat=True))
    assert labels == [label for label, _ in STANDARD_REFUSAL_REASONS]


def test_the_refusal_reason_wording_is_kept_if_the_reason_is_edited(submission, officer, rule):
    reason = rule.refusal_reasons.first()
    moderation.reject(submission, officer, reason)
    reason.label = "Something else"
    reason.save()
    submission.refresh_from_db()
    assert submission.refusal_reason_label == "It is defamatory"


# --- the admin ----------------------------------------------------------------------------


def test_the_list_filters_by_meeting_status_item_and_type(admin_client, meeting, home_page, rule):
    from consultations.factories import london, make_meeting

    other = make_meeting(home_page, london(2026, 12, 7, 10), rule=rule)
    item = meeting.agenda_items.get(number="6")
    wanted = SubmissionFactory(meeting=meeting, agenda_item=item, kind="statement")
    unwanted = [
        SubmissionFactory(meeting=meeting, kind="question"),
        SubmissionFactory(meeting=meeting, agenda_item=item, kind="statement", status="accepted"),
        SubmissionFactory(meeting=other, agenda_item=None, kind="statement"),
    ]
    url = reverse("submissions:index")
    assert admin_client.get(url).status_code == 200
    response = admin_client.get(
        url,
        {"meeting": meeting.pk, "status": "received", "agenda_item": item.pk, "kind": "statement"},
    )
    html = response.content.decode()
    assert wanted.reference in html
    for submission in unwanted:
        assert submission.reference not in html


def test_the_moderation_page_shows_the_details_and_the_allowed_steps(admin_client, submission):
    html = admin_client.get(edit_url(submission)).content.decode()
    assert submission.email in html
    assert "Will the plan be published?" in html
    assert 'value="accept"' in html and 'value="reject"' in html
    assert 'value="publish"' not in html


def test_each_step_is_a_post_from_the_moderation_page(admin_client, submission, rule):
    url = edit_url(submission)
    admin_client.post(url, {"step": "accept", "accept-note": ""})
    admin_client.post(url, {"step": "redact", "redact-public_text": "Will the plan be out?"})
    admin_client.post(
        url, {"step": "answer", "answer-answer": "Yes.", "answer-answered_by": "Cllr Jane Scott"}
    )
    response = admin_client.post(url, {"step": "publish"}, follow=True)
    assert "Published on the meeting page." in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "published"
    assert submission.public_text == "Will the plan be out?"
    assert submission.answered_by == "Cllr Jane Scott"


def test_refusing_in_the_admin_needs_a_reason_from_the_rule(admin_client, submission, rule):
    url = edit_url(submission)
    response = admin_client.post(url, {"step": "reject", "reject-note": "No"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "received"
    reason = rule.refusal_reasons.get(label__startswith="It repeats")
    admin_client.post(url, {"step": "reject", "reject-refusal_reason": reason.pk})
    submission.refresh_from_db()
    assert submission.status == "rejected"


def test_a_step_not_allowed_now_is_refused(admin_client, submission):
    admin_client.post(edit_url(submission), {"step": "publish"})
    submission.refresh_from_db()
    assert submission.status == "received"


def test_the_history_shows_who_did_what(admin_client, submission, officer):
    admin_client.post(edit_url(submission), {"step": "accept", "accept-note": ""})
    html = admin_client.get(reverse("submissions:history", args=[submission.pk])).content.decode()
    assert "Accepted" in html
    assert "Dee Services" in html


def test_people_without_the_permission_cannot_moderate(client, django_user_model, submission):
    user = django_user_model.objects.create_user("editor2", "e@example.gov.uk", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(edit_url(submission)).status_code in (302, 403)
    client.post(edit_url(submission), {"step": "accept"})
    assert client.get(reverse("consultations_export")).status_code in (302, 403)
    submission.refresh_from_db()
    assert submission.status == "received"


def test_nobody_can_add_or_delete_submissions_in_the_admin(admin_client, django_user_model):
    from django.urls import NoReverseMatch

    for name in ("submissions:add", "submissions:delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1]) if name.endswith("delete") else reverse(name)


# --- export for the agenda supplement -----------------------------------------------------


def test_cells_that_look_like_formulas_are_neutralised():
    assert neutralise('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for start in ("+", "-", "@", "\t"):
        assert neutralise(start + "1").startswith("'")
    assert neutralise("A normal question?") == "A normal question?"
    assert neutralise(None) == ""


def test_the_export_holds_accepted_submissions_and_no_contact_details(meeting, officer):
    accepted = SubmissionFactory(meeting=meeting, name="=cmd|' /C calc'!A0", text="@SUM(1+1)")
    moderation.accept(accepted, officer)
    SubmissionFactory(meeting=meeting, text="Still received")
    refused = SubmissionFactory(meeting=meeting, text="Refused one")
    moderation.reject(
        refused, officer, refused.meeting.committee.participation_rule.refusal_reasons.first()
    )
    rows = export_rows(meeting)
    assert rows[0][0] == "Reference"
    assert len(rows) == 2
    flat = " ".join(rows[1])
    assert "'=cmd" in flat and "'@SUM(1+1)" in flat
    for secret in (accepted.email, accepted.phone, accepted.postcode, accepted.organisation):
        assert secret not in flat
    parsed = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig"))))
    assert parsed == rows


def test_the_xlsx_export_writes_formula_like_cells_as_text(meeting, officer):
    from openpyxl import load_workbook

    accepted = SubmissionFactory(meeting=meeting, text="=1+1")
    moderation.accept(accepted, officer)
    workbook = load_workbook(io.BytesIO(to_xlsx(export_rows(meeting))))
    sheet = workbook.active
    values = [cell.value for cell in sheet[2]]
    assert "'=1+1" in values
    assert all(cell.data_type == "s" for cell in sheet[2] if cell.value)


def test_the_export_view_downloads_csv_and_xlsx(admin_client, meeting, officer):
    accepted = SubmissionFactory(meeting=meeting)
    moderation.accept(accepted, officer)
    url = reverse("consultations_export")
    assert admin_client.get(url).status_code == 200
    as_csv = admin_client.get(url, {"meeting": meeting.pk, "format": "csv"})
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "attachment" in as_csv["Content-Disposition"]
    assert accepted.reference in as_csv.content.decode("utf-8-sig")
    as_xlsx = admin_client.get(url, {"meeting": meeting.pk, "format": "xlsx"})
    assert as_xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = admin_client.get(url, {"meeting": "nonsense", "format": "csv"})
    assert bad.status_code == 200 and "Content-Disposition" not in bad


def test_the_export_page_shows_no_errors_until_submitted_and_names_each_meeting_once(
    admin_client, meeting, home_page, rule
):
    SubmissionFactory(meeting=meeting)
    later = make_meeting(home_page, london(2026, 12, 15, 10, 0), rule=rule)
    SubmissionFactory(meeting=later)
    url = reverse("consultations_export")
    for query in ({}, {"meeting": meeting.pk}, {"meeting": "nonsense"}):
        html = admin_client.get(url, query).content.decode()
        assert "This field is required" not in html, query
        assert "Select a valid choice" not in html, query
    html = admin_client.get(url, {"meeting": meeting.pk}).content.decode()
    assert f'<option value="{meeting.pk}" selected>Cabinet, 2 November 2026</option>' in html
    assert f'<option value="{later.pk}">Cabinet, 15 December 2026</option>' in html
    submitted = admin_client.get(url, {"meeting": "", "format": "csv"}).content.decode()
    assert "This field is required" in submitted


def test_a_meeting_label_adds_the_date_only_to_a_title_without_it():
    from meetings.models import MeetingPage

    start = london(2026, 12, 15, 10, 0)
    assert meeting_label(MeetingPage(title="Cabinet, 15 December 2026", start=start)) == (
        "Cabinet, 15 December 2026"
    )
    assert meeting_label(MeetingPage(title="Budget", start=start)) == "Budget (15 December 2026)"


def test_the_moderation_page_gives_when_it_was_received_in_the_sites_clock(admin_client, meeting):
    submission = SubmissionFactory(meeting=meeting)
    Submission.objects.filter(pk=submission.pk).update(submitted_at=london(2026, 10, 20, 0, 29))
    html = admin_client.get(edit_url(submission)).content.decode()
    assert "12:29am on Tuesday 20 October 2026" in html
    assert "a.m." not in html


# --- erasure on request -------------------------------------------------------------------


def test_erasing_one_persons_data_on_request(admin_client, meeting, officer):
    published = SubmissionFactory(meeting=meeting, email="jo@example.com", name="Jo Bloggs")
    moderation.accept(published, officer)
    moderation.redact(published, officer, "Public version")
    moderation.answer(published, officer, "An answer", "Cllr")
    moderation.publish(published, officer)
    received = SubmissionFactory(meeting=meeting, email="JO@example.com", name="Jo Bloggs")
    someone_else = SubmissionFactory(meeting=meeting, email="sam@example.com")
    url = reverse("consultations_erase_person")
    preview = admin_client.post(url, {"email": "jo@example.com"})
    html = preview.content.decode()
    assert published.reference in html and received.reference in html
    assert someone_else.reference not in html
    assert Submission.objects.filter(erased_at__isnull=False).count() == 0
    admin_client.post(url, {"email": "jo@example.com", "confirm": "True"})
    published.refresh_from_db()
    received.refresh_from_db()
    someone_else.refresh_from_db()
    assert (published.email, published.phone, published.postcode, published.ip_hash) == (
        "",
        "",
        "",
        "",
    )
    assert published.name == "Jo Bloggs" and published.public_text == "Public version"
    assert published.text == "Public version" and published.answer == "An answer"
    assert received.name == moderation.ERASED_NAME and received.text == ""
    assert someone_else.erased_at is None and someone_else.email == "sam@example.com"
    assert "consultations.erase" in actions(published)


def test_the_history_names_the_refusal_reason(admin_client, submission, rule):
    reason = rule.refusal_reasons.get(label__startswith="It is frivolous")
    admin_client.post(edit_url(submission), {"step": "reject", "reject-refusal_reason": reason.pk})
    html = admin_client.get(reverse("submissions:history", args=[submission.pk])).content.decode()
    assert "Not accepted: It is frivolous or offensive" in html


def test_the_editors_group_may_moderate_and_edit_refusal_reasons(django_user_model, submission):
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"change_submission", "add_refusalreason", "change_refusalreason"} <= codenames
    assert "delete_submission" not in codenames


def test_an_officer_can_add_a_refusal_reason_for_a_rule(admin_client, officer, rule):
    officer.user_permissions.add(Permission.objects.get(codename="add_refusalreason"))
    response = admin_client.post(
        reverse("refusal_reasons:add"),
        {
            "rule": rule.pk,
            "label": "It is about a matter before the courts",
            "description": "The council cannot comment on legal proceedings.",
            "sort_order": 60,
        },
    )
    assert response.status_code == 302
    assert rule.refusal_reasons.filter(label__contains="before the courts").exists()
