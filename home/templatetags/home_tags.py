"""Template helpers shared across the site."""

from django import template
from django.template.defaultfilters import filesizeformat

register = template.Library()

DOCUMENT_TYPE_NAMES = {
    "pdf": "PDF",
    "docx": "Word document",
    "doc": "Word document",
    "odt": "OpenDocument text",
    "xlsx": "Excel spreadsheet",
    "csv": "CSV",
    "pptx": "PowerPoint presentation",
    "rtf": "Rich text",
    "txt": "Plain text",
    "zip": "ZIP archive",
}


@register.filter
def document_type(document):
    """Name a document's file type in words, e.g. 'PDF' or 'Word document'."""
    extension = (document.file_extension or "").lower()
    return DOCUMENT_TYPE_NAMES.get(extension, extension.upper() or "File")


@register.filter
def document_size(document):
    """A document's size in human terms ('1.2 MB'), or 'size unknown' if the file is gone."""
    size = document.file_size
    if size is None:
        try:
            size = document.file.size
        except (OSError, ValueError):
            return "size unknown"
    return filesizeformat(size).replace("\xa0", " ")
