"""Which attached papers' text may be searched, and which items attach a given paper.

A paper's text is searchable only if the public can download it: not held in the exempt
(Part II) collection, and not in a collection with a view restriction.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, ReferenceIndex

from meetings.exempt import is_exempt_document


def is_public_document(document):
    """True if anyone may download the document, so its words may appear in results."""
    if is_exempt_document(document):
        return False
    collections = document.collection.get_ancestors(inclusive=True)
    return not CollectionViewRestriction.objects.filter(collection__in=collections).exists()


def public_papers(document_ids):
    """{document id: (document, text)} for the public documents among `document_ids`.

    `text` is the stored extracted text, or "" while extraction is pending or failed.
    """
    from .models import DocumentText

    ids = {int(pk) for pk in document_ids if pk}
    if not ids:
        return {}
    documents = get_document_model().objects.filter(pk__in=ids).select_related("collection")
    texts = dict(
        DocumentText.objects.filter(document_id__in=ids, error="").values_list(
            "document_id", "text"
        )
    )
    return {
        document.pk: (document, texts.get(document.pk, ""))
        for document in documents
        if is_public_document(document)
    }


def pages_referencing_documents(document_pks):
    """Ids of pages (or their child objects) that link to any of these documents, from
    Wagtail's reference index, which records StreamField and child-relation links."""
    document_type = ContentType.objects.get_for_model(get_document_model())
    return set(
        ReferenceIndex.objects.filter(
            to_content_type=document_type, to_object_id__in=[str(pk) for pk in document_pks]
        ).values_list("object_id", flat=True)
    )
