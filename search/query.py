"""Running a site search: the one code path behind the search page and the benchmark.

Uses only haystack's public query API (SearchQuerySet, SQ, AutoQuery, Exact, facets,
spelling), so it works the same on Whoosh, Solr and Elasticsearch. Results are built
from stored fields, never by loading objects from the database.

Ranking: haystack's relevance score with matches in the title counting extra (the query
is run against the title as well as the text, and the title field is boosted), then a
gentle recency boost: the top `RERANK_WINDOW` results are re-ordered by
score × (1 + `RECENCY_WEIGHT` × ½^(age / `RECENCY_HALF_LIFE_YEARS`)). Re-ranking a window
rather than the whole result set keeps it backend-neutral and cheap; results beyond the
window keep their relevance order, and the window is a whole number of pages, so paging
is stable.

Facets count correctly across filters: a count is the number of results the resident
would get by ticking that box as well (ticks within one facet widen, ticks in different
facets narrow). A facet with ticks is therefore counted by its own query without its own
filter; those counts are cached per query and invalidated whenever the index changes.
"""

import datetime
import hashlib
import json
import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone
from haystack.inputs import AutoQuery, Exact
from haystack.query import SQ, SearchQuerySet

from .highlighting import NO_PASSAGE, Passage, passage, section_at

RESULTS_PER_PAGE = 20
RERANK_WINDOW = 40
RECENCY_WEIGHT = 0.25
RECENCY_HALF_LIFE_YEARS = 2.0
FACET_CACHE_SECONDS = 600
#: "Did you mean" is offered only for a query with at most this many results.
SUGGEST_AT_MOST = 2
GENERATION_KEY = "search:index-generation"

#: (query-string parameter, index field, label) for each facet, in display order.
FACETS = (
    ("type", "content_type", "Content type"),
    ("committee", "committee", "Committee"),
    ("year", "year", "Year"),
)
SORT_FIELDS = {"relevance": None, "newest": "-date", "oldest": "date"}


@dataclass
class FacetOption:
    """One checkbox in a facet: a value, how many results it has, whether it is ticked."""

    value: str
    count: int
    selected: bool


@dataclass
class Facet:
    """A group of checkboxes: content type, committee or year."""

    param: str
    label: str
    options: list

    @property
    def selected_count(self):
        """How many boxes in this facet are ticked."""
        return sum(1 for option in self.options if option.selected)


@dataclass
class Result:
    """A search result as the page shows it, built from stored fields only."""

    title: str
    url: str
    content_type: str
    summary: str = ""
    committee: str = ""
    date: datetime.datetime | None = None
    passage: Passage = NO_PASSAGE
    section: str = ""
    score: float = 0.0


@dataclass
class SearchOutcome:
    """Everything the results page shows for one query."""

    query: str
    results: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = RESULTS_PER_PAGE
    sort: str = "relevance"
    facets: list = field(default_factory=list)
    suggestion: str = ""

    @property
    def num_pages(self):
        """Pages of results (at least one)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_number(self):
        """The position of the first result on this page (0 if none)."""
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_number(self):
        """The position of the last result on this page."""
        return min(self.total, self.page * self.per_page)


def index_generation():
    """A number that changes whenever the index is written, for cache keys."""
    return cache.get(GENERATION_KEY, 0)


def bump_index_generation():
    """Invalidate cached facet counts after an index write.

    The generation must never expire: if it fell back to 0, counts cached under earlier
    generations would be served again. `incr` on Django's file and database caches rewrites
    the key with the default timeout (300 s), so the key is made permanent again after it."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
    else:
        cache.touch(GENERATION_KEY, None)


def matching(query, using="default"):
    """Documents matching the query in their text or title (title matches score extra)."""
    words = AutoQuery(query)
    return SearchQuerySet(using=using).filter(SQ(content=words) | SQ(title=words))


