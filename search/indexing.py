"""What every searchable thing shares, and how the index is brought up to date.

Each app's `search_indexes.py` subclasses `PublicSearchIndex`. Every document carries the
same small set of stored fields (title, url, summary, content type, committee, year, date),
so the search page renders results from the index alone without touching the database.

`reindex()` is the only way the site changes the index outside haystack's management
commands. It re-reads each object from the database (never from an in-memory instance that
may hold draft content), indexes it if its index's `index_queryset()` still includes it,
and removes it otherwise. It holds the index lock while reading and writing, so when two
processes change the same page the last one to write also read the latest state.
"""

import datetime
import json
import logging
from collections import defaultdict

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from haystack import connections, indexes
from haystack.exceptions import NotHandled, SkipDocument
from haystack.utils import get_identifier
from wagtail.models import Page

from .locking import index_lock

logger = logging.getLogger(__name__)

#: How many objects go to the backend in one write.
BATCH_SIZE = 200


def naive_local(value):
    """A datetime (or date) as naive UK local time: what Whoosh stores and residents read."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    return datetime.datetime(value.year, value.month, value.day)


def facet_value(value):
    """A facet value safe for every backend: no commas (Whoosh splits multi-values on them)."""
    return " ".join(str(value).replace(",", " ").split())[:200]


def page_url(page):
    """A page's site-relative URL, or None if it is not under any site (so cannot be read)."""
    try:
        return page.get_url(request=None, current_site=None)
    except (AttributeError, ValueError):
        return None


def not_expired(queryset):
    """Pages that are not past their expiry time, even if the expiry job has not run yet."""
    return queryset.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


def public_pages(model):
    """Live pages of `model` that anyone may read: no drafts, no view restriction (inherited
    ones too), not expired."""
    return not_expired(model.objects.live().public())


class PublicSearchIndex(indexes.SearchIndex):
    """The fields every searchable thing shares.

    `text` comes from `templates/search/indexes/<app>/<model>_text.txt` with extra context
    from `text_context()`. The stored fields are what a result shows, so searching never
    loads objects from the database.
    """

    # The template is rendered by `prepare_text` (with extra context), not by haystack,
    # so it is rendered once per document rather than twice.
    text = indexes.CharField(document=True)
    title = indexes.CharField(boost=2.0)
    summary = indexes.CharField(indexed=False, default="")
    url = indexes.CharField(indexed=False)
    content_type = indexes.MultiValueField(faceted=True)
    committee = indexes.MultiValueField(faceted=True, null=True)
    year = indexes.MultiValueField(faceted=True)
    date = indexes.DateTimeField()
    sections = indexes.CharField(indexed=False, default="")
    autocomplete = indexes.EdgeNgramField()

    #: The label residents see in results and the content type filter.
    content_type_label = "Page"
    #: {model label: field name or callable(pks) -> pks}: when one of those objects
    #: changes, which of this index's objects must be reindexed with it.
    depends_on = {}

    # --- what each subclass provides -----------------------------------------------------

    def get_url(self, obj):
        """The public URL of the object (with #anchor where it has one), or None."""
        return page_url(obj)

    def get_date(self, obj):
        """The date residents would file this under (a meeting's start, a decision's date)."""
        return getattr(obj, "last_published_at", None) or getattr(obj, "first_published_at", None)

    def get_committees(self, obj):
        """Committee titles this belongs to, for the committee filter."""
        return []

    def get_summary(self, obj):
        """A sentence shown under the title when no passage matches."""
        return ""

    def get_sections(self, obj):
        """[(anchor, heading)] for documents with sections a result can link into."""
        return []

    def text_context(self, obj):
        """Extra template context for the document text (papers, report text...)."""
        return {}

    # --- haystack hooks ----------------------------------------------------------------

    def url_for(self, obj):
        """The URL, computed once per object per indexing pass."""
        if not hasattr(obj, "_search_url"):
            obj._search_url = self.get_url(obj)
        return obj._search_url

    def can_index(self, obj):
        """False for an object that passed `index_queryset` but has no public URL (a page
        outside any site, a decision while the register page is unpublished)."""
        return bool(self.url_for(obj))

    def prepare_text(self, obj):
        """Render the text template with `object` and this index's `text_context`."""
        from django.template import loader

        app_label, model_name = obj._meta.app_label, obj._meta.model_name
        template = loader.get_template(f"search/indexes/{app_label}/{model_name}_text.txt")
        context = {"object": obj, **self.text_context(obj)}
        return "\n".join(
            line.strip() for line in template.render(context).splitlines() if line.strip()
        )

    def prepare_title(self, obj):
        """The title shown in results (and boosted in ranking)."""
        return str(getattr(obj, "title", obj))

    def prepare_autocomplete(self, obj):
        """The words the header box suggests from."""
        return self.prepare_title(obj)

    def prepare_url(self, obj):
        """The stored URL; a document without one is skipped."""
        url = self.url_for(obj)
        if not url:
            raise SkipDocument(f"{get_identifier(obj)} has no public URL")
        return url

    def prepare_summary(self, obj):
        """The stored summary line."""
        return self.get_summary(obj) or ""

    def prepare_content_type(self, obj):
        """The content type facet value."""
        return [self.content_type_label]

    def prepare_committee(self, obj):
        """The committee facet values (commas removed for Whoosh)."""
        return [facet_value(c) for c in self.get_committees(obj) if c] or None

    def prepare_date(self, obj):
        """The date as naive UK time (what Whoosh stores); never empty."""
        return naive_local(self.get_date(obj)) or naive_local(timezone.now())

    def prepare_year(self, obj):
        """The year facet value, from the date."""
        return [str(self.prepare_date(obj).year)]

    def prepare_sections(self, obj):
        """The section headings as JSON, or nothing."""
        sections = self.get_sections(obj)
        return json.dumps(sections) if sections else ""

    def read_queryset(self, using=None):
        """Objects are loaded with the same rules as they are indexed."""
        return self.index_queryset(using=using)


