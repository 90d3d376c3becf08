"""A Wagtail-aware haystack signal processor.

haystack's RealtimeSignalProcessor indexes whatever instance is saved. In Wagtail that is
wrong: saving a draft revision saves the page too, with draft content in memory, so draft
words would become searchable. This processor listens to Wagtail's publishing signals
instead (publish, unpublish, move, slug change, view restriction changes, deletion) and
queues *which* objects changed. After the transaction commits, a task re-reads each one
from the database and indexes it only if it is still live and public (`search.indexing`).

Changes are collected per thread and sent as one task per commit, so unpublishing a
section with hundreds of pages queues one task, not hundreds.
"""

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from haystack.signals import BaseSignalProcessor
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .indexing import indexed_models, key_for, keys_for_instance, unified_index

logger = logging.getLogger(__name__)


class PendingChanges(threading.local):
    """Objects and page subtrees changed in this thread since the last flush."""

    def __init__(self):
        """Nothing pending yet."""
        self.keys = set()
        self.subtrees = set()

    def take(self):
        """Return and clear what is pending."""
        keys, subtrees = self.keys, self.subtrees
        self.keys, self.subtrees = set(), set()
        return keys, subtrees


class WagtailSignalProcessor(BaseSignalProcessor):
    """Queue index updates on publish, unpublish, move, restriction change and delete."""

    def __init__(self, *args, **kwargs):
        """Pending changes are per thread; receivers are remembered for `teardown`."""
        self.pending = PendingChanges()
        self._connected = []
        super().__init__(*args, **kwargs)

    # --- wiring ------------------------------------------------------------------------

    def _connect(self, signal, receiver, sender=None):
        """Connect a receiver and remember it for `teardown`."""
        signal.connect(receiver, sender=sender, weak=False)
        self._connected.append((signal, receiver, sender))

    def setup(self):
        """Connect to Wagtail's publishing signals and to deletes of indexed models."""
        self._connect(page_published, self.handle_object)
        self._connect(page_unpublished, self.handle_object)
        self._connect(published, self.handle_object)
        self._connect(unpublished, self.handle_object)
        self._connect(post_page_move, self.handle_subtree)
        self._connect(page_slug_changed, self.handle_subtree)
        self._connect(post_save, self.handle_restriction, sender=PageViewRestriction)
        self._connect(post_delete, self.handle_restriction, sender=PageViewRestriction)
        document_model = get_document_model()
        self._connect(post_save, self.handle_document_saved, sender=document_model)
        self._connect(post_delete, self.handle_object, sender=document_model)
        for model in indexed_models():
            self._connect(post_delete, self.handle_object, sender=model)
            if getattr(unified_index().get_index(model), "reindex_on_save", False):
                self._connect(post_save, self.handle_object, sender=model)

    def teardown(self):
        """Disconnect everything `setup` connected."""
        for signal, receiver, sender in self._connected:
            signal.disconnect(receiver, sender=sender)
        self._connected = []

    # --- receivers -----------------------------------------------------------------------

    def handle_object(self, sender, instance, **kwargs):
        """A page or snippet was published, unpublished, saved or deleted."""
        if instance.pk is not None:
            self.queue(keys=keys_for_instance(instance))

    def handle_subtree(self, sender, instance, **kwargs):
        """A page moved or changed slug: its URL and its descendants' URLs changed, and a
        move may take the whole subtree under (or out of) a view restriction."""
        self.queue(subtrees={instance.pk})

    def handle_restriction(self, sender, instance, **kwargs):
        """A view restriction was added, changed or removed: re-check everything below."""
        if instance.page_id:
            self.queue(subtrees={instance.page_id})

    def handle_document_saved(self, sender, instance, **kwargs):
        """A paper was uploaded or changed: extract its text (which then reindexes the
        items that attach it). Extraction is slow, so it always runs as a task."""
        document_id = instance.pk
        transaction.on_commit(lambda: queue_extraction(document_id), robust=True)
        self.queue(keys={key_for(type(instance), document_id)})

    # --- queueing ------------------------------------------------------------------------

    def queue(self, keys=(), subtrees=()):
        """Remember the change and flush it once the current transaction commits (at once
        when there is no transaction)."""
        self.pending.keys.update(keys)
        self.pending.subtrees.update(subtrees)
        transaction.on_commit(self.flush, robust=True)

    def flush(self):
        """Send everything pending as one index update task. The first on-commit callback
        of a transaction sends it all; later ones find nothing left to send."""
        keys, subtrees = self.pending.take()
        if keys or subtrees:
            queue_reindex(keys, subtrees)


def queue_reindex(keys, subtrees=()):
    """Queue an index update. Failing to queue must not break publishing, so errors are
    logged; the nightly `update_index --remove` reconciles anything missed."""
    from .tasks import update_search_index

    try:
        update_search_index.enqueue(keys=sorted(keys), subtrees=sorted(subtrees))
    except Exception:
        logger.exception("Could not queue a search index update for %s", sorted(keys)[:20])


def queue_extraction(document_id):
    """Queue text extraction for a document; never fatal to the upload."""
    from .tasks import extract_document_text

    try:
        extract_document_text.enqueue(document_id=document_id)
    except Exception:
        logger.exception("Could not queue text extraction for document %s", document_id)
