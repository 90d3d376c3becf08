"""Fixtures for search tests: an empty index per test, and the mini council indexed."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from haystack import connections


@pytest.fixture(autouse=True)
def no_pending_index_changes():
    """Forget changes queued by an earlier test whose transaction never committed (tests
    run inside a transaction that is rolled back, so on-commit callbacks never run)."""
    processor = apps.get_app_config("haystack").signal_processor
    if hasattr(processor, "pending"):
        processor.pending.take()
    yield


@pytest.fixture
def clean_index():
    """An empty search index (and no cached facet counts) for each test."""
    connections["default"].get_backend().clear()
    cache.clear()
    yield connections["default"].get_backend()


def rebuild_index():
    """Index everything from the database, as `update_index --remove` does nightly."""
    call_command("update_index", remove=True, verbosity=0)
    cache.clear()


@pytest.fixture
def indexed_council(council, clean_index):
    """The mini council (tests/council.py) with its search index built."""
    rebuild_index()
    return council
