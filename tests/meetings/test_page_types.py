"""Where each meetings page type may live, that editors can create every one of them in the
admin (through the real admin form), and that every page and route renders."""

import datetime

from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.factories import make_site_with_home_page
from home.models import HomePage, StandardPage
from meetings.factories import (
    AgendaItemFactory,
    CommitteeMembershipFactory,
    CommitteePageFactory,
    CouncillorPageFactory,
    DecisionFactory,
    ForwardPlanEntryFactory,
    MeetingPageFactory,
    MinutesPageFactory,
    ParticipationRuleFactory,
    PlanPageFactory,
    VenueFactory,
    make_meetings_tree,
    minute,
)
from meetings.models import (
    AgendaItem,
    CommitteeIndexPage,
    CommitteePage,
    CouncillorIndexPage,
    CouncillorPage,
    DecisionIndexPage,
    ForwardPlanPage,
    MeetingPage,
    MinutesPage,
    PlanIndexPage,
    PlanPage,
)

SECTION_INDEXES = [CommitteeIndexPage, CouncillorIndexPage, DecisionIndexPage, PlanIndexPage]


class MeetingsTreeTestCase(WagtailPageTestCase):
    """A home page with every meetings section, one committee, meeting, minutes, councillor
    and plan; signed in as a superuser."""

    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_with_home_page()
        cls.tree = make_meetings_tree(cls.home)
        cls.venue = VenueFactory()
        cls.committee = CommitteePageFactory(
            parent=cls.tree.committees,
            title="Cabinet",
            is_executive=True,
            default_venue=cls.venue,
            participation_rule=ParticipationRuleFactory(),
        )
        cls.councillor = CouncillorPageFactory(
            parent=cls.tree.councillors, first_name="Laura", last_name="Mayes"
        )
        CommitteeMembershipFactory(committee=cls.committee, councillor=cls.councillor, role="chair")
        start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=40)
        cls.meeting = MeetingPageFactory(
            parent=cls.committee,
            title="Cabinet, upcoming",
            start=start,
            agenda_items=[AgendaItem(title="Apologies"), AgendaItem(title="Budget")],
        )
        cls.past_meeting = MeetingPageFactory(
            parent=cls.committee,
            title="Cabinet, June 2017",
            start=datetime.datetime(2017, 6, 20, 9, 30, tzinfo=datetime.UTC),
            end=None,
        )
        cls.minutes = MinutesPageFactory(
            parent=cls.past_meeting, minutes=[minute("Apologies"), minute("Budget")]
        )
        cls.plan = PlanPageFactory(parent=cls.tree.plans, title="Business Plan 2013-17")
        cls.decision = DecisionFactory(
            committee=cls.committee, meeting=cls.past_meeting, title="Adopt the plan"
        )
        cls.entry = ForwardPlanEntryFactory(committee=cls.committee, title="Adopt the plan")

    def setUp(self):
        self.login()


class TestAllowedPageTypes(MeetingsTreeTestCase):
    def test_section_indexes_live_only_under_the_home_page(self):
        for index in SECTION_INDEXES:
            self.assertAllowedParentPageTypes(index, {HomePage})

    def test_every_section_index_can_be_created_under_the_home_page(self):
        allowed = set(HomePage.allowed_subpage_models())
        for index in SECTION_INDEXES:
            self.assertIn(index, allowed)
            self.assertCanCreateAt(HomePage, index)

    def test_committee_index_holds_only_committees(self):
        self.assertAllowedSubpageTypes(CommitteeIndexPage, {CommitteePage})
        self.assertAllowedParentPageTypes(CommitteePage, {CommitteeIndexPage})

    def test_committee_holds_only_meetings(self):
        self.assertAllowedSubpageTypes(CommitteePage, {MeetingPage})
        self.assertAllowedParentPageTypes(MeetingPage, {CommitteePage})

    def test_meeting_holds_only_its_minutes(self):
        self.assertAllowedSubpageTypes(MeetingPage, {MinutesPage})
        self.assertAllowedParentPageTypes(MinutesPage, {MeetingPage})
        self.assertAllowedSubpageTypes(MinutesPage, set())

    def test_councillor_index_holds_only_councillors(self):
        self.assertAllowedSubpageTypes(CouncillorIndexPage, {CouncillorPage})
        self.assertAllowedParentPageTypes(CouncillorPage, {CouncillorIndexPage})
        self.assertAllowedSubpageTypes(CouncillorPage, set())

    def test_decisions_register_holds_only_the_forward_plan(self):
        self.assertAllowedSubpageTypes(DecisionIndexPage, {ForwardPlanPage})
        self.assertAllowedParentPageTypes(ForwardPlanPage, {DecisionIndexPage})
        self.assertAllowedSubpageTypes(ForwardPlanPage, set())

    def test_plan_index_holds_only_plans(self):
        self.assertAllowedSubpageTypes(PlanIndexPage, {PlanPage})
        self.assertAllowedParentPageTypes(PlanPage, {PlanIndexPage})
        self.assertAllowedSubpageTypes(PlanPage, set())

    def test_pages_cannot_be_created_in_the_wrong_place(self):
        self.assertCanNotCreateAt(HomePage, CommitteePage)
        self.assertCanNotCreateAt(HomePage, MeetingPage)
        self.assertCanNotCreateAt(CommitteeIndexPage, MeetingPage)
        self.assertCanNotCreateAt(CommitteePage, MinutesPage)
        self.assertCanNotCreateAt(CommitteePage, CommitteePage)
        self.assertCanNotCreateAt(StandardPage, CommitteeIndexPage)
        self.assertCanNotCreateAt(Page, MeetingPage)
        self.assertCanNotCreateAt(HomePage, ForwardPlanPage)
        self.assertCanNotCreateAt(HomePage, PlanPage)
        self.assertCanNotCreateAt(HomePage, CouncillorPage)

    def test_each_section_index_exists_once(self):
        for index in SECTION_INDEXES:
            self.assertFalse(index.can_create_at(self.home), index)

    def test_forward_plan_exists_once(self):
        self.assertFalse(ForwardPlanPage.can_create_at(self.tree.decisions))

    def test_a_meeting_has_at_most_one_minutes_page(self):
        self.assertFalse(MinutesPage.can_create_at(self.past_meeting))
        self.assertTrue(MinutesPage.can_create_at(self.meeting))


