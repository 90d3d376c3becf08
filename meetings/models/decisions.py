"""The decisions register: every executive, committee and officer decision.

A decision is drafted and published like a page (drafts are never public). A key decision
cannot be published unless notice was given (forward plan, general exception or special
urgency), and a published decision is effective after the call-in period unless urgent.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index

from meetings import deadlines

from .forward_plan import notice_rules
from .rules import DemocracySettings, closure_dates

MAKER_CHOICES = [
    ("executive", "Cabinet (executive decision)"),
    ("cabinet_member", "Individual cabinet member"),
    ("committee", "Committee"),
    ("council", "Full Council"),
    ("officer", "Officer (delegated decision)"),
]

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class DecisionForm(WagtailAdminModelForm):
    """Blocks publishing a key decision that lacks the notice the law requires."""

    def clean(self):
        cleaned = super().clean()
        if "action-publish" in self.data and cleaned.get("is_key_decision"):
            entry = cleaned.get("forward_plan_entry")
            decision_date = cleaned.get("decision_date")
            if entry is None:
                self.add_error(
                    "forward_plan_entry",
                    "A key decision must be linked to its forward plan entry before it is "
                    "published.",
                )
            elif not entry.live:
                self.add_error(
                    "forward_plan_entry",
                    f"The forward plan entry '{entry}' is not published, so the public has not "
                    "been given notice of this key decision. Publish the entry first.",
                )
            elif decision_date:
                status = entry.notice_status(decision_date)
                if not status.ok:
                    self.add_error("forward_plan_entry", status.message)
        return cleaned


class Decision(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A decision with its reasons, the alternatives considered and when it takes effect."""

    title = models.CharField(max_length=255, help_text="What was decided, in a few words.")
    maker_type = models.CharField(
        max_length=20,
        choices=MAKER_CHOICES,
        default="executive",
        help_text="Who made the decision.",
    )
    decision_maker = models.CharField(
        max_length=200,
        help_text="The decision maker by name or title, e.g. 'Cabinet' or 'Corporate "
        "Director, Resources'.",
    )
    committee = models.ForeignKey(
        "meetings.CommitteePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text="The committee, if made at a meeting.",
    )
    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text="The meeting, if made at one.",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text="The agenda item it decided.",
    )
    decision_date = models.DateField(help_text="The date the decision was made.")
    decision = RichTextField(features=TEXT_FEATURES, help_text="The decision as made.")
    reasons = RichTextField(features=TEXT_FEATURES, help_text="The reasons for the decision.")
    alternatives_considered = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        help_text="Other options considered and why they were rejected.",
    )
    interests_declared = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        help_text="Any conflict of interest declared, and any dispensation granted. Leave "
        "blank for none.",
    )
    is_key_decision = models.BooleanField(default=False, help_text="Tick for a key decision.")
    forward_plan_entry = models.ForeignKey(
        "meetings.ForwardPlanEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text="The forward plan entry that gave notice of this key decision.",
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="The date the decision was published. Filled in when first published.",
    )
    is_urgent = models.BooleanField(
        default=False,
        help_text="Tick if the decision is urgent and not subject to call-in.",
    )
    urgency_reason = models.TextField(
        blank=True, help_text="Why the decision is urgent (required if urgent)."
    )
    call_in_ends_on = models.DateField(
        null=True, blank=True, editable=False, help_text="The last day of the call-in period."
    )
    effective_from = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the decision comes into force.",
    )

    base_form_class = DecisionForm
    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldPanel("maker_type"),
                FieldPanel("decision_maker"),
                FieldPanel("committee"),
                FieldPanel("meeting"),
                FieldPanel("agenda_item"),
                FieldPanel("decision_date"),
            ],
            heading="Who and when",
        ),
        FieldPanel("decision"),
        FieldPanel("reasons"),
        FieldPanel("alternatives_considered"),
        FieldPanel("interests_declared"),
        FieldRowPanel([FieldPanel("is_key_decision"), FieldPanel("forward_plan_entry")]),
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("is_urgent"), FieldPanel("urgency_reason")],
            heading="Publication and call-in",
        ),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("decision"),
        index.SearchField("reasons"),
        index.AutocompleteField("title"),
        index.FilterField("decision_date"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-decision_date", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.decision_date:%-d %B %Y})"

    def clean(self):
        super().clean()
        if self.is_urgent and not self.urgency_reason.strip():
            raise ValidationError({"urgency_reason": "Say why the decision is urgent."})

    def save(self, *args, **kwargs):
        """Fill in the publication date and the call-in and effective dates."""
        if self.live and self.published_on is None:
            self.published_on = timezone.localdate()
        if self.published_on:
            settings = DemocracySettings.load()
            closures = closure_dates()
            subject_to_call_in = self.maker_type in ("executive", "cabinet_member", "officer")
            if subject_to_call_in and not self.is_urgent:
                self.call_in_ends_on = deadlines.call_in_ends(
                    self.published_on, settings.call_in_clear_days, closures
                )
            else:
                self.call_in_ends_on = None
            self.effective_from = deadlines.decision_effective_from(
                self.published_on,
                settings.call_in_clear_days,
                urgent=self.is_urgent or not subject_to_call_in,
                closures=closures,
            )
        super().save(*args, **kwargs)

    @property
    def is_subject_to_call_in(self):
        return self.call_in_ends_on is not None and self.call_in_ends_on >= timezone.localdate()

    def notice(self, rules=None):
        """The notice route of a key decision (`KeyDecisionNotice`) on its decision date,
        or None if it is not a key decision linked to a forward plan entry."""
        if not (self.is_key_decision and self.forward_plan_entry_id):
            return None
        return self.forward_plan_entry.notice_status(self.decision_date, rules)


def special_urgency_decisions():
    """Published key decisions taken under special urgency (reg 11 of the 2012
    Regulations), newest first: the register behind the leader's reports to council
    (reg 19). The route is worked out from the dates, as when the decision was published."""
    rules = notice_rules()
    candidates = (
        Decision.objects.filter(
            live=True,
            is_key_decision=True,
            forward_plan_entry__live=True,
            forward_plan_entry__special_urgency_agreed_on__isnull=False,
        )
        .select_related("forward_plan_entry", "committee", "meeting")
        .order_by("-decision_date", "-pk")
    )
    return [
        decision
        for decision in candidates
        if decision.notice(rules).route == deadlines.KeyDecisionRoute.SPECIAL_URGENCY
    ]
