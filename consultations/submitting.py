"""Storing a resident's submission: the limits that need the database, and the reference.

Everything happens in one transaction that first locks the meeting's row, so two
submissions from the same person at the same moment cannot both slip under the limit
(PostgreSQL; SQLite's IMMEDIATE transactions already serialise writers).
"""

from dataclasses import dataclass

from django.db import connection, transaction
from wagtail.log_actions import log

from .models import Submission


class SubmissionRefused(Exception):
    """A limit of the committee's rule refused the submission; the message says which."""


@dataclass
class NewSubmission:
    """What the form collected, with the request's context."""

    meeting: object
    rule: object
    data: dict
    user: object = None
    ip_hash: str = ""


def _lock_meeting(meeting):
    """Serialise submissions to one meeting for the rest of the transaction."""
    if not connection.features.has_select_for_update:
        return
    from meetings.models import MeetingPage

    list(
        MeetingPage.objects.select_for_update(of=("self",))
        .filter(pk=meeting.pk)
        .values_list("pk", flat=True)
    )


def limit_message(rule):
    """Plain English for the per-person limit."""
    limit = rule.max_per_person
    things = "question or statement" if limit == 1 else "questions or statements"
    return (
        f"You have already sent {limit} {things} for this meeting, which is the most one "
        "person can send. Contact democratic services if you need to change one."
    )


DUPLICATE_MESSAGE = (
    "You have already sent this question or statement for this meeting. We emailed you a "
    "receipt with its reference number."
)


def store(new):
    """Check the per-person limit and duplicates, then save and number the submission.

    Raises SubmissionRefused with a message for the person if a limit applies.
    """
    data = new.data
    email = data["email"]
    with transaction.atomic():
        _lock_meeting(new.meeting)
        theirs = Submission.objects.filter(meeting=new.meeting).counting_towards_limit()
        same_person = theirs.filter(email__iexact=email)
        if new.user is not None:
            same_person = theirs.filter(user=new.user) | same_person
        if same_person.filter(text_hash=Submission.fingerprint(data["text"])).exists():
            raise SubmissionRefused(DUPLICATE_MESSAGE)
        if same_person.count() >= new.rule.max_per_person:
            raise SubmissionRefused(limit_message(new.rule))
        item = data.get("agenda_item")
        submission = Submission.objects.create(
            meeting=new.meeting,
            agenda_item=item,
            agenda_item_label=str(item) if item else "",
            kind=data["kind"],
            name=data["name"],
            email=email,
            phone=data.get("phone", ""),
            postcode=data.get("postcode", ""),
            lives_or_works_in_area=data.get("lives_or_works_in_area"),
            organisation=data.get("organisation", ""),
            text=data["text"],
            wants_written_answer=data.get("wants_written_answer", False),
            user=new.user,
            ip_hash=new.ip_hash,
        )
        submission.reference = submission.make_reference()
        submission.save(update_fields=["reference"])
        log(
            instance=submission,
            action="consultations.receive",
            user=new.user,
            data={"status": submission.status},
        )
    return submission
