"""Text extracted from uploaded papers, so search can find words inside PDFs and Word files."""

from django.db import models


class DocumentText(models.Model):
    """The plain text of one uploaded document, extracted once in a background task.

    Extraction is slow (a long PDF takes seconds) and may fail on a damaged file, so it
    runs outside the request, its result is kept here rather than recomputed at every
    reindex, and failures are recorded and retried instead of stopping an upload.
    """

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="extracted_text",
        help_text="The document the text came from.",
    )
    text = models.TextField(blank=True, help_text="The document's plain text, for search.")
    file_fingerprint = models.CharField(
        max_length=200,
        blank=True,
        help_text="The file name and size the text was taken from; a new file is re-read.",
    )
    extracted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the text was last extracted successfully."
    )
    error = models.TextField(blank=True, help_text="Why the last attempt failed, if it did.")
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Failed attempts since the last success."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        """Names for the admin."""

        verbose_name = "document text"
        verbose_name_plural = "document texts"

    def __str__(self):
        """Names the document the text came from."""
        return f"Text of document {self.document_id}"

    @property
    def succeeded(self):
        """True once text has been extracted from the current file."""
        return self.extracted_at is not None and not self.error
