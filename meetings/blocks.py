"""StreamField blocks for democracy content: papers, HTML reports, minutes and plans.

Reports and plans are structured HTML rather than PDF so that they are accessible and
searchable; each block mirrors a part of the real documents in ../shared/seeds.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from home.blocks import HeadingBlock, InsetTextBlock, typed_table_block

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

PAPER_KINDS = [
    ("report", "Report"),
    ("appendix", "Appendix"),
    ("supplement", "Agenda supplement"),
    ("background", "Background paper"),
    ("presentation", "Presentation"),
    ("minutes", "Minutes"),
]


class PaperBlock(blocks.StructBlock):
    """A document published with an agenda item: a report, an appendix, a supplement."""

    kind = blocks.ChoiceBlock(
        choices=PAPER_KINDS,
        default="report",
        help_text="What the document is. Appendices are listed after their report.",
    )
    document = DocumentChooserBlock(help_text="The PDF, Word or other file to publish.")
    title = blocks.CharBlock(
        required=False,
        help_text="Link text, e.g. 'Appendix 1 - Draft Business Plan'. Leave blank to use the "
        "document's title.",
    )

    class Meta:
        icon = "doc-full"
        description = "A document published with this agenda item"


class NumberedParagraphBlock(blocks.StructBlock):
    """A numbered report paragraph. Reports number paragraphs so debate can cite them."""

    number = blocks.CharBlock(
        required=False,
        max_length=12,
        help_text="The paragraph number as printed, e.g. '12' or '12.1'. Leave blank to "
        "number automatically.",
    )
    text = blocks.RichTextBlock(features=TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        template = "meetings/blocks/numbered_paragraph_block.html"
        description = "A numbered paragraph of a report"


class RiskBlock(blocks.StructBlock):
    """A row of a report's risk table: the risk and what is done about it."""

    risk = blocks.CharBlock(help_text="The risk, in a sentence.")
    mitigation = blocks.TextBlock(help_text="What will be done to reduce or manage it.")


class ReportBodyBlock(blocks.StreamBlock):
    """The main text of an HTML report: headed sections of numbered paragraphs and tables."""

    heading = HeadingBlock()
    paragraph = NumberedParagraphBlock()
    text = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        template="components/blocks/paragraph_block.html",
        description="Unnumbered text",
    )
    table = blocks.StructBlock(
        [("caption", blocks.CharBlock()), ("table", typed_table_block())],
        icon="table",
        template="components/blocks/captioned_table_block.html",
        description="A table with a caption and a header row",
    )
    risks = blocks.ListBlock(
        RiskBlock(),
        icon="warning",
        template="meetings/blocks/risks_block.html",
        description="A table of risks and how they are mitigated",
    )
    inset = InsetTextBlock()


class ReportBlock(blocks.StructBlock):
    """An officer report in HTML, with the fixed header every council report carries."""

    subject = blocks.CharBlock(help_text="The report's subject, e.g. 'Draft Business Plan'.")
    cabinet_member = blocks.CharBlock(
        required=False,
        help_text="The portfolio holder, e.g. 'Cllr Laura Mayes, Cabinet Member for Children, "
        "Education and Skills'.",
    )
    key_decision = blocks.BooleanBlock(
        required=False, help_text="Tick if the report asks for a key decision."
    )
    report_author = blocks.CharBlock(
        required=False,
        help_text="Who wrote it, with their job title, e.g. 'Carolyn Godfrey, Corporate Director'.",
    )
    report_date = blocks.DateBlock(required=False, help_text="The date printed on the report.")
    executive_summary = blocks.RichTextBlock(features=TEXT_FEATURES)
    proposals = blocks.RichTextBlock(
        features=TEXT_FEATURES, help_text="What the report asks the meeting to decide."
    )
    reasons_for_proposals = blocks.RichTextBlock(features=TEXT_FEATURES)
    body = ReportBodyBlock(required=False, help_text="The main report, section by section.")
    background_papers = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        required=False,
        help_text="Unpublished works relied on, or 'None'.",
    )

    class Meta:
        icon = "doc-full-inverse"
        template = "meetings/blocks/report_block.html"
        description = "An officer report with its standard header, published as a web page"