def narrowed(sqs, filters, date_from=None, date_to=None, skip=None):
    """Apply the date range and every facet's ticked values except facet `skip`'s."""
    if date_from:
        sqs = sqs.filter(date__gte=datetime.datetime.combine(date_from, datetime.time.min))
    if date_to:
        sqs = sqs.filter(date__lte=datetime.datetime.combine(date_to, datetime.time.max))
    for param, field_name, _label in FACETS:
        values = filters.get(param) or []
        if param == skip or not values:
            continue
        condition = SQ()
        for value in values:
            condition |= SQ(**{f"{field_name}_exact": Exact(value)})
        sqs = sqs.filter(condition)
    return sqs


def recency_factor(date, now):
    """1 plus at most `RECENCY_WEIGHT`, halving every `RECENCY_HALF_LIFE_YEARS`."""
    if date is None:
        return 1.0
    age_years = max(0.0, (now - date).days / 365.25)
    return 1.0 + RECENCY_WEIGHT * 0.5 ** (age_years / RECENCY_HALF_LIFE_YEARS)


def rerank(raw_results, now):
    """Order results by score with the recency boost; ties keep the engine's order."""
    ranked = sorted(
        enumerate(raw_results),
        key=lambda pair: (-(pair[1].score or 0) * recency_factor(_date(pair[1]), now), pair[0]),
    )
    return [result for _, result in ranked]


def _date(raw):
    """A result's date as a naive datetime, whatever the backend returned."""
    value = getattr(raw, "date", None)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    return None


def _first(value):
    """The first value of a multi-valued stored field (backends return lists)."""
    if isinstance(value, list | tuple):
        return str(value[0]) if value else ""
    return str(value or "")


def build_result(raw, query):
    """A `Result` from a haystack SearchResult's stored fields, with its best passage and,
    for documents with sections, a link to the section the passage is in."""
    text = getattr(raw, "text", "") or ""
    found = passage(text, query)
    url = getattr(raw, "url", "") or ""
    section = ""
    sections_json = getattr(raw, "sections", "") or ""
    if found and sections_json:
        try:
            sections = json.loads(sections_json)
        except ValueError:
            sections = []
        located = section_at(text, sections, found.offset)
        if located:
            url = f"{url.split('#')[0]}#{located[0]}"
            section = located[1]
    return Result(
        title=getattr(raw, "title", "") or url,
        url=url,
        content_type=_first(getattr(raw, "content_type", "")),
        summary=getattr(raw, "summary", "") or "",
        committee=_first(getattr(raw, "committee", "")),
        date=_date(raw),
        passage=found,
        section=section,
        score=raw.score or 0.0,
    )


def facet_counts_for(query, filters, date_from, date_to, param, field_name, using):
    """{value: count} for one facet, counted without that facet's own filter; cached."""
    others = sorted((name, sorted(values)) for name, values in filters.items() if name != param)
    key_source = json.dumps(
        [query, str(date_from), str(date_to), param, others, index_generation()]
    )
    key = "search:facet:" + hashlib.sha256(key_source.encode()).hexdigest()
    counts = cache.get(key)
    if counts is None:
        sqs = narrowed(matching(query, using), filters, date_from, date_to, skip=param)
        counted = sqs.facet(field_name).query
        counted.set_limits(0, 1)
        counts = _facet_dict(counted.get_facet_counts(), field_name)
        cache.set(key, counts, FACET_CACHE_SECONDS)
    return counts


def _facet_dict(facet_counts, field_name):
    """{value: count} for one field from haystack's facet counts."""
    fields = (facet_counts or {}).get("fields", {})
    pairs = fields.get(f"{field_name}_exact") or fields.get(field_name) or []
    return {str(value): count for value, count in pairs if value not in (None, "")}


