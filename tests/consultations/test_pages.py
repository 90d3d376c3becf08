"""Consultation pages: where they may be created, their status from the dates, what they
show, and the demo content."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.test.utils import WagtailPageTestCase

from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    london,
    make_meeting,
    make_rule,
)
from consultations.models import ConsultationIndexPage, ConsultationPage, Submission
from home.factories import make_site_with_home_page
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return ConsultationIndexPageFactory(parent=home_page, show_in_menus=True)


def consultation(index, opens, closes, **fields):
    return ConsultationPageFactory(parent=index, opens_on=opens, closes_at=closes, **fields)


def test_status_follows_the_dates_in_uk_time(index):
    page = consultation(index, datetime.date(2026, 7, 1), london(2026, 8, 31, 23, 59))
    assert page.status(london(2026, 6, 30, 23, 59, 59)) == "upcoming"
    assert page.status(london(2026, 7, 1, 0, 0)) == "open"
    assert page.status(london(2026, 8, 31, 23, 58, 59)) == "open"
    assert page.status(london(2026, 8, 31, 23, 59)) == "closed"
    page.we_did = "<p>We changed the plan.</p>"
    assert page.status(london(2026, 9, 1)) == "outcome"


def test_a_consultation_must_close_after_it_opens_and_say_how_to_respond(index):
    page = ConsultationPage(
        title="Bad",
        summary="x",
        opens_on=datetime.date(2026, 7, 1),
        closes_at=london(2026, 6, 30),
        response_url="",
    )
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert "closes_at" in raised.value.message_dict
    assert "response_url" in raised.value.message_dict


def test_the_index_lists_open_upcoming_and_closed_consultations(client, index):
    with time_machine.travel(london(2026, 7, 15, 12), tick=False):
        consultation(index, datetime.date(2026, 7, 1), london(2026, 8, 1), title="Open one")
        consultation(index, datetime.date(2026, 9, 1), london(2026, 10, 1), title="Future one")
        consultation(
            index,
            datetime.date(2026, 5, 1),
            london(2026, 6, 1),
            title="Closed one",
            we_asked="<p>Asked</p>",
            you_said="<p>Said</p>",
            we_did="<p>Did</p>",
            outcome_published_on=datetime.date(2026, 6, 20),
        )
        html = client.get(index.url).content.decode()
    open_section, rest = html.split("Ask a question or make a statement at a meeting")
    assert "Open one" in open_section and "Future one" not in open_section
    assert "Coming soon" in rest and "Future one" in rest
    assert "Closed consultations" in rest and "Closed one" in rest
    assert "Outcome published" in rest


def test_the_index_lists_meetings_taking_questions(client, index, home_page, rule):
    meeting = make_meeting(home_page, london(2026, 11, 2, 10), rule=rule)
    with time_machine.travel(london(2026, 10, 20, 9), tick=False):
        html = client.get(index.url).content.decode()
    assert meeting.title in html
    assert "Questions and statements close at 12pm on Tuesday 27 October 2026." in html
    with time_machine.travel(london(2026, 10, 28, 9), tick=False):
        assert meeting.title not in client.get(index.url).content.decode()


def test_the_index_gives_the_earlier_question_deadline_as_well_as_the_statement_one(
    client, index, home_page
):
    """A planning or scrutiny committee closes questions days before statements; the list
    must give both, and say which has closed while statements are still taken."""
    rule = make_rule(
        deadline_label="Questions for a written answer",
        clear_working_days=5,
        second_deadline_label="Statements to be read at the meeting",
        second_clear_working_days=1,
        second_deadline_time=datetime.time(17, 0),
    )
    meeting = make_meeting(
        home_page, london(2026, 11, 2, 18), rule=rule, committee_title="Planning Committee"
    )
    with time_machine.travel(london(2026, 10, 20, 9), tick=False):
        html = client.get(index.url).content.decode()
    assert meeting.title in html
    assert (
        "Questions for a written answer close at 12pm on Friday 23 October 2026. "
        "Statements to be read at the meeting close at 5pm on Thursday 29 October 2026."
    ) in html
    with time_machine.travel(london(2026, 10, 27, 9), tick=False):
        html = client.get(index.url).content.decode()
    assert "Questions for a written answer closed at 12pm on Friday 23 October 2026." in html
    assert "Statements to be read at the meeting close at 5pm" in html


def test_an_open_consultation_shows_how_to_respond(client, index):
    with time_machine.travel(london(2026, 7, 15, 12), tick=False):
        page = consultation(
            index,
            datetime.date(2026, 7, 1),
            london(2026, 8, 1, 23, 59),
            response_email="plans@example.gov.uk",
            response_postal_address="County Hall\nTrowbridge",
        )
        html = client.get(page.url).content.decode()
    assert "How to respond" in html
    assert 'href="https://example.com/survey"' in html
    assert "plans@example.gov.uk" in html
    assert "11:59pm on Saturday 1 August 2026" in html
    assert html.count("<h1") == 1


def test_a_closed_consultation_shows_we_asked_you_said_we_did(client, index):
    page = consultation(
        index,
        datetime.date(2026, 5, 1),
        london(2026, 6, 1),
        we_asked="<p>Where homes should go.</p>",
        you_said="<p>Not on the green gap.</p>",
        we_did="<p>We removed the site.</p>",
        outcome_published_on=datetime.date(2026, 6, 20),
    )
    with time_machine.travel(london(2026, 7, 15, 12), tick=False):
        html = client.get(page.url).content.decode()
    assert "How to respond" not in html
    for text in ("We asked", "You said", "We did", "We removed the site."):
        assert text in html


class TestConsultationPageTypes(WagtailPageTestCase):
    """Where consultation pages may be created."""

    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_with_home_page()

    def test_the_index_lives_under_home_once(self):
        self.assertAllowedParentPageTypes(ConsultationIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, ConsultationIndexPage)
        ConsultationIndexPageFactory(parent=self.home)
        self.assertFalse(ConsultationIndexPage.can_create_at(self.home))

    def test_consultations_live_only_in_the_index(self):
        self.assertAllowedParentPageTypes(ConsultationPage, {ConsultationIndexPage})
        self.assertAllowedSubpageTypes(ConsultationPage, set())

    def test_pages_are_renderable(self):
        index = ConsultationIndexPageFactory(parent=self.home)
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(ConsultationPageFactory(parent=index))


def test_the_demo_is_idempotent_and_fills_the_section(client):
    call_command("load_demo", verbosity=0)
    counts = (ConsultationPage.objects.count(), Submission.objects.count())
    call_command("load_demo", verbosity=0)
    assert (ConsultationPage.objects.count(), Submission.objects.count()) == counts
    index = ConsultationIndexPage.objects.get()
    assert index.title == "Consultations and have your say"
    assert index.show_in_menus
    statuses = {page.status() for page in ConsultationPage.objects.all()}
    assert {"open", "outcome"} <= statuses
    published = Submission.objects.filter(status="published")
    assert published.count() >= 2
    assert not published.exclude(email="").exists()
    html = client.get("/").content.decode()
    assert "Consultations and have your say" in html


def test_the_demo_privacy_notice_matches_what_is_collected_and_published(client):
    from home.models import StandardPage

    call_command("load_demo", verbosity=0)
    page = StandardPage.objects.get(slug="privacy-notice")
    html = client.get(page.url).content.decode()
    for phrase in (
        "We never publish your email address, phone number, postcode, address or organisation",
        "scrambled (keyed hash) version of your internet address",
        "12 months after the meeting",
        "If you create one, we keep your email address",
    ):
        assert phrase in html


def test_the_demo_keeps_an_editors_privacy_notice(django_user_model):
    from home import demo as home_demo
    from home.models import StandardPage

    home = home_demo.load()
    page = StandardPage.objects.get(slug="privacy-notice")
    page.summary = "Edited by an editor"
    page.save_revision(user=django_user_model.objects.create_user("ed")).publish()
    from consultations import demo

    demo.load(home)
    page.refresh_from_db()
    assert "scrambled" not in str(page.body.raw_data)


def test_home_page_allows_the_consultations_section():
    assert "consultations.ConsultationIndexPage" in HomePage.subpage_types
    make_site_with_home_page()
