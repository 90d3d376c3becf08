"""Publish-time accessibility checks on what editors write.

Content is where accessibility usually fails: pasted agenda text full of "follow this
link" with a link to "#", headings chosen for their size, tables without headers, and
reports published only as PDF. These plain functions find those problems in HTML so the
editor can warn before and after publishing.
"""

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

# Link texts that say nothing about where the link goes (WCAG 2.4.4 Link Purpose).
NON_DESCRIPTIVE_LINK_TEXTS = {
    "click here",
    "here",
    "this link",
    "link",
    "read more",
    "more",
    "more info",
    "more information",
    "click",
    "this",
    "this page",
    "go",
    "follow this link",
    "click this link",
    "this website",
    "website",
    "find out more",
    "learn more",
}
URL_PATTERN = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One accessibility problem, with a plain-English message for the editor and the
    thing it is about (a link's text, a heading), so many alike can be listed together."""

    code: str
    message: str
    subject: str = ""


class _ContentParser(HTMLParser):
    """Walk HTML once, collecting links, headings, images and tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (href or None, text)
        self.headings = []  # (level, text)
        self.images = []  # alt or None
        self.tables = []  # has_th
        self._link = None
        self._heading = None
        self._tables = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a":
            self._link = [attributes.get("href"), []]
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), []]
        elif tag == "img":
            self.images.append(attributes.get("alt"))
        elif tag == "table":
            self._tables.append(False)
        elif tag == "th" and self._tables:
            self._tables[-1] = True

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            href, text = self._link
            self.links.append((href, " ".join("".join(text).split())))
            self._link = None
        elif re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            level, text = self._heading
            self.headings.append((level, " ".join("".join(text).split())))
            self._heading = None
        elif tag == "table" and self._tables:
            self.tables.append(self._tables.pop())

    def handle_data(self, data):
        if self._link is not None:
            self._link[1].append(data)
        if self._heading is not None:
            self._heading[1].append(data)


def check_html(html, first_heading_level=2):
    """Return the accessibility problems in a fragment of editor-written HTML.

    `first_heading_level` is the level content should start at (2 on a page whose title
    is the h1)."""
    parser = _ContentParser()
    parser.feed(html or "")
    parser.close()
    problems = []
    for href, text in parser.links:
        shown = text or "(no text)"
        lowered = text.lower().strip(" .:!")
        if href is None or href.strip() in ("", "#"):
            problems.append(
                Problem(
                    "empty-link-target",
                    f"The link '{shown}' does not go anywhere (its address is "
                    f"'{href or ''}'). Link to the document or page it refers to.",
                    shown,
                )
            )
        if not text:
            problems.append(
                Problem(
                    "empty-link-text",
                    f"A link to {href} has no text. Say where it goes.",
                    href or "",
                )
            )
        elif lowered in NON_DESCRIPTIVE_LINK_TEXTS:
            problems.append(
                Problem(
                    "non-descriptive-link",
                    f"The link text '{text}' does not say where the link goes. Use words "
                    "that make sense on their own, such as the title of the page or document.",
                    text,
                )
            )
        elif URL_PATTERN.match(text):
            problems.append(
                Problem(
                    "url-as-link-text",
                    f"The link text '{text}' is a bare web address. Screen readers read it "
                    "out letter by letter: use the name of the page instead.",
                    text,
                )
            )
    previous = first_heading_level - 1
    for level, text in parser.headings:
        if level > previous + 1:
            problems.append(
                Problem(
                    "skipped-heading-level",
                    f"The heading '{text}' is level {level} but follows level {previous}. "
                    "Do not skip heading levels; choose headings by structure, not size.",
                    text,
                )
            )
        previous = level
    for alt in parser.images:
        if alt is None:
            problems.append(
                Problem(
                    "image-without-alt",
                    "An image has no alternative text. Describe it, or mark it as decorative.",
                )
            )
    for has_header in parser.tables:
        if not has_header:
            problems.append(
                Problem(
                    "table-without-headers",
                    "A table has no header row. Make the first row a header so screen "
                    "readers can announce each column.",
                )
            )
    return problems


# When a page has more than a few problems of one kind (pasted text often has dozens of
# links to '#'), the editor gets one warning naming each of them instead of a wall of
# warnings: what each kind of problem is, and how to fix it.
GROUP_AFTER = 3
GROUPED_MESSAGES = {
    "empty-link-target": (
        "{count} links do not go anywhere (their address is empty or '#'): {subjects}. "
        "Link each to the document or page it refers to."
    ),
    "empty-link-text": "{count} links have no text: {subjects}. Say where each one goes.",
    "non-descriptive-link": (
        "{count} links have text that does not say where they go: {subjects}. Use words "
        "that make sense on their own, such as the title of the page or document."
    ),
    "url-as-link-text": (
        "{count} links show a bare web address as their text: {subjects}. Use the name of "
        "the page instead."
    ),
    "skipped-heading-level": (
        "{count} headings skip a level: {subjects}. Choose headings by structure, not size."
    ),
    "image-without-alt": (
        "{count} images have no alternative text. Describe each, or mark it as decorative."
    ),
    "table-without-headers": (
        "{count} tables have no header row. Make the first row of each a header row."
    ),
    "pdf-only-paper": (
        "{count} reports are published only as a PDF: {subjects}. Add each report as a web "
        "page so everyone can read it."
    ),
}

PROBLEM_NOUNS = {
    "empty-link-target": "links",
    "empty-link-text": "links",
    "non-descriptive-link": "links",
    "url-as-link-text": "links",
    "skipped-heading-level": "headings",
    "image-without-alt": "images",
    "table-without-headers": "tables",
    "pdf-only-paper": "reports",
}


def editor_warnings(problems):
    """The warnings to show an editor for `problems`, in the order the kinds first occur:
    each problem on its own, or one warning naming every problem of a kind that occurs
    more than GROUP_AFTER times, so that every bad link is named and none is cut off."""
    by_code = {}
    for problem in problems:
        by_code.setdefault(problem.code, []).append(problem)
    warnings = []
    for code, group in by_code.items():
        if len(group) <= GROUP_AFTER or code not in GROUPED_MESSAGES:
            # The same link twice ("this link" to '#') is one warning, with a count.
            for message, count in Counter(problem.message for problem in group).items():
                noun = PROBLEM_NOUNS.get(code, "problems")
                warnings.append(message if count == 1 else f"{message} ({count} {noun} like this.)")
            continue
        subjects = ", ".join(f"'{problem.subject}'" for problem in group if problem.subject)
        warnings.append(GROUPED_MESSAGES[code].format(count=len(group), subjects=subjects))
    return warnings


def main_content(html):
    """The part of a rendered page inside <main>, where editor content lives."""
    match = re.search(r"<main\b[^>]*>(.*)</main>", html or "", re.S | re.I)
    return match.group(1) if match else html


def pdf_only_papers(page):
    """Problems for agenda items whose report is published only as a PDF."""
    if not hasattr(page, "agenda_items"):
        return []
    problems = []
    for item in page.agenda_items.all():
        if item.part == "2":
            continue
        pdf_reports = [
            block.value
            for block in item.papers
            if block.value.get("kind") == "report"
            and block.value.get("document") is not None
            and (block.value["document"].file_extension or "").lower() == "pdf"
        ]
        if pdf_reports and not item.report:
            problems.append(
                Problem(
                    "pdf-only-paper",
                    f"Item {item.number or ''} ({item.title}): the report is published only "
                    "as a PDF. Add the report as a web page so everyone can read it.",
                    item.title,
                )
            )
    return problems


def check_page(page, request=None):
    """Render `page` (its draft if it has one) and return its content problems.

    The page is rendered on a request of its own, as a preview for the editor who made
    `request`: rendering on the editor's request would use up their pending admin messages
    ("Page published") on a page nobody sees."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    same_host = {}
    if request is not None:
        same_host = {"HTTP_HOST": request.get_host(), "secure": request.is_secure()}
    preview = RequestFactory().get(page.url or "/", **same_host)
    preview.user = getattr(request, "user", None) or AnonymousUser()
    preview.is_preview = True
    preview.preview_mode = page.default_preview_mode
    try:
        response = page.serve_preview(preview, page.default_preview_mode)
        if hasattr(response, "render"):
            response.render()
        html = response.content.decode("utf-8", "replace")
    except Exception as error:  # noqa: BLE001 - a broken draft should not block editing
        return [Problem("render-failed", f"The page could not be checked: {error}")]
    # The page title is the h1; editor content should start at h2.
    problems = check_html(_without_site_chrome(main_content(html)))
    return problems + pdf_only_papers(page)


def _without_site_chrome(html):
    """Drop the page's own h1 so heading checks start from the editor's first heading."""
    return re.sub(r"<h1\b.*?</h1>", "", html, count=1, flags=re.S | re.I)
