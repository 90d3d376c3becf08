"""Search indexes for the democracy content: meetings, agenda items, minutes, decisions,
the forward plan, plans, committees, councillors and the section pages.

What is never indexed: drafts (only the live database row is read, never a revision),
unpublished, expired or view-restricted pages, Part II agenda items and their papers, the
discussion in exempt minutes, and unpublished decisions or forward plan entries.
"""

import datetime

from django.db.models import Q
from django.utils.dateformat import format as format_date
from haystack import indexes

from search.indexing import PublicSearchIndex, page_url, public_pages
from search.papers import pages_referencing_documents, public_papers
from search.text import html_to_text, stream_headings, stream_text

from .exempt import PART_I
from .models import (
    AgendaItem,
    CommitteeIndexPage,
    CommitteePage,
    CouncillorIndexPage,
    CouncillorPage,
    Decision,
    DecisionIndexPage,
    ForwardPlanEntry,
    ForwardPlanPage,
    MeetingPage,
    MinutesPage,
    PlanIndexPage,
    PlanPage,
)


def meeting_committee_title(meeting):
    """The title of the meeting's committee, or ''."""
    committee = meeting.committee
    return committee.title if committee else ""


def long_date(value):
    """'Monday 3 July 2017', as residents write dates when they search for a meeting."""
    return format_date(value, "l j F Y") if value else ""


def children_of(model, parent_model, parent_pks):
    """Pks of `model` pages directly below the given parent pages."""
    condition = Q()
    for path, depth in parent_model.objects.filter(pk__in=parent_pks).values_list("path", "depth"):
        condition |= Q(path__startswith=path, depth=depth + 1)
    if not condition:
        return []
    return model.objects.filter(condition).values_list("pk", flat=True)


def all_pks(model):
    """A `depends_on` link meaning: every object of `model` depends on this page."""
    return lambda pks: model.objects.values_list("pk", flat=True)


class SectionPageIndex(PublicSearchIndex):
    """Section landing pages (meetings, decisions, plans, councillors): title and intro."""

    model = None

    def get_model(self):
        """The model this index covers."""
        return self.model

    def index_queryset(self, using=None):
        """What the public can read; `search.indexing.reindex` removes the rest."""
        return public_pages(self.model)

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return html_to_text(obj.intro)[:300]

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        return {"intro": html_to_text(obj.intro)}


class CommitteeIndexPageIndex(SectionPageIndex, indexes.Indexable):
    """The meetings and committees section page."""

    model = CommitteeIndexPage


class DecisionIndexPageIndex(SectionPageIndex, indexes.Indexable):
    """The decisions register page."""

    model = DecisionIndexPage


class ForwardPlanPageIndex(SectionPageIndex, indexes.Indexable):
    """The forward plan page."""

    model = ForwardPlanPage


class PlanIndexPageIndex(SectionPageIndex, indexes.Indexable):
    """The plans and strategies section page."""

    model = PlanIndexPage


class CouncillorIndexPageIndex(SectionPageIndex, indexes.Indexable):
    """The list of councillors."""

    model = CouncillorIndexPage


class CommitteePageIndex(PublicSearchIndex, indexes.Indexable):
    """A committee: its purpose and members, so 'planning committee' finds it first."""

    content_type_label = "Committee"
    depends_on = {
        "meetings.CouncillorPage": lambda pks: CommitteePage.objects.filter(
            memberships__councillor_id__in=pks
        ).values_list("pk", flat=True)
    }

    def get_model(self):
        """The model this index covers."""
        return CommitteePage

    def index_queryset(self, using=None):
        """What the public can read; `search.indexing.reindex` removes the rest."""
        return public_pages(CommitteePage)

    def get_committees(self, obj):
        """The committee filter's value for this document."""
        return [obj.title]

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return html_to_text(obj.purpose)[:300]

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        return {
            "purpose": html_to_text(obj.purpose),
            "members": obj.memberships.select_related("councillor"),
        }


class MeetingPageIndex(PublicSearchIndex, indexes.Indexable):
    """A meeting, with its date in words and the titles and descriptions of its public
    (Part I) agenda items; Part II items are left out entirely."""

    content_type_label = "Meeting"
    depends_on = {
        "meetings.CommitteePage": lambda pks: children_of(MeetingPage, CommitteePage, pks),
    }

    def get_model(self):
        """The model this index covers."""
        return MeetingPage

    def index_queryset(self, using=None):
        """What the public can read; `search.indexing.reindex` removes the rest."""
        return public_pages(MeetingPage).select_related("venue")

    def get_date(self, obj):
        """The date results are sorted, filtered and faceted by."""
        return obj.start

    def get_committees(self, obj):
        """The committee filter's value for this document."""
        return [meeting_committee_title(obj)]

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        parts = [meeting_committee_title(obj), long_date(obj.local_start)]
        if obj.status != "scheduled":
            parts.append(obj.get_status_display())
        return ", ".join(p for p in parts if p)

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        venue = obj.effective_venue
        return {
            "committee_title": meeting_committee_title(obj),
            "date_words": long_date(obj.local_start),
            "venue_name": venue.name if venue else "",
            "items": [
                {"item": item, "description": html_to_text(item.description)}
                for item in obj.agenda_items.filter(part=PART_I)
            ],
        }


