"""iCalendar feeds: every feed parses with icalendar and with Mozilla's ical.js, and keeps
subscribed calendars right through moves, cancellations and the clock change."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import calendars
from meetings.models import MeetingPage, PersonalCalendar
from tests.meetings.feed_helpers import (
    NOW,
    PART_TWO_TITLE,
    add_meeting,
    events,
    london,
    make_council,
    parse,
    parse_with_ical_js,
    publish,
)

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def council(home_page, frozen):
    return make_council(home_page)


def get_ics(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def feed_urls(council):
    return [
        reverse("meetings:all_meetings_ics"),
        reverse("meetings:committee_ics", args=[council.cabinet.pk]),
        reverse("meetings:committees_ics") + f"?committee={council.cabinet.pk}"
        f"&committee={council.planning.pk}",
        reverse("meetings:councillor_ics", args=[council.councillor.pk]),
        reverse("meetings:meeting_ics", args=[council.meeting.pk]),
    ]


def test_every_feed_parses_with_icalendar_and_has_the_calendar_properties(client, council):
    for url in feed_urls(council):
        calendar = parse(get_ics(client, url).content)
        assert calendar["VERSION"] == "2.0"
        assert "Wiltshire Council" in str(calendar["PRODID"])
        assert str(calendar["X-WR-CALNAME"])
        assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"
        assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=1)
        assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
        assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
        assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
        assert calendar.get_missing_tzids() == set()
        assert calendar.walk("VEVENT"), url


def test_meeting_event_has_every_property_a_client_needs(client, council):
    meeting = council.meeting
    body = get_ics(client, reverse("meetings:all_meetings_ics")).content
    event = events(body)[f"meeting-{meeting.pk}@testserver"]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTEND"].params["TZID"] == "Europe/London"
    assert event.start == london(2026, 10, 15, 10)
    assert event.end == london(2026, 10, 15, 12)
    assert event["DTSTAMP"].dt == meeting.last_published_at.replace(microsecond=0)
    assert event["LAST-MODIFIED"].dt == meeting.last_published_at.replace(microsecond=0)
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Cabinet" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == (
        "Kennet Room, County Hall, Bythesea Road, Trowbridge, BA14 8JN"
    )
    url = meeting.get_full_url()
    assert str(event["URL"]) == url
    description = str(event["DESCRIPTION"])
    assert url in description
    assert "1. Apologies, for absence; and declarations" in description
    assert "2. Digital Strategy 2017-21" in description
    assert "<" not in description  # plain text, not HTML


def test_every_feed_parses_with_mozilla_ical_js(client, council):
    for url in feed_urls(council):
        parsed = parse_with_ical_js(get_ics(client, url).content)
        assert parsed["timezone"] == "Europe/London"
        assert parsed["timezones"] == ["Europe/London"]
        assert parsed["refresh_interval"] == "PT1H"
        assert parsed["published_ttl"] == "PT1H"
        assert parsed["calname"]
        for event in parsed["events"]:
            assert event["uid"].endswith("@testserver")
            assert event["start_tzid"] == "Europe/London"
            assert event["start_zone"] == "Europe/London"
            assert event["dtstamp_utc"] and event["last_modified_utc"]
            assert event["status"] in {"CONFIRMED", "TENTATIVE", "CANCELLED"}
    cabinet = parse_with_ical_js(get_ics(client, feed_urls(council)[1]).content)
    (event,) = cabinet["events"]
    # 10am BST on 15 October 2026 is 9am UTC.
    assert event["start_utc"] == "2026-10-15T09:00:00Z"
    assert event["summary"] == "Cabinet, 15 October 2026"
    assert event["location"] == "Kennet Room, County Hall, Bythesea Road, Trowbridge, BA14 8JN"
    assert event["url"] == council.meeting.get_full_url()


def test_meeting_moved_across_the_october_clock_change_keeps_its_uid(client, council, frozen):
    meeting = council.meeting
    url = reverse("meetings:committee_ics", args=[council.cabinet.pk])
    before = events(get_ics(client, url).content)
    uid = f"meeting-{meeting.pk}@testserver"
    assert before[uid]["DTSTART"].dt.astimezone(UTC) == datetime.datetime(
        2026, 10, 15, 9, tzinfo=UTC
    )

    frozen.shift(datetime.timedelta(days=1))
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    meeting.start = london(2026, 10, 29, 10)  # GMT after the clocks go back on 25 October
    meeting.end = london(2026, 10, 29, 12)
    meeting.status_reason = "Moved to avoid the half-term holiday."
    meeting = publish(meeting)
    assert meeting.status == "moved"

    body = get_ics(client, url).content
    after = events(body)
    assert list(after) == [uid]
    assert after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"]
    assert after[uid]["DTSTART"].dt.astimezone(UTC) == datetime.datetime(
        2026, 10, 29, 10, tzinfo=UTC
    )
    assert after[uid]["DTSTART"].params["TZID"] == "Europe/London"
    assert "This meeting has moved" in str(after[uid]["DESCRIPTION"])
    assert after[uid]["DTSTAMP"].dt > before[uid]["DTSTAMP"].dt

    (moved,) = parse_with_ical_js(body)["events"]
    assert moved["uid"] == uid
    assert moved["sequence"] == after[uid]["SEQUENCE"]
    assert moved["start_utc"] == "2026-10-29T10:00:00Z"
    assert moved["end_utc"] == "2026-10-29T12:00:00Z"


def test_moving_the_venue_raises_the_sequence_and_changes_the_location(client, council):
    meeting = MeetingPage.objects.get(pk=council.meeting.pk)
    meeting.venue = council.other_venue
    publish(meeting)
    event = events(get_ics(client, reverse("meetings:all_meetings_ics")).content)[
        f"meeting-{meeting.pk}@testserver"
    ]
    assert event["SEQUENCE"] == 1
    assert str(event["LOCATION"]).startswith("Council Chamber, Monkton Park")


def test_cancelled_meeting_stays_in_the_feed_marked_cancelled(client, council, frozen):
    meeting = MeetingPage.objects.get(pk=council.meeting.pk)
    meeting.status = "cancelled"
    meeting.status_reason = "There is no business to transact."
    publish(meeting)
    uid = f"meeting-{meeting.pk}@testserver"
    for url in feed_urls(council):
        body = get_ics(client, url).content
        event = events(body)[uid]
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["SEQUENCE"] == 1
        assert str(event["SUMMARY"]).startswith("Cancelled:")
        js = {e["uid"]: e for e in parse_with_ical_js(body)["events"]}
        assert js[uid]["status"] == "CANCELLED"
    # 100 days after the meeting date, still there (12 months of history).
    frozen.move_to(datetime.datetime(2027, 1, 23, 9, tzinfo=UTC))
    cache.clear()
    assert uid in events(get_ics(client, reverse("meetings:all_meetings_ics")).content)


def test_a_cancelled_meeting_older_than_the_window_stays_for_90_days_after_cancellation(
    client, council, frozen
):
    old = add_meeting(council.cabinet, title="Cabinet, old", start=london(2025, 6, 1, 10))
    uid = f"meeting-{old.pk}@testserver"
    all_url = reverse("meetings:all_meetings_ics")
    assert uid not in events(get_ics(client, all_url).content)  # more than 12 months ago
    old.status = "cancelled"
    old.status_reason = "Recorded late."
    publish(old)
    assert str(events(get_ics(client, all_url).content)[uid]["STATUS"]) == "CANCELLED"
    frozen.shift(datetime.timedelta(days=91))
    assert uid not in events(get_ics(client, all_url).content)


def test_status_is_tentative_until_the_agenda_is_published_and_when_postponed(client, council):
    planning = council.planning_meeting
    url = reverse("meetings:all_meetings_ics")
    assert str(
        events(get_ics(client, url).content)[f"meeting-{planning.pk}@testserver"]["STATUS"]
    ) == ("TENTATIVE")
    planning.agenda_is_published = True
    publish(planning)
    assert str(
        events(get_ics(client, url).content)[f"meeting-{planning.pk}@testserver"]["STATUS"]
    ) == ("CONFIRMED")
    planning.status = "postponed"
    planning.status_reason = "Awaiting a report."
    publish(planning)
    event = events(get_ics(client, url).content)[f"meeting-{planning.pk}@testserver"]
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["SUMMARY"]).startswith("Postponed:")


def test_a_part_two_title_never_appears_in_any_feed(client, council, django_user_model):
    user = django_user_model.objects.create_user("r", "r@example.com", "pw")
    personal = PersonalCalendar.objects.create(
        user=user, include_deadlines=True, include_consultations=True
    )
    personal.committees.set([council.cabinet, council.planning])
    urls = feed_urls(council) + [
        reverse("meetings:personal_ics", args=[personal.key, personal.secret])
    ]
    for url in urls:
        body = get_ics(client, url).content.decode()
        assert "Sale of land" not in body
        for event in parse(body).walk("VEVENT"):
            assert PART_TWO_TITLE not in str(event.get("DESCRIPTION", ""))
    description = str(
        events(get_ics(client, urls[0]).content)[f"meeting-{council.meeting.pk}@testserver"][
            "DESCRIPTION"
        ]
    )
    assert "considered in private" in description


def test_drafts_private_meetings_and_unpublished_committees_never_appear(client, council):
    from wagtail.models import PageViewRestriction

    from meetings.factories import CommitteePageFactory, MeetingPageFactory

    draft = MeetingPageFactory(
        parent=council.cabinet, title="Cabinet draft", start=london(2026, 11, 1), live=False
    )
    private = add_meeting(council.cabinet, title="Cabinet private", start=london(2026, 11, 2))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    hidden = CommitteePageFactory(parent=council.index, title="Hidden committee", live=False)
    orphan = MeetingPageFactory(parent=hidden, title="Hidden meeting", start=london(2026, 11, 3))
    for url in feed_urls(council):
        body = get_ics(client, url).content.decode()
        for page in (draft, private, orphan):
            assert f"meeting-{page.pk}@" not in body
            assert page.title not in body
    for page in (draft, private, orphan):
        assert client.get(reverse("meetings:meeting_ics", args=[page.pk])).status_code == 404
    assert client.get(reverse("meetings:committee_ics", args=[hidden.pk])).status_code == 404


def test_feed_covers_the_last_12_months_and_every_future_meeting(client, council):
    old = add_meeting(council.cabinet, title="Cabinet, 13 months ago", start=london(2025, 8, 1))
    recent = add_meeting(council.cabinet, title="Cabinet, 11 months ago", start=london(2025, 10, 1))
    future = add_meeting(council.cabinet, title="Cabinet, 2029", start=london(2029, 3, 1))
    found = events(get_ics(client, reverse("meetings:all_meetings_ics")).content)
    assert f"meeting-{old.pk}@testserver" not in found
    assert f"meeting-{recent.pk}@testserver" in found
    assert f"meeting-{future.pk}@testserver" in found
    # The VTIMEZONE covers every year the feed's times fall in.
    parsed = parse_with_ical_js(get_ics(client, reverse("meetings:all_meetings_ics")).content)
    starts = {e["uid"]: e["start_utc"] for e in parsed["events"]}
    assert starts[f"meeting-{future.pk}@testserver"] == "2029-03-01T10:00:00Z"
    assert starts[f"meeting-{recent.pk}@testserver"] == "2025-10-01T09:00:00Z"


def test_the_window_is_a_setting(client, council, settings):
    older = add_meeting(council.cabinet, title="Cabinet, 20 months ago", start=london(2025, 1, 5))
    settings.MEETINGS_CALENDAR_PAST_DAYS = 800
    assert f"meeting-{older.pk}@testserver" in events(
        get_ics(client, reverse("meetings:all_meetings_ics")).content
    )


def test_uids_use_the_configured_domain_not_the_request_host(client, council, settings):
    settings.MEETINGS_CALENDAR_UID_DOMAIN = "democracy.example.gov.uk"
    body = client.get(reverse("meetings:all_meetings_ics"), HTTP_HOST="other.example").content
    assert f"meeting-{council.meeting.pk}@democracy.example.gov.uk" in events(body)


def test_committee_councillor_and_selection_feeds_hold_only_their_committees(client, council):
    cabinet_uid = f"meeting-{council.meeting.pk}@testserver"
    planning_uid = f"meeting-{council.planning_meeting.pk}@testserver"
    only_cabinet = events(
        get_ics(client, reverse("meetings:committee_ics", args=[council.cabinet.pk])).content
    )
    assert set(only_cabinet) == {cabinet_uid}
    councillor = events(
        get_ics(client, reverse("meetings:councillor_ics", args=[council.councillor.pk])).content
    )
    assert set(councillor) == {cabinet_uid}
    both = events(get_ics(client, feed_urls(council)[2]).content)
    assert set(both) == {cabinet_uid, planning_uid}
    bad = client.get(reverse("meetings:committees_ics") + "?committee=999999")
    assert bad.status_code == 400
    assert client.get(reverse("meetings:committees_ics") + "?committee=x").status_code == 400
    assert client.get(reverse("meetings:committees_ics")).status_code == 400


def test_single_meeting_download_is_an_attachment_with_one_event(client, council):
    response = get_ics(client, reverse("meetings:meeting_ics", args=[council.meeting.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="cabinet-2026-10-15.ics"'
    assert list(events(response.content)) == [f"meeting-{council.meeting.pk}@testserver"]


def test_conditional_get_answers_304_until_something_changes(client, council, frozen):
    url = reverse("meetings:committee_ics", args=[council.cabinet.pk])
    first = get_ics(client, url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified
    assert first["Cache-Control"] == "public, max-age=900"
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    frozen.shift(datetime.timedelta(minutes=5))
    meeting = MeetingPage.objects.get(pk=council.meeting.pk)
    meeting.start = london(2026, 10, 15, 14)
    meeting.end = london(2026, 10, 15, 16)
    meeting.status_reason = "Moved to the afternoon."
    publish(meeting)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_IF_MODIFIED_SINCE=modified)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_etag_changes_when_a_venue_address_changes(client, council):
    url = reverse("meetings:all_meetings_ics")
    etag = get_ics(client, url)["ETag"]
    council.venue.address = "Bythesea Road\nTrowbridge\nWiltshire"
    council.venue.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Wiltshire" in str(
        events(response.content)[f"meeting-{council.meeting.pk}@testserver"]["LOCATION"]
    )


def test_building_a_feed_takes_the_same_number_of_queries_for_many_meetings(council):
    spec = calendars.FeedSpec(
        name="All", description="All", filename="all.ics", include_deadlines=True
    )

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            calendars.build_calendar(spec)
        return len(queries)

    add_meeting(council.cabinet, title="Own venue", start=london(2026, 11, 30), venue=council.venue)
    few = count()
    for day in range(1, 13):
        add_meeting(
            council.cabinet if day % 2 else council.planning,
            title=f"Meeting {day}",
            start=london(2026, 11, day),
            venue=council.other_venue if day % 3 == 0 else None,
            agenda_is_published=True,
        )
    assert count() == few


def test_deadline_events_are_at_the_exact_deadline_with_their_own_uids(client, council):
    from meetings.calendars import participation_deadlines

    meeting = MeetingPage.objects.get(pk=council.meeting.pk)
    (deadline,) = meeting.participation_deadlines()
    spec = calendars.FeedSpec(
        name="Mine", description="Mine", filename="m.ics", include_deadlines=True
    )
    body = calendars.build_calendar(spec)
    found = events(body)
    event = found[f"meeting-{meeting.pk}-deadline-1@testserver"]
    assert str(event["SUMMARY"]) == "Questions for Cabinet close"
    assert event["DTSTART"].dt == deadline[1]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert f"meeting-{meeting.pk}@testserver" in found
    js = {e["uid"]: e for e in parse_with_ical_js(body)["events"]}
    instant = deadline[1].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert js[f"meeting-{meeting.pk}-deadline-1@testserver"]["start_utc"] == instant
    # The prefetched calculation agrees with the model's, with and without an override.
    committee = meeting.committee
    row = {"participation_deadline_override": None, "start": meeting.start}
    assert participation_deadlines(row, committee, meeting.closures) == [deadline]
    override = london(2026, 10, 12, 17)
    meeting.participation_deadline_override = override
    row["participation_deadline_override"] = override
    assert participation_deadlines(row, committee, meeting.closures) == (
        meeting.participation_deadlines()
    )


def test_fast_writer_matches_icalendar_byte_for_byte():
    from meetings.calendars import EventData, event_component, event_ical

    long_text = "Agenda:\n" + "\n".join(
        f"{n}. Item with a long title, commas; semicolons\\backslashes and café élan {'x' * n}"
        for n in range(1, 40)
    )
    samples = [
        EventData(
            uid="meeting-1@example.gov.uk",
            summary="Cabinet, 3 July 2017; special",
            start=london(2017, 7, 3, 9, 30),
            end=london(2017, 7, 3, 12),
            stamp=datetime.datetime(2017, 6, 23, 16, 1, 2, 345678, tzinfo=UTC),
            sequence=3,
            status="CONFIRMED",
            description=long_text,
            url="https://example.gov.uk/meetings/cabinet/2017-07-03/?a=b,c",
            location="Kennet Room, County Hall, Bythesea Road, Trowbridge, BA14 8JN",
        ),
        EventData(
            uid="meeting-2-deadline-1@example.gov.uk",
            summary="Questions for Cabinet close",
            start=london(2026, 10, 26, 12),
            end=None,
            stamp=datetime.datetime(2026, 10, 1, tzinfo=UTC),
            sequence=0,
            status="CANCELLED",
            description="é" * 200 + "\\" * 80 + "a" * 73 + "\\," * 30,
            transp="TRANSPARENT",
        ),
    ]
    for width in range(60, 90):
        samples.append(
            EventData(
                uid=f"u{width}",
                summary="S" * width,
                start=london(2026, 3, 29, 2, 30),
                end=None,
                stamp=datetime.datetime(2026, 1, 1, tzinfo=UTC),
                sequence=width,
                status="TENTATIVE",
                description=("a" * (width - 12)) + "\\;" + "ü" * width,
            )
        )
    for data in samples:
        assert event_ical(data) == event_component(data).to_ical().decode()


def test_the_vtimezone_agrees_with_the_zoneinfo_database_from_1997_to_2037():
    """The yearly rules must give the same UTC offset as zoneinfo for every half hour,
    including the hours either side of each clock change."""
    from zoneinfo import ZoneInfo

    rules = calendars.london_vtimezone().to_tz()
    zone = ZoneInfo("Europe/London")
    moment = datetime.datetime(1997, 1, 1)
    mismatches = []
    while moment.year < 2038:
        if moment.replace(tzinfo=rules).utcoffset() != moment.replace(tzinfo=zone).utcoffset():
            mismatches.append(moment)
        moment += datetime.timedelta(minutes=30)
    assert mismatches == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Choose at least one committee for your calendar."),
        ("?committee=999999", "is not on the list any more"),
        ("?committee=x", "This calendar address is not complete."),
    ],
    ids=["no-committee", "committee-gone", "not-a-committee"],
)
def test_committees_calendar_without_a_usable_committee_says_what_to_choose(
    client, council, query, message
):
    response = client.get(reverse("meetings:committees_ics") + query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<title>Error: " in html
    assert 'class="govuk-error-summary"' in html and message in html
    assert f'href="{reverse("meetings:subscribe")}"' in html
