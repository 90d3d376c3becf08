"""Layout that only a real browser can check, measured from bounding boxes in Chromium:
the month calendar on a phone, report paragraph numbers beside their text, and the
agenda item's exempt paragraph drop-down inside its column in the editor."""

import datetime

import pytest

from meetings.deadlines import LONDON
from tests.conftest import sign_in
from tests.council import add

# Layout in a browser does not depend on the database engine: run once, on SQLite.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

#: Real committee names from the Wiltshire seed documents, long enough to test wrapping.
LONG_NAMES = [
    "Overview and Scrutiny Management Committee",
    "Northern Area Planning Committee",
    "Strategic Planning Committee",
    "Health and Wellbeing Board",
]


@pytest.fixture
def busy_month(council):
    """July 2017 with four more committees, two of them meeting on the Cabinet's day."""
    from meetings.models import CommitteePage, MeetingPage

    days = [3, 3, 12, 31]
    for name, day in zip(LONG_NAMES, days, strict=True):
        committee = add(
            council["meetings_index"],
            CommitteePage(title=name, slug=name.lower().replace(" ", "-"), purpose="<p>x</p>"),
        )
        add(
            committee,
            MeetingPage(
                title=f"{name}, {day} July 2017",
                slug=f"2017-07-{day:02d}",
                start=datetime.datetime(2017, 7, day, 14, 30, tzinfo=LONDON),
            ),
        )
    return council


CALENDAR_BOXES = """() => {
    const cells = [...document.querySelectorAll('.app-calendar tbody td')];
    const problems = [];
    const entries = [];
    for (const cell of cells) {
        const box = cell.getBoundingClientRect();
        for (const entry of cell.querySelectorAll('p, a, span')) {
            for (const r of entry.getClientRects()) {
                if (r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
                    r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
                    problems.push('outside its cell: ' + entry.textContent.trim().slice(0, 40));
                }
            }
            if (entry.scrollWidth > entry.clientWidth + 1 && entry.tagName === 'P') {
                problems.push('clipped: ' + entry.textContent.trim().slice(0, 40));
            }
        }
        for (const p of cell.querySelectorAll('p')) entries.push(p.getBoundingClientRect());
    }
    for (let i = 0; i < entries.length; i++) {
        for (let j = i + 1; j < entries.length; j++) {
            const a = entries[i], b = entries[j];
            if (a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
                problems.push('entries overlap at ' + Math.round(a.left) + ',' + Math.round(a.top));
            }
        }
    }
    return {problems, entries: entries.length,
            pageOverflow: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.mark.parametrize("width", [320, 375])
def test_month_calendar_entries_stay_inside_their_cells_on_a_phone(
    browser, busy_month, live_server, width, tmp_path
):
    """At phone widths every meeting in the month grid sits inside its day's cell, no two
    entries overlap and the page does not scroll sideways (WCAG 1.4.10)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-GB")
    tab = context.new_page()
    try:
        tab.goto(live_server.url + busy_month["meetings_index"].url + "calendar/2017/7/")
        tab.screenshot(path=f"{tmp_path}/month-calendar-{width}.png", full_page=True)
        found = tab.evaluate(CALENDAR_BOXES)
    finally:
        context.close()
    assert found["entries"] == 5
    assert found["problems"] == []
    assert found["pageOverflow"] <= 0


PARAGRAPH_BOXES = """() => [...document.querySelectorAll('.app-numbered-paragraph')].map(block => {
    const number = block.querySelector('.app-numbered-paragraph__number');
    const text = block.querySelector('.app-numbered-paragraph__text p');
    const range = document.createRange();
    range.selectNodeContents(text);
    const lines = [...range.getClientRects()];
    const n = number.getBoundingClientRect();
    return {number: number.textContent.trim(), numberTop: n.top, numberRight: n.right,
            numberBottom: n.bottom, firstLineTop: lines[0].top,
            textLeft: Math.min(...lines.map(r => r.left)), lines: lines.length};
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_report_paragraph_numbers_sit_beside_the_first_line_of_their_text(
    browser, council, live_server, width, tmp_path
):
    """The number is on the same line as the start of its paragraph, to its left, and
    the wrapped lines of a long paragraph do not run under it."""
    from meetings.models import AgendaItem

    item = AgendaItem.objects.get(pk=council["item"].pk)
    report = item.report.raw_data
    report[0]["value"]["body"] = [
        {"type": "paragraph", "value": {"number": "1", "text": "<p>Purpose of report.</p>"}},
        {
            "type": "paragraph",
            "value": {
                "number": "12.1",
                "text": "<p>" + "The strategy sets out how services go digital. " * 8 + "</p>",
            },
        },
    ]
    item.report = report
    item.save()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    tab = context.new_page()
    try:
        tab.goto(live_server.url + council["meeting"].url + "items/2/report/")
        tab.screenshot(path=f"{tmp_path}/report-paragraphs-{width}.png", full_page=True)
        boxes = tab.evaluate(PARAGRAPH_BOXES)
    finally:
        context.close()
    assert [box["number"] for box in boxes] == ["1.", "12.1."]
    for box in boxes:
        assert abs(box["numberTop"] - box["firstLineTop"]) < 4, box
        assert box["numberRight"] <= box["textLeft"], box
    assert boxes[1]["lines"] > 1


COLUMN_FIT = """(selector) => [...document.querySelectorAll(selector)].map(select => {
    const row = select.closest('.w-field-row');
    const column = [...row.children].find(child => child.contains(select));
    const s = select.getBoundingClientRect();
    const c = column.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    const panel = row.closest('.w-panel__content').getBoundingClientRect();
    return {name: select.name, selectLeft: s.left, selectRight: s.right,
            columnLeft: c.left, columnRight: c.right, rowRight: r.right,
            panelRight: panel.right, rowOverflow: row.scrollWidth - row.clientWidth};
})"""


def editor_url(council, editor):
    """The admin edit page of the council's meeting or of its forward plan entry."""
    from django.urls import reverse

    from meetings.models import ForwardPlanEntry

    if editor == "meeting":
        return reverse("wagtailadmin_pages:edit", args=[council["meeting"].pk])
    name = ForwardPlanEntry.snippet_viewset.get_url_name("edit")
    return reverse(name, args=[council["entry"].pk])


@pytest.mark.parametrize(
    ("editor", "width", "selects"),
    [("meeting", 1280, 3), ("meeting", 800, 3), ("forward plan entry", 1280, 1)],
)
def test_exempt_paragraph_drop_down_fits_its_column_in_the_editor(
    page, council, live_server, django_user_model, editor, width, selects, tmp_path
):
    """Schedule 12A's paragraphs are long sentences; the drop-down of them (on agenda
    items and forward plan entries) stays inside its half of the row."""
    user = django_user_model.objects.create_superuser("layout", "layout@example.gov.uk", "pw")
    sign_in(page, user, live_server.url)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + editor_url(council, editor))
    row = page.locator(".w-field-row", has=page.locator('select[name$="exempt_paragraph"]'))
    row.last.screenshot(path=f"{tmp_path}/editor-exempt-paragraph-{editor}-{width}.png")
    fits = page.evaluate(COLUMN_FIT, 'select[name$="exempt_paragraph"]')
    assert len(fits) == selects
    for box in fits:
        assert box["selectLeft"] >= box["columnLeft"] - 0.5, box
        assert box["selectRight"] <= box["columnRight"] + 0.5, box
        assert box["columnRight"] <= box["rowRight"] + 0.5, box
        assert box["rowRight"] <= box["panelRight"] + 0.5, box
        assert box["rowOverflow"] <= 0, box
