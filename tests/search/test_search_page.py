"""The search page: results, facets with correct counts, sorting, dates, spelling
suggestions, pagination, hostile input and an unavailable backend."""

import datetime
import re

import pytest
from django.core.cache import cache

from .conftest import rebuild_index

pytestmark = pytest.mark.django_db


def text_of(response):
    """The visible text of the page's main element, whitespace collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture
def decisions(indexed_council):
    """Decisions across committees and years, all mentioning the seed word 'allotments'."""
    from meetings.models import CommitteePage, Decision

    planning = CommitteePage(
        title="Planning Committee", slug="planning", purpose="<p>Decides applications.</p>"
    )
    indexed_council["meetings_index"].add_child(instance=planning)
    planning.save_revision().publish()
    rows = [
        ("Allotments rent review", indexed_council["cabinet"], datetime.date(2021, 5, 4)),
        ("Allotments water supply", indexed_council["cabinet"], datetime.date(2022, 6, 1)),
        ("Allotments site at Marsh Lane", planning, datetime.date(2022, 9, 1)),
        ("Allotments waiting list", planning, datetime.date(2023, 1, 10)),
        ("Allotments fees", None, datetime.date(2023, 3, 3)),
    ]
    for title, committee, day in rows:
        Decision.objects.create(
            title=title,
            decision_maker="Cabinet",
            committee=committee,
            decision_date=day,
            decision="<p>Agreed.</p>",
            reasons="<p>Allotments are popular.</p>",
            live=True,
        )
    rebuild_index()
    return indexed_council


def facet_counts(response, param):
    """{value: count} for a facet as shown on the page."""
    outcome = response.context["outcome"]
    for facet in outcome.facets:
        if facet.param == param:
            return {option.value: option.count for option in facet.options}
    return {}


def test_results_are_in_relevance_order_with_title_matches_first(decisions, client):
    response = client.get("/search/", {"q": "digital strategy"})
    assert response.status_code == 200
    titles = [r.title for r in response.context["outcome"].results]
    assert titles[0] == "Digital Strategy"
    assert "4 results for ‘digital strategy’" in text_of(response)


def test_the_matching_passage_is_marked(indexed_council, client):
    response = client.get("/search/", {"q": "services digital"})
    html = response.content.decode()
    assert "<mark>digital</mark>" in html.lower()
    assert "<mark>services</mark>" in html.lower()


def test_facets_count_correctly(decisions, client):
    response = client.get("/search/", {"q": "allotments"})
    assert facet_counts(response, "type") == {"Decision": 5}
    assert facet_counts(response, "committee") == {"Cabinet": 2, "Planning Committee": 2}
    assert facet_counts(response, "year") == {"2021": 1, "2022": 2, "2023": 2}


def test_ticked_facets_widen_within_and_narrow_across(decisions, client):
    response = client.get("/search/", {"q": "allotments", "committee": "Cabinet"})
    assert response.context["outcome"].total == 2
    # A facet's own counts ignore its own ticks, so other committees can be added...
    assert facet_counts(response, "committee") == {"Cabinet": 2, "Planning Committee": 2}
    # ...while other facets count within the ticked committee.
    assert facet_counts(response, "year") == {"2021": 1, "2022": 1}
    both = client.get(
        "/search/", {"q": "allotments", "committee": ["Cabinet", "Planning Committee"]}
    )
    assert both.context["outcome"].total == 4
    narrowed = client.get("/search/", {"q": "allotments", "committee": "Cabinet", "year": "2022"})
    assert [r.title for r in narrowed.context["outcome"].results] == ["Allotments water supply"]
    assert 'value="Cabinet" checked' in narrowed.content.decode()


def test_sort_by_newest_and_oldest(decisions, client):
    newest = client.get("/search/", {"q": "allotments", "sort": "newest"})
    dates = [r.date for r in newest.context["outcome"].results]
    assert dates == sorted(dates, reverse=True)
    oldest = client.get("/search/", {"q": "allotments", "sort": "oldest"})
    assert [r.date for r in oldest.context["outcome"].results] == sorted(dates)


def test_a_date_range_filters_results(decisions, client):
    response = client.get(
        "/search/",
        {
            "q": "allotments",
            "from_day": "1",
            "from_month": "6",
            "from_year": "2022",
            "to_year": "2022",
        },
    )
    titles = {r.title for r in response.context["outcome"].results}
    assert titles == {"Allotments water supply", "Allotments site at Marsh Lane"}


def test_an_impossible_date_is_a_friendly_400(decisions, client):
    response = client.get(
        "/search/", {"q": "allotments", "from_day": "31", "from_month": "2", "from_year": "2022"}
    )
    assert response.status_code == 400
    text = text_of(response)
    assert "There is a problem" in text
    assert "Date from must be a real date" in text
    assert response.content.decode().count("<h1") == 1
    backwards = client.get("/search/", {"q": "allotments", "from_year": "2023", "to_year": "2021"})
    assert backwards.status_code == 400
    assert "Date to must be the same as or after date from" in text_of(backwards)


def test_recency_gently_lifts_newer_results(home_page, clean_index, client):
    from meetings.models import Decision

    for year in (2010, 2024):
        Decision.objects.create(
            title=f"Bandicoot policy {year}",
            decision_maker="Cabinet",
            decision_date=datetime.date(year, 1, 1),
            decision="<p>Bandicoot.</p>",
            reasons="<p>Same words.</p>",
            live=True,
        )
    from meetings.models import DecisionIndexPage

    register = DecisionIndexPage(title="Decisions", slug="decisions")
    home_page.add_child(instance=register)
    rebuild_index()
    titles = [
        r.title for r in client.get("/search/", {"q": "bandicoot"}).context["outcome"].results
    ]
    assert titles == ["Bandicoot policy 2024", "Bandicoot policy 2010"]


def test_spelling_suggestion_for_a_misspelt_seed_word(indexed_council, client):
    response = client.get("/search/", {"q": "digitl strategy"})
    assert response.context["outcome"].suggestion == "digital strategy"
    text = text_of(response)
    assert "Did you mean digital strategy" in text
    assert 'href="?q=digital+strategy"' in response.content.decode()


def test_no_suggestion_when_the_words_are_right(indexed_council, client):
    response = client.get("/search/", {"q": "digital strategy"})
    assert response.context["outcome"].suggestion == ""


@pytest.fixture
def breakfasts(indexed_council):
    """Three decisions about bed and breakfast places, and one using the word 'any'
    (one letter away from 'and', which the index never holds: it is a stop word)."""
    from meetings.models import Decision

    rows = [
        ("Bed and breakfast places for families", "Fewer families in bed and breakfast."),
        ("Bed and breakfast spending", "Bed and breakfast costs rose."),
        ("Bed and breakfast standards", "Inspect every bed and breakfast."),
        ("Housing register", "Any resident may apply."),
    ]
    for title, reasons in rows:
        Decision.objects.create(
            title=title,
            decision_maker="Cabinet",
            decision_date=datetime.date(2024, 5, 1),
            decision="<p>Agreed.</p>",
            reasons=f"<p>{reasons}</p>",
            live=True,
        )
    rebuild_index()
    return indexed_council


def test_a_suggestion_never_corrects_a_stop_word(breakfasts, client):
    outcome = client.get("/search/", {"q": "bed and brekfast"}).context["outcome"]
    assert outcome.total == 0
    assert outcome.suggestion == "bed and breakfast"


def test_no_suggestion_for_a_query_that_already_has_results(breakfasts, client):
    outcome = client.get("/search/", {"q": "bed and breakfast"}).context["outcome"]
    assert outcome.total == 3
    assert outcome.suggestion == ""
    # A word missing from the index does not earn a suggestion either while the
    # query finds plenty: "breakfasts" matches through its stem.
    outcome = client.get("/search/", {"q": "breakfasts families"}).context["outcome"]
    assert outcome.total >= 1
    assert outcome.suggestion == ""


def test_empty_results_help(indexed_council, client):
    response = client.get("/search/", {"q": "xylophone"})
    text = text_of(response)
    assert "No results for ‘xylophone’" in text
    assert "double-checking your spelling" in text


def test_one_letter_queries_get_a_helpful_message(indexed_council, client):
    for query in ("a", "7", " b ", "!!", "é"):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "Enter at least 2 letters or numbers to search." in text_of(response), query


HOSTILE = [
    '"unbalanced quote',
    'digital "strategy',
    '"""',
    "AND OR NOT TO",
    "digital AND",
    "(((((",
    "title:secret^99 OR django_ct:*",
    "* ? ~ ^ : \\ / [ ] { } ! + - && ||",
    "-digital",
    "x" * 10_000,
    "word " * 500,
    "Ｆｕｌｌｗｉｄｔｈ ｓｅａｒｃｈ",
    "emoji 🏛️🗳️ council",
    "zero\u200bwidth\u200djoiner",
    "right\u202eto\u202cleft",
    "null\x00byte",
    "combining e\u0301\u0301\u0301",
    "<script>alert(1)</script>",
    "%00%ff",
    "2.1.3 section 4.5",
    "NOT",
    "'single' quotes' here",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_cause_an_error(indexed_council, client, query):
    response = client.get("/search/", {"q": query, "page": "99999999999", "sort": "<x>"})
    assert response.status_code in (200, 400)
    assert "<script>alert" not in response.content.decode()


