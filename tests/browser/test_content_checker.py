"""The editors' content checker (Wagtail's userbar "Checks", also shown in the preview
panel) runs in Chromium with the site's WCAG 2.2 AA rule set plus Wagtail's editorial
rules, on the page's main content, and finds the problems pasted content has."""

import json

import pytest
from playwright.sync_api import expect

from home.accessibility import AXE_TAGS
from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_tab(page, live_server, django_user_model):
    """A browser tab signed in to the admin (a superuser: the flush between transactional
    tests removes the Editors group that a migration creates)."""
    user = django_user_model.objects.create_superuser("checker", "checker@example.gov.uk", "pw")
    return sign_in(page, user, live_server.url)


@pytest.fixture
def problem_page(home_page):
    """A published page with a skipped heading level and a link with no text."""
    from home.factories import StandardPageFactory

    return StandardPageFactory(
        parent=home_page,
        title="Pasted agenda text",
        show_in_menus=True,
        body=[
            ("paragraph", "<h2>Background</h2><h4>Detail</h4><p>Text.</p>"),
            ("paragraph", '<p>See <a href="/plans/"></a> for the plan.</p>'),
        ],
    )


def checker_configuration(tab):
    """The axe configuration Wagtail's checker passes to axe.run on this page."""
    script = tab.locator("#checker-axe-configuration")
    return json.loads(script.text_content())


def checker_findings(tab):
    """Open the userbar's Checks dialog and return the names of the issues it lists."""
    userbar = tab.locator("wagtail-userbar")
    userbar.locator("[data-wagtail-userbar-trigger]").click()
    userbar.locator("#checker-trigger").click()
    rows = userbar.locator("[data-content-checker-name]")
    expect(userbar.locator("#checker-trigger [data-content-checker-count]")).not_to_have_text("")
    return [rows.nth(i).inner_text() for i in range(rows.count())]


def test_checker_uses_the_sites_wcag_tags_on_main_with_wagtails_editorial_rules(
    editor_tab, live_server, problem_page
):
    editor_tab.goto(live_server.url + problem_page.url)
    configuration = checker_configuration(editor_tab)
    assert configuration["options"]["runOnly"] == AXE_TAGS
    assert configuration["context"]["include"] == ["main"]
    for rule in ("heading-order", "empty-heading", "p-as-heading", "link-name"):
        assert configuration["options"]["rules"][rule] == {"enabled": True}


def test_checker_finds_a_skipped_heading_and_a_link_with_no_text(
    editor_tab, live_server, problem_page
):
    editor_tab.goto(live_server.url + problem_page.url)
    findings = checker_findings(editor_tab)
    assert "Incorrect heading hierarchy" in findings
    assert "Link text is empty" in findings


def test_checker_finds_nothing_on_a_clean_page(editor_tab, live_server, home_page):
    from home.factories import StandardPageFactory

    clean = StandardPageFactory(
        parent=home_page,
        title="Visiting County Hall",
        show_in_menus=True,
        body=[("paragraph", '<h2>Parking</h2><p>See <a href="/">car parks</a>.</p>')],
    )
    editor_tab.goto(live_server.url + clean.url)
    userbar = editor_tab.locator("wagtail-userbar")
    userbar.locator("[data-wagtail-userbar-trigger]").click()
    userbar.locator("#checker-trigger").click()
    # Wagtail writes the number of issues into the trigger's count once axe has finished.
    expect(userbar.locator("#checker-trigger [data-content-checker-count]")).to_have_text("0")
    assert userbar.locator("[data-content-checker-name]").count() == 0
