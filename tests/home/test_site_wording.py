"""Wording every page shares: the 404 page and the footer's contact line."""

import re

import pytest
from django.urls import reverse

from home.factories import StandardPageFactory
from home.models import CouncilSettings

pytestmark = pytest.mark.django_db


def visible_text(html):
    """The page's text as a reader sees it: tags removed, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_not_found_page_offers_search_home_and_contact_and_says_nothing_of_part_ii(
    client, home_page
):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "Part II" not in main and "exempt" not in main.lower()
    assert f'href="{reverse("search")}"' in main
    assert 'href="/"' in main
    assert 'href="mailto:committee@example.gov.uk"' in main


def test_not_found_page_links_the_councils_contact_page_when_there_is_one(client, home_page):
    contact = StandardPageFactory(parent=home_page, title="Contact us", slug="contact")
    council = CouncilSettings.for_site(home_page.get_site())
    council.contact_page = contact
    council.save()
    main = client.get("/no-such-page/").content.decode().split("<main", 1)[1]
    assert f'href="{contact.url}"' in main.split("</main>")[0]


def test_footer_gives_email_then_telephone_with_no_space_before_the_comma(client, home_page):
    council = CouncilSettings.for_site(home_page.get_site())
    council.democratic_services_phone = "01225 718024"
    council.save()
    text = visible_text(client.get("/").content.decode())
    assert "Democratic services: committee@example.gov.uk, telephone 01225 718024" in text
