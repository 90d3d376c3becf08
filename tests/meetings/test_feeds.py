"""RSS and Atom feeds: every route answers with well-formed XML holding the expected
items, never a Part II title, and each is linked from the page it mirrors."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse

from tests.meetings.feed_helpers import (
    NOW,
    PART_TWO_TITLE,
    consultation_model_or_skip,
    make_consultation,
    make_council,
    publish,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def council(home_page):
    with time_machine.travel(NOW, tick=False):
        yield make_council(home_page)


@pytest.fixture
def registers(council):
    """The decisions register with its forward plan, a decision and a plan entry."""
    from meetings.factories import (
        DecisionFactory,
        DecisionIndexPageFactory,
        ForwardPlanEntryFactory,
        ForwardPlanPageFactory,
    )

    decisions = DecisionIndexPageFactory(parent=council.home)
    forward_plan = ForwardPlanPageFactory(parent=decisions)
    decision = DecisionFactory(
        title="Digital Strategy adopted",
        committee=council.cabinet,
        meeting=council.meeting,
        decision_date=datetime.date(2026, 10, 15),
    )
    decision.save_revision().publish()
    draft = DecisionFactory(title="Draft decision never shown", live=False)
    entry = ForwardPlanEntryFactory(title="Adopt the Digital Strategy", reference="FP 2026/1")
    entry.save_revision().publish()
    return {
        "decisions": decisions,
        "forward_plan": forward_plan,
        "decision": decision,
        "draft": draft,
        "entry": entry,
    }


def rss(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output; raises if malformed
    assert root.tag == "rss"
    channel = root.find("channel")
    items = [{child.tag: (child.text or "") for child in item} for item in channel.findall("item")]
    return channel, items


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def test_committee_feed_has_agendas_minutes_and_decisions(client, council, registers):
    from meetings.factories import MinutesPageFactory

    minutes = MinutesPageFactory(parent=council.meeting, live=False)
    publish(minutes)
    channel, items = rss(client, reverse("meetings:committee_rss", args=[council.cabinet.pk]))
    assert channel.findtext("title") == "Cabinet: agendas, minutes and decisions"
    assert channel.findtext("link") == council.cabinet.get_full_url()
    titles = [item["title"] for item in items]
    assert "Agenda published: Cabinet, 15 October 2026" in titles
    assert "Minutes published: Cabinet, 15 October 2026" in titles
    assert "Decision: Digital Strategy adopted" in titles
    assert not any("Draft decision" in title for title in titles)
    links = {item["title"]: item["link"] for item in items}
    assert links["Agenda published: Cabinet, 15 October 2026"] == council.meeting.get_full_url()
    assert links["Minutes published: Cabinet, 15 October 2026"] == minutes.get_full_url()
    assert links["Decision: Digital Strategy adopted"].endswith(
        f"/decisions/{registers['decision'].pk}/"
    )
    agenda = next(i for i in items if i["title"].startswith("Agenda published"))
    assert "Digital Strategy 2017-21" in agenda["description"]
    assert all(item["guid"] for item in items)


def test_no_feed_shows_a_part_two_title_or_a_private_meeting(client, council, registers):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=council.planning_meeting, restriction_type="password", password="x"
    )
    urls = [
        reverse("meetings:committee_rss", args=[council.cabinet.pk]),
        reverse("meetings:committee_rss", args=[council.planning.pk]),
        reverse("meetings:committee_atom", args=[council.cabinet.pk]),
        reverse("meetings:decisions_rss"),
        reverse("meetings:forward_plan_rss"),
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert PART_TWO_TITLE not in body
        assert "Sale of land" not in body
        assert council.planning_meeting.title not in body


def test_committee_feed_of_an_unpublished_committee_is_not_found(client, council):
    from meetings.factories import CommitteePageFactory

    hidden = CommitteePageFactory(parent=council.index, live=False)
    assert client.get(reverse("meetings:committee_rss", args=[hidden.pk])).status_code == 404


def test_decisions_feed_lists_published_decisions(client, registers):
    channel, items = rss(client, reverse("meetings:decisions_rss"))
    assert channel.findtext("title") == "Decisions register"
    assert [item["title"] for item in items] == ["Decision: Digital Strategy adopted"]
    assert items[0]["link"].endswith(f"/decisions/{registers['decision'].pk}/")


def test_forward_plan_feed_lists_entries_and_announces_updates(client, registers):
    _, items = rss(client, reverse("meetings:forward_plan_rss"))
    assert [item["title"] for item in items] == ["FP 2026/1: Adopt the Digital Strategy"]
    assert items[0]["link"].endswith(f"/forward-plan/{registers['entry'].pk}/")
    first_guid = items[0]["guid"]
    entry = registers["entry"]
    with time_machine.travel(datetime.datetime(2026, 9, 10, 9, tzinfo=datetime.UTC)):
        entry.summary = "Updated: whether to adopt the strategy."
        entry.save_revision().publish()
    _, items = rss(client, reverse("meetings:forward_plan_rss"))
    assert items[0]["guid"] != first_guid
    assert "Updated: whether to adopt" in items[0]["description"]


def test_atom_variants_are_well_formed(client, council, registers):
    assert atom(client, reverse("meetings:committee_atom", args=[council.cabinet.pk]))
    assert atom(client, reverse("meetings:decisions_atom"))
    assert atom(client, reverse("meetings:forward_plan_atom"))


def test_consultations_feed(client, council):
    model = consultation_model_or_skip()
    consultation = make_consultation(council.home, model)
    channel, items = rss(client, reverse("meetings:consultations_rss"))
    assert channel.findtext("title") == "Consultations"
    assert [item["title"] for item in items] == ["Consultation: Library opening hours"]
    assert items[0]["link"] == consultation.get_full_url()
    assert "Closes at" in items[0]["description"] or "closes at" in items[0]["description"]
    assert atom(client, reverse("meetings:consultations_atom"))


def alternate(html, kind, href):
    """True if the page's head links the feed at `href` with rel="alternate"."""
    head = html.split("</head>")[0]
    return f'<link rel="alternate" type="{kind}"' in head and f'href="{href}">' in head


