"""Publish-time accessibility checks flag the problems the seed documents are full of,
and say nothing about clean content."""

import re
from pathlib import Path

import pytest

from home.content_checks import GROUP_AFTER, check_html, editor_warnings

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def pasted(markdown):
    """What an editor gets by pasting seed text into rich text: its links become <a>."""
    return MARKDOWN_LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', markdown)


def codes(html):
    return [problem.code for problem in check_html(html)]


@pytest.mark.parametrize(
    "text", ["click here", "here", "this link", "read more", "Read more.", "More information"]
)
def test_non_descriptive_link_text_is_flagged_wcag_2_4_4(text):
    assert "non-descriptive-link" in codes(f'<p><a href="/plans/">{text}</a></p>')


def test_link_to_hash_or_empty_target_is_flagged():
    assert "empty-link-target" in codes('<a href="#">Parking</a>')
    assert "empty-link-target" in codes('<a href="">Parking</a>')
    assert "empty-link-target" in codes("<a>Parking</a>")


def test_bare_url_as_link_text_is_flagged():
    html = '<a href="http://www.wiltshire.public-i.tv">http://www.wiltshire.public-i.tv</a>'
    assert "url-as-link-text" in codes(html)


def test_skipped_heading_level_is_flagged_wcag_1_3_1():
    assert "skipped-heading-level" in codes("<h2>Vision</h2><h4>Detail</h4>")
    assert "skipped-heading-level" in codes("<h3>Starts too deep</h3>")
    assert codes("<h2>Vision</h2><h3>Detail</h3><h2>Next</h2>") == []


def test_image_without_alt_is_flagged_but_decorative_image_is_not_wcag_1_1_1():
    assert "image-without-alt" in codes('<img src="/x.png">')
    assert codes('<img src="/x.png" alt="">') == []


def test_table_without_header_row_is_flagged():
    assert "table-without-headers" in codes("<table><tr><td>1</td></tr></table>")
    assert codes("<table><tr><th>Year</th></tr><tr><td>2017</td></tr></table>") == []


def test_clean_content_has_no_problems():
    html = (
        '<h2>Parking</h2><p>See <a href="/parking/">car parks near County Hall</a>.</p>'
        '<table><tr><th scope="col">Hub</th></tr><tr><td>Trowbridge</td></tr></table>'
    )
    assert check_html(html) == []


@pytest.mark.parametrize(
    "seed",
    sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.exists() else [],
)
def test_every_bad_link_in_the_seed_documents_is_flagged(seed):
    text = (SEEDS / seed).read_text()
    bad = [
        (label, target)
        for label, target in MARKDOWN_LINK.findall(text)
        if target.strip() in ("", "#")
    ]
    problems = check_html(pasted(text))
    empty_target_messages = [p.message for p in problems if p.code == "empty-link-target"]
    assert len(empty_target_messages) == len(bad)
    if any(label.strip().lower() in ("this link", "here", "click here") for label, _ in bad):
        assert any(p.code == "non-descriptive-link" for p in problems)


def test_a_few_problems_are_warned_about_one_by_one():
    html = '<p><a href="#">Parking</a> and <a href="/plans/">click here</a></p>'
    warnings = editor_warnings(check_html(html))
    assert warnings == [problem.message for problem in check_html(html)]
    assert len(warnings) == 2  # 'Parking' goes nowhere; 'click here' says nothing


def test_many_links_to_nowhere_are_one_warning_that_names_every_link():
    labels = [f"Strategy {n}" for n in range(GROUP_AFTER + 5)]
    html = "".join(f'<p><a href="#">{label}</a></p>' for label in labels)
    warnings = editor_warnings(check_html(html))
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{len(labels)} links do not go anywhere")
    for label in labels:
        assert f"'{label}'" in warnings[0]


def test_the_same_bad_link_twice_is_one_warning_with_a_count():
    html = '<p>Follow <a href="/a/">this link</a>, or <a href="/b/">this link</a>.</p>'
    warnings = editor_warnings(check_html(html))
    assert warnings == [
        "The link text 'this link' does not say where the link goes. Use words that make "
        "sense on their own, such as the title of the page or document. (2 links like this.)"
    ]


def test_many_tables_without_headers_are_counted_in_one_warning():
    html = "<table><tr><td>1</td></tr></table>" * (GROUP_AFTER + 1)
    assert editor_warnings(check_html(html)) == [
        f"{GROUP_AFTER + 1} tables have no header row. Make the first row of each a header row."
    ]
