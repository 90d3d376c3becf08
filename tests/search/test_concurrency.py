"""Two processes publishing and unpublishing the same pages at once leave the index
exactly matching the live public pages: writes are serialised by the index lock, and each
write re-reads the page from the database while holding it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from haystack.query import SearchQuerySet

from .conftest import rebuild_index

ROOT = Path(__file__).resolve().parents[2]


def child_environment():
    """Environment for a child process: the parent's test database and index."""
    database = {
        key: (str(value) if key == "NAME" else value)
        for key, value in connection.settings_dict.items()
        if key in {"ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS"}
    }
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.search.concurrent_settings",
        "SEARCH_TEST_DATABASE": json.dumps(database),
        "HAYSTACK_WHOOSH_PATH": str(settings.HAYSTACK_CONNECTIONS["default"]["PATH"]),
    }


@pytest.mark.django_db(transaction=True)
def test_two_processes_publishing_and_unpublishing_leave_the_index_exact(home_page, clean_index):
    from home.factories import StandardPageFactory
    from home.models import StandardPage

    pages = [StandardPageFactory(parent=home_page, title=f"Churn page {n}") for n in range(10)]
    rebuild_index()
    ids = ",".join(str(page.pk) for page in pages)
    env = child_environment()
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.search.churn", str(seed), ids, "14"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for seed in (1, 2)
    ]
    for child in children:
        output, _ = child.communicate(timeout=600)
        assert child.returncode == 0, output.decode()[-3000:]

    live = {
        f"home.standardpage.{page.pk}": page.title for page in StandardPage.objects.live().public()
    }
    indexed = {r.id: r.title for r in SearchQuerySet().models(StandardPage)[:1000]}
    assert indexed == live
    assert len(live) < len(pages) or any("Churned" in title for title in live.values())


@pytest.mark.django_db(transaction=True)
def test_a_slow_writer_cannot_overwrite_a_later_change(home_page, clean_index, monkeypatch):
    """The race the lock prevents: writer A reads a page as published, then stalls; the
    page is unpublished and writer B reindexes it. B must wait for A, then read the new
    state, so the page ends up out of the index (without the lock A's stale write would
    land last and leave an unpublished page searchable)."""
    import threading

    from django.db import connections as db_connections

    from home.factories import StandardPageFactory
    from home.models import StandardPage
    from home.search_indexes import StandardPageIndex
    from search.indexing import reindex

    page = StandardPageFactory(parent=home_page, title="Racing page")
    key = f"home.standardpage.{page.pk}"
    a_has_read, a_may_write = threading.Event(), threading.Event()
    original = StandardPageIndex.can_index

    def stalling_can_index(self, obj):
        """Make writer A stop between reading the page and writing it."""
        if threading.current_thread().name == "writer-a":
            a_has_read.set()
            a_may_write.wait(timeout=30)
        return original(self, obj)

    monkeypatch.setattr(StandardPageIndex, "can_index", stalling_can_index)

    def run(name):
        """Reindex the page in this thread, then close its database connection."""
        try:
            reindex([key])
        finally:
            db_connections.close_all()

    writer_a = threading.Thread(target=run, args=("a",), name="writer-a")
    writer_a.start()
    assert a_has_read.wait(timeout=30)
    StandardPage.objects.filter(pk=page.pk).update(live=False)
    writer_b = threading.Thread(target=run, args=("b",), name="writer-b")
    writer_b.start()
    writer_b.join(timeout=1)
    assert writer_b.is_alive(), "writer B should wait for the index lock"
    a_may_write.set()
    writer_a.join(timeout=30)
    writer_b.join(timeout=30)
    assert not SearchQuerySet().models(StandardPage).filter(content="racing")
