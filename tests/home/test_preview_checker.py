"""The preview panel in the page editor carries the site's content checker: the same
WCAG 2.2 AA tags as the browser suite, on the page's main content."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.accessibility import AXE_TAGS
from home.factories import StandardPageFactory
from tests.meetings.test_admin import make_editor

pytestmark = pytest.mark.django_db


def axe_configuration(html):
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert match, "no content checker on the page"
    return json.loads(match.group(1))


def test_preview_panel_runs_the_sites_checker_on_the_unsaved_draft(
    client, django_user_model, home_page
):
    page = StandardPageFactory(parent=home_page, title="Parking", show_in_menus=True)
    client.force_login(make_editor(django_user_model))
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": "Parking at County Hall",
            "slug": page.slug,
            "body": streamfield([("paragraph", rich_text("<p>Unsaved words.</p>"))]),
        }
    )
    assert client.post(url, data).json()["is_valid"]

    html = client.get(url, {"in_preview_panel": "true"}).content.decode()

    assert "Unsaved words." in html
    configuration = axe_configuration(html)
    assert configuration["options"]["runOnly"] == AXE_TAGS
    assert configuration["context"]["include"] == ["main"]
    assert configuration["options"]["rules"]["heading-order"] == {"enabled": True}


def test_visitors_never_get_the_checker(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Parking", show_in_menus=True)
    assert "checker-axe-configuration" not in client.get(page.url).content.decode()
