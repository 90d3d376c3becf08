"""Small builders for search tests: real PDF and Word files, pages, and index queries."""

import io

from django.core.files.base import ContentFile
from haystack.query import SearchQuerySet
from wagtail.documents.models import Document


def pdf_bytes(*lines):
    """A minimal but valid one-page PDF whose text layer holds `lines` (Helvetica)."""
    stream = (
        "BT /F1 12 Tf 72 720 Td 14 TL "
        + " ".join(
            "({}) '".format(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def docx_bytes(*paragraphs):
    """A Word document with these paragraphs."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_document(title, content, name, collection=None):
    """A Wagtail document with the given file content (saved, so signals fire)."""
    document = Document(title=title, file=ContentFile(content, name=name))
    if collection is not None:
        document.collection = collection
    document.save()
    return document


def found(phrase, **filters):
    """The ids ('app.model.pk') of documents matching `phrase`, straight from the index."""
    return {result.id for result in SearchQuerySet().auto_query(phrase).filter(**filters)}


def found_urls(phrase):
    """The stored URLs of documents matching `phrase`."""
    return {result.url for result in SearchQuerySet().auto_query(phrase)}


def indexed_ids(model):
    """Every indexed document id ('app.model.pk') of one model."""
    return {result.id for result in SearchQuerySet().models(model)[:100_000]}
