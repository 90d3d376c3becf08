"""WCAG 2.2 AA criteria that need a real browser's layout, checked in Debian's Chromium on
the demo council (real report tables, long titles, plans with measures), one test for each
criterion it protects:

- 1.4.10 Reflow: at 320 CSS pixels wide nothing scrolls sideways;
- 1.4.4 Resize Text: at 200% zoom (640 CSS px in a 1280 px window) nothing scrolls sideways;
- 1.4.1 Use of Colour: links in text are underlined, status tags and errors say what they
  mean in words;
- 2.5.8 Target Size (Minimum): every control is at least 24 by 24 CSS pixels, unless it is a
  link inside a sentence or has 24 px of room around it;
- 2.1.1 Keyboard: finding a meeting from the home page and opening its paper, keys only.

The "screenshot width check" is literal: a full-page screenshot is as wide as the page's
scrollable width, so an image wider than the viewport means something overflowed.
"""

import struct

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def demo_urls():
    """One URL for every public page type and state, chosen from the demo's richest content
    (the 3 July 2017 Cabinet with its Business Plan report, the Business Plan itself)."""
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from home.models import StandardPage
    from meetings.models import (
        CommitteeIndexPage,
        CommitteePage,
        CouncillorIndexPage,
        CouncillorPage,
        Decision,
        DecisionIndexPage,
        ForwardPlanEntry,
        ForwardPlanPage,
        MeetingPage,
        MinutesPage,
        PlanIndexPage,
        PlanPage,
    )

    cabinet = CommitteePage.objects.get(slug="cabinet")
    meeting = MeetingPage.objects.child_of(cabinet).get(slug="2017-07-03")
    upcoming = next(m for m in MeetingPage.objects.live() if m.accepts_submissions())
    decisions = DecisionIndexPage.objects.live().first()
    forward_plan = ForwardPlanPage.objects.live().first()
    meetings = CommitteeIndexPage.objects.live().first()
    return {
        "home": "/",
        "meetings": meetings.url,
        "month calendar": meetings.url + "calendar/2017/7/",
        "committee": cabinet.url,
        "meeting": meeting.url,
        "report with tables": meeting.url + "items/9/report/",
        "minutes": MinutesPage.objects.live().first().url,
        "councillors": CouncillorIndexPage.objects.live().first().url,
        "councillor": CouncillorPage.objects.live().first().url,
        "decisions": decisions.url,
        "decision": f"{decisions.url}{Decision.objects.filter(live=True).first().pk}/",
        "forward plan": forward_plan.url,
        "forward plan entry": (
            f"{forward_plan.url}{ForwardPlanEntry.objects.filter(live=True).first().pk}/"
        ),
        "plans": PlanIndexPage.objects.live().first().url,
        "plan": PlanPage.objects.live().first().url,
        "consultations": ConsultationIndexPage.objects.live().first().url,
        "consultation": ConsultationPage.objects.live().first().url,
        "standard page": StandardPage.objects.live().filter(slug="accessibility").first().url
        if StandardPage.objects.filter(slug="accessibility").exists()
        else StandardPage.objects.live().first().url,
        "question form": reverse("consultations:submit", args=[upcoming.pk]),
        "calendars": reverse("meetings:subscribe"),
        "search results": "/search/?q=business+plan",
        "sign in": reverse("account_login"),
        "not found": "/no-such-page/",
    }


@pytest.fixture
def demo(live_demo):
    """The live demo's URL and one URL for each page type and state."""
    return live_demo, demo_urls()


def png_size(png_bytes):
    """(width, height) in device pixels, read from a PNG's IHDR chunk."""
    return struct.unpack(">II", png_bytes[16:24])


