"""Signal handlers that turn publishing into email alerts (connected in `MeetingsConfig.ready`).

`pre_save` keeps the previously live version of a meeting, minutes or consultation page
(see `meetings.alerts`); `page_published` compares it with the new live version and
queues one task per change.
"""

from meetings import alerts


def remember_previous_meeting(sender, instance, update_fields=None, raw=False, **kwargs):
    """Before a full save of a meeting, keep its previous live values."""
    if raw or update_fields is not None:
        return
    alerts.remember_previous(instance, alerts.MEETING_SNAPSHOT_FIELDS)


def remember_previous_page(sender, instance, update_fields=None, raw=False, **kwargs):
    """Before a full save of minutes or a consultation, keep whether it was live."""
    if raw or update_fields is not None:
        return
    alerts.remember_previous(instance)


def _has_followers(meeting):
    """True if anyone follows the meeting's committee (no task is queued otherwise, so
    loading or editing content nobody follows adds nothing to the queue)."""
    from meetings.models import CommitteeFollow

    committee = meeting.committee if meeting is not None else None
    return committee is not None and CommitteeFollow.objects.filter(committee=committee).exists()


def meeting_published(sender, instance, **kwargs):
    """Queue alerts for an agenda published, or a meeting moved, postponed or cancelled."""
    previous = getattr(instance, alerts.PREVIOUS, None)
    changes = alerts.meeting_changes(previous, instance)
    if changes and _has_followers(instance):
        alerts.queue_alerts(instance.pk, changes)


def minutes_published(sender, instance, **kwargs):
    """Queue alerts when a meeting's minutes are first published (alerted as the meeting)."""
    previous = getattr(instance, alerts.PREVIOUS, None)
    changes = alerts.minutes_changes(previous, instance)
    meeting = instance.meeting if changes else None
    if changes and _has_followers(meeting):
        alerts.queue_alerts(meeting.pk, changes)


def consultation_published(sender, instance, **kwargs):
    """Queue alerts when a consultation is first published."""
    from meetings.models import ConsultationFollow

    previous = getattr(instance, alerts.PREVIOUS, None)
    changes = alerts.consultation_changes(previous, instance)
    if changes and ConsultationFollow.objects.exists():
        alerts.queue_alerts(instance.pk, changes)


def connect():
    """Connect the handlers; consultations only if that app provides its page model."""
    from django.db.models.signals import pre_save
    from wagtail.signals import page_published

    from meetings.calendars import consultation_model
    from meetings.models import MeetingPage, MinutesPage

    pre_save.connect(remember_previous_meeting, sender=MeetingPage, dispatch_uid="alerts-meeting")
    pre_save.connect(remember_previous_page, sender=MinutesPage, dispatch_uid="alerts-minutes")
    page_published.connect(meeting_published, sender=MeetingPage, dispatch_uid="alerts-meeting")
    page_published.connect(minutes_published, sender=MinutesPage, dispatch_uid="alerts-minutes")
    consultation = consultation_model()
    if consultation is not None:
        pre_save.connect(
            remember_previous_page, sender=consultation, dispatch_uid="alerts-consultation"
        )
        page_published.connect(
            consultation_published, sender=consultation, dispatch_uid="alerts-consultation"
        )
