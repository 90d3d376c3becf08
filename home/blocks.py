"""StreamField blocks for general content pages, rendered with GOV.UK Frontend patterns."""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading. Levels start at h2 because the page title is the only h1."""

    text = blocks.CharBlock(help_text="The heading text, in sentence case.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading level 2"), ("h3", "Heading level 3"), ("h4", "Heading level 4")],
        default="h2",
        help_text="Use level 2 for main sections and level 3 inside them; do not skip levels.",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        description = "A heading that starts a section and appears in screen reader navigation"
        preview_value = {"text": "What we will do", "level": "h2"}


class InsetTextBlock(blocks.StructBlock):
    """Text set apart from the body, e.g. a quotation or something to note."""

    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "openquote"
        template = "components/blocks/inset_text_block.html"
        description = "Text set apart from the rest, such as a note or a quotation"
        preview_value = {"text": "This plan was approved by Cabinet on 3 July 2017."}


class WarningTextBlock(blocks.StructBlock):
    """Important text people must not miss, such as a legal consequence."""

    text = blocks.CharBlock(help_text="Keep it to one or two sentences.")

    class Meta:
        icon = "warning"
        template = "components/blocks/warning_text_block.html"
        description = "A warning people must not miss"
        preview_value = {"text": "You can be fined up to £5,000 if you do not register."}


class TableBlock(TypedTableBlock):
    """A data table with a caption and a header row, as screen readers need."""

    class Meta:
        icon = "table"
        template = "components/blocks/table_block.html"
        description = "A table of data with a header row"


def typed_table_block():
    """Build the table block used across the site (text and number columns)."""
    return TableBlock(
        [
            ("text", blocks.CharBlock(required=False)),
            ("numeric", blocks.DecimalBlock(required=False)),
            (
                "rich_text",
                blocks.RichTextBlock(features=["bold", "italic", "link"], required=False),
            ),
        ]
    )


class CaptionedTableBlock(blocks.StructBlock):
    """A table with the caption that tells people what it shows."""

    caption = blocks.CharBlock(help_text="What the table shows, e.g. 'Savings by year'.")
    table = typed_table_block()

    class Meta:
        icon = "table"
        template = "components/blocks/captioned_table_block.html"
        description = "A table with a caption; the first row is the header row"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document, showing its type and size as GOV.UK advises."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False,
        help_text="Link text. Leave blank to use the document's own title.",
    )

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_link_block.html"
        description = "A downloadable document with its file type and size"


class DetailsBlock(blocks.StructBlock):
    """Expandable extra detail that most readers will not need."""

    summary = blocks.CharBlock(help_text="The short line people click to open it.")
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "arrow-down"
        template = "components/blocks/details_block.html"
        description = "A short summary that opens to show more detail"
        preview_value = {"summary": "Help with the word 'quorum'", "text": "<p>The minimum…</p>"}


RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class BodyStreamBlock(blocks.StreamBlock):
    """The general body content of standard pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="components/blocks/paragraph_block.html",
        description="Paragraphs of text with links and lists",
    )
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    details = DetailsBlock()
    table = CaptionedTableBlock()
    document = DocumentLinkBlock()
    image = ImageBlock(
        required=False,
        template="components/blocks/image_block.html",
        description="An image with alternative text",
    )

    class Meta:
        template = "components/blocks/body_stream_block.html"