# --- keeping the index current ---------------------------------------------------------


def unified_index():
    """haystack's registry of indexes for the default connection."""
    return connections["default"].get_unified_index()


def indexed_models():
    """Every model with a search index."""
    return unified_index().get_indexed_models()


def key_for(model, pk):
    """The key a change is queued under: haystack's identifier, 'app.model.pk'."""
    return f"{model._meta.app_label}.{model._meta.model_name}.{pk}"


def parse_key(key):
    """(model, pk) from a key, or (None, None) for a model that no longer exists."""
    try:
        app_label, model_name, pk = key.rsplit(".", 2)
        return apps.get_model(app_label, model_name), pk
    except (ValueError, LookupError):
        return None, None


def keys_for_instance(instance):
    """Keys for an object and for the specific page class of a page instance."""
    model = type(instance)
    if isinstance(instance, Page):
        specific = instance.specific_class or model
        return {key_for(specific, instance.pk)}
    return {key_for(model, instance.pk)}


def subtree_keys(page_ids):
    """Keys for every page (in any state) at or below each page in `page_ids`."""
    keys = set()
    paths = list(Page.objects.filter(pk__in=page_ids).values_list("path", flat=True))
    if not paths:
        return keys
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    for pk, content_type_id in Page.objects.filter(condition).values_list("pk", "content_type"):
        model = _model_for_content_type(content_type_id)
        if model is not None:
            keys.add(key_for(model, pk))
    return keys


def _model_for_content_type(content_type_id):
    """The model class for a content type id (None if it is gone)."""
    from django.contrib.contenttypes.models import ContentType

    try:
        return ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None


def dependent_keys(keys):
    """Keys of documents that include data from the objects in `keys` (one level deep):
    an agenda item when its meeting changes, a decision when its register page moves."""
    by_label = defaultdict(set)
    for key in keys:
        model, pk = parse_key(key)
        if model is not None:
            by_label[model._meta.label].add(pk)
            for parent in model._meta.get_parent_list():
                by_label[parent._meta.label].add(pk)
    found = set()
    ui = unified_index()
    for model in ui.get_indexed_models():
        index = ui.get_index(model)
        for label, link in getattr(index, "depends_on", {}).items():
            pks = by_label.get(label)
            if not pks:
                continue
            if callable(link):
                dependent_pks = link(pks)
            else:
                dependent_pks = model._default_manager.filter(**{f"{link}__in": pks}).values_list(
                    "pk", flat=True
                )
            found.update(key_for(model, pk) for pk in dependent_pks)
    return found


def reindex(keys=(), subtrees=()):
    """Make the index match the database for these objects (and pages below `subtrees`).

    Returns (updated, removed) counts. Raises on backend errors, so the calling task can
    retry; nothing is swallowed here.
    """
    with index_lock():
        keys = set(keys)
        if subtrees:
            keys |= subtree_keys(subtrees)
        keys |= dependent_keys(keys)
        by_model = defaultdict(set)
        for key in keys:
            model, pk = parse_key(key)
            if model is not None:
                by_model[model].add(pk)
        backend = connections["default"].get_backend()
        ui = unified_index()
        updated = removed = 0
        for model, pks in by_model.items():
            try:
                index = ui.get_index(model)
            except NotHandled:
                continue
            current = {str(obj.pk): obj for obj in index.index_queryset().filter(pk__in=pks)}
            keep = [obj for obj in current.values() if index.can_index(obj)]
            for start in range(0, len(keep), BATCH_SIZE):
                backend.update(index, keep[start : start + BATCH_SIZE])
            updated += len(keep)
            kept = {str(obj.pk) for obj in keep}
            for pk in sorted(str(pk) for pk in pks):
                if pk not in kept:
                    backend.remove(key_for(model, pk))
                    removed += 1
        if updated or removed:
            from .query import bump_index_generation

            bump_index_generation()
        logger.info("Search index: %s updated, %s removed", updated, removed)
        return updated, removed
