"""200 people submitting to one meeting at the same moment, through a live server: every
submission is stored exactly once, with a distinct reference number (SQLite and
PostgreSQL; `make test` runs this file under both)."""

import datetime
import http.client
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from consultations.factories import make_meeting, make_rule
from consultations.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)

SUBMISSIONS = 200
THREADS = 50


def fetch_form(host, port, path):
    """GET the form once: the CSRF cookie and token every thread then reuses."""
    conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    conn.close()
    return cookie, token


def submit(host, port, path, cookie, token, n, barrier, email=None):
    """POST one submission as person `n`, then read the reference from the confirmation."""
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": f"Resident {n}",
            "email": email or f"resident{n}@example.com",
            "kind": "question",
            "agenda_item": "general",
            "text": f"Question number {n} about the business plan?",
            "consent": "on",
        }
    )
    conn = http.client.HTTPConnection(host, port, timeout=120)
    if n < barrier.parties:
        barrier.wait()  # the first wave leaves together
    conn.request(
        "POST",
        path,
        body=data,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    response = conn.getresponse()
    response.read()
    if response.status != 302:
        conn.close()
        return response.status, None
    session = response.getheader("Set-Cookie", "").split(";")[0]
    conn.request("GET", response.getheader("Location"), headers={"Cookie": f"{cookie}; {session}"})
    page = conn.getresponse().read().decode()
    conn.close()
    match = re.search(r'<strong id="reference">([^<]+)</strong>', page)
    return 302, match.group(1) if match else None


@override_settings(
    CONSULTATIONS_MIN_FILL_SECONDS=0,
    CONSULTATIONS_RATE_LIMIT_PER_IP=0,
    CONSULTATIONS_RATE_LIMIT_PER_EMAIL=0,
)
def test_200_concurrent_submissions_are_each_stored_once_with_distinct_references(
    live_server, home_page
):
    meeting = make_meeting(
        home_page, timezone.now() + datetime.timedelta(days=30), rule=make_rule(max_per_person=1)
    )
    # Django's test server listens with a backlog of 10 connections (gunicorn: 2048), so a
    # burst of 50 connects overflows it and the kernel drops some before Django sees them.
    # Widen it so the test measures the application, not the toy server's accept queue.
    live_server.thread.httpd.socket.listen(SUBMISSIONS)
    url = urllib.parse.urlparse(live_server.url)
    path = reverse("consultations:submit", args=[meeting.pk])
    cookie, token = fetch_form(url.hostname, url.port, path)
    barrier = Barrier(THREADS)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(
            pool.map(
                lambda n: submit(url.hostname, url.port, path, cookie, token, n, barrier),
                range(SUBMISSIONS),
            )
        )
    elapsed = time.perf_counter() - started
    print(
        f"\n{SUBMISSIONS} submissions with {THREADS} threads on {connection.vendor}: "
        f"{elapsed:.1f}s ({SUBMISSIONS / elapsed:.0f} per second)"
    )
    assert [status for status, _ in results] == [302] * SUBMISSIONS
    references = [reference for _, reference in results]
    assert None not in references
    assert len(set(references)) == SUBMISSIONS
    stored = Submission.objects.filter(meeting=meeting)
    assert stored.count() == SUBMISSIONS
    assert set(stored.values_list("reference", flat=True)) == set(references)
    emails = list(stored.values_list("email", flat=True))
    assert len(set(emails)) == SUBMISSIONS
    assert elapsed < 60


@override_settings(
    CONSULTATIONS_MIN_FILL_SECONDS=0,
    CONSULTATIONS_RATE_LIMIT_PER_IP=0,
    CONSULTATIONS_RATE_LIMIT_PER_EMAIL=0,
)
def test_one_person_sending_many_at_once_still_gets_only_their_limit(live_server, home_page):
    """The per-person limit holds even when one person's submissions race each other."""
    meeting = make_meeting(
        home_page, timezone.now() + datetime.timedelta(days=30), rule=make_rule(max_per_person=2)
    )
    live_server.thread.httpd.socket.listen(SUBMISSIONS)
    url = urllib.parse.urlparse(live_server.url)
    path = reverse("consultations:submit", args=[meeting.pk])
    cookie, token = fetch_form(url.hostname, url.port, path)
    barrier = Barrier(20)
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(
            pool.map(
                lambda n: submit(
                    url.hostname, url.port, path, cookie, token, n, barrier, "same@example.com"
                ),
                range(20),
            )
        )
    assert sorted(status for status, _ in results).count(302) == 2
    assert Submission.objects.filter(meeting=meeting).count() == 2
