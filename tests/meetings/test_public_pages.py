"""Every public page type of the meetings app renders, shows what residents need, and
never shows Part II papers."""

import pytest

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} returned {response.status_code}"
    html = response.content.decode()
    assert html.count("<h1") == 1, f"{url} must have exactly one h1"
    return html


def test_home_page_links_every_committee_and_the_next_meetings(client, council):
    html = get(client, "/")
    assert f'href="{council["cabinet"].url}"' in html
    assert "Decisions and forward plan" in html


def test_meetings_index_lists_committees_and_links_the_month_calendar(client, council):
    html = get(client, council["meetings_index"].url)
    assert "Cabinet" in html
    assert "calendar/" in html


def test_month_calendar_shows_the_meeting_on_its_day(client, council):
    html = get(client, council["meetings_index"].url + "calendar/2017/7/")
    assert "Meetings in July 2017" in html
    assert council["meeting"].url in html


def test_month_calendar_filters_by_committee_through_a_form(client, council):
    url = council["meetings_index"].url + "calendar/2017/7/"
    assert council["meeting"].url in get(client, f"{url}?committee={council['cabinet'].pk}")
    assert council["meeting"].url in get(client, f"{url}?committee=not-a-number")


def test_impossible_month_is_not_found(client, council):
    assert client.get(council["meetings_index"].url + "calendar/2017/13/").status_code == 404


def test_committee_page_lists_members_with_portfolios_and_every_past_meeting(client, council):
    html = get(client, council["cabinet"].url)
    assert "Cabinet Member for Children, Education and Skills" in html
    assert council["meeting"].url in html
    assert "2017" in html


def test_meeting_page_shows_agenda_papers_report_decision_and_deadline(client, council):
    html = get(client, council["meeting"].url)
    assert 'id="item-2"' in html
    assert "Key decision" in html
    assert "Digital Strategy 2017-21" in html
    assert "PDF" in html
    assert "items/2/report/" in html
    assert "Digital Strategy adopted" in html
    assert "close at" in html or "closed at" in html
    assert "12pm on Tuesday 27 June 2017" in html


def test_part_two_item_shows_only_title_and_exempt_paragraph(client, council):
    html = get(client, council["meeting"].url)
    assert "Consultancy - neutral vendor exempt appendix" in html
    assert "Exempt under paragraph 3" in html
    assert "Neutral vendor pricing schedule" not in html
    assert council["secret_paper"].url not in html


def test_part_two_paper_is_not_found_for_the_public(client, council):
    assert client.get(council["secret_paper"].url).status_code == 404
    assert client.get(council["public_paper"].url).status_code == 200


def test_report_page_renders_the_fixed_header(client, council):
    html = get(client, council["meeting"].url + "items/2/report/")
    assert "Executive summary" in html
    assert "Cllr Richard Clewer" in html
    assert "Key decision" in html


def test_part_two_and_missing_reports_are_not_found(client, council):
    assert client.get(council["meeting"].url + "items/3/report/").status_code == 404
    assert client.get(council["meeting"].url + "items/1/report/").status_code == 404
    assert client.get(council["meeting"].url + "items/99/report/").status_code == 404


def test_minutes_are_numbered_from_the_committee_start_and_hide_exempt_discussion(client, council):
    html = get(client, council["minutes"].url)
    assert "69. Apologies" in html
    assert "70. Pricing" in html
    assert "Secret talk" not in html
    assert "Approved." in html


def test_councillor_pages_show_derived_committees(client, council):
    get(client, council["councillors_index"].url)
    html = get(client, council["leader"].url)
    assert "Cllr Jane Scott OBE" in html
    assert council["cabinet"].url in html


def test_decisions_register_lists_and_filters(client, council):
    url = council["decisions_index"].url
    html = get(client, url)
    assert "Digital Strategy adopted" in html
    assert "Digital Strategy adopted" in get(client, url + "?year=2017&key_only=on")
    assert "Digital Strategy adopted" not in get(client, url + "?year=2016")
    html = get(client, url + "?date_from=31/07/2017&date_to=01/07/2017")
    assert "There is a problem" in html and "Error:" in html


def test_decision_detail_shows_call_in_and_links_the_agenda_item(client, council):
    decision = council["decision"]
    html = get(client, f"{council['decisions_index'].url}{decision.pk}/")
    assert "Comes into force" in html
    assert f"{council['meeting'].url}#item-2" in html


def test_draft_decision_is_not_found(client, council):
    decision = council["decision"]
    decision.unpublish()
    assert client.get(f"{council['decisions_index'].url}{decision.pk}/").status_code == 404


def test_forward_plan_lists_entries_with_statutory_fields(client, council):
    council["entry"].status = "pending"
    council["entry"].save()
    council["entry"].save_revision().publish()
    html = get(client, council["forward_plan"].url)
    assert "Adopt the Digital Strategy" in html
    html = get(client, f"{council['forward_plan'].url}{council['entry'].pk}/")
    for text in ["Lead officer", "Documents to be considered", "Where to inspect them"]:
        assert text in html


def test_plan_page_has_a_table_of_contents_from_level_two_headings(client, council):
    get(client, council["plans_index"].url)
    html = get(client, council["plan"].url)
    assert 'href="#our-vision"' in html and 'id="our-vision"' in html
    assert "Why is this important?" in html
    assert "2013-17" in html


def test_decision_page_names_the_maker_and_the_type_of_decision_once_each(client, council):
    html = get(client, f"{council['decisions_index'].url}{council['decision'].pk}/")
    assert "Cabinet (Cabinet" not in html
    assert (
        '<dt class="govuk-summary-list__key">Decision maker</dt>'
        '<dd class="govuk-summary-list__value">Cabinet</dd>'
    ) in html
    assert (
        '<dt class="govuk-summary-list__key">Type of decision</dt>'
        '<dd class="govuk-summary-list__value">Cabinet (executive decision)</dd>'
    ) in html


def test_month_calendar_filtered_by_committee_names_it_above_the_list(client, council):
    url = council["meetings_index"].url + "calendar/2017/7/"
    assert "All meetings in July 2017" in get(client, url)
    html = get(client, f"{url}?committee={council['cabinet'].pk}")
    assert "All meetings in" not in html
    assert "Meetings of Cabinet in July 2017" in html
