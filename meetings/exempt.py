"""Exempt information (Part II): Schedule 12A to the Local Government Act 1972.

A Part II agenda item must name the paragraph of Schedule 12A that makes it exempt, and
its papers are never published: they live in a restricted document collection and the
document server refuses them to the public.
"""

from dataclasses import dataclass

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


def _paragraphs_phrase(paragraphs):
    numbers = [str(n) for n in paragraphs]
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    return f"paragraphs {', '.join(numbers[:-1])} and {numbers[-1]}"


@dataclass(frozen=True, slots=True)
class PrivateStatus:
    """Whether a key decision is taken in private (Part II), and under which paragraphs.

    ``from_agenda`` says whether this comes from a published agenda (the fact) or from
    the forward plan entry's own declaration (the intention, before an agenda exists).
    """

    private: bool
    paragraphs: tuple[int, ...] = ()
    from_agenda: bool = False

    @property
    def short(self):
        """'Yes, paragraph 3' or 'No', for a table cell."""
        if not self.private:
            return "No"
        return f"Yes, {_paragraphs_phrase(self.paragraphs)}" if self.paragraphs else "Yes"

    @property
    def full(self):
        """The sentence the forward plan shows (reg 5 of the 2012 Regulations)."""
        if not self.private:
            return "No"
        if not self.paragraphs:
            return "Yes"
        return (
            f"Yes, under {_paragraphs_phrase(self.paragraphs)} of Part 1 of Schedule 12A to "
            "the Local Government Act 1972"
        )

    @property
    def reasons(self):
        """The plain-English reason for each exempt paragraph."""
        return [EXEMPT_PARAGRAPHS[n] for n in self.paragraphs if n in EXEMPT_PARAGRAPHS]


def private_status(agenda_parts, declared_private=False, declared_paragraph=None):
    """Whether a key decision is taken in private, from its published agenda items.

    ``agenda_parts`` is ``(part, exempt_paragraph)`` for each published agenda item linked
    to the decision's forward plan entry. Why: the agenda is what actually decides who may
    be in the room; an exempt Part II appendix to a report means the decision is taken
    with the public excluded, whatever the entry said when it was first written. With no
    published agenda item yet, the entry's own declaration stands.
    """
    agenda_parts = list(agenda_parts)
    if agenda_parts:
        paragraphs = sorted({p for part, p in agenda_parts if part == PART_II and p})
        private = any(part == PART_II for part, _ in agenda_parts)
        return PrivateStatus(private, tuple(paragraphs), from_agenda=True)
    if declared_private:
        paragraphs = (declared_paragraph,) if declared_paragraph else ()
        return PrivateStatus(True, paragraphs)
    return PrivateStatus(False)