class MinuteBlock(blocks.StructBlock):
    """One numbered minute: what was discussed, what was resolved, and why."""

    title = blocks.CharBlock(help_text="The minute's heading, usually the agenda item title.")
    agenda_item_number = blocks.CharBlock(
        required=False,
        max_length=12,
        help_text="The agenda item this minute records, e.g. '6'.",
    )
    exempt = blocks.BooleanBlock(
        required=False,
        help_text="Tick for a Part II minute whose discussion must not be published. Only "
        "the heading and the resolution are shown.",
    )
    discussion = blocks.RichTextBlock(features=TEXT_FEATURES, required=False)
    resolved = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        required=False,
        help_text="The resolution exactly as agreed ('Resolved: ...').",
    )
    reason_for_decision = blocks.RichTextBlock(features=TEXT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"
        description = "One numbered minute"


class MinutesStreamBlock(blocks.StreamBlock):
    """The minutes of a meeting, numbered continuously across the committee's meetings."""

    minute = MinuteBlock()


class OutcomeBlock(blocks.StructBlock):
    """An outcome the plan aims for, with why it matters and what the council will do."""

    title = blocks.CharBlock(help_text="e.g. 'Outcome 1: Wiltshire has a thriving economy'.")
    why_important = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        label="Why is this important?",
        help_text="Why this outcome matters to residents.",
    )
    actions = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        required=False,
        label="What we will do",
    )

    class Meta:
        icon = "pick"
        template = "meetings/blocks/outcome_block.html"
        description = "An outcome with 'Why is this important?'"


class KeyActionsBlock(blocks.StructBlock):
    """A numbered list of key actions, such as the business plan's twelve."""

    heading = blocks.CharBlock(default="Key actions")
    actions = blocks.ListBlock(
        blocks.CharBlock(label="Action"), help_text="One action per row, in order."
    )

    class Meta:
        icon = "list-ol"
        template = "meetings/blocks/key_actions_block.html"
        description = "A numbered list of key actions"


class PrincipleBlock(blocks.StructBlock):
    """A principle the council works by: a short name and what it means."""

    name = blocks.CharBlock()
    description = blocks.TextBlock()


class MeasureBlock(blocks.StructBlock):
    """A measure of success, with its baseline and target."""

    measure = blocks.CharBlock(help_text="What is measured.")
    baseline = blocks.CharBlock(required=False, help_text="Where it stands now.")
    target = blocks.CharBlock(required=False, help_text="The target and by when.")


class PlanStreamBlock(blocks.StreamBlock):
    """The sections of a business plan, productivity plan or strategy.

    Level 2 headings build the page's table of contents.
    """

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h3", "h4", *TEXT_FEATURES],
        template="components/blocks/paragraph_block.html",
        description="Paragraphs of text with links and lists",
    )
    vision = blocks.StructBlock(
        [("statement", blocks.TextBlock(help_text="The vision in a sentence or two."))],
        icon="view",
        template="meetings/blocks/vision_block.html",
        description="The council's vision statement",
    )
    outcome = OutcomeBlock()
    key_actions = KeyActionsBlock()
    principles = blocks.ListBlock(
        PrincipleBlock(),
        icon="tick",
        template="meetings/blocks/principles_block.html",
        description="The principles the council works by",
    )
    measures = blocks.ListBlock(
        MeasureBlock(),
        icon="order",
        template="meetings/blocks/measures_block.html",
        description="Measures of success with baselines and targets",
    )
    table = blocks.StructBlock(
        [("caption", blocks.CharBlock()), ("table", typed_table_block())],
        icon="table",
        template="components/blocks/captioned_table_block.html",
        description="A table with a caption and a header row",
    )
    inset = InsetTextBlock()
    document = blocks.StructBlock(
        [
            ("document", DocumentChooserBlock()),
            ("title", blocks.CharBlock(required=False)),
        ],
        icon="doc-full",
        template="components/blocks/document_link_block.html",
        description="A downloadable document, e.g. an appendix",
    )
    footnotes = blocks.ListBlock(
        blocks.RichTextBlock(features=["bold", "italic", "link"], label="Footnote"),
        icon="superscript",
        template="meetings/blocks/footnotes_block.html",
        description="Numbered footnotes",
    )
