"""The Whoosh fast path (search/whoosh_fast.py) gives haystack's own answers: the same hit
counts, facet counts, order by date, and relevance order, on a generated corpus."""

import datetime
import random

import pytest
from haystack import connections
from haystack.backends.whoosh_backend import WhooshSearchBackend

import search.whoosh_fast

WORDS = (
    "council budget planning housing transport school library waste recycling parking "
    "climate carbon flood drainage licensing alcohol pension investment safeguarding "
    "children broadband digital tree highways"
).split()
TYPES = ["Meeting", "Decision", "Agenda item", "Minutes"]
COMMITTEES = ["Cabinet", "Planning Committee", "Licensing Committee", None]


@pytest.fixture
def corpus(clean_index):
    """300 generated documents written straight into the index through its schema, in
    three segments (as a live index has), so per-segment caches and offsets are tested."""
    backend = clean_index
    backend.setup()
    chooser = random.Random(7)
    writer = backend.index.writer()
    for number in range(1, 301):
        if number in (101, 201):
            writer.commit(merge=False)
            writer = backend.index.writer()
        words = chooser.choices(WORDS, k=chooser.randint(5, 60))
        title = " ".join(chooser.sample(WORDS, 3))
        kind = chooser.choice(TYPES)
        committee = chooser.choice(COMMITTEES)
        day = datetime.datetime(2015, 1, 1) + datetime.timedelta(days=chooser.randrange(3000))
        document = {
            "id": f"home.standardpage.{number}",
            "django_ct": "home.standardpage",
            "django_id": str(number),
            "text": f"{title} {' '.join(words)}",
            "title": title,
            "url": f"/p/{number}/",
            "content_type_exact": [kind],
            "content_type": [kind],
            "committee_exact": [committee] if committee else None,
            "committee": [committee] if committee else None,
            "year_exact": [str(day.year)],
            "year": [str(day.year)],
            "date": day,
            "autocomplete": title,
        }
        writer.add_document(
            **{k: backend._from_python(v) for k, v in document.items() if v is not None}
        )
    writer.commit(merge=False)
    assert len(backend.index.current_searcher().leaf_searchers()) == 3
    return backend


QUERIES = [
    "(council) OR title:(council)",
    "((planning AND housing)) OR title:((planning AND housing))",
    "(tree) OR title:(tree)",
    '("social care") OR title:("social care")',
    '(budget) AND content_type_exact:("Decision")',
    '((waste) OR title:(waste)) AND (committee_exact:("Cabinet") OR '
    'committee_exact:("Planning Committee"))',
    "(drainage) AND date:[20180101000000 to 20191231235959]",
    "(library) AND NOT (parking)",
    "*",
]
FACETS = ["content_type_exact", "committee_exact", "year_exact"]


def both(backend, query, **kwargs):
    """The fast path's answer and haystack's own, for the same search."""
    fast = backend.search(query, **kwargs)
    slow = WhooshSearchBackend.search(backend, query, **kwargs)
    return fast, slow


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES)
def test_counts_and_facets_match_haystack(corpus, query):
    fast, slow = both(corpus, query, facets=FACETS, end_offset=10)
    assert fast["hits"] == slow["hits"]
    for field in FACETS:
        slow_counts = slow.get("facets", {}).get("fields", {}).get(field, [])
        assert dict(fast["facets"]["fields"][field]) == {
            value: count for value, count in slow_counts if value
        }


@pytest.mark.django_db
@pytest.mark.parametrize("query", [q for q in QUERIES if "_exact" not in q])
def test_relevance_order_matches_haystack(corpus, query):
    """Same order as haystack (queries with facet filters differ by design: a filter does
    not change a result's score, as with Solr and Elasticsearch filters)."""
    fast, slow = both(corpus, query, end_offset=25)
    fast_scores = [r.score for r in fast["results"]]
    slow_scores = [r.score for r in slow["results"]]
    assert len(fast_scores) == len(slow_scores)
    # Whoosh's collector may add the same constant to every score; the order is what counts.
    offsets = {round(s - f, 6) for f, s in zip(fast_scores, slow_scores, strict=True)}
    assert len(offsets) <= 1
    if len({round(s, 6) for s in slow_scores}) == len(slow_scores):
        assert [r.pk for r in fast["results"]] == [r.pk for r in slow["results"]]


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES[:4])
def test_champion_lists_find_the_same_best_results(corpus, query, monkeypatch):
    """With few champions per word and a low exact limit, broad queries go through the
    champion lists; one-word queries still give exactly haystack's best results."""
    monkeypatch.setattr(search.whoosh_fast, "EXACT_LIMIT", 10)
    monkeypatch.setattr(search.whoosh_fast, "CHAMPIONS", 30)
    corpus._fast = search.whoosh_fast.FastSearch()
    fast, slow = both(corpus, query, end_offset=5)
    assert fast["hits"] == slow["hits"]
    if "AND" not in query:
        offsets = {
            round(s.score - f.score, 6)
            for f, s in zip(fast["results"], slow["results"], strict=True)
        }
        assert len(offsets) <= 1


@pytest.mark.django_db
@pytest.mark.parametrize("direction", ["date", "-date"])
def test_date_order_matches_haystack(corpus, direction):
    fast, slow = both(corpus, "(council) OR title:(council)", sort_by=[direction], end_offset=30)
    assert [r.date for r in fast["results"]] == [r.date for r in slow["results"]]
    page_two_fast, page_two_slow = both(
        corpus,
        "(council) OR title:(council)",
        sort_by=[direction],
        start_offset=30,
        end_offset=60,
    )
    assert [r.date for r in page_two_fast["results"]] == [r.date for r in page_two_slow["results"]]


@pytest.mark.django_db
def test_deleted_documents_are_not_counted(corpus):
    first = corpus.search("(council) OR title:(council)", end_offset=5)
    corpus.remove(f"home.standardpage.{first['results'][0].pk}")
    fast, slow = both(corpus, "(council) OR title:(council)", end_offset=5)
    assert fast["hits"] == slow["hits"] == first["hits"] - 1


def test_bitset_helpers():
    ids = [0, 1, 7, 8, 63, 64, 1000]
    bits = search.whoosh_fast.bits_from_ids(ids, 1001)
    assert bits.bit_count() == len(ids)
    assert search.whoosh_fast.ids_from_bits(bits) == ids
    assert search.whoosh_fast.ids_from_bits(0) == []
    assert connections