def horizontal_overflow(tab):
    """How many CSS pixels the page is wider than the viewport, and the widest culprits."""
    return tab.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const over = document.documentElement.scrollWidth - width;
            const culprits = [];
            if (over > 0) {
                for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    if (r.right > width + 1 && r.width > 0) {
                        culprits.push(el.tagName.toLowerCase() + (el.className ?
                            '.' + String(el.className).split(' ').join('.') : '') +
                            ' right=' + Math.round(r.right));
                    }
                    if (culprits.length >= 5) break;
                }
            }
            return {over, culprits};
        }"""
    )


def assert_no_sideways_scrolling(browser, base, urls, width, scale):
    """Open every page at `width` CSS pixels and `scale` device pixels per CSS pixel; the
    full-page screenshot must be exactly the viewport's width."""
    context = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=scale, locale="en-GB"
    )
    tab = context.new_page()
    problems = []
    try:
        for name, url in urls.items():
            tab.goto(base + url)
            shot_width, _height = png_size(tab.screenshot(full_page=True))
            overflow = horizontal_overflow(tab)
            if shot_width != width * scale or overflow["over"] > 0:
                problems.append(
                    f"{name} ({url}): screenshot {shot_width} px wide, expected "
                    f"{width * scale}; {overflow}"
                )
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_pages_reflow_at_320_css_pixels_without_sideways_scrolling_wcag_1_4_10(browser, demo):
    """WCAG 1.4.10 Reflow: 320 CSS px is a 1280 px window at 400% zoom."""
    base, urls = demo
    assert_no_sideways_scrolling(browser, base, urls, width=320, scale=1)


def test_pages_at_200_percent_zoom_do_not_scroll_sideways_wcag_1_4_4(browser, demo):
    """WCAG 1.4.4 Resize Text: Chromium at 200% zoom in a 1280 px window lays the page out
    in 640 CSS px with two device pixels to each CSS pixel, which is what this emulates."""
    base, urls = demo
    assert_no_sideways_scrolling(browser, base, urls, width=640, scale=2)


COLOUR_CHECKS = """() => {
    const problems = [];
    const main = document.querySelector('main');
    // Links in running text must not be told apart from the text by colour alone.
    for (const a of main.querySelectorAll('p a, li a, dd a, td a')) {
        const block = a.closest('p, li, dd, td');
        const linkText = a.textContent.trim();
        const blockText = block.textContent.replace(/\\s+/g, ' ').trim();
        if (!linkText || blockText === linkText) continue;  // a link on its own, not in text
        if (a.classList.contains('govuk-button')) continue;
        const line = getComputedStyle(a).textDecorationLine;
        if (!line.includes('underline')) {
            problems.push('link not underlined: ' + linkText.slice(0, 60));
        }
    }
    // Status tags (Cancelled, Key decision, Part II...) must say what they mean in words.
    for (const tag of document.querySelectorAll('.govuk-tag')) {
        if (!tag.textContent.trim()) problems.push('empty status tag');
    }
    // A field in error must say so in words, not only with a red border.
    for (const group of document.querySelectorAll('.govuk-form-group--error')) {
        const message = group.querySelector('.govuk-error-message');
        if (!message || !message.textContent.trim().startsWith('Error:')) {
            problems.push('error shown without words: ' + group.textContent.trim().slice(0, 60));
        }
    }
    return problems;
}"""


def test_links_statuses_and_errors_do_not_rely_on_colour_alone_wcag_1_4_1(page, demo):
    """WCAG 1.4.1 Use of Colour, on every page type and on a form in its error state."""
    from meetings.models import MeetingPage

    base, urls = demo
    meeting = MeetingPage.objects.get(slug="2017-07-03")
    meeting.status = "cancelled"
    meeting.status_reason = "The business can wait until the next meeting."
    meeting.save_revision().publish()
    problems = []
    for name, url in urls.items():
        page.goto(base + url)
        problems += [f"{name}: {problem}" for problem in page.evaluate(COLOUR_CHECKS)]
    # The cancellation is said in words on the meeting and in the committee's list.
    page.goto(base + urls["meeting"])
    assert page.get_by_text("This meeting has been cancelled.").is_visible()
    problems += [f"cancelled meeting: {problem}" for problem in page.evaluate(COLOUR_CHECKS)]
    page.goto(base + urls["committee"])
    assert page.locator(".govuk-tag", has_text="Cancelled").count() == 1
    page.goto(base + urls["question form"])
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector(".govuk-error-summary")
    assert page.locator(".govuk-form-group--error").count() > 0
    problems += [f"question form errors: {p}" for p in page.evaluate(COLOUR_CHECKS)]
    assert not problems, "\n".join(problems)


