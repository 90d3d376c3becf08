"""The admin's date-time picker in Chromium: text it cannot read is left as typed, so the
form can say what is wrong, instead of being replaced with the current time on blur."""

import pytest
from django.urls import reverse

from tests.conftest import sign_in

# Layout in a browser does not depend on the database engine: run once, on SQLite.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_meeting_tab(page, live_server, home_page, django_user_model):
    """The add-meeting form for Cabinet, open in a signed-in tab (a superuser: the flush
    between transactional tests removes the Editors group that a migration creates)."""
    from meetings.factories import CommitteePageFactory, make_meetings_tree

    cabinet = CommitteePageFactory(parent=make_meetings_tree(home_page).committees, title="Cabinet")
    user = django_user_model.objects.create_superuser("dates", "dates@example.gov.uk", "pw")
    sign_in(page, user, live_server.url)
    url = reverse("wagtailadmin_pages:add", args=["meetings", "meetingpage", cabinet.pk])
    page.goto(live_server.url + url)
    return page


@pytest.mark.parametrize("typed", ["31/02/2027 10:00", "10 Febuary 2027"])
def test_unreadable_text_in_the_start_field_is_kept_when_the_editor_moves_on(
    new_meeting_tab, typed
):
    start = new_meeting_tab.locator("#id_start")
    start.fill(typed)
    start.press("Tab")
    new_meeting_tab.wait_for_timeout(300)  # the picker reacts to blur asynchronously
    assert start.input_value() == typed


def test_the_form_refuses_unreadable_text_and_shows_it_again(new_meeting_tab):
    start = new_meeting_tab.locator("#id_start")
    start.fill("31/02/2027 10:00")
    start.press("Tab")
    with new_meeting_tab.expect_navigation():
        new_meeting_tab.get_by_role("button", name="Save draft").click()
    assert "Enter a real date and time as day/month/year" in new_meeting_tab.content()
    assert new_meeting_tab.locator("#id_start").input_value() == "31/02/2027 10:00"
