"""Demo content for the meetings app: sections, councillors, committees, meetings, minutes,
decisions, the forward plan and corporate plans.

The facts (names, portfolios, dates, item titles, page ranges, minute numbers, what was
resolved) come from the real documents in ../shared/seeds: Wiltshire Council's Cabinet
agenda pack for 3 July 2017 with the minutes of 20 June 2017, its Draft Business Plan
2013/17 and its Productivity Plan 2024. All prose is written in our own words.

Every function is idempotent: it finds what exists by slug or natural key and only creates
what is missing, so `make run` can call it on every start without touching editors'
changes. Meetings "coming up" are dated relative to today, so the calendar, deadlines and
question forms are live; they are created only for a committee that has no future meeting.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from meetings import deadlines
from meetings.demo_files import docx_bytes, pdf_bytes
from meetings.exempt import PART_II, exempt_collection
from meetings.models import (
    AgendaItem,
    ClosureDay,
    CommitteeIndexPage,
    CommitteeMembership,
    CommitteePage,
    CouncillorIndexPage,
    CouncillorPage,
    Decision,
    DecisionIndexPage,
    DemocracySettings,
    ForwardPlanEntry,
    ForwardPlanPage,
    MeetingPage,
    MinutesPage,
    ParticipationRule,
    PlanIndexPage,
    PlanPage,
    Venue,
)
from meetings.models.meetings import CANCELLED, meeting_title_and_slug
from meetings.models.rules import closure_dates

LONDON = ZoneInfo("Europe/London")
TUESDAY, WEDNESDAY, THURSDAY = 1, 2, 3

#: A sentence of our own inside the generated "Appendix 1 - Draft Business Plan 2017-27" PDF,
#: so document search can be tested against text that exists only inside a PDF.
BUSINESS_PLAN_PDF_SENTENCE = (
    "Our ten-year promise rests on three pillars: a growing economy, strong communities "
    "and protection for the people who need it most."
)


# --- small builders --------------------------------------------------------------------------


def p(*paragraphs):
    """Rich text of one or more paragraphs."""
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items, intro=None):
    """Rich text of a bulleted list, optionally after an introductory paragraph."""
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (p(intro) if intro else "") + f"<ul>{listed}</ul>"


def ol(*items):
    """Rich text of a numbered list."""
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def at(day, hour=9, minute=30):
    """An aware Europe/London datetime on `day` (a date, or a (y, m, d) tuple)."""
    if isinstance(day, tuple):
        day = dt.date(*day)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def heading(text, level="h2"):
    """A heading block value for plans and reports."""
    return ("heading", {"text": text, "level": level})


def table(caption, columns, rows):
    """A captioned typed table: columns are (type, heading) with type "text" or "numeric".

    Numbers are given as strings (e.g. "-201.182") so they become exact Decimals.
    """
    return (
        "table",
        {
            "caption": caption,
            "table": {
                "columns": [{"type": kind, "heading": title} for kind, title in columns],
                "rows": [{"values": list(row)} for row in rows],
                "caption": "",
            },
        },
    )


def report_body(*sections):
    """Report body blocks from sections, numbering paragraphs 1, 2, 3... across the report.

    Each section is (heading text, [items]) where an item is a paragraph string or a ready
    made block tuple such as a table or a risks list.
    """
    blocks, number = [], 0
    for title, items in sections:
        blocks.append(heading(title))
        for item in items:
            if isinstance(item, str):
                number += 1
                blocks.append(("paragraph", {"number": str(number), "text": p(item)}))
            else:
                blocks.append(item)
    return blocks


def risks(*pairs):
    """A report's risk table from (risk, mitigation) pairs."""
    return ("risks", [{"risk": risk, "mitigation": mitigation} for risk, mitigation in pairs])


def in_order(children):
    """Number Orderable children built in code (agenda items, memberships): without a
    sort_order their order would be up to the database."""
    for position, child in enumerate(children):
        child.sort_order = position
    return children


def publish(obj):
    """Publish a page or snippet through a revision, as an editor pressing Publish would."""
    obj.save_revision().publish()
    return type(obj).objects.get(pk=obj.pk)


def backdate(obj, first, last=None):
    """Give historical content the publication dates in the seed papers instead of the
    time the demo was loaded, so feeds and "newest first" put it in its real place."""
    last = last or first
    type(obj).objects.filter(pk=obj.pk).update(first_published_at=first, last_published_at=last)
    obj.first_published_at, obj.last_published_at = first, last
    return obj


