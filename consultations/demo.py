"""Demo content for consultations and public participation.

Idempotent like the other demo loaders: it finds what exists by slug (or by asker and
meeting) and only creates what is missing. Consultations are dated relative to the day it
first runs. Demo askers are obviously fictional residents; the seed meetings' real
speakers are not used.
"""

import datetime

from django.utils import timezone

from home.demo import heading, paragraph

from .antiabuse import setting
from .models import ConsultationIndexPage, ConsultationPage, Submission
from .models.submissions import PUBLISHED, QUESTION, STATEMENT
from .rules import ensure_standard_refusal_reasons

INDEX_SLUG = "consultations"


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_index(home):
    """The 'Consultations and have your say' section, in the service navigation."""
    existing = ConsultationIndexPage.objects.first()
    if existing is not None:
        return existing
    return _publish(
        home,
        ConsultationIndexPage(
            title="Consultations and have your say",
            slug=INDEX_SLUG,
            show_in_menus=True,
            intro=(
                "<p>Tell the council what you think about its plans, and ask questions or "
                "make statements at council meetings.</p>"
            ),
        ),
    )


def _end_of_day(day):
    from meetings.deadlines import LONDON

    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=LONDON)


def consultation_specs(today, email):
    """The demo consultations: one closed with an outcome, one open, one opening soon.

    Responses go to `email`, the council's own configured address: there is no online
    survey to link to, and a made-up address would be a dead end for anyone who tried it.
    """
    return [
        {
            "slug": "draft-wiltshire-housing-site-allocations-plan",
            "title": "Draft Wiltshire Housing Site Allocations Plan",
            "summary": "Where new homes should be built in Wiltshire's market towns and "
            "villages to meet the need for housing until 2026.",
            "opens_on": today - datetime.timedelta(days=120),
            "closes_at": _end_of_day(today - datetime.timedelta(days=50)),
            "audience": "Residents, parish and town councils, landowners and developers",
            "response_email": email,
            "body": [
                heading("What we asked"),
                paragraph(
                    "Cabinet approved the draft plan for a 10-week consultation. It proposes "
                    "sites for new homes and changes to the settlement boundaries of towns "
                    "and villages, so that Wiltshire keeps a five-year supply of land for "
                    "housing."
                ),
            ],
            "we_asked": "<p>Whether the proposed housing sites and the changes to settlement "
            "boundaries were the right ones.</p>",
            "you_said": "<p>Most responses were about a few sites: traffic on local roads, "
            "school places and doctors' surgeries, and keeping green gaps between "
            "villages.</p>",
            "we_did": "<p>We removed two sites, reduced the number of homes on three more, and "
            "asked developers to fund school places and road improvements. The changed plan "
            "goes to Cabinet and then full Council before it is sent to the Secretary of "
            "State for examination.</p>",
            "outcome_published_on": today - datetime.timedelta(days=10),
        },
        {
            "slug": "draft-business-plan-2017-2027",
            "title": "Draft Business Plan 2017 to 2027",
            "summary": "The council's priorities for the next ten years: growing the economy, "
            "strong communities, protecting those who are most vulnerable and an "
            "innovative and effective council.",
            "opens_on": today - datetime.timedelta(days=14),
            "closes_at": _end_of_day(today + datetime.timedelta(days=28)),
            "audience": "Everyone who lives, works or runs a business in Wiltshire",
            "response_email": email,
            "response_postal_address": "Corporate Policy\nWiltshire Council\nCounty Hall\n"
            "Bythesea Road\nTrowbridge\nBA14 8JN",
            "body": [
                heading("What we are asking"),
                paragraph(
                    "The draft plan sets out the council's vision of creating strong "
                    "communities in Wiltshire, and the priorities and outcomes it will work "
                    "towards. We would like to know whether you agree with the priorities, "
                    "and what matters most to you."
                ),
            ],
        },
        {
            "slug": "digital-strategy-council-services-online",
            "title": "Digital Strategy: using council services online",
            "summary": "How you would like to contact the council and use its services "
            "online, and what would help people who are not online.",
            "opens_on": today + datetime.timedelta(days=14),
            "closes_at": _end_of_day(today + datetime.timedelta(days=70)),
            "audience": "Residents and businesses",
            "response_email": email,
            "body": [
                paragraph(
                    "The council wants more services to be simple to use online, while "
                    "keeping other ways to get help for people who need them."
                )
            ],
        },
    ]


def ensure_consultations(index):
    """Create each demo consultation that is missing; leave existing ones alone."""
    from home.models import CouncilSettings

    today = timezone.localdate()
    email = CouncilSettings.for_site(index.get_site()).democratic_services_email
    pages = {}
    for spec in consultation_specs(today, email):
        existing = ConsultationPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        pages[spec["slug"]] = existing or _publish(index, ConsultationPage(**spec))
    return pages


