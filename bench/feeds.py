"""Benchmark: the all-meetings iCalendar feed with 5,000 meetings, built uncached.

Run from the repository root:

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/feeds.py

It creates a throw-away SQLite test database (the test settings put it in a temporary
folder), fills it with 10 committees and 5,000 published meetings (agenda items with a
Part II item on each, venues, a question deadline rule, a third of them cancelled or
moved), then times, with Django's cache cleared before every run:

- `build`: building the feed body (`meetings.calendars.build_calendar`);
- `GET 200`: a full request for /calendars/all.ics (ETag work, build, response);
- `GET 304`: a conditional request with the ETag the server gave;
- `personal`: a personal feed of every committee with deadlines included.

It prints wall-clock p50 and p95 and CPU p50 in milliseconds, and the number of SQL
queries per build. The
target is under 300 ms for an uncached build on the project's 2-core machine; the
figures are recorded in docs/benchmarks.md.
"""

import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

MEETINGS = int(os.environ.get("BENCH_MEETINGS", "5000"))
COMMITTEES = 10
RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def percentile(values, fraction):
    """The value at `fraction` (0 to 1) of the sorted values, nearest rank."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def populate():
    """Committees and meetings, inserted in bulk so setting up takes seconds, not minutes.

    Pages are added with treebeard's path arithmetic rather than `add_child` one by one;
    every meeting is live, as if published, with a calendar sequence and a last
    published time like the real thing.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from home.factories import make_site_with_home_page
    from meetings.exempt import PART_I, PART_II
    from meetings.factories import (
        CommitteeIndexPageFactory,
        CommitteePageFactory,
        ParticipationRuleFactory,
        VenueFactory,
    )
    from meetings.models import AgendaItem, MeetingPage
    from meetings.models.meetings import CANCELLED, MOVED, SCHEDULED

    home = make_site_with_home_page()
    venues = [VenueFactory() for _ in range(5)]
    rule = ParticipationRuleFactory()
    index = CommitteeIndexPageFactory(parent=home)
    committees = [
        CommitteePageFactory(
            parent=index,
            title=f"Committee {n}",
            slug=f"committee-{n}",
            default_venue=venues[n % len(venues)],
            participation_rule=rule if n % 2 == 0 else None,
        )
        for n in range(COMMITTEES)
    ]
    content_type = ContentType.objects.get_for_model(MeetingPage)
    locale = Locale.get_default()
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    first = now - datetime.timedelta(days=300)
    per_committee = MEETINGS // COMMITTEES
    with transaction.atomic():
        for c_index, committee in enumerate(committees):
            committee = Page.objects.get(pk=committee.pk)
            rows = []
            for n in range(per_committee):
                number = c_index * per_committee + n
                slug = f"meeting-{n}"
                rows.append(
                    Page(
                        title=f"{committee.title}, meeting {n}",
                        draft_title=f"{committee.title}, meeting {n}",
                        slug=slug,
                        path=committee.path + Page._int2str(n + 1).rjust(Page.steplen, "0"),
                        depth=committee.depth + 1,
                        numchild=0,
                        url_path=f"{committee.url_path}{slug}/",
                        content_type=content_type,
                        locale=locale,
                        live=True,
                        first_published_at=now - datetime.timedelta(days=30),
                        last_published_at=now - datetime.timedelta(days=n % 30),
                    )
                )
            # Multi-table inheritance: the Page rows in bulk, then each MeetingPage row.
            rows = Page.objects.bulk_create(rows)
            pages = []
            for n, row in enumerate(rows):
                number = c_index * per_committee + n
                start = first + datetime.timedelta(hours=7 * number)
                status = [SCHEDULED, SCHEDULED, CANCELLED, MOVED][number % 4]
                page = MeetingPage(
                    page_ptr_id=row.pk,
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    venue=venues[number % len(venues)] if number % 3 == 0 else None,
                    status=status,
                    status_reason="Because of the election." if status != SCHEDULED else "",
                    previous_start=start - datetime.timedelta(days=1) if status == MOVED else None,
                    sequence=number % 4,
                    agenda_is_published=number % 5 != 0,
                    agenda_published_at=now - datetime.timedelta(days=40),
                )
                page.save_base(raw=True, force_insert=True)
                pages.append(page)
            Page.objects.filter(pk=committee.pk).update(numchild=len(pages))
            items = []
            for page in pages:
                for number, title in enumerate(
                    [
                        "Apologies for absence",
                        "Minutes of the previous meeting",
                        "Declarations of interest",
                        "Chairman's announcements",
                        "Budget monitoring report, quarter two",
                    ],
                    start=1,
                ):
                    items.append(
                        AgendaItem(
                            meeting_id=page.pk,
                            number=str(number),
                            sort_order=number,
                            title=title,
                            part=PART_I,
                            papers=[],
                            report=[],
                        )
                    )
                items.append(
                    AgendaItem(
                        meeting_id=page.pk,
                        number="6",
                        sort_order=6,
                        title="Exempt: sale of land",
                        part=PART_II,
                        exempt_paragraph=3,
                        papers=[],
                        report=[],
                    )
                )
            AgendaItem.objects.bulk_create(items, batch_size=500)
    return committees


def timed(function, runs=RUNS):
    """Wall-clock and CPU milliseconds of each run, with Django's cache cleared first.

    CPU time is reported too because the benchmark machine is shared: wall-clock p95
    moves with other people's load, CPU time much less.
    """
    timings = []
    for _ in range(runs):
        cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        timings.append(
            (
                (time.perf_counter() - started) * 1000,
                (time.process_time() - started_cpu) * 1000,
            )
        )
    return timings


def report(label, timings):
    """Print one line of figures."""
    wall = [t[0] for t in timings]
    cpu = [t[1] for t in timings]
    print(
        f"{label:<10} p50 {statistics.median(wall):7.1f} ms   "
        f"p95 {percentile(wall, 0.95):7.1f} ms   "
        f"CPU p50 {statistics.median(cpu):7.1f} ms   (n={len(timings)})"
    )


def main():
    """Create the test database, fill it, time the feeds, and throw it away."""
    from django.test import Client

    from meetings import calendars
    from meetings.feeds import personal_spec
    from meetings.models import MeetingPage, PersonalCalendar

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        committees = populate()
        print(
            f"Set up {MeetingPage.objects.count()} meetings in "
            f"{time.perf_counter() - started:.1f} s"
        )
        spec = calendars.FeedSpec(name="All meetings", description="All", filename="all.ics")
        body = calendars.build_calendar(spec)
        print(f"Feed: {body.count(b'BEGIN:VEVENT')} events, {len(body) / 1024:.0f} KiB")
        with CaptureQueriesContext(connection) as queries:
            cache.clear()
            calendars.build_calendar(spec)
        print(f"Queries per uncached build: {len(queries)}")

        client = Client()
        report("build", timed(lambda: calendars.build_calendar(spec)))
        report("GET 200", timed(lambda: client.get("/calendars/all.ics")))
        etag = client.get("/calendars/all.ics")["ETag"]
        report("GET 304", timed(lambda: client.get("/calendars/all.ics", HTTP_IF_NONE_MATCH=etag)))

        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user("bench", "bench@example.com", "x")
        personal = PersonalCalendar.objects.create(user=user, include_deadlines=True)
        personal.committees.set(committees)
        personal_feed = personal_spec(None, personal)
        report("personal", timed(lambda: calendars.build_calendar(personal_feed)))
        print(f"Python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
