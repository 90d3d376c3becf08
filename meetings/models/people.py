"""Councillors: who sits on which committee, with their ward, party and contact details."""

from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class CouncillorIndexPage(Page):
    """The list of all councillors, by name, with their wards and parties."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence about what councillors do and how to find yours.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.CouncillorPage"]
    max_count = 1

    class Meta:
        verbose_name = "councillor index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["councillors"] = (
            CouncillorPage.objects.child_of(self).live().public().order_by("last_name", "title")
        )
        return context


class CouncillorPage(Page):
    """A councillor's profile. Their committees are derived from committee memberships."""

    first_name = models.CharField(max_length=80, help_text="e.g. 'Laura'.")
    last_name = models.CharField(max_length=80, help_text="e.g. 'Mayes'. Used for sorting.")
    honorifics = models.CharField(
        max_length=80,
        blank=True,
        help_text="Titles after the name, e.g. 'OBE' or 'MBE'.",
    )
    ward = models.CharField(max_length=120, blank=True, help_text="The ward they represent.")
    party = models.CharField(max_length=120, blank=True, help_text="Their political party.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo.",
    )
    photo_alt_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="Describe the photo for people who cannot see it, e.g. 'Councillor Laura Mayes'.",
    )
    email = models.EmailField(blank=True, help_text="Their council email address.")
    phone = models.CharField(max_length=40, blank=True, help_text="A public phone number.")
    biography = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="A short introduction in their own words.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("first_name"), FieldPanel("last_name"), FieldPanel("honorifics")],
            heading="Name",
        ),
        FieldPanel("ward"),
        FieldPanel("party"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading="Photo"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading="Contact"),
        FieldPanel("biography"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("ward"),
        index.SearchField("party"),
        index.SearchField("biography"),
        index.FilterField("last_name"),
    ]
    parent_page_types = ["meetings.CouncillorIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "councillor"

    @property
    def full_name(self):
        """'Cllr Laura Mayes' plus any honorifics, as agendas print it."""
        name = f"Cllr {self.first_name} {self.last_name}"
        return f"{name} {self.honorifics}" if self.honorifics else name

    @cached_property
    def memberships(self):
        """Committee memberships on live committees, derived rather than typed twice."""
        return list(
            self.committee_memberships.filter(committee__live=True)
            .select_related("committee")
            .order_by("committee__title")
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.photo_id and not self.photo_alt_text.strip():
            raise ValidationError(
                {"photo_alt_text": "Describe the photo for people who cannot see it."}
            )
