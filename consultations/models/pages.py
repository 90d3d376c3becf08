"""Consultation pages: the "Consultations and have your say" section and each consultation.

A consultation's status (opens soon, open, closed, outcome published) is derived from its
dates whenever it is shown, so nobody has to remember to close one on the right day.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from meetings.deadlines import LONDON, format_date, format_deadline

UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"
OUTCOME = "outcome"
STATUS_LABELS = {
    UPCOMING: "Opens soon",
    OPEN: "Open",
    CLOSED: "Closed",
    OUTCOME: "Outcome published",
}
OUTCOME_FEATURES = ["bold", "italic", "link", "ul", "ol", "document-link"]


class ConsultationIndexPage(Page):
    """The "Consultations and have your say" section: open, upcoming and closed consultations,
    and the meetings that are taking questions and statements now."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two about how residents can have their say.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count = 1
    show_in_menus_default = True

    class Meta:
        verbose_name = "consultations index"

    def consultations(self):
        """Live, public consultations in this section."""
        return ConsultationPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        """Consultations grouped by their status now, and meetings open for questions."""
        from consultations.rules import meetings_taking_submissions

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        grouped = {UPCOMING: [], OPEN: [], CLOSED: []}
        for consultation in self.consultations().order_by("closes_at"):
            status = consultation.status(now)
            grouped[CLOSED if status == OUTCOME else status].append(consultation)
        grouped[CLOSED].reverse()
        context.update(
            open_consultations=grouped[OPEN],
            upcoming_consultations=sorted(grouped[UPCOMING], key=lambda c: c.opens_on),
            closed_consultations=grouped[CLOSED],
            open_meetings=meetings_taking_submissions(now),
        )
        return context


class ConsultationPage(Page):
    """A public consultation: what the council is asking, who it is for, how to respond, and
    afterwards what people said and what the council did ("We asked, you said, we did")."""

    summary = models.CharField(
        max_length=300,
        help_text="One sentence saying what the council wants views on. Shown in lists and "
        "search results.",
    )
    opens_on = models.DateField(help_text="The first day people can respond.")
    closes_at = models.DateTimeField(
        help_text="When responses close (UK time), e.g. 11:59pm on the last day.",
    )
    audience = models.CharField(
        "who it is for",
        max_length=255,
        blank=True,
        help_text="Who should respond, e.g. 'Residents, landowners and developers in Wiltshire'.",
    )
    response_url = models.URLField(
        "online survey link",
        blank=True,
        help_text="The address of the online survey or response form, if there is one.",
    )
    response_email = models.EmailField(
        blank=True, help_text="An email address people can send their response to."
    )
    response_postal_address = models.TextField(
        blank=True,
        help_text="A postal address for written responses, one line per line.",
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="What the consultation is about and the questions asked. Start sections "
        "with level 2 headings.",
    )
    we_asked = RichTextField(
        blank=True,
        features=OUTCOME_FEATURES,
        help_text="After it closes: a short reminder of what the council asked.",
    )
    you_said = RichTextField(
        blank=True,
        features=OUTCOME_FEATURES,
        help_text="After it closes: how many responded and the main things they said.",
    )
    we_did = RichTextField(
        blank=True,
        features=OUTCOME_FEATURES,
        help_text="After it closes: what the council decided or changed because of the responses.",
    )
    outcome_published_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the outcome was published. Fill this in when you add the outcome.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_at")], heading="Dates"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("response_url"),
                FieldPanel("response_email"),
                FieldPanel("response_postal_address"),
            ],
            heading="How to respond",
        ),
        FieldPanel("body"),
        InlinePanel("documents", heading="Documents", label="Document"),
        MultiFieldPanel(
            [
                FieldPanel("we_asked"),
                FieldPanel("you_said"),
                FieldPanel("we_did"),
                FieldPanel("outcome_published_on"),
            ],
            heading="Outcome: we asked, you said, we did",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.SearchField("we_asked"),
        index.SearchField("you_said"),
        index.SearchField("we_did"),
        index.FilterField("opens_on"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "consultation"

    @property
    def opens_at(self):
        """The instant the consultation opens: the start of `opens_on` in UK time."""
        return datetime.datetime.combine(self.opens_on, datetime.time(0, 0), tzinfo=LONDON)

    @property
    def has_outcome(self):
        return bool(self.we_asked or self.you_said or self.we_did)

    def status(self, now=None):
        """One of 'upcoming', 'open', 'closed' or 'outcome', from the dates and `now`."""
        now = now or timezone.now()
        if now < self.opens_at:
            return UPCOMING
        if now < self.closes_at:
            return OPEN
        return OUTCOME if self.has_outcome else CLOSED

    def status_label(self, now=None):
        return STATUS_LABELS[self.status(now)]

    @property
    def current_status(self):
        """The status now, for templates."""
        return self.status()

    @property
    def current_status_label(self):
        return self.status_label()

    @property
    def opens_on_text(self):
        return format_date(self.opens_on, weekday=True)

    @property
    def closes_at_text(self):
        return format_deadline(self.closes_at)

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = "The closing time must be after the day it opens."
        if not (self.response_url or self.response_email or self.response_postal_address):
            errors["response_url"] = (
                "Give at least one way to respond: an online survey link, an email address "
                "or a postal address."
            )
        if (self.we_did or self.you_said) and not self.outcome_published_on:
            errors["outcome_published_on"] = "Give the date the outcome was published."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.documents.select_related("document")
        return context


class ConsultationDocument(Orderable):
    """A document for a consultation, e.g. the draft plan or an easy read version."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The document to link to.",
    )
    title = models.CharField(
        max_length=255,
        blank=True,
        help_text="Link text. Leave blank to use the document's own title.",
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "consultation document"

    @property
    def link_text(self):
        return self.title or self.document.title
