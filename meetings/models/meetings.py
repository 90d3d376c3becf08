"""Meetings, their agenda items (with papers, HTML reports and decisions) and minutes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from meetings import deadlines
from meetings.blocks import MinutesStreamBlock, PaperBlock, ReportBlock
from meetings.exempt import EXEMPT_PARAGRAPH_CHOICES, PART_CHOICES, PART_I, PART_II, exempt_notice
from meetings.forms import MeetingPageForm
from meetings.panels import DeadlinesPanel

from .rules import DemocracySettings, closure_dates

SCHEDULED = "scheduled"
MOVED = "moved"
POSTPONED = "postponed"
CANCELLED = "cancelled"
STATUS_CHOICES = [
    (SCHEDULED, "Scheduled"),
    (MOVED, "Moved to a new date or time"),
    (POSTPONED, "Postponed (new date to be confirmed)"),
    (CANCELLED, "Cancelled"),
]

DEFAULT_RECORDING_NOTICE = (
    "The council may record this meeting for live and later broadcast on its website. By "
    "entering the meeting room you consent to being recorded. The press and public may also "
    "film or record the meeting."
)


class MeetingPage(RoutablePageMixin, Page):
    """A meeting of a committee: when and where, its status, agenda and papers.

    Times are aware datetimes; every deadline is computed in Europe/London by
    `meetings.deadlines`, so the clock changes cannot shift a legal date.
    """

    start = models.DateTimeField(help_text="When the meeting starts (UK time).")
    end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the meeting is expected to end. Leave blank if unknown.",
    )
    venue = models.ForeignKey(
        "meetings.Venue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        help_text="Where the meeting is held. Leave blank for the committee's usual venue.",
    )
    status = models.CharField(
        max_length=12,
        choices=STATUS_CHOICES,
        default=SCHEDULED,
        help_text="If you change the start time of a published meeting, it is marked as moved "
        "and the old time is kept.",
    )
    status_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the meeting was moved, postponed or cancelled, shown on the meeting page.",
    )
    previous_start = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The original start time of a moved meeting. Filled in automatically.",
    )
    webcast_url = models.URLField(
        blank=True, help_text="Link to the live or recorded webcast, if there is one."
    )
    recording_notice = models.TextField(
        blank=True,
        default=DEFAULT_RECORDING_NOTICE,
        help_text="The notice about recording and broadcasting the meeting.",
    )
    agenda_is_published = models.BooleanField(
        default=False,
        help_text="Tick when the agenda and papers are ready to be open to inspection. Until "
        "then the meeting shows as provisional.",
    )
    agenda_published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the agenda was first published. Filled in automatically when you "
        "publish the page with the agenda ticked.",
    )
    late_publication_reason = models.TextField(
        blank=True,
        help_text="If the agenda or an item is published late, the special circumstances "
        "that justify it (required by law, and recorded in the minutes).",
    )
    participation_deadline_override = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Only if this meeting's question deadline differs from the committee's "
        "rule: the deadline to use instead (UK time).",
    )
    participation_override_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why this meeting's deadline differs from the rule (required with an override).",
    )
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Increases when the time, venue or status changes, so calendars update.",
    )

    content_panels = Page.content_panels + [
        DeadlinesPanel(heading="Deadlines for this meeting"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("venue")],
            heading="When and where",
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_reason"), FieldPanel("previous_start")],
            heading="Status",
        ),
        MultiFieldPanel(
            [
                FieldPanel("agenda_is_published"),
                FieldPanel("agenda_published_at", read_only=True),
                FieldPanel("late_publication_reason"),
            ],
            heading="Agenda publication",
        ),
        InlinePanel("agenda_items", heading="Agenda items", label="Agenda item"),
    ]
    settings_panels = Page.settings_panels
    participation_panels = [
        MultiFieldPanel(
            [
                FieldPanel("participation_deadline_override"),
                FieldPanel("participation_override_reason"),
            ],
            heading="Public participation deadline override",
        ),
        FieldPanel("webcast_url"),
        FieldPanel("recording_notice"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Meeting and agenda"),
            ObjectList(participation_panels, heading="Public participation"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(settings_panels, heading="Settings"),
        ],
        base_form_class=MeetingPageForm,
    )
    search_fields = Page.search_fields + [
        index.FilterField("start"),
        index.FilterField("status"),
    ]
    parent_page_types = ["meetings.CommitteePage"]
    subpage_types = ["meetings.MinutesPage"]

    base_form_class = MeetingPageForm

    class Meta:
        verbose_name = "meeting"
        ordering = ["start"]

    # --- derived facts -------------------------------------------------------------------

    @cached_property
    def committee(self):
        """The committee this meeting belongs to (its parent page)."""
        from .committees import CommitteePage

        return (
            CommitteePage.objects.filter(path=self.path[: -self.steplen], depth=self.depth - 1)
            .select_related("participation_rule", "default_venue")
            .first()
        )

    @property
    def effective_venue(self):
        """The meeting's own venue, else the committee's usual one."""
        if self.venue_id:
            return self.venue
        return self.committee.default_venue if self.committee else None

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def is_cancelled(self):
        return self.status == CANCELLED

    @property
    def is_upcoming(self):
        return self.start >= timezone.now()

    @cached_property
    def closures(self):
        return closure_dates()

    @cached_property
    def democracy_settings(self):
        return DemocracySettings.load()

    def agenda_deadline(self):
        """The latest date the agenda may be published (5 clear working days by default)."""
        return deadlines.agenda_publication_deadline(
            self.start, self.democracy_settings.agenda_clear_days, self.closures
        )

    def agenda_is_late(self, published_on=None):
        """True if the agenda was (or would be, if published today) published late."""
        if published_on is None:
            published_on = (
                timezone.localdate(self.agenda_published_at)
                if self.agenda_published_at
                else timezone.localdate()
            )
        return deadlines.is_agenda_late(
            published_on, self.start, self.democracy_settings.agenda_clear_days, self.closures
        )

    def participation_deadlines(self):
        """[(label, aware datetime)] when questions and statements close, or [] if none."""
        if self.participation_deadline_override:
            label = (
                self.committee.participation_rule.deadline_label
                if self.committee and self.committee.participation_rule
                else "Questions and statements"
            )
            return [(label, self.participation_deadline_override)]
        rule = self.committee.participation_rule if self.committee else None
        if rule is None:
            return []
        return rule.deadlines_for(self.start, self.closures)

    def participation_closes_at(self):
        """The last participation deadline, after which no submission is accepted."""
        found = self.participation_deadlines()
        return max(dt for _, dt in found) if found else None

    def accepts_submissions(self, now=None):
        """True while the public may still submit questions or statements."""
        closes = self.participation_closes_at()
        if closes is None or self.status in (CANCELLED, POSTPONED):
            return False
        return deadlines.is_before_deadline(now or timezone.now(), closes)

    def public_items(self):
        """Agenda items in order, each annotated with `is_exempt` and its public notice."""
        items = list(self.agenda_items.all())
        for item in items:
            item.is_exempt = item.part == PART_II
        return items

    # --- validation and saving -----------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.end and self.start and self.end <= self.start:
            errors["end"] = "The end must be after the start."
        status = self.status
        if status == SCHEDULED and self.pk and self.start:
            # save() marks a published meeting whose start changes as moved, so the
            # reason is needed now, while the editor can still give it.
            published_start = (
                MeetingPage.objects.filter(pk=self.pk, first_published_at__isnull=False)
                .values_list("start", flat=True)
                .first()
            )
            if published_start is not None and published_start != self.start:
                status = MOVED
        if status in (MOVED, POSTPONED, CANCELLED) and not self.status_reason.strip():
            errors["status_reason"] = (
                f"Say why the meeting is {dict(STATUS_CHOICES)[status].split(' ')[0].lower()}; "
                "residents and councillors will see it."
            )
        if self.participation_deadline_override and not self.participation_override_reason:
            errors["participation_override_reason"] = (
                "Record why this meeting's deadline differs from the committee's rule."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """Number agenda items, keep a moved meeting's old time, and bump the calendar
        sequence whenever time, venue or status change on a published meeting."""
        for position, item in enumerate(self.agenda_items.all(), start=1):
            # Items built in code (imports, the demo) arrive without a sort order; keep the
            # order they were given in, or the database may return them shuffled.
            if item.sort_order is None:
                item.sort_order = position
            if not (item.number or "").strip():
                item.number = str(position)
        if self.pk:
            previous = (
                MeetingPage.objects.filter(pk=self.pk)
                .values("start", "end", "venue_id", "status", "sequence", "first_published_at")
                .first()
            )
            if previous and previous["first_published_at"]:
                changed = (
                    previous["start"] != self.start
                    or previous["end"] != self.end
                    or previous["venue_id"] != self.venue_id
                    or previous["status"] != self.status
                )
                if previous["start"] != self.start:
                    self.previous_start = previous["start"]
                    if self.status == SCHEDULED:
                        self.status = MOVED
                if changed:
                    self.sequence = max(previous["sequence"], self.sequence) + 1
                else:
                    self.sequence = max(previous["sequence"], self.sequence)
        if self.live and self.agenda_is_published and not self.agenda_published_at:
            self.agenda_published_at = timezone.now()
        super().save(*args, **kwargs)

    # --- routes --------------------------------------------------------------------------

    @path("")
    def meeting(self, request):
        return self.render(request)

    @path("items/<str:number>/report/")
    def item_report(self, request, number):
        """An agenda item's report as a web page. Part II reports are never served."""
        item = self.agenda_items.filter(number=number).first()
        if item is None or item.part == PART_II or not item.report:
            raise Http404("No public report for this item.")
        return self.render(
            request,
            template="meetings/agenda_item_report.html",
            context_overrides={"item": item},
        )

    def get_context(self, request, *args, **kwargs):
        """Everything the meeting page shows, in a fixed number of queries however long
        the agenda: items, their papers' documents and their decisions are fetched in bulk."""
        from wagtail.documents import get_document_model

        from .decisions import Decision

        context = super().get_context(request, *args, **kwargs)
        items = self.public_items()
        document_ids = set()
        for item in items:
            if not item.is_exempt:
                for block in item.papers.raw_data:
                    document_ids.add(block["value"].get("document"))
        document_ids.discard(None)
        documents = get_document_model().objects.in_bulk(document_ids)
        decisions = {}
        for decision in Decision.objects.filter(live=True, meeting=self).order_by("pk"):
            decisions.setdefault(decision.agenda_item_id, []).append(decision)
        for item in items:
            item.paper_links = []
            item.public_decisions = decisions.get(item.pk, [])
            if item.is_exempt:
                item.exempt_notice = exempt_notice(item.exempt_paragraph)
                continue
            for block in item.papers.raw_data:
                document = documents.get(block["value"].get("document"))
                if document is not None:
                    item.paper_links.append(
                        {
                            "document": document,
                            "kind": block["value"].get("kind", "report"),
                            "title": block["value"].get("title") or document.title,
                        }
                    )
            item.has_report = bool(item.report.raw_data)
        now = timezone.now()
        minutes = MinutesPage.objects.child_of(self).live().public().first()
        from .registers import DecisionIndexPage

        context.update(
            decisions_page=DecisionIndexPage.objects.live().public().first(),
            items=items,
            part_one_items=[i for i in items if not i.is_exempt],
            part_two_items=[i for i in items if i.is_exempt],
            committee=self.committee,
            venue=self.effective_venue,
            participation_deadlines=self.participation_deadlines(),
            accepts_submissions=self.accepts_submissions(now),
            minutes=minutes,
        )
        return context


