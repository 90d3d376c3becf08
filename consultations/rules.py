"""What a committee's participation rule means for one meeting, as plain functions.

These would be methods on the meetings models, but the meetings app does not depend on
this one, so they live here and take the meeting (or rule) as their first argument.
"""

import datetime
import difflib
import re

from django.utils import timezone

from meetings.exempt import PART_II

#: The same characters GOV.UK Frontend's character count treats as word separators.
_WORD = re.compile(r"\S+")


def count_words(text):
    """Count words the way the GOV.UK character count does, so both agree on the limit."""
    return len(_WORD.findall(text or ""))


def meeting_rule(meeting):
    """The participation rule of the meeting's committee, or None if the public cannot
    take part."""
    committee = meeting.committee
    return committee.participation_rule if committee else None


def public_agenda_items(meeting):
    """Part I agenda items in order: the ones a question or statement may be about."""
    return [item for item in meeting.agenda_items.all() if item.part != PART_II]


def find_agenda_item(meeting, number):
    """The public agenda item numbered `number` (e.g. '6'), or None."""
    for item in public_agenda_items(meeting):
        if item.number == number:
            return item
    return None


def takes_submissions(meeting):
    """Whether the meeting has public participation at all (a rule and a deadline)."""
    return meeting_rule(meeting) is not None and bool(meeting.participation_deadlines())


def meetings_taking_submissions(now=None, within_days=120):
    """Live public meetings still accepting questions, soonest first."""
    from meetings.models import MeetingPage

    now = now or timezone.now()
    upcoming = (
        MeetingPage.objects.live()
        .public()
        .filter(start__gte=now, start__lte=now + datetime.timedelta(days=within_days))
        .order_by("start")
    )
    return [meeting for meeting in upcoming if meeting.accepts_submissions(now)]


def ensure_standard_refusal_reasons(rule):
    """Give a participation rule the standard refusal reasons it does not already have."""
    from consultations.models import RefusalReason
    from consultations.models.submissions import STANDARD_REFUSAL_REASONS

    existing = set(rule.refusal_reasons.values_list("label", flat=True))
    for position, (label, description) in enumerate(STANDARD_REFUSAL_REASONS, start=1):
        if label not in existing:
            RefusalReason.objects.create(
                rule=rule, label=label, description=description, sort_order=position * 10
            )


def refusal_reasons_for(submission):
    """The reasons officers may choose from: those of the meeting's rule, else all."""
    from consultations.models import RefusalReason

    rule = meeting_rule(submission.meeting)
    reasons = RefusalReason.objects.select_related("rule")
    if rule is not None and rule.refusal_reasons.exists():
        return reasons.filter(rule=rule)
    return reasons.all()


def possible_repeats(submission, months=6, threshold=0.6):
    """Questions to the same committee answered in the last `months` months whose text is
    similar to this one, to help officers apply the 'repeats a question' reason."""
    from consultations.models import Submission
    from consultations.models.submissions import ANSWERED, PUBLISHED

    committee = submission.meeting.committee
    if committee is None:
        return []
    since = submission.submitted_at - datetime.timedelta(days=round(months * 30.44))
    candidates = (
        Submission.objects.filter(
            status__in=[ANSWERED, PUBLISHED],
            meeting__path__startswith=committee.path,
            submitted_at__gte=since,
        )
        .exclude(pk=submission.pk)
        .select_related("meeting")
    )
    ours = " ".join(submission.text.lower().split())
    found = []
    for candidate in candidates:
        theirs = " ".join(candidate.display_text.lower().split())
        ratio = difflib.SequenceMatcher(None, ours, theirs).ratio()
        if ratio >= threshold:
            found.append((candidate, round(ratio * 100)))
    return sorted(found, key=lambda pair: -pair[1])[:5]