#: Published questions and statements on the seed meetings: (meeting slug, item number,
#: kind, fictional asker, text, answer, answered by).
DEMO_SUBMISSIONS = [
    (
        "2017-07-03",
        "9",
        QUESTION,
        "Jo Bloggs",
        "The draft Business Plan says the council will work with communities to do more for "
        "themselves. How will area boards be involved in setting local priorities?",
        "Area boards will hold a discussion on the draft plan in each community area over "
        "the summer, and their feedback will be reported to Cabinet before the plan goes to "
        "full Council in July.",
        "Cllr Baroness Scott of Bybrook OBE, Leader of the Council",
    ),
    (
        "2017-07-03",
        "",
        STATEMENT,
        "Sam Sample",
        "As a parent in Trowbridge I welcome the council's commitment to publish its reports "
        "as web pages, which are much easier to read on a phone than PDF files.",
        "",
        "",
    ),
    (
        "2017-06-20",
        "12",
        QUESTION,
        "Alex Example",
        "How will residents of the villages affected by the draft Housing Site Allocations "
        "Plan be told about the consultation?",
        "Every parish council will be written to, notices will be placed in libraries and "
        "the consultation will run for 10 weeks, longer than the law requires.",
        "Cllr Toby Sturgis, Cabinet Member for Spatial Planning",
    ),
]


def ensure_demo_submissions():
    """Add the published demo questions to the seed meetings, if those meetings exist.

    They are old meetings, so their contact details are already erased, as the retention
    job would have done.
    """
    from meetings.models import MeetingPage

    for slug, number, kind, name, text, answer, answered_by in DEMO_SUBMISSIONS:
        meeting = MeetingPage.objects.filter(slug=slug).first()
        if meeting is None or Submission.objects.filter(meeting=meeting, name=name).exists():
            continue
        item = meeting.agenda_items.filter(number=number).first() if number else None
        rule = meeting.committee.participation_rule if meeting.committee else None
        if rule is not None:
            ensure_standard_refusal_reasons(rule)
        submitted = meeting.start - datetime.timedelta(days=8)
        submission = Submission.objects.create(
            meeting=meeting,
            agenda_item=item,
            agenda_item_label=str(item) if item else "",
            kind=kind,
            name=name,
            text=text,
            public_text=text,
            answer=answer,
            answered_by=answered_by,
            status=PUBLISHED,
            submitted_at=submitted,
            published_at=meeting.start,
            erased_at=meeting.start + datetime.timedelta(days=366),
        )
        submission.reference = submission.make_reference()
        submission.save(update_fields=["reference"])


def privacy_body():
    """The privacy notice as this app works: what is collected, published, kept and for
    how long, including accounts and the hashed internet address."""
    months = setting("CONSULTATIONS_RETENTION_MONTHS")
    return [
        paragraph(
            "This notice explains what personal information democratic services collects "
            "through this website, why, what we publish and how long we keep it. The council "
            "is the data controller. We use the information to carry out the council's public "
            "task of running its meetings openly."
        ),
        heading("Questions and statements for meetings"),
        paragraph(
            "When you submit a question or statement for a meeting we collect your name, "
            "email address and the text you send. If you give them, we also collect your "
            "phone number and the organisation you represent. When a committee's rules only "
            "allow people who live or work in the area to take part, we also ask for your "
            "postcode and whether you live or work in the area. We use this to check your "
            "submission against the rules, contact you about it and send you an answer."
        ),
        paragraph(
            "To stop misuse of the form we keep a scrambled (keyed hash) version of your "
            "internet address. We never store the address itself, and the scrambled version "
            "cannot be turned back into it."
        ),
        heading("What we publish"),
        paragraph(
            "If your question or statement is accepted, we publish your name, its text (which "
            "we may edit to remove personal or defamatory content) and the answer, on the "
            "meeting page and in the minutes. We may also include them in a supplement to the "
            "agenda. We never publish your email address, phone number, postcode, address or "
            "organisation."
        ),
        heading("Accounts"),
        paragraph(
            "You do not need an account to take part. If you create one, we keep your email "
            "address and a scrambled form of your password, and use them to fill in your "
            "details on forms and show you your questions and statements. Contact democratic "
            "services to close your account."
        ),
        heading("How long we keep it"),
        paragraph(
            f"We delete your contact details (email address, phone number, postcode, "
            f"organisation and the scrambled internet address) {months} months after the "
            f"meeting. If your question or statement was not published, we delete your name "
            f"and its text at the same time. A published question or statement and its answer "
            f"are kept as part of the record of the meeting."
        ),
        heading("Your rights"),
        paragraph(
            "You can ask to see the information we hold about you, ask us to correct it, or "
            "ask us to delete it, by contacting democratic services. You can complain to the "
            "Information Commissioner's Office if you are unhappy with how we have used your "
            "data."
        ),
    ]


def update_privacy_notice(home):
    """Bring the demo privacy notice in line with what this app does, unless an editor
    has changed it (it then has more than the one revision the home demo made)."""
    from home.models import StandardPage

    page = StandardPage.objects.child_of(home).filter(slug="privacy-notice").first()
    if page is None or page.revisions.count() != 1:
        return page
    if page.revisions.first().user_id is not None:
        return page
    page.body = privacy_body()
    page.save_revision().publish()
    return page


def load(home):
    """Create whatever consultations demo content is missing under `home`."""
    index = ensure_index(home)
    ensure_consultations(index)
    ensure_demo_submissions()
    update_privacy_notice(home)
    return index
