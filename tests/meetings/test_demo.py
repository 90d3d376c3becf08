"""The demo council loader: what `load_demo` builds for meetings, and that it is idempotent.

"Today" is frozen so the meetings dated relative to today are predictable; the historical
content (the Cabinet of 20 June and 3 July 2017) comes from the seed agenda pack.

Loading the demo takes several seconds, so it is loaded once for this module inside a
transaction that is rolled back afterwards; each test still runs in its own savepoint, so
tests that load it again or edit it leave nothing behind for the others.
"""

import io
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils.timezone import localdate
from wagtail.documents import get_document_model
from wagtail.models import Page

from meetings import deadlines
from meetings.demo import BUSINESS_PLAN_PDF_SENTENCE
from meetings.exempt import PART_II, is_exempt_document
from meetings.models import (
    ClosureDay,
    CommitteePage,
    CouncillorPage,
    Decision,
    ForwardPlanEntry,
    MeetingPage,
    MinutesPage,
    PlanPage,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime(2026, 11, 23, 12, tzinfo=LONDON)


def load_demo():
    """Run the management command quietly, as `make run` does."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo loaded once, on a fixed Monday, and rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(TODAY, tick=False):
            load_demo()
        yield
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def demo(loaded_demo, db):
    """The loaded demo, with time frozen at the load date for the whole test."""
    with time_machine.travel(TODAY, tick=False):
        yield


def cabinet():
    """The demo Cabinet committee page."""
    return CommitteePage.objects.get(slug="cabinet")


def meeting(slug, committee=None):
    """A meeting of the Cabinet (or another committee) by its date slug."""
    return MeetingPage.objects.child_of(committee or cabinet()).get(slug=slug)


def counts():
    """How many of each kind of object exist, to show a second run adds nothing."""
    return {
        "pages": Page.objects.count(),
        "decisions": Decision.objects.count(),
        "forward plan entries": ForwardPlanEntry.objects.count(),
        "documents": get_document_model().objects.count(),
        "closure days": ClosureDay.objects.count(),
    }


def test_sections_are_in_the_menu_in_order(demo):
    """Every section is one click from home, in the order the brief sets."""
    from home.models import HomePage

    home = HomePage.objects.get()
    in_menus = [p.slug for p in home.get_children().live().in_menu()]
    # Consultations, added later by their own app, follow these four.
    assert in_menus[:4] == ["meetings", "decisions", "plans", "councillors"]
    assert Page.objects.get(slug="forward-plan").get_parent().slug == "decisions"


def test_cabinet_has_the_nine_members_with_their_roles(demo):
    """The membership list matches the agenda pack, Leader first."""
    committee = cabinet()
    assert committee.is_executive
    assert committee.first_minute_number == 69
    assert committee.default_venue.postcode == "BA14 8JN"
    members = list(committee.memberships.select_related("councillor"))
    assert len(members) == 9
    assert [m.councillor.slug for m in members[:2]] == ["baroness-scott-of-bybrook", "john-thomson"]
    roles = {m.councillor.slug: (m.role, m.portfolio) for m in members}
    assert roles["baroness-scott-of-bybrook"][0] == "leader"
    assert roles["john-thomson"][0] == "deputy_leader"
    assert roles["laura-mayes"] == (
        "portfolio_holder",
        "Cabinet Member for Children, Education and Skills",
    )
    leader = CouncillorPage.objects.get(slug="baroness-scott-of-bybrook")
    assert leader.full_name == "Cllr Baroness Scott of Bybrook OBE"


def test_other_committees_have_members_and_a_rule_with_two_deadlines(demo):
    """Non-executive committees use the committee rules, with two deadlines."""
    for slug in ("overview-and-scrutiny-management-committee", "strategic-planning-committee"):
        committee = CommitteePage.objects.get(slug=slug)
        assert committee.memberships.count() >= 10
        assert committee.memberships.filter(role="chair").count() == 1
        rule = committee.participation_rule
        assert rule.must_live_or_work_in_area
        assert (rule.clear_working_days, rule.deadline_time) == (5, time(17))
        assert (rule.second_clear_working_days, rule.second_deadline_time) == (2, time(12))


def test_3_july_2017_agenda_has_13_part_one_items_and_a_part_two_item(demo):
    """The 3 July 2017 agenda reproduces the seed's items, pages and key decisions."""
    july = meeting("2017-07-03")
    assert july.start == datetime(2017, 7, 3, 9, 30, tzinfo=LONDON)
    assert july.effective_venue.name == "Kennet Room, County Hall"
    assert july.agenda_is_published
    assert timezone_date(july.agenda_published_at) == date(2017, 6, 23)
    assert not july.agenda_is_late()  # 23 June was the last day: five clear working days
    items = list(july.agenda_items.all())
    part_one = [i for i in items if i.part != PART_II]
    part_two = [i for i in items if i.part == PART_II]
    assert [i.number for i in part_one] == [str(n) for n in range(1, 14)]
    assert [(i.number, i.exempt_paragraph) for i in part_two] == [("14", 3)]
    by_number = {i.number: i for i in items}
    assert by_number["2"].pages == "5 - 18"
    assert by_number["9"].report_by == "Corporate Directors, Carolyn Godfrey and Dr Carlton Brand"
    assert {i.number for i in items if i.is_key_decision} == {"9", "10", "11", "12"}


def timezone_date(instant):
    """The UK calendar date of an aware datetime."""
    return instant.astimezone(LONDON).date()


def test_key_decision_items_link_forward_plan_entries_with_full_notice(demo):
    """Each key decision had 28 clear days' notice on the forward plan."""
    july = meeting("2017-07-03")
    for item in july.agenda_items.filter(is_key_decision=True):
        entry = item.forward_plan_entry
        assert entry is not None and entry.live
        assert entry.first_published_on <= date(2017, 6, 4)
        status = entry.notice_status(date(2017, 7, 3))
        assert status.ok and status.route == "forward_plan"


def test_html_reports_have_the_standard_header_a_table_and_risks(demo):
    """Reports are structured HTML, so they are accessible and searchable."""
    july = meeting("2017-07-03")
    for number in ("6", "9", "10", "11", "12"):
        item = july.agenda_items.get(number=number)
        report = item.report[0].value
        assert report["subject"] and report["executive_summary"] and report["proposals"]
        assert bool(report["key_decision"]) == item.is_key_decision
        kinds = [block.block_type for block in report["body"]]
        assert "heading" in kinds and "paragraph" in kinds and "table" in kinds
    risk_reports = [july.agenda_items.get(number=n).report[0].value for n in ("6", "9", "11", "12")]
    assert all("risks" in [b.block_type for b in r["body"]] for r in risk_reports)


def test_part_two_paper_is_in_the_exempt_collection(demo):
    """Part II papers are held where the document server refuses them."""
    item = meeting("2017-07-03").agenda_items.get(number="14")
    documents = [block.value["document"] for block in item.papers]
    assert documents and all(is_exempt_document(d) for d in documents)
    public = meeting("2017-07-03").agenda_items.get(number="9")
    assert not any(is_exempt_document(b.value["document"]) for b in public.papers)


def test_business_plan_appendix_is_a_pdf_with_searchable_text(demo):
    """Generated papers are real files whose text a search can extract."""
    from pypdf import PdfReader

    document = get_document_model().objects.get(title="Appendix 1 - Draft Business Plan 2017-27")
    with document.open_file() as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert " ".join(BUSINESS_PLAN_PDF_SENTENCE.split()) in " ".join(text.split())
    assert reader.metadata.title == document.title
    docx = get_document_model().objects.get(title__startswith="Appendix 1 - Proposed People")
    assert docx.file.name.endswith(".docx") and docx.file_size > 0 and docx.file_hash


def test_3_july_2017_question_deadline_is_noon_on_27_june(demo):
    """The Cabinet rule reproduces the deadline printed in the seed agenda."""
    deadlines_found = meeting("2017-07-03").participation_deadlines()
    assert [dt for _, dt in deadlines_found] == [datetime(2017, 6, 27, 12, tzinfo=LONDON)]
    assert deadlines.format_deadline(deadlines_found[0][1]) == "12pm on Tuesday 27 June 2017"


def test_20_june_minutes_are_numbered_from_69_and_confirmed_on_3_july(demo):
    """Minutes continue the committee's numbering; Part II minutes hide discussion."""
    june = meeting("2017-06-20")
    minutes = MinutesPage.objects.child_of(june).get()
    numbered = minutes.numbered_minutes()
    assert [n for n, _ in numbered] == list(range(69, 89))
    assert numbered[0][1]["title"] == "Apologies"
    assert minutes.minutes_status == MinutesPage.CONFIRMED
    assert minutes.confirmed_at.slug == "2017-07-03"
    assert minutes.present.count() == 9
    assert minutes.also_present.count() == 24
    assert minutes.duration == "4 hours 25 minutes"
    exempt = [value for _, value in numbered if value["exempt"]]
    assert len(exempt) == 3
    assert all(not value["discussion"].source and value["resolved"].source for value in exempt)
    part_two = june.agenda_items.filter(part=PART_II)
    assert sorted(i.number for i in part_two) == ["18", "19", "20"]
    assert set(part_two.values_list("exempt_paragraph", flat=True)) == {3, 5}


def test_20_june_decisions_are_published_and_in_force_from_3_july(demo):
    """Published 23 June 2017, the decisions came into force on 3 July, as the seed says."""
    june = meeting("2017-06-20")
    decisions = Decision.objects.filter(meeting=june)
    assert decisions.count() >= 5
    for decision in decisions:
        assert decision.live
        assert decision.published_on == date(2017, 6, 23)
        assert decision.call_in_ends_on == date(2017, 6, 30)
        assert decision.effective_from == date(2017, 7, 3)
        assert decision.agenda_item.meeting_id == june.pk
    housing = decisions.get(title__startswith="Draft Wiltshire Housing Site Allocations Plan")
    assert housing.agenda_item.title == "Wiltshire Housing Site Allocations Plan"


def test_3_july_key_decisions_are_linked_to_their_forward_plan_entries(demo):
    """Key decisions point at the notice that allowed them."""
    july = meeting("2017-07-03")
    key = Decision.objects.filter(meeting=july, is_key_decision=True)
    assert key.count() == 4
    for decision in key:
        assert decision.live
        assert decision.forward_plan_entry == decision.agenda_item.forward_plan_entry
        assert decision.forward_plan_entry.notice_status(decision.decision_date).ok


def test_plans_are_structured_with_a_table_of_contents(demo):
    """Plans use the structured blocks, and level 2 headings build the contents."""
    old = PlanPage.objects.get(slug="business-plan-2013-17")
    assert (old.period, old.plan_status, old.plan_type) == ("2013-17", "adopted", "business_plan")
    kinds = [block.block_type for block in old.body]
    for kind in ("vision", "key_actions", "outcome", "principles", "measures", "table"):
        assert kind in kinds
    assert len(next(b for b in old.body if b.block_type == "key_actions").value["actions"]) == 12
    assert kinds.count("outcome") == 6
    assert "Our 12 key actions" in [text for _, text in old.table_of_contents()]
    productivity = PlanPage.objects.get(slug="productivity-plan-2024")
    assert productivity.plan_type == "productivity_plan" and productivity.period == "2024"
    assert len(productivity.table_of_contents()) == 4
    draft = PlanPage.objects.get(slug="business-plan-2017-27")
    assert draft.plan_status == "draft"
    assert draft.approved_at.slug == "2017-07-03"


def test_christmas_closure_days_skip_weekends_and_bank_holidays(demo):
    """Closure days are computed for the current year, not hard-coded."""
    # 2026: 27 December is a Sunday and 28 December the substitute Boxing Day holiday.
    assert list(ClosureDay.objects.values_list("date", flat=True)) == [
        date(2026, 12, 29),
        date(2026, 12, 30),
        date(2026, 12, 31),
    ]


def test_upcoming_meetings_are_live_and_open_for_questions(demo):
    """Meetings dated from today keep the calendar, deadlines and forms live."""
    now = TODAY
    upcoming = MeetingPage.objects.live().filter(start__gte=now)
    assert upcoming.count() >= 6
    assert [m for m in upcoming if m.accepts_submissions(now)]
    closures = list(ClosureDay.objects.values_list("date", flat=True))
    for m in upcoming:
        assert deadlines.is_working_day(timezone_date(m.start), closures)
    cabinet_meetings = MeetingPage.objects.child_of(cabinet()).filter(start__gte=now)
    next_cabinet = cabinet_meetings.order_by("start").first()
    assert next_cabinet.agenda_is_published and next_cabinet.accepts_submissions(now)
    assert not next_cabinet.agenda_is_late()
    assert next_cabinet.start - now >= timedelta(days=10)
    assert not cabinet_meetings.order_by("start").last().agenda_is_published


def test_upcoming_key_decisions_have_notice_one_under_the_general_exception(demo):
    """The demo shows both notice routes for a key decision."""
    next_cabinet = (
        MeetingPage.objects.child_of(cabinet()).filter(start__gte=TODAY).order_by("start").first()
    )
    entries = [i.forward_plan_entry for i in next_cabinet.agenda_items.filter(is_key_decision=True)]
    routes = {e.notice_status(e.decision_date).route for e in entries}
    assert routes == {"forward_plan", "general_exception"}
    exception = next(e for e in entries if e.general_exception_notice_on)
    assert exception.general_exception_scrutiny_chair and exception.general_exception_reason


def test_consultancy_decision_with_an_exempt_appendix_is_taken_in_private(demo):
    """Item 14 holds item 12's exempt appendix, so the forward plan entry follows it."""
    july = meeting("2017-07-03")
    appendix = july.agenda_items.get(number="14")
    entry = july.agenda_items.get(number="12").forward_plan_entry
    assert appendix.forward_plan_entry == entry
    status = entry.taken_in_private()
    assert (status.private, status.paragraphs, status.from_agenda) == (True, (3,), True)


def test_a_moved_and_a_cancelled_meeting(demo):
    """Status changes after publication bump the calendar sequence."""
    moved = MeetingPage.objects.get(status="moved")
    assert moved.previous_start is not None and moved.previous_start < moved.start
    assert moved.sequence >= 1 and moved.status_reason
    assert moved.venue.name == "Council Chamber, Bourne Hill"
    cancelled = MeetingPage.objects.get(status="cancelled")
    assert cancelled.status_reason and cancelled.sequence >= 1
    assert not cancelled.accepts_submissions(TODAY)


def test_running_twice_creates_nothing_new(demo):
    """`make run` loads the demo on every start, so it must be idempotent."""
    before = counts()
    with time_machine.travel(TODAY, tick=False):
        load_demo()
    assert counts() == before


def test_running_again_weeks_later_adds_no_meetings_while_some_are_still_ahead(demo):
    """Relative dates must not add meetings each day while future ones exist."""
    before = counts()
    with time_machine.travel(TODAY + timedelta(days=20), tick=False):
        load_demo()
    assert counts() == before


def test_a_second_run_keeps_editors_changes(demo):
    """The loader only creates what is missing; it never overwrites edits."""
    committee = cabinet()
    committee.purpose = "<p>Edited by democratic services.</p>"
    committee.save_revision().publish()
    decision = Decision.objects.get(title="Digital Strategy 2017-2021 adopted")
    decision.reasons = "<p>Edited reasons.</p>"
    decision.save_revision().publish()
    with time_machine.travel(TODAY, tick=False):
        load_demo()
    assert cabinet().purpose == "<p>Edited by democratic services.</p>"
    assert Decision.objects.get(pk=decision.pk).reasons == "<p>Edited reasons.</p>"


def test_2017_content_carries_its_real_publication_dates(demo, client):
    """Decisions, forward plan entries, minutes, meetings and the draft plan are dated as
    the seed papers say, not with the time the demo was loaded (23 November 2026)."""
    for decision in Decision.objects.filter(decision_date__year=2017):
        assert localdate(decision.first_published_at) == decision.published_on
        assert localdate(decision.last_published_at) == decision.published_on
    for entry in ForwardPlanEntry.objects.filter(decision_date__year=2017):
        assert localdate(entry.first_published_at) == entry.first_published_on
    june, july = meeting("2017-06-20"), meeting("2017-07-03")
    assert june.first_published_at == june.agenda_published_at
    assert july.first_published_at == july.agenda_published_at
    minutes = MinutesPage.objects.child_of(june).get()
    assert minutes.first_published_at == july.agenda_published_at
    assert minutes.last_published_at == july.start
    draft = PlanPage.objects.get(slug="business-plan-2017-27")
    assert localdate(draft.first_published_at) == date(2017, 6, 23)

    response = client.get(reverse("meetings:committee_rss", args=[cabinet().pk]))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    dated = {
        item.findtext("title"): parsedate_to_datetime(item.findtext("pubDate"))
        for item in root.iter("item")
    }
    decisions_2017 = [t for t in dated if t.startswith("Decision:") and "2017" in t]
    assert decisions_2017
    assert all(dated[title].year == 2017 for title in decisions_2017)


def test_newest_first_search_orders_plans_by_their_own_dates(demo):
    """A plan is filed under its approval date or the start of its period, so 'newest
    first' puts the 2024 plan before the 2017 draft and the 2013 plan last."""
    from haystack import connections

    from search.query import run_search

    connections["default"].get_backend().clear()
    call_command("update_index", remove=True, verbosity=0)
    cache.clear()
    outcome = run_search("plan", sort="newest", filters={"type": ["Plan or strategy"]})
    titles = [result.title for result in outcome.results]
    assert titles == [
        "Productivity Plan 2024",
        "Draft Business Plan 2017-27",
        "Business Plan 2013-17",
    ]
    assert [result.date.year for result in outcome.results] == [2024, 2017, 2013]


# Demo councillors whose 2017 division or party no public source we could find confirms;
# they stay blank rather than guessed. Remove a slug here once its gap is filled.
UNCONFIRMED_WARD = {
    "atiqul-hoque",
    "hayley-spencer",
    "ian-thorn",
    "roy-while",
    "steve-oldrieve",
    "stewart-palmen",
}
UNCONFIRMED_PARTY = {"bob-jones", "hayley-spencer", "richard-gamble", "steve-oldrieve"}


def test_every_demo_councillor_has_a_ward_and_party(demo):
    """Every councillor carries the electoral division and party they won in May 2017,
    except the few no source confirms, which are left blank rather than invented."""
    councillors = {page.slug: page for page in CouncillorPage.objects.all()}
    assert len(councillors) == 33
    blank_ward = {slug for slug, page in councillors.items() if not page.ward}
    blank_party = {slug for slug, page in councillors.items() if not page.party}
    assert blank_ward == UNCONFIRMED_WARD
    assert blank_party == UNCONFIRMED_PARTY


def test_a_second_run_fills_a_blank_ward_but_keeps_an_edited_one(demo):
    """Sites loaded before the wards were known get them filled in; an editor's value stays."""
    blanked = CouncillorPage.objects.get(slug="clare-cape")
    blanked.ward = ""
    blanked.party = ""
    blanked.save_revision().publish()
    edited = CouncillorPage.objects.get(slug="ernie-clark")
    edited.ward = "Hilperton (edited)"
    edited.save_revision().publish()
    with time_machine.travel(TODAY, tick=False):
        load_demo()
    blanked = CouncillorPage.objects.get(slug="clare-cape")
    assert (blanked.ward, blanked.party) == ("Chippenham Pewsham", "Liberal Democrat")
    latest = blanked.get_latest_revision_as_object()
    assert (latest.ward, latest.party) == ("Chippenham Pewsham", "Liberal Democrat")
    assert CouncillorPage.objects.get(slug="ernie-clark").ward == "Hilperton (edited)"
