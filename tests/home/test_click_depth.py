"""Every live public page and document is within three clicks of the home page, on the
demo-sized council and on a generated council with 25 committees and ten years of meetings.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from home.clickdepth import check, crawl, links_in

pytestmark = pytest.mark.django_db


def test_links_in_ignores_fragments_skip_links_mail_and_other_sites():
    html = """
        <a href="#main-content">Skip</a><a href="/meetings/#upcoming">Meetings</a>
        <a href="mailto:a@b.c">Mail</a><a href="https://example.org/x">Away</a>
        <a href="cabinet/?committee=3#x">Relative</a>
    """
    assert links_in(html, "/meetings/") == ["/meetings/", "/meetings/cabinet/?committee=3"]


def test_links_in_skips_every_scheme_that_is_not_a_web_page_in_any_case():
    html = """
        <a href="JavaScript:void(0)">Menu</a><a href="MAILTO:a@b.c">Mail</a>
        <a href="sms:123">Text</a><a href="data:text/html,hi">Data</a>
        <a href="ftp://localhost/z">FTP</a><a href=" webcal://localhost/all.ics">Cal</a>
        <a href="/plans/">Plans</a>
    """
    assert links_in(html, "/") == ["/plans/"]


def test_crawl_host_is_the_domain_of_a_wildcard_allowed_host(settings, home_page):
    from home.clickdepth import visitor_host

    settings.ALLOWED_HOSTS = [".council.gov.uk"]
    assert visitor_host() == "council.gov.uk"
    settings.ALLOWED_HOSTS = ["*"]
    assert visitor_host() == "testserver"  # the default site's own host name (SITE_URL's)


def test_a_page_that_fails_is_reported_and_the_crawl_goes_on(council, home_page, monkeypatch):
    from home.factories import StandardPageFactory
    from home.models import StandardPage

    broken = StandardPageFactory(parent=home_page, title="Broken", show_in_menus=True)
    original = StandardPage.get_context

    def get_context(self, request, *args, **kwargs):
        if self.pk == broken.pk:
            raise RuntimeError("a template bug")
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(StandardPage, "get_context", get_context)
    report = check(max_depth=3, explain=0)
    assert (broken.url, 500, "/") in report.broken_links
    assert council["meeting"].url in report.crawl.depth, "the crawl went on"


def test_a_failed_check_is_stored_without_its_details(council, home_page, monkeypatch):
    import home.clickdepth
    from home.clickdepth import record_check
    from home.models import ClickDepthRun

    def failing_check(**kwargs):
        raise RuntimeError("password=hunter2 in DATABASE_URL")

    monkeypatch.setattr(home.clickdepth, "check", failing_check)
    with pytest.raises(RuntimeError):
        record_check()
    run = ClickDepthRun.objects.get()
    assert run.finished_at and run.error
    assert "hunter2" not in run.error


def test_crawl_records_the_shortest_path(council):
    result = crawl(max_depth=3)
    meeting_url = council["meeting"].url
    assert result.depth["/"] == 0
    assert result.depth[council["cabinet"].url] == 1
    assert result.depth[meeting_url] == 2
    path = result.path_to(meeting_url)
    assert path[0] == "/" and path[-1] == meeting_url and len(path) == 3


def test_small_council_passes_and_includes_documents_but_not_exempt_papers(council):
    report = check(max_depth=3, explain=0)
    assert report.ok, (report.unreachable, report.too_deep)
    assert council["public_paper"].url in report.crawl.depth
    assert council["secret_paper"].url not in report.crawl.depth


def test_command_fails_and_names_an_unreachable_page(council, home_page):
    from home.factories import StandardPageFactory

    hidden_parent = StandardPageFactory(parent=home_page, title="Rarely linked")
    deep = StandardPageFactory(parent=hidden_parent, title="Deep page")
    for depth in range(3):
        deep = StandardPageFactory(parent=deep, title=f"Deeper {depth}")
    with pytest.raises(CommandError, match="more than 3 clicks"):
        call_command("check_click_depth", "--explain", "0")


@pytest.mark.slow
def test_generated_council_of_25_committees_and_10_years_is_within_three_clicks(home_page):
    call_command(
        "generate_council",
        "--committees",
        "25",
        "--years",
        "10",
        "--meetings-per-year",
        "6",
        verbosity=0,
    )
    from meetings.models import CommitteePage, MeetingPage

    assert CommitteePage.objects.count() == 25
    assert MeetingPage.objects.count() == 25 * 10 * 6
    report = check(max_depth=3, explain=0)
    assert report.ok, (report.unreachable[:10], report.too_deep[:10])


def test_demo_council_is_within_three_clicks():
    """The demo that `make run` serves: every public page and paper within three clicks."""
    call_command("load_demo", verbosity=0)
    report = check(max_depth=3, explain=0)
    assert report.checked > 50
    assert report.ok, (report.unreachable, report.too_deep)


def test_check_crawls_a_production_deployment_as_its_own_host_over_https(council, settings):
    """A production site accepts only its own host names and redirects plain HTTP; the
    crawl must still reach every page, not stop at a 400 for 'testserver' or a 301."""
    settings.ALLOWED_HOSTS = ["council.example.gov.uk"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    report = check(max_depth=3, explain=0)
    assert report.host == "council.example.gov.uk"
    assert report.home_status == 200
    assert report.ok, (report.unreachable, report.too_deep)
    assert council["meeting"].url in report.crawl.depth


def test_command_says_why_when_the_home_page_cannot_be_crawled(council, home_page):
    home_page.unpublish()
    with pytest.raises(CommandError, match="home page answered HTTP 404"):
        call_command("check_click_depth")


def test_command_lists_broken_links_with_the_page_that_links_to_them(council, home_page):
    from io import StringIO

    from home.factories import StandardPageFactory

    StandardPageFactory(
        parent=home_page,
        title="Old news",
        show_in_menus=True,
        body=[("paragraph", '<p>See the <a href="/meetings/no-such-meeting/">old agenda</a>.</p>')],
    )
    out = StringIO()
    call_command("check_click_depth", stdout=out)
    assert "BROKEN LINK (HTTP 404): /meetings/no-such-meeting/ linked from /old-news/" in (
        out.getvalue()
    )


def test_estimated_click_depth_follows_menus_committees_and_the_footer(council, home_page):
    from home.factories import StandardPageFactory
    from home.models import CouncilSettings
    from home.navigation_depth import estimated_click_depth

    assert estimated_click_depth(home_page) == 0
    assert estimated_click_depth(council["meetings_index"]) == 1
    assert estimated_click_depth(council["cabinet"]) == 1  # committees are listed on home
    assert estimated_click_depth(council["meeting"]) == 2
    assert estimated_click_depth(council["minutes"]) == 3
    section = StandardPageFactory(parent=home_page, title="Your council", show_in_menus=True)
    child = StandardPageFactory(parent=section, title="How decisions are made")
    grandchild = StandardPageFactory(parent=child, title="The constitution")
    too_deep = StandardPageFactory(parent=grandchild, title="Part 4: rules of procedure")
    assert [estimated_click_depth(p) for p in (section, child, grandchild, too_deep)] == [
        1,
        2,
        3,
        4,
    ]
    orphan = StandardPageFactory(parent=home_page, title="Not in any menu")
    assert estimated_click_depth(orphan) is None
    settings = CouncilSettings.objects.get()
    settings.privacy_notice = orphan
    settings.save()
    assert estimated_click_depth(orphan) == 1  # linked from every page's footer


def test_the_estimate_agrees_with_the_crawl_on_the_demo():
    """The editor's warning is estimated from the tree; the crawl is the truth. On the
    demo they agree for every page the estimate places within three clicks."""
    from wagtail.models import Page

    from home.navigation_depth import estimated_click_depth

    call_command("load_demo", verbosity=0)
    reached = crawl(max_depth=4).depth
    assert len(reached) > 50
    disagreements = []
    for page in Page.objects.live().public().specific():
        estimate = estimated_click_depth(page)
        url = page.get_url(None)
        if estimate is not None and estimate <= 3 and reached.get(url, 99) > estimate:
            disagreements.append((url, estimate, reached.get(url)))
    assert disagreements == []


def publish_in_admin(client, parent, title, show_in_menus):
    """Publish a page through the admin; return the navigation warnings shown."""
    from tests.home.test_publish_warnings import publish_standard_page

    response = publish_standard_page(client, parent, title, "", show_in_menus=show_in_menus)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"] if str(m).startswith("Navigation:")]


@pytest.fixture
def editor_client(client, django_user_model):
    from tests.meetings.test_admin import make_editor

    client.force_login(make_editor(django_user_model))
    return client


def test_editor_is_warned_when_publishing_a_page_no_menu_links_to(editor_client, home_page):
    warnings = publish_in_admin(editor_client, home_page, "Hidden page", show_in_menus=False)
    assert warnings == [
        "Navigation: 'Hidden page' cannot be reached from the home page. Every page should "
        "be within three clicks: move it higher, or link to it from a section page."
    ]


def test_editor_is_warned_when_publishing_a_page_four_clicks_deep(editor_client, home_page):
    from home.factories import StandardPageFactory

    section = StandardPageFactory(parent=home_page, title="Your council", show_in_menus=True)
    child = StandardPageFactory(parent=StandardPageFactory(parent=section), title="Constitution")
    assert publish_in_admin(editor_client, section, "Budget", show_in_menus=False) == []
    warnings = publish_in_admin(editor_client, child, "Part 4", show_in_menus=False)
    assert len(warnings) == 1
    assert "'Part 4' will be 4 clicks from the home page" in warnings[0]


REPORT = "/admin/reports/click-depth/"


def run_report(client):
    """Press "Check again now" (tests run tasks at once) and return the report page."""
    response = client.post(REPORT, follow=True)
    assert response.status_code == 200
    return response


def test_admin_report_lists_pages_too_deep_with_their_path(council, home_page, admin_client):
    from home.factories import StandardPageFactory

    section = StandardPageFactory(parent=home_page, title="Your council", show_in_menus=True)
    deep = StandardPageFactory(parent=section, title="Level 2")
    deep = StandardPageFactory(parent=deep, title="Level 3")
    deep = StandardPageFactory(parent=deep, title="Level 4")
    response = run_report(admin_client)
    run = response.context["run"]
    rows = {row["url"]: row for row in run.offenders}
    assert list(rows) == [deep.url]
    assert rows[deep.url]["depth"] == 4
    assert rows[deep.url]["path"][0] == "/" and rows[deep.url]["path"][1] == section.url
    html = response.content.decode()
    assert "Pages more than three clicks from home" in html
    assert f'<a href="{deep.url}">{deep.url}</a>' in html
    assert "The check has started" in html


def test_admin_report_shows_the_stored_result_and_never_crawls_on_a_get(
    council, home_page, admin_client
):
    from home.models import ClickDepthRun

    html = admin_client.get(REPORT).content.decode()
    assert "The site has not been checked yet." in html
    assert ClickDepthRun.objects.count() == 0
    run_report(admin_client)
    html = admin_client.get(REPORT).content.decode()
    assert "Every public page and document is within three clicks" in html
    assert ClickDepthRun.objects.count() == 1


def test_a_check_under_way_is_not_started_twice(council, home_page, admin_client):
    from home.models import ClickDepthRun

    ClickDepthRun.objects.create()  # queued, not yet finished
    response = admin_client.post(REPORT, follow=True)
    assert "A check is already under way" in response.content.decode()
    assert ClickDepthRun.objects.count() == 1
    assert "Check again now" not in response.content.decode()


def test_nightly_command_saves_its_result_for_the_report(council, home_page, admin_client):
    from io import StringIO

    from home.models import ClickDepthRun

    call_command("check_click_depth", "--save", stdout=StringIO())
    run = ClickDepthRun.objects.get()
    assert run.ok and run.checked > 10 and run.home_status == 200
    assert f"Checked {run.checked} public pages" in admin_client.get(REPORT).content.decode()


def test_only_the_latest_runs_are_kept(council, home_page):
    from home.clickdepth import KEEP_RUNS, record_check
    from home.models import ClickDepthRun

    for _ in range(KEEP_RUNS + 2):
        ClickDepthRun.objects.create()
    run, _report = record_check(explain=0)
    assert ClickDepthRun.objects.count() == KEEP_RUNS
    assert ClickDepthRun.objects.filter(pk=run.pk).exists()


def test_editors_see_the_report_in_the_reports_menu(client, django_user_model, council):
    from tests.meetings.test_admin import make_editor

    client.force_login(make_editor(django_user_model))
    assert "Pages more than three clicks from home" in client.get("/admin/").content.decode()
    assert client.get(REPORT).status_code == 200


def test_admin_report_is_for_admin_users_only(client, django_user_model, home_page):
    user = django_user_model.objects.create_user("resident", "r@example.com", "pw")
    client.force_login(user)
    assert client.get(REPORT).status_code in (302, 403)
    assert client.post(REPORT).status_code in (302, 403)


def test_admin_report_shows_broken_links_and_a_home_page_that_cannot_be_crawled(
    council, home_page, admin_client
):
    from home.factories import StandardPageFactory

    StandardPageFactory(
        parent=home_page,
        title="Old news",
        show_in_menus=True,
        body=[("paragraph", '<p>See the <a href="/meetings/gone/">old agenda</a>.</p>')],
    )
    html = run_report(admin_client).content.decode()
    assert "Links to pages that do not exist" in html
    assert "/meetings/gone/" in html and "HTTP 404" in html

    home_page.unpublish()
    html = run_report(admin_client).content.decode()
    assert "The home page answered HTTP 404" in html
