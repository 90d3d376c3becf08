"""haystack's Whoosh backend with every write serialised and retried.

Whoosh allows one writer per index. haystack's own backend raises `LockError` (or, with
SILENTLY_FAIL, logs and drops the write) when two processes write at once. This subclass
takes the cross-process index lock (`search.locking`) around every write, including
haystack's own `update_index`, `rebuild_index` and `clear_index` commands, and retries a
`LockError` with backoff, so a write waits its turn instead of being lost.

It also fixes two gaps in haystack's Whoosh spelling suggestions, so "Did you mean"
behaves as it does on Solr and Elasticsearch: a query with no results gets a suggestion
(haystack returns before computing one), and words that are in the index are kept
rather than swapped for a more frequent neighbour. Searching is otherwise haystack's
code, and Solr and Elasticsearch use haystack's backends directly.
"""

import logging
import re
import time

from django.utils.encoding import force_str
from haystack.backends import log_query
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from whoosh.fields import STORED
from whoosh.index import LockError
from whoosh.support.levenshtein import distance

from .locking import index_lock
from .whoosh_fast import FastSearch, shared_segment_caches

logger = logging.getLogger(__name__)

#: Delays between attempts when Whoosh's own lock is taken by a writer outside ours.
LOCK_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 4.0)


def with_lock_retries(operation, *args, **kwargs):
    """Run a write under the index lock, retrying Whoosh `LockError` with backoff.

    Re-raises the last `LockError` when every retry failed, so the caller's task is
    retried later rather than the write being silently dropped.
    """
    for attempt, delay in enumerate((*LOCK_RETRY_DELAYS, None), start=1):
        try:
            with index_lock():
                return operation(*args, **kwargs)
        except LockError:
            if delay is None:
                raise
            logger.warning("Search index locked (attempt %s); retrying in %ss", attempt, delay)
            time.sleep(delay)
    return None  # pragma: no cover - the loop always returns or raises


class _KeptOpen:
    """A searcher haystack may "close" after each query without closing it, so the next
    query reuses its open segment files."""

    def __init__(self, searcher):
        """Wrap `searcher`."""
        self._searcher = searcher

    def close(self):
        """Keep the searcher open for the next query."""

    def __getattr__(self, name):
        """Everything else is the wrapped object's own."""
        return getattr(self._searcher, name)


class ReusedSearcherIndex:
    """A Whoosh index whose searcher stays open between queries.

    haystack opens a new searcher (and so every segment file) for each query, which costs
    tens of milliseconds per query on a large index. This keeps one searcher per backend
    (haystack backends are per thread) and refreshes it when the index has changed,
    which reuses the segments that did not change. Everything else is the index's own.
    """

    def __init__(self, index):
        """Wrap `index`; the searcher is opened on first use."""
        self._index = index
        self._searcher = None

    def refresh(self):
        """haystack calls this before each search; the searcher refreshes itself."""
        return self

    def searcher(self, **kwargs):
        """The open searcher (refreshed if the index changed), safe to 'close'."""
        if kwargs:
            return self._index.searcher(**kwargs)
        if self._searcher is None:
            self._searcher = self._index.searcher()
        else:
            self._searcher = self._searcher.refresh()
        return _KeptOpen(self._searcher)

    def current_searcher(self):
        """The open searcher itself, refreshed if the index changed (for whoosh_fast)."""
        self.searcher()
        return self._searcher

    def reader(self, **kwargs):
        """The open searcher's reader; callers must not close it."""
        if kwargs:
            return self._index.reader(**kwargs)
        return self.searcher().reader()

    def doc_count(self):
        """Documents in the index, from the open searcher."""
        return self.searcher().doc_count()

    def close(self):
        """Close the kept searcher (when the index is recreated)."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def __getattr__(self, name):
        """Everything else is the wrapped object's own."""
        return getattr(self._index, name)


class _FoundPage:
    """The slice of a Whoosh results page that haystack's `_process_results` reads."""

    def __init__(self, hits, total):
        """`hits` are (stored fields, score) for this page; `total` counts every match."""
        self._hits = hits
        self._total = total

    def __len__(self):
        """The total number of matches, as haystack expects."""
        return self._total

    def __iter__(self):
        """Each hit's stored fields, in rank order."""
        return (fields for fields, _score in self._hits)

    def score(self, offset):
        """The score of the hit at `offset` on this page."""
        return self._hits[offset][1]


