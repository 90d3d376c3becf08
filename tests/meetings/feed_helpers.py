"""Shared set-up for the calendar, feed, alert and subscription tests: a small council
with two committees, meetings in a known place in time, and parsers for the feeds."""

import datetime
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from icalendar import Calendar

from meetings.deadlines import LONDON
from meetings.exempt import PART_I, PART_II

ROOT = Path(__file__).resolve().parents[2]
PARSE_ICS = ROOT / "tests" / "js" / "parse_ics.mjs"
PART_TWO_TITLE = "Sale of land at Hopton Industrial Estate (exempt)"
NOW = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=LONDON)


def london(year, month, day, hour=10, minute=0):
    """An aware UK wall-clock time, as editors type meeting times."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def publish(page):
    """Publish the page's current state as an editor would, and reload it."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@dataclass
class Council:
    """The pages and snippets `make_council` made, by name."""

    home: object
    index: object
    cabinet: object
    planning: object
    venue: object
    other_venue: object
    rule: object
    councillor: object
    meeting: object
    planning_meeting: object


def make_council(home_page):
    """Two committees (Cabinet with a question deadline rule, Planning) and a published
    Cabinet meeting on 15 October 2026 with two Part I items and one Part II item."""
    from meetings.factories import (
        CommitteeIndexPageFactory,
        CommitteeMembershipFactory,
        CommitteePageFactory,
        MeetingPageFactory,
        ParticipationRuleFactory,
        VenueFactory,
    )
    from meetings.models import AgendaItem

    venue = VenueFactory(
        name="Kennet Room, County Hall",
        address="Bythesea Road\nTrowbridge",
        postcode="BA14 8JN",
    )
    other_venue = VenueFactory(
        name="Council Chamber, Monkton Park", address="Chippenham", postcode="SN15 1ER"
    )
    rule = ParticipationRuleFactory(deadline_label="Questions")
    index = CommitteeIndexPageFactory(parent=home_page)
    cabinet = CommitteePageFactory(
        parent=index, title="Cabinet", slug="cabinet", default_venue=venue, participation_rule=rule
    )
    planning = CommitteePageFactory(
        parent=index, title="Strategic Planning Committee", slug="planning", default_venue=venue
    )
    membership = CommitteeMembershipFactory(committee=cabinet)
    meeting = MeetingPageFactory(
        parent=cabinet,
        title="Cabinet, 15 October 2026",
        slug="2026-10-15",
        start=london(2026, 10, 15, 10),
        end=london(2026, 10, 15, 12),
        agenda_is_published=True,
        agenda_items=[
            AgendaItem(title="Apologies, for absence; and declarations", part=PART_I),
            AgendaItem(title="Digital Strategy 2017-21", part=PART_I),
            AgendaItem(title=PART_TWO_TITLE, part=PART_II, exempt_paragraph=3),
        ],
    )
    meeting = publish(meeting)
    planning_meeting = publish(
        MeetingPageFactory(
            parent=planning,
            title="Strategic Planning Committee, 20 October 2026",
            slug="2026-10-20",
            start=london(2026, 10, 20, 14),
            end=None,
        )
    )
    return Council(
        home=home_page,
        index=index,
        cabinet=cabinet,
        planning=planning,
        venue=venue,
        other_venue=other_venue,
        rule=rule,
        councillor=membership.councillor,
        meeting=meeting,
        planning_meeting=planning_meeting,
    )


def add_meeting(committee, **fields):
    """Another published meeting of `committee`."""
    from meetings.factories import MeetingPageFactory

    return publish(MeetingPageFactory(parent=committee, **fields))


def parse(body):
    """The feed parsed by icalendar (it raises on anything malformed)."""
    return Calendar.from_ical(body)


def events(body):
    """{UID: VEVENT} of a feed, parsed by icalendar."""
    return {str(event["UID"]): event for event in parse(body).walk("VEVENT")}


def parse_with_ical_js(body):
    """The feed as Mozilla's ical.js (Thunderbird's parser) reads it, via node."""
    result = subprocess.run(
        ["node", str(PARSE_ICS)],
        input=body if isinstance(body, bytes) else body.encode(),
        capture_output=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    return json.loads(result.stdout)


def consultation_model_or_skip():
    """The ConsultationPage model, or skip the test while the consultations app lacks it."""
    import pytest

    from meetings.calendars import consultation_model

    model = consultation_model()
    if model is None:
        pytest.skip("consultations.ConsultationPage is not available")
    return model


def make_consultation(home_page, model, title="Library opening hours", live=True, **fields):
    """A consultation (published through a revision, as an editor would) under a
    consultations index, which is created the first time."""
    index_model = model._meta.apps.get_model("consultations", "ConsultationIndexPage")
    index = index_model.objects.first()
    if index is None:
        index = home_page.add_child(instance=index_model(title="Have your say", slug="consult"))
    values = {
        "title": title,
        "summary": "How long should libraries open?",
        "opens_on": datetime.date(2026, 9, 1),
        "closes_at": london(2026, 10, 30, 23, 59),
        "response_url": "https://example.gov.uk/survey",
        "live": False,
    }
    values.update(fields)
    known = {f.name for f in model._meta.get_fields()}
    consultation = index.add_child(
        instance=model(**{k: v for k, v in values.items() if k in known or k == "title"})
    )
    return publish(consultation) if live else consultation