def items_of_meetings_with_documents(document_pks):
    """Agenda items whose meeting links to any of these documents (as a paper)."""
    meeting_ids = pages_referencing_documents(document_pks)
    return AgendaItem.objects.filter(meeting_id__in=meeting_ids).values_list("pk", flat=True)


class AgendaItemIndex(PublicSearchIndex, indexes.Indexable):
    """A public agenda item with its HTML report, decisions and the text of its papers.

    Results link to the item's anchor on the meeting page, e.g. `/…/2017-07-03/#item-6`.
    """

    content_type_label = "Agenda item"
    depends_on = {
        "meetings.MeetingPage": "meeting_id",
        "meetings.Decision": lambda pks: AgendaItem.objects.filter(
            decisions__pk__in=pks
        ).values_list("pk", flat=True),
        "wagtaildocs.Document": items_of_meetings_with_documents,
    }

    def get_model(self):
        """The model this index covers."""
        return AgendaItem

    def index_queryset(self, using=None):
        """Part I items of live, public meetings: a Part II item is never indexed."""
        meetings = public_pages(MeetingPage).values("pk")
        return AgendaItem.objects.filter(part=PART_I, meeting_id__in=meetings).select_related(
            "meeting"
        )

    def get_url(self, obj):
        """The item's anchor on its meeting page, e.g. `/meetings/cabinet/2017-07-03/#item-6`."""
        url = page_url(obj.meeting)
        return f"{url}#{obj.anchor}" if url else None

    def get_date(self, obj):
        """The date results are sorted, filtered and faceted by."""
        return obj.meeting.start

    def get_committees(self, obj):
        """The committee filter's value for this document."""
        return [meeting_committee_title(obj.meeting)]

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return f"Item {obj.number} at {obj.meeting.title}"

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        papers = public_papers(block["value"].get("document") for block in obj.papers.raw_data)
        paper_entries = []
        for block in obj.papers.raw_data:
            found = papers.get(block["value"].get("document"))
            if found:
                document, text = found
                paper_entries.append(
                    {"title": block["value"].get("title") or document.title, "text": text}
                )
        decisions = [
            {
                "title": decision.title,
                "decision": html_to_text(decision.decision),
                "reasons": html_to_text(decision.reasons),
            }
            for decision in Decision.objects.filter(live=True, agenda_item=obj)
        ]
        return {
            "meeting_title": obj.meeting.title,
            "description": html_to_text(obj.description),
            "report_text": stream_text(obj.report),
            "decisions": decisions,
            "papers": paper_entries,
        }


class MinutesPageIndex(PublicSearchIndex, indexes.Indexable):
    """The minutes of a meeting; an exempt (Part II) minute is left out entirely."""

    content_type_label = "Minutes"
    depends_on = {"meetings.MeetingPage": lambda pks: children_of(MinutesPage, MeetingPage, pks)}

    def get_model(self):
        """The model this index covers."""
        return MinutesPage

    def index_queryset(self, using=None):
        """What the public can read; `search.indexing.reindex` removes the rest."""
        return public_pages(MinutesPage)

    def get_date(self, obj):
        """The date results are sorted, filtered and faceted by."""
        meeting = obj.meeting
        return meeting.start if meeting else obj.last_published_at

    def get_committees(self, obj):
        """The committee filter's value for this document."""
        return [meeting_committee_title(obj.meeting)] if obj.meeting else []

    def prepare_title(self, obj):
        """The title shown in results (and boosted in ranking)."""
        meeting = obj.meeting
        return f"Minutes: {meeting.title}" if meeting else obj.title

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return f"{obj.get_minutes_status_display()}"

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        minutes = []
        for block in obj.minutes.raw_data:
            value = block.get("value") or {}
            if value.get("exempt"):
                continue
            minutes.append(
                "\n".join(
                    html_to_text(value.get(key, ""))
                    for key in ("title", "discussion", "resolved", "reason_for_decision")
                )
            )
        return {"meeting": obj.meeting, "minutes": minutes}


