"""The public meeting calendar: listings and a month grid, with a committee filter.

Plain server-rendered HTML, so it works without JavaScript; each view runs a fixed number
of queries whatever the number of meetings.
"""

import calendar
import datetime

from django import forms
from django.http import Http404
from django.utils import timezone

from meetings.deadlines import LONDON


class MeetingFilterForm(forms.Form):
    """Filter the calendar by committee; the query string is parsed here, never raw."""

    committee = forms.TypedChoiceField(
        label="Committee", required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [("", "All committees")] + [
            (c.pk, c.title) for c in committees
        ]


def _filtered(index_page, request):
    committees = list(index_page.committees())
    form = MeetingFilterForm(request.GET or None, committees=committees)
    meetings = index_page.meetings().select_related("venue")
    selected = None
    if form.is_valid() and form.cleaned_data.get("committee"):
        selected = next((c for c in committees if c.pk == form.cleaned_data["committee"]), None)
        if selected is not None:
            meetings = meetings.child_of(selected)
    return form, committees, selected, meetings


def _with_committees(meetings, committees):
    """Attach each meeting's committee from the list already fetched (no extra queries)."""
    by_path = {c.path: c for c in committees}
    for meeting in meetings:
        meeting.committee_page = by_path.get(meeting.path[: -meeting.steplen])
    return meetings


def meeting_listing(index_page, request):
    """Context for the meetings index: upcoming meetings and the committee list."""
    form, committees, selected, meetings = _filtered(index_page, request)
    now = timezone.now()
    upcoming = _with_committees(
        list(meetings.filter(start__gte=now).order_by("start")[:50]), committees
    )
    recent = _with_committees(
        list(meetings.filter(start__lt=now).order_by("-start")[:10]), committees
    )
    today = timezone.localdate()
    return {
        "form": form,
        "committees": committees,
        "selected_committee": selected,
        "upcoming_meetings": upcoming,
        "recent_meetings": recent,
        "this_month": (today.year, today.month),
    }


def month_view(index_page, request, year, month):
    """Context for one month: weeks of days, each with its meetings."""
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404("No such month.")
    form, committees, selected, meetings = _filtered(index_page, request)
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=LONDON)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=LONDON
    )
    in_month = _with_committees(
        list(meetings.filter(start__gte=start, start__lt=end).order_by("start")), committees
    )
    by_day = {}
    for meeting in in_month:
        by_day.setdefault(timezone.localtime(meeting.start).date(), []).append(meeting)
    weeks = [
        [(day, by_day.get(day, []), day.month == month) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = last + datetime.timedelta(days=1)
    return {
        "form": form,
        "committees": committees,
        "selected_committee": selected,
        "month_start": first,
        "weeks": weeks,
        "meetings_in_month": in_month,
        "previous_month": previous_month,
        "next_month": next_month,
        "query_string": request.GET.urlencode() if form.is_valid() else "",
        "weekday_names": list(calendar.day_name),
    }
