"""The moderation workflow: received -> accepted or rejected -> answered -> published.

Each step is a function that checks the step is allowed from the current status, saves,
writes a Wagtail log entry (who and when; never personal data, because log entries
outlive erasure) and queues the email the person should get.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import LogFormatter, log

from .models import Submission
from .models.submissions import ACCEPTED, ANSWERED, PUBLISHED, RECEIVED, REJECTED
from .tasks import queue_email

ERASED_NAME = "Name removed"


class TransitionError(Exception):
    """The step is not allowed from the submission's current status."""


#: Which steps each status allows, for the admin's buttons and the checks below.
ALLOWED = {
    RECEIVED: {"accept", "reject", "erase"},
    ACCEPTED: {"reject", "answer", "redact", "publish", "erase"},
    ANSWERED: {"answer", "redact", "publish", "erase"},
    PUBLISHED: {"answer", "redact", "unpublish", "erase"},
    REJECTED: {"erase"},
}


def allowed_steps(submission):
    """The steps an officer may take now. Questions need an answer before publishing."""
    steps = set(ALLOWED[submission.status])
    if submission.is_question and submission.status == ACCEPTED:
        steps.discard("publish")
    if submission.is_erased:
        steps.discard("erase")
    return steps


def _locked(submission, step):
    """Re-read the submission under a row lock and check the step is allowed."""
    current = Submission.objects.select_for_update().get(pk=submission.pk)
    if step not in allowed_steps(current):
        raise TransitionError(
            f"You cannot {step} a submission that is {current.get_status_display().lower()}."
        )
    return current


def _log(submission, action, user, previous_status, **data):
    log(
        instance=submission,
        action=action,
        user=user,
        data={"from": previous_status, "to": submission.status, **data},
    )


def accept(submission, user, note=""):
    """Accept it for the meeting; the public text starts as the original text."""
    with transaction.atomic():
        current = _locked(submission, "accept")
        previous = current.status
        current.status = ACCEPTED
        current.note = note
        if not current.public_text:
            current.public_text = current.text
        current.save()
        _log(current, "consultations.accept", user, previous)
    queue_email(current, "accepted")
    return current


def reject(submission, user, reason, note=""):
    """Refuse it with one of the rule's reasons (and an optional note), and tell them."""
    with transaction.atomic():
        current = _locked(submission, "reject")
        previous = current.status
        current.status = REJECTED
        current.refusal_reason = reason
        current.refusal_reason_label = reason.label
        current.note = note
        current.save()
        _log(current, "consultations.reject", user, previous, reason=reason.label)
    queue_email(current, "rejected")
    return current


def answer(submission, user, text, answered_by):
    """Record the answer and who gave it; the person is emailed the first time."""
    with transaction.atomic():
        current = _locked(submission, "answer")
        previous = current.status
        first_answer = not current.answer
        current.answer = text
        current.answered_by = answered_by
        if current.status == ACCEPTED:
            current.status = ANSWERED
        current.save()
        _log(current, "consultations.answer", user, previous, answered_by=answered_by)
    if first_answer:
        queue_email(current, "answered")
    return current


def redact(submission, user, public_text):
    """Change the text that is published; the original is kept as it was sent."""
    with transaction.atomic():
        current = _locked(submission, "redact")
        previous = current.status
        current.public_text = public_text
        current.save()
        _log(current, "consultations.redact", user, previous)
    return current


def publish(submission, user):
    """Show it (name, public text, answer) on the meeting page."""
    with transaction.atomic():
        current = _locked(submission, "publish")
        previous = current.status
        if not current.public_text.strip():
            raise TransitionError("Give the text to publish before publishing.")
        current.status = PUBLISHED
        current.published_at = timezone.now()
        current.save()
        _log(current, "consultations.publish", user, previous)
    return current


def unpublish(submission, user):
    """Take it off the meeting page again."""
    with transaction.atomic():
        current = _locked(submission, "unpublish")
        previous = current.status
        current.status = ANSWERED if current.answer else ACCEPTED
        current.published_at = None
        current.save()
        _log(current, "consultations.unpublish", user, previous)
    return current


def erase(submission, user=None, reason="request"):
    """Erase the person's personal data.

    Contact details always go. A published record keeps the name, public text and answer
    (the original text is replaced by the public one, which may have been redacted); an
    unpublished one loses its name and text too, since there is no public record to keep.
    """
    with transaction.atomic():
        current = _locked(submission, "erase")
        current.email = ""
        current.phone = ""
        current.postcode = ""
        current.organisation = ""
        current.lives_or_works_in_area = None
        current.ip_hash = ""
        current.user = None
        if current.status == PUBLISHED:
            current.text = current.public_text or current.text
        else:
            current.name = ERASED_NAME
            current.text = ""
            current.public_text = ""
            current.note = ""
            current.answer = ""
        current.erased_at = timezone.now()
        current.save()
        _log(current, "consultations.erase", user, current.status, reason=reason)
    return current


class RejectFormatter(LogFormatter):
    """Shows the refusal reason in the history, e.g. 'Not accepted: It is defamatory'."""

    label = "Refuse submission"

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason")
        return f"Not accepted: {reason}" if reason else "Not accepted"


def register_log_actions(actions):
    """Name each workflow step in Wagtail's history views and reports."""
    actions.register_action("consultations.reject")(RejectFormatter)
    for action, label, message in [
        ("consultations.receive", "Receive submission", "Received from the public form"),
        ("consultations.accept", "Accept submission", "Accepted"),
        ("consultations.answer", "Answer submission", "Answer recorded"),
        ("consultations.redact", "Redact submission", "Public text edited"),
        ("consultations.publish", "Publish submission", "Published on the meeting page"),
        ("consultations.unpublish", "Unpublish submission", "Removed from the meeting page"),
        ("consultations.erase", "Erase personal data", "Personal data erased"),
    ]:
        actions.register_action(action, label, message)
