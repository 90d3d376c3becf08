"""Email alerts: tell followers when an agenda or minutes are published, when a meeting is
moved, postponed or cancelled, and when a consultation opens.

How a change is found: Wagtail keeps a page's live content in its database row until a
publish writes the new version (saving a draft only stores a revision), so the row read
just before the publish's save (`remember_previous`, on `pre_save`) is the previously
live version. `page_published` then compares it with what is now live
(`meeting_changes`, `minutes_changes`, `consultation_changes`).

How each follower gets each change exactly once: sending is a background task
(`meetings.tasks.send_alerts`, queued after the publish commits), and before each email it
records an `AlertSent` row keyed by person, meeting (or consultation), kind of change and
the meeting's calendar sequence. Republishing, or running the task twice, finds the row
and sends nothing. If sending fails the row is rolled back, so a retry sends it.

Unsubscribing: every email carries a signed link to a page whose form POSTs (and a
`List-Unsubscribe` header for one-click unsubscribe in mail apps, RFC 8058). Opening the
link changes nothing, because mail scanners open links.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from home.public_address import absolute_url, page_url, sender_address
from meetings.deadlines import LONDON, format_date, format_deadline
from meetings.models.subscriptions import AlertSent

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "meetings.alerts.unsubscribe"
PREVIOUS = "_alerts_previous"
MEETING_SNAPSHOT_FIELDS = (
    "live",
    "first_published_at",
    "start",
    "venue_id",
    "status",
    "agenda_is_published",
)


# --- finding what changed ----------------------------------------------------------------


def remember_previous(instance, fields=("live", "first_published_at")):
    """Keep the page's current database row (its previous live version) on the instance,
    for the `page_published` handler to compare with."""
    previous = None
    if instance.pk is not None:
        previous = type(instance).objects.filter(pk=instance.pk).values(*fields).first()
    setattr(instance, PREVIOUS, previous)


def _was_live(previous):
    """True if the previous version had been published and was live."""
    return bool(previous and previous.get("live") and previous.get("first_published_at"))


def meeting_changes(previous, meeting, now=None):
    """[(kind, key)] of alertable changes between the previous live version and `meeting`.

    Only upcoming meetings are alerted (loading history must not email anyone); `key` is
    the meeting's sequence for moves, postponements and cancellations, which each raise
    it, and 0 for the agenda, which is published once.
    """
    from meetings.models.meetings import CANCELLED, POSTPONED

    if not meeting.live:
        return []
    now = now or timezone.now()
    was_live = _was_live(previous)
    upcoming = meeting.start >= now
    changes = []
    off = (CANCELLED, POSTPONED)
    if (
        upcoming
        and meeting.agenda_is_published
        and meeting.status not in off
        and not (was_live and previous["agenda_is_published"])
    ):
        changes.append((AlertSent.AGENDA, 0))
    if not was_live:
        return changes
    if meeting.status in off and previous["status"] != meeting.status and upcoming:
        changes.append((meeting.status, meeting.sequence))
    elif meeting.status not in off and (
        previous["start"] != meeting.start or previous["venue_id"] != meeting.venue_id
    ):
        if upcoming or previous["start"] >= now:
            changes.append((AlertSent.MOVED, meeting.sequence))
    return changes


def minutes_changes(previous, minutes):
    """[(kind, key)]: minutes alert once, when they are first made live."""
    if minutes.live and not _was_live(previous):
        return [(AlertSent.MINUTES, 0)]
    return []


def consultation_changes(previous, consultation):
    """[(kind, key)]: a consultation alerts once, when it is first made live."""
    if consultation.live and not _was_live(previous):
        return [(AlertSent.CONSULTATION, 0)]
    return []


def queue_alerts(page_id, changes):
    """Queue one task per change once the publish has committed, so the worker sees it."""
    from meetings.tasks import send_alerts

    for kind, key in changes:
        transaction.on_commit(
            lambda kind=kind, key=key: send_alerts.enqueue(page_id=page_id, kind=kind, key=key),
            robust=True,
        )


# --- links -------------------------------------------------------------------------------


def unsubscribe_token(follow):
    """A signed token naming one follow (committee or consultations), for a link that
    works without signing in."""
    from meetings.models import CommitteeFollow

    kind = "committee" if isinstance(follow, CommitteeFollow) else "consultations"
    return signing.dumps({"k": kind, "id": follow.pk, "u": follow.user_id}, salt=UNSUBSCRIBE_SALT)


def follow_for_token(token):
    """(kind, follow or None) for a token; raises signing.BadSignature if forged."""
    from meetings.models import CommitteeFollow, ConsultationFollow

    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    model = CommitteeFollow if data.get("k") == "committee" else ConsultationFollow
    follow = (
        model.objects.select_related(
            *(["committee", "user"] if model is CommitteeFollow else ["user"])
        )
        .filter(pk=data.get("id"), user_id=data.get("u"))
        .first()
    )
    return data.get("k"), follow


# --- composing and sending ---------------------------------------------------------------


def _council(site=None):
    """The council's settings for the default site, for the email's wording."""
    from wagtail.models import Site

    from home.models import CouncilSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    return CouncilSettings.for_site(site) if site else None


def meeting_context(meeting, kind, minutes=None):
    """What the meeting alert templates show: when and where, why, and the Part I agenda
    (a Part II title is never put in an email)."""
    from meetings.exempt import PART_I, PART_II

    committee = meeting.committee
    venue = meeting.effective_venue
    items = list(meeting.agenda_items.all())
    local = timezone.localtime(meeting.start, LONDON)
    return {
        "kind": kind,
        "meeting": meeting,
        "committee": committee,
        "committee_title": committee.title if committee else "",
        "meeting_when": format_deadline(meeting.start),
        "meeting_day": format_date(local.date(), weekday=True),
        "previous_when": format_deadline(meeting.previous_start) if meeting.previous_start else "",
        "venue": venue.full_address if venue else "",
        "reason": meeting.status_reason,
        "items": [item for item in items if item.part == PART_I],
        "has_private_items": any(item.part == PART_II for item in items),
        "page_url": page_url(minutes or meeting),
        "meeting_url": page_url(meeting),
    }


def consultation_context(consultation):
    """What the consultation alert templates show."""
    return {
        "kind": AlertSent.CONSULTATION,
        "consultation": consultation,
        "opens": format_date(consultation.opens_on, weekday=True),
        "closes": format_deadline(consultation.closes_at),
        "page_url": page_url(consultation),
    }


def base_context():
    """The parts of every alert that are the same for each follower (looked up once)."""
    council = _council()
    return {
        "council_name": council.council_name if council else settings.WAGTAIL_SITE_NAME,
        "from_email": sender_address(),
    }


def build_alert_email(context, follow, connection=None):
    """The plain-text email with an HTML alternative, with unsubscribe link and headers.

    `context` is the change's context merged with `base_context()`.
    """
    unsubscribe_url = absolute_url(
        reverse("meetings:unsubscribe", args=[unsubscribe_token(follow)])
    )
    context = {
        **context,
        "unsubscribe_url": unsubscribe_url,
        "manage_url": absolute_url(reverse("meetings:alerts")),
    }
    subject = " ".join(render_to_string("emails/meetings/alert_subject.txt", context).split())
    text = render_to_string("emails/meetings/alert.txt", context)
    html = render_to_string("emails/meetings/alert.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=context.get("from_email") or sender_address(),
        to=[follow.user.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _recipients(page_id, kind):
    """(page the alert is about, template context, follows to email), or None if there
    is nothing public to tell anyone about."""
    from meetings.calendars import consultation_model
    from meetings.models import CommitteeFollow, ConsultationFollow, MeetingPage, MinutesPage

    if kind == AlertSent.CONSULTATION:
        model = consultation_model()
        page = model and model.objects.live().public().filter(pk=page_id).first()
        if page is None:
            return None
        follows = ConsultationFollow.objects.select_related("user")
        return page, consultation_context(page), follows
    meeting = MeetingPage.objects.live().public().filter(pk=page_id).first()
    committee = meeting.committee if meeting else None
    if meeting is None or committee is None or not committee.live:
        return None
    minutes = None
    if kind == AlertSent.MINUTES:
        minutes = MinutesPage.objects.child_of(meeting).live().public().first()
        if minutes is None:
            return None
    follows = CommitteeFollow.objects.filter(committee=committee).select_related(
        "user", "committee"
    )
    return meeting, meeting_context(meeting, kind, minutes), follows


def send_alerts(page_id, kind, key):
    """Email every follower about one change, once each. Returns how many were sent."""
    found = _recipients(page_id, kind)
    if found is None:
        return 0
    page, context, follows = found
    context = {**base_context(), **context}
    sent = 0
    with get_connection() as connection:
        for follow in follows.order_by("pk"):
            user = follow.user
            if not (user.is_active and user.email):
                continue
            try:
                with transaction.atomic():
                    _, created = AlertSent.objects.get_or_create(
                        user=user, page_id=page.pk, kind=kind, key=key
                    )
                    if not created:
                        continue
                    build_alert_email(context, follow, connection).send()
            except Exception:
                # One bad address must not stop the rest; the rolled-back row lets a
                # later run try this person again.
                logger.exception("Alert %s for page %s to user %s failed", kind, page.pk, user.pk)
                continue
            sent += 1
    return sent
