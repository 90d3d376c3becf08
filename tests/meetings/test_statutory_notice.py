"""Statutory notice of key decisions is enforced, not just shown (2012 Executive
Arrangements Regulations, regs 5 and 9 to 11, 19).

Through the real admin as a member of the Editors group: a forward plan entry, a decision
and a meeting cannot be published with a key decision that lacks its notice. On the public
pages: each forward plan entry says which notice it gave, special urgency decisions have a
register, key-decision agenda items and their entries and decisions link both ways, and
"taken in private" follows the agenda.
"""

import datetime
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from home.clickdepth import crawl
from meetings.factories import (
    DecisionFactory,
    ForwardPlanEntryFactory,
    MeetingPageFactory,
    london,
)
from meetings.models import AgendaItem, Decision, ForwardPlanEntry, MeetingPage
from tests.meetings.test_admin import (
    decision_form_data,
    edit_url,
    form_errors,
    item_data,
    meeting_form_data,
    snippet_url,
)

pytestmark = pytest.mark.django_db

DECISION_21_DECEMBER = datetime.date(2026, 12, 21)


@pytest.fixture
def december_2(time_machine):
    """Wednesday 2 December 2026: 18 clear days before a decision on 21 December."""
    time_machine.move_to(london(2026, 12, 2, 10, 0), tick=False)
    return time_machine


def entry_form_data(publish=True, **fields):
    """The forward plan entry form as an editor fills it in for a decision on 21 December."""
    data = {
        "reference": "",
        "status": "pending",
        "title": "Purchase of homes for temporary accommodation",
        "summary": "Buy a block of flats to house homeless families.",
        "decision_maker": "Cabinet",
        "committee": "",
        "decision_date": DECISION_21_DECEMBER.isoformat(),
        "decision_period": "",
        "portfolio": "",
        "lead_officer": "Head of Housing Options",
        "lead_officer_email": "",
        "wards_affected": "All wards",
        "documents": "Report of the Director of Housing",
        "inspection_arrangements": "On this website.",
        "other_documents": "Contact the lead officer.",
        "is_exempt": False,
        "exempt_paragraph": "",
        "first_published_on": "",
        "general_exception_notice_on": "",
        "general_exception_scrutiny_chair": "",
        "general_exception_reason": "",
        "special_urgency_agreed_on": "",
        "special_urgency_agreed_by": "",
        "special_urgency_reason": "",
    }
    data.update(fields)
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


GENERAL_EXCEPTION = {
    "general_exception_notice_on": "2026-12-01",
    "general_exception_scrutiny_chair": "Cllr Graham Wright, Chairman of Overview and Scrutiny",
    "general_exception_reason": "The seller wants an answer before Christmas.",
}


# --- publishing a forward plan entry ---------------------------------------------------------


def test_publishing_an_entry_with_18_clear_days_notice_is_refused_and_keeps_what_was_typed(
    editor_client, december_2
):
    response = editor_client.post(snippet_url(ForwardPlanEntry, "add"), entry_form_data())
    assert response.status_code == 200
    errors = form_errors(response)
    assert "not on the forward plan 28 clear days before 21 December 2026" in errors
    assert "needed to be published by 22 November 2026" in errors
    assert "it would be on the forward plan 18 clear days before" in errors
    assert "Record a general exception or special urgency agreement before publishing this" in (
        errors
    )
    assert "or move the decision to 31 December 2026 or later" in errors
    assert not ForwardPlanEntry.objects.exists()
    html = unescape(response.content.decode())
    assert 'value="Purchase of homes for temporary accommodation"' in html
    assert "Buy a block of flats to house homeless families." in html


def test_saving_a_short_notice_entry_as_a_draft_is_allowed(editor_client, december_2):
    response = editor_client.post(
        snippet_url(ForwardPlanEntry, "add"), entry_form_data(publish=False)
    )
    assert response.status_code == 302, form_errors(response)
    entry = ForwardPlanEntry.objects.get()
    assert entry.live is False and entry.first_published_on is None


def test_a_short_notice_entry_with_a_general_exception_publishes_and_records_its_notice_day(
    editor_client, december_2
):
    response = editor_client.post(
        snippet_url(ForwardPlanEntry, "add"), entry_form_data(**GENERAL_EXCEPTION)
    )
    assert response.status_code == 302, form_errors(response)
    entry = ForwardPlanEntry.objects.get()
    assert entry.live
    assert entry.general_exception_published_on == datetime.date(2026, 12, 2)
    assert entry.notice_status().route == "general_exception"


