"""The receipt and decision emails: plain text and HTML, with the reference, the meeting,
the deadline and a copy of the text, and no link that changes anything."""

import re

import pytest
import time_machine
from django.core import mail

from consultations.emails import build_email
from consultations.factories import SubmissionFactory, london

from .conftest import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def before_the_deadline():
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        yield


def links(message):
    html = message.alternatives[0][0] if message.alternatives else ""
    return re.findall(r"https?://\S+", message.body) + re.findall(r'href="([^"]+)"', html)


def test_the_receipt_has_the_reference_meeting_deadline_and_a_copy_of_the_text(
    client, form_url, meeting
):
    text = "Will the council's plan include the Bradford on Avon bypass?"
    client.post(form_url, valid_data(text=text, name="Jo O'Brien"))
    submission = meeting.submissions.get()
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["jo@example.com"]
    assert submission.reference in receipt.subject
    assert "Cabinet, 2 November 2026" in receipt.subject
    for body in (receipt.body, receipt.alternatives[0][0]):
        assert submission.reference in body
        assert "10am on Monday 2 November 2026" in body
        assert "12pm on Tuesday 27 October 2026" in body
        assert "6. Draft Business Plan" in body
    assert text in receipt.body
    assert "Dear Jo O'Brien" in receipt.body
    assert "Will the council&#x27;s plan" in receipt.alternatives[0][0]
    assert receipt.alternatives[0][1] == "text/html"
    assert receipt.reply_to == ["committee@example.gov.uk"]


def test_no_email_contains_a_link_that_changes_anything(client, form_url, meeting, rule):
    """Mail scanners follow links, so the only links are to public pages."""
    from consultations import moderation

    client.post(form_url, valid_data())
    submission = meeting.submissions.get()
    moderation.accept(submission, None)
    moderation.answer(submission, None, "Yes.", "Cllr Jane Scott")
    other = SubmissionFactory(meeting=meeting)
    moderation.reject(other, None, rule.refusal_reasons.first())
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        for link in links(message):
            assert link.startswith(("http://testserver/meetings/", "mailto:")), link  # SITE_URL
            assert "?" not in link and "token" not in link and "confirm" not in link


def test_an_erased_submission_gets_no_email(meeting):
    from consultations.tasks import send_submission_email

    submission = SubmissionFactory(meeting=meeting, email="")
    assert send_submission_email.call(submission.pk, "receipt") is False
    assert mail.outbox == []


def test_an_unknown_email_kind_is_an_error(meeting):
    with pytest.raises(ValueError):
        build_email(SubmissionFactory(meeting=meeting), "unknown")


def test_the_receipt_is_queued_as_a_task_with_the_submission_id(client, form_url, monkeypatch):
    """Production queues emails for the worker, so a slow mail server never slows the form;
    the task gets the id (task arguments must be JSON), after the transaction."""
    from consultations import tasks

    queued = []

    class FakeTask:
        def enqueue(self, *args):
            queued.append(args)

    monkeypatch.setattr(tasks, "send_submission_email", FakeTask())
    client.post(form_url, valid_data())
    from consultations.models import Submission

    assert queued == [(Submission.objects.get().pk, "receipt")]
    assert mail.outbox == []
