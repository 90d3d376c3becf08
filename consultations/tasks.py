"""Background tasks: emails go through the task queue so a slow mail server never slows the
form down (tests use the immediate backend, so they see the email at once)."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_submission_email(submission_id, kind):
    """Send the `kind` email (receipt, accepted, rejected, answered) for a submission.

    Takes the id, not the object, because task arguments must be JSON. Does nothing if the
    submission has gone or its email address has been erased.
    """
    from .emails import build_email
    from .models import Submission

    submission = (
        Submission.objects.select_related("meeting", "agenda_item", "refusal_reason")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or not submission.email:
        logger.info("No email sent for submission %s: gone or erased", submission_id)
        return False
    build_email(submission, kind).send()
    return True


def queue_email(submission, kind):
    """Queue an email. Call after the transaction that changed the submission has ended,
    so the worker sees the change."""
    if submission.email:
        send_submission_email.enqueue(submission.pk, kind)
