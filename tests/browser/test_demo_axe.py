"""axe-core on every page of the demo council, not one of each type: every page an
anonymous visitor reaches by links from the home page, and the pages behind the search
form and the account links. Real content (long report tables, plans with measures,
councillors' lists) is where violations hide that a small fixture would not show."""

import pytest
from django.test import Client
from django.urls import reverse

from home.clickdepth import crawl
from tests.home.test_demo_pages import FORM_PAGE_NAMES, FORM_PAGES, html_pages

# About a minute and a half; what it checks does not depend on the database engine, so
# like the other slow tests it runs once, on SQLite.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_demo):
    """The live demo's URL, with every HTML page a visitor reaches."""
    client = Client()
    reached = sorted(crawl(max_depth=8, client=client).depth)
    urls = reached + FORM_PAGES + [reverse(name) for name in FORM_PAGE_NAMES]
    return live_demo, [url for url, _html in html_pages(client, urls)]


def test_every_demo_page_has_no_axe_violations(page, demo_site):
    from tests.conftest import axe_violations

    base, urls = demo_site
    assert len(urls) > 60, "the crawl should reach every demo page"
    problems = []
    for url in urls:
        page.goto(base + url)
        for violation in axe_violations(page):
            targets = ", ".join(node["target"][0] for node in violation["nodes"][:3])
            problems.append(f"{url}: {violation['id']} ({violation['help']}) at {targets}")
    assert not problems, f"{len(problems)} violations:\n" + "\n".join(problems[:40])
    print(f"axe-core: 0 violations on {len(urls)} demo pages")
