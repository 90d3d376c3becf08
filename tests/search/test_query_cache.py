"""The index generation that keys cached facet counts, on every cache backend production may
use: it must survive the default timeout, or stale counts come back after an index write."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from search.query import GENERATION_KEY, bump_index_generation, index_generation
from tests.redis_server import redis_client

pytestmark = pytest.mark.django_db


def test_the_index_generation_outlives_the_default_cache_timeout(backend):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        bump_index_generation()
        bump_index_generation()
        bump_index_generation()
    if backend == "redis":
        # Redis expires keys on its own clock, which time-machine cannot move: -1 is "never".
        assert redis_client().ttl(cache.make_key(GENERATION_KEY)) == -1
    with time_machine.travel(start + datetime.timedelta(days=2), tick=False):
        assert index_generation() == 3
