"""Every rendered demo page is valid HTML, checked by the Nu HTML Checker (vnu).

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


def test_every_demo_page_is_valid_html_with_zero_vnu_errors(tmp_path):
    with time_machine.travel(TODAY, tick=False):
        call_command("load_demo", stdout=io.StringIO())
        client = Client()
        reached = crawl(max_depth=8, client=client).depth
        urls = sorted(reached) + FORM_PAGES + [reverse(name) for name in FORM_PAGE_NAMES]
        written = 0
        for url, html in html_pages(client, urls):
            (tmp_path / file_name(url)).write_text(html, encoding="utf-8")
            written += 1
    assert written > 60, "the crawl should reach every demo page"
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
