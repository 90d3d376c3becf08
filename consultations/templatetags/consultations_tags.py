"""Template helpers for the participation parts of meeting pages.

Meeting templates belong to the meetings app; these tags let its includes ask about
questions and statements without the meetings app knowing this one exists.
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils import timezone

from meetings.deadlines import format_deadline, is_before_deadline

from ..models import Submission
from ..rules import meeting_rule

register = template.Library()


@register.filter
def deadline_text(value):
    """'12pm on Tuesday 27 October 2026' for an aware datetime, in UK time."""
    return format_deadline(value) if value else ""


@register.simple_tag(takes_context=True)
def meeting_accepts_submissions(context, meeting):
    """Whether the meeting takes submissions now, reusing the page's own answer if the
    meeting template already worked it out."""
    if "accepts_submissions" in context and context.get("page") is meeting:
        return bool(context["accepts_submissions"])
    cached = getattr(meeting, "_consultations_accepts", None)
    if cached is None:
        cached = meeting.accepts_submissions(timezone.now())
        meeting._consultations_accepts = cached
    return cached


@register.simple_tag
def submission_url(meeting, item=None):
    """The form's address, pre-selecting `item` if given."""
    url = reverse("consultations:submit", args=[meeting.pk])
    if item is not None and getattr(item, "number", ""):
        url += f"?item={item.number}"
    return url


@register.simple_tag
def deadlines_with_state(meeting):
    """[(label, deadline, still open)] for each of the meeting's participation deadlines,
    earliest first: questions may close days before statements, so a list must show both."""
    now = timezone.now()
    return [
        (label, when, is_before_deadline(now, when))
        for label, when in sorted(meeting.participation_deadlines(), key=lambda pair: pair[1])
    ]


@register.simple_tag
def participation_rule(meeting):
    """The meeting's participation rule (for word limits and notes), or None."""
    return meeting_rule(meeting)


@dataclass(frozen=True)
class PublicRecord:
    """What the public may see of a published submission, and nothing else: templates
    never get the model, so they cannot show an email address or postcode by mistake."""

    kind: str
    is_question: bool
    item: str
    item_anchor: str
    name: str
    text: str
    answer: str
    answered_by: str


def public_records(meeting):
    """Published questions and statements for the meeting, in the order received."""
    records = []
    for submission in (
        Submission.objects.published()
        .filter(meeting=meeting)
        .select_related("agenda_item")
        .order_by("submitted_at", "pk")
    ):
        item = submission.agenda_item
        records.append(
            PublicRecord(
                kind=submission.get_kind_display(),
                is_question=submission.is_question,
                item=submission.item_display if (item or submission.agenda_item_label) else "",
                item_anchor=item.anchor if item is not None else "",
                name=submission.name,
                text=submission.display_text,
                answer=submission.answer,
                answered_by=submission.answered_by,
            )
        )
    return records


@register.simple_tag
def published_submissions(meeting):
    """Published questions and statements for the meeting (as PublicRecord)."""
    return public_records(meeting)