def test_invalid_utf8_in_the_query_string(indexed_council, client):
    response = client.get("/search/?q=%ED%A0%80%FF%FEdigital")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "digital", "page": "-1"},
        {"q": "digital", "page": "abc"},
        {"q": "digital", "page": "٣"},
        {"q": "digital", "type": "x" * 5000},
        {"q": "digital", "year": ["20x1", "2017"]},
        {"q": "digital", "from_year": "99999"},
        {"q": "digital", "from_day": "1", "from_year": "2020"},
        {"q": "digital", "to_month": "13", "to_year": "2020"},
        {"q": "digital", "committee": ["Cabinet"] * 200},
    ],
)
def test_hostile_parameters_never_cause_an_error(indexed_council, client, params):
    response = client.get("/search/", params)
    assert response.status_code in (200, 400)


def test_the_page_has_one_h1_a_status_count_and_a_unique_title(indexed_council, client):
    response = client.get("/search/", {"q": "digital"})
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert re.search(r'role="status"[^>]*>\s*\d+ results? for', html)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "‘digital’" in title and "result" in title
    other = client.get("/search/", {"q": "digital", "sort": "newest"}).content.decode()
    assert re.search(r"<title>(.*?)</title>", other, re.S).group(1) != title


def test_pagination_follows_the_gov_uk_pattern(home_page, clean_index, client):
    from home.factories import StandardPageFactory

    for number in range(45):
        StandardPageFactory(parent=home_page, title=f"Mongoose page {number}")
    rebuild_index()
    first = client.get("/search/", {"q": "mongoose"})
    outcome = first.context["outcome"]
    assert (outcome.total, outcome.num_pages, len(outcome.results)) == (45, 3, 20)
    html = first.content.decode()
    assert 'class="govuk-pagination"' in html
    assert 'aria-current="page"' in html
    assert 'rel="next"' in html and 'rel="prev"' not in html
    third = client.get("/search/", {"q": "mongoose", "page": "3"})
    assert len(third.context["outcome"].results) == 5
    assert 'rel="prev"' in third.content.decode()
    beyond = client.get("/search/", {"q": "mongoose", "page": "40"})
    assert beyond.context["outcome"].page == 3
    pages = [client.get("/search/", {"q": "mongoose", "page": str(n)}) for n in (1, 2, 3)]
    seen = [r.url for p in pages for r in p.context["outcome"].results]
    assert len(seen) == len(set(seen)) == 45


