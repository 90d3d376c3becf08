"""Every rendered demo page: valid HTML (the Nu HTML Checker, vnu), one h1, a unique and
descriptive <title>, the page language and the landmarks, as the WCAG criteria require.

Valid markup is what assistive technology relies on to build its picture of a page (WCAG 2.2
dropped 4.1.1 Parsing only because browsers now repair bad markup consistently; duplicate ids,
misnested lists and stray attributes still break `aria-labelledby`, tables and forms). The
pages are the demo that `make run` serves: every page an anonymous visitor can reach by links
from the home page, plus the pages behind forms (search, accounts, subscribing, 404).
"""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from home.clickdepth import crawl
from tests.html_checker import check_folder, format_errors

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("Europe/London"))

# Pages reached through forms rather than links, and the states those forms can be in.
FORM_PAGES = [
    "/search/?q=business+plan",
    "/search/?q=bussiness",
    "/search/?q=zzzznothing",
    "/search/?q=budget&date_from=31/02/2017",
    "/no-such-page/",
]
FORM_PAGE_NAMES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "meetings:subscribe",
    "meetings:alerts",
    "meetings:personal_calendar",
]


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker):
    """{url: html} for every demo page, rendered once for this module on a fixed date inside
    a transaction that is rolled back afterwards."""
    from django.core.cache import cache
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(TODAY, tick=False):
            call_command("load_demo", stdout=io.StringIO())
            client = Client()
            reached = crawl(max_depth=8, client=client).depth
            urls = sorted(reached) + FORM_PAGES + [reverse(name) for name in FORM_PAGE_NAMES]
            pages = dict(html_pages(client, urls))
        transaction.set_rollback(True)
    cache.clear()
    return pages


def html_pages(client, urls):
    """(url, html) for each URL that answers with an HTML page."""
    for url in urls:
        response = client.get(url)
        if "text/html" in response.get("Content-Type", "") and response.content:
            yield url, response.content.decode("utf-8")


def file_name(url):
    """A safe, unique file name for a page URL."""
    safe = "".join(c if c.isalnum() else "_" for c in url.strip("/")) or "home"
    return f"{safe[:150]}.html"


def test_every_demo_page_is_valid_html_with_zero_vnu_errors(demo_pages, tmp_path):
    assert len(demo_pages) > 60, "the crawl should reach every demo page"
    for url, html in demo_pages.items():
        (tmp_path / file_name(url)).write_text(html, encoding="utf-8")
    errors = check_folder(tmp_path)
    assert not errors, f"vnu found {len(errors)} errors:\n{format_errors(errors)}"


def form_states(client, user):
    """(name, response) for each form's empty, error and signed-in states on the demo."""
    from meetings.models import CommitteePage, MeetingPage

    meeting = next(m for m in MeetingPage.objects.live() if m.accepts_submissions())
    committee = CommitteePage.objects.live().first()
    submit = reverse("consultations:submit", args=[meeting.pk])
    yield "question form", client.get(submit)
    yield "question form errors", client.post(submit, {})
    yield "calendar choice errors", client.get(reverse("meetings:subscribe") + "?committee=999999")
    yield (
        "sign-up errors",
        client.post(
            reverse("account_signup"),
            {"email": "not-an-email", "password1": "short", "password2": "different"},
        ),
    )
    yield (
        "sign-in errors",
        client.post(reverse("account_login"), {"login": "nobody@example.com", "password": "wrong"}),
    )
    yield (
        "password reset errors",
        client.post(reverse("account_reset_password"), {"email": "not-an-email"}),
    )
    client.force_login(user)
    personal = reverse("meetings:personal_calendar")
    yield "personal calendar", client.get(personal)
    yield "personal calendar errors", client.post(personal, {"action": "save"})
    yield "alerts", client.get(reverse("meetings:alerts"))
    yield "alerts errors", client.post(reverse("meetings:alerts"), {"committees": "999999"})
    follow = reverse("meetings:follow_committee", args=[committee.pk])
    yield "follow committee", client.get(follow)
    yield "your questions", client.get(reverse("consultations:yours"))
    yield "signed-in question form", client.get(submit)
    yield "email addresses", client.get(reverse("account_email"))
    yield "change password", client.get(reverse("account_change_password"))
    yield (
        "change password errors",
        client.post(
            reverse("account_change_password"),
            {"oldpassword": "wrong", "password1": "short", "password2": "other"},
        ),
    )
    yield "sign out", client.get(reverse("account_logout"))


