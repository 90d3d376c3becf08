"""The question and statement rate limits on the cache backends production uses.

The test settings use LocMemCache, which keeps a key's expiry on `incr`; Django's file
cache and the database cache rewrite the key with the default 300 seconds instead. Each
test here runs on LocMemCache, the database cache, and the two that production settings
choose from (`caches_from_environment`): the file cache in a temporary folder and a real
redis-server.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from config.settings.base import caches_from_environment
from consultations import antiabuse
from consultations.factories import london
from consultations.models import Submission
from tests.redis_server import redis_client

from .conftest import valid_data

pytestmark = pytest.mark.django_db

# 08:00 UTC, so the start of an hour-long rate-limit window.
NINE_AM = london(2026, 10, 20, 9, 0)
RATE_LIMITED = "You have sent a lot of questions or statements in a short time"


def at(moment):
    return time_machine.travel(moment, tick=False)


def send(client, form_url, n, **data):
    """A valid question from person `n` (each person has their own email and question)."""
    return client.post(
        form_url,
        valid_data(email=f"person{n}@example.com", text=f"Question number {n}?", **data),
    )


def test_production_settings_choose_redis_when_redis_url_is_set(monkeypatch, tmp_path):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    assert caches_from_environment(tmp_path)["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
    monkeypatch.delenv("REDIS_URL")
    assert caches_from_environment(tmp_path)["default"]["BACKEND"] == "config.cache.FileBasedCache"


def test_the_eleventh_question_in_an_hour_is_refused_though_they_came_minutes_apart(
    client, form_url, backend
):
    """Ten sent six minutes apart: each gap is longer than the cache's default 300 s."""
    for n in range(10):
        with at(NINE_AM + datetime.timedelta(minutes=6 * n)):
            assert send(client, form_url, n).status_code == 302
    with at(NINE_AM + datetime.timedelta(minutes=58)):
        response = send(client, form_url, 10)
    assert response.status_code == 429
    html = response.content.decode()
    assert RATE_LIMITED in html
    assert "Question number 10?" in html
    assert 'value="person10@example.com"' in html
    assert Submission.objects.count() == 10


def test_the_address_limit_resets_when_the_hour_is_over(client, form_url, backend):
    with at(NINE_AM):
        for n in range(10):
            assert send(client, form_url, n).status_code == 302
    with at(NINE_AM + datetime.timedelta(minutes=59, seconds=59)):
        assert send(client, form_url, 10).status_code == 429
    with at(NINE_AM + datetime.timedelta(hours=1)):
        assert send(client, form_url, 11).status_code == 302


def test_the_email_limit_counts_across_meetings_for_the_whole_hour(
    client, form_url, backend, home_page, rule, settings
):
    from consultations.factories import make_meeting

    # Below the rule's two per person per meeting, so only the rate limit can refuse.
    settings.CONSULTATIONS_RATE_LIMIT_PER_EMAIL = 3
    other = make_meeting(home_page, london(2026, 11, 3, 10), rule=rule)
    urls = [form_url, reverse("consultations:submit", args=[other.pk])]
    for n in range(3):
        with at(NINE_AM + datetime.timedelta(minutes=20 * n)):
            response = client.post(
                urls[n % 2], valid_data(text=f"Question {n}?"), REMOTE_ADDR=f"192.0.2.{n}"
            )
            assert response.status_code == 302
    with at(NINE_AM + datetime.timedelta(minutes=55)):
        fourth = client.post(urls[1], valid_data(text="Fourth?"), REMOTE_ADDR="192.0.2.99")
    assert fourth.status_code == 429
    with at(NINE_AM + datetime.timedelta(hours=1, minutes=1)):
        again = client.post(urls[1], valid_data(text="Fourth?"), REMOTE_ADDR="192.0.2.99")
    assert again.status_code == 302


def test_a_counter_keeps_the_expiry_it_was_given_after_each_increment(backend):
    with at(NINE_AM):
        assert antiabuse.count("test:counter", 1800) == 1
    with at(NINE_AM + datetime.timedelta(minutes=10)):
        assert antiabuse.count("test:counter", 1200) == 2
    if backend == "redis":
        # Redis expires keys by its own clock, which time-machine cannot move.
        assert 1195 <= redis_client().ttl(cache.make_key("test:counter")) <= 1200
        return
    with at(NINE_AM + datetime.timedelta(minutes=29, seconds=59)):
        assert cache.get("test:counter") == 2
    with at(NINE_AM + datetime.timedelta(minutes=30, seconds=1)):
        assert cache.get("test:counter") is None


def test_a_full_file_cache_deletes_expired_entries_before_a_live_counter(
    settings, tmp_path, monkeypatch
):
    """Django's file cache culls a random third when full; expired entries must go first."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    settings.CACHES = caches_from_environment(tmp_path)
    settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] = 30
    with at(NINE_AM):
        antiabuse.count("consultations:rate:live", 3600)
    # Ten rounds of twenty short-lived entries (search facets, old windows' counters).
    for batch in range(10):
        with at(NINE_AM + datetime.timedelta(minutes=2 * batch)):
            for n in range(20):
                cache.set(f"facets:{batch}:{n}", n, 60)
    with at(NINE_AM + datetime.timedelta(minutes=18, seconds=30)):
        assert cache.get("consultations:rate:live") == 1
        assert cache.get("facets:9:19") == 19
    cache.clear()


def test_redis_keeps_each_rate_counter_until_its_hour_ends_and_no_longer(
    client, form_url, settings, tmp_path, monkeypatch, redis_url
):
    monkeypatch.setenv("REDIS_URL", redis_url)
    settings.CACHES = caches_from_environment(tmp_path)
    cache.clear()
    with at(NINE_AM + datetime.timedelta(minutes=30)):
        assert send(client, form_url, 1).status_code == 302
        assert send(client, form_url, 2).status_code == 302
    server = redis_client()
    keys = server.keys(cache.make_key("consultations:rate:*"))
    assert len(keys) == 3  # one address, two emails
    for key in keys:
        assert 1795 <= server.ttl(key) <= 1800
    cache.clear()


def test_failed_sign_ins_stay_limited_for_five_minutes_on_every_backend(
    client, backend, django_user_model, home_page
):
    """allauth keeps its limits in the same cache; it sets each key with its own timeout
    (no `incr`), so it holds on every backend too."""
    django_user_model.objects.create_user("jo", "jo@example.com", "correct-horse-battery")
    wrong = {"login": "jo@example.com", "password": "wrong"}
    with at(NINE_AM):
        for _ in range(5):
            client.post(reverse("account_login"), wrong)
        refused = client.post(reverse("account_login"), wrong).content.decode()
    assert "Too many failed login attempts" in refused
    with at(NINE_AM + datetime.timedelta(minutes=4, seconds=50)):
        still = client.post(reverse("account_login"), wrong).content.decode()
    assert "Too many failed login attempts" in still
    with at(NINE_AM + datetime.timedelta(minutes=5, seconds=1)):
        later = client.post(reverse("account_login"), wrong).content.decode()
    assert "Too many failed login attempts" not in later