def test_feeds_are_linked_from_the_pages_they_mirror(client, council, registers):
    rss_href = reverse("meetings:committee_rss", args=[council.cabinet.pk])
    ics_href = reverse("meetings:committee_ics", args=[council.cabinet.pk])
    meeting_ics = reverse("meetings:meeting_ics", args=[council.meeting.pk])
    committee_html = client.get(council.cabinet.url).content.decode()
    assert alternate(committee_html, "application/rss+xml", rss_href)
    assert alternate(committee_html, "text/calendar", ics_href)
    meeting_html = client.get(council.meeting.url).content.decode()
    assert alternate(meeting_html, "application/rss+xml", rss_href)
    assert alternate(meeting_html, "text/calendar", ics_href)
    assert alternate(meeting_html, "text/calendar", meeting_ics)
    decisions_html = client.get(registers["decisions"].url).content.decode()
    assert alternate(decisions_html, "application/rss+xml", reverse("meetings:decisions_rss"))
    plan_html = client.get(registers["forward_plan"].url).content.decode()
    assert alternate(plan_html, "application/rss+xml", reverse("meetings:forward_plan_rss"))
    index_html = client.get(council.index.url).content.decode()
    assert alternate(index_html, "text/calendar", reverse("meetings:all_meetings_ics"))


def test_meeting_and_committee_pages_link_their_feeds_in_the_body(client, council):
    """Residents who never look at <head> still find the .ics and the committee feed."""
    meeting_html = client.get(council.meeting.url).content.decode()
    body = meeting_html.split("<body", 1)[1]
    assert f'href="{reverse("meetings:meeting_ics", args=[council.meeting.pk])}"' in body
    ics = reverse("meetings:committee_ics", args=[council.cabinet.pk])
    assert f'href="webcal://testserver{ics}"' in body
    assert f'href="{reverse("meetings:subscribe")}?committee={council.cabinet.pk}"' in body
    committee_body = client.get(council.cabinet.url).content.decode().split("<body", 1)[1]
    assert f'href="webcal://testserver{ics}"' in committee_body
    assert reverse("meetings:follow_committee", args=[council.cabinet.pk]) in committee_body
    assert reverse("meetings:committee_rss", args=[council.cabinet.pk]) in committee_body


@pytest.mark.parametrize(
    "status, wording",
    [("draft", "The draft minutes of the meeting at"), ("confirmed", "The confirmed minutes")],
)
def test_minutes_item_reads_as_a_sentence_for_each_status(client, council, status, wording):
    from meetings.factories import MinutesPageFactory

    publish(MinutesPageFactory(parent=council.meeting, live=False, minutes_status=status))
    _channel, items = rss(client, reverse("meetings:committee_rss", args=[council.cabinet.pk]))
    minutes = next(i for i in items if i["title"].startswith("Minutes published"))
    assert f"<p>{wording}" in minutes["description"]
    assert "correct record minutes" not in minutes["description"]
