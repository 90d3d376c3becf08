"""factory_boy factories for the meetings app, used by the tests (and handy in a shell).

Pages are `wagtail_factories.PageFactory` subclasses: pass `parent=` to put them in the tree
(without it a page becomes a new tree root, which is never what a test wants). StreamField
values are plain lists of `(block type, value)` tuples; see `paper()` and `minute()`.

`make_meetings_tree(home)` builds the public sections under a home page in one call.
"""

import datetime
from dataclasses import dataclass

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from meetings.deadlines import LONDON
from meetings.exempt import PART_I
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
    ForwardPlanEntry,
    ForwardPlanPage,
    MeetingPage,
    MinutesPage,
    ParticipationRule,
    PlanIndexPage,
    PlanPage,
    Venue,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def london(year, month, day, hour=10, minute=0):
    """An aware Europe/London datetime, as editors type meeting times."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def make_document(title="Report", filename=None, collection=None):
    """A saved Wagtail document holding a tiny PDF (in the root collection by default)."""
    Document = get_document_model()
    document = Document(
        title=title,
        file=ContentFile(PDF_BYTES, name=filename or "paper.pdf"),
    )
    if collection is not None:
        document.collection = collection
    document.save()
    return document


def paper(document, kind="report", title=""):
    """A `papers` StreamField entry for an agenda item."""
    return ("paper", {"kind": kind, "document": document, "title": title})


def minute(title, resolved="<p>Resolved: to note the report.</p>", number=""):
    """A `minutes` StreamField entry for minutes pages."""
    return (
        "minute",
        {
            "title": title,
            "agenda_item_number": number,
            "exempt": False,
            "discussion": RichText("<p>The committee discussed the item.</p>"),
            "resolved": RichText(resolved),
            "reason_for_decision": RichText(""),
        },
    )


# --- snippets ----------------------------------------------------------------------------


class VenueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Committee Room {n}, County Hall")
    address = "County Hall\nBythesea Road\nTrowbridge"
    postcode = "BA14 8JN"
    access_notes = "Step-free access from the main entrance. Hearing loop fitted."

    class Meta:
        model = Venue


class ParticipationRuleFactory(factory.django.DjangoModelFactory):
    """Questions and statements close at 12 noon, three clear working days before."""

    name = factory.Sequence(lambda n: f"Procedure rules {n}")
    clear_working_days = 3
    deadline_time = datetime.time(12, 0)
    deadline_label = "Questions and statements"

    class Meta:
        model = ParticipationRule


class ClosureDayFactory(factory.django.DjangoModelFactory):
    date = factory.Sequence(lambda n: datetime.date(2030, 1, 1) + datetime.timedelta(days=n))
    description = "Council offices closed"

    class Meta:
        model = ClosureDay
        django_get_or_create = ("date",)


class ForwardPlanEntryFactory(factory.django.DjangoModelFactory):
    """A published forward plan entry (published entries record `first_published_on`)."""

    title = factory.Sequence(lambda n: f"Key decision {n}")
    summary = "Whether to adopt the plan."
    decision_maker = "Cabinet"
    decision_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    lead_officer = "Carolyn Godfrey, Corporate Director"
    documents = "Report of the Corporate Director"
    live = True
    # Built as imported: a general exception notice is taken to have gone on the website on
    # the day it is dated, not on the (real) day the test runs.
    general_exception_published_on = factory.LazyAttribute(
        lambda entry: getattr(entry, "general_exception_notice_on", None)
    )

    class Meta:
        model = ForwardPlanEntry


class DecisionFactory(factory.django.DjangoModelFactory):
    """A published executive decision. Pass `live=False` for a draft."""

    title = factory.Sequence(lambda n: f"Decision {n}")
    maker_type = "executive"
    decision_maker = "Cabinet"
    decision_date = factory.LazyFunction(timezone.localdate)
    decision = "<p>To approve the recommendations.</p>"
    reasons = "<p>To deliver the council's business plan.</p>"
    live = True

    class Meta:
        model = Decision


# --- pages -------------------------------------------------------------------------------


class CommitteeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Meetings and committees"
    slug = "meetings"
    intro = "<p>Council meetings are open to the public.</p>"

    class Meta:
        model = CommitteeIndexPage


class CommitteePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Committee {n}")
    purpose = "<p>Takes decisions on council services.</p>"
    contact_name = "Democratic Services"
    contact_email = "committee@example.gov.uk"

    class Meta:
        model = CommitteePage


class CouncillorIndexPageFactory(wagtail_factories.PageFactory):
    title = "Councillors"
    slug = "councillors"

    class Meta:
        model = CouncillorIndexPage


class CouncillorPageFactory(wagtail_factories.PageFactory):
    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = factory.Sequence(lambda n: f"Smith{n}")
    title = factory.LazyAttribute(lambda o: f"Cllr {o.first_name} {o.last_name}")
    ward = "Trowbridge Central"
    party = "Independent"

    class Meta:
        model = CouncillorPage


def _councillor_index_near(page):
    """The councillor index beside the committee's section, created if missing."""
    existing = CouncillorIndexPage.objects.first()
    if existing is not None:
        return existing
    home = page.get_ancestors().filter(depth=2).first()
    return CouncillorIndexPageFactory(parent=home.specific)