def ensure_page(parent, slug, build, published_at=None):
    """Return the child of `parent` with `slug`, creating and publishing it with `build()`
    only if it is missing, so an editor's later changes are never overwritten.
    `published_at` is (first, last) publication times for historical content."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = build()
    page.slug = slug
    parent.add_child(instance=page)
    page = publish(page)
    return backdate(page, *published_at) if published_at else page


def ensure_section(home, model, slug, build):
    """A one-per-site section page: found by type first (an editor may rename its slug)."""
    existing = model.objects.first()
    if existing is not None:
        return existing
    return ensure_page(home, slug, build)


def ensure_document(title, filename, content, collection=None):
    """Return the document titled `title`, creating it from `content()` bytes if missing."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    data = content()
    document = Document(
        title=title,
        collection=collection or Collection.get_first_root_node(),
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def pdf_document(title, blocks, collection=None):
    """A generated PDF document, found by title on later runs."""
    filename = slugify_filename(title) + ".pdf"
    return ensure_document(title, filename, lambda: pdf_bytes(title, blocks), collection)


def slugify_filename(title):
    """A safe, readable file name for a document title."""
    return slugify(title)[:80] or "document"


def plain(html):
    """Rich text as plain text for a PDF, keeping a space between paragraphs and items."""
    return " ".join(strip_tags(html.replace("</p>", "</p> ").replace("</li>", "</li> ")).split())


def paper(kind, document, title=""):
    """A PaperBlock value for an agenda item's papers."""
    return ("paper", {"kind": kind, "document": document, "title": title or document.title})


def report_pdf_blocks(report):
    """Plain text blocks of an HTML report, so its PDF says the same as its web page."""
    blocks = [
        ("heading", "Summary"),
        f"Subject: {report['subject']}",
        f"Cabinet member: {report.get('cabinet_member', '')}",
        "Key decision: " + ("Yes" if report.get("key_decision") else "No"),
        plain(report["executive_summary"]),
        ("heading", "Proposal"),
        plain(report["proposals"]),
        ("heading", "Reasons for the proposal"),
        plain(report["reasons_for_proposals"]),
    ]
    for block_type, value in report.get("body", []):
        if block_type == "heading":
            blocks.append(("heading", value["text"]))
        elif block_type == "paragraph":
            blocks.append(f"{value['number']}. {plain(value['text'])}")
        elif block_type == "risks":
            blocks.extend(f"Risk: {r['risk']} Mitigation: {r['mitigation']}" for r in value)
        elif block_type == "table":
            blocks.append(value["caption"])
            for row in value["table"]["rows"]:
                blocks.append(" | ".join(str(cell) for cell in row["values"]))
    if report.get("report_author"):
        blocks.append(f"Report author: {report['report_author']}")
    return blocks


# --- sections --------------------------------------------------------------------------------


def ensure_sections(home):
    """The four public sections under home, in menu order, each with a short intro."""
    meetings = ensure_section(
        home,
        CommitteeIndexPage,
        "meetings",
        lambda: CommitteeIndexPage(
            title="Meetings",
            show_in_menus=True,
            intro=p(
                "Agendas, reports and minutes for the Cabinet, full Council and every "
                "committee. Most meetings are open to the public, and you can ask a question "
                "or make a statement if you tell us in advance."
            ),
        ),
    )
    decisions = ensure_section(
        home,
        DecisionIndexPage,
        "decisions",
        lambda: DecisionIndexPage(
            title="Decisions and forward plan",
            show_in_menus=True,
            intro=p(
                "Every decision made by the Cabinet, its members, committees and senior "
                "officers, with the reasons and the options considered. Most Cabinet "
                "decisions can be called in by scrutiny councillors for five working days "
                "after they are published, and only take effect after that."
            ),
        ),
    )
    ensure_section(
        decisions,
        ForwardPlanPage,
        "forward-plan",
        lambda: ForwardPlanPage(
            title="Forward plan",
            show_in_menus=True,
            intro=p(
                "A key decision is one that spends or saves a significant amount of money or "
                "affects people in two or more wards. We list each one here at least 28 clear "
                "days before it is taken, with the papers the decision maker will see and who "
                "to contact about it."
            ),
        ),
    )
    plans = ensure_section(
        home,
        PlanIndexPage,
        "plans",
        lambda: PlanIndexPage(
            title="Plans and strategies",
            show_in_menus=True,
            intro=p(
                "The council's business plan, productivity plan and other strategies, "
                "published as web pages so that they are easy to read and search."
            ),
        ),
    )
    councillors = ensure_section(
        home,
        CouncillorIndexPage,
        "councillors",
        lambda: CouncillorIndexPage(
            title="Councillors",
            show_in_menus=True,
            intro=p(
                "Councillors are elected to represent a ward (also called a division) and "
                "decide the council's policies and budget. Find your councillor and the "
                "committees they sit on."
            ),
        ),
    )
    return {
        "meetings": meetings,
        "decisions": decisions,
        "plans": plans,
        "councillors": councillors,
    }


# --- venues, rules and settings ----------------------------------------------------------------

COUNTY_HALL_ADDRESS = "County Hall\nBythesea Road\nTrowbridge"
COUNTY_HALL_ACCESS = (
    "The main entrance has level, step-free access and there is a lift to every floor. The "
    "room has a hearing loop. Visitor parking at County Hall is limited: when you arrive, "
    "enter your car's registration on the tablet in reception. If you may stay longer than "
    "two hours, give your registration to the democratic services officer, who can extend "
    "your stay."
)
VENUES = [
    {
        "key": "kennet",
        "name": "Kennet Room, County Hall",
        "address": COUNTY_HALL_ADDRESS,
        "postcode": "BA14 8JN",
        "access_notes": COUNTY_HALL_ACCESS,
    },
    {
        "key": "chamber",
        "name": "Council Chamber, County Hall",
        "address": COUNTY_HALL_ADDRESS,
        "postcode": "BA14 8JN",
        "access_notes": COUNTY_HALL_ACCESS
        + " The public gallery is on the ground floor, with spaces for wheelchair users.",
    },
    {
        "key": "bourne_hill",
        "name": "Council Chamber, Bourne Hill",
        "address": "Council Offices\nBourne Hill\nSalisbury",
        "postcode": "SP1 3UZ",
        "access_notes": (
            "Step-free access from the rear entrance, with a lift to the chamber. Hearing loop "
            "available. There is no visitor car park: use the city centre car parks or the "
            "park and ride."
        ),
    },
    {
        "key": "monkton_park",
        "name": "Committee Room, Monkton Park",
        "address": "Monkton Park\nChippenham",
        "postcode": "SN15 1ER",
        "access_notes": (
            "Step-free access throughout and a hearing loop in the room. Limited visitor "
            "parking on site; Chippenham railway station is a ten-minute walk."
        ),
    },
]


def ensure_venues():
    """The council's three hubs and their meeting rooms, keyed for later lookups."""
    venues = {}
    for data in VENUES:
        fields = {k: v for k, v in data.items() if k not in ("key", "name")}
        venue = Venue.objects.filter(name=data["name"]).first()
        if venue is None:
            venue = Venue.objects.create(name=data["name"], **fields)
        venues[data["key"]] = venue
    return venues


def ensure_rules():
    """Public participation rules: the Cabinet's (Part 6) and the committees' own."""
    cabinet = ParticipationRule.objects.filter(name="Cabinet procedure rules (Part 6)").first()
    if cabinet is None:
        cabinet = ParticipationRule.objects.create(
            name="Cabinet procedure rules (Part 6)",
            clear_working_days=3,
            deadline_time=dt.time(12, 0),
            deadline_label="Questions and statements",
            word_limit=500,
            max_per_person=2,
            notes=(
                "Anyone may ask the Cabinet a question or make a statement. Councillors may "
                "also ask questions. Tell democratic services in writing by the deadline; the "
                "Leader may take late questions only if they are urgent."
            ),
        )
    committee = ParticipationRule.objects.filter(name="Committee procedure rules").first()
    if committee is None:
        committee = ParticipationRule.objects.create(
            name="Committee procedure rules",
            clear_working_days=5,
            deadline_time=dt.time(17, 0),
            deadline_label="Questions for a written answer",
            second_deadline_label="Statements to be read at the meeting",
            second_clear_working_days=2,
            second_deadline_time=dt.time(12, 0),
            word_limit=500,
            max_per_person=2,
            must_live_or_work_in_area=True,
            notes=(
                "Questions receive a written answer, published before the meeting. Each "
                "speaker has up to three minutes for a statement."
            ),
        )
    return {"cabinet": cabinet, "committee": committee}


def ensure_settings_and_closures():
    """Keep the democracy settings row (defaults) and add this year's Christmas closure.

    The offices close between Christmas and New Year; only the working days among 27 to 31
    December are closure days (weekends and bank holidays are not working days anyway).
    """
    DemocracySettings.load()
    year = timezone.localdate().year
    for day in range(27, 32):
        date = dt.date(year, 12, day)
        if deadlines.is_working_day(date):
            ClosureDay.objects.get_or_create(
                date=date, defaults={"description": "Christmas closure"}
            )


# --- councillors -------------------------------------------------------------------------------

# (slug, first name, last name, honorifics, ward, party). Cabinet members and portfolios are
# from the agenda pack. Wards are the electoral divisions each councillor won at the Wiltshire
# Council election of 4 May 2017 (the council in office for these meetings), with their party,
# as reported in the published results and the council's own agendas and minutes of 2017-21.
# A ward or party no source confirms is left blank rather than guessed.
CABINET_MEMBERS = [
    ("baroness-scott-of-bybrook", "Baroness", "Scott of Bybrook", "OBE", "By Brook"),
    ("john-thomson", "John", "Thomson", "", "Sherston"),
    ("chuck-berry", "Chuck", "Berry", "", "Minety"),
    ("richard-clewer", "Richard", "Clewer", "", "Downton and Ebble Valley"),
    ("laura-mayes", "Laura", "Mayes", "", "Roundway"),
    ("toby-sturgis", "Toby", "Sturgis", "", "Brinkworth"),
    ("bridget-wayman", "Bridget", "Wayman", "", "Nadder and East Knoyle"),
    ("philip-whitehead", "Philip", "Whitehead", "", "Urchfont and The Cannings"),
    ("jerry-wickham", "Jerry", "Wickham", "", "Ethandune"),
]
# (slug, role, portfolio) in the order the agenda prints the membership.
CABINET_ROLES = [
    ("baroness-scott-of-bybrook", "leader", "Leader of the Council"),
    (
        "john-thomson",
        "deputy_leader",
        "Deputy Leader, and Cabinet Member for Communications, Communities, Leisure and Libraries",
    ),
    ("chuck-berry", "portfolio_holder", "Cabinet Member for Economic Development and Housing"),
    (
        "richard-clewer",
        "portfolio_holder",
        "Cabinet Member for Corporate Services, Heritage, Arts and Tourism",
    ),
    ("laura-mayes", "portfolio_holder", "Cabinet Member for Children, Education and Skills"),
    (
        "toby-sturgis",
        "portfolio_holder",
        "Cabinet Member for Planning and Strategic Asset Management",
    ),
    ("bridget-wayman", "portfolio_holder", "Cabinet Member for Highways, Transport and Waste"),
    (
        "philip-whitehead",
        "portfolio_holder",
        "Cabinet Member for Finance, Procurement, IT and Operational Assets",
    ),
    (
        "jerry-wickham",
        "portfolio_holder",
        "Cabinet Member for Adult Social Care, Public Health and Public Protection",
    ),
]
# "Also present" at the Cabinet on 20 June 2017, in the minutes' order.
ALSO_PRESENT = [
    ("clare-cape", "Clare", "Cape", "", "Chippenham Pewsham", "Liberal Democrat"),
    ("ernie-clark", "Ernie", "Clark", "", "Hilperton", "Independent"),
    ("andrew-davis", "Andrew", "Davis", "", "Warminster East", "Conservative"),
    ("richard-gamble", "Richard", "Gamble", "", "The Lavingtons and Erlestoke", ""),
    ("gavin-grant", "Gavin", "Grant", "", "Malmesbury", "Liberal Democrat"),
    ("darren-henry", "Darren", "Henry", "", "Till and Wylye Valley", "Conservative"),
    ("alan-hill", "Alan", "Hill", "", "Calne South and Cherhill", "Conservative"),
    ("atiqul-hoque", "Atiqul", "Hoque", "", "", "Conservative"),
    ("jon-hubbard", "Jon", "Hubbard", "", "Melksham South", "Liberal Democrat"),
    ("chris-hurst", "Chris", "Hurst", "", "Royal Wootton Bassett South", "Liberal Democrat"),
    ("david-jenkins", "David", "Jenkins", "", "Westbury North", "Liberal Democrat"),
    ("bob-jones", "Bob", "Jones", "MBE", "Cricklade and Latton", ""),
    ("gordon-king", "Gordon", "King", "", "Westbury East", "Liberal Democrat"),
    ("edward-kirk", "Edward", "Kirk", "", "Trowbridge Adcroft", "Conservative"),
    ("brian-mathew", "Brian", "Mathew", "", "Box and Colerne", "Liberal Democrat"),
    ("steve-oldrieve", "Steve", "Oldrieve", "", "", ""),
    ("stewart-palmen", "Stewart", "Palmen", "", "", "Liberal Democrat"),
    ("horace-prickett", "Horace", "Prickett", "", "Southwick", "Conservative"),
    ("jonathon-seed", "Jonathon", "Seed", "", "Summerham and Seend", "Conservative"),
    ("john-smale", "John", "Smale", "", "Bulford, Allington and Figheldean", "Conservative"),
    ("hayley-spencer", "Hayley", "Spencer", "", "", ""),
    ("roy-while", "Roy", "While", "", "", "Conservative"),
    ("graham-wright", "Graham", "Wright", "", "Durrington and Larkhill", "Independent"),
    ("ian-thorn", "Ian", "Thorn", "", "", "Liberal Democrat"),
]
# Illustrative memberships of the two other committees: (slug, role).
SCRUTINY_MEMBERS = [
    ("graham-wright", "chair"),
    ("chris-hurst", "vice_chair"),
    ("clare-cape", "member"),
    ("ernie-clark", "member"),
    ("gavin-grant", "member"),
    ("alan-hill", "member"),
    ("atiqul-hoque", "member"),
    ("jon-hubbard", "member"),
    ("gordon-king", "member"),
    ("stewart-palmen", "member"),
    ("horace-prickett", "member"),
    ("ian-thorn", "member"),
]
PLANNING_MEMBERS = [
    ("andrew-davis", "chair"),
    ("richard-gamble", "vice_chair"),
    ("darren-henry", "member"),
    ("david-jenkins", "member"),
    ("bob-jones", "member"),
    ("edward-kirk", "member"),
    ("brian-mathew", "member"),
    ("steve-oldrieve", "member"),
    ("jonathon-seed", "member"),
    ("john-smale", "member"),
    ("hayley-spencer", "member"),
    ("roy-while", "member"),
]


def ensure_councillors(index):
    """Councillor pages: the nine Cabinet members and the councillors who attended.

    Returns {slug: CouncillorPage}. The page title is the name as people say it; the
    'Cllr' prefix comes from `CouncillorPage.full_name`.
    """
    portfolios = {slug: portfolio for slug, _, portfolio in CABINET_ROLES}
    rows = [(*row, "Conservative") for row in CABINET_MEMBERS] + ALSO_PRESENT
    councillors = {}
    for slug, first, last, honorifics, ward, party in rows:

        def build(first=first, last=last, honorifics=honorifics, ward=ward, party=party, slug=slug):
            """A councillor page; defaults bind this row's values to the closure."""
            title = " ".join(part for part in (first, last, honorifics) if part)
            biography = ""
            if slug in portfolios:
                biography = p(
                    f"{portfolios[slug]} since May 2017. Sits on the Cabinet, which takes the "
                    "council's executive decisions."
                )
            return CouncillorPage(
                title=title,
                first_name=first,
                last_name=last,
                honorifics=honorifics,
                ward=ward,
                party=party,
                biography=biography,
            )

        page = ensure_page(index, slug, build)
        councillors[slug] = fill_blank_fields(page, ward=ward, party=party)
    return councillors


def fill_blank_fields(page, **values):
    """Give an existing page the demo's value for each field that is still blank, so sites
    loaded before a fact was known get it, while a field an editor has set is never touched.

    Works on the latest revision, so an editor's unpublished draft keeps its changes; the
    filled revision is published only if the page was live with no draft pending."""
    latest = page.get_latest_revision_as_object()
    blanks = {name: value for name, value in values.items() if value and not getattr(latest, name)}
    if not blanks:
        return page
    publish_now = page.live and not page.has_unpublished_changes
    for name, value in blanks.items():
        setattr(latest, name, value)
    revision = latest.save_revision()
    if publish_now:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


# --- committees --------------------------------------------------------------------------------


def ensure_committees(index, councillors, venues, rules):
    """The Cabinet and two committees, with members, contacts, venues and rules."""
    cabinet = ensure_page(
        index,
        "cabinet",
        lambda: CommitteePage(
            title="Cabinet",
            is_executive=True,
            purpose=p(
                "The Cabinet is the council's executive. Its nine members are the Leader and "
                "the councillors she appoints, each responsible for a portfolio of services.",
                "It proposes the budget and the policy framework to full Council, and takes "
                "the key decisions on services, spending and strategy in between. Its key "
                "decisions are listed on the forward plan at least 28 days before they are "
                "taken, and scrutiny councillors can call them in.",
            ),
            contact_name="Yamina Rhouati, Democratic Services",
            contact_email="cabinet.clerk@wiltshire.gov.uk",
            contact_phone="01225 718024",
            default_venue=venues["kennet"],
            participation_rule=rules["cabinet"],
            first_minute_number=69,
            memberships=in_order(
                [
                    CommitteeMembership(
                        councillor=councillors[slug], role=role, portfolio=portfolio
                    )
                    for slug, role, portfolio in CABINET_ROLES
                ]
            ),
        ),
    )
    scrutiny = ensure_page(
        index,
        "overview-and-scrutiny-management-committee",
        lambda: CommitteePage(
            title="Overview and Scrutiny Management Committee",
            purpose=p(
                "Councillors who are not on the Cabinet hold it to account. The committee "
                "sets the scrutiny work programme, looks at draft plans and strategies before "
                "the Cabinet decides, sets up task groups for detailed reviews and can call in "
                "a Cabinet decision before it takes effect."
            ),
            contact_name="Democratic Services (scrutiny team)",
            contact_email="scrutiny@wiltshire.gov.uk",
            contact_phone="01225 718024",
            default_venue=venues["chamber"],
            participation_rule=rules["committee"],
            memberships=in_order(
                [
                    CommitteeMembership(councillor=councillors[slug], role=role)
                    for slug, role in SCRUTINY_MEMBERS
                ]
            ),
        ),
    )
    planning = ensure_page(
        index,
        "strategic-planning-committee",
        lambda: CommitteePage(
            title="Strategic Planning Committee",
            purpose=p(
                "Decides the largest planning applications, those that matter to the whole "
                "county or that an area planning committee refers up, and comments on the "
                "council's planning policy documents."
            ),
            contact_name="Democratic Services (planning committees)",
            contact_email="planningcommittees@wiltshire.gov.uk",
            contact_phone="01225 718024",
            default_venue=venues["chamber"],
            participation_rule=rules["committee"],
            memberships=in_order(
                [
                    CommitteeMembership(councillor=councillors[slug], role=role)
                    for slug, role in PLANNING_MEMBERS
                ]
            ),
        ),
    )
    return {"cabinet": cabinet, "scrutiny": scrutiny, "planning": planning}


# --- the forward plan of key decisions for 3 July 2017 ----------------------------------------

CABINET_3_JULY = dt.date(2017, 7, 3)
AGENDA_3_JULY_PUBLISHED = at((2017, 6, 23), 15, 0)
FORWARD_PLAN_2017 = {
    "business_plan": {
        "title": "Draft Business Plan 2017-2027",
        "summary": (
            "Consider feedback from scrutiny and partners on the council's draft business plan "
            "for the next ten years, and recommend a final version to full Council."
        ),
        "portfolio": "Leader of the Council",
        "lead_officer": "Robin Townsend, Associate Director",
        "documents": "Report of the Corporate Directors\nAppendix 1: Draft Business Plan 2017-2027",
        "first_published_on": dt.date(2017, 5, 5),
    },
    "people_strategy": {
        "title": "People Strategy 2017-2027",
        "summary": (
            "Support a ten-year strategy for recruiting, engaging and developing the council's "
            "workforce, in line with the new business plan and digital strategy."
        ),
        "portfolio": "Cabinet Member for Corporate Services, Heritage, Arts and Tourism",
        "lead_officer": "Joanne Pitt, Head of HR and Organisational Development",
        "documents": "Report of the Corporate Director\nAppendix 1: Proposed People Strategy "
        "2017-2027",
        "first_published_on": dt.date(2017, 6, 2),
    },
    "digital_strategy": {
        "title": "Digital Strategy 2017-2021",
        "summary": (
            "Adopt a strategy for using digital technology across the council's services, "
            "taking account of the comments of an overview and scrutiny task group."
        ),
        "portfolio": "Cabinet Member for Finance, Procurement, IT and Operational Assets",
        "lead_officer": "Robin Townsend, Associate Director, Corporate Function, Procurement "
        "and Programme Office",
        "documents": "Report of the Corporate Director\nAppendix A: Draft Digital Strategy "
        "2017-2021\nAppendix B: Addendum to the Draft Digital Strategy",
        "first_published_on": dt.date(2017, 5, 26),
    },
    "consultancy": {
        "title": "Consultancy - Neutral Vendor Service",
        "summary": (
            "Award the provision of consultancy and specialist professional services to a "
            "neutral vendor through a call-off agreement under a NEPO framework."
        ),
        "portfolio": "Cabinet Member for Finance, Procurement, IT and Operational Assets",
        "lead_officer": "Greg Lewis, Places Category Manager",
        "documents": "Report of the Corporate Director\nExempt appendix: commercial terms "
        "(not for publication, paragraph 3 of Schedule 12A)",
        "first_published_on": dt.date(2017, 6, 2),
    },
}


def ensure_forward_plan_entry(title, decision_date=None, **fields):
    """Return the forward plan entry with this title (and date, if given), creating and
    publishing it if missing. `first_published_on` is set before publishing so the
    imported notice date is kept rather than today's, and the entry is backdated to it."""
    found = ForwardPlanEntry.objects.filter(title=title)
    if decision_date is not None:
        found = found.filter(decision_date=decision_date)
    existing = found.first()
    if existing is not None:
        return existing
    entry = ForwardPlanEntry(title=title, decision_date=decision_date, live=False, **fields)
    entry.save()
    entry = publish(entry)
    if entry.first_published_on < timezone.localdate():
        return backdate(entry, at(entry.first_published_on, 0, 0))
    return entry


def ensure_forward_plan_2017(cabinet):
    """The four key decisions taken at the Cabinet on 3 July 2017, all given full notice."""
    return {
        key: ensure_forward_plan_entry(
            data["title"],
            decision_date=CABINET_3_JULY,
            decision_maker="Cabinet",
            committee=cabinet,
            status="decided",
            wards_affected="All wards",
            **{k: v for k, v in data.items() if k != "title"},
        )
        for key, data in FORWARD_PLAN_2017.items()
    }


# --- HTML reports for the Cabinet on 3 July 2017 ---------------------------------------------

MAYES = "Cllr Laura Mayes, Cabinet Member for Children, Education and Skills"
WHITEHEAD = (
    "Cllr Philip Whitehead, Cabinet Member for Finance, Procurement, IT and Operational Assets"
)
CLEWER = "Cllr Richard Clewer, Cabinet Member for Corporate Services, Heritage, Arts and Tourism"
LEADER = "Cllr Baroness Scott of Bybrook OBE, Leader of the Council"

REPORT_CHILDRENS_SERVICES = {
    "subject": "Children's Services Integration Project",
    "cabinet_member": MAYES,
    "key_decision": False,
    "report_author": "Terence Herbert, Associate Director, Operational Children's Services, "
    "and Lucy Townsend, Head of Service, Children's Services Integration Project",
    "report_date": dt.date(2017, 4, 28),
    "executive_summary": p(
        "In April 2017 children's services asked the Department for Education's Children's "
        "Social Care Innovation Programme for £1.9 million. The money would help us change how "
        "we support children in need, so that fewer families reach the point where a child "
        "protection plan or care is needed.",
        "The bid is one part of a wider change, the Children's Services Integration Project, "
        "which brings early help and social work together into one joined-up service.",
    ),
    "proposals": p(
        "That the Corporate Director for Children's Services may accept any grant the "
        "Department for Education offers, after consulting the Cabinet Member."
    ),
    "reasons_for_proposals": p(
        "The department has not said when it will decide. It first said June or July 2017, "
        "and the general election may delay that. The new service starts in September 2017, "
        "so the council must be able to accept an offer as soon as it arrives rather than "
        "wait for the next Cabinet meeting."
    ),
    "body": report_body(
        (
            "Purpose of the report",
            [
                "This report explains the bid submitted on 25 April 2017 and asks the Cabinet "
                "to delegate the acceptance of any grant.",
            ],
        ),
        (
            "Background",
            [
                "The innovation programme pays for new ways of helping children who need "
                "support from social care. It wants better life chances for those children, "
                "more testing and sharing of new approaches, and better value for money.",
                "Our bid concentrates on children in need, in the sense used by the Children "
                "Act 1989. The council must support these families so that, wherever it is safe, "
                "children can grow up at home.",
            ],
        ),
        (
            "What the grant would pay for",
            [
                "Families and staff would design a whole-family way of working together. One "
                "assessment would follow a child as their needs rise or fall, teams would "
                "include adult services staff, and a volunteering scheme would let families "
                "who have been helped go on to help others.",
                table(
                    "How the £1.9 million grant would be spent",
                    [("text", "Year of the programme"), ("numeric", "Grant (£ million)")],
                    [("Year 1", "1.1"), ("Year 2", "0.7"), ("Year 3", "0.1")],
                ),
                "About £0.175 million would buy a family peer coaching and volunteering scheme "
                "for two years, procured with the Strategic Procurement Hub under the council's "
                "contract rules.",
            ],
        ),
        (
            "Scrutiny",
            [
                "The Children's Select Committee looked at the project on 14 March 2017 and "
                "councillors of all parties supported its direction.",
            ],
        ),
        (
            "Financial implications",
            [
                "The first phase of the project is expected to save £0.2 million a year. The "
                "project will go ahead without the grant, but more slowly, and without it the "
                "volunteering scheme could not be funded.",
            ],
        ),
        (
            "Risks",
            [
                risks(
                    (
                        "Statutory duties are missed while services are restructured in phases.",
                        "An implementation plan for each phase that assesses the effect of "
                        "staff changes and the training people need.",
                    ),
                    (
                        "Working culture does not change, so the new model does not deliver.",
                        "Staff and partners help design the new service and the move to it.",
                    ),
                    (
                        "Links with other projects, such as the new case management system, "
                        "are not managed, causing delay and extra cost.",
                        "Map the dependencies between projects and share information through "
                        "joint working groups.",
                    ),
                ),
            ],
        ),
        (
            "Options considered",
            [
                "If the bid succeeds the council can accept or refuse the grant. Refusing it "
                "would rule out the volunteering scheme, so it is not recommended. The Cabinet "
                "could keep the acceptance for itself, but waiting for a meeting would delay "
                "the start of the work.",
            ],
        ),
    ),
}

REPORT_BUSINESS_PLAN = {
    "subject": "Draft Business Plan 2017-2027",
    "cabinet_member": LEADER,
    "key_decision": True,
    "report_author": "Robin Townsend, Associate Director, and David Bowater, Senior Corporate "
    "Support Manager",
    "executive_summary": p(
        "The business plan is the council's overall strategy for the next ten years. On 20 "
        "June 2017 the Cabinet published a draft for comment by scrutiny councillors and "
        "partners. This report brings the draft back with the comments received, so that the "
        "Cabinet can recommend a final version to full Council on 11 July 2017."
    ),
    "proposals": p(
        "That the Cabinet considers the feedback from overview and scrutiny and from partners "
        "on the Wiltshire Public Services Board, and recommends the Business Plan 2017-2027, "
        "with any changes it agrees, to full Council for approval."
    ),
    "reasons_for_proposals": p(
        "Under the policy framework in the constitution, only full Council can approve the "
        "business plan. On 20 June the Cabinet asked to see the feedback before the plan goes "
        "to Council."
    ),
    "body": report_body(
        (
            "Background",
            [
                "The council's first business plan, with a financial plan alongside it, "
                "covered 2011 to 2015; the second covered 2013 to 2017. The new plan builds on "
                "both and reflects the priorities of the council elected in May 2017.",
                "It responds to large changes ahead: less government funding, rising demand "
                "for care, and new ways of working that digital technology makes possible.",
            ],
        ),
        (
            "What the plan contains",
            [
                "The vision is to create strong communities. Three priorities support it: "
                "growing the economy, strong communities, and protecting the vulnerable. Each "
                "priority has goals that describe what will be different in future.",
                "A fourth part, an innovative and effective council, describes how the council "
                "will work: more services online, a more commercial approach, and sharing "
                "buildings with other public bodies through the One Wiltshire Estate "
                "programme.",
                "Each service will write a plan covering several years against these themes, "
                "refreshed every year, and the Cabinet will receive performance and financial "
                "reports every quarter.",
            ],
        ),
        (
            "Consultation",
            [
                table(
                    "How the draft plan has been consulted on",
                    [("text", "Date"), ("text", "Step")],
                    [
                        (
                            "1 June 2017",
                            "Heads of service briefed and asked to discuss the "
                            "draft with their teams",
                        ),
                        ("20 June 2017", "Cabinet publishes the draft for comment"),
                        ("21 June 2017", "Overview and scrutiny"),
                        (
                            "30 June 2017",
                            "Partners discuss it at the Wiltshire Public Services Board",
                        ),
                        ("3 July 2017", "Cabinet considers the feedback"),
                        ("11 July 2017", "Full Council"),
                        (
                            "12 July 2017",
                            "Final plan published online with an easy read "
                            "version, and sent to all staff and councillors",
                        ),
                        ("November 2017", "Staff forums in Trowbridge, Chippenham and Salisbury"),
                    ],
                ),
            ],
        ),
        (
            "Implications",
            [
                "Safeguarding is addressed by the priority of protecting the vulnerable, public "
                "health by strong communities, and the environment and climate by growing the "
                "economy, which includes goals on transport, housing and sustainable tourism.",
                "The plan's financial appendix explains what the council assumes about money "
                "over the next four years, based on the four-year funding settlement. The "
                "council needs to save £45 million by 2021.",
            ],
        ),
        (
            "Risks",
            [
                risks(
                    (
                        "The plan promises more than the council can afford.",
                        "A financial model updated every quarter through budget monitoring, "
                        "and service plans refreshed every year.",
                    ),
                    (
                        "Staff and partners do not see the plan as theirs.",
                        "Briefings for every head of service, staff forums across the county "
                        "and discussion with partners at the Public Services Board.",
                    ),
                ),
            ],
        ),
    ),
}

REPORT_PEOPLE_STRATEGY = {
    "subject": "People Strategy 2017-2027",
    "cabinet_member": CLEWER,
    "key_decision": True,
    "report_author": "Joanne Pitt, Head of HR and Organisational Development",
    "executive_summary": p(
        "A new people strategy sets out how the council will attract, keep and develop the "
        "staff it needs to deliver the new business plan and digital strategy over the next "
        "ten years."
    ),
    "proposals": p(
        "That the Cabinet notes the report and the strategy at Appendix 1, and supports its "
        "delivery."
    ),
    "reasons_for_proposals": p(
        "The business plan and the digital strategy will both change the work that staff do. "
        "The strategy makes sure the workforce is ready for that change."
    ),
    "body": report_body(
        (
            "Background",
            [
                "HR and organisational development was reorganised in June 2016 into "
                "strategic, operational and transactional tiers, with a business partner "
                "working alongside each corporate director.",
                "The strategy responds to what services ask of HR, and to the effect of the "
                "new business plan and digital strategy on the workforce.",
            ],
        ),
        (
            "Our values",
            [
                "The strategy rests on three values, empowering people, innovation and "
                "collaboration (EPIC), which also make up the promise the council makes to the "
                "people who work for it.",
            ],
        ),
        (
            "Priorities",
            [
                table(
                    "The strategy's three priorities",
                    [("text", "Priority"), ("text", "Examples of what we will do")],
                    [
                        (
                            "Attracting and recruiting the right people",
                            "Recruitment campaigns on social media, more apprenticeships for "
                            "people under 25 paid for by the apprenticeship levy, and selection "
                            "tools such as personality profiling",
                        ),
                        (
                            "Engaging, recognising and communicating with staff",
                            "A staff engagement plan, the #EPIC staff group and a refreshed "
                            "behaviours framework",
                        ),
                        (
                            "Developing and keeping our workforce",
                            "Leadership and management programmes, and an annual appraisal for "
                            "everyone through the Grow learning system",
                        ),
                    ],
                ),
            ],
        ),
        (
            "Scrutiny and implications",
            [
                "The Staffing Policy Committee will scrutinise how the strategy is delivered.",
                "Recruitment checks and safeguarding training continue to protect vulnerable "
                "people. An equality impact assessment will be completed before the strategy "
                "is launched. The 2017/18 budget already pays for the work.",
                (
                    "inset",
                    {"text": "The report identified no risks and considered no other options."},
                ),
            ],
        ),
    ),
}

REPORT_DIGITAL_STRATEGY = {
    "subject": "Draft Digital Strategy 2017-2021",
    "cabinet_member": WHITEHEAD,
    "key_decision": True,
    "report_author": "Catherine Dixon, Portfolio Manager, and Andrew Foster, Business Analyst, "
    "Programme Office",
    "executive_summary": p(
        "The digital strategy sets out how the council will use technology to make its "
        "services easier to reach, help its staff work well, work more closely with other "
        "public bodies and save money, above all by automating routine work, while keeping "
        "systems and data secure."
    ),
    "proposals": p(
        "That the Cabinet considers the comments of overview and scrutiny, set out in the "
        "addendum at Appendix B, and adopts the Digital Strategy 2017-2021."
    ),
    "reasons_for_proposals": p(
        "Many services have already started to go digital. One strategy will coordinate that "
        "work, stop the council paying twice for similar systems, and improve customers' "
        "experience while delivering savings."
    ),
    "body": report_body(
        (
            "Why the council needs a strategy",
            [
                "The medium term financial plan to 2020/21 expects £5 million of savings from "
                "digital solutions; the strategy shows where they can come from.",
                "It fits the government's transformation strategy for 2017 to 2020 and the "
                "emerging sustainability and transformation plan for Bath and North East "
                "Somerset, Swindon and Wiltshire. A separate ICT technical strategy will set "
                "out the architecture.",
            ],
        ),
        (
            "Scrutiny",
            [
                "A scrutiny task group reviewed the draft and reported to the Overview and "
                "Scrutiny Management Committee on 21 June 2017. Its changes are in the addendum "
                "at Appendix B. The task group will keep watch over delivery, including the "
                "tender for a new digital platform.",
            ],
        ),
        (
            "What the strategy will change",
            [
                table(
                    "The aims of the digital strategy",
                    [("text", "Aim"), ("text", "What it means in practice")],
                    [
                        (
                            "Easier access for customers",
                            "Book, pay and report online at any time, with help by phone or in "
                            "person for anyone who needs it",
                        ),
                        (
                            "Getting the most from our workforce",
                            "Mobile working and shared records, so staff spend less time "
                            "travelling and typing the same details twice",
                        ),
                        (
                            "Working with partners",
                            "Sharing systems and data safely with health, the police and "
                            "other public bodies",
                        ),
                        (
                            "Efficiency",
                            "Automating routine processes to deliver the £5 million of savings "
                            "in the financial plan",
                        ),
                    ],
                ),
            ],
        ),
        (
            "Equalities and the environment",
            [
                "Accessible design is a principle from the start. People who cannot or would "
                "rather not go online can still phone or visit, and volunteers help residents "
                "build digital skills.",
                "Joining meetings remotely, printing less and storing data efficiently in the "
                "cloud will all cut travel and energy use.",
            ],
        ),
        (
            "Risks",
            [
                risks(
                    (
                        "Without a strategy, services buy separate systems that duplicate each "
                        "other and confuse customers.",
                        "One corporate approach: buy once, use many times.",
                    ),
                    (
                        "Customers expect the digital service they get elsewhere and become "
                        "dissatisfied.",
                        "Design services around customers' needs and test them with customers.",
                    ),
                    (
                        "The programme needs money and people not yet identified.",
                        "A business case for each project, capital bids through the capital "
                        "assets committee, and review of every project by the digital board.",
                    ),
                ),
            ],
        ),
    ),
}

REPORT_CONSULTANCY = {
    "subject": "Consultancy - Neutral Vendor Service",
    "cabinet_member": WHITEHEAD,
    "key_decision": True,
    "report_author": "Greg Lewis, Places Category Manager",
    "executive_summary": p(
        "The council buys consultancy and specialist professional services in many different "
        "ways, so it is hard to see what it spends or to be sure of value for money. New rules "
        "on off-payroll working (IR35) also expose the council to tax penalties if it assesses "
        "contractors wrongly.",
        "This report proposes one route for buying these services: a framework set up by the "
        "North Eastern Purchasing Organisation (NEPO) and run by a neutral vendor, Bloom.",
    ),
    "proposals": p(
        "That the Cabinet approves the award of consultancy services to Bloom through a "
        "call-off agreement under the NEPO framework, starting in autumn 2017, and delegates "
        "the completion and signing of the call-off contract to the Associate Director for "
        "Corporate Services."
    ),
    "reasons_for_proposals": p(
        "To give the council control of, and better value from, what it spends on consultancy "
        "and specialist professional services, and to manage the IR35 risk."
    ),
    "body": report_body(
        (
            "Background",
            [
                "Public bodies must now decide whether contractors who work through their own "
                "companies should be taxed as employees. Buying consultancy case by case leaves "
                "every manager to make that judgement.",
                "In May 2016 the corporate leadership team agreed to look for a single route for "
                "buying consultancy. The work was paused while the neutral vendor contract for "
                "agency staff was replaced.",
            ],
        ),
        (
            "What the council spends",
            [
                table(
                    "Spending coded to consultants' fees (general ledger code 433010)",
                    [("text", "Financial year"), ("numeric", "Spend (£ million)")],
                    [("2014-15", "6.247"), ("2015-16", "5.334"), ("2016-17", "4.536")],
                ),
                "These figures are uncertain: some consultancy is coded elsewhere and some "
                "spending coded here is not consultancy. Correcting the coding is part of this "
                "proposal.",
            ],
        ),
        (
            "How a neutral vendor works",
            [
                "For each need, Bloom runs a mini-competition among registered suppliers; the "
                "council chooses the winner and Bloom contracts with it. Suppliers can join at "
                "any time, including small local firms and sole traders.",
                "Bloom charges suppliers 5% of their fees. Competition should more than make "
                "up for this: councils using the framework report savings of 9% to 14% "
                "(Northumberland 9%, Durham 9.7%, Central Bedfordshire 10%, Bath and North East "
                "Somerset 13% and Cumbria 14%).",
            ],
        ),
        (
            "Options considered",
            [
                "Doing nothing would leave spending fragmented and the IR35 risk unmanaged. A "
                "council tender would be slow and add nothing to a compliant framework that "
                "already exists. Two other frameworks, Crown Commercial Service's ConsultancyOne "
                "and YPO's, have closed supplier lists and would not let the council bring its "
                "current suppliers with it. Bloom's open framework is recommended.",
            ],
        ),
        (
            "Legal implications",
            [
                "The route complies with the Public Contracts Regulations 2015. Because the "
                "spending exceeds the thresholds in Part 10 of the constitution (£1 million a "
                "year, or £4 million in total), the award is a key decision for the Cabinet.",
            ],
        ),
        (
            "Risks",
            [
                risks(
                    (
                        "Officers keep choosing single suppliers, so no savings are made.",
                        "Clear backing from senior officers and councillors, and management "
                        "reports that show who asks for single-source suppliers.",
                    ),
                    (
                        "Officers are not used to writing briefs based on milestones, so Bloom "
                        "rejects requests and work is delayed.",
                        "Training for officers and agreed ways of working before launch.",
                    ),
                    (
                        "Bloom's online portal does not suit every service from the first day.",
                        "Start with a paper-based process where needed, as other councils did.",
                    ),
                ),
                (
                    "inset",
                    {
                        "text": "The commercial terms of the call-off agreement are in an "
                        "exempt appendix, considered in private as item 14."
                    },
                ),
            ],
        ),
    ),
}


# --- the Cabinet on 20 June 2017: agenda and minutes 69 to 88 ----------------------------------

CABINET_20_JUNE = dt.date(2017, 6, 20)
PUBLISHED_20_JUNE_DECISIONS = dt.date(2017, 6, 23)

# One entry per agenda item, in order; minute numbers run from 69 (the committee's first).
# "part2" items carry the Schedule 12A paragraph; their minutes publish only the resolution.
MINUTES_20_JUNE = [
    {
        "title": "Apologies",
        "discussion": p("Every member of the Cabinet was present, so there were no apologies."),
    },
    {
        "title": "Minutes of the previous meeting",
        "discussion": p("The Cabinet considered the minutes of its meeting on 23 May 2017."),
        "resolved": p(
            "To approve the minutes of 23 May 2017 as a correct record, for the Leader to sign."
        ),
    },
    {"title": "Declarations of interest", "discussion": p("No interests were declared.")},
    {
        "title": "Leader's announcements",
        "discussion": p(
            "The Leader spoke of the deaths of two soldiers based in Wiltshire, Corporal "
            "Matthew Hatfield and Corporal Darren Neilson, and said she would write to their "
            "families.",
            "She referred to the recent tragedies in the Finsbury and Kensington and Chelsea "
            "areas of London and said the council would offer help where it could. At her "
            "invitation the Cabinet members responsible for public protection and for housing "
            "described what the council had done so far and what it would do next.",
            "Because so many members of the public had come for it, the Leader brought forward "
            "the item on the Wiltshire Housing Site Allocations Plan.",
        ),
    },
    {
        "title": "Public participation and questions from councillors",
        "discussion": p(
            "All the public questions and statements concerned the housing site allocations "
            "plan and are recorded under minute 80."
        ),
    },
    {
        "title": "Performance Management and Risk Outturn Report: Q4 2016/17",
        "discussion": p(
            "Councillor Philip Whitehead presented the report on progress against the aims of "
            "the business plan from January to March 2017. It covered the measures on the "
            "Citizens' Dashboard, other key measures and the latest strategic risk register.",
            "Members discussed how the risk register could link more clearly to the new "
            "business plan, the council's good employment rate, why naming risks is a strength, "
            "risks such as pandemic flu that are hard to reduce, how library use is changing, "
            "the rise in reports of streetscene problems, how area board grants are monitored, "
            "and how the register is kept up to date. Questions on crime statistics were "
            "referred to the Police and Crime Panel.",
            "Councillor Wickham would reply in writing on how many parishes have emergency "
            "plans, and would look at data protection when sharing information about "
            "vulnerable people. Councillor Sturgis would reply in writing on how carbon "
            "reduction features in the risk register and on the cost of planning appeals.",
        ),
        "resolved": ul(
            "the outturns against the measures and activities for the council's key outcomes; and",
            "the updates to the strategic risk register.",
            intro="To note:",
        ),
        "reason": p(
            "The performance framework tracks progress towards the outcomes in the business "
            "plan, drawing on every service's delivery plan. The strategic risk register tracks "
            "the significant risks to services, to the council as a whole and from national "
            "emergencies."
        ),
    },
    {
        "title": "Draft Statement of Accounts and Revenue Outturn 2016/17",
        "discussion": p(
            "Councillor Philip Whitehead presented the unaudited outturn for 2016/17 for the "
            "General Revenue Fund, the Housing Revenue Account, the Collection Fund and "
            "reserves, and the unaudited Statement of Accounts, which has a new, easier to read "
            "format.",
            "Replying to Councillor Ian Thorn, Councillor Whitehead said that for a council of "
            "this size a variance of 1% was within expectations. The Housing Revenue Account "
            "had benefited from better rent collection than forecast, and there were plans to "
            "invest in more social housing. Councillor Bridget Wayman would reply in writing to "
            "Councillor Gavin Grant's question about waste and recycling.",
        ),
        "resolved": ul(
            "an underspend, subject to audit, of £0.328 million on the General Revenue Fund and "
            "£1.716 million on the Housing Revenue Account, with the transfers to reserves set "
            "out in the report; and",
            "the unaudited Statement of Accounts for 2016/17.",
            intro="To note:",
        ),
        "reason": p(
            "The Cabinet must review the final revenue outturn and its effect on the council's "
            "longer-term financial standing."
        ),
    },
    {
        "title": "Annual Governance Statement 2016/17",
        "discussion": p(
            "Councillor Philip Whitehead presented the draft Annual Governance Statement for "
            "comment before the Audit Committee is asked to approve it in July."
        ),
        "resolved": ul(
            "To comment on the draft statement at Appendix 1; and",
            "To note that the draft will be revised in the light of those comments before the "
            "Audit Committee approves it and it is published with the Statement of Accounts.",
        ),
        "reason": p("The audit and accounts regulations require the statement to be published."),
    },
    {
        "title": "Capital Monitoring Outturn 2016/2017",
        "discussion": p(
            "Councillor Philip Whitehead presented the final position of the 2016/17 capital "
            "programme. The section 151 officer would reply in writing to Councillor Ian Thorn "
            "about why budgets had been moved between years, and would raise carbon reduction "
            "with the Financial Planning Task Group. Replying to Councillor Tony Jackson, he "
            "said every community asset transfer apart from the CCTV scheme had been cost "
            "neutral."
        ),
        "resolved": ul(
            "To note the budget movements and the final outturn of the 2016/17 capital "
            "programme; and",
            "To note that £5.018 million has been moved from 2016/17 to 2017/18.",
        ),
        "reason": p("To report the capital programme's position at 31 March 2017."),
    },
    {
        "title": "Annual Reports on Treasury Management 2016/2017",
        "discussion": p(
            "Councillor Philip Whitehead presented the year's performance against the treasury "
            "management strategy."
        ),
        "resolved": p(
            "To note the prudential and treasury indicators for 2016/17 against the actual "
            "position, and the year's investments against the annual investment strategy."
        ),
        "reason": p(
            "The Prudential Code and CIPFA's treasury management code require the Cabinet to "
            "review performance against the strategy."
        ),
    },
    {
        "title": "Business Plan",
        "discussion": p(
            "The Leader presented the draft Business Plan 2017-27, the council's overall "
            "strategy for the next ten years. Members discussed consultation with scrutiny and "
            "the Public Services Board, continuity with earlier plans, links to service plans, "
            "partnership working, devolution, volunteering, digital services and charging for "
            "some services commercially.",
            "Councillor Ian Thorn welcomed the plan's ambition but wanted to see the finances "
            "behind it; the Leader said a financial plan would be produced with it, and that "
            "carbon reduction ran through all the council's business. Replying to Councillor "
            "Gavin Grant, the Leader said the Local Enterprise Partnership had identified new "
            "stations at Corsham, Royal Wootton Bassett and Wilton as priorities for "
            "government capital, and that a university for Wiltshire remained an aspiration "
            "that would need a business and university partner.",
        ),
        "resolved": ul(
            "To ask Overview and Scrutiny and the council's key partners for their views on "
            "the draft Business Plan; and",
            "To review the feedback on 3 July 2017, before a final draft goes to full Council "
            "on 11 July 2017.",
        ),
        "reason": p("To let people give their views as part of the consultation."),
    },
    {
        "title": "Wiltshire Housing Site Allocations Plan",
        "discussion": p(
            "Councillor Toby Sturgis presented the draft plan and asked for authority to "
            "consult on it. Written questions and statements from Al Wright, Richard "
            "Greenwood, Nick Parker and Councillor Tony Jackson would be answered. George "
            "Bunting, Councillor Roger Evans, Mr Hill, Bill Johnson, Councillor Bob Price, "
            "Janice Cadby and Lance Allen spoke.",
            "Speakers were concerned about the effect on the rural character of villages, "
            "wanted brownfield land used first, were frustrated at how slowly developers build "
            "sites that already have permission, and asked about older residents, neighbourhood "
            "plans, wildlife, infrastructure, and whether a new town could meet the need. The "
            "Leader said Councillor Francis Morland would receive a written answer on housing "
            "completions and the shortfall in the housing market area.",
            "Councillor Sturgis urged everyone to take part in the consultation and to bring "
            "evidence for any alternative sites. The Leader said extra consultation would be "
            "considered in particular areas if needed. Councillors Steve Oldrieve and Horace "
            "Prickett spoke about greenfield sites and conflicts with existing local plan "
            "policies. Councillor Sturgis told Councillor Jon Hubbard that the plan could still "
            "change at Cabinet and Council, though major changes would need more consultation "
            "before examination. Councillor Chuck Berry set out the benefits of new homes.",
        ),
        "resolved": ol(
            "To approve for consultation the draft plan set out in Appendix 1, subject to the "
            "minor changes allowed for below; and",
            "To give the Associate Director for Economic Development and Planning authority, "
            "after consulting the Cabinet Member for Planning and Strategic Asset Management, "
            "to make minor changes for clarity and accuracy before publication, and to run the "
            "statutory consultation for ten weeks from the week beginning 10 July 2017.",
        ),
        "reason": p(
            "To keep Wiltshire's development plan up to date, in line with the Local "
            "Development Scheme and the law. After consultation, Council must approve the plan "
            "before it is submitted to the Secretary of State for examination."
        ),
    },
    {
        "title": "Recommissioning of the Wiltshire Substance Misuse Service",
        "discussion": p(
            "Councillor Jerry Wickham presented the proposal to buy one adult substance "
            "misuse service covering both Wiltshire and Swindon, and confirmed Swindon's "
            "commitment to joint procurement. The Cabinet took the decision in private "
            "(minute 87) so that it could consider the exempt financial information."
        ),
    },
    {
        "title": "Wiltshire Domestic Abuse Support Services Procurement",
        "discussion": p(
            "Councillor Jerry Wickham presented the proposal to buy one integrated domestic "
            "abuse support service, including refuges, to replace contracts that end on 31 "
            "March 2018. He confirmed to Councillor Ian Thorn that it would support people of "
            "all genders. The Cabinet took the decision in private (minute 86)."
        ),
    },
    {
        "title": "Proposed Alignment of Council Structure to the New Business Plan",
        "discussion": p(
            "The Leader presented the proposal to change the council's top management tier so "
            "that it has the capacity to deliver the new business plan. There were no "
            "questions, and the Cabinet moved to consider the detail in private (minute 88)."
        ),
        "resolved": p("To consider the proposed structure at tier 1 in private."),
        "reason": p(
            "Less government funding and rising demand mean the council's structure must match "
            "the priorities of the new business plan and give it the strategic capacity to "
            "meet the challenges ahead."
        ),
    },
    {"title": "Urgent items", "discussion": p("There were no urgent items.")},
    {
        "title": "Exclusion of the press and public",
        "resolved": p(
            "To exclude the public for minutes 86 to 88 under section 100A(4) of the Local "
            "Government Act 1972, because exempt information under paragraphs 3 (financial or "
            "business affairs) and 5 (legal professional privilege) of Part 1 of Schedule 12A "
            "would be disclosed, and the public interest in keeping it private outweighs the "
            "public interest in disclosing it. No representations had been received."
        ),
    },
    {
        "title": "Wiltshire Domestic Abuse Support Services Procurement",
        "part2": 3,
        "resolved": ol(
            "To procure domestic abuse support services on a five-year agreement (three years "
            "with an option of two more).",
            "To delegate the award of the contract to the Corporate Director, after consulting "
            "the Cabinet Member for Public Health and Public Protection, the Associate Director "
            "for Legal and Governance and the Associate Director for Finance.",
            "To delegate to the Corporate Director the signing of the new contract.",
        ),
    },
    {
        "title": "Recommissioning of the Wiltshire Substance Misuse Service",
        "part2": 3,
        "resolved": ol(
            "To approve a tender, subject to Swindon's approval, for a new adult substance "
            "misuse treatment service across Wiltshire for three years (2018 to 2021), with the "
            "option of two more years.",
            "To include a supported housing lot alongside the main contract.",
            "To delegate the award of contracts within the agreed financial envelope to the "
            "Corporate Director, after consulting the Cabinet Member for Public Health and "
            "Public Protection, the Associate Director for Legal and Governance and the "
            "Associate Director for Finance.",
        ),
    },
    {
        "title": "Proposed Alignment of Council Structure to the New Business Plan",
        "part2": 5,
        "resolved": ol(
            "To approve the changes to the top tier (corporate directors) in Appendix 1, with "
            "services below that level to be aligned by the corporate directors with the head "
            "of paid service, after consulting the Leader and Cabinet.",
            "To recommend that full Council approves the changes to the designation of the "
            "statutory officer roles.",
            "To note that consultation on the new structure starts at once, that the current "
            "corporate directors will then be redeployed into it, how the vacant posts will be "
            "recruited to (the joint post with the clinical commissioning group being "
            "advertised externally), and that a further report in the autumn will cover the "
            "second tier.",
        ),
    },
]
ALSO_PRESENT_SLUGS = [row[0] for row in ALSO_PRESENT]


def cabinet_20_june_items():
    """Agenda items for 20 June 2017, numbered 1 to 20 to match minutes 69 to 88."""
    items = []
    for number, minute in enumerate(MINUTES_20_JUNE, start=1):
        paragraph = minute.get("part2")
        items.append(
            AgendaItem(
                number=str(number),
                title=minute["title"],
                part=PART_II if paragraph else "1",
                exempt_paragraph=paragraph,
            )
        )
    return items


def minutes_20_june_blocks():
    """Minutes 69 to 88 as MinuteBlock values; Part II minutes show only the resolution."""
    blocks = []
    for number, minute in enumerate(MINUTES_20_JUNE, start=1):
        exempt = bool(minute.get("part2"))
        blocks.append(
            (
                "minute",
                {
                    "title": minute["title"] + (" (Part II)" if exempt else ""),
                    "agenda_item_number": str(number),
                    "exempt": exempt,
                    "discussion": "" if exempt else minute.get("discussion", ""),
                    "resolved": minute.get("resolved", ""),
                    "reason_for_decision": "" if exempt else minute.get("reason", ""),
                },
            )
        )
    return blocks


# --- papers for the Cabinet on 3 July 2017 ------------------------------------------------------


def minutes_pdf_blocks():
    """The draft minutes of 20 June 2017 as text, as circulated with the 3 July agenda."""
    blocks = [
        "Draft minutes: Cabinet, Tuesday 20 June 2017, Kennet Room, County Hall, Trowbridge. "
        "For confirmation at the meeting on 3 July 2017.",
    ]
    for number, minute in enumerate(MINUTES_20_JUNE, start=69):
        blocks.append(("heading", f"{number}. {minute['title']}"))
        if not minute.get("part2") and minute.get("discussion"):
            blocks.append(plain(minute["discussion"]))
        if minute.get("resolved"):
            blocks.append("Resolved: " + plain(minute["resolved"]))
    return blocks


def business_plan_appendix_blocks():
    """The text of the draft Business Plan 2017-27 appendix, with the searchable sentence."""
    return [
        ("heading", "Our vision: strong communities"),
        BUSINESS_PLAN_PDF_SENTENCE,
        ("heading", "Growing the economy"),
        "Highly skilled jobs; housing and environment; transport and infrastructure.",
        ("heading", "Strong communities"),
        "Community wellbeing; safe communities; personal wellbeing.",
        ("heading", "Protecting the vulnerable"),
        "Early intervention; joined-up health and care; empowering and safeguarding "
        "families and individuals.",
        ("heading", "An innovative and effective council"),
        "Working with partners, the council will save £45 million by 2021, put more "
        "services online, trade more of its services, and share buildings with other "
        "public bodies through the One Wiltshire Estate.",
    ]


def ensure_documents_2017():
    """Reports and appendices for 3 July 2017 as real PDF and Word files, plus the exempt
    appendix, which is held in the restricted Part II collection and never served."""
    suffix = " (Cabinet, 3 July 2017)"
    docs = {
        "minutes": pdf_document("Draft minutes of the Cabinet, 20 June 2017", minutes_pdf_blocks()),
        "childrens": pdf_document(
            "Report - Children's Services Integration Project" + suffix,
            report_pdf_blocks(REPORT_CHILDRENS_SERVICES),
        ),
        "adoption": pdf_document(
            "Report - Adoption Agency Annual Update 2017" + suffix,
            [
                ("heading", "Summary"),
                "The council is a registered adoption agency and must report to the Cabinet "
                "on its work every six months and at the end of each year. This report covers "
                "1 April 2016 to 31 March 2017.",
                "Ofsted judged children's services, including adoption, as requires "
                "improvement in July 2015, pointing to the time taken to assess adopters and "
                "match them with children, and to place children with complex needs.",
                "In 2016/17 there were 33 adoption orders and 26 families were approved to "
                "adopt, up from 22 orders and 13 approvals in 2015/16.",
                "Future improvement centres on Adoption West, a regional adoption agency being "
                "designed by six councils and several voluntary adoption agencies.",
                ("heading", "Proposal"),
                "That the Cabinet notes and accepts the report.",
            ],
        ),
        "cse": pdf_document(
            "Report - CSE Action Plan Update" + suffix,
            [
                ("heading", "Summary"),
                "The council's work against child sexual exploitation follows the three "
                "themes of the safeguarding children boards' strategy: prevent, protect and "
                "pursue. The Cabinet asked for this update on 19 July 2016.",
                ("heading", "Proposal"),
                "That the Cabinet notes the progress made against the action plan since July "
                "2016. Keeping oversight at the highest level keeps exploitation a priority.",
            ],
        ),
        "business_plan_report": pdf_document(
            "Report - Draft Business Plan 2017-2027" + suffix,
            report_pdf_blocks(REPORT_BUSINESS_PLAN),
        ),
        "business_plan_appendix": pdf_document(
            "Appendix 1 - Draft Business Plan 2017-27", business_plan_appendix_blocks()
        ),
        "people_report": pdf_document(
            "Report - People Strategy 2017-2027" + suffix,
            report_pdf_blocks(REPORT_PEOPLE_STRATEGY),
        ),
        "people_appendix": ensure_document(
            "Appendix 1 - Proposed People Strategy 2017-2027",
            "people-strategy-2017-2027.docx",
            lambda: docx_bytes(
                "Appendix 1 - Proposed People Strategy 2017-2027",
                [
                    "Our people strategy explains how we will look after our most important "
                    "asset, the people who work for the council, so that together we build "
                    "stronger communities.",
                    ("heading", "Our values"),
                    "Empowering people, innovation and collaboration: EPIC.",
                    ("heading", "Attracting and recruiting"),
                    "Creative recruitment campaigns, apprenticeships at every level and "
                    "selection based on values as well as skills.",
                    ("heading", "Engaging and recognising"),
                    "A staff engagement plan, the #EPIC group and a refreshed behaviours "
                    "framework.",
                    ("heading", "Developing and retaining"),
                    "Management and leadership programmes, and an appraisal for everyone.",
                ],
            ),
        ),
        "digital_report": pdf_document(
            "Report - Draft Digital Strategy 2017-2021" + suffix,
            report_pdf_blocks(REPORT_DIGITAL_STRATEGY),
        ),
        "digital_appendix_a": pdf_document(
            "Appendix A - Draft Digital Strategy 2017-2021",
            [
                ("heading", "Digital by choice"),
                "Customers can find information, apply, book, pay and report online at any "
                "time, and follow progress without phoning us. Those who prefer to phone or "
                "visit are served by staff using the same systems.",
                ("heading", "Design principles"),
                "We follow the national digital service standard and design for accessibility "
                "from the start. We buy once and use many times.",
            ],
        ),
        "digital_appendix_b": pdf_document(
            "Appendix B - Addendum to the Draft Digital Strategy",
            [
                "Changes to the draft digital strategy agreed after the review by the Digital "
                "Strategy and Implementation Task Group, reported to the Overview and Scrutiny "
                "Management Committee on 21 June 2017.",
                "The task group will continue to oversee the strategy, see the draft tender "
                "for the new platform and receive regular progress reports.",
            ],
        ),
        "consultancy_report": pdf_document(
            "Report - Consultancy - Neutral Vendor Service" + suffix,
            report_pdf_blocks(REPORT_CONSULTANCY),
        ),
        "consultancy_exempt": pdf_document(
            "Exempt appendix - Consultancy - Neutral Vendor Service commercial terms",
            [
                "NOT FOR PUBLICATION: exempt under paragraph 3 of Part 1 of Schedule 12A to "
                "the Local Government Act 1972 (financial or business affairs).",
                "Demo content: this appendix stands in for the commercial terms of a call-off "
                "agreement. It is held in the exempt papers collection and must never be "
                "served to the public.",
            ],
            collection=exempt_collection(),
        ),
    }
    return docs


def cabinet_3_july_items(rule, entries, docs):
    """The 13 numbered Part I items of 3 July 2017 and the Part II item, with page ranges,
    report authors, key decision flags, forward plan links, papers and HTML reports."""
    start = at(CABINET_3_JULY, 9, 30)
    closes = deadlines.format_deadline(
        deadlines.participation_deadline(
            start, rule.clear_working_days, rule.deadline_time, closure_dates()
        )
    )
    godfrey = "Corporate Director, Carolyn Godfrey"
    brand = "Corporate Director, Dr Carlton Brand"
    return [
        AgendaItem(number="1", title="Apologies"),
        AgendaItem(
            number="2",
            title="Minutes of the previous meeting",
            pages="5 - 18",
            description=p(
                "To confirm the minutes of the Cabinet meeting on 20 June 2017 as a correct "
                "record, for the Leader to sign."
            ),
            papers=[paper("minutes", docs["minutes"])],
        ),
        AgendaItem(
            number="3",
            title="Declarations of interest",
            description=p(
                "To receive any declarations of disclosable interests, and any dispensations "
                "granted by the Standards Committee."
            ),
        ),
        AgendaItem(number="4", title="Leader's announcements"),
        AgendaItem(
            number="5",
            title="Public participation and questions from councillors",
            description=p(
                "Members of the public may ask a question or make a statement, and councillors "
                f"may ask questions. Tell Democratic Services in writing by {closes}."
            ),
        ),
        AgendaItem(
            number="6",
            title="Children's Services Integration Project",
            pages="19 - 40",
            report_by=godfrey,
            papers=[paper("report", docs["childrens"], "Report")],
            report=[("report", REPORT_CHILDRENS_SERVICES)],
        ),
        AgendaItem(
            number="7",
            title="Adoption Agency Annual Update 2017",
            pages="41 - 60",
            report_by=godfrey,
            papers=[paper("report", docs["adoption"], "Report")],
        ),
        AgendaItem(
            number="8",
            title="Wiltshire Council CSE Action Plan Update",
            pages="61 - 68",
            report_by=godfrey,
            papers=[paper("report", docs["cse"], "Report")],
        ),
        AgendaItem(
            number="9",
            title="Draft Business Plan",
            pages="69 - 90",
            report_by="Corporate Directors, Carolyn Godfrey and Dr Carlton Brand",
            is_key_decision=True,
            forward_plan_entry=entries["business_plan"],
            papers=[
                paper("report", docs["business_plan_report"], "Report"),
                paper("appendix", docs["business_plan_appendix"]),
            ],
            report=[("report", REPORT_BUSINESS_PLAN)],
        ),
        AgendaItem(
            number="10",
            title="People Strategy",
            pages="91 - 106",
            report_by=brand,
            is_key_decision=True,
            forward_plan_entry=entries["people_strategy"],
            papers=[
                paper("report", docs["people_report"], "Report"),
                paper("appendix", docs["people_appendix"]),
            ],
            report=[("report", REPORT_PEOPLE_STRATEGY)],
        ),
        AgendaItem(
            number="11",
            title="Digital Strategy",
            pages="107 - 138",
            report_by=brand,
            is_key_decision=True,
            forward_plan_entry=entries["digital_strategy"],
            papers=[
                paper("report", docs["digital_report"], "Report"),
                paper("appendix", docs["digital_appendix_a"]),
                paper("appendix", docs["digital_appendix_b"]),
            ],
            report=[("report", REPORT_DIGITAL_STRATEGY)],
        ),
        AgendaItem(
            number="12",
            title="Consultancy - Neutral Vendor Service",
            pages="139 - 150",
            report_by=brand,
            is_key_decision=True,
            forward_plan_entry=entries["consultancy"],
            papers=[paper("report", docs["consultancy_report"], "Report")],
            report=[("report", REPORT_CONSULTANCY)],
        ),
        AgendaItem(
            number="13",
            title="Urgent items",
            description=p("Any other business that the Leader accepts as urgent."),
        ),
        AgendaItem(
            number="14",
            title="Consultancy - Neutral Vendor Service: exempt appendix",
            report_by=brand,
            part=PART_II,
            exempt_paragraph=3,
            # The same decision as item 12: so the forward plan shows it is taken in private.
            forward_plan_entry=entries["consultancy"],
            papers=[paper("appendix", docs["consultancy_exempt"], "Exempt appendix")],
        ),
    ]


# --- the 2017 Cabinet meetings, minutes and decisions ------------------------------------------


def ensure_cabinet_2017(cabinet, councillors, venues, rules, entries):
    """The Cabinet of 20 June 2017 (with confirmed minutes 69 to 88) and of 3 July 2017."""
    june = ensure_page(
        cabinet,
        "2017-06-20",
        lambda: MeetingPage(
            title="Cabinet, 20 June 2017",
            start=at(CABINET_20_JUNE, 9, 30),
            end=at(CABINET_20_JUNE, 13, 55),
            venue=venues["kennet"],
            agenda_is_published=True,
            agenda_published_at=at((2017, 6, 9), 16, 0),
            agenda_items=in_order(cabinet_20_june_items()),
        ),
        published_at=(at((2017, 6, 9), 16, 0),),
    )
    july = ensure_page(
        cabinet,
        "2017-07-03",
        lambda: MeetingPage(
            title="Cabinet, 3 July 2017",
            start=at(CABINET_3_JULY, 9, 30),
            venue=venues["kennet"],
            agenda_is_published=True,
            agenda_published_at=AGENDA_3_JULY_PUBLISHED,
            agenda_items=in_order(
                cabinet_3_july_items(rules["cabinet"], entries, ensure_documents_2017())
            ),
        ),
        published_at=(AGENDA_3_JULY_PUBLISHED,),
    )

    def build_minutes():
        """The confirmed minutes, with attendance, built only if they are missing."""
        minutes = MinutesPage(
            title="Minutes of the Cabinet, 20 June 2017",
            minutes_status=MinutesPage.CONFIRMED,
            confirmed_at=july,
            chair_note="Cllr Baroness Scott of Bybrook OBE (Chairman)",
            officers_present=(
                "Monitoring Officer (for the exempt items)\nHead of Human Resources (for the "
                "exempt items)\nDemocratic Governance Manager (for the exempt items)"
            ),
            started_at=dt.time(9, 30),
            ended_at=dt.time(13, 55),
            minutes=minutes_20_june_blocks(),
        )
        minutes.present.set([councillors[slug] for slug, _, _ in CABINET_ROLES])
        minutes.also_present.set([councillors[slug] for slug in ALSO_PRESENT_SLUGS])
        return minutes

    # Published as a draft with the 3 July agenda, and confirmed at that meeting.
    ensure_page(june, "minutes", build_minutes, published_at=(AGENDA_3_JULY_PUBLISHED, july.start))
    return june, july


def ensure_decision(title, decision_date, **fields):
    """Return the decision with this title and date, creating and publishing it if missing.

    `published_on` is set before publishing so that the call-in and effective dates that
    `Decision.save()` computes follow the historical publication date, and the decision
    is backdated to it.
    """
    existing = Decision.objects.filter(title=title, decision_date=decision_date).first()
    if existing is not None:
        return existing
    decision = Decision(title=title, decision_date=decision_date, live=False, **fields)
    decision.save()
    decision = publish(decision)
    return backdate(decision, at(decision.published_on, 0, 0))


def ensure_decisions_2017(cabinet, june, july, entries):
    """The decisions of 20 June 2017 (published 23 June, in force 3 July) and the key
    decisions of 3 July 2017 (published 5 July)."""

    def item(meeting, number):
        """The agenda item a decision records, by its printed number (None if removed)."""
        return meeting.agenda_items.filter(number=str(number)).first()

    common = {
        "maker_type": "executive",
        "decision_maker": "Cabinet",
        "committee": cabinet,
    }
    # (agenda item, title, item whose minute holds the resolution, reasons if not minuted)
    june_decisions = [
        (12, "Draft Wiltshire Housing Site Allocations Plan approved for consultation", 12, ""),
        (
            11,
            "Draft Business Plan 2017-27: feedback to be sought from scrutiny and partners",
            11,
            "",
        ),
        (7, "Revenue outturn 2016/17 and draft Statement of Accounts noted", 7, ""),
        (9, "Capital programme outturn 2016/17 noted", 9, ""),
        (
            13,
            "Adult substance misuse service to be recommissioned with Swindon",
            19,
            p(
                "The council must act to improve its residents' health, including by reducing "
                "drug and alcohol misuse. Procurement must start now for the new service to "
                "begin on 1 April 2018, and buying jointly with Swindon will save money."
            ),
        ),
        (
            14,
            "Domestic abuse support services to be procured",
            18,
            p(
                "Domestic abuse is a public health priority that does lasting harm to health "
                "and wellbeing. The current contracts end on 31 March 2018."
            ),
        ),
        (15, "Top-tier management structure aligned to the new business plan", 20, ""),
    ]
    for number, title, resolved_at, reasons in june_decisions:
        ensure_decision(
            title,
            CABINET_20_JUNE,
            meeting=june,
            agenda_item=item(june, number),
            decision=MINUTES_20_JUNE[resolved_at - 1]["resolved"],
            reasons=reasons or MINUTES_20_JUNE[number - 1]["reason"],
            published_on=PUBLISHED_20_JUNE_DECISIONS,
            **common,
        )

    published_3_july = dt.date(2017, 7, 5)
    july_decisions = [
        (
            6,
            "Children's social care innovation grant: acceptance delegated",
            None,
            p(
                "To delegate to the Corporate Director for Children's Services, after "
                "consulting the Cabinet Member for Children, Education and Skills, the "
                "acceptance of any grant offered by the Department for Education."
            ),
            REPORT_CHILDRENS_SERVICES,
            p(
                "Refusing a grant offer was rejected because the volunteering scheme could not "
                "go ahead without it. Keeping the decision for the Cabinet was rejected because "
                "it would delay accepting an offer."
            ),
        ),
        (
            9,
            "Business Plan 2017-2027 recommended to full Council",
            "business_plan",
            p(
                "To note the feedback from overview and scrutiny and from partners, and to "
                "recommend the Business Plan 2017-2027 to full Council on 11 July 2017 for "
                "approval."
            ),
            REPORT_BUSINESS_PLAN,
            "",
        ),
        (
            10,
            "People Strategy 2017-2027 supported",
            "people_strategy",
            p("To note the People Strategy 2017-2027 and support its delivery."),
            REPORT_PEOPLE_STRATEGY,
            p("No other options were considered."),
        ),
        (
            11,
            "Digital Strategy 2017-2021 adopted",
            "digital_strategy",
            p(
                "To adopt the Digital Strategy 2017-2021, including the changes in the "
                "addendum arising from the scrutiny task group's review."
            ),
            REPORT_DIGITAL_STRATEGY,
            p(
                "Carrying on without a strategy was rejected: it would lead to duplicated "
                "systems, missed savings and customers who are less satisfied."
            ),
        ),
        (
            12,
            "Consultancy and professional services to be bought through a neutral vendor",
            "consultancy",
            REPORT_CONSULTANCY["proposals"],
            REPORT_CONSULTANCY,
            p(
                "Doing nothing, running a council tender, and two frameworks with closed "
                "supplier lists (Crown Commercial Service's ConsultancyOne and YPO's) were "
                "considered and rejected for the reasons in the report."
            ),
        ),
    ]
    for number, title, entry_key, decision, report, alternatives in july_decisions:
        ensure_decision(
            title,
            CABINET_3_JULY,
            meeting=july,
            agenda_item=item(july, number),
            decision=decision,
            reasons=report["reasons_for_proposals"],
            alternatives_considered=alternatives,
            is_key_decision=bool(entry_key),
            forward_plan_entry=entries.get(entry_key) if entry_key else None,
            published_on=published_3_july,
            **common,
        )


# --- meetings coming up, dated relative to today ---------------------------------------------


def meeting_day(earliest, weekday, closures):
    """The first working day on or after `earliest` that falls on `weekday` (0 = Monday),
    so demo meetings never land on a bank holiday or the Christmas closure."""
    day = earliest
    while day.weekday() != weekday or not deadlines.is_working_day(day, closures):
        day += dt.timedelta(days=1)
    return day


def open_meeting_day(committee, earliest, weekday, hour, minute, closures, now):
    """The first suitable meeting day whose question deadline is still in the future."""
    day = meeting_day(earliest, weekday, closures)
    rule = committee.participation_rule
    while rule is not None:
        closes = max(dt_ for _, dt_ in rule.deadlines_for(at(day, hour, minute), closures))
        if deadlines.is_before_deadline(now, closes):
            break
        day = meeting_day(day + dt.timedelta(days=1), weekday, closures)
    return day


def financial_year(day):
    """'2027/28' style: the financial year (April to March) after the one containing `day`."""
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first + 1}/{str(first + 2)[2:]}"


