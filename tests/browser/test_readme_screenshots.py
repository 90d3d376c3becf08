"""The README's two screenshots, taken again from the demo council on every test run so they
always show what `make run` serves today (a stale screenshot misleads the councils deciding
whether to adopt the site)."""

from pathlib import Path

import pytest

# Layout in a browser does not depend on the database engine: run once, on SQLite.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# A laptop-sized window: wide enough to show the page's layout, small enough for a README.
VIEWPORT = {"width": 1100, "height": 760}


def screenshot(browser, url, path):
    """Save the top of the page at `url` to `path` and return the page's h1."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    try:
        tab = context.new_page()
        response = tab.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        tab.screenshot(path=str(path))
        return tab.locator("h1").inner_text()
    finally:
        context.close()


def test_readme_screenshots_are_taken_again_from_the_demo(live_demo, browser):
    from consultations.models import ConsultationPage
    from meetings.models import CommitteePage, MeetingPage

    cabinet = CommitteePage.objects.get(slug="cabinet")
    meeting = MeetingPage.objects.child_of(cabinet).live().get(start__date="2017-07-03")
    consultation = ConsultationPage.objects.live().public().order_by("pk").first()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    shots = {
        "meeting.png": (
            meeting,
            screenshot(browser, live_demo + meeting.url, SCREENSHOTS / "meeting.png"),
        ),
        "consultation.png": (
            consultation,
            screenshot(browser, live_demo + consultation.url, SCREENSHOTS / "consultation.png"),
        ),
    }

    readme = (SCREENSHOTS.parents[1] / "README.md").read_text()
    for name, (page, heading) in shots.items():
        png = (SCREENSHOTS / name).read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n"), f"{name} is not a PNG"
        assert heading.strip() == page.title, f"{name} shows {heading!r}, not {page.title!r}"
        assert f"docs/screenshots/{name}" in readme, f"README.md does not show {name}"