def facet_options(param, counts, selected):
    """Checkbox options: by count (years newest first), ticked values always shown."""
    values = dict(counts)
    for value in selected:
        values.setdefault(value, 0)
    if param == "year":
        ordered = sorted(values.items(), key=lambda item: item[0], reverse=True)
    else:
        ordered = sorted(values.items(), key=lambda item: (-item[1], item[0].lower()))
    return [FacetOption(value, count, value in selected) for value, count in ordered]


def run_search(
    query,
    page=1,
    sort="relevance",
    filters=None,
    date_from=None,
    date_to=None,
    using="default",
    per_page=RESULTS_PER_PAGE,
):
    """Search for `query` and return a `SearchOutcome` for the requested page.

    Backend errors propagate (the view turns them into a 503).
    """
    filters = {param: list((filters or {}).get(param) or []) for param, _, _ in FACETS}
    sort = sort if sort in SORT_FIELDS else "relevance"
    sqs = narrowed(matching(query, using), filters, date_from, date_to)
    for param, field_name, _label in FACETS:
        if not filters[param]:
            sqs = sqs.facet(field_name)
    if SORT_FIELDS[sort]:
        sqs = sqs.order_by(SORT_FIELDS[sort])
    backend_query = sqs.query
    backend_query.set_spelling_query(query)

    start = (page - 1) * per_page
    use_window = sort == "relevance" and start + per_page <= RERANK_WINDOW
    if use_window:
        backend_query.set_limits(0, RERANK_WINDOW)
    else:
        backend_query.set_limits(start, start + per_page)
    raw = list(backend_query.get_results())
    total = backend_query.get_count() or 0
    outcome = SearchOutcome(query=query, total=total, page=page, per_page=per_page, sort=sort)
    if page > 1 and (not raw or page > outcome.num_pages):
        # Past the last page (some backends then report no hits at all): show the last.
        first = run_search(query, 1, sort, filters, date_from, date_to, using, per_page)
        if first.num_pages == 1:
            return first
        return run_search(
            query, first.num_pages, sort, filters, date_from, date_to, using, per_page
        )
    if use_window:
        raw = rerank(raw, naive_now())[start : start + per_page]
    outcome.results = [build_result(item, query) for item in raw]

    main_counts = backend_query.get_facet_counts()
    for param, field_name, label in FACETS:
        if filters[param]:
            counts = facet_counts_for(query, filters, date_from, date_to, param, field_name, using)
        else:
            counts = _facet_dict(main_counts, field_name)
        options = facet_options(param, counts, filters[param])
        if options:
            outcome.facets.append(Facet(param, label, options))

    outcome.suggestion = better_spelling(
        query, total, backend_query.get_spelling_suggestion(), using
    )
    return outcome


def better_spelling(query, total, suggestion, using="default"):
    """The backend's spelling suggestion, offered only when the query found next to
    nothing (at most `SUGGEST_AT_MOST` results) and the suggestion itself finds more;
    otherwise ''. Backends suggest for every query, even one that was spelt right."""
    if total > SUGGEST_AT_MOST or not suggestion or _normal(suggestion) == _normal(query):
        return ""
    return suggestion if matching(suggestion, using).count() > total else ""


def naive_now():
    """Now as naive UK local time, matching the dates stored in the index."""
    return timezone.localtime().replace(tzinfo=None)


def _normal(text):
    """A query compared without case, quotes or extra spaces."""
    return " ".join(text.lower().replace('"', " ").split())


def suggestions(prefix, limit=8, using="default"):
    """Up to `limit` distinct titles whose words start with the typed words, for the
    header search box's autocomplete (haystack's EdgeNgram `autocomplete` field)."""
    if not prefix.split():
        return []
    query = SearchQuerySet(using=using).autocomplete(autocomplete=prefix).query
    query.set_limits(0, limit * 3)
    titles, seen = [], set()
    for raw in query.get_results():
        title = getattr(raw, "title", "") or ""
        if title and title.lower() not in seen:
            seen.add(title.lower())
            titles.append({"title": title, "url": getattr(raw, "url", "")})
        if len(titles) >= limit:
            break
    return titles
