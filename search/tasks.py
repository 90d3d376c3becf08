"""Background tasks for search: index updates and paper text extraction.

Both run on the task queue (one `db_worker` in production; at once in tests), so a slow
PDF or a busy index never slows the editor's publish request. Index writes go through
`search.indexing.reindex`, which holds the cross-process index lock.

A failed task is retried with backoff rather than logged and lost: with the database
backend the retry is a new queued task due later; with a backend that cannot defer (the
immediate backend in tests) it is retried in place after a short pause. After the last
attempt the error is raised, so the task is recorded as failed, and the nightly
`update_index --remove` reconciles the index.
"""

import logging
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

#: Seconds to wait before each retry of an index update.
INDEX_RETRY_DELAYS = (5, 30, 120, 600, 1800)
#: Seconds to wait before each retry of a text extraction.
EXTRACTION_RETRY_DELAYS = (60, 900, 3600)
#: The longest pause when retrying in place (no deferred tasks available).
INLINE_RETRY_PAUSE = 0.5


def retry_later(this_task, delays, attempt, error, **kwargs):
    """Queue `this_task` again after the delay for `attempt`, or raise `error` when the
    attempts are used up. Returns the retried call's result when retried in place."""
    if attempt > len(delays):
        logger.error("%s gave up after %s attempts: %s", this_task.name, attempt, error)
        raise error
    delay = delays[attempt - 1]
    logger.warning(
        "%s failed (attempt %s), retrying in %ss: %s", this_task.name, attempt, delay, error
    )
    if this_task.get_backend().supports_defer:
        this_task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            attempt=attempt + 1, **kwargs
        )
        return None
    time.sleep(min(delay, INLINE_RETRY_PAUSE))
    return this_task.call(attempt=attempt + 1, **kwargs)


@task()
def update_search_index(keys, subtrees=(), attempt=1):
    """Bring the index in line with the database for these objects and page subtrees.

    `keys` are haystack identifiers ('meetings.meetingpage.12'); `subtrees` are page ids
    whose whole subtree is re-checked. Each object is re-read from the database, so the
    task is correct however late it runs or in whichever order tasks run.
    """
    from .indexing import reindex

    try:
        updated, removed = reindex(keys, subtrees)
    except Exception as error:
        return retry_later(
            update_search_index,
            INDEX_RETRY_DELAYS,
            attempt,
            error,
            keys=list(keys),
            subtrees=list(subtrees),
        )
    return {"updated": updated, "removed": removed}


@task()
def extract_document_text(document_id, attempt=1):
    """Read a paper's text once and store it, then reindex the items that attach it.

    Exempt (Part II) and restricted documents are never read; their stored text, if any,
    is deleted. A file that cannot be read has the error recorded and is retried; it
    never stops the upload or the indexing of the item, which is indexed without it.
    """
    from wagtail.documents import get_document_model

    from .extraction import ExtractionFailed, can_extract, extract_text, file_fingerprint
    from .indexing import key_for
    from .models import DocumentText
    from .papers import is_public_document
    from .signals import queue_reindex

    document_model = get_document_model()
    document = document_model.objects.filter(pk=document_id).select_related("collection").first()
    if document is None:
        return "gone"
    document_key = key_for(document_model, document_id)
    if not is_public_document(document) or not can_extract(document):
        DocumentText.objects.filter(document_id=document_id).delete()
        queue_reindex({document_key})
        return "skipped"
    fingerprint = file_fingerprint(document)
    record, _ = DocumentText.objects.get_or_create(document=document)
    if record.succeeded and record.file_fingerprint == fingerprint:
        return "unchanged"
    try:
        text = extract_text(document)
    except Exception as error:  # a damaged file must never be fatal
        record.attempts += 1
        record.error = str(error)[:2000] or error.__class__.__name__
        record.file_fingerprint = fingerprint
        record.save(update_fields=["attempts", "error", "file_fingerprint", "updated_at"])
        unreadable = isinstance(error, ExtractionFailed)
        logger.log(
            logging.WARNING if unreadable else logging.ERROR,
            "Text extraction failed for document %s (attempt %s): %s",
            document_id,
            attempt,
            error,
        )
        if unreadable and not extract_document_text.get_backend().supports_defer:
            # Reading the same file again at once gives the same answer; without a queue
            # that can defer, leave it to `extract_paper_text --retry-failed`.
            return "failed"
        try:
            retry_later(
                extract_document_text,
                EXTRACTION_RETRY_DELAYS,
                attempt,
                error,
                document_id=document_id,
            )
        except Exception:
            return "failed"
        return "retrying"
    with transaction.atomic():
        record.text = text
        record.file_fingerprint = fingerprint
        record.extracted_at = timezone.now()
        record.error = ""
        record.attempts = 0
        record.save()
    queue_reindex({document_key})
    return "extracted"