def test_form_error_states_and_signed_in_pages_have_zero_vnu_errors(
    tmp_path, django_user_model, settings
):
    settings.CONSULTATIONS_MIN_FILL_SECONDS = 0
    user = django_user_model.objects.create_user("jo", "jo@example.com", "a-long-password-1")
    with time_machine.travel(TODAY, tick=False):
        call_command("load_demo", stdout=io.StringIO())
        for name, response in form_states(Client(), user):
            assert response.status_code == 200, f"{name}: {response.status_code}"
            if name.endswith("errors"):
                assert b"govuk-error-summary" in response.content, f"{name} shows no errors"
            (tmp_path / file_name(name)).write_text(response.content.decode(), encoding="utf-8")
    errors = check_folder(tmp_path)
    assert not errors, f"vnu found {len(errors)} errors:\n{format_errors(errors)}"


def parsed(demo_pages):
    """(url, BeautifulSoup) for each page."""
    from bs4 import BeautifulSoup

    return [(url, BeautifulSoup(html, "html.parser")) for url, html in demo_pages.items()]


def text_of(element):
    return " ".join(element.get_text(" ").split())


def test_each_page_has_exactly_one_h1_wcag_1_3_1(demo_pages):
    """WCAG 1.3.1 Info and Relationships / 2.4.6 Headings: one top-level heading per page."""
    wrong = {url: len(soup.find_all("h1")) for url, soup in parsed(demo_pages)}
    assert {url: n for url, n in wrong.items() if n != 1} == {}


def test_each_page_declares_british_english_wcag_3_1_1(demo_pages):
    """WCAG 3.1.1 Language of Page: screen readers pick their voice from `lang`."""
    langs = {url: soup.html.get("lang") for url, soup in parsed(demo_pages)}
    assert {url: lang for url, lang in langs.items() if lang != "en-GB"} == {}


def test_page_titles_are_unique_and_name_the_page_and_the_council_wcag_2_4_2(demo_pages):
    """WCAG 2.4.2 Page Titled: every title is unique across the site, starts with what the
    page's h1 says (so a tab or history entry says which page it is) and ends with the
    council's name. Query strings choose a state of one page (a year, a preselected agenda
    item), so pages are told apart by path."""
    from home.demo import COUNCIL_NAME

    titles = {}
    problems = []
    for url, soup in parsed(demo_pages):
        title = text_of(soup.title)
        h1 = text_of(soup.h1)
        titles.setdefault(title, set()).add(url.split("?")[0])
        if not title.endswith(f" – {COUNCIL_NAME}") or title == f" – {COUNCIL_NAME}":
            problems.append(f"{url}: title {title!r} does not end with the council's name")
        if url.startswith("/search/") or url == "/no-such-page/":
            continue
        if not title.startswith(h1):
            problems.append(f"{url}: title {title!r} does not start with the h1 {h1!r}")
    duplicates = {title: urls for title, urls in titles.items() if len(urls) > 1}
    assert not duplicates, f"titles shared by several pages: {duplicates}"
    assert not problems, "\n".join(problems)


def test_each_page_has_banner_navigation_main_and_contentinfo_landmarks_wcag_1_3_1(demo_pages):
    """WCAG 1.3.1 and 2.4.1: one top-level header (banner), main and footer (contentinfo) on
    every page, and every navigation landmark labelled so screen-reader users can tell the
    menus apart."""
    problems = []
    for url, soup in parsed(demo_pages):
        body = soup.body
        for tag in ("header", "main", "footer"):
            found = [el for el in body.find_all(tag) if not el.find_parent(["main", "article"])]
            if len(found) != 1:
                problems.append(f"{url}: {len(found)} top-level <{tag}> elements")
        navs = body.find_all("nav")
        labels = [nav.get("aria-label") or nav.get("aria-labelledby") for nav in navs]
        if not navs:
            problems.append(f"{url}: no <nav>")
        if None in labels or len(set(labels)) != len(labels):
            problems.append(f"{url}: navigation landmarks not uniquely labelled: {labels}")
    assert not problems, "\n".join(problems[:30])