class CommitteeMembershipFactory(factory.django.DjangoModelFactory):
    committee = None  # required: pass committee=
    councillor = factory.LazyAttribute(
        lambda o: CouncillorPageFactory(parent=_councillor_index_near(o.committee))
    )
    role = "member"

    class Meta:
        model = CommitteeMembership


class MeetingPageFactory(wagtail_factories.PageFactory):
    """A meeting a month from now. Pass `agenda_items=[AgendaItem(...), ...]` to set the
    agenda in one go (they are numbered 1..n on save when their number is blank)."""

    title = factory.Sequence(lambda n: f"Meeting {n}")
    start = factory.LazyFunction(
        lambda: timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=30)
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))

    class Meta:
        model = MeetingPage


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """An agenda item saved straight to the database, numbered after the existing ones."""

    meeting = None  # required: pass meeting=
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    number = factory.LazyAttribute(
        lambda o: str(AgendaItem.objects.filter(meeting=o.meeting).count() + 1)
    )
    sort_order = factory.LazyAttribute(lambda o: int(o.number) if o.number.isdigit() else 0)
    part = PART_I
    papers = factory.LazyFunction(list)
    report = factory.LazyFunction(list)

    class Meta:
        model = AgendaItem


class MinutesPageFactory(wagtail_factories.PageFactory):
    title = "Minutes"
    minutes = factory.LazyFunction(list)

    class Meta:
        model = MinutesPage


class DecisionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Decisions"
    slug = "decisions"

    class Meta:
        model = DecisionIndexPage


class ForwardPlanPageFactory(wagtail_factories.PageFactory):
    title = "Forward plan"
    slug = "forward-plan"

    class Meta:
        model = ForwardPlanPage


class PlanIndexPageFactory(wagtail_factories.PageFactory):
    title = "Plans and strategies"
    slug = "plans"

    class Meta:
        model = PlanIndexPage


class PlanPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Business Plan {n}")
    period_start = 2013
    period_end = 2017
    summary = "What the council will do over the plan period."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Our vision", "level": "h2"}),
            ("paragraph", RichText("<p>Strong communities.</p>")),
        ]
    )

    class Meta:
        model = PlanPage


@dataclass
class MeetingsTree:
    """The public sections of the democracy site, as created by `make_meetings_tree`."""

    committees: CommitteeIndexPage
    councillors: CouncillorIndexPage
    decisions: DecisionIndexPage
    forward_plan: ForwardPlanPage
    plans: PlanIndexPage


def make_meetings_tree(home):
    """Create the meetings, councillors, decisions (with forward plan) and plans sections
    under `home` and return them as a `MeetingsTree`."""
    decisions = DecisionIndexPageFactory(parent=home)
    return MeetingsTree(
        committees=CommitteeIndexPageFactory(parent=home),
        councillors=CouncillorIndexPageFactory(parent=home),
        decisions=decisions,
        forward_plan=ForwardPlanPageFactory(parent=decisions),
        plans=PlanIndexPageFactory(parent=home),
    )
