"""The admin's date and time pickers, made to keep what an editor typed.

Wagtail's pickers (the jQuery xdsoft datetimepicker) replace text they cannot read with the
current date and time when the field loses focus (their `validateOnBlur` option), so a
mistyped meeting date was silently saved as "now". With it off, the typed text is posted as
it is and the form says what is wrong, showing the text again to correct.

Registered for every model date, time and date-time field from `HomeConfig.ready`, before
any admin form class is built.
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput


class KeepTypedTextMixin:
    """Turn off the picker's replacing of unreadable text on blur."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class DateInput(KeepTypedTextMixin, AdminDateInput):
    pass


class TimeInput(KeepTypedTextMixin, AdminTimeInput):
    pass


class DateTimeInput(KeepTypedTextMixin, AdminDateTimeInput):
    pass


INVALID_DATE = "Enter a real date as day/month/year, for example 10/02/2027."
INVALID_TIME = "Enter a real time on the 24-hour clock, for example 09:30 or 14:00."
INVALID_DATETIME = (
    "Enter a real date and time as day/month/year and 24-hour time, for example 10/02/2027 09:30."
)


def register():
    """Use these widgets, with plain-English errors, for every model date and time field."""
    register_form_field_override(
        models.DateField,
        override={"widget": DateInput, "error_messages": {"invalid": INVALID_DATE}},
    )
    register_form_field_override(
        models.TimeField,
        override={"widget": TimeInput, "error_messages": {"invalid": INVALID_TIME}},
    )
    register_form_field_override(
        models.DateTimeField,
        override={"widget": DateTimeInput, "error_messages": {"invalid": INVALID_DATETIME}},
    )
