"""Business plans, productivity plans and strategies as structured, accessible pages."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from meetings.blocks import PlanStreamBlock

PLAN_TYPES = [
    ("business_plan", "Business plan"),
    ("productivity_plan", "Productivity plan"),
    ("strategy", "Strategy"),
    ("policy", "Policy"),
    ("other", "Other corporate plan"),
]
PLAN_STATUSES = [
    ("draft", "Draft for consultation"),
    ("adopted", "Adopted"),
    ("superseded", "Superseded"),
]


class PlanIndexPage(Page):
    """The 'Plans and strategies' section: every corporate plan, current ones first."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence about the council's plans and strategies.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.PlanPage"]
    max_count = 1

    class Meta:
        verbose_name = "plans and strategies index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plans = PlanPage.objects.child_of(self).live().public().order_by("-period_start", "title")
        context["current_plans"] = [p for p in plans if p.plan_status != "superseded"]
        context["older_plans"] = [p for p in plans if p.plan_status == "superseded"]
        return context


class PlanPage(Page):
    """A business plan, productivity plan or strategy, with a generated table of contents."""

    plan_type = models.CharField(
        max_length=20, choices=PLAN_TYPES, default="business_plan", help_text="What kind of plan."
    )
    period_start = models.PositiveSmallIntegerField(
        help_text="The first year the plan covers, e.g. 2013."
    )
    period_end = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The last year it covers, e.g. 2017."
    )
    plan_status = models.CharField(
        max_length=12,
        choices=PLAN_STATUSES,
        default="adopted",
        help_text="Draft, adopted, or replaced by a newer plan.",
    )
    approved_at = models.ForeignKey(
        "meetings.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_plans",
        help_text="The meeting that approved or adopted the plan.",
    )
    approved_on = models.DateField(null=True, blank=True, help_text="The date it was approved.")
    summary = models.TextField(help_text="What the plan is for, in two or three sentences.")
    body = StreamField(
        PlanStreamBlock(),
        help_text="The plan's sections. Level 2 headings make the table of contents.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("plan_type"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("plan_status"),
                FieldRowPanel([FieldPanel("approved_at"), FieldPanel("approved_on")]),
            ],
            heading="About the plan",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("plan_type"),
    ]
    parent_page_types = ["meetings.PlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "plan or strategy"

    @property
    def period(self):
        """'2013-17' style, as councils print plan periods; one year alone if no end."""
        if self.period_end and self.period_end != self.period_start:
            end = str(self.period_end)
            if end[:2] == str(self.period_start)[:2]:
                end = end[2:]
            return f"{self.period_start}-{end}"
        return str(self.period_start)

    def table_of_contents(self):
        """[(anchor, text)] for every level 2 heading, in order."""
        return [
            (slugify(block.value["text"]), block.value["text"])
            for block in self.body
            if block.block_type == "heading" and block.value["level"] == "h2"
        ]
