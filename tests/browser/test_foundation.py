"""Browser checks of the site's frame in real Chromium: axe-core on the pages every
visitor meets, visible keyboard focus, and a skip link that works."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(home_page, live_server):
    """The live server URL with a home page in place."""
    return live_server.url


def test_home_page_has_no_axe_violations(page, axe, site):
    page.goto(site + "/")
    axe(page)


def test_404_page_has_no_axe_violations(page, axe, site):
    response = page.goto(site + "/no-such-page/")
    assert response.status == 404
    axe(page)


def test_search_page_has_no_axe_violations_empty_and_with_results(page, axe, site):
    page.goto(site + "/search/")
    axe(page)
    page.goto(site + "/search/?q=meetings")
    axe(page)


def test_keyboard_focus_is_visible_wcag_2_4_7(page, site):
    """WCAG 2.4.7 Focus Visible: each focused control gets GOV.UK's yellow focus style."""
    page.goto(site + "/")
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => {
                const el = document.activeElement;
                const s = getComputedStyle(el);
                return {tag: el.tagName, outline: s.outlineStyle, outlineWidth: s.outlineWidth,
                        shadow: s.boxShadow, background: s.backgroundColor};
            }"""
        )
        assert style["tag"] in {"A", "INPUT", "BUTTON"}
        visible = (style["outline"] != "none" and style["outlineWidth"] != "0px") or (
            style["shadow"] != "none"
        )
        assert visible, f"focused {style['tag']} has no visible focus indicator: {style}"


def test_skip_link_is_first_and_moves_focus_to_main_wcag_2_4_1(page, site):
    """WCAG 2.4.1 Bypass Blocks: the first Tab reaches the skip link, which focuses main."""
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
