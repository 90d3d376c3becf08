"""Venues: where meetings happen, reused across meetings so addresses are typed once."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Venue(index.Indexed, models.Model):
    """A meeting room with its address and access information."""

    name = models.CharField(
        max_length=150, help_text="The room and building, e.g. 'Kennet Room, County Hall'."
    )
    address = models.TextField(help_text="The street address, one line per line.")
    postcode = models.CharField(max_length=10, help_text="e.g. 'BA14 8JN'.")
    access_notes = models.TextField(
        blank=True,
        help_text="Step-free access, hearing loops, parking, and how to find the room.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("access_notes"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def full_address(self):
        """Name, address and postcode on one line, as calendars and maps want it."""
        lines = [self.name, *self.address.splitlines(), self.postcode]
        return ", ".join(line.strip() for line in lines if line.strip())
