"""Fixtures for the consultations tests: a Cabinet meeting with a participation rule.

The standard meeting is on Monday 2 November 2026 at 10am. With questions closing at
12 noon three clear working days before, the deadline is Tuesday 27 October 2026 at
12:00 GMT, two days after the clocks go back (25 October 2026).
"""

import time

import pytest
from django.urls import reverse

from consultations.antiabuse import started_token
from consultations.factories import london, make_meeting, make_rule

MEETING_START = london(2026, 11, 2, 10, 0)
DEADLINE = london(2026, 10, 27, 12, 0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits live in the cache; each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rule(db):
    return make_rule()


@pytest.fixture
def meeting(home_page, rule):
    """Cabinet on Monday 2 November 2026, items 5 and 6 public and item 12 exempt."""
    return make_meeting(home_page, MEETING_START, rule=rule)


@pytest.fixture
def form_url(meeting):
    return reverse("consultations:submit", args=[meeting.pk])


def valid_data(**overrides):
    """A complete, valid form as a person would fill it in, started a minute ago."""
    data = {
        "name": "Jo Bloggs",
        "email": "jo@example.com",
        "phone": "01225 123456",
        "organisation": "",
        "kind": "question",
        "agenda_item": "6",
        "text": "Will the council publish the business plan as a web page?",
        "wants_written_answer": "on",
        "consent": "on",
        "website": "",
        "started": started_token(time.time() - 60),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
