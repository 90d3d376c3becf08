"""Search index for general information pages (the accessibility statement, the privacy
notice). Only live, public, unexpired pages are indexed; see `search.indexing`."""

from haystack import indexes

from search.indexing import PublicSearchIndex, public_pages
from search.text import stream_headings, stream_text

from .models import StandardPage


class StandardPageIndex(PublicSearchIndex, indexes.Indexable):
    """General information pages such as the accessibility statement."""

    content_type_label = "Page"

    def get_model(self):
        """The model this index covers."""
        return StandardPage

    def index_queryset(self, using=None):
        """Live pages that the public can see: no drafts, no private pages."""
        return public_pages(StandardPage)

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return obj.summary

    def get_sections(self, obj):
        """Headings a result can link into, from the page's heading blocks."""
        return stream_headings(obj.body)

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        return {"body_text": stream_text(obj.body)}
