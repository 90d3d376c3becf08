"""axe-core on every public page type of the meetings app, in real Chromium.

Each page must have zero violations of WCAG 2.0, 2.1 and 2.2 A and AA rules (axe tags
wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "meetings index": lambda c: c["meetings_index"].url,
    "month calendar": lambda c: c["meetings_index"].url + "calendar/2017/7/",
    "committee": lambda c: c["cabinet"].url,
    "meeting": lambda c: c["meeting"].url,
    "report": lambda c: c["meeting"].url + "items/2/report/",
    "minutes": lambda c: c["minutes"].url,
    "councillors": lambda c: c["councillors_index"].url,
    "councillor": lambda c: c["leader"].url,
    "decisions register": lambda c: c["decisions_index"].url,
    "decisions register with error": lambda c: (
        c["decisions_index"].url + "?date_from=31/07/2017&date_to=01/07/2017"
    ),
    "decision": lambda c: f"{c['decisions_index'].url}{c['decision'].pk}/",
    "forward plan": lambda c: c["forward_plan"].url,
    "forward plan entry": lambda c: f"{c['forward_plan'].url}{c['entry'].pk}/",
    "special urgency register": lambda c: c["decisions_index"].url + "special-urgency/",
    "plans": lambda c: c["plans_index"].url,
    "plan": lambda c: c["plan"].url,
}


@pytest.fixture
def published_council(council, live_server):
    return live_server.url, council


@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_has_no_axe_violations(page, axe, published_council, name):
    base, council = published_council
    response = page.goto(base + PAGES[name](council))
    assert response.status == 200
    axe(page)


def test_cancelled_meeting_banner_has_no_axe_violations(page, axe, published_council):
    base, council = published_council
    meeting = council["meeting"]
    meeting.status = "cancelled"
    meeting.status_reason = "The business can wait until the next meeting."
    meeting.save_revision().publish()
    page.goto(base + meeting.url)
    assert page.get_by_text("This meeting has been cancelled.").is_visible()
    axe(page)
