"""A meeting page costs the same number of database queries however long its agenda is:
items, their papers' documents and their decisions are fetched in bulk."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.exempt import PART_II, exempt_collection
from meetings.factories import (
    CommitteePageFactory,
    DecisionFactory,
    ForwardPlanEntryFactory,
    MeetingPageFactory,
    MinutesPageFactory,
    ParticipationRuleFactory,
    VenueFactory,
    make_document,
    make_meetings_tree,
    minute,
    paper,
)
from meetings.models import AgendaItem, MeetingPage

pytestmark = pytest.mark.django_db

REPORT = (
    "report",
    {
        "subject": "Item report",
        "executive_summary": "<p>Summary.</p>",
        "proposals": "<p>Approve.</p>",
        "reasons_for_proposals": "<p>Because.</p>",
        "body": [],
    },
)


@pytest.fixture
def committee(home_page):
    tree = make_meetings_tree(home_page)
    return CommitteePageFactory(
        parent=tree.committees,
        title="Cabinet",
        is_executive=True,
        default_venue=VenueFactory(),
        participation_rule=ParticipationRuleFactory(),
    )


def meeting_with_items(committee, count):
    """A published meeting whose `count` items each have two papers and a decision; every
    fifth item is a key decision with a forward plan entry, and the last is Part II."""
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    items = []
    for n in range(1, count + 1):
        report = make_document(f"Report {n}", f"report-{n}.pdf")
        appendix = make_document(f"Appendix {n}", f"appendix-{n}.pdf")
        fields = {"title": f"Item {n}", "papers": [paper(report), paper(appendix, "appendix")]}
        if n % 5 == 0:
            fields.update(is_key_decision=True, forward_plan_entry=ForwardPlanEntryFactory())
        if n % 2 == 0:
            fields["report"] = [REPORT]
        if n == count:
            fields.update(part=PART_II, exempt_paragraph=3)
            for document in (report, appendix):
                document.collection = exempt_collection()
                document.save()
        items.append(AgendaItem(**fields))
    meeting = MeetingPageFactory(
        parent=committee,
        title=f"Cabinet with {count} items",
        start=start,
        agenda_is_published=True,
        agenda_items=items,
    )
    meeting.save_revision().publish()
    for item in AgendaItem.objects.filter(meeting=meeting):
        DecisionFactory(
            title=f"Decision on {item.title}",
            committee=committee,
            meeting=meeting,
            agenda_item=item,
        )
    MinutesPageFactory(parent=meeting, minutes=[minute("Apologies")])
    return MeetingPage.objects.get(pk=meeting.pk)


def context_queries(meeting, rf):
    """The queries run by get_context on a freshly loaded meeting, and the context."""
    fresh = MeetingPage.objects.get(pk=meeting.pk)
    request = rf.get(fresh.url)
    with CaptureQueriesContext(connection) as queries:
        context = fresh.get_context(request)
    return len(queries), context


def test_meeting_context_queries_do_not_grow_with_the_agenda(committee, rf):
    short = meeting_with_items(committee, 5)
    long = meeting_with_items(committee, 50)

    short_count, short_context = context_queries(short, rf)
    long_count, long_context = context_queries(long, rf)

    assert len(long_context["items"]) == 50
    assert all(len(i.paper_links) == 2 for i in long_context["part_one_items"])
    assert all(len(i.public_decisions) == 1 for i in long_context["items"])
    assert len(short_context["part_one_items"]) == 4
    assert short_count > 0
    assert long_count == short_count, (
        f"get_context ran {short_count} queries for 5 items but {long_count} for 50"
    )


def test_meeting_context_runs_a_small_fixed_number_of_queries(committee, rf):
    meeting = meeting_with_items(committee, 5)
    count, _ = context_queries(meeting, rf)
    assert count <= 15, f"get_context ran {count} queries"


def get_queries(client, meeting):
    """The queries of a full public GET of the meeting page (after one warm-up request,
    so per-process caches such as the site root do not count)."""
    assert client.get(meeting.url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(meeting.url)
    assert response.status_code == 200
    return len(queries), response


def test_meeting_page_get_runs_the_same_queries_with_5_and_50_items(client, committee):
    short = meeting_with_items(committee, 5)
    long = meeting_with_items(committee, 50)

    short_count, _ = get_queries(client, short)
    long_count, response = get_queries(client, long)

    html = response.content.decode()
    assert "Item 49" in html
    assert "Appendix 49" in html or "appendix-49.pdf" in html
    assert long_count == short_count, (
        f"GET ran {short_count} queries for 5 items but {long_count} for 50"
    )
