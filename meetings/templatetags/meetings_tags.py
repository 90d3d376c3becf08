"""Date and time formatting in GOV.UK style ('9:30am', 'Monday 3 July 2017'), always in
Europe/London, for meeting pages, registers and feeds."""

from django import template
from django.utils import timezone

from meetings import deadlines

register = template.Library()


@register.filter
def gov_time(value):
    """'9:30am', '12pm' (noon) or '5pm' for an aware datetime (in UK time) or a time."""
    if not value:
        return ""
    return deadlines.format_time(value)


@register.filter
def gov_date(value, weekday=False):
    """'3 July 2017', or 'Monday 3 July 2017' with `gov_date:True`; dates or datetimes."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value, deadlines.LONDON).date()
    return deadlines.format_date(value, weekday=bool(weekday))


@register.filter
def gov_datetime(value):
    """'9:30am on Monday 3 July 2017' for an aware datetime, in UK time."""
    if not value:
        return ""
    return deadlines.format_deadline(value)
