"""Query cleaning and the search form's filters and dates."""

import datetime

import pytest

from search.forms import MAX_QUERY_LENGTH, SiteSearchForm, clean_query, query_is_too_short


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("digital strategy", "digital strategy"),
        ('"digital strategy', "digital strategy"),
        ('"digital  strategy" budget', '"digital strategy" budget'),
        ('" spaced phrase "', '"spaced phrase"'),
        ('""', ""),
        ("title:secret^5 OR *", "title secret 5 OR"),
        ("(((foo)))", "foo"),
        ("Ｆｕｌｌ　ｗｉｄｔｈ", "Full width"),
        ("emoji 😀 test", "emoji test"),
        ("report 2.1 section", "report 2.1 section"),
        ("O'Brien part-time", "O Brien part time"),
        ("“curly quotes”", '"curly quotes"'),
        ("\u202eevil\x00", "evil"),
    ],
)
def test_clean_query(typed, cleaned):
    assert clean_query(typed) == cleaned


def test_very_long_queries_are_trimmed_at_a_word():
    cleaned = clean_query("budget " * 1000)
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert cleaned.split() == ["budget"] * len(cleaned.split())
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH


def test_too_short():
    assert query_is_too_short("a")
    assert query_is_too_short("")
    assert not query_is_too_short("ab")
    assert not query_is_too_short("a b")


def form(**data):
    """A bound, cleaned search form for `data`."""
    bound = SiteSearchForm(data)
    bound.is_valid()
    return bound


def test_page_and_sort_fall_back_to_defaults():
    bound = form(q="x", page="0", sort="sideways")
    assert bound.is_valid()
    assert bound.cleaned_data["page"] == 1
    assert bound.cleaned_data["sort"] == "relevance"
    assert form(page="3").cleaned_data["page"] == 3


def test_year_alone_means_the_whole_year():
    data = form(q="x", from_year="2021", to_year="2022").cleaned_data
    assert data["date_from"] == datetime.date(2021, 1, 1)
    assert data["date_to"] == datetime.date(2022, 12, 31)
    data = form(q="x", from_month="2", from_year="2024", to_month="2", to_year="2024").cleaned_data
    assert (data["date_from"], data["date_to"]) == (
        datetime.date(2024, 2, 1),
        datetime.date(2024, 2, 29),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"from_day": "31", "from_month": "2", "from_year": "2023"},
            "Date from must be a real date",
        ),
        ({"from_day": "1", "from_month": "1"}, "Date from must include a year"),
        ({"to_day": "1", "to_year": "2020"}, "Date to must include a month"),
        ({"from_year": "20"}, "Date from must be a real date"),
        (
            {"from_year": "2022", "to_year": "2021"},
            "Date to must be the same as or after date from",
        ),
    ],
)
def test_date_errors(data, message):
    bound = form(q="x", **data)
    assert not bound.is_valid()
    assert message in [m for _, m in bound.error_list()]


def test_filters_are_trimmed_deduplicated_and_limited():
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    query.setlist("committee", ["  Cabinet ", "Cabinet", "x" * 500] + [f"c{n}" for n in range(50)])
    query.setlist("year", ["2020", "nope", "20201"])
    bound = SiteSearchForm(query)
    assert bound.is_valid()
    committees = bound.cleaned_data["committee"]
    assert committees[0] == "Cabinet" and committees.count("Cabinet") == 1
    assert len(committees[1]) == 200
    assert len(committees) <= 30
    assert bound.cleaned_data["year"] == ["2020"]
