"""Admin panels that show editors the statutory deadlines while they edit a meeting."""

import datetime

from django.utils import timezone
from wagtail.admin.panels import FieldPanel, Panel

from meetings import deadlines


class ReadOnlyDateTimePanel(FieldPanel):
    """A date and time the editor sees but does not type (such as when the agenda was
    published), in the site's clock: '12:29am on Friday 23 June 2017', not Django's
    '23 Jun 2017, 12:29 a.m.'."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)

    def format_value_for_display(self, value):
        if isinstance(value, datetime.datetime):
            return deadlines.format_deadline(value)
        return super().format_value_for_display(value)


class DeadlinesPanel(Panel):
    """Shows the agenda publication deadline, question deadlines and key-decision notice
    warnings for the meeting being edited, before the editor publishes."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "meetings/admin/deadlines_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # On a bound form (after a validation error) the instance holds what was typed;
            # a new meeting knows its committee from the form (MeetingPageForm), not the tree.
            meeting = self.instance
            context["meeting_has_start"] = bool(getattr(meeting, "start", None))
            if not context["meeting_has_start"]:
                return context
            agenda_deadline = meeting.agenda_deadline()
            today = timezone.localdate()
            context.update(
                agenda_deadline=agenda_deadline,
                agenda_deadline_text=deadlines.format_date(agenda_deadline, weekday=True),
                agenda_clear_days=meeting.democracy_settings.agenda_clear_days,
                agenda_published_at=meeting.agenda_published_at,
                agenda_late=(
                    meeting.agenda_is_late()
                    if meeting.agenda_published_at or meeting.local_date >= today
                    else False
                ),
                participation=[
                    (label, deadlines.format_deadline(dt))
                    for label, dt in meeting.participation_deadlines()
                ],
                key_decision_warnings=key_decision_warnings(meeting),
            )
            return context


def key_decision_warnings(meeting):
    """Plain-English warnings for key-decision items lacking the notice the law requires."""
    warnings = []
    decision_date = timezone.localdate(meeting.start)
    for item in meeting.agenda_items.all():
        if not item.is_key_decision:
            continue
        label = f"Item {item.number or '?'} ({item.title})"
        if item.forward_plan_entry is None:
            warnings.append(f"{label} is a key decision but is not linked to a forward plan entry.")
            continue
        status = item.forward_plan_entry.notice_status(decision_date)
        if not status.ok:
            warnings.append(f"{label}: {status.message}")
    return warnings
