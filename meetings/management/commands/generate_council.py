"""Generate a large synthetic council: many committees and years of meetings.

Used by the click-depth check (every page within three clicks, even after ten years) and
by the benchmarks. Pages are created live without revision history, which is how an
import of a council's archive would arrive, and keeps generation fast.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model

from home.models import HomePage
from meetings.deadlines import LONDON
from meetings.models import (
    AgendaItem,
    CommitteeIndexPage,
    CommitteeMembership,
    CommitteePage,
    CouncillorIndexPage,
    CouncillorPage,
    Decision,
    DecisionIndexPage,
    ForwardPlanPage,
    MeetingPage,
    MinutesPage,
    PlanIndexPage,
    PlanPage,
)

SUBJECTS = [
    "Highways maintenance programme",
    "Library opening hours",
    "Waste collection contract",
    "Adult social care fees",
    "School admissions policy",
    "Housing allocations scheme",
    "Budget monitoring",
    "Capital programme",
    "Treasury management",
    "Leisure centre review",
    "Local plan review",
    "Climate emergency action plan",
    "Children's services improvement",
    "Council tax support scheme",
    "Car parking charges",
    "Digital strategy",
]
TOPICS = [
    "Adults",
    "Children",
    "Environment",
    "Economy",
    "Finance",
    "Housing",
    "Planning",
    "Licensing",
    "Audit",
    "Pensions",
    "Health",
    "Transport",
    "Standards",
    "Communities",
    "Resources",
    "Scrutiny",
    "Heritage",
    "Waste",
    "Schools",
    "Highways",
    "Leisure",
    "Employment",
    "Procurement",
    "Safeguarding",
    "Climate",
]
FIRST_NAMES = ["Alex", "Sam", "Jo", "Chris", "Pat", "Kim", "Lee", "Ash", "Robin", "Jamie"]
LAST_NAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Wilson",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Hughes",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Baker",
]


def live(page):
    """Mark a new page as published without a revision (an imported archive)."""
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    return page


def ensure_section(home, model, title, slug):
    """Find or create a section page under home."""
    existing = model.objects.child_of(home).first()
    if existing:
        return existing
    page = live(model(title=title, slug=slug, show_in_menus=True))
    home.add_child(instance=page)
    return page


class Command(BaseCommand):
    help = "Generate committees, councillors and years of meetings with papers and minutes."

    def add_arguments(self, parser):
        parser.add_argument("--committees", type=int, default=25)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--meetings-per-year", type=int, default=6)
        parser.add_argument("--items-per-meeting", type=int, default=6)
        parser.add_argument("--councillors", type=int, default=80)
        parser.add_argument("--seed", type=int, default=2017)

    def handle(self, *args, **opts):
        rng = random.Random(opts["seed"])
        home = HomePage.objects.first()
        if home is None:
            from home import demo

            home = demo.load()
        with transaction.atomic():
            counts = self.generate(home, rng, opts)
        self.stdout.write(
            self.style.SUCCESS(
                "Generated {committees} committees, {councillors} councillors, {meetings} "
                "meetings, {documents} documents, {decisions} decisions.".format(**counts)
            )
        )

    def generate(self, home, rng, opts):
        Document = get_document_model()
        meetings_index = ensure_section(home, CommitteeIndexPage, "Meetings", "meetings")
        councillors_index = ensure_section(home, CouncillorIndexPage, "Councillors", "councillors")
        decisions_index = ensure_section(
            home, DecisionIndexPage, "Decisions and forward plan", "decisions"
        )
        if not ForwardPlanPage.objects.child_of(decisions_index).exists():
            decisions_index.add_child(instance=live(ForwardPlanPage(title="Forward plan")))
        plans_index = ensure_section(home, PlanIndexPage, "Plans and strategies", "plans")

        councillors = []
        for n in range(opts["councillors"]):
            first, last = FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[n % len(LAST_NAMES)]
            slug = f"generated-{slugify(first)}-{slugify(last)}-{n}"
            page = CouncillorPage.objects.filter(slug=slug).first()
            if page is None:
                page = live(
                    CouncillorPage(
                        title=f"{first} {last}",
                        slug=slug,
                        first_name=first,
                        last_name=f"{last} {n}",
                        ward=f"Ward {n % 40 + 1}",
                    )
                )
                councillors_index.add_child(instance=page)
            councillors.append(page)

        this_year = timezone.localdate().year
        first_year = this_year - opts["years"] + 1
        counts = {
            "committees": 0,
            "councillors": len(councillors),
            "meetings": 0,
            "documents": 0,
            "decisions": 0,
        }
        for c in range(opts["committees"]):
            topic = TOPICS[c % len(TOPICS)]
            slug = f"generated-{slugify(topic)}-committee-{c}"
            if CommitteePage.objects.filter(slug=slug).exists():
                continue
            committee = live(
                CommitteePage(
                    title=f"{topic} Committee {c + 1}",
                    slug=slug,
                    purpose=f"<p>Oversees the council's {topic.lower()} services.</p>",
                    first_minute_number=1,
                )
            )
            committee.memberships = [
                CommitteeMembership(
                    councillor=councillors[(c * 7 + k) % len(councillors)],
                    role="chair" if k == 0 else "member",
                )
                for k in range(min(9, len(councillors)))
            ]
            meetings_index.add_child(instance=committee)
            counts["committees"] += 1
            minute_number = 1
            for year in range(first_year, this_year + 1):
                for m in range(opts["meetings_per_year"]):
                    month = 1 + (m * 12) // opts["meetings_per_year"]
                    day = datetime.date(year, month, 10 + (c % 15))
                    while day.weekday() >= 5:
                        day += datetime.timedelta(days=1)
                    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)
                    pack = Document.objects.create(
                        title=f"{committee.title} agenda pack {day:%-d %B %Y}",
                        file=ContentFile(
                            b"%PDF-1.4\n% generated agenda pack\n",
                            name=f"pack-{c}-{day:%Y%m%d}.pdf",
                        ),
                    )
                    counts["documents"] += 1
                    items = [
                        AgendaItem(
                            number=str(i + 1),
                            title=rng.choice(SUBJECTS)
                            if i > 2
                            else [
                                "Apologies",
                                "Minutes of the previous meeting",
                                "Declarations of interest",
                            ][i],
                            is_key_decision=i == 4,
                            papers=[
                                (
                                    "paper",
                                    {"kind": "report", "document": pack, "title": "Agenda pack"},
                                )
                            ]
                            if i == 3
                            else [],
                        )
                        for i in range(opts["items_per_meeting"])
                    ]
                    meeting = live(
                        MeetingPage(
                            title=f"{committee.title}, {day.day} {day:%B %Y}",
                            slug=f"{day:%Y-%m-%d}",
                            start=start,
                            end=start + datetime.timedelta(hours=3),
                            agenda_is_published=True,
                            agenda_published_at=start - datetime.timedelta(days=8),
                        )
                    )
                    meeting.agenda_items = items
                    committee.add_child(instance=meeting)
                    counts["meetings"] += 1
                    if start < timezone.now():
                        minutes = live(
                            MinutesPage(
                                title="Minutes",
                                slug="minutes",
                                minutes_status="confirmed",
                                first_minute_number=minute_number,
                                minutes=[
                                    ("minute", {"title": item.title, "resolved": "<p>Noted.</p>"})
                                    for item in items
                                ],
                            )
                        )
                        meeting.add_child(instance=minutes)
                        minute_number += len(items)
                        item = meeting.agenda_items.get(number="5")
                        Decision.objects.create(
                            title=f"{item.title}: {committee.title}",
                            maker_type="committee",
                            decision_maker=committee.title,
                            committee=committee,
                            meeting=meeting,
                            agenda_item=item,
                            decision_date=day,
                            decision="<p>Agreed the recommendations.</p>",
                            reasons="<p>As set out in the report.</p>",
                            live=True,
                            published_on=day,
                        )
                        counts["decisions"] += 1
        for year in range(first_year, this_year + 1, 4):
            slug = f"generated-business-plan-{year}"
            if not PlanPage.objects.filter(slug=slug).exists():
                plans_index.add_child(
                    instance=live(
                        PlanPage(
                            title=f"Business Plan {year}-{str(year + 3)[2:]}",
                            slug=slug,
                            period_start=year,
                            period_end=year + 3,
                            plan_status="superseded" if year + 3 < this_year else "adopted",
                            summary="The council's priorities for four years.",
                            body=[("heading", {"text": "Our priorities", "level": "h2"})],
                        )
                    )
                )
        return counts
