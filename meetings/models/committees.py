"""Committees and the meetings index: the spine of the democracy site's navigation.

Tree: Home > Meetings (index and calendar) > Committee > Meeting > Minutes. The home page
links to every committee, and every committee lists all its meetings without paging, so
any paper is at most three clicks from home.
"""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

ROLE_CHOICES = [
    ("chair", "Chair"),
    ("vice_chair", "Vice-chair"),
    ("leader", "Leader of the Council"),
    ("deputy_leader", "Deputy Leader"),
    ("portfolio_holder", "Cabinet member (portfolio holder)"),
    ("member", "Member"),
    ("substitute", "Substitute member"),
]


class CommitteeIndexPage(RoutablePageMixin, Page):
    """The meetings section: every committee, upcoming meetings and the meeting calendar.

    The calendar views (upcoming, past, month) are routes on this page: see
    `meetings.views` and `MeetingCalendarMixin`.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two about council meetings and how to attend them.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.CommitteePage"]
    max_count = 1

    class Meta:
        verbose_name = "meetings and committees index"

    def committees(self):
        """Live public committees in title order."""
        return CommitteePage.objects.child_of(self).live().public().order_by("title")

    def meetings(self):
        """Live public meetings of every committee under this index."""
        from .meetings import MeetingPage

        return MeetingPage.objects.descendant_of(self).live().public()

    @path("")
    def index(self, request):
        """Upcoming meetings (optionally for one committee) and every committee."""
        from meetings.calendar import meeting_listing

        return self.render(request, context_overrides=meeting_listing(self, request))

    @path("calendar/<int:year>/<int:month>/")
    def month(self, request, year, month):
        """A month of meetings as a calendar grid, which works without JavaScript."""
        from meetings.calendar import month_view

        return self.render(
            request,
            template="meetings/meeting_calendar_month.html",
            context_overrides=month_view(self, request, year, month),
        )


class CommitteePage(Page):
    """A committee (or the Cabinet, or full Council) with its members and all its meetings."""

    purpose = RichTextField(
        features=["bold", "italic", "link", "ul"],
        help_text="What the committee does and decides, in plain English.",
    )
    is_executive = models.BooleanField(
        default=False,
        help_text="Tick for the Cabinet (the executive), whose key decisions need forward plan "
        "notice.",
    )
    contact_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="The democratic services officer for this committee.",
    )
    contact_email = models.EmailField(blank=True, help_text="Their email address.")
    contact_phone = models.CharField(max_length=40, blank=True, help_text="Their phone number.")
    default_venue = models.ForeignKey(
        "meetings.Venue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the committee usually meets. Each meeting can name another venue.",
    )
    participation_rule = models.ForeignKey(
        "meetings.ParticipationRule",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committees",
        help_text="How the public may ask questions or make statements. Leave blank if the "
        "public cannot take part in this committee's meetings.",
    )
    first_minute_number = models.PositiveIntegerField(
        default=1,
        help_text="The number of this committee's first minute on this site. Later minutes "
        "continue from the previous meeting's last minute.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("purpose"),
        FieldPanel("is_executive"),
        InlinePanel("memberships", heading="Members", label="Member"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="Democratic services contact",
        ),
        FieldPanel("default_venue"),
        FieldPanel("participation_rule"),
        FieldPanel("first_minute_number"),
    ]
    search_fields = Page.search_fields + [index.SearchField("purpose")]
    parent_page_types = ["meetings.CommitteeIndexPage"]
    subpage_types = ["meetings.MeetingPage"]

    class Meta:
        verbose_name = "committee"

    def save(self, *args, **kwargs):
        # Memberships built in code arrive without a sort order; keep the given order.
        for position, membership in enumerate(self.memberships.all(), start=1):
            if membership.sort_order is None:
                membership.sort_order = position
        super().save(*args, **kwargs)

    def meetings(self):
        """All live public meetings of this committee, oldest first."""
        from .meetings import MeetingPage

        return MeetingPage.objects.child_of(self).live().public().order_by("start")

    def get_context(self, request, *args, **kwargs):
        """Members, upcoming meetings and every past meeting grouped by year (no paging)."""
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        meetings = list(self.meetings().select_related("venue"))
        upcoming = [m for m in meetings if m.start >= now]
        past = [m for m in reversed(meetings) if m.start < now]
        years = {}
        for meeting in past:
            years.setdefault(timezone.localtime(meeting.start).year, []).append(meeting)
        context.update(
            members=self.memberships.select_related("councillor").all(),
            upcoming_meetings=upcoming,
            past_meetings_by_year=sorted(years.items(), reverse=True),
        )
        return context


class CommitteeMembership(Orderable):
    """A councillor's seat on a committee, with their role or portfolio."""

    committee = ParentalKey(CommitteePage, on_delete=models.CASCADE, related_name="memberships")
    councillor = models.ForeignKey(
        "meetings.CouncillorPage",
        on_delete=models.CASCADE,
        related_name="committee_memberships",
        help_text="The councillor.",
    )
    role = models.CharField(
        max_length=20,
        choices=ROLE_CHOICES,
        default="member",
        help_text="Their role on this committee.",
    )
    portfolio = models.CharField(
        max_length=200,
        blank=True,
        help_text="For cabinet members, the portfolio, e.g. 'Cabinet Member for Children, "
        "Education and Skills'.",
    )

    panels = [FieldPanel("councillor"), FieldPanel("role"), FieldPanel("portfolio")]

    class Meta(Orderable.Meta):
        verbose_name = "committee member"

    def __str__(self):
        return f"{self.councillor} ({self.get_role_display()})"

    @property
    def role_label(self):
        """The portfolio if there is one, else the role name."""
        return self.portfolio or self.get_role_display()
