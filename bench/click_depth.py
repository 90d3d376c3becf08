"""Benchmark: the three-clicks check (`home.clickdepth.check`) on a generated council.

Run from the repository root:

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/click_depth.py

It creates a throw-away SQLite test database, generates a council with
`generate_council --committees 25 --years 10` (1,500 meetings; BENCH_COMMITTEES and
BENCH_YEARS change the size), then runs the check BENCH_RUNS times (default 2) and prints,
for each run, the pages fetched, the wall-clock and CPU seconds and the pages fetched per
second. BENCH_EXPLAIN (default 1, as the command and the report use) is how many levels
past three are crawled. The crawl runs in one process with Django's test client, as the management
command, the task worker and the nightly timer run it; the figures say whether it could
ever run inside a web request (gunicorn's timeout is 60 s). Recorded in docs/benchmarks.md.
"""

import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

COMMITTEES = int(os.environ.get("BENCH_COMMITTEES", "25"))
YEARS = int(os.environ.get("BENCH_YEARS", "10"))
RUNS = int(os.environ.get("BENCH_RUNS", "2"))
# Extra levels crawled so too-deep pages get their real depth: 1 for the command, the
# nightly timer and the admin report; 0 for the plain pass/fail check the tests make.
EXPLAIN = int(os.environ.get("BENCH_EXPLAIN", "1"))


def main():
    """Create the test database, generate the council, time the check, throw it away."""
    from home.clickdepth import check
    from home.factories import make_site_with_home_page
    from meetings.models import MeetingPage

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        make_site_with_home_page()
        call_command(
            "generate_council", "--committees", str(COMMITTEES), "--years", str(YEARS),
            verbosity=0,
        )  # fmt: skip
        print(
            f"Generated {COMMITTEES} committees, {MeetingPage.objects.count()} meetings in "
            f"{time.perf_counter() - started:.0f} s"
        )
        for run in range(1, RUNS + 1):
            cache.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            report = check(max_depth=3, explain=EXPLAIN)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(
                f"run {run} (explain={EXPLAIN}): checked {report.checked} targets, fetched "
                f"{report.crawl.fetched} pages, ok={report.ok}; {wall:.1f} s wall, "
                f"{cpu:.1f} s CPU, {report.crawl.fetched / wall:.1f} pages/s"
            )
        print(f"Python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