class SerialisedWhooshSearchBackend(WhooshSearchBackend):
    """Whoosh, with index creation and every write taken one at a time."""

    def __init__(self, connection_alias, **connection_options):
        """haystack's setup, plus this backend's fast-search caches."""
        super().__init__(connection_alias, **connection_options)
        # Each thread has its own backend; their segment caches are shared per index.
        self._fast = FastSearch(shared_segment_caches(self.path or connection_alias))

    def build_schema(self, fields):
        """haystack's schema, minus work nobody asked for: a field declared
        `indexed=False` (a result's url, summary) is stored but not analysed and indexed,
        and only the date keeps a sort column (haystack gives every text field one,
        which copies each document's whole text into the index a second time)."""
        content_field_name, schema = super().build_schema(fields)
        for field in fields.values():
            name = field.index_fieldname
            if not field.indexed and not field.is_multivalued and name in schema:
                schema.remove(name)
                schema.add(name, STORED())
            elif field.field_type not in ("date", "datetime") and name in schema:
                schema[name].column_type = None
        return content_field_name, schema

    def setup(self):
        """Create or open the index under the lock, so two processes never both create it,
        and keep its searcher open between queries."""
        previous = getattr(self, "index", None)
        if isinstance(previous, ReusedSearcherIndex):
            previous.close()
        with_lock_retries(super().setup)
        self.index = ReusedSearcherIndex(self.index)

    def update(self, index, iterable, commit=True):
        """Add or replace documents; waits for the lock rather than failing."""
        return with_lock_retries(super().update, index, iterable, commit=commit)

    def remove(self, obj_or_string, commit=True):
        """Delete one document by its object or identifier."""
        return with_lock_retries(super().remove, obj_or_string, commit=commit)

    def clear(self, models=None, commit=True):
        """Delete every document, or those of some models."""
        return with_lock_retries(super().clear, models=models, commit=commit)

    def optimize(self):
        """Merge segments (a write, so serialised like the others)."""
        return with_lock_retries(super().optimize)

    @log_query
    def search(self, query_string, **kwargs):
        """Search through `whoosh_fast` (same answers, without visiting every match), or
        haystack's own Whoosh search for what the fast path does not cover (date or query
        facets, geographic filters, sorting on several fields)."""
        if not self.setup_complete:
            self.setup()
        results = None
        if self._fast_path_applies(kwargs):
            results = self._fast_search(force_str(query_string), **kwargs)
        if results is None:
            results = super().search(query_string, **kwargs)
        if (
            self.include_spelling
            and not results.get("hits")
            and not results.get("spelling_suggestion")
            and len(query_string) > 1
            and self.index.doc_count()
        ):
            spelling_query = kwargs.get("spelling_query") or query_string
            results["spelling_suggestion"] = self.create_spelling_suggestion(spelling_query)
        return results

    def _fast_path_applies(self, kwargs):
        """True unless the search needs something only haystack's path does."""
        if not isinstance(self.index, ReusedSearcherIndex):
            return False
        if any(kwargs.get(name) for name in self.UNSUPPORTED_BY_FAST_PATH):
            return False
        sort_by = kwargs.get("sort_by")
        if sort_by:
            if len(sort_by) != 1:
                return False
            fieldname = sort_by[0].lstrip("-")
            field = self.schema[fieldname] if fieldname in self.schema else None
            if field is None or not field.column_type:
                return False
        return True

    UNSUPPORTED_BY_FAST_PATH = ("date_facets", "query_facets", "within", "dwithin")

    def _fast_search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        highlight=False,
        facets=None,
        narrow_queries=None,
        spelling_query=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        """haystack's Whoosh `search` contract, answered by `whoosh_fast`."""
        if not query_string or (len(query_string) <= 1 and query_string != "*"):
            return {"results": [], "hits": 0}
        parsed = self.parser.parse(query_string)
        if parsed is None:
            return {"results": [], "hits": 0}
        searcher = self.index.current_searcher()
        cache = self._fast.cache_for(searcher)
        matches = cache.bits(parsed) & cache.live
        for narrow in self._narrowing(narrow_queries, models, limit_to_registered_models):
            matches &= cache.bits(self.parser.parse(force_str(narrow)))
        hits = matches.bit_count()
        start = start_offset or 0
        end = hits if end_offset is None else min(end_offset, hits)
        top = []
        if hits and end > start:
            if sort_by:
                fieldname = sort_by[0].lstrip("-")
                reverse = sort_by[0].startswith("-")
                top = cache.top_by_order(fieldname, matches, end, reverse)
            else:
                top = cache.top_by_score(parsed, matches, hits, end)
        page = _FoundPage([(searcher.stored_fields(d), score) for d, score in top[start:end]], hits)
        results = self._process_results(
            page,
            highlight=highlight,
            query_string=query_string,
            spelling_query=spelling_query,
            result_class=result_class,
        )
        if facets:
            results["facets"] = {
                "fields": {
                    fieldname: cache.facet_counts(fieldname, matches) for fieldname in facets
                },
                "dates": {},
                "queries": {},
            }
        return results

    def _narrowing(self, narrow_queries, models, limit_to_registered_models):
        """haystack's narrowing rules: explicit narrow queries, and the models asked for
        (or all registered models when HAYSTACK_LIMIT_TO_REGISTERED_MODELS is on)."""
        from django.conf import settings
        from haystack.constants import DJANGO_CT
        from haystack.utils import get_model_ct

        narrows = list(narrow_queries or ())
        if limit_to_registered_models is None:
            limit_to_registered_models = getattr(
                settings, "HAYSTACK_LIMIT_TO_REGISTERED_MODELS", True
            )
        if models:
            choices = sorted(get_model_ct(model) for model in models)
        elif limit_to_registered_models:
            choices = self.build_models_list()
        else:
            choices = []
        if choices:
            narrows.append(" OR ".join(f"{DJANGO_CT}:{choice}" for choice in choices))
        return narrows

    def create_spelling_suggestion(self, query_string):
        """The query with each word that is not in the index replaced by the closest
        indexed word (fewest edits, then most documents); known words are kept."""
        if not query_string:
            return None
        words = re.findall(r"\w+", force_str(query_string))
        words = [w for w in words if w not in self.RESERVED_WORDS]
        if not words:
            return None
        field_name = self.content_field_name
        spelling_field = self.schema[field_name].spelling_fieldname(field_name)
        analyzer = self.schema[field_name].analyzer
        reader = self.index.reader()
        corrections = self._corrections_for(reader)
        suggested = []
        for word in (w.lower() for w in words):
            # A word the analyzer drops ("and", "the") is never in the index, and
            # "correcting" it gives "bed any breakfast".
            dropped = not any(True for _ in analyzer(word))
            if dropped or len(word) < 3 or word.isdigit() or (spelling_field, word) in reader:
                suggested.append(word)
                continue
            if word not in corrections:
                if len(corrections) > 5000:
                    corrections.clear()
                corrections[word] = self._closest_word(reader, spelling_field, word)
            suggested.append(corrections[word])
        return " ".join(suggested)

    def _corrections_for(self, reader):
        """Corrections already worked out for this version of the index."""
        if getattr(self, "_corrections_reader", None) is not reader:
            self._corrections_reader = reader
            self._corrections = {}
        return self._corrections

    @staticmethod
    def _closest_word(reader, field_name, word, max_edits=2):
        """The indexed word nearest to `word`: same first letter, at most `max_edits`
        edits, ties broken by how many documents use it. (Whoosh's automaton-based
        `terms_within` can return words that are not in the field.)"""
        best = None
        for raw in reader.expand_prefix(field_name, word[:1]):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if abs(len(term) - len(word)) > max_edits or term == word:
                continue
            edits = distance(word, term, limit=max_edits)
            if edits <= max_edits:
                candidate = (edits, -reader.doc_frequency(field_name, term), term)
                if best is None or candidate < best:
                    best = candidate
        return best[2] if best else word


class SerialisedWhooshEngine(WhooshEngine):
    """The engine named in HAYSTACK_CONNECTIONS when Whoosh is the search backend."""

    backend = SerialisedWhooshSearchBackend
