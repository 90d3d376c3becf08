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
