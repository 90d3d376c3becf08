"""Fixtures shared by every test: the site's home page, a live server and a real browser."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the tests still talk to the
# database synchronously, which Django would otherwise refuse inside an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The WCAG rule sets every page must pass with zero violations.
from home.accessibility import AXE_TAGS  # noqa: E402


@pytest.fixture
def home_page(db):
    """The site's home page, set as the default site root, with council settings."""
    from home.factories import make_site_with_home_page

    return make_site_with_home_page()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole test session (never a downloaded one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def redis_url():
    """A real redis-server for the whole session, started only when a test asks for it."""
    from tests.redis_server import running_redis

    with running_redis() as url:
        yield url


@pytest.fixture(params=["locmem", "database", "file", "redis"])
def backend(request, settings, tmp_path, monkeypatch):
    """The default cache switched to one real backend, empty before and after the test: the
    in-memory cache the tests default to, the database cache, and the two that production
    settings choose from (`caches_from_environment`), a file cache and a real redis-server.
    Counters and expiry behave differently on each (`FileBasedCache.incr` resets expiry)."""
    from django.core.cache import cache
    from django.core.management import call_command

    from config.settings.base import caches_from_environment

    if request.param == "locmem":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    elif request.param == "database":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "test_cache",
            }
        }
        call_command("createcachetable", verbosity=0)
    else:
        if request.param == "redis":
            monkeypatch.setenv("REDIS_URL", request.getfixturevalue("redis_url"))
        else:
            monkeypatch.delenv("REDIS_URL", raising=False)
        settings.CACHES = caches_from_environment(tmp_path / "cache")
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def page(browser):
    """A fresh browser tab with its own cookies, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    yield tab
    context.close()


def axe_violations(tab):
    """Run axe-core on the page in `tab` and return its WCAG A/AA violations (a list)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return results.response["violations"]


def assert_no_axe_violations(tab):
    """Fail with a readable report if axe-core finds any WCAG 2.2 A/AA violation."""
    violations = axe_violations(tab)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe found violations on {tab.url}:\n{report}"


@pytest.fixture
def axe():
    """The axe-core checker, as a fixture so browser tests can call `axe(tab)`."""
    return assert_no_axe_violations


def sign_in(tab, user, base_url):
    """Sign the browser tab in as `user` with a session made by Django's test client."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    tab.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )
    return tab


@pytest.fixture
def live_demo(live_server):
    """The demo council that `make run` serves, indexed for search, on a live server;
    returns the server's URL."""
    from django.core.cache import cache
    from django.core.management import call_command
    from haystack import connections

    from home.factories import ensure_tree_roots

    ensure_tree_roots()  # the flush after an earlier transactional test removed them
    call_command("load_demo", verbosity=0)
    connections["default"].get_backend().clear()
    call_command("update_index", remove=True, verbosity=0)
    cache.clear()
    return live_server.url


@pytest.fixture
def council(home_page):
    """A small published council (see tests/council.py) for page and browser tests."""
    from tests.council import build_council

    return build_council(home_page)