class TestEditorsCanCreateEveryPageType(MeetingsTreeTestCase):
    """assertCanCreate posts the real admin form and publishes the page."""

    def _replace_section(self, model):
        model.objects.all().delete()
        self.home.refresh_from_db()

    def test_committee_index_can_be_created(self):
        self._replace_section(CommitteeIndexPage)
        self.assertCanCreate(
            self.home,
            CommitteeIndexPage,
            nested_form_data(
                {"title": "Meetings", "slug": "meetings", "intro": rich_text("<p>Hi</p>")}
            ),
        )

    def test_committee_can_be_created_with_members(self):
        self.assertCanCreate(
            self.tree.committees,
            CommitteePage,
            nested_form_data(
                {
                    "title": "Children's Select Committee",
                    "purpose": rich_text("<p>Scrutinises children's services.</p>"),
                    "is_executive": "",
                    "memberships": inline_formset(
                        [
                            {
                                "councillor": str(self.councillor.pk),
                                "role": "chair",
                                "portfolio": "",
                            }
                        ]
                    ),
                    "contact_name": "Sharon Smith",
                    "contact_email": "sharon.smith@example.gov.uk",
                    "contact_phone": "01225 718378",
                    "default_venue": str(self.venue.pk),
                    "participation_rule": "",
                    "first_minute_number": "1",
                }
            ),
        )
        committee = CommitteePage.objects.get(slug="childrens-select-committee")
        self.assertEqual(
            [m.councillor_id for m in committee.memberships.all()], [self.councillor.pk]
        )

    def test_meeting_can_be_created_with_an_agenda(self):
        self.assertCanCreate(
            self.committee,
            MeetingPage,
            nested_form_data(
                {
                    "title": "Cabinet, 3 July 2030",
                    "start": "2030-07-03 10:00",
                    "end": "2030-07-03 12:00",
                    "venue": "",
                    "status": "scheduled",
                    "status_reason": "",
                    "recording_notice": "This meeting may be filmed.",
                    "agenda_items": inline_formset(
                        [
                            {
                                "title": "Apologies",
                                "part": "1",
                                "papers": streamfield([]),
                                "report": streamfield([]),
                            },
                            {
                                "title": "Draft Business Plan",
                                "description": rich_text("<p>To approve the plan.</p>"),
                                "report_by": "Corporate Director",
                                "pages": "19 - 40",
                                "part": "1",
                                "papers": streamfield([]),
                                "report": streamfield([]),
                            },
                        ]
                    ),
                }
            ),
        )
        meeting = MeetingPage.objects.get(slug="2030-07-03")
        self.assertEqual(meeting.get_parent().pk, self.committee.pk)
        self.assertEqual(
            list(meeting.agenda_items.values_list("number", "title")),
            [("1", "Apologies"), ("2", "Draft Business Plan")],
        )
        self.assertEqual(meeting.local_start.hour, 10)

    def test_minutes_can_be_created_under_a_meeting(self):
        data = nested_form_data(
            {
                "title": "Minutes",
                "slug": "minutes",
                "minutes_status": "draft",
                "started_at": "10:00",
                "ended_at": "11:30",
                "minutes": streamfield(
                    [
                        (
                            "minute",
                            {
                                "title": "Apologies",
                                "agenda_item_number": "1",
                                "discussion": rich_text("<p>None.</p>"),
                                "resolved": rich_text("<p>Noted.</p>"),
                                "reason_for_decision": rich_text(""),
                            },
                        )
                    ]
                ),
            }
        )
        data["present"] = [str(self.councillor.pk)]  # a multiple choice: a list, not nested
        self.assertCanCreate(self.meeting, MinutesPage, data)
        minutes = MinutesPage.objects.child_of(self.meeting).get()
        self.assertEqual(minutes.duration, "1 hour 30 minutes")
        self.assertEqual(list(minutes.present.all()), [self.councillor])

    def test_councillor_index_can_be_created(self):
        self._replace_section(CouncillorIndexPage)
        self.assertCanCreate(
            self.home,
            CouncillorIndexPage,
            nested_form_data({"title": "Councillors", "intro": rich_text("<p>Find yours.</p>")}),
        )

    def test_councillor_can_be_created(self):
        self.assertCanCreate(
            self.tree.councillors,
            CouncillorPage,
            nested_form_data(
                {
                    "title": "Cllr Jane Scott",
                    "first_name": "Jane",
                    "last_name": "Scott",
                    "honorifics": "OBE",
                    "ward": "Box and Colerne",
                    "party": "Conservative",
                    "email": "jane.scott@example.gov.uk",
                    "biography": rich_text("<p>Leader of the Council.</p>"),
                }
            ),
        )

    def test_decisions_register_can_be_created(self):
        self._replace_section(DecisionIndexPage)
        self.assertCanCreate(
            self.home,
            DecisionIndexPage,
            nested_form_data({"title": "Decisions", "intro": rich_text("")}),
        )

    def test_forward_plan_can_be_created(self):
        ForwardPlanPage.objects.all().delete()
        self.assertCanCreate(
            self.tree.decisions,
            ForwardPlanPage,
            nested_form_data({"title": "Forward plan", "intro": rich_text("<p>Key.</p>")}),
        )

    def test_plan_index_can_be_created(self):
        self._replace_section(PlanIndexPage)
        self.assertCanCreate(
            self.home, PlanIndexPage, nested_form_data({"title": "Plans and strategies"})
        )

    def test_plan_can_be_created_with_sections(self):
        self.assertCanCreate(
            self.tree.plans,
            PlanPage,
            nested_form_data(
                {
                    "title": "Business Plan 2017-27",
                    "plan_type": "business_plan",
                    "period_start": "2017",
                    "period_end": "2027",
                    "plan_status": "adopted",
                    "approved_at": "",
                    "approved_on": "2017-07-03",
                    "summary": "Our plan for the next ten years.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Our vision", "level": "h2"}),
                            ("paragraph", rich_text("<p>Strong communities.</p>")),
                        ]
                    ),
                }
            ),
        )
        plan = PlanPage.objects.get(slug="business-plan-2017-27")
        self.assertEqual(plan.period, "2017-27")
        self.assertEqual(plan.table_of_contents(), [("our-vision", "Our vision")])