def test_a_short_notice_entry_with_special_urgency_publishes(editor_client, december_2):
    response = editor_client.post(
        snippet_url(ForwardPlanEntry, "add"),
        entry_form_data(
            special_urgency_agreed_on="2026-12-02",
            special_urgency_agreed_by="Cllr Graham Wright, Chairman of Overview and Scrutiny",
            special_urgency_reason="The flats are sold to another buyer on 22 December.",
        ),
    )
    assert response.status_code == 302, form_errors(response)
    assert ForwardPlanEntry.objects.get().notice_status().route == "special_urgency"


@pytest.fixture
def december_16(time_machine):
    """Wednesday 16 December 2026: 4 clear days before a decision on 21 December."""
    time_machine.move_to(london(2026, 12, 16, 10, 0), tick=False)
    return time_machine


def test_a_general_exception_counts_from_the_day_it_goes_on_the_website_not_the_typed_day(
    december_16, editor_client
):
    """Told the scrutiny chair on 1 December, but the notice only goes on the website on 16
    December: 4 clear days before 21 December, too few for reg 10."""
    response = editor_client.post(
        snippet_url(ForwardPlanEntry, "add"), entry_form_data(**GENERAL_EXCEPTION)
    )
    assert response.status_code == 200
    errors = form_errors(response)
    assert "given on 1 December 2026 and published on the website on 16 December 2026" in errors
    assert "Record a special urgency agreement, or move the decision to 24 December 2026" in (
        errors
    )
    assert not ForwardPlanEntry.objects.exists()


def test_a_general_exception_needs_the_scrutiny_chair_named(editor_client, december_2):
    fields = {**GENERAL_EXCEPTION, "general_exception_scrutiny_chair": ""}
    response = editor_client.post(snippet_url(ForwardPlanEntry, "add"), entry_form_data(**fields))
    assert response.status_code == 200
    assert "Name the chair of the overview and scrutiny committee" in form_errors(response)


def test_a_special_urgency_agreement_cannot_be_dated_in_the_future(editor_client, december_2):
    response = editor_client.post(
        snippet_url(ForwardPlanEntry, "add"),
        entry_form_data(
            special_urgency_agreed_on="2026-12-10",
            special_urgency_agreed_by="Cllr Graham Wright",
            special_urgency_reason="The flats are sold on 22 December.",
        ),
    )
    assert response.status_code == 200
    assert "Urgency cannot have been agreed on a date that has not come yet" in (
        form_errors(response)
    )


# --- publishing a decision -------------------------------------------------------------------


def test_publishing_a_key_decision_whose_forward_plan_entry_is_a_draft_is_refused(
    editor_client, time_machine
):
    time_machine.move_to(london(2017, 7, 4, 11, 0), tick=False)
    entry = ForwardPlanEntryFactory(
        live=False,
        decision_date=datetime.date(2017, 7, 3),
        special_urgency_agreed_on=datetime.date(2017, 6, 30),
        special_urgency_agreed_by="Cllr Chair of Overview and Scrutiny",
        special_urgency_reason="The contract ends on 5 July 2017.",
    )
    decision = DecisionFactory(
        live=False,
        decision_date=datetime.date(2017, 7, 3),
        is_key_decision=True,
        forward_plan_entry=entry,
    )
    response = editor_client.post(
        snippet_url(Decision, "edit", decision.pk), decision_form_data(decision)
    )
    assert response.status_code == 200
    assert "is not published, so the public has not been given notice" in form_errors(response)
    assert Decision.objects.get(pk=decision.pk).live is False


# --- publishing a meeting --------------------------------------------------------------------


@pytest.fixture
def june_2017(time_machine):
    time_machine.move_to(london(2017, 6, 1, 9, 0), tick=False)


def draft_meeting(cabinet):
    return MeetingPageFactory(
        parent=cabinet, live=False, start=london(2017, 7, 3, 9, 30), agenda_items=[]
    )