TARGET_SIZES = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
    const visible = el => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
    };
    const targets = [...document.querySelectorAll(selector)].filter(visible)
        // The skip link is off-screen until focused, when it is full width.
        .filter(el => !el.classList.contains('govuk-skip-link'));
    const rects = targets.map(el => el.getBoundingClientRect());
    const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
    const small = rects.map(r => r.width < 24 || r.height < 24);
    // Distance from a point to the nearest point of a rectangle (0 inside it).
    const toRect = ([x, y], r) => Math.hypot(
        Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
    const problems = [];
    targets.forEach((el, i) => {
        if (!small[i]) return;
        // Exception (Inline): a link in a sentence, whose size the line of text sets.
        if (el.tagName === 'A') {
            const block = el.closest('p, li, dd, dt, td, th, label, legend');
            const own = el.textContent.replace(/\\s+/g, ' ').trim();
            const all = block ? block.textContent.replace(/\\s+/g, ' ').trim() : own;
            if (all.length > own.length) return;
        }
        // Exception (Spacing): a 24 px circle on its centre overlaps no other target, nor
        // the circle of another undersized target.
        const c = centre(rects[i]);
        const crowded = rects.some((other, j) => j !== i && (
            toRect(c, other) < 12 || (small[j] && Math.hypot(...centre(other).map(
                (v, k) => v - c[k])) < 24)));
        if (crowded) {
            problems.push(el.tagName.toLowerCase() + ' "' +
                (el.textContent || el.getAttribute('aria-label') || el.name || '').trim()
                    .slice(0, 40) + '" is ' + Math.round(rects[i].width) + 'x' +
                    Math.round(rects[i].height));
        }
    });
    return problems;
}"""


def test_every_control_is_at_least_24_by_24_css_pixels_wcag_2_5_8(page, demo):
    """WCAG 2.5.8 Target Size (Minimum), at desktop width and at phone width."""
    base, urls = demo
    problems = []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in urls.items():
            page.goto(base + url)
            problems += [f"{name} at {width}px: {p}" for p in page.evaluate(TARGET_SIZES)]
    assert not problems, "\n".join(problems)


def press_tab_until_link(tab, name, exact=False, limit=120):
    """Press Tab until the focused element is a link whose text starts with `name` (or,
    with `exact`, is `name`)."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(
            "(() => { const el = document.activeElement;"
            " return el && el.tagName === 'A' ? el.textContent.replace(/\\s+/g, ' ').trim()"
            " : ''; })()"
        )
        if focused == name or (not exact and focused.startswith(name)):
            return focused
    raise AssertionError(f"Tab never reached a link starting {name!r} on {tab.url}")


def test_a_keyboard_user_finds_a_meeting_from_home_and_opens_its_paper_wcag_2_1_1(page, demo):
    """WCAG 2.1.1 Keyboard and 2.4.3 Focus Order: Tab and Enter only, from the home page to
    the Cabinet, to its 3 July 2017 meeting, to the Draft Business Plan report."""
    base, urls = demo
    page.goto(base + "/")
    press_tab_until_link(page, "Cabinet", exact=True)
    page.keyboard.press("Enter")
    page.wait_for_url(base + urls["committee"])
    press_tab_until_link(page, "Cabinet, 3 July 2017")
    page.keyboard.press("Enter")
    page.wait_for_url(base + urls["meeting"])
    assert page.locator("h1").inner_text().startswith("Cabinet")
    press_tab_until_link(page, "Report: Draft Business Plan")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/report/" in url)
    assert page.locator("h1").inner_text() == "Draft Business Plan 2017-2027"
