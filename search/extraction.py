"""Reading the words out of PDF (pypdf) and Word .docx (python-docx) papers.

Only text goes into search: no images, no layout. A damaged or encrypted file raises
`ExtractionFailed`, which the task records and retries; it never reaches a resident.
"""

import re
import zipfile
from pathlib import PurePath

#: Stop after this many characters (roughly 100 pages); search needs the words, not every
#: page of a 900-page appendix, and huge stored texts slow every result that shows them.
MAX_TEXT_CHARS = 200_000
MAX_PDF_PAGES = 400
SUPPORTED_EXTENSIONS = {"pdf", "docx"}


class ExtractionFailed(Exception):
    """The file could not be read; the message says why, for the admin and the logs."""


def extension_of(document):
    """The document's lower-case file extension, e.g. 'pdf'."""
    return PurePath(document.file.name or "").suffix.lower().lstrip(".")


def can_extract(document):
    """True if this document's type is one whose text we can read."""
    return extension_of(document) in SUPPORTED_EXTENSIONS


def file_fingerprint(document):
    """A cheap identity for the stored file, so a replaced file is read again."""
    try:
        size = document.file.size
    except (OSError, ValueError):
        size = "missing"
    return f"{document.file.name}:{size}"[:200]


def tidy(text):
    """Collapse runs of spaces and blank lines and cut to `MAX_TEXT_CHARS`."""
    text = text.replace("\x00", " ")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n", text)
    return text.strip()[:MAX_TEXT_CHARS]


def pdf_text(handle):
    """Text of a PDF, page by page, stopping at the page or character limit."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(handle)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionFailed("The PDF is encrypted with a password.")
        parts, length = [], 0
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES or length >= MAX_TEXT_CHARS:
                break
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
        return "\n".join(parts)
    except ExtractionFailed:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise ExtractionFailed(f"The PDF could not be read: {error}") from error


def docx_text(handle):
    """Text of a Word document: its paragraphs, then its tables' cells."""
    import docx
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(handle)
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ExtractionFailed(f"The Word document could not be read: {error}") from error
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def extract_text(document):
    """The plain text of a Wagtail document. Raises `ExtractionFailed` if unreadable."""
    extension = extension_of(document)
    if extension not in SUPPORTED_EXTENSIONS:
        raise ExtractionFailed(f"Text cannot be read from .{extension or '?'} files.")
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError) as error:
        raise ExtractionFailed(f"The file could not be opened: {error}") from error
    try:
        raw = pdf_text(handle) if extension == "pdf" else docx_text(handle)
    finally:
        handle.close()
    return tidy(raw)
