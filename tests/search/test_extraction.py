"""Paper text extraction: PDF and Word text is read once in a task, stored, and indexed
with the item that attaches it; failures are recorded and retried, never fatal; exempt
papers are never read."""

import pytest

from search.extraction import ExtractionFailed, extract_text
from search.models import DocumentText

from .conftest import rebuild_index
from .helpers import docx_bytes, found, found_urls, make_document, pdf_bytes

pytestmark = pytest.mark.django_db


def test_pdf_and_docx_text(home_page):
    pdf = make_document("Appendix", pdf_bytes("Quarterly tarantula survey", "page two"), "a.pdf")
    assert "tarantula survey" in extract_text(pdf)
    word = make_document("Letter", docx_bytes("Dear resident", "About the ocelot"), "b.docx")
    assert "ocelot" in extract_text(word)


def test_unreadable_files_raise_a_clear_error(home_page):
    broken = make_document("Broken", b"%PDF-1.4 this is not really a pdf", "broken.pdf")
    with pytest.raises(ExtractionFailed):
        extract_text(broken)
    spreadsheet = make_document("Sheet", b"a,b\n1,2\n", "sheet.csv")
    with pytest.raises(ExtractionFailed):
        extract_text(spreadsheet)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed, so on-commit tasks run."""

    def run(action, *args, **kwargs):
        """Call `action` and run the on-commit callbacks it queued."""
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def attach(meeting, commit, document, title="Lemur appendix item"):
    """Add a Part I item with `document` as its paper to the meeting and publish it."""
    from meetings.models import AgendaItem

    meeting.agenda_items.add(
        AgendaItem(
            title=title,
            papers=[("paper", {"kind": "appendix", "document": document, "title": ""})],
        )
    )
    commit(lambda: meeting.save_revision().publish())
    return AgendaItem.objects.get(meeting=meeting, title=title)


def test_a_pdfs_text_is_found_and_links_to_its_item(indexed_council, commit):
    document = commit(
        make_document, "Appendix 3", pdf_bytes("The marmoset relocation costs"), "appendix3.pdf"
    )
    assert DocumentText.objects.get(document=document).text.startswith("The marmoset")
    item = attach(indexed_council["meeting"], commit, document)
    assert found("marmoset relocation") == {f"meetings.agendaitem.{item.pk}"}
    assert found_urls("marmoset") == {f"/meetings/cabinet/2017-07-03/#{item.anchor}"}


def test_text_extracted_after_the_item_was_published_is_indexed_then(indexed_council, commit):
    """Uploading and attaching in one go: the item is indexed at once without the text,
    and again when the text has been read."""
    from search.tasks import extract_document_text

    document = make_document("Late paper", pdf_bytes("Axolotl breeding programme"), "late.pdf")
    item = attach(indexed_council["meeting"], commit, document, title="Late item")
    DocumentText.objects.filter(document=document).delete()
    rebuild_index()
    assert not found("axolotl")
    commit(extract_document_text.call, document_id=document.pk)
    assert found("axolotl") == {f"meetings.agendaitem.{item.pk}"}


def test_a_docx_paper_is_found(indexed_council, commit):
    document = commit(make_document, "Letter", docx_bytes("Gecko habitat letter"), "letter.docx")
    item = attach(indexed_council["meeting"], commit, document, title="Correspondence")
    assert found("gecko habitat") == {f"meetings.agendaitem.{item.pk}"}


def test_exempt_papers_are_never_read_or_indexed(indexed_council, commit):
    from meetings.exempt import exempt_collection

    document = commit(
        make_document,
        "Exempt annex",
        pdf_bytes("Confidential salamander valuation"),
        "annex.pdf",
        collection=exempt_collection(),
    )
    assert not DocumentText.objects.filter(document=document, text__contains="salamander")
    attach(indexed_council["meeting"], commit, document, title="Open item citing an annex")
    assert not found("salamander")


def test_moving_a_paper_into_the_exempt_collection_removes_its_text(indexed_council, commit):
    from meetings.exempt import exempt_collection

    document = commit(make_document, "Annex", pdf_bytes("Iguana contract value"), "iguana.pdf")
    attach(indexed_council["meeting"], commit, document, title="Iguana item")
    assert found("iguana contract")
    document.collection = exempt_collection()
    commit(document.save)
    assert not found("contract value")
    assert not DocumentText.objects.filter(document=document).exists()


def test_a_damaged_paper_is_recorded_and_never_fatal(indexed_council, commit):
    document = commit(make_document, "Damaged", b"%PDF-1.4 garbage", "damaged.pdf")
    record = DocumentText.objects.get(document=document)
    assert record.error.startswith("The PDF could not be read")
    assert record.attempts == 1
    assert record.extracted_at is None
    item = attach(indexed_council["meeting"], commit, document, title="Item with damaged paper")
    assert found("damaged paper item") >= {f"meetings.agendaitem.{item.pk}"}


def test_a_damaged_paper_is_retried_later_on_a_real_queue(home_page, settings):
    """With a queue that can defer (the database queue in production), a failure queues
    a retry for later, with a growing delay."""
    from django.utils import timezone
    from django_tasks import default_task_backend

    from search.tasks import EXTRACTION_RETRY_DELAYS, extract_document_text

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    document = make_document("Damaged", b"%PDF-1.4 garbage", "damaged.pdf")
    assert extract_document_text.call(document_id=document.pk) == "retrying"
    queued = [r for r in default_task_backend.results if r.task.name == "extract_document_text"]
    retry = queued[-1]
    assert retry.kwargs == {"attempt": 2, "document_id": document.pk}
    delay = (retry.task.run_after - timezone.now()).total_seconds()
    assert EXTRACTION_RETRY_DELAYS[0] - 5 < delay <= EXTRACTION_RETRY_DELAYS[0]
    assert (
        extract_document_text.call(
            document_id=document.pk, attempt=len(EXTRACTION_RETRY_DELAYS) + 1
        )
        == "failed"
    )
    assert DocumentText.objects.get(document=document).attempts == 2


def test_an_unexpected_extraction_error_is_retried(home_page, commit, monkeypatch):
    import search.extraction
    import search.tasks

    monkeypatch.setattr(search.tasks, "INLINE_RETRY_PAUSE", 0)
    original = search.extraction.extract_text
    calls = []

    def flaky(document):
        """Fail once as if storage were unmounted, then read the file."""
        calls.append(1)
        if len(calls) == 1:
            raise OSError("storage not mounted")
        return original(document)

    monkeypatch.setattr(search.extraction, "extract_text", flaky)
    document = commit(make_document, "Paper", pdf_bytes("Hyrax count"), "hyrax.pdf")
    assert len(calls) == 2
    assert "Hyrax" in DocumentText.objects.get(document=document).text


def test_the_extraction_command_backfills(indexed_council):
    from django.core.management import call_command

    document = make_document("Old paper", pdf_bytes("Wolverine study"), "old.pdf")
    DocumentText.objects.filter(document=document).delete()
    call_command("extract_paper_text", verbosity=0)
    assert "Wolverine" in DocumentText.objects.get(document=document).text
