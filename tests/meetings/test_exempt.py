"""Part II (exempt) agenda items: their papers are moved into the restricted collection as
soon as the meeting is saved, are never served to the public, and never appear in public
HTML; the item itself shows only its title and the paragraph of Schedule 12A."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import Collection
from wagtail.test.utils.form_data import streamfield

from meetings.exempt import (
    EXEMPT_COLLECTION_NAME,
    EXEMPT_PARAGRAPH_CHOICES,
    EXEMPT_PARAGRAPHS,
    PART_I,
    PART_II,
    exempt_collection,
    exempt_notice,
    is_exempt_document,
    private_status,
)
from meetings.factories import (
    AgendaItemFactory,
    CommitteePageFactory,
    DecisionFactory,
    MeetingPageFactory,
    make_document,
    make_meetings_tree,
    paper,
)
from meetings.models import AgendaItem, MeetingPage
from tests.meetings.test_admin import edit_url, form_errors, item_data, meeting_form_data

pytestmark = pytest.mark.django_db

REPORT = (
    "report",
    {
        "subject": "Sale of the depot site",
        "executive_summary": "<p>Confidential valuation of the depot.</p>",
        "proposals": "<p>Sell the depot to the preferred bidder.</p>",
        "reasons_for_proposals": "<p>Best consideration.</p>",
        "body": [],
    },
)


@pytest.fixture
def committee(home_page):
    tree = make_meetings_tree(home_page)
    return CommitteePageFactory(parent=tree.committees, title="Cabinet", is_executive=True)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="democracy", password="not-used")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def meeting(committee):
    return MeetingPageFactory(
        parent=committee,
        title="Cabinet, 3 July 2030",
        agenda_items=[AgendaItem(title="Apologies")],
    )


def paper_block(document):
    return ("paper", {"kind": "report", "document": str(document.pk), "title": ""})


# --- the rules -------------------------------------------------------------------------


def test_schedule_12a_has_seven_paragraphs_to_choose_from():
    assert sorted(EXEMPT_PARAGRAPHS) == [1, 2, 3, 4, 5, 6, 7]
    assert [number for number, _ in EXEMPT_PARAGRAPH_CHOICES] == [1, 2, 3, 4, 5, 6, 7]


def test_exempt_notice_names_the_paragraph_and_the_act():
    assert exempt_notice(3) == (
        "Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
    )


def test_exempt_collection_is_created_once_under_the_root():
    first = exempt_collection()
    assert first.name == EXEMPT_COLLECTION_NAME
    assert first.get_parent() == Collection.get_first_root_node()
    assert exempt_collection().pk == first.pk


def test_documents_in_the_exempt_collection_or_below_it_are_exempt():
    child = exempt_collection().add_child(name="Depot sale")
    assert is_exempt_document(make_document(collection=exempt_collection()))
    assert is_exempt_document(make_document(collection=child))
    assert not is_exempt_document(make_document())


def test_part_two_item_must_name_its_paragraph(meeting):
    item = AgendaItemFactory.build(meeting=meeting, part=PART_II, exempt_paragraph=None)
    with pytest.raises(ValidationError, match="paragraph of Schedule 12A"):
        item.clean()
    item.exempt_paragraph = 3
    item.clean()


def test_part_one_item_may_not_name_a_paragraph(meeting):
    item = AgendaItemFactory.build(meeting=meeting, part=PART_I, exempt_paragraph=3)
    with pytest.raises(ValidationError, match="Only Part II items have an exempt paragraph"):
        item.clean()


# --- the admin moves Part II papers into the restricted collection ----------------------


def test_saving_a_draft_moves_a_part_two_paper_into_the_exempt_collection(client, editor, meeting):
    document = make_document("Depot valuation", "depot-valuation.pdf")
    assert not is_exempt_document(document)
    client.force_login(editor)
    existing = meeting.agenda_items.get()
    response = client.post(
        edit_url(meeting),
        meeting_form_data(
            meeting,
            items=[
                item_data(existing),
                item_data(
                    title="Sale of the depot site",
                    part=PART_II,
                    exempt_paragraph="3",
                    papers=streamfield([paper_block(document)]),
                ),
            ],
        ),
    )
    assert response.status_code == 302, form_errors(response)
    document.refresh_from_db()
    assert is_exempt_document(document)
    assert document.collection.name == EXEMPT_COLLECTION_NAME
    meeting.refresh_from_db()
    assert meeting.has_unpublished_changes, "only a draft was saved"


def test_publishing_moves_a_part_two_paper_into_the_exempt_collection(client, editor, meeting):
    document = make_document("Depot valuation")
    client.force_login(editor)
    response = client.post(
        edit_url(meeting),
        meeting_form_data(
            meeting,
            publish=True,
            items=[
                item_data(
                    title="Sale of the depot site",
                    part=PART_II,
                    exempt_paragraph="3",
                    papers=streamfield([paper_block(document)]),
                )
            ],
        ),
    )
    assert response.status_code == 302, form_errors(response)
    document.refresh_from_db()
    assert is_exempt_document(document)


def test_a_part_two_item_without_a_paragraph_is_refused_in_the_admin(client, editor, meeting):
    client.force_login(editor)
    response = client.post(
        edit_url(meeting),
        meeting_form_data(meeting, items=[item_data(title="Depot", part=PART_II)]),
    )
    assert response.status_code == 200
    assert "Choose the paragraph of Schedule 12A" in form_errors(response)


def test_a_part_one_item_cannot_publish_an_exempt_paper(client, editor, meeting):
    document = make_document("Depot valuation", collection=exempt_collection())
    client.force_login(editor)
    response = client.post(
        edit_url(meeting),
        meeting_form_data(
            meeting,
            publish=True,
            items=[
                item_data(
                    title="Depot sale (open session)",
                    part=PART_I,
                    papers=streamfield([paper_block(document)]),
                )
            ],
        ),
    )
    assert response.status_code == 200
    assert "'Depot valuation' is held as an exempt (Part II) paper" in form_errors(response)
    assert not AgendaItem.objects.filter(title="Depot sale (open session)").exists()
    document.refresh_from_db()
    assert is_exempt_document(document)


def test_a_part_one_item_cannot_keep_an_exempt_paper_in_a_draft_either(client, editor, meeting):
    document = make_document("Depot valuation", collection=exempt_collection())
    client.force_login(editor)
    response = client.post(
        edit_url(meeting),
        meeting_form_data(
            meeting,
            items=[
                item_data(
                    title="Depot sale", part=PART_I, papers=streamfield([paper_block(document)])
                )
            ],
        ),
    )
    assert response.status_code == 200
    assert "is held as an exempt (Part II) paper" in form_errors(response)


def test_one_paper_cannot_be_on_both_a_part_one_and_a_part_two_item(client, editor, meeting):
    """Saving would move it into the exempt collection while the Part I item still lists
    its title and address on the public page."""
    document = make_document("Depot valuation")
    client.force_login(editor)
    response = client.post(
        edit_url(meeting),
        meeting_form_data(
            meeting,
            publish=True,
            items=[
                item_data(
                    title="Depot (open session)",
                    part=PART_I,
                    papers=streamfield([paper_block(document)]),
                ),
                item_data(
                    title="Depot (private session)",
                    part=PART_II,
                    exempt_paragraph="3",
                    papers=streamfield([paper_block(document)]),
                ),
            ],
        ),
    )
    assert response.status_code == 200
    assert "'Depot valuation' is also a paper of a Part II item" in form_errors(response)
    document.refresh_from_db()
    assert not is_exempt_document(document)


# --- the document server -----------------------------------------------------------------


def test_the_public_gets_404_for_an_exempt_paper(client):
    document = make_document("Depot valuation", collection=exempt_collection())
    assert client.get(document.url).status_code == 404


def test_a_signed_in_resident_without_document_rights_gets_404_too(client, django_user_model):
    document = make_document("Depot valuation", collection=exempt_collection())
    client.force_login(django_user_model.objects.create_user(username="resident"))
    assert client.get(document.url).status_code == 404


def test_a_signed_in_editor_can_download_an_exempt_paper(client, editor):
    document = make_document("Depot valuation", collection=exempt_collection())
    client.force_login(editor)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_public_can_download_part_one_papers(client):
    document = make_document("Draft Business Plan")
    response = client.get(document.url)
    assert response.status_code == 200


def test_a_paper_saved_on_a_part_two_item_is_404_to_the_public(client, editor, meeting):
    document = make_document("Depot valuation")
    assert client.get(document.url).status_code == 200
    client.force_login(editor)
    client.post(
        edit_url(meeting),
        meeting_form_data(
            meeting,
            items=[
                item_data(
                    title="Sale of the depot site",
                    part=PART_II,
                    exempt_paragraph="3",
                    papers=streamfield([paper_block(document)]),
                )
            ],
        ),
    )
    client.logout()
    document.refresh_from_db()
    assert client.get(document.url).status_code == 404


# --- the public meeting page ------------------------------------------------------------


@pytest.fixture
def meeting_with_part_two(committee):
    """A published meeting with a Part I item and a Part II item, each with a paper."""
    open_paper = make_document("Draft Business Plan report", "business-plan.pdf")
    exempt_paper = make_document(
        "Depot valuation by Savills", "depot-valuation.pdf", collection=exempt_collection()
    )
    meeting = MeetingPageFactory(
        parent=committee,
        title="Cabinet, 3 July 2030",
        start=datetime.datetime(2030, 7, 3, 9, 0, tzinfo=datetime.UTC),
        agenda_is_published=True,
        agenda_items=[
            AgendaItem(title="Draft Business Plan", papers=[paper(open_paper)]),
            AgendaItem(
                title="Sale of the depot site",
                description="<p>Offers received from Acme Haulage Ltd.</p>",
                report_by="Head of Estates",
                part=PART_II,
                exempt_paragraph=3,
                papers=[paper(exempt_paper, title="Appendix A - Valuation")],
                report=[REPORT],
            ),
        ],
    )
    meeting.save_revision().publish()
    return MeetingPage.objects.get(pk=meeting.pk), open_paper, exempt_paper


def test_meeting_context_gives_part_two_items_no_papers(rf, meeting_with_part_two):
    meeting, open_paper, _ = meeting_with_part_two
    context = meeting.get_context(rf.get(meeting.url))
    part_one, part_two = context["part_one_items"], context["part_two_items"]
    assert [i.title for i in part_two] == ["Sale of the depot site"]
    assert part_two[0].paper_links == []
    assert part_two[0].exempt_notice.startswith("Exempt under paragraph 3 ")
    assert [link["document"] for link in part_one[0].paper_links] == [open_paper]


def test_part_two_item_shows_only_its_title_and_paragraph_on_the_meeting_page(
    client, meeting_with_part_two
):
    meeting, open_paper, exempt_paper = meeting_with_part_two
    response = client.get(meeting.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sale of the depot site" in html
    assert "Exempt under paragraph 3" in html
    assert open_paper.url in html, "Part I papers are published"
    assert exempt_paper.url not in html
    assert f"/documents/{exempt_paper.pk}/" not in html
    assert "Depot valuation by Savills" not in html
    assert "Appendix A - Valuation" not in html
    assert "depot-valuation.pdf" not in html
    assert "Confidential valuation of the depot" not in html
    assert "Acme Haulage" not in html, "a Part II item shows only its title and paragraph"


def test_part_two_report_route_is_404(client, meeting_with_part_two):
    meeting, _, _ = meeting_with_part_two
    number = meeting.agenda_items.get(part=PART_II).number
    response = client.get(f"{meeting.url}items/{number}/report/")
    assert response.status_code == 404
    assert "Confidential valuation of the depot" not in response.content.decode()


def test_report_route_is_404_for_an_item_without_a_report_or_an_unknown_item(
    client, meeting_with_part_two
):
    meeting, _, _ = meeting_with_part_two
    assert client.get(f"{meeting.url}items/1/report/").status_code == 404
    assert client.get(f"{meeting.url}items/99/report/").status_code == 404


def test_decision_on_a_part_two_item_does_not_reveal_its_papers(client, meeting_with_part_two):
    meeting, _, exempt_paper = meeting_with_part_two
    item = meeting.agenda_items.get(part=PART_II)
    DecisionFactory(
        title="Sell the depot site", meeting=meeting, agenda_item=item, maker_type="executive"
    )
    html = client.get(meeting.url).content.decode()
    assert exempt_paper.url not in html
    assert "Depot valuation by Savills" not in html


# --- whether a key decision is taken in private (reg 5) ---------------------------------


def test_a_part_ii_appendix_on_the_agenda_makes_the_decision_private_whatever_was_declared():
    status = private_status([(PART_I, None), (PART_II, 3)], declared_private=False)
    assert (status.private, status.paragraphs, status.from_agenda) == (True, (3,), True)
    assert status.short == "Yes, paragraph 3"
    assert status.full == (
        "Yes, under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
    )
    assert status.reasons == [EXEMPT_PARAGRAPHS[3]]


def test_an_agenda_with_only_part_i_items_overrides_a_declared_private_decision():
    status = private_status([(PART_I, None)], declared_private=True, declared_paragraph=3)
    assert (status.private, status.short, status.from_agenda) == (False, "No", True)


def test_without_a_published_agenda_the_entrys_declaration_stands():
    assert private_status([], declared_private=True, declared_paragraph=5).short == (
        "Yes, paragraph 5"
    )
    assert private_status([]).full == "No"


def test_several_exempt_paragraphs_are_listed_once_in_order():
    status = private_status([(PART_II, 5), (PART_II, 3), (PART_II, 3)])
    assert status.full.startswith("Yes, under paragraphs 3 and 5 of Part 1")
