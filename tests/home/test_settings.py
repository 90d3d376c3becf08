"""The settings contract: production fails loudly without secrets, SQLite is tuned for
several writers, and the project is configured for a UK council."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-test-key-that-is-long-enough-0123456789"


def run_with_production_settings(*args, **env):
    """Run manage.py with production settings and a controlled environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_with_production_settings("check", DJANGO_ALLOWED_HOSTS="council.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_settings_refuse_a_short_secret_key():
    result = run_with_production_settings(
        "check", DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="council.example"
    )
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = run_with_production_settings("check", DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_settings_pass_check_deploy_cleanly(tmp_path):
    result = run_with_production_settings(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="democracy.council.example",
        SITE_URL="https://democracy.council.example",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_the_public_address():
    """Without SITE_URL every link in emails and feeds would name 127.0.0.1."""
    result = run_with_production_settings(
        "check", DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="democracy.council.example"
    )
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr


def test_production_check_refuses_a_public_address_the_deployment_does_not_serve(tmp_path):
    result = run_with_production_settings(
        "check",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="democracy.council.example",
        SITE_URL="http://localhost",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "home.E002" in result.stderr + result.stdout


def test_site_is_configured_for_england_in_english():
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"
    assert settings.USE_TZ is True


def test_haystack_is_installed_before_wagtail_so_its_update_index_command_wins():
    apps = settings.INSTALLED_APPS
    wagtail_positions = [i for i, app in enumerate(apps) if app.startswith("wagtail")]
    assert apps.index("haystack") < min(wagtail_positions)


def test_update_index_command_is_haystacks():
    from django.core.management import get_commands

    assert get_commands()["update_index"] == "haystack"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-only journal setting")
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0].lower() == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 20000
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_url_selects_postgresql(monkeypatch, tmp_path):
    from config.settings.base import database_from_environment

    monkeypatch.setenv("DATABASE_URL", "postgres://council:secret@db.internal:5432/democracy")
    database = database_from_environment(tmp_path / "unused.sqlite3")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "democracy"


def test_search_backend_is_chosen_from_the_environment(monkeypatch, tmp_path):
    from config.settings.base import haystack_from_environment

    assert "whoosh" in haystack_from_environment(tmp_path)["default"]["ENGINE"].lower()
    monkeypatch.setenv("HAYSTACK_ENGINE", "solr")
    monkeypatch.setenv("HAYSTACK_URL", "http://127.0.0.1:8983/solr/council")
    assert "solr" in haystack_from_environment(tmp_path)["default"]["ENGINE"]
    monkeypatch.setenv("HAYSTACK_ENGINE", "elasticsearch")
    connection_settings = haystack_from_environment(tmp_path)["default"]
    assert "elasticsearch7" in connection_settings["ENGINE"]
    assert connection_settings["INCLUDE_SPELLING"] is True
