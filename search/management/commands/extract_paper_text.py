"""Read the text of papers that have none stored yet, e.g. after installing search on a
site with existing documents, or to retry papers whose extraction failed."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from search.extraction import SUPPORTED_EXTENSIONS
from search.tasks import extract_document_text


class Command(BaseCommand):
    """`manage.py extract_paper_text [--retry-failed] [--queue]`."""

    help = "Extract and store the text of PDF and Word papers that have none yet."

    def add_arguments(self, parser):
        """The command's options."""
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Also try again papers whose earlier extraction failed.",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue a task per paper for the worker instead of reading them here.",
        )

    def handle(self, *args, retry_failed=False, queue=False, verbosity=1, **options):
        """Read (or queue) every paper still without text."""
        documents = get_document_model().objects.all()
        if retry_failed:
            documents = documents.exclude(extracted_text__error="", extracted_text__isnull=False)
        else:
            documents = documents.filter(extracted_text__isnull=True)
        ids = [
            pk
            for pk, name in documents.values_list("pk", "file")
            if name.rsplit(".", 1)[-1].lower() in SUPPORTED_EXTENSIONS
        ]
        outcomes = {}
        for pk in ids:
            if queue:
                extract_document_text.enqueue(document_id=pk)
                outcome = "queued"
            else:
                outcome = extract_document_text.call(document_id=pk)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if verbosity:
            summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
            self.stdout.write(f"{len(ids)} papers: {summary or 'nothing to do'}")