def test_search_backend_unavailable_gives_503_and_other_pages_work(
    indexed_council, client, monkeypatch
):
    from haystack import connections

    backend = connections["default"].get_backend()

    def broken(*args, **kwargs):
        """Fail like an unreadable index folder."""
        raise OSError("index folder unreadable")

    monkeypatch.setattr(backend, "search", broken)
    response = client.get("/search/", {"q": "digital"})
    assert response.status_code == 503
    assert "Search is not working at the moment" in response.content.decode()
    assert client.get("/search/suggestions/", {"q": "digi"}).status_code == 503
    assert client.get("/").status_code == 200
    assert client.get("/meetings/cabinet/2017-07-03/").status_code == 200
    assert client.get("/search/").status_code == 200


def test_an_unreadable_index_folder_gives_503(indexed_council, client, settings, tmp_path):
    from haystack import connections

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the index folder should be")
    connection = connections.connections_info["default"]
    original = connection["PATH"]
    connection["PATH"] = str(blocked / "index")
    connections.reload("default")
    try:
        response = client.get("/search/", {"q": "digital"})
        assert response.status_code == 503
        assert client.get("/").status_code == 200
    finally:
        connection["PATH"] = original
        connections.reload("default")


def test_suggestions_endpoint(indexed_council, client):
    response = client.get("/search/suggestions/", {"q": "digi"})
    assert response.status_code == 200
    titles = [s["title"] for s in response.json()["suggestions"]]
    assert "Digital Strategy" in titles
    assert len(titles) == len(set(titles))
    assert client.get("/search/suggestions/", {"q": "d"}).json()["suggestions"] == []
    assert client.get("/search/suggestions/", {"q": '"((:*'}).status_code == 200


def test_facet_counts_are_cached_per_query_and_invalidated_by_index_writes(decisions, client):
    client.get("/search/", {"q": "allotments", "committee": "Cabinet"})
    assert any(key for key in cache._cache if "search:facet:" in key)
    generation = cache.get("search:index-generation", 0)
    from search.indexing import reindex

    reindex([f"meetings.decision.{decisions['decision'].pk}"])
    assert cache.get("search:index-generation", 0) == generation + 1
