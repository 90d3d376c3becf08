"""Turning rich text and StreamField content into plain words for the search index.

Reading a StreamField's raw data avoids rendering block templates (which may need a
request, and are slow over thousands of documents) and keeps words apart that a simple
`striptags` would glue together ("</p><p>" becomes a space, not nothing).
"""

import html
import re

from django.utils.text import slugify

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\s*\n\s*")

#: StreamField value keys that hold settings, not words a resident would search for.
NON_TEXT_KEYS = frozenset(
    {
        "level",
        "kind",
        "document",
        "image",
        "page",
        "type",
        "id",
        "key_decision",
        "alt_text_decorative",
    }
)


def html_to_text(value):
    """Plain text from an HTML fragment: tags become spaces, entities are decoded."""
    if not value:
        return ""
    text = html.unescape(_TAG.sub(" ", str(value)))
    return _SPACE.sub(" ", text).strip()


def tidy_lines(text):
    """Collapse spaces and blank lines, so stored documents stay compact."""
    text = _SPACE.sub(" ", text)
    return _LINES.sub("\n", text).strip()


def raw_text(value):
    """Every string inside a raw StreamField value (dicts, lists, strings), as lines."""
    if isinstance(value, str):
        return [html_to_text(value)] if value.strip() else []
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if key not in NON_TEXT_KEYS:
                lines.extend(raw_text(item))
        return lines
    if isinstance(value, list | tuple):
        lines = []
        for item in value:
            lines.extend(raw_text(item))
        return lines
    return []


def stream_text(stream):
    """The words of a StreamField, block by block, one line per piece of text."""
    if not stream:
        return ""
    lines = []
    for block in stream.raw_data:
        lines.extend(raw_text(block.get("value")))
    return "\n".join(line for line in lines if line)


def stream_headings(stream):
    """[(anchor, heading)] for every heading block, matching the ids the heading template
    gives them (`slugify` of the text), so a result can link to its section."""
    if not stream:
        return []
    headings = []
    for block in stream.raw_data:
        if block.get("type") == "heading":
            text = (block.get("value") or {}).get("text", "")
            if text:
                headings.append((slugify(text), text))
    return headings
