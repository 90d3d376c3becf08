"""Meetings, their agenda items (with papers, HTML reports and decisions) and minutes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
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
from meetings.panels import DeadlinesPanel, ReadOnlyDateTimePanel

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


def meeting_title_and_slug(committee_title, day, suffix=""):
    """A meeting's title and slug, from its committee, its date in the UK and an optional
    suffix: ("Cabinet, 10 February 2027", "2027-02-10"), or with suffix "extraordinary"
    ("Cabinet, 10 February 2027 (extraordinary)", "2027-02-10-extraordinary").

    The only place a meeting's name is made, so the page, calendars, alert emails and
    search all say the same date, and it changes when the meeting moves.
    """
    suffix = " ".join((suffix or "").split())
    when = deadlines.format_date(day)
    title = f"{committee_title}, {when}" if committee_title else when
    if suffix:
        title = f"{title} ({suffix})"
    slug = f"{day.isoformat()}-{slugify(suffix)}" if slugify(suffix) else day.isoformat()
    return title, slug


def minutes_title(meeting_title):
    """The title of a meeting's minutes: "Minutes of the Cabinet, 20 June 2017"."""
    return f"Minutes of the {meeting_title}"


def promote_panels_with_fixed_slug(slug_help):
    """Wagtail's Promote tab, but the slug is shown, not edited: it is made for the page."""
    return [
        MultiFieldPanel(
            [
                FieldPanel("slug", read_only=True, help_text=slug_help),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading="For search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus"),
    ]


class MeetingPage(RoutablePageMixin, Page):
    """A meeting of a committee: when and where, its status, agenda and papers.

    Times are aware datetimes; every deadline is computed in Europe/London by
    `meetings.deadlines`, so the clock changes cannot shift a legal date.
    """

    start = models.DateTimeField(help_text="When the meeting starts (UK time).")
    title_suffix = models.CharField(
        max_length=60,
        blank=True,
        help_text="Optional. A word or two added to the title and web address to tell this "
        "meeting apart, such as 'extraordinary' or 'budget'. Needed if the committee meets "
        "twice on one day.",
    )
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

    content_panels = [
        FieldPanel(
            "title",
            read_only=True,
            help_text="Made from the committee and the date of the meeting, with the suffix "
            "if you give one, e.g. 'Cabinet, 10 February 2027'. It changes when the meeting "
            "moves to another day.",
        ),
        FieldPanel("title_suffix"),
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
                ReadOnlyDateTimePanel("agenda_published_at"),
                FieldPanel("late_publication_reason"),
            ],
            heading="Agenda publication",
        ),
        InlinePanel("agenda_items", heading="Agenda items", label="Agenda item"),
    ]
    settings_panels = Page.settings_panels
    promote_panels = promote_panels_with_fixed_slug(
        "The last part of the meeting's web address: its date, and the suffix if it has one. "
        "If the meeting moves, the old address redirects here."
    )
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
            ObjectList(promote_panels, heading="Promote"),
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

    @property
    def committee(self):
        """The committee this meeting belongs to (its parent page), looked up once.

        A new meeting is not in the tree until it is first saved: until then this is None,
        unless the editor's form has set it (MeetingPageForm), and nothing is remembered.
        """
        from .committees import CommitteePage

        if "_committee" not in self.__dict__:
            if not self.path:
                return None
            self._committee = (
                CommitteePage.objects.filter(path=self.path[: -self.steplen], depth=self.depth - 1)
                .select_related("participation_rule", "default_venue")
                .first()
            )
        return self._committee

    @committee.setter
    def committee(self, committee):
        self._committee = committee

    @property
    def effective_venue(self):
        """The meeting's own venue, else the committee's usual one."""
        if self.venue_id:
            return self.venue
        return self.committee.default_venue if self.committee else None

    @property
    def local_start(self):
        return timezone.localtime(self.start, deadlines.LONDON)

    @property
    def local_date(self):
        """The day of the meeting in the UK (a 00:30 BST start is not the UTC day before)."""
        return self.local_start.date()

    def title_and_slug(self):
        """(title, slug) as `meeting_title_and_slug` makes them for this meeting now."""
        committee = self.committee
        return meeting_title_and_slug(
            committee.title if committee else "", self.local_date, self.title_suffix
        )

    def follow_date(self):
        """Set the title and slug from the date, committee and suffix, before any
        validation or save, so nothing typed or stored can contradict them.

        Editors are asked for a suffix when the committee already meets that day
        (`same_day_clash`); meetings built in code (the demo, imports) get "-2" instead.
        """
        if not self.start:
            return
        self.title, self.slug = self.title_and_slug()
        taken = self._sibling_slugs()
        base, number = self.slug, 1
        while self.slug in taken:
            number += 1
            self.slug = f"{base}-{number}"

    def _sibling_slugs(self):
        """The slugs of the committee's other pages."""
        committee = self.committee
        if committee is None:
            return set()
        return set(committee.get_children().exclude(pk=self.pk).values_list("slug", flat=True))

    def same_day_clash(self):
        """Why this meeting's title and address would clash with another meeting of the
        committee on the same day, or None."""
        committee = self.committee
        _, slug = self.title_and_slug()
        if committee is None or slug not in self._sibling_slugs():
            return None
        day = deadlines.format_date(self.local_date)
        if self.title_suffix.strip():
            return (
                f"{committee.title} already has a meeting on {day} with the suffix "
                f"'{self.title_suffix.strip()}'. Choose a different suffix."
            )
        return (
            f"{committee.title} already has a meeting on {day}. Give this one a suffix, "
            "such as 'extraordinary', so the two have different titles and web addresses."
        )

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

    def full_clean(self, *args, **kwargs):
        self.follow_date()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.follow_date()
        super().minimal_clean()

    def clean(self):
        errors = {}
        if self.title_suffix.strip() and not slugify(self.title_suffix):
            errors["title_suffix"] = (
                "Use letters or numbers in the suffix, such as 'extraordinary' or 'budget'."
            )
        else:
            try:
                super().clean()
            except ValidationError as error:
                errors.update(error.message_dict)
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
        sequence whenever time, venue or status change on a published meeting. The title
        and slug follow the date, and the minutes' title follows the meeting's."""
        self.follow_date()
        for position, item in enumerate(self.agenda_items.all(), start=1):
            # Items built in code (imports, the demo) arrive without a sort order; keep the
            # order they were given in, or the database may return them shuffled.
            if item.sort_order is None:
                item.sort_order = position
            if not (item.number or "").strip():
                item.number = str(position)
        previous = None
        if self.pk:
            previous = (
                MeetingPage.objects.filter(pk=self.pk)
                .values(
                    "title", "start", "end", "venue_id", "status", "sequence", "first_published_at"
                )
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
        update_fields = kwargs.get("update_fields")
        if (
            previous
            and previous["title"] != self.title
            and (update_fields is None or "title" in update_fields)
        ):
            for minutes in MinutesPage.objects.child_of(self).specific():
                minutes.follow_meeting()
                minutes.draft_title = minutes.title
                minutes.save(clean=False, update_fields=["title", "draft_title"])

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
        from .forward_plan import ForwardPlanEntry

        entries = ForwardPlanEntry.objects.filter(live=True).in_bulk(
            {item.forward_plan_entry_id for item in items if item.forward_plan_entry_id}
        )
        for item in items:
            item.paper_links = []
            item.public_decisions = decisions.get(item.pk, [])
            # Key decisions link to their notice on the forward plan, and it links back.
            item.public_forward_plan_entry = entries.get(item.forward_plan_entry_id)
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
        from .registers import DecisionIndexPage, ForwardPlanPage

        context.update(
            decisions_page=DecisionIndexPage.objects.live().public().first(),
            forward_plan=ForwardPlanPage.objects.live().public().first(),
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
        help_text="The forward plan entry that gave notice of this key decision. Link a Part "
        "II item holding the exempt papers of the same decision to the same entry: the forward "
        "plan then shows the decision is taken in private.",
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
    #: How each status reads inside a sentence ("The draft minutes of ..."); the choice
    #: labels are for the editor's menu and do not fit there.
    STATUS_NOUNS = {DRAFT: "draft minutes", CONFIRMED: "confirmed minutes"}

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

    content_panels = [
        FieldPanel(
            "title",
            read_only=True,
            help_text="Made from the meeting's title, e.g. 'Minutes of the Cabinet, 20 June "
            "2017'. Change the meeting to change it.",
        ),
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
    promote_panels = promote_panels_with_fixed_slug(
        "Always 'minutes': the minutes are at the meeting's web address followed by /minutes/."
    )
    search_fields = Page.search_fields + [index.SearchField("minutes")]
    parent_page_types = ["meetings.MeetingPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "minutes"
        verbose_name_plural = "minutes"

    @property
    def meeting(self):
        """The meeting these are the minutes of (the parent page), looked up once; None,
        and nothing remembered, until the minutes are in the tree."""
        if "_meeting" not in self.__dict__:
            if not self.path:
                return None
            self._meeting = MeetingPage.objects.filter(
                path=self.path[: -self.steplen], depth=self.depth - 1
            ).first()
        return self._meeting

    def follow_meeting(self):
        """Take the title from the meeting and the slug 'minutes', before any validation
        or save, so the minutes are always at <meeting>/minutes/ and named after it."""
        meeting = self.meeting
        if meeting is not None:
            self.title = minutes_title(meeting.title)
            self.slug = "minutes"

    def full_clean(self, *args, **kwargs):
        self.follow_meeting()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.follow_meeting()
        super().minimal_clean()

    def status_noun(self):
        """'draft minutes' or 'confirmed minutes', for use in a sentence."""
        return self.STATUS_NOUNS.get(self.minutes_status, "minutes")

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
        self.follow_meeting()
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
