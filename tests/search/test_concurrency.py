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
