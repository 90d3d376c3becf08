"""Every public page type is found by a phrase only it contains, and links to the right
place; nothing exempt, restricted or personal is ever found."""

import datetime

import pytest
from haystack.query import SearchQuerySet

from .conftest import rebuild_index
from .helpers import found, found_urls

pytestmark = pytest.mark.django_db


def only(phrase):
    """The single result for `phrase` (fails if there is not exactly one)."""
    results = list(SearchQuerySet().auto_query(phrase))
    assert len(results) == 1, [r.id for r in results]
    return results[0]


def test_meeting_found_by_date_in_words_and_committee(indexed_council):
    result = only("Cabinet Monday 3 July 2017 Kennet")
    assert result.id == f"meetings.meetingpage.{indexed_council['meeting'].pk}"
    assert result.url == "/meetings/cabinet/2017-07-03/"
    assert result.content_type == ["Meeting"]
    assert result.committee == ["Cabinet"]


def test_agenda_item_report_links_to_its_anchor_on_the_meeting_page(indexed_council):
    result = only("services go digital")
    item = indexed_council["item"]
    assert result.id == f"meetings.agendaitem.{item.pk}"
    assert result.url == f"/meetings/cabinet/2017-07-03/#{item.anchor}"
    assert result.title == "Digital Strategy"


def test_agenda_item_includes_its_decision(indexed_council):
    # "Adopted." is the decision text: found on the agenda item and on the decision.
    ids = found("modernise services")
    assert f"meetings.agendaitem.{indexed_council['item'].pk}" in ids
    assert f"meetings.decision.{indexed_council['decision'].pk}" in ids


def test_minutes_found_without_their_exempt_discussion(indexed_council):
    assert found("Minutes Apologies None") >= {
        f"meetings.minutespage.{indexed_council['minutes'].pk}"
    }
    assert not found("Secret talk")


def test_decision_links_to_the_register_detail_route(indexed_council):
    from meetings.models import Decision

    results = list(SearchQuerySet().auto_query("Digital Strategy adopted").models(Decision))
    assert [r.url for r in results] == [f"/decisions/{indexed_council['decision'].pk}/"]
    assert results[0].content_type == ["Decision"]


def test_forward_plan_entry_links_to_the_forward_plan_route(indexed_council):
    result = only("Whether to adopt the strategy")
    assert result.url == f"/decisions/forward-plan/{indexed_council['entry'].pk}/"


def test_plan_and_its_sections(indexed_council):
    result = only("resilient communities")
    assert result.url == "/plans/business-plan-2013-17/"
    assert "our-vision" in result.sections


def test_committee_councillor_and_section_pages(indexed_council):
    assert only("Takes executive decisions").url == "/meetings/cabinet/"
    assert only("Bybrook").url == "/councillors/jane-scott/"
    assert "/councillors/" in found_urls("Councillors")
    assert "/plans/" in found_urls("Plans and strategies")


def test_standard_page(home_page, clean_index):
    from home.factories import StandardPageFactory

    StandardPageFactory(
        parent=home_page,
        title="Accessibility statement",
        slug="accessibility",
        summary="How accessible this website is.",
        body=[("paragraph", "<p>We test with zebrafinch screen readers.</p>")],
    )
    rebuild_index()
    assert found_urls("zebrafinch") == {"/accessibility/"}


@pytest.fixture
def consultations(indexed_council, home_page):
    """A consultation and a published question (with an answer) for the council's meeting."""
    factories = pytest.importorskip("consultations.factories")
    index = factories.ConsultationIndexPageFactory(parent=home_page)
    consultation = factories.ConsultationPageFactory(
        parent=index,
        title="Waste collection changes",
        slug="waste",
        summary="We want your views on fortnightly bin collections.",
        body=[("paragraph", "<p>Questions about the quokka recycling scheme.</p>")],
    )
    published = factories.SubmissionFactory(
        meeting=indexed_council["meeting"],
        name="Ada Lovelace",
        email="ada.private@example.com",
        postcode="SN1 1AA",
        organisation="Analytical Engines Ltd",
        text="Original unredacted text mentioning Mr Smith the caretaker.",
        public_text="When will the kookaburra bridge reopen?",
        answer="The bridge reopens in wallaby month.",
        answered_by="Cllr Jane Scott",
        status="published",
    )
    received = factories.SubmissionFactory(
        meeting=indexed_council["meeting"], name="Unpublished Person", text="Platypus question"
    )
    rebuild_index()
    return {"consultation": consultation, "published": published, "received": received}


def test_consultation_found(consultations):
    assert found_urls("quokka recycling") == {"/consultations/waste/"}
    assert only("fortnightly bin collections").content_type == ["Consultation"]


def test_published_question_and_answer_with_askers_name_only(consultations):
    result = only("kookaburra bridge")
    assert result.url == "/meetings/cabinet/2017-07-03/#questions-and-statements"
    assert result.title == "Question from Ada Lovelace"
    assert found("wallaby") == {result.id}
    for private in ("ada.private", "SN1", "Analytical Engines", "caretaker", "Platypus"):
        assert not found(private), private


def test_part_two_items_and_their_papers_are_never_indexed(indexed_council):
    for phrase in ("neutral vendor", "Consultancy exempt appendix", "pricing schedule"):
        assert not found(phrase), phrase
    meeting_text = only("Cabinet Monday 3 July 2017 Kennet").text
    assert "neutral vendor" not in meeting_text.lower()


def test_drafts_restricted_and_expired_pages_are_not_indexed(indexed_council, home_page):
    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    from home.factories import StandardPageFactory

    draft = StandardPageFactory(parent=home_page, title="Draft wombat", live=False)
    private = StandardPageFactory(parent=home_page, title="Private wombat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    under_private = StandardPageFactory(parent=private, title="Inherited wombat")
    StandardPageFactory(
        parent=home_page,
        title="Expired wombat",
        expire_at=timezone.now() - datetime.timedelta(days=1),
    )
    StandardPageFactory(parent=home_page, title="Public wombat")
    rebuild_index()
    titles = {r.title for r in SearchQuerySet().auto_query("wombat")}
    assert titles == {"Public wombat"}
    assert draft.pk and under_private.pk


def test_unpublished_decisions_and_entries_are_not_indexed(indexed_council):
    from meetings.models import Decision

    draft = Decision.objects.create(
        title="Echidna decision",
        decision_maker="Cabinet",
        decision_date=datetime.date(2018, 1, 1),
        decision="<p>Draft.</p>",
        reasons="<p>None yet.</p>",
        live=False,
    )
    rebuild_index()
    assert not found("Echidna")
    assert draft.pk
