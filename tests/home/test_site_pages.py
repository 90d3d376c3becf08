"""Site-wide pages: home, standard pages, sitemap, robots.txt, error pages, admin login."""

import pytest
from django.test import Client
from wagtail.test.utils import WagtailPageTestCase

from home.factories import StandardPageFactory, make_site_with_home_page
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_renders_with_one_h1_and_the_council_name(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'lang="en-GB"' in html
    assert "Wiltshire Council" in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html


def test_footer_links_to_accessibility_statement_and_privacy_notice(client, home_page):
    from home.models import CouncilSettings

    accessibility = StandardPageFactory(parent=home_page, title="Accessibility statement")
    privacy = StandardPageFactory(parent=home_page, title="Privacy notice")
    settings = CouncilSettings.objects.get()
    settings.accessibility_statement = accessibility
    settings.privacy_notice = privacy
    settings.save()
    html = client.get("/").content.decode()
    assert f'href="{accessibility.url}"' in html
    assert f'href="{privacy.url}"' in html


def test_service_navigation_lists_sections_in_menus_and_search(client, home_page):
    StandardPageFactory(parent=home_page, title="Councillors", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Hidden page", show_in_menus=False)
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Sections"')[1].split("</nav>")[0]
    assert "Councillors" in nav
    assert "Search" in nav
    assert "Hidden page" not in nav


def test_sitemap_lists_the_home_page(client, home_page):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "<loc>http://testserver/</loc>" in response.content.decode()  # SITE_URL


def test_sitemap_leaves_out_draft_pages(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Secret draft", live=False)
    assert draft.slug not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_unknown_address_gets_the_404_page_in_the_site_design(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "govuk-footer" in html
    assert html.count("<h1") == 1


def test_server_error_page_renders_without_the_database(rf):
    from home.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_admin_login_page_loads(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


def test_search_page_renders_empty_and_with_a_query(client, home_page):
    assert client.get("/search/").status_code == 200
    response = client.get("/search/", {"q": "meeting"})
    assert response.status_code == 200
    assert "result" in response.content.decode()


def test_one_letter_search_gets_a_helpful_message(client, home_page):
    response = client.get("/search/", {"q": "a"})
    assert "Enter at least 2 letters" in response.content.decode()


def test_load_demo_is_idempotent_and_keeps_editor_changes(client):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    statement = StandardPage.objects.get(slug="accessibility-statement")
    statement.summary = "Edited by an editor"
    statement.save_revision().publish()
    counts = (HomePage.objects.count(), StandardPage.objects.count())
    call_command("load_demo", verbosity=0)
    assert (HomePage.objects.count(), StandardPage.objects.count()) == counts
    statement.refresh_from_db()
    assert statement.summary == "Edited by an editor"
    assert Client().get("/").status_code == 200


# The sections the Public Sector Bodies Accessibility Regulations 2018 require, in the
# order of the model statement: compliance status, what is not accessible and why, the
# alternatives and how to ask for them, how to report a problem, the enforcement
# procedure, and when and how the statement was prepared.
REQUIRED_STATEMENT_SECTIONS = [
    "How accessible this website is",
    "What to do if you cannot access parts of this website",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Disproportionate burden",
    "Content that's not within the scope of the accessibility regulations",
    "Preparation of this accessibility statement",
]


def test_demo_accessibility_statement_has_every_section_the_regulations_require(client):
    from bs4 import BeautifulSoup
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    statement = StandardPage.objects.get(slug="accessibility-statement")
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.main.find_all(["h2", "h3"])]
    assert [h for h in headings if h in REQUIRED_STATEMENT_SECTIONS] == (
        REQUIRED_STATEMENT_SECTIONS
    )
    text = soup.main.get_text(" ", strip=True)
    assert "committee@wiltshire.gov.uk" in text and "01225 718024" in text
    assert "Equality and Human Rights Commission" in text
    assert "partially compliant with WCAG version 2.2 AA" in text
    assert "This statement was prepared on" in text
    footer = BeautifulSoup(client.get("/").content, "html.parser").footer
    assert footer.find("a", href=statement.url, string="Accessibility statement")


def test_demo_editor_is_created_once_in_the_editors_group(capsys):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("demo_editor")
    first = capsys.readouterr().out
    assert "one-time password" in first
    user = get_user_model().objects.get(username="editor")
    assert user.groups.filter(name="Editors").exists()
    call_command("demo_editor")
    assert "one-time password" not in capsys.readouterr().out


class TestHomePageTypes(WagtailPageTestCase):
    """Where site-wide pages may be created, and that editors can create them."""

    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_with_home_page()

    def setUp(self):
        self.login()

    def test_home_page_is_allowed_only_under_the_tree_root(self):
        self.assertAllowedParentPageTypes(HomePage, {__import__("wagtail").models.Page})

    def test_standard_page_can_be_created_under_home(self):
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_standard_page_is_creatable_in_the_admin_and_renderable(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            {
                "title": "Privacy notice",
                "slug": "privacy-notice",
                "summary": "What we keep",
                "body-count": "0",
            },
        )
        page = StandardPage.objects.get(slug="privacy-notice")
        self.assertPageIsRenderable(page)

    def test_home_page_is_renderable(self):
        self.assertPageIsRenderable(self.home)
