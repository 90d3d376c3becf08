"""Subscribing in real Chromium: the subscribe pages pass axe-core (WCAG 2.2 A/AA), and
the calendar address can be copied with the keyboard alone (WCAG 2.1.1 Keyboard)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(home_page):
    from tests.meetings.feed_helpers import make_council

    return make_council(home_page)


@pytest.fixture
def site(council, live_server):
    return live_server.url


@pytest.fixture
def signed_in_page(page, site, django_user_model):
    """The browser tab signed in as a resident (session cookie from Django's test client)."""
    user = django_user_model.objects.create_user("res", "resident@example.com", "password")
    sign_in(page, user, site)
    page.user = user
    return page


def test_subscribe_page_has_no_axe_violations(page, axe, site, council):
    page.goto(site + reverse("meetings:subscribe"))
    assert page.locator("h1").count() == 1
    axe(page)
    page.goto(site + reverse("meetings:subscribe") + f"?committee={council.cabinet.pk}")
    axe(page)
    page.goto(site + reverse("meetings:subscribe") + "?committee=99999")
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page)


def test_choosing_committees_with_the_keyboard_shows_their_links(page, site, council):
    page.goto(site + reverse("meetings:subscribe"))
    page.focus("#id_committee_0")
    page.keyboard.press("Space")
    assert page.is_checked("#id_committee_0")
    page.get_by_role("button", name="Show calendar links").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"committee={council.cabinet.pk}" in page.url
    ics = reverse("meetings:committee_ics", args=[council.cabinet.pk])
    assert page.locator(f'a[href$="{ics}"]').first.get_attribute("href").startswith("webcal://")


def test_calendar_address_can_be_copied_with_the_keyboard(page, site, council):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + reverse("meetings:subscribe") + f"?committee={council.cabinet.pk}")
    address = page.locator("#calendar-address").input_value()
    assert address.endswith(reverse("meetings:committee_ics", args=[council.cabinet.pk]))
    button = page.locator("#copy-calendar-address")
    assert button.is_visible()  # shown by the script; hidden without JavaScript
    page.focus("#calendar-address")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "copy-calendar-address"
    page.keyboard.press("Enter")
    status = page.locator("#calendar-address-status")
    status.filter(has_text="Address copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address
    page.evaluate("navigator.clipboard.writeText('')")
    page.keyboard.press("Space")
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == address


def test_personal_calendar_and_alert_pages_have_no_axe_violations(
    signed_in_page, axe, site, council
):
    page = signed_in_page
    page.goto(site + reverse("meetings:personal_calendar"))
    axe(page)
    page.get_by_role("button", name="Make your calendar").click()  # nothing chosen: an error
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page)
    page.check("#id_committees_0")
    page.check("#id_include_deadlines")
    page.get_by_role("button", name="Make your calendar").click()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert page.locator("#calendar-address").input_value().endswith(".ics")
    axe(page)

    page.goto(site + reverse("meetings:alerts"))
    axe(page)
    page.goto(site + reverse("meetings:follow_committee", args=[council.cabinet.pk]))
    axe(page)
    page.get_by_role("button", name="Get emails").click()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    axe(page)


def test_unsubscribe_pages_have_no_axe_violations(page, axe, site, council, django_user_model):
    from meetings.alerts import unsubscribe_token
    from meetings.models import CommitteeFollow

    user = django_user_model.objects.create_user("res", "resident@example.com", "password")
    follow = CommitteeFollow.objects.create(user=user, committee=council.cabinet)
    page.goto(site + reverse("meetings:unsubscribe", args=[unsubscribe_token(follow)]))
    axe(page)
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator(".govuk-panel__title").inner_text() == "You have unsubscribed"
    axe(page)
    assert not CommitteeFollow.objects.exists()


def test_alert_form_error_and_saved_states_have_no_axe_violations(
    signed_in_page, axe, site, council
):
    """The alerts form's error state, reached as a person would: they tick a committee
    that is withdrawn from the site before they press Save. Then the saved state."""
    page = signed_in_page
    page.goto(site + reverse("meetings:alerts"))
    page.get_by_label(council.cabinet.title, exact=True).check()
    council.cabinet.unpublish()
    page.get_by_role("button", name="Save email alerts").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-form-group--error")).to_have_count(1)
    axe(page)

    page.get_by_role("button", name="Save email alerts").click()  # the choice was cleared
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    axe(page)