class TestEveryPageTypeRenders(MeetingsTreeTestCase):
    """Every page type, and every route of the routable pages, renders for the public."""

    def setUp(self):
        pass  # anonymous: what residents see

    def test_committee_index_renders(self):
        self.assertPageIsRenderable(self.tree.committees)

    def test_committee_index_month_calendar_renders(self):
        self.assertPageIsRenderable(self.tree.committees, route_path="/calendar/2017/6/")

    def test_committee_renders(self):
        self.assertPageIsRenderable(self.committee)

    def test_meeting_renders(self):
        self.assertPageIsRenderable(self.meeting)

    def test_past_meeting_with_minutes_renders(self):
        self.assertPageIsRenderable(self.past_meeting)

    def test_agenda_item_report_route_renders(self):
        AgendaItemFactory(
            meeting=self.meeting,
            number="3",
            title="Draft Business Plan",
            report=[
                (
                    "report",
                    {
                        "subject": "Draft Business Plan",
                        "executive_summary": "<p>Summary.</p>",
                        "proposals": "<p>Approve.</p>",
                        "reasons_for_proposals": "<p>Because.</p>",
                        "body": [],
                    },
                )
            ],
        )
        self.assertPageIsRenderable(self.meeting, route_path="/items/3/report/")

    def test_minutes_render(self):
        self.assertPageIsRenderable(self.minutes)

    def test_councillor_index_renders(self):
        self.assertPageIsRenderable(self.tree.councillors)

    def test_councillor_renders(self):
        self.assertPageIsRenderable(self.councillor)

    def test_decisions_register_renders(self):
        self.assertPageIsRenderable(self.tree.decisions)

    def test_decision_detail_route_renders(self):
        self.assertPageIsRenderable(self.tree.decisions, route_path=f"/{self.decision.pk}/")

    def test_forward_plan_renders(self):
        self.assertPageIsRenderable(self.tree.forward_plan)

    def test_forward_plan_entry_route_renders(self):
        self.assertPageIsRenderable(self.tree.forward_plan, route_path=f"/{self.entry.pk}/")

    def test_forward_plan_past_year_route_renders(self):
        self.assertPageIsRenderable(self.tree.forward_plan, route_path="/past/2017/")

    def test_plan_index_renders(self):
        self.assertPageIsRenderable(self.tree.plans)

    def test_plan_renders(self):
        self.assertPageIsRenderable(self.plan)

    def test_unknown_routes_are_not_found(self):
        self.assertPageIsRenderable(self.tree.decisions, route_path="/999999/", accept_404=True)
        response = self.client.get(self.tree.decisions.url + "999999/")
        self.assertEqual(response.status_code, 404)
        response = self.client.get(self.tree.committees.url + "calendar/2017/13/")
        self.assertEqual(response.status_code, 404)
