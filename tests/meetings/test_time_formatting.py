"""Every time of day the site shows goes through one GOV.UK-style clock,
`meetings.deadlines.format_time`: "9:30am", "12:29am", "12pm" for midday, "12am" for
midnight; never Django's "9:30 a.m." or "12:29a.m.." (its "a" format plus a full stop)."""

from datetime import UTC, datetime, time

import pytest
from django.urls import reverse

from meetings.deadlines import LONDON, format_deadline, format_time
from meetings.factories import (
    CommitteePageFactory,
    MeetingPageFactory,
    ParticipationRuleFactory,
    london,
    make_meetings_tree,
)
from tests.council import publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(9, 30), "9:30am"),
        (time(0, 29), "12:29am"),
        (time(12, 0), "12pm"),
        (time(0, 0), "12am"),
        (time(17, 5), "5:05pm"),
        (time(23, 59, 59), "11:59pm"),
        (datetime(2017, 7, 3, 9, 30, tzinfo=LONDON), "9:30am"),
        (datetime(2017, 7, 2, 23, 29, tzinfo=UTC), "12:29am"),
        (datetime(2026, 12, 1, 12, 0, tzinfo=UTC), "12pm"),
    ],
    ids=[
        "half-past-nine",
        "just-after-midnight",
        "midday",
        "midnight",
        "minutes-with-leading-zero",
        "seconds-not-shown",
        "aware-datetime",
        "utc-in-summer-is-shown-in-bst",
        "utc-in-winter-is-gmt",
    ],
)
def test_format_time_is_the_gov_uk_clock_for_times_and_aware_datetimes(value, expected):
    assert format_time(value) == expected


def test_format_time_refuses_a_naive_datetime_and_a_date():
    with pytest.raises(ValueError, match="timezone-aware"):
        format_time(datetime(2017, 7, 3, 9, 30))
    with pytest.raises(TypeError):
        format_time(datetime(2017, 7, 3).date())


def test_format_deadline_uses_the_same_clock_as_format_time():
    when = datetime(2017, 6, 27, 0, 29, tzinfo=LONDON)
    assert format_deadline(when) == f"{format_time(when)} on Tuesday 27 June 2017"


def test_minutes_give_the_meetings_duration_in_the_sites_clock(client, council):
    minutes = council["minutes"]
    minutes.started_at = time(9, 30)
    minutes.ended_at = time(12, 0)
    publish(minutes)
    html = client.get(minutes.url).content.decode()
    assert "9:30am to 12pm (2 hours 30 minutes)" in html
    assert "a.m." not in html and "p.m." not in html


def test_meeting_editor_says_when_the_agenda_was_published_in_the_sites_clock(
    admin_client, home_page
):
    tree = make_meetings_tree(home_page)
    cabinet = CommitteePageFactory(
        parent=tree.committees, title="Cabinet", participation_rule=ParticipationRuleFactory()
    )
    meeting = MeetingPageFactory(
        parent=cabinet,
        start=london(2017, 7, 3, 9, 30),
        agenda_is_published=True,
        agenda_published_at=london(2017, 6, 23, 0, 29),
    )
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk])).content
    html = html.decode()
    assert "Published at 12:29am on Friday 23 June 2017." in html
    assert "a.m." not in html