def last_quarter(day):
    """The last complete quarter of the financial year before `day`, e.g. 'Q2 2026/27'."""
    quarter_end_month = ((day.month - 1) // 3) * 3  # 0, 3, 6 or 9
    year = day.year if quarter_end_month else day.year - 1
    month = quarter_end_month or 12
    first = year if month >= 4 else year - 1
    number = {6: 1, 9: 2, 12: 3, 3: 4}[month]
    return f"Q{number} {first}/{str(first + 1)[2:]}"


def standard_items(chair="Leader", closes=None):
    """The opening items every agenda has, numbered 1 to 5."""
    participation = "Members of the public may ask a question or make a statement."
    if closes is not None:
        participation += f" Tell Democratic Services in writing by {closes}."
    return [
        AgendaItem(number="1", title="Apologies"),
        AgendaItem(
            number="2",
            title="Minutes of the previous meeting",
            description=p("To confirm the minutes of the previous meeting as a correct record."),
        ),
        AgendaItem(number="3", title="Declarations of interest"),
        AgendaItem(number="4", title=f"{chair}'s announcements"),
        AgendaItem(number="5", title="Public participation", description=p(participation)),
    ]


def create_meeting(committee, day, hour, minute, **fields):
    """Create and publish a meeting on `day`, titled and at the address the model makes
    from its committee and date (`meeting_title_and_slug`)."""
    if "agenda_items" in fields:
        fields["agenda_items"] = in_order(fields["agenda_items"])
    title, slug = meeting_title_and_slug(committee.title, day)
    return ensure_page(
        committee,
        slug,
        lambda: MeetingPage(
            title=title,
            start=at(day, hour, minute),
            end=at(day, hour + 3, minute),
            **fields,
        ),
    )


def first_closing(committee, start, closures):
    """The first participation deadline for a meeting at `start`, in words, for the agenda."""
    rule = committee.participation_rule
    if rule is None:
        return None
    return deadlines.format_deadline(min(dt_ for _, dt_ in rule.deadlines_for(start, closures)))


def create_upcoming_cabinet(cabinet, venues, closures, now):
    """Two Cabinet meetings: one in about ten days with its agenda published (two key
    decisions, one with full notice and one under the general exception), one in about
    five weeks whose agenda is not yet published."""
    today = timezone.localdate(now)
    first_day = open_meeting_day(
        cabinet, today + dt.timedelta(days=10), TUESDAY, 9, 30, closures, now
    )
    fy = financial_year(first_day)
    highways = ensure_forward_plan_entry(
        f"Highways maintenance programme {fy}",
        decision_date=first_day,
        summary=(
            f"Approve the programme of road resurfacing, drainage and bridge repairs for {fy}, "
            "and delegate changes within the budget to the Director of Highways."
        ),
        decision_maker="Cabinet",
        committee=cabinet,
        portfolio="Cabinet Member for Highways, Transport and Waste",
        lead_officer="Head of Highways Asset Management",
        lead_officer_email="highways@wiltshire.gov.uk",
        documents="Report of the Director of Highways\nAppendix 1: Schemes by community area",
        first_published_on=today - dt.timedelta(days=60),
    )
    # General exception (reg. 10): notice to the scrutiny chair at least five clear working
    # days before the decision, because 28 days' notice was impracticable.
    notice_on = min(
        today - dt.timedelta(days=3),
        deadlines.clear_working_days_before(first_day, 5, closures),
    )
    housing = ensure_forward_plan_entry(
        "Purchase of homes for temporary accommodation",
        decision_date=first_day,
        summary=(
            "Buy a block of flats to house families who are homeless while a permanent home "
            "is found, instead of placing them in bed and breakfast."
        ),
        decision_maker="Cabinet",
        committee=cabinet,
        portfolio="Cabinet Member for Economic Development and Housing",
        lead_officer="Head of Housing Options",
        lead_officer_email="housing@wiltshire.gov.uk",
        documents="Report of the Director of Housing\nExempt appendix: purchase price",
        first_published_on=notice_on,
        general_exception_notice_on=notice_on,
        general_exception_published_on=notice_on,
        general_exception_scrutiny_chair="Cllr Graham Wright, Chairman of the Overview and "
        "Scrutiny Management Committee",
        general_exception_reason=(
            "The flats came onto the market after the forward plan was last published, and "
            "the seller wants an answer within six weeks. Waiting for 28 clear days' notice "
            "would lose the purchase."
        ),
    )
    report = pdf_document(
        f"Report - Highways maintenance programme {fy}",
        [
            ("heading", "Summary"),
            f"This report asks the Cabinet to approve the road maintenance programme for {fy}. "
            "Schemes are chosen by road condition surveys and by local priorities agreed with "
            "area boards.",
            ("heading", "Proposal"),
            "Approve the programme in Appendix 1 and delegate changes within the budget.",
        ],
    )
    closes = first_closing(cabinet, at(first_day, 9, 30), closures)
    first = create_meeting(
        cabinet,
        first_day,
        9,
        30,
        venue=venues["kennet"],
        agenda_is_published=True,
        agenda_items=[
            *standard_items("Leader", closes),
            AgendaItem(
                number="6",
                title=f"Performance and risk monitoring: {last_quarter(first_day)}",
                report_by="Chief Executive",
                pages="7 - 30",
            ),
            AgendaItem(
                number="7",
                title=f"Highways maintenance programme {fy}",
                report_by="Director of Highways",
                pages="31 - 52",
                is_key_decision=True,
                forward_plan_entry=highways,
                papers=[paper("report", report, "Report")],
            ),
            AgendaItem(
                number="8",
                title="Purchase of homes for temporary accommodation",
                report_by="Director of Housing",
                pages="53 - 64",
                is_key_decision=True,
                forward_plan_entry=housing,
                description=p(
                    "Less than 28 days' notice was given of this key decision; the general "
                    "exception notice is on the forward plan."
                ),
            ),
            AgendaItem(number="9", title="Urgent items"),
        ],
    )
    second_day = meeting_day(today + dt.timedelta(days=35), TUESDAY, closures)
    ensure_forward_plan_entry(
        "Local Cycling and Walking Infrastructure Plan",
        decision_date=second_day,
        summary=(
            "Adopt a ten-year plan for safer cycling and walking routes in the county's main "
            "towns, after public consultation."
        ),
        decision_maker="Cabinet",
        committee=cabinet,
        portfolio="Cabinet Member for Highways, Transport and Waste",
        lead_officer="Head of Sustainable Transport",
        documents="Report of the Director of Highways\nAppendix 1: the plan\nAppendix 2: "
        "consultation report",
        first_published_on=today - dt.timedelta(days=7),
    )
    create_meeting(cabinet, second_day, 9, 30, venue=venues["kennet"])
    return first


def create_upcoming_planning(planning, venues, closures, now):
    """Strategic Planning in about two weeks (agenda published) and a later meeting that
    has been moved by a week to Salisbury, so its calendar entry shows the change."""
    today = timezone.localdate(now)
    day = open_meeting_day(
        planning, today + dt.timedelta(days=14), WEDNESDAY, 10, 30, closures, now
    )
    closes = first_closing(planning, at(day, 10, 30), closures)
    meeting = create_meeting(
        planning,
        day,
        10,
        30,
        venue=venues["chamber"],
        agenda_is_published=True,
        agenda_items=[
            *standard_items("Chairman", closes),
            AgendaItem(
                number="6",
                title="Planning appeals update",
                report_by="Head of Development Management",
            ),
            AgendaItem(
                number="7",
                title="Outline application for up to 120 homes, a primary school and open space, "
                "land at Home Farm",
                report_by="Head of Development Management",
                pages="9 - 48",
                description=p(
                    "The officer recommends approval subject to a section 106 agreement."
                ),
            ),
            AgendaItem(number="8", title="Urgent items"),
        ],
    )

    original = meeting_day(today + dt.timedelta(days=49), WEDNESDAY, closures)
    later = create_meeting(planning, original, 10, 30, venue=venues["chamber"])
    moved_to = meeting_day(original + dt.timedelta(days=7), WEDNESDAY, closures)
    later = MeetingPage.objects.get(pk=later.pk)
    later.start = at(moved_to, 14, 0)
    later.end = at(moved_to, 17, 0)
    later.venue = venues["bourne_hill"]
    later.status_reason = (
        "Moved a week later, to the afternoon, and to Salisbury, so that the committee can "
        "visit the largest application site in the morning."
    )
    publish(later)
    return meeting


def create_upcoming_scrutiny(scrutiny, venues, closures, now):
    """Scrutiny in about three weeks (agenda not yet published) and a later meeting that
    has been cancelled, with its reason."""
    today = timezone.localdate(now)
    day = open_meeting_day(scrutiny, today + dt.timedelta(days=21), THURSDAY, 10, 30, closures, now)
    meeting = create_meeting(scrutiny, day, 10, 30, venue=venues["chamber"])
    cancelled_day = meeting_day(today + dt.timedelta(days=42), THURSDAY, closures)
    cancelled = create_meeting(scrutiny, cancelled_day, 10, 30, venue=venues["monkton_park"])
    cancelled = MeetingPage.objects.get(pk=cancelled.pk)
    cancelled.status = CANCELLED
    cancelled.status_reason = (
        "Cancelled because there is no business needing the committee this month. Its items "
        "move to the next meeting."
    )
    publish(cancelled)
    return meeting


def ensure_upcoming(committees, venues):
    """Future meetings for each committee that has none, so the site always looks live.

    A committee with any meeting from now on (live or draft, including a cancelled one) is
    left alone: that keeps repeated runs from adding meetings and never touches meetings an
    editor has made.
    """
    now = timezone.now()
    closures = closure_dates()
    builders = [
        (committees["cabinet"], create_upcoming_cabinet),
        (committees["planning"], create_upcoming_planning),
        (committees["scrutiny"], create_upcoming_scrutiny),
    ]
    for committee, build in builders:
        if MeetingPage.objects.child_of(committee).filter(start__gte=now).exists():
            continue
        build(committee, venues, closures, now)


# --- plans and strategies ----------------------------------------------------------------------


def business_plan_2013_body():
    """The Business Plan 2013-17 as structured blocks, from the facts of the draft plan."""
    money = [("text", "Line")] + [
        ("numeric", f"{year} (£m)") for year in ("2013-14", "2014-15", "2015-16", "2016-17")
    ]
    return [
        heading("About this plan"),
        (
            "paragraph",
            p(
                "Wiltshire Council became a unitary authority in 2009. In its first four years "
                "government funding fell by 28 per cent, yet the council invested £85 million "
                "in frontline services, delivered £100 million of savings to pay for it and did "
                "not raise council tax.",
                "This plan sets the council's direction for the four years to 2017: what it "
                "will achieve, the principles it will work by, the actions it will take and how "
                "it will know it is succeeding.",
            ),
        ),
        heading("Our vision"),
        ("vision", {"statement": "To create stronger and more resilient communities."}),
        heading("Our priorities"),
        (
            "paragraph",
            ul(
                "protect those who are most vulnerable;",
                "boost the local economy, creating and safeguarding jobs; and",
                "support communities and give them the power to do more for themselves.",
                intro="Three priorities stay at the centre of everything the council does:",
            )
            + p(
                "Some examples of progress so far: the Help to Live at Home scheme lets older "
                "people stay independent at home for longer; a new business park at "
                "Ludgershall supports start-up and growing firms; and area boards have given "
                "more than £4 million to over 1,700 community projects."
            ),
        ),
        heading("Our 12 key actions"),
        (
            "key_actions",
            {
                "heading": "Over the next four years we will",
                "actions": [
                    "Spend extra money from 2014 to 2017 to clear the backlog of road repairs",
                    "Grow the economy, including tourism, and create jobs with the Local "
                    "Enterprise Partnership",
                    "Give area boards a bigger role, with community-led ways of designing and "
                    "running services",
                    "Help every child and young person raise their attainment and skills and "
                    "reach their potential",
                    "Keep improving safeguarding to protect the most vulnerable people",
                    "Refurbish council homes and encourage more affordable housing, with "
                    "supported living in rural areas",
                    "Build on the Military Civilian Integration Partnership and make the most "
                    "of the Army rebasing plan",
                    "Hand town and parish councils cost-neutral packages of land, assets and "
                    "services",
                    "Create a campus in every community area",
                    "Make public health central to every public service",
                    "Work in new ways that cut the budget by at least £120 million over four years",
                    "Develop the knowledge, skills, behaviours and leadership of staff, "
                    "managers and councillors",
                ],
            },
        ),
        heading("Outcomes for Wiltshire"),
        (
            "paragraph",
            p(
                "Stronger and more resilient communities depend on six outcomes, which public "
                "services and communities will work towards together. Protecting vulnerable "
                "people, promoting health and wellbeing, and public services working together "
                "run through all of them."
            ),
        ),
        (
            "outcome",
            {
                "title": "Outcome 1: People work together to solve problems locally and take "
                "part in decisions that affect them",
                "why_important": p(
                    "With less public money, people need the power to solve problems where they "
                    "live. People who feel they belong are happier and healthier and need fewer "
                    "services, and involving them in designing services costs less and works "
                    "better."
                ),
                "actions": p(
                    "Give area boards more decisions to take, and hand land, buildings and "
                    "services to town and parish councils."
                ),
            },
        ),
        (
            "outcome",
            {
                "title": "Outcome 2: Everyone lives in a high-quality environment",
                "why_important": p(
                    "A good environment, close to jobs, services and green space, supports "
                    "health and wellbeing. Wiltshire's countryside and heritage are valuable to "
                    "its economy and must be protected while the county grows sustainably."
                ),
                "actions": p(
                    "Encourage 2,000 new affordable homes by 2017, recycle more and reduce the "
                    "council's carbon footprint."
                ),
            },
        ),
        (
            "outcome",
            {
                "title": "Outcome 3: Wiltshire has a thriving and growing local economy",
                "why_important": p(
                    "Without growth, communities cannot achieve much of what matters to them. "
                    "The county weathered the recession well but needs more high-value jobs and "
                    "higher skills. By 2020 about 14,800 military personnel will be based here, "
                    "bringing opportunity and more demand for schools, health care and homes."
                ),
                "actions": p(
                    "Work with the Local Enterprise Partnership, create more apprenticeships and "
                    "roll out superfast broadband."
                ),
            },
        ),
        (
            "outcome",
            {
                "title": "Outcome 4: Inclusive communities where everyone can achieve their "
                "potential",
                "why_important": p(
                    "Wiltshire is generally prosperous, but deprivation is growing in some "
                    "areas and some rural communities are cut off from services. Too many "
                    "children live in poverty, and children in some vulnerable groups fall "
                    "further behind their classmates than elsewhere."
                ),
                "actions": p(
                    "Invest in early help for families, narrow the attainment gap and reduce "
                    "child poverty."
                ),
            },
        ),
        (
            "outcome",
            {
                "title": "Outcome 5: People have healthy, active and high-quality lives",
                "why_important": p(
                    "Without action, demand for health and social care will grow much faster "
                    "than the money to pay for it. The share of residents over retirement age "
                    "is expected to rise from 21.5 per cent in 2011 to 29.8 per cent in 2026."
                ),
                "actions": p(
                    "Extend Help to Live at Home, commission care jointly with the NHS and put "
                    "public health into every service."
                ),
            },
        ),
        (
            "outcome",
            {
                "title": "Outcome 6: People are as protected from harm as possible and feel safe",
                "why_important": p(
                    "Wiltshire is one of the safest counties in England: crime fell by 22 per "
                    "cent between 2010 and 2011. Concerns remain about road safety, domestic "
                    "abuse, drugs and alcohol and anti-social behaviour, and the number of "
                    "children in need and in care is rising nationally."
                ),
                "actions": p(
                    "Improve safeguarding, tackle child sexual exploitation with partners and "
                    "support community road safety schemes."
                ),
            },
        ),
        heading("How we will work: our principles"),
        (
            "principles",
            [
                {
                    "name": "A community leader, not just a service provider",
                    "description": "Councillors lead a common vision for every public body in "
                    "the county, stand up for their communities and press the government to "
                    "treat Wiltshire fairly.",
                },
                {
                    "name": "Efficient and good value for money",
                    "description": "Everything we fund has a clear business case. We budget by "
                    "what spending achieves and invest in prevention to reduce future costs.",
                },
                {
                    "name": "Outcomes for people and places first",
                    "description": "We judge ourselves by outcomes, share resources with other "
                    "public services and use buildings and technology flexibly.",
                },
                {
                    "name": "A new relationship with communities",
                    "description": "We work with communities rather than doing things to them, "
                    "and make it easy for everyone to take part.",
                },
                {
                    "name": "Services designed with residents",
                    "description": "People of all ages help design our services, including "
                    "those we contract out.",
                },
                {
                    "name": "Joined-up services that are easy to use",
                    "description": "Services measure themselves against what customers "
                    "experience, and can be reached where it makes sense to people.",
                },
                {
                    "name": "Outstanding leaders and managers",
                    "description": "Councillors and managers explain the vision clearly, and we "
                    "grow future leaders at every level.",
                },
                {
                    "name": "Innovative staff with a can-do approach",
                    "description": "Staff welcome challenge, use feedback to improve and are "
                    "quick to learn when something goes wrong.",
                },
            ],
        ),
        heading("Making it happen"),
        (
            "paragraph",
            p(
                "Government funding is expected to fall by £22 million while demand for "
                "services rises by about £100 million, so £120 million must be re-aligned "
                "between 2013/14 and 2017/18 to deliver the priorities."
            ),
        ),
        heading("Protecting the most vulnerable", "h3"),
        (
            "paragraph",
            ul(
                "More preventative services for older people, so fewer need residential care",
                "Better results for every child, working with schools, academies and colleges",
                "An outstanding adoption service that finds adopters faster",
                "Council tax kept low, with no increase until 2015/16",
            ),
        ),
        heading("Boosting the local economy", "h3"),
        (
            "paragraph",
            ul(
                "More higher education places in Wiltshire and Swindon",
                "Services and infrastructure ready for the Army's return from Germany",
                "Superfast broadband for at least 91 per cent of the county",
            ),
        ),
        heading("Helping communities do more for themselves", "h3"),
        (
            "paragraph",
            ul(
                "A campus bringing public services together in each community area",
                "More decisions and services for area boards and parish councils",
                "Better roads, with communities choosing which repairs come first",
            ),
        ),
        heading("Measuring success"),
        (
            "paragraph",
            p(
                "Every service will have a plan showing how it contributes to the six "
                "outcomes. We will avoid arbitrary targets, which can cause waste; these are "
                "the headline measures."
            ),
        ),
        (
            "measures",
            [
                {
                    "measure": "Budget re-aligned to priorities",
                    "baseline": "£100 million saved 2009-13",
                    "target": "£120 million by 2017/18",
                },
                {
                    "measure": "New affordable homes",
                    "baseline": "",
                    "target": "2,000 by 2017",
                },
                {
                    "measure": "Homes and businesses with superfast broadband",
                    "baseline": "",
                    "target": "At least 91 per cent of the county",
                },
                {
                    "measure": "Council buildings",
                    "baseline": "95 buildings",
                    "target": "Three hubs and up to 18 community campuses",
                },
                {
                    "measure": "Spending on support services",
                    "baseline": "9 per cent of total spending",
                    "target": "6 per cent",
                },
            ],
        ),
        heading("Financial model"),
        (
            "paragraph",
            p(
                "The model shows funding and spending for the plan period. Income and funding "
                "are shown as negative numbers; the gap is what the cost reduction plan must "
                "close each year."
            ),
        ),
        table(
            "Financial model (indicative), £ million",
            money,
            [
                ("Council tax requirement", "-201.182", "-202.188", "-203.199", "-208.299"),
                ("Revenue support and formula grant", "-76.018", "-62.218", "-45.520", "-42.334"),
                ("Business rates retained", "-50.573", "-52.090", "-53.653", "-55.263"),
                ("Total funding (A)", "-340.518", "-325.513", "-307.124", "-308.652"),
                ("Adult care", "120.222", "125.467", "131.378", "139.674"),
                ("Children's services", "56.925", "61.133", "63.292", "65.837"),
                ("Waste", "31.946", "33.992", "34.040", "34.150"),
                ("Budget requirement (B)", "340.518", "367.798", "349.946", "322.206"),
                ("Gap before cost reductions (B minus A)", "0.000", "42.285", "42.822", "13.554"),
                ("Cost reduction plan", None, "-42.285", "-42.822", "-13.554"),
            ],
        ),
        heading("Major strategies and programmes"),
        (
            "paragraph",
            ul(
                "Police and Crime Plan",
                "Health and Wellbeing Strategy",
                "Core Strategy",
                "Military Civilian Integration Programme",
                "Children and Young People's Plan",
                "Campus Programme",
                "Local Transport Plan",
                "Communities Programme",
                "Wiltshire Online Programme",
                "Economic Strategy",
                "Education Capital Programme",
                "Energy, Change and Opportunity Strategy",
            ),
        ),
        heading("Notes"),
        (
            "footnotes",
            [
                p("The vision builds on the Wiltshire Community Plan 2011-26."),
                p(
                    "Evidence about needs comes from the Joint Strategic Assessment for "
                    "Wiltshire 2012/13."
                ),
                p(
                    "The economy outcome draws on the Economic Strategy for Wiltshire 2012-15 and "
                    "the NEET Reduction Action Plan 2012-13."
                ),
                p(
                    "The health outcome draws on the draft Wiltshire Health and Wellbeing Strategy "
                    "and the Public Health Business Plan."
                ),
                p(
                    "The safety outcome draws on the Wiltshire and Swindon Police and Crime Plan, "
                    "the Hidden Harm Strategy 2011-14 and the Road Safety Strategy."
                ),
            ],
        ),
    ]


def productivity_plan_body():
    """The Productivity Plan 2024 in its four themed sections."""
    return [
        heading("Transforming how we design and deliver services"),
        (
            "paragraph",
            p(
                "Over the last decade the council has made large savings, many from becoming "
                "a single unitary council (around £17 million a year) and from working with "
                "other public services. Headcount has fallen by 16 per cent (764 posts) since "
                "2010, more than half of that (432 posts) since 2013.",
                "The business plan's guiding themes are prevention and early intervention, "
                "improving social mobility, understanding communities and working together. A "
                "transformation directorate oversees every large change programme, tracking "
                "budget, staff, quality and timescale so that the promised benefits arrive.",
            ),
        ),
        heading("Our main programmes", "h3"),
        table(
            "Transformation programmes",
            [("text", "Programme"), ("text", "What it does")],
            [
                (
                    "Families and Children's Transformation (FACT)",
                    "Family help and transitional safeguarding; children's services are now "
                    "rated outstanding by Ofsted",
                ),
                (
                    "Transformation of Adult Social Care",
                    "Technology-enabled care, independent living, home care and self-directed "
                    "support",
                ),
                (
                    "Tackling Obesity",
                    "Healthier surroundings, from green space to food advertising, so people "
                    "stay healthy for longer",
                ),
                (
                    "Community conversations",
                    "Working with residents of the five most deprived neighbourhoods to build "
                    "trust and resilience",
                ),
                (
                    "Evolve",
                    "New finance, HR, procurement and payroll systems, with a £20 million "
                    "benefits target over five years",
                ),
                ("Customer Experience", "Making digital contact appealing and services local"),
                (
                    "Depots and Waste Transformation",
                    "Three strategic depots, and waste contracts worth about £45 million "
                    "procured afresh",
                ),
            ],
        ),
        (
            "paragraph",
            p(
                "One-off costs are met from a £5 million transformation reserve and, where the "
                "rules allow, capital receipts. The capital programme for 2024/25 is £255 "
                "million."
            ),
        ),
        heading("Using technology and data"),
        (
            "paragraph",
            p(
                "Performance and outcome boards, first used to improve children's services, "
                "now review performance across the council and lead the conversation about "
                "money. Cabinet receives a performance and risk report every quarter, which "
                "councillors and the public can question.",
                "A new corporate data and insight team, with strategies for data, digital, "
                "artificial intelligence and cyber security, will find savings and risks hidden "
                "in separate systems. Records are shared lawfully: health and care use the NHS "
                "number, and agreements with DWP, HMRC and the National Fraud Initiative have "
                "saved £90,000 on single person discounts alone.",
            ),
        ),
        heading("Reducing wasteful spending"),
        (
            "paragraph",
            p(
                "Investing in prevention saves money and improves lives. Since 2010 the council "
                "has found more than £200 million of savings and extra income, and its net "
                "budget is now £490 million, monitored monthly by every budget holder.",
                "Invest-to-save projects include £12 million on LED streetlights, started in "
                "2019 with a 12-year payback that higher energy prices have shortened, and "
                "sharing offices with Wiltshire Police. Trade union facility time amounts to "
                "one full-time post, 0.03 per cent of the pay bill.",
            ),
        ),
        heading("What government could do to help"),
        (
            "paragraph",
            ul(
                "End the duty to advertise planning applications and traffic orders in "
                "newspapers, which costs £250,000 a year",
                "Align procurement frameworks for health and social care",
                "Let councils keep more right to buy receipts for affordable homes",
                "Allow more flexibility in council house rents, especially after energy "
                "improvements",
                "Allow digital records where paper copies are required by law",
                "Let councils keep business rates on their car parks, and use number plate "
                "recognition to manage parking",
                "Share data with councils more readily, at DWP and HMRC",
                "Give councils more flexibility on local fines",
                "Replace one-year funding settlements with multi-year ones, and simplify grant "
                "bidding and reporting",
            ),
        ),
    ]


def draft_business_plan_body(appendix):
    """A short version of the draft Business Plan 2017-27, linking the full appendix."""
    return [
        heading("Our vision"),
        ("vision", {"statement": "To create strong communities in Wiltshire."}),
        heading("Our priorities and goals"),
        table(
            "Priorities and the goals under each",
            [("text", "Priority"), ("text", "Goals")],
            [
                (
                    "Growing the economy",
                    "Highly skilled jobs; housing and environment; transport and infrastructure",
                ),
                ("Strong communities", "Community wellbeing; safe communities; personal wellbeing"),
                (
                    "Protecting the vulnerable",
                    "Early intervention; joined-up health and care; empowering and "
                    "safeguarding families and individuals",
                ),
            ],
        ),
        heading("An innovative and effective council"),
        (
            "principles",
            [
                {
                    "name": "Community involvement",
                    "description": "Open, inclusive and responsive decision-making.",
                },
                {
                    "name": "Commercialism",
                    "description": "Trade more of our services and save £45 million by 2021.",
                },
                {
                    "name": "People",
                    "description": "A workforce with clear careers and the skills to do more.",
                },
                {
                    "name": "One Wiltshire Estate",
                    "description": "Share buildings and land with other public bodies.",
                },
                {
                    "name": "Digital",
                    "description": "Services online at any hour, and records "
                    "shared safely with partners.",
                },
                {
                    "name": "Delivering together",
                    "description": "Design services with "
                    "communities and commission jointly with partners.",
                },
            ],
        ),
        heading("The full draft"),
        ("document", {"document": appendix, "title": "Draft Business Plan 2017-27 (PDF)"}),
    ]


def ensure_plans(index, approved_at):
    """The adopted Business Plan 2013-17, the Productivity Plan 2024 and the draft Business
    Plan 2017-27 that the Cabinet considered on 3 July 2017."""
    ensure_page(
        index,
        "business-plan-2013-17",
        lambda: PlanPage(
            title="Business Plan 2013-17",
            plan_type="business_plan",
            period_start=2013,
            period_end=2017,
            plan_status="adopted",
            summary=(
                "The council's plan for 2013 to 2017: a vision of stronger and more resilient "
                "communities, three priorities, twelve key actions and six outcomes for "
                "Wiltshire, with the principles and money behind them."
            ),
            body=business_plan_2013_body(),
        ),
    )
    ensure_page(
        index,
        "productivity-plan-2024",
        lambda: PlanPage(
            title="Productivity Plan 2024",
            plan_type="productivity_plan",
            period_start=2024,
            plan_status="adopted",
            summary=(
                "How the council is transforming its services, using technology and data, and "
                "cutting wasteful spending to make the most of its resources, and what "
                "government could change to help."
            ),
            body=productivity_plan_body(),
        ),
    )

    def build_draft():
        """The short draft plan page, linking the full draft as a PDF."""
        appendix = pdf_document(
            "Appendix 1 - Draft Business Plan 2017-27", business_plan_appendix_blocks()
        )
        return PlanPage(
            title="Draft Business Plan 2017-27",
            plan_type="business_plan",
            period_start=2017,
            period_end=2027,
            plan_status="draft",
            approved_at=approved_at,
            approved_on=CABINET_3_JULY,
            summary=(
                "The draft of the council's ten-year plan, which the Cabinet considered on 3 "
                "July 2017 and recommended to full Council. Its vision is strong communities, "
                "built on three priorities."
            ),
            body=draft_business_plan_body(appendix),
        )

    # Published as an appendix to the 3 July 2017 agenda.
    ensure_page(
        index, "business-plan-2017-27", build_draft, published_at=(AGENDA_3_JULY_PUBLISHED,)
    )


# --- entry point -------------------------------------------------------------------------------


def load(home):
    """Create whatever meetings demo content is missing under `home`; keep everything else."""
    sections = ensure_sections(home)
    venues = ensure_venues()
    rules = ensure_rules()
    ensure_settings_and_closures()
    councillors = ensure_councillors(sections["councillors"])
    committees = ensure_committees(sections["meetings"], councillors, venues, rules)
    entries = ensure_forward_plan_2017(committees["cabinet"])
    june, july = ensure_cabinet_2017(committees["cabinet"], councillors, venues, rules, entries)
    ensure_decisions_2017(committees["cabinet"], june, july, entries)
    ensure_upcoming(committees, venues)
    ensure_plans(sections["plans"], july)