def register_url(page_model, pk):
    """'<register page url><pk>/', the routable detail URL, or None if the page is not
    public (then the entry cannot be read, so it is not indexed)."""
    register = public_pages(page_model).first()
    url = page_url(register) if register else None
    return f"{url}{pk}/" if url else None


class DecisionIndex(PublicSearchIndex, indexes.Indexable):
    """A published decision in the decisions register."""

    content_type_label = "Decision"
    depends_on = {
        "meetings.DecisionIndexPage": all_pks(Decision),
        "meetings.CommitteePage": "committee_id",
    }

    def get_model(self):
        """The model this index covers."""
        return Decision

    def index_queryset(self, using=None):
        """Published decisions only (drafts have live=False)."""
        return Decision.objects.filter(live=True).select_related("committee")

    def get_url(self, obj):
        """The decision's page in the register (`<register url><pk>/`)."""
        return register_url(DecisionIndexPage, obj.pk)

    def get_date(self, obj):
        """The date results are sorted, filtered and faceted by."""
        return obj.decision_date

    def get_committees(self, obj):
        """The committee filter's value for this document."""
        return [obj.committee.title] if obj.committee_id else []

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return f"{obj.decision_maker}, {long_date(obj.decision_date)}"

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        return {
            "decision_text": html_to_text(obj.decision),
            "reasons": html_to_text(obj.reasons),
            "alternatives": html_to_text(obj.alternatives_considered),
            "interests": html_to_text(obj.interests_declared),
        }


class ForwardPlanEntryIndex(PublicSearchIndex, indexes.Indexable):
    """A published forward plan entry (a key decision to be taken)."""

    content_type_label = "Forward plan entry"
    depends_on = {
        "meetings.ForwardPlanPage": all_pks(ForwardPlanEntry),
        "meetings.CommitteePage": "committee_id",
    }

    def get_model(self):
        """The model this index covers."""
        return ForwardPlanEntry

    def index_queryset(self, using=None):
        """Published forward plan entries only."""
        return ForwardPlanEntry.objects.filter(live=True).select_related("committee")

    def get_url(self, obj):
        """The entry's page on the forward plan (`<forward plan url><pk>/`)."""
        return register_url(ForwardPlanPage, obj.pk)

    def prepare_title(self, obj):
        """The title shown in results (and boosted in ranking)."""
        return str(obj)

    def prepare_autocomplete(self, obj):
        """The words the header box suggests from."""
        return obj.title

    def get_date(self, obj):
        """The date results are sorted, filtered and faceted by."""
        return obj.decision_date

    def get_committees(self, obj):
        """The committee filter's value for this document."""
        return [obj.committee.title] if obj.committee_id else []

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return f"{obj.get_status_display()}: {obj.decision_maker}, {long_date(obj.decision_date)}"


class PlanPageIndex(PublicSearchIndex, indexes.Indexable):
    """A business plan or strategy. Its headings are stored so a result links to the
    section where the words matched."""

    content_type_label = "Plan or strategy"

    def get_model(self):
        """The model this index covers."""
        return PlanPage

    def index_queryset(self, using=None):
        """What the public can read; `search.indexing.reindex` removes the rest."""
        return public_pages(PlanPage)

    def get_date(self, obj):
        """The date results are sorted, filtered and faceted by: when it was approved,
        else the start of the first year it covers (never when it was put online, which
        would file a 2013 plan under the year it was uploaded)."""
        return obj.approved_on or datetime.date(obj.period_start, 1, 1)

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return obj.summary

    def get_sections(self, obj):
        """Headings a result can link into, from the page's heading blocks."""
        return stream_headings(obj.body)

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        return {"body_text": stream_text(obj.body)}


class CouncillorPageIndex(PublicSearchIndex, indexes.Indexable):
    """A councillor's profile: name, ward, party, committees and biography (no phone or
    email: those are on the page for contact, not for search)."""

    content_type_label = "Councillor"
    depends_on = {
        "meetings.CommitteePage": lambda pks: CouncillorPage.objects.filter(
            committee_memberships__committee_id__in=pks
        ).values_list("pk", flat=True)
    }

    def get_model(self):
        """The model this index covers."""
        return CouncillorPage

    def index_queryset(self, using=None):
        """What the public can read; `search.indexing.reindex` removes the rest."""
        return public_pages(CouncillorPage)

    def prepare_title(self, obj):
        """The title shown in results (and boosted in ranking)."""
        return obj.full_name

    def get_summary(self, obj):
        """The line shown under the result's title when no passage matches."""
        return ", ".join(p for p in (obj.ward and f"{obj.ward} ward", obj.party) if p)

    def text_context(self, obj):
        """Plain-text pieces for the document text template."""
        return {"biography": html_to_text(obj.biography), "memberships": obj.memberships}