def test_publishing_a_meeting_with_a_key_decision_not_on_the_forward_plan_is_refused(
    editor_client, cabinet, june_2017
):
    meeting = draft_meeting(cabinet)
    items = [item_data(title="Leisure centres review", is_key_decision=True)]
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, items=items, publish=True)
    )
    assert response.status_code == 200
    errors = form_errors(response)
    assert "'Leisure centres review' is a key decision: link it to its forward plan entry" in (
        errors
    )
    assert MeetingPage.objects.get(pk=meeting.pk).live is False


def test_publishing_a_meeting_with_a_key_decision_on_a_draft_entry_is_refused(
    editor_client, cabinet, june_2017
):
    entry = ForwardPlanEntryFactory(live=False, decision_date=datetime.date(2017, 7, 3))
    meeting = draft_meeting(cabinet)
    items = [item_data(title="Leisure", is_key_decision=True, forward_plan_entry=str(entry.pk))]
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, items=items, publish=True)
    )
    assert response.status_code == 200
    assert "is not published, so the public has not been given notice of 'Leisure'" in (
        form_errors(response)
    )
    assert MeetingPage.objects.get(pk=meeting.pk).live is False


def test_a_meeting_whose_key_decisions_are_on_the_forward_plan_publishes(
    editor_client, cabinet, june_2017
):
    entry = ForwardPlanEntryFactory(decision_date=datetime.date(2017, 7, 3))
    meeting = draft_meeting(cabinet)
    items = [item_data(title="Leisure", is_key_decision=True, forward_plan_entry=str(entry.pk))]
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, items=items, publish=True)
    )
    assert response.status_code == 302, form_errors(response)
    assert MeetingPage.objects.get(pk=meeting.pk).live is True


# --- the public pages ------------------------------------------------------------------------


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def entry_url(council, entry):
    forward_plan = council["forward_plan"]
    return forward_plan.url + forward_plan.reverse_subpage("entry_detail", args=[entry.pk])


def register_url(council):
    register = council["decisions_index"]
    return register.url + register.reverse_subpage("special_urgency")


def test_key_decision_item_links_its_forward_plan_entry_which_links_back_to_item_and_decision(
    client, council
):
    entry, meeting, decision = council["entry"], council["meeting"], council["decision"]
    meeting_html = page_text(client, meeting.url)
    assert f'href="{entry_url(council, entry)}"' in meeting_html
    assert f"forward plan entry {entry.reference}, Adopt the Digital Strategy" in meeting_html

    entry_html = page_text(client, entry_url(council, entry))
    item = council["item"]
    assert f'href="{meeting.url}#{item.anchor}"' in entry_html
    decisions = council["decisions_index"]
    decision_url = decisions.url + decisions.reverse_subpage("decision_detail", args=[decision.pk])
    assert f'href="{decision_url}"' in entry_html


def test_a_key_decision_item_without_a_published_entry_says_so_on_the_meeting_page(client, council):
    entry = council["entry"]
    entry.unpublish()
    html = page_text(client, council["meeting"].url)
    assert "This key decision is not on the published forward plan." in html
    assert entry_url(council, entry) not in html


def test_forward_plan_shows_the_notice_each_entry_gave(client, council, time_machine):
    time_machine.move_to(london(2017, 6, 28, 10, 0), tick=False)
    cabinet = council["cabinet"]
    late = {"decision_date": datetime.date(2017, 7, 3), "committee": cabinet}
    ForwardPlanEntryFactory(title="Full notice", first_published_on=datetime.date(2017, 5, 1))
    ForwardPlanEntryFactory(
        title="Homes purchase",
        first_published_on=datetime.date(2017, 6, 20),
        general_exception_notice_on=datetime.date(2017, 6, 20),
        general_exception_scrutiny_chair="Cllr Graham Wright",
        general_exception_reason="The seller wants an answer.",
        **late,
    )
    ForwardPlanEntryFactory(
        title="Care contract",
        first_published_on=datetime.date(2017, 6, 28),
        special_urgency_agreed_on=datetime.date(2017, 6, 28),
        special_urgency_agreed_by="Cllr Graham Wright",
        special_urgency_reason="The provider stops on 4 July 2017.",
        **late,
    )
    html = page_text(client, council["forward_plan"].url)
    assert "Full notice: on the forward plan from 1 May 2017." in html
    assert "General exception: Cllr Graham Wright was told on 20 June 2017." in html
    assert (
        "Special urgency: Cllr Graham Wright agreed on 28 June 2017 that the decision is urgent "
        "and cannot reasonably be deferred. Reasons: The provider stops on 4 July 2017." in html
    )
    assert register_url(council) in html


