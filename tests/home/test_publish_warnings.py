"""Publish-time accessibility warnings as an editor meets them: seed text pasted into a
page in the real Wagtail admin, published, and the warnings read off the page the admin
shows next.

The seed documents lost their link targets (`[text](#)`) and say "follow this link": each
of those links must be named in a warning, and a clean page must publish with none.
"""

import html
import re
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StandardPage
from tests.meetings.test_admin import make_editor

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.exists() else []
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def pasted_html(markdown):
    """What an editor gets by pasting seed text into the rich text editor: a paragraph a
    line, with the document's links as links."""
    paragraphs = []
    for line in markdown.splitlines():
        if not line.strip():
            continue
        parts = []
        position = 0
        for link in MARKDOWN_LINK.finditer(line):
            parts.append(html.escape(line[position : link.start()]))
            parts.append(f'<a href="{html.escape(link.group(2))}">{html.escape(link.group(1))}</a>')
            position = link.end()
        parts.append(html.escape(line[position:]))
        paragraphs.append(f"<p>{''.join(parts)}</p>")
    return "".join(paragraphs)


def publish_standard_page(client, parent, title, body_html, show_in_menus=True):
    """Create and publish a standard page through the admin's add view, as the editor's
    browser posts it (Draftail sends rich text as contentstate); return the page the
    admin shows after publishing, with its messages."""
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])
    data = nested_form_data(
        {
            "title": title,
            "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
            "summary": "",
            "body": streamfield([("paragraph", rich_text(body_html))]),
            "show_in_menus": show_in_menus,
            "action-publish": "action-publish",
        }
    )
    return client.post(url, data, follow=True)


def accessibility_warnings(response):
    """The accessibility warnings shown to the editor, checked to be on the page itself."""
    shown = html.unescape(response.content.decode())
    warnings = [
        str(message)
        for message in response.context["messages"]
        if str(message).startswith("Accessibility:")
    ]
    for warning in warnings:
        assert warning in shown, f"warning not shown on the admin page: {warning}"
    return warnings


@pytest.fixture
def editor_client(client, django_user_model, home_page):
    client.force_login(make_editor(django_user_model))
    return client


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_publishing_pasted_seed_text_warns_about_every_link_that_goes_nowhere(
    editor_client, home_page, seed
):
    text = (SEEDS / seed).read_text()
    bad = [label for label, target in MARKDOWN_LINK.findall(text) if target.strip() in ("", "#")]
    assert bad, "every seed has links whose targets were lost"

    response = publish_standard_page(editor_client, home_page, f"Pasted {seed}", pasted_html(text))

    assert response.status_code == 200
    page = StandardPage.objects.get(title=f"Pasted {seed}")
    assert page.live, "warnings never stop an editor publishing"
    warnings = accessibility_warnings(response)
    nowhere = [w for w in warnings if "do not go anywhere" in w or "does not go anywhere" in w]
    named = "\n".join(nowhere)
    for label in bad:
        assert f"'{html.unescape(label)}'" in named, f"the link '{label}' is not named"
    if len(bad) > 3:
        assert f"{len(bad)} links do not go anywhere" in named


def test_pasted_cabinet_pack_warns_that_this_link_is_not_descriptive(editor_client, home_page):
    text = (SEEDS / "003_6e04e3e91135654b.txt").read_text()
    response = publish_standard_page(editor_client, home_page, "Cabinet pack", pasted_html(text))
    warnings = accessibility_warnings(response)
    descriptive = [w for w in warnings if "does not say where the link goes" in w]
    assert len(descriptive) == 1, warnings
    assert "'this link'" in descriptive[0]
    assert "(2 links like this.)" in descriptive[0]


def test_a_clean_page_publishes_with_no_warnings(editor_client, home_page):
    body = (
        "<h2>Parking at County Hall</h2>"
        '<p>Visitors can park in the <a href="/contact-democratic-services/">car park on '
        "Bythesea Road</a>, which has spaces for blue badge holders.</p>"
        "<h3>Getting here by bus</h3>"
        "<p>Buses stop outside the main entrance.</p>"
    )
    response = publish_standard_page(editor_client, home_page, "Visiting County Hall", body)

    assert response.status_code == 200
    assert StandardPage.objects.get(title="Visiting County Hall").live
    messages = [str(m) for m in response.context["messages"]]
    assert any("published" in m for m in messages), messages
    assert [m for m in messages if m.startswith(("Accessibility:", "Navigation:"))] == []


def test_saving_a_draft_warns_too_so_problems_are_fixed_before_publishing(editor_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
    data = nested_form_data(
        {
            "title": "Draft with a dead link",
            "slug": "draft-with-a-dead-link",
            "body": streamfield(
                [("paragraph", rich_text('<p>To read the plan follow <a href="#">this link</a>.'))]
            ),
            "show_in_menus": True,
        }
    )
    response = editor_client.post(url, data, follow=True)

    assert not StandardPage.objects.get(slug="draft-with-a-dead-link").live
    warnings = accessibility_warnings(response)
    assert any("'this link' does not go anywhere" in w for w in warnings), warnings
    assert any("'this link' does not say where the link goes" in w for w in warnings), warnings


def test_autosave_adds_no_warnings_that_would_pile_up_for_the_next_save(editor_client, home_page):
    """Wagtail 8 autosaves as the editor types (JSON requests whose responses show no
    messages); warnings from those would all appear, many times over, at the next save."""
    from home.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Agenda notes", show_in_menus=True)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": "Agenda notes",
            "slug": page.slug,
            "body": streamfield(
                [("paragraph", rich_text('<p>Follow <a href="#">this link</a>.</p>'))]
            ),
            "show_in_menus": True,
        }
    )
    for _ in range(3):
        autosave = editor_client.post(url, data, HTTP_ACCEPT="application/json")
        assert autosave.json()["success"]
    response = editor_client.post(url, data, follow=True)
    warnings = accessibility_warnings(response)
    assert len([w for w in warnings if "does not go anywhere" in w]) == 1, warnings
