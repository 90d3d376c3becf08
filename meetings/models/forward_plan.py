"""The forward plan: public notice of key decisions, 28 clear days before they are taken.

Each entry holds the fields regulation 9 of the 2012 Executive Arrangements Regulations
requires, the date it first appeared, and any general exception (reg. 10) or special
urgency (reg. 11) record when full notice was not given.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index

from meetings import deadlines
from meetings.exempt import EXEMPT_PARAGRAPH_CHOICES, private_status

from .rules import DemocracySettings, closure_dates

ENTRY_STATUS_CHOICES = [
    ("pending", "Decision to be taken"),
    ("decided", "Decision taken"),
    ("deferred", "Deferred to a later date"),
    ("withdrawn", "Withdrawn"),
]
#: Statuses of an entry whose decision is still to be taken, so its notice still matters.
OPEN_STATUSES = ("pending", "deferred")


def notice_rules():
    """The council's key-decision notice settings, as keyword arguments for the notice
    functions in `meetings.deadlines`; load once and pass to many entries."""
    settings = DemocracySettings.load()
    return {
        "days": settings.key_decision_notice_days,
        "working_days": settings.key_decision_notice_in_working_days,
        "closures": closure_dates(),
    }


class ForwardPlanEntryForm(WagtailAdminModelForm):
    """Refuses to publish an entry that gives short notice of a decision still to be taken,
    unless a general exception or special urgency is recorded (regs 9 to 11)."""

    def clean(self):
        cleaned = super().clean()
        decision_date = cleaned.get("decision_date")
        if (
            "action-publish" in self.data
            and decision_date
            and cleaned.get("status") in OPEN_STATUSES
        ):
            status = self.instance.publication_notice_status(
                timezone.localdate(),
                decision_date=decision_date,
                first_published_on=cleaned.get("first_published_on"),
                general_exception_notice_on=cleaned.get("general_exception_notice_on"),
                special_urgency_agreed_on=cleaned.get("special_urgency_agreed_on"),
            )
            if not status.ok:
                self.add_error("decision_date", status.message)
        return cleaned


class ForwardPlanEntry(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A key decision the executive intends to take, with its statutory notice."""

    reference = models.CharField(
        max_length=30,
        blank=True,
        help_text="The council's reference, e.g. 'FP 2017/21'. Filled in automatically if blank.",
    )
    title = models.CharField(
        max_length=255, help_text="The matter to be decided, e.g. 'Adopt the Digital Strategy'."
    )
    summary = models.TextField(help_text="What is to be decided, in plain English.")
    decision_maker = models.CharField(
        max_length=200,
        help_text="Who will decide: 'Cabinet', a named cabinet member, or an officer.",
    )
    committee = models.ForeignKey(
        "meetings.CommitteePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forward_plan_entries",
        help_text="If decided at a meeting, the committee (usually Cabinet).",
    )
    decision_date = models.DateField(
        help_text="The date the decision is to be taken (or the first day of the period)."
    )
    decision_period = models.CharField(
        max_length=60,
        blank=True,
        help_text="If no exact date is known, the period, e.g. 'July 2017'.",
    )
    portfolio = models.CharField(
        max_length=200,
        blank=True,
        help_text="The cabinet member responsible, e.g. 'Cabinet Member for Finance'.",
    )
    lead_officer = models.CharField(
        max_length=200, help_text="The officer to contact, with job title."
    )
    lead_officer_email = models.EmailField(blank=True, help_text="Their email address.")
    wards_affected = models.CharField(
        max_length=255, default="All wards", help_text="Wards affected, or 'All wards'."
    )
    documents = models.TextField(
        help_text="The documents to be submitted to the decision maker, one per line."
    )
    inspection_arrangements = models.TextField(
        default="Documents will be published on this website with the meeting agenda, at "
        "least five clear working days before the decision.",
        help_text="Where and when the documents can be inspected.",
    )
    other_documents = models.TextField(
        default="Other documents relevant to the matter may be submitted to the decision maker "
        "by contacting the lead officer.",
        help_text="That other documents may be submitted, and how.",
    )
    is_exempt = models.BooleanField(
        default=False,
        help_text="Tick if the decision will be taken in private (Part II). Once a published "
        "agenda item is linked to this entry, the forward plan follows the agenda instead.",
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=EXEMPT_PARAGRAPH_CHOICES,
        help_text="If private, the paragraph of Schedule 12A that applies (until the agenda "
        "is published).",
    )
    status = models.CharField(
        max_length=10,
        choices=ENTRY_STATUS_CHOICES,
        default="pending",
        help_text="Where the decision stands.",
    )
    first_published_on = models.DateField(
        null=True,
        blank=True,
        help_text="The date the entry first appeared on the forward plan. Filled in "
        "automatically on first publication; change only when importing older entries.",
    )
    general_exception_notice_on = models.DateField(
        null=True,
        blank=True,
        help_text="General exception: the date the scrutiny chair was told and notice was "
        "published.",
    )
    general_exception_published_on = models.DateField(
        null=True,
        blank=True,
        help_text="General exception: the date the notice first appeared on the website. "
        "Filled in automatically when the entry is published with a general exception.",
    )
    general_exception_scrutiny_chair = models.CharField(
        max_length=200, blank=True, help_text="General exception: the scrutiny chair told."
    )
    general_exception_reason = models.TextField(
        blank=True, help_text="General exception: why 28 days' notice was impracticable."
    )
    special_urgency_agreed_on = models.DateField(
        null=True,
        blank=True,
        help_text="Special urgency: the date the scrutiny chair (or chair or vice-chair of the "
        "council) agreed the decision was urgent.",
    )
    special_urgency_agreed_by = models.CharField(
        max_length=200, blank=True, help_text="Special urgency: who agreed."
    )
    special_urgency_reason = models.TextField(
        blank=True, help_text="Special urgency: why the decision could not reasonably be deferred."
    )

    panels = [
        FieldRowPanel([FieldPanel("reference"), FieldPanel("status")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("decision_maker"),
                FieldPanel("committee"),
                FieldRowPanel([FieldPanel("decision_date"), FieldPanel("decision_period")]),
                FieldPanel("portfolio"),
                FieldRowPanel([FieldPanel("lead_officer"), FieldPanel("lead_officer_email")]),
                FieldPanel("wards_affected"),
            ],
            heading="Decision",
        ),
        MultiFieldPanel(
            [
                FieldPanel("documents"),
                FieldPanel("inspection_arrangements"),
                FieldPanel("other_documents"),
            ],
            heading="Documents",
        ),
        FieldRowPanel([FieldPanel("is_exempt"), FieldPanel("exempt_paragraph")]),
        FieldPanel("first_published_on"),
        MultiFieldPanel(
            [
                FieldPanel("general_exception_notice_on"),
                FieldPanel("general_exception_published_on", read_only=True),
                FieldPanel("general_exception_scrutiny_chair"),
                FieldPanel("general_exception_reason"),
            ],
            heading="General exception (less than 28 clear days' notice)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("special_urgency_agreed_on"),
                FieldPanel("special_urgency_agreed_by"),
                FieldPanel("special_urgency_reason"),
            ],
            heading="Special urgency",
        ),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.FilterField("decision_date"),
        index.FilterField("live"),
    ]

    base_form_class = ForwardPlanEntryForm

    class Meta:
        ordering = ["decision_date", "title"]
        verbose_name = "forward plan entry"
        verbose_name_plural = "forward plan entries"

    def __str__(self):
        return f"{self.reference}: {self.title}" if self.reference else self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.is_exempt and not self.exempt_paragraph:
            errors["exempt_paragraph"] = "Choose the paragraph of Schedule 12A that applies."
        if self.general_exception_notice_on and not self.general_exception_reason.strip():
            errors["general_exception_reason"] = "Record why full notice was impracticable."
        if self.general_exception_notice_on and not self.general_exception_scrutiny_chair.strip():
            errors["general_exception_scrutiny_chair"] = (
                "Name the chair of the overview and scrutiny committee who was told in writing."
            )
        today = timezone.localdate()
        for name, what in (
            ("general_exception_notice_on", "The scrutiny chair cannot have been told"),
            ("special_urgency_agreed_on", "Urgency cannot have been agreed"),
        ):
            if getattr(self, name) and getattr(self, name) > today:
                errors[name] = (
                    f"{what} on a date that has not come yet. Enter the date it happened, "
                    f"today ({deadlines.format_date(today)}) at the latest."
                )
        if self.special_urgency_agreed_on and not (
            self.special_urgency_agreed_by.strip() and self.special_urgency_reason.strip()
        ):
            errors["special_urgency_reason"] = "Record who agreed the urgency, and why."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.live and self.first_published_on is None:
            self.first_published_on = timezone.localdate()
        # The general exception notice is public from the day it is first published with
        # the entry; the five clear days of reg 10 run from then, not from a typed date.
        if not self.general_exception_notice_on:
            self.general_exception_published_on = None
        elif self.live and self.general_exception_published_on is None:
            self.general_exception_published_on = timezone.localdate()
        super().save(*args, **kwargs)
        if not self.reference:
            self.reference = f"FP {self.decision_date:%Y}/{self.pk:03d}"
            type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    def notice_status(self, decision_date=None, rules=None):
        """Whether this entry gave the notice the law requires for a decision on
        `decision_date` (default: its planned date), as a `KeyDecisionNotice`.
        `rules` is `notice_rules()`, passed in when checking many entries."""
        return deadlines.key_decision_notice_status(
            self.first_published_on,
            decision_date or self.decision_date,
            general_exception_notice_on=self.general_exception_notice_on,
            general_exception_published_on=self.general_exception_published_on,
            special_urgency_agreed_on=self.special_urgency_agreed_on,
            **(rules or notice_rules()),
        )

    def publication_notice_status(self, publishing_on, **changes):
        """The notice this entry would give if published on `publishing_on`, with the
        fields in `changes` (as typed in the editor) instead of the stored ones."""

        def value(name):
            return changes[name] if name in changes else getattr(self, name)

        return deadlines.forward_plan_entry_notice_status(
            publishing_on,
            value("decision_date"),
            first_published_on=value("first_published_on"),
            general_exception_notice_on=value("general_exception_notice_on"),
            general_exception_published_on=self.general_exception_published_on,
            special_urgency_agreed_on=value("special_urgency_agreed_on"),
            **notice_rules(),
        )

    @classmethod
    def private_statuses(cls, entries):
        """{entry pk: `PrivateStatus`} for `entries`, from the Part I / Part II status of
        the agenda items linked to each on published meetings, in one query."""
        from .meetings import AgendaItem, MeetingPage

        entries = list(entries)
        parts = {entry.pk: [] for entry in entries}
        published = MeetingPage.objects.live().public().values("pk")
        rows = AgendaItem.objects.filter(
            forward_plan_entry__in=[e.pk for e in entries], meeting__in=published
        ).values_list("forward_plan_entry_id", "part", "exempt_paragraph")
        for entry_id, part, paragraph in rows:
            parts[entry_id].append((part, paragraph))
        return {e.pk: private_status(parts[e.pk], e.is_exempt, e.exempt_paragraph) for e in entries}

    def taken_in_private(self):
        """Whether the decision is taken in private, and why: the one answer every page,
        feed and export shows (see `meetings.exempt.private_status`)."""
        return self.private_statuses([self])[self.pk]

    def notice_deadline(self):
        """The latest date the entry must appear on the plan for its decision date."""
        settings = DemocracySettings.load()
        return deadlines.forward_plan_notice_deadline(
            self.decision_date,
            settings.key_decision_notice_days,
            settings.key_decision_notice_in_working_days,
            closure_dates(),
        )