def test_special_urgency_register_lists_only_published_decisions_taken_under_special_urgency(
    client, council
):
    urgent_entry = ForwardPlanEntryFactory(
        title="Care contract",
        decision_date=datetime.date(2017, 7, 3),
        first_published_on=datetime.date(2017, 6, 28),
        special_urgency_agreed_on=datetime.date(2017, 6, 28),
        special_urgency_agreed_by="Cllr Graham Wright",
        special_urgency_reason="The provider stops on 4 July 2017.",
    )
    taken = DecisionFactory(
        title="Care contract extended",
        decision_date=datetime.date(2017, 7, 3),
        is_key_decision=True,
        forward_plan_entry=urgent_entry,
    )
    DecisionFactory(
        title="Draft urgent decision",
        live=False,
        decision_date=datetime.date(2017, 7, 3),
        is_key_decision=True,
        forward_plan_entry=urgent_entry,
    )
    # Recorded special urgency, but full notice was given: not a special urgency decision.
    full = ForwardPlanEntryFactory(
        decision_date=datetime.date(2017, 7, 3),
        first_published_on=datetime.date(2017, 5, 1),
        special_urgency_agreed_on=datetime.date(2017, 6, 28),
        special_urgency_agreed_by="Cllr Graham Wright",
        special_urgency_reason="Belt and braces.",
    )
    DecisionFactory(
        title="Fully noticed decision",
        decision_date=datetime.date(2017, 7, 3),
        is_key_decision=True,
        forward_plan_entry=full,
    )
    html = page_text(client, register_url(council))
    assert "Care contract extended" in html
    assert "Cllr Graham Wright, 28 June 2017" in html
    assert "The provider stops on 4 July 2017." in html
    assert "Draft urgent decision" not in html
    assert "Fully noticed decision" not in html
    assert "Digital Strategy adopted" not in html
    decisions = council["decisions_index"]
    detail = decisions.url + decisions.reverse_subpage("decision_detail", args=[taken.pk])
    assert register_url(council) in page_text(client, detail)


def test_special_urgency_register_is_within_three_clicks_of_home(council):
    result = crawl(max_depth=3)
    url = register_url(council)
    assert url in result.depth and result.depth[url] <= 3, result.path_to(url)


def test_entry_with_an_exempt_appendix_on_the_agenda_is_taken_in_private(client, council):
    """The entry says "No" itself; its Part II appendix on the published agenda decides."""
    entry = council["entry"]
    assert entry.is_exempt is False
    appendix = council["meeting"].agenda_items.get(part="2")
    AgendaItem.objects.filter(pk=appendix.pk).update(forward_plan_entry=entry)

    html = page_text(client, entry_url(council, entry))
    assert (
        "Yes, under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972" in html
    )
    assert "Information relating to the financial or business affairs" in html
    forward_plan = page_text(client, council["forward_plan"].url)
    assert "Yes, paragraph 3" in forward_plan
    assert entry.taken_in_private().private is True


def test_forward_plan_feed_says_taken_in_private_from_the_agenda_like_the_page(client, council):
    entry = council["entry"]
    appendix = council["meeting"].agenda_items.get(part="2")
    AgendaItem.objects.filter(pk=appendix.pk).update(forward_plan_entry=entry)
    response = client.get(reverse("meetings:forward_plan_rss"))
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
    descriptions = [item.findtext("description") for item in channel.findall("item")]
    assert any("Taken in private: Yes, paragraph 3." in d for d in descriptions), descriptions


def test_a_draft_meetings_part_ii_item_does_not_change_the_forward_plan(client, council):
    entry = council["entry"]
    MeetingPageFactory(
        parent=council["cabinet"],
        live=False,
        start=london(2017, 7, 17, 9, 30),
        agenda_items=[
            AgendaItem(title="Appendix", part="2", exempt_paragraph=3, forward_plan_entry=entry)
        ],
    )
    status = entry.taken_in_private()
    assert (status.private, status.from_agenda) == (False, True)
    assert 'Taken in private?</dt><dd class="govuk-summary-list__value">No' in page_text(
        client, entry_url(council, entry)
    )