class AgendaItem(Orderable):
    """A numbered item of business on a meeting's agenda.

    A Part II (exempt) item shows only its number, title and the exempt paragraph; its
    papers and report are never public.
    """

    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(
        max_length=12,
        blank=True,
        help_text="The item number as printed, e.g. '6' or '6a'. Leave blank to number items "
        "in order.",
    )
    title = models.CharField(max_length=255, help_text="e.g. 'Draft Business Plan'.")
    description = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="What the item is about, as printed on the agenda.",
    )
    report_by = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who the report is by, e.g. 'Corporate Director, Carolyn Godfrey'.",
    )
    pages = models.CharField(
        max_length=30,
        blank=True,
        help_text="Pages in the printed agenda pack, e.g. '19 - 40'.",
    )
    is_key_decision = models.BooleanField(
        default=False,
        help_text="Tick if this item asks for a key decision. Link its forward plan entry below.",
    )
    forward_plan_entry = models.ForeignKey(
        "meetings.ForwardPlanEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        help_text="The forward plan entry that gave notice of this key decision.",
    )
    part = models.CharField(
        max_length=1,
        choices=PART_CHOICES,
        default=PART_I,
        help_text="Part II items are considered with the public excluded; their papers are "
        "never published.",
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=EXEMPT_PARAGRAPH_CHOICES,
        help_text="For Part II items: the paragraph of Schedule 12A that makes it exempt.",
    )
    papers = StreamField(
        [("paper", PaperBlock())],
        blank=True,
        help_text="Reports, appendices and other documents for this item.",
    )
    report = StreamField(
        [("report", ReportBlock())],
        blank=True,
        max_num=1,
        help_text="The report as a web page, so it is accessible and searchable.",
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("pages")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("report_by"),
        FieldRowPanel([FieldPanel("is_key_decision"), FieldPanel("forward_plan_entry")]),
        FieldRowPanel([FieldPanel("part"), FieldPanel("exempt_paragraph")]),
        FieldPanel("papers"),
        FieldPanel("report"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "agenda item"

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def report_subject(self):
        """The HTML report's own subject (its h1), or the item title if it has none; the
        report page's <title> starts with it so the tab names what the page shows."""
        for block in self.report:
            subject = block.value.get("subject")
            if subject:
                return subject
        return self.title

    @property
    def anchor(self):
        """The item's fragment id on the meeting page, e.g. 'item-6'."""
        return f"item-{self.number or self.sort_order}"

    def clean(self):
        super().clean()
        if self.part == PART_II and not self.exempt_paragraph:
            raise ValidationError(
                {
                    "exempt_paragraph": "Choose the paragraph of Schedule 12A that makes this "
                    "item exempt."
                }
            )
        if self.part == PART_I and self.exempt_paragraph:
            raise ValidationError(
                {
                    "exempt_paragraph": "Only Part II items have an exempt paragraph. Clear it, "
                    "or set the item to Part II."
                }
            )


class MinutesPage(Page):
    """The minutes of a meeting, numbered continuously across the committee's meetings.

    Draft minutes are published with the next agenda and confirmed (signed) at that
    meeting, which is recorded here.
    """

    DRAFT = "draft"
    CONFIRMED = "confirmed"

    minutes_status = models.CharField(
        max_length=10,
        choices=[(DRAFT, "Draft, not yet confirmed"), (CONFIRMED, "Confirmed as a correct record")],
        default=DRAFT,
        help_text="Minutes stay draft until a later meeting confirms them.",
    )
    confirmed_at = models.ForeignKey(
        MeetingPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="confirmed_minutes",
        help_text="The meeting that confirmed these minutes as a correct record.",
    )
    present = ParentalManyToManyField(
        "meetings.CouncillorPage",
        blank=True,
        related_name="minutes_present",
        help_text="Members of the committee present.",
    )
    also_present = ParentalManyToManyField(
        "meetings.CouncillorPage",
        blank=True,
        related_name="minutes_also_present",
        help_text="Other councillors who attended.",
    )
    apologies = ParentalManyToManyField(
        "meetings.CouncillorPage",
        blank=True,
        related_name="minutes_apologies",
        help_text="Members who sent apologies.",
    )
    chair_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who chaired, if not obvious, e.g. 'Cllr Baroness Scott of Bybrook OBE "
        "(Chairman)'.",
    )
    officers_present = models.TextField(
        blank=True, help_text="Officers who attended, one per line, with their job titles."
    )
    started_at = models.TimeField(null=True, blank=True, help_text="When the meeting began.")
    ended_at = models.TimeField(null=True, blank=True, help_text="When the meeting ended.")
    first_minute_number = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The number of the first minute. Leave blank to continue from the "
        "committee's previous minutes.",
    )
    minutes = StreamField(MinutesStreamBlock(), blank=True, help_text="The minutes, in order.")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("minutes_status"), FieldPanel("confirmed_at")], heading="Status"
        ),
        MultiFieldPanel(
            [
                FieldPanel("chair_note"),
                FieldPanel("present"),
                FieldPanel("also_present"),
                FieldPanel("apologies"),
                FieldPanel("officers_present"),
            ],
            heading="Attendance",
        ),
        FieldRowPanel([FieldPanel("started_at"), FieldPanel("ended_at")], heading="Duration"),
        FieldPanel("first_minute_number"),
        FieldPanel("minutes"),
    ]
    search_fields = Page.search_fields + [index.SearchField("minutes")]
    parent_page_types = ["meetings.MeetingPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "minutes"
        verbose_name_plural = "minutes"

    @cached_property
    def meeting(self):
        return MeetingPage.objects.filter(
            path=self.path[: -self.steplen], depth=self.depth - 1
        ).first()

    def previous_minutes(self):
        """The minutes of this committee's latest earlier meeting, if any."""
        meeting = self.meeting
        if meeting is None:
            return None
        committee_path = meeting.path[: -meeting.steplen]
        earlier_meetings = MeetingPage.objects.filter(
            path__startswith=committee_path, depth=meeting.depth, start__lt=meeting.start
        ).order_by("-start")
        minutes_by_meeting_path = {
            m.path[: -m.steplen]: m
            for m in MinutesPage.objects.filter(
                path__startswith=committee_path, depth=self.depth
            ).exclude(pk=self.pk)
        }
        for meeting_path in earlier_meetings.values_list("path", flat=True):
            if meeting_path in minutes_by_meeting_path:
                return minutes_by_meeting_path[meeting_path]
        return None

    def next_minute_number(self):
        """One more than the previous minutes' last number, or the committee's first."""
        previous = self.previous_minutes()
        if previous is not None:
            return previous.numbered_first() + len(previous.minutes)
        meeting = self.meeting
        committee = meeting.committee if meeting else None
        return committee.first_minute_number if committee else 1

    def numbered_first(self):
        """The first minute's number: stored, or continued from the previous minutes."""
        return self.first_minute_number or self.next_minute_number()

    def save(self, *args, **kwargs):
        # Store the continued number so later minutes need not walk back through history.
        if self.first_minute_number is None and self.depth:
            self.first_minute_number = self.next_minute_number()
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            meeting=self.meeting,
            numbered_minutes=self.numbered_minutes(),
            present=self.present.order_by("last_name"),
            also_present=self.also_present.order_by("last_name"),
            apologies=self.apologies.order_by("last_name"),
        )
        return context

    def numbered_minutes(self):
        """[(number, minute value)] with numbers continuing across the committee."""
        first = self.numbered_first()
        return [(first + i, block.value) for i, block in enumerate(self.minutes)]

    @property
    def duration(self):
        """How long the meeting lasted as 'H hours M minutes', or None."""
        if not (self.started_at and self.ended_at):
            return None
        minutes = (self.ended_at.hour * 60 + self.ended_at.minute) - (
            self.started_at.hour * 60 + self.started_at.minute
        )
        if minutes <= 0:
            return None
        hours, mins = divmod(minutes, 60)
        parts = []
        if hours:
            parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
        if mins:
            parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
        return " ".join(parts)
