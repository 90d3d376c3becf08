"""The forward plan: public notice of key decisions, 28 clear days before they are taken.

Each entry holds the fields regulation 9 of the 2012 Executive Arrangements Regulations
requires, the date it first appeared, and any general exception (reg. 10) or special
urgency (reg. 11) record when full notice was not given.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index

from meetings import deadlines
from meetings.exempt import EXEMPT_PARAGRAPH_CHOICES

from .rules import DemocracySettings, closure_dates

ENTRY_STATUS_CHOICES = [
    ("pending", "Decision to be taken"),
    ("decided", "Decision taken"),
    ("deferred", "Deferred to a later date"),
    ("withdrawn", "Withdrawn"),
]


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
        help_text="Tick if the decision will be taken in private (Part II).",
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=EXEMPT_PARAGRAPH_CHOICES,
        help_text="If private, the paragraph of Schedule 12A that applies.",
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
        if self.special_urgency_agreed_on and not (
            self.special_urgency_agreed_by.strip() and self.special_urgency_reason.strip()
        ):
            errors["special_urgency_reason"] = "Record who agreed the urgency, and why."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.live and self.first_published_on is None:
            self.first_published_on = timezone.localdate()
        super().save(*args, **kwargs)
        if not self.reference:
            self.reference = f"FP {self.decision_date:%Y}/{self.pk:03d}"
            type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    def notice_status(self, decision_date=None):
        """Whether this entry gave the notice the law requires for a decision on
        `decision_date` (default: its planned date), as a `KeyDecisionNotice`."""
        settings = DemocracySettings.load()
        return deadlines.key_decision_notice_status(
            self.first_published_on,
            decision_date or self.decision_date,
            general_exception_notice_on=self.general_exception_notice_on,
            special_urgency_agreed_on=self.special_urgency_agreed_on,
            days=settings.key_decision_notice_days,
            working_days=settings.key_decision_notice_in_working_days,
            closures=closure_dates(),
        )

    def notice_deadline(self):
        """The latest date the entry must appear on the plan for its decision date."""
        settings = DemocracySettings.load()
        return deadlines.forward_plan_notice_deadline(
            self.decision_date,
            settings.key_decision_notice_days,
            settings.key_decision_notice_in_working_days,
            closure_dates(),
        )
