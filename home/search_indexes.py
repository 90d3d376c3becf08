"""Haystack indexes for general pages. Only live pages without view restrictions are indexed."""

from haystack import indexes

from .models import StandardPage


class StandardPageIndex(indexes.SearchIndex, indexes.Indexable):
    """General information pages such as the accessibility statement."""

    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=2.0)
    summary = indexes.CharField(model_attr="summary", default="")
    url = indexes.CharField(indexed=False)
    content_type = indexes.CharField(faceted=True, default="Page")
    date = indexes.DateTimeField(model_attr="last_published_at", null=True)

    def get_model(self):
        return StandardPage

    def index_queryset(self, using=None):
        """Live pages that the public can see: no drafts, no private pages."""
        return StandardPage.objects.live().public()

    def prepare_url(self, obj):
        return obj.url
