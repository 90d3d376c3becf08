"""Search indexes for consultations and published public questions and statements.

The consultations app is still growing, so each index is declared only if its model
exists: search keeps working (without these results) if a model is renamed or removed.

A question or statement is indexed only once published, and only with what the meeting
page shows: the asker's name, the published (possibly redacted) text and the answer.
Email, phone, postcode, organisation and the original unredacted text are never indexed.
"""

import logging

from haystack import indexes

from search.indexing import PublicSearchIndex, page_url, public_pages
from search.papers import pages_referencing_documents, public_papers
from search.text import html_to_text, stream_headings, stream_text

logger = logging.getLogger(__name__)

try:
    from .models import ConsultationIndexPage
except ImportError:  # pragma: no cover - depends on the consultations app's progress
    ConsultationIndexPage = None
try:
    from .models import ConsultationPage
except ImportError:  # pragma: no cover
    ConsultationPage = None
try:
    from .models import Submission
except ImportError:  # pragma: no cover
    Submission = None


if ConsultationIndexPage is not None:

    class ConsultationIndexPageIndex(PublicSearchIndex, indexes.Indexable):
        """The consultations and have-your-say section page."""

        def get_model(self):
            """The model this index covers."""
            return ConsultationIndexPage

        def index_queryset(self, using=None):
            """What the public can read; `search.indexing.reindex` removes the rest."""
            return public_pages(ConsultationIndexPage)

        def get_summary(self, obj):
            """The line shown under the result's title when no passage matches."""
            return html_to_text(getattr(obj, "intro", ""))[:300]

        def text_context(self, obj):
            """Plain-text pieces for the document text template."""
            return {"intro": html_to_text(getattr(obj, "intro", ""))}


if ConsultationPage is not None:

    def consultations_with_documents(document_pks):
        """Consultations that link to any of these documents."""
        return ConsultationPage.objects.filter(
            pk__in=pages_referencing_documents(document_pks)
        ).values_list("pk", flat=True)

    class ConsultationPageIndex(PublicSearchIndex, indexes.Indexable):
        """A consultation with its questions, outcome and the text of its documents."""

        content_type_label = "Consultation"
        depends_on = {"wagtaildocs.Document": consultations_with_documents}

        def get_model(self):
            """The model this index covers."""
            return ConsultationPage

        def index_queryset(self, using=None):
            """What the public can read; `search.indexing.reindex` removes the rest."""
            return public_pages(ConsultationPage)

        def get_date(self, obj):
            """The date results are sorted, filtered and faceted by."""
            return getattr(obj, "opens_on", None) or obj.last_published_at

        def get_summary(self, obj):
            """The line shown under the result's title when no passage matches."""
            return getattr(obj, "summary", "")

        def get_sections(self, obj):
            """Headings a result can link into, from the page's heading blocks."""
            return stream_headings(getattr(obj, "body", None))

        def text_context(self, obj):
            """Plain-text pieces for the document text template."""
            documents = []
            links = list(obj.documents.all()) if hasattr(obj, "documents") else []
            papers = public_papers(link.document_id for link in links)
            for link in links:
                found = papers.get(link.document_id)
                if found:
                    document, text = found
                    documents.append({"title": link.title or document.title, "text": text})
            return {
                "body_text": stream_text(getattr(obj, "body", None)),
                "we_asked": html_to_text(getattr(obj, "we_asked", "")),
                "you_said": html_to_text(getattr(obj, "you_said", "")),
                "we_did": html_to_text(getattr(obj, "we_did", "")),
                "documents": documents,
            }


if Submission is not None:
    from meetings.models import MeetingPage

    class SubmissionIndex(PublicSearchIndex, indexes.Indexable):
        """A published question or statement with its answer, on its meeting's page."""

        content_type_label = "Question or statement"
        depends_on = {"meetings.MeetingPage": "meeting_id"}
        #: Submissions have no publish signal of their own: reindex on every save.
        reindex_on_save = True

        def get_model(self):
            """The model this index covers."""
            return Submission

        def index_queryset(self, using=None):
            """Published questions and statements of live, public meetings."""
            meetings = public_pages(MeetingPage).values("pk")
            return (
                Submission.objects.published()
                .filter(meeting_id__in=meetings)
                .select_related("meeting", "agenda_item")
            )

        def get_url(self, obj):
            """The published questions on the meeting page."""
            url = page_url(obj.meeting)
            return f"{url}#questions-and-statements" if url else None

        def prepare_title(self, obj):
            """The title shown in results (and boosted in ranking)."""
            return f"{obj.get_kind_display()} from {obj.name}"

        def prepare_autocomplete(self, obj):
            """The words the header box suggests from."""
            return ""

        def get_date(self, obj):
            """The date results are sorted, filtered and faceted by."""
            return obj.meeting.start

        def get_committees(self, obj):
            """The committee filter's value for this document."""
            committee = obj.meeting.committee
            return [committee.title] if committee else []

        def get_summary(self, obj):
            """The line shown under the result's title when no passage matches."""
            return f"{obj.meeting.title}, about {obj.item_display}"

        def text_context(self, obj):
            """Plain-text pieces for the document text template."""
            return {"meeting_title": obj.meeting.title}
