"""The council's own democracy rules: settings, closure days and participation rules.

The law fixes the shape of each deadline; the council's constitution fixes its numbers.
Both are editable here, and `meetings.deadlines` turns them into dates.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.search import index


@register_setting(icon="date")
class DemocracySettings(BaseGenericSetting):
    """Deadline numbers from the council's constitution, used by every deadline calculation."""

    agenda_clear_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="Clear working days an agenda must be published before its meeting. The law "
        "requires at least 5.",
    )
    key_decision_notice_days = models.PositiveSmallIntegerField(
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="Clear days a key decision must be on the forward plan before it is taken. "
        "The law requires 28.",
    )
    key_decision_notice_in_working_days = models.BooleanField(
        default=False,
        help_text="Count the key decision notice in working days instead of calendar days.",
    )
    call_in_clear_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
        help_text="Clear working days after a decision is published during which it can be "
        "called in. It takes effect on the next working day.",
    )

    panels = [
        FieldPanel("agenda_clear_days"),
        MultiFieldPanel(
            [
                FieldPanel("key_decision_notice_days"),
                FieldPanel("key_decision_notice_in_working_days"),
            ],
            heading="Key decisions",
        ),
        FieldPanel("call_in_clear_days"),
    ]

    class Meta:
        verbose_name = "democracy rules"


class ClosureDay(models.Model):
    """A day the council's offices are shut (e.g. between Christmas and New Year).

    Closure days are not working days, so they push statutory deadlines earlier.
    """

    date = models.DateField(unique=True, help_text="The day the council is closed.")
    description = models.CharField(
        max_length=120,
        help_text="Why the council is closed, e.g. 'Christmas closure'.",
    )

    panels = [FieldPanel("date"), FieldPanel("description")]

    class Meta:
        ordering = ["date"]
        verbose_name = "council closure day"

    def __str__(self):
        return f"{self.date:%-d %B %Y}: {self.description}"


def closure_dates():
    """All council closure days as a frozenset of dates, for the deadline functions."""
    return frozenset(ClosureDay.objects.values_list("date", flat=True))


class ParticipationRule(index.Indexed, models.Model):
    """How the public may take part in a committee's meetings.

    Councils usually have a few such rules (e.g. Cabinet procedure rules, Planning committee
    rules) shared by many committees, so a rule is a snippet that committees point to.
    """

    name = models.CharField(
        max_length=120,
        help_text="A name editors recognise, e.g. 'Cabinet procedure rules (Part 6)'.",
    )
    clear_working_days = models.PositiveSmallIntegerField(
        default=3,
        validators=[MaxValueValidator(30)],
        help_text="Clear working days before the meeting when questions and statements close.",
    )
    deadline_time = models.TimeField(
        default=datetime.time(12, 0),
        help_text="The time of day, UK time, when questions and statements close, e.g. 12:00.",
    )
    deadline_label = models.CharField(
        max_length=120,
        default="Questions and statements",
        help_text="What closes at this deadline, e.g. 'Questions for a written answer'.",
    )
    second_deadline_label = models.CharField(
        max_length=120,
        blank=True,
        help_text="If there is a second deadline, what closes then, e.g. 'Statements to be "
        "read at the meeting'. Leave blank if there is only one.",
    )
    second_clear_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(30)],
        help_text="Clear working days before the meeting for the second deadline.",
    )
    second_deadline_time = models.TimeField(
        null=True,
        blank=True,
        help_text="Time of day, UK time, of the second deadline, e.g. 17:00.",
    )
    word_limit = models.PositiveIntegerField(
        default=500,
        validators=[MinValueValidator(25)],
        help_text="The most words a question or statement may have.",
    )
    max_per_person = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1)],
        help_text="How many questions and statements one person may submit for one meeting.",
    )
    must_live_or_work_in_area = models.BooleanField(
        default=False,
        help_text="Tick if only people who live or work in the council's area may take part.",
    )
    notes = models.TextField(
        blank=True,
        help_text="Anything else the public should know, shown on meeting pages.",
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("deadline_label"),
                FieldRowPanel([FieldPanel("clear_working_days"), FieldPanel("deadline_time")]),
            ],
            heading="Deadline",
        ),
        MultiFieldPanel(
            [
                FieldPanel("second_deadline_label"),
                FieldRowPanel(
                    [FieldPanel("second_clear_working_days"), FieldPanel("second_deadline_time")]
                ),
            ],
            heading="Second deadline (optional)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("word_limit"),
                FieldPanel("max_per_person"),
                FieldPanel("must_live_or_work_in_area"),
                FieldPanel("notes"),
            ],
            heading="Limits",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "public participation rule"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        second = [self.second_clear_working_days is not None, self.second_deadline_time is not None]
        if self.second_deadline_label and not all(second):
            raise ValidationError(
                "Give the second deadline's clear working days and time, or clear its label."
            )
        if any(second) and not self.second_deadline_label:
            raise ValidationError(
                {"second_deadline_label": "Say what closes at the second deadline."}
            )

    def deadlines_for(self, meeting_start, closures=()):
        """Return [(label, aware datetime)] for a meeting starting at `meeting_start`."""
        from meetings.deadlines import participation_deadline

        results = [
            (
                self.deadline_label,
                participation_deadline(
                    meeting_start, self.clear_working_days, self.deadline_time, closures
                ),
            )
        ]
        if self.second_deadline_label and self.second_deadline_time is not None:
            results.append(
                (
                    self.second_deadline_label,
                    participation_deadline(
                        meeting_start,
                        self.second_clear_working_days or 0,
                        self.second_deadline_time,
                        closures,
                    ),
                )
            )
        return results
