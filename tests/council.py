"""A small but complete council for page and browser tests: sections, a committee,
councillors, a meeting with Part I and Part II items, papers, a report, minutes, decisions
and plans. Built directly from the models so it reads as a worked example of the tree."""

import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

LONDON = ZoneInfo("Europe/London")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add(parent, page):
    parent.add_child(instance=page)
    return publish(page)


def build_council(home_page):
    """Build the mini council under `home_page` and return a dict of its parts."""
    from meetings.models import (
        CommitteeIndexPage,
        CommitteeMembership,
        CommitteePage,
        CouncillorIndexPage,
        CouncillorPage,
        Decision,
        DecisionIndexPage,
        ForwardPlanEntry,
        ForwardPlanPage,
        MeetingPage,
        MinutesPage,
        ParticipationRule,
        PlanIndexPage,
        PlanPage,
        Venue,
    )

    venue = Venue.objects.create(
        name="Kennet Room, County Hall",
        address="Bythesea Road\nTrowbridge",
        postcode="BA14 8JN",
        access_notes="Step-free access from the main entrance.",
    )
    rule = ParticipationRule.objects.create(name="Cabinet procedure rules")
    meetings_index = add(
        home_page, CommitteeIndexPage(title="Meetings", slug="meetings", show_in_menus=True)
    )
    councillors_index = add(
        home_page, CouncillorIndexPage(title="Councillors", slug="councillors", show_in_menus=True)
    )
    leader = add(
        councillors_index,
        CouncillorPage(
            title="Jane Scott",
            slug="jane-scott",
            first_name="Jane",
            last_name="Scott",
            honorifics="OBE",
            ward="Bybrook",
            party="Conservative",
        ),
    )
    member = add(
        councillors_index,
        CouncillorPage(
            title="Laura Mayes",
            slug="laura-mayes",
            first_name="Laura",
            last_name="Mayes",
            ward="Roundway",
        ),
    )
    cabinet = CommitteePage(
        title="Cabinet",
        slug="cabinet",
        purpose="<p>Takes executive decisions.</p>",
        is_executive=True,
        default_venue=venue,
        participation_rule=rule,
        first_minute_number=69,
        contact_name="Yamina Rhouati",
        contact_email="committee@example.gov.uk",
    )
    cabinet.memberships = [
        CommitteeMembership(councillor=leader, role="leader"),
        CommitteeMembership(
            councillor=member,
            role="portfolio_holder",
            portfolio="Cabinet Member for Children, Education and Skills",
        ),
    ]
    cabinet = add(meetings_index, cabinet)
    decisions_index = add(
        home_page,
        DecisionIndexPage(title="Decisions and forward plan", slug="decisions", show_in_menus=True),
    )
    forward_plan = add(decisions_index, ForwardPlanPage(title="Forward plan", slug="forward-plan"))
    entry = ForwardPlanEntry(
        title="Adopt the Digital Strategy",
        summary="Whether to adopt the strategy.",
        decision_maker="Cabinet",
        committee=cabinet,
        decision_date=datetime.date(2017, 7, 3),
        lead_officer="Dr Carlton Brand",
        documents="Report of the Corporate Director",
        first_published_on=datetime.date(2017, 5, 1),
    )
    entry.save()
    entry.save_revision().publish()

    public_paper = Document.objects.create(
        title="Digital Strategy 2017-21", file=ContentFile(b"%PDF-1.4 public", name="digital.pdf")
    )
    secret_paper = Document.objects.create(
        title="Neutral vendor pricing schedule",
        file=ContentFile(b"%PDF-1.4 secret", name="pricing.pdf"),
    )
    from meetings.exempt import exempt_collection

    secret_paper.collection = exempt_collection()
    secret_paper.save()

    meeting = MeetingPage(
        title="Cabinet, 3 July 2017",
        slug="2017-07-03",
        start=datetime.datetime(2017, 7, 3, 9, 30, tzinfo=LONDON),
        end=datetime.datetime(2017, 7, 3, 12, 30, tzinfo=LONDON),
        agenda_is_published=True,
    )
    from meetings.models import AgendaItem

    report = [
        (
            "report",
            {
                "subject": "Digital Strategy",
                "cabinet_member": "Cllr Richard Clewer",
                "key_decision": True,
                "report_author": "Dr Carlton Brand, Corporate Director",
                "executive_summary": "<p>The strategy sets out how services go digital.</p>",
                "proposals": "<p>That Cabinet adopts the strategy.</p>",
                "reasons_for_proposals": "<p>To modernise services.</p>",
                "body": [("paragraph", {"number": "1", "text": "<p>Purpose of report.</p>"})],
                "background_papers": "<p>None</p>",
            },
        )
    ]
    meeting.agenda_items = [
        AgendaItem(title="Apologies"),
        AgendaItem(
            title="Digital Strategy",
            is_key_decision=True,
            forward_plan_entry=entry,
            report_by="Corporate Director, Dr Carlton Brand",
            pages="107 - 138",
            papers=[("paper", {"kind": "report", "document": public_paper, "title": ""})],
            report=report,
        ),
        AgendaItem(
            title="Consultancy - neutral vendor exempt appendix",
            part="2",
            exempt_paragraph=3,
            papers=[("paper", {"kind": "appendix", "document": secret_paper, "title": ""})],
        ),
    ]
    meeting = add(cabinet, meeting)
    item = meeting.agenda_items.get(title="Digital Strategy")
    decision = Decision(
        title="Digital Strategy adopted",
        maker_type="executive",
        decision_maker="Cabinet",
        committee=cabinet,
        meeting=meeting,
        agenda_item=item,
        decision_date=datetime.date(2017, 7, 3),
        decision="<p>Adopted.</p>",
        reasons="<p>To modernise services.</p>",
        is_key_decision=True,
        forward_plan_entry=entry,
        published_on=datetime.date(2017, 7, 5),
    )
    decision.save()
    decision.save_revision().publish()
    minutes = add(
        meeting,
        MinutesPage(
            title="Minutes",
            slug="minutes",
            minutes_status="confirmed",
            minutes=[
                ("minute", {"title": "Apologies", "resolved": "<p>None.</p>"}),
                (
                    "minute",
                    {
                        "title": "Pricing",
                        "exempt": True,
                        "discussion": "<p>Secret talk</p>",
                        "resolved": "<p>Approved.</p>",
                    },
                ),
            ],
        ),
    )
    plans_index = add(
        home_page, PlanIndexPage(title="Plans and strategies", slug="plans", show_in_menus=True)
    )
    plan = add(
        plans_index,
        PlanPage(
            title="Business Plan 2013-17",
            slug="business-plan-2013-17",
            period_start=2013,
            period_end=2017,
            summary="Our priorities for four years.",
            body=[
                ("heading", {"text": "Our vision", "level": "h2"}),
                ("vision", {"statement": "Stronger, more resilient communities."}),
                ("key_actions", {"heading": "Key actions", "actions": ["Protect the vulnerable"]}),
                (
                    "outcome",
                    {
                        "title": "Outcome 1",
                        "why_important": "<p>Jobs matter.</p>",
                        "actions": "<p>Help businesses.</p>",
                    },
                ),
                ("heading", {"text": "Measuring success", "level": "h2"}),
                ("measures", [{"measure": "Jobs", "baseline": "100", "target": "120"}]),
                ("footnotes", ["<p>Source: census.</p>"]),
            ],
        ),
    )
    return {
        "meetings_index": meetings_index,
        "cabinet": cabinet,
        "meeting": meeting,
        "minutes": minutes,
        "decision": decision,
        "entry": entry,
        "leader": leader,
        "councillors_index": councillors_index,
        "decisions_index": decisions_index,
        "forward_plan": forward_plan,
        "plans_index": plans_index,
        "plan": plan,
        "public_paper": public_paper,
        "secret_paper": secret_paper,
        "item": item,
    }
