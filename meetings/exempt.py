"""Exempt information (Part II): Schedule 12A to the Local Government Act 1972.

A Part II agenda item must name the paragraph of Schedule 12A that makes it exempt, and
its papers are never published: they live in a restricted document collection and the
document server refuses them to the public.
"""

EXEMPT_PARAGRAPHS = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated "
    "consultations or negotiations, in connection with any labour relations matter arising "
    "between the authority or a Minister of the Crown and employees of, or office holders "
    "under, the authority.",
    5: "Information in respect of which a claim to legal professional privilege could be "
    "maintained in legal proceedings.",
    6: "Information which reveals that the authority proposes to give under any enactment a "
    "notice by virtue of which requirements are imposed on a person, or to make an order or "
    "direction under any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the "
    "prevention, investigation or prosecution of crime.",
}

EXEMPT_PARAGRAPH_CHOICES = [
    (number, f"Paragraph {number}: {text}") for number, text in EXEMPT_PARAGRAPHS.items()
]

EXEMPT_COLLECTION_NAME = "Exempt papers (Part II)"

PART_I = "1"
PART_II = "2"
PART_CHOICES = [
    (PART_I, "Part I: open to the public"),
    (PART_II, "Part II: exempt, public excluded"),
]


def exempt_notice(paragraph):
    """The public wording for a Part II item, e.g. 'Exempt under paragraph 3 of ...'."""
    return (
        f"Exempt under paragraph {paragraph} of Part 1 of Schedule 12A to the Local "
        "Government Act 1972"
    )


def exempt_collection():
    """The document collection for Part II papers, created under the root on first use."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=EXEMPT_COLLECTION_NAME).first()
    if existing:
        return existing
    return root.add_child(name=EXEMPT_COLLECTION_NAME)


def is_exempt_document(document):
    """True if a document is held as a Part II paper and must never be served publicly."""
    collection = document.collection
    return any(c.name == EXEMPT_COLLECTION_NAME for c in collection.get_ancestors(inclusive=True))
