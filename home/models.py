"""Pages and settings that belong to the whole site rather than to one service."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock


class HomePage(Page):
    """The council's democracy home page: the root of every public section.

    Sections (committees, decisions, plans, consultations, councillors) are its children, so
    each is one click from home and every paper stays within three.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="One or two sentences welcoming residents and saying what they can do here.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "meetings.CommitteeIndexPage",
        "meetings.DecisionIndexPage",
        "meetings.PlanIndexPage",
        "meetings.CouncillorIndexPage",
        "consultations.ConsultationIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        """Every committee (one click from home, so every paper is within three) and the
        next meetings."""
        from django.utils import timezone

        from meetings.models import CommitteePage, MeetingPage

        context = super().get_context(request, *args, **kwargs)
        committees = list(
            CommitteePage.objects.descendant_of(self).live().public().order_by("title")
        )
        by_path = {c.path: c for c in committees}
        upcoming = list(
            MeetingPage.objects.descendant_of(self)
            .live()
            .public()
            .filter(start__gte=timezone.now())
            .order_by("start")[:6]
        )
        for meeting in upcoming:
            meeting.committee_page = by_path.get(meeting.path[: -meeting.steplen])
        context.update(committees=committees, upcoming_meetings=upcoming)
        return context


class StandardPage(Page):
    """A general information page, e.g. the accessibility statement or the privacy notice."""

    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence shown under the title and in search results.",
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="The page content. Start sections with level 2 headings.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When the content was last checked as correct (shown on the page).",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"


@register_setting(icon="site")
class CouncilSettings(BaseSiteSetting):
    """Who runs the site: the council's name, address, logo and democratic services contact.

    Held as a setting so the same code serves any council without template edits.
    """

    council_name = models.CharField(
        max_length=120,
        default="Council",
        help_text="The council's name as residents know it, e.g. 'Wiltshire Council'.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The council's logo for the header. Its title is used as the alt text.",
    )
    address = models.TextField(
        blank=True,
        help_text="The council's postal address, one line per line.",
    )
    democratic_services_email = models.EmailField(
        blank=True,
        help_text="The email address residents use to contact democratic services.",
    )
    democratic_services_phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="The phone number for democratic services, e.g. '0300 456 0100'.",
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The accessibility statement page, linked from every page footer.",
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice page, linked from every page footer and every form.",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page about how to contact the council, linked from every page footer.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("council_name"), FieldPanel("logo"), FieldPanel("address")],
            heading="Council",
        ),
        MultiFieldPanel(
            [FieldPanel("democratic_services_email"), FieldPanel("democratic_services_phone")],
            heading="Democratic services contact",
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("accessibility_statement"),
                PageChooserPanel("privacy_notice"),
                PageChooserPanel("contact_page"),
            ],
            heading="Footer links",
        ),
    ]

    class Meta:
        verbose_name = "council settings"


class ClickDepthRun(models.Model):
    """One run of the three-clicks check, kept so the admin report can show the latest
    result at once: crawling a council with years of meetings takes minutes, far longer
    than a web request may, so the crawl runs in the task worker or the nightly timer."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    max_depth = models.PositiveSmallIntegerField(default=3)
    host = models.CharField(max_length=255, blank=True)
    home_status = models.PositiveSmallIntegerField(null=True, blank=True)
    checked = models.PositiveIntegerField(default=0)
    # [{"url", "depth" (None if unreachable), "path": [url, ...]}, ...]
    offenders = models.JSONField(default=list, blank=True)
    # [{"url", "status", "linked_from"}, ...]
    broken_links = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        from meetings.deadlines import format_deadline

        return f"Click-depth check at {format_deadline(self.started_at)}"

    @property
    def ok(self):
        return self.finished_at is not None and not self.error and not self.offenders
