"""Search in real Chromium: axe-core finds no WCAG 2.2 A/AA violations on results, empty
results, a spelling suggestion, ticked facets and an error; the header box's suggestions
work with the keyboard alone (WCAG 2.1.1) and follow the ARIA combobox pattern; and the
box still searches without JavaScript."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from haystack import connections

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(council, live_server):
    """The mini council, indexed, served by a live server."""
    connections["default"].get_backend().clear()
    call_command("update_index", remove=True, verbosity=0)
    cache.clear()
    return live_server.url


def test_results_have_no_axe_violations(page, axe, site):
    page.goto(site + "/search/?q=digital+strategy")
    assert page.locator("#search-count").inner_text().startswith("4 results")
    assert page.locator("mark").count() > 0
    axe(page)


def test_empty_results_have_no_axe_violations(page, axe, site):
    page.goto(site + "/search/?q=xylophone")
    assert "No results" in page.locator("#search-count").inner_text()
    axe(page)


def test_spelling_suggestion_has_no_axe_violations(page, axe, site):
    page.goto(site + "/search/?q=digitl")
    page.get_by_role("link", name="digital").click()
    page.wait_for_url("**/search/?q=digital")
    page.goto(site + "/search/?q=digitl")
    assert page.locator("#search-suggestion").is_visible()
    axe(page)


def test_ticked_facets_have_no_axe_violations(page, axe, site):
    page.goto(site + "/search/?q=digital+strategy")
    page.get_by_role("checkbox", name=re.compile("^Decision")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**type=Decision**")
    assert page.locator("#search-count").inner_text().startswith("1 result")
    axe(page)


def test_date_error_has_no_axe_violations(page, axe, site):
    response = page.goto(site + "/search/?q=digital&from_day=31&from_month=2&from_year=2021")
    assert response.status == 400
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page)


def test_header_suggestions_work_with_the_keyboard_alone(page, axe, site):
    """WCAG 2.1.1 Keyboard and 4.1.2 Name, Role, Value: type, arrow to a suggestion, press
    Enter; the box is a combobox whose active option is announced."""
    page.goto(site + "/")
    box = page.locator("#header-search")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # home link
    page.keyboard.press("Tab")  # search box
    assert page.evaluate("document.activeElement.id") == "header-search"
    page.keyboard.type("digi", delay=30)
    listbox = page.locator("#header-search-listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert options.count() >= 2
    status = page.locator('.app-header-search [role="status"]')
    assert "suggestions available" in status.inner_text()
    axe(page)

    page.keyboard.press("ArrowDown")
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    chosen = first.inner_text()

    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("#search-q").input_value() == chosen
    assert page.locator("h2 a", has_text=chosen).count() >= 1


def test_header_search_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(site + "/")
        assert tab.locator("#header-search").get_attribute("role") is None
        tab.fill("#header-search", "digital strategy")
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/search/?q=digital+strategy")
        assert tab.locator("#search-count").inner_text().startswith("4 results")
    finally:
        context.close()
