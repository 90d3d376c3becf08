"""The deadline is enforced on the server, in Europe/London, to the second, and is said in
plain English on the form and the meeting page."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from consultations.factories import london, make_meeting
from consultations.models import Submission

from .conftest import DEADLINE, valid_data

pytestmark = pytest.mark.django_db

ONE_SECOND = datetime.timedelta(seconds=1)


def post_at(client, url, moment, **overrides):
    with time_machine.travel(moment, tick=False):
        return client.post(url, valid_data(**overrides))


def test_the_deadline_after_the_clock_change_is_noon_gmt(meeting):
    deadline = meeting.participation_closes_at()
    assert deadline == DEADLINE
    assert deadline.utcoffset() == datetime.timedelta(0)


def test_a_form_posted_one_second_before_the_deadline_is_stored(client, meeting, form_url):
    response = post_at(client, form_url, DEADLINE - ONE_SECOND)
    assert response.status_code == 302
    assert Submission.objects.filter(meeting=meeting).count() == 1


def test_a_form_posted_one_second_after_the_deadline_is_refused_and_keeps_the_text(
    client, meeting, form_url
):
    text = "My carefully written question about the business plan."
    response = post_at(client, form_url, DEADLINE + ONE_SECOND, text=text, name="Jo Bloggs")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "The deadline for questions and statements for this meeting was "
        "12pm on Tuesday 27 October 2026" in html
    )
    assert text in html
    assert 'value="Jo Bloggs"' in html
    assert "<title>Error: " in html
    assert Submission.objects.count() == 0
    assert mail.outbox == []


def test_a_form_posted_exactly_at_the_deadline_is_late(client, meeting, form_url):
    response = post_at(client, form_url, DEADLINE)
    assert response.status_code == 200
    assert Submission.objects.count() == 0


def test_after_the_clock_change_an_hour_before_noon_bst_is_still_in_time(client, meeting, form_url):
    """12:00:01 BST would be 11:00:01 UTC; the deadline is in GMT, so that is in time."""
    response = post_at(
        client, form_url, datetime.datetime(2026, 10, 27, 11, 0, 1, tzinfo=datetime.UTC)
    )
    assert response.status_code == 302


def test_a_deadline_before_the_clock_change_is_noon_bst(client, home_page, rule):
    """Wednesday 28 October 2026: three clear working days back is Thursday 22 October,
    before the clocks go back, so noon there is 11:00 UTC."""
    meeting = make_meeting(home_page, london(2026, 10, 28, 14, 0), rule=rule)
    deadline = meeting.participation_closes_at()
    assert deadline == london(2026, 10, 22, 12, 0)
    assert deadline.utcoffset() == datetime.timedelta(hours=1)
    url = reverse("consultations:submit", args=[meeting.pk])
    in_time = post_at(client, url, datetime.datetime(2026, 10, 22, 10, 59, 59, tzinfo=datetime.UTC))
    assert in_time.status_code == 302
    late = post_at(
        client,
        url,
        datetime.datetime(2026, 10, 22, 11, 0, 1, tzinfo=datetime.UTC),
        email="another@example.com",
    )
    assert late.status_code == 200
    assert "12pm on Thursday 22 October 2026" in late.content.decode()
    assert Submission.objects.count() == 1


def test_the_form_states_the_deadline_in_plain_english(client, meeting, form_url):
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        html = client.get(form_url).content.decode()
    assert "The deadline is <strong>12pm on Tuesday 27 October 2026</strong>" in html


def test_after_the_deadline_the_form_is_replaced_by_the_closed_notice(client, meeting, form_url):
    with time_machine.travel(DEADLINE + ONE_SECOND, tick=False):
        response = client.get(form_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Questions and statements have closed" in html
    assert "closed at 12pm on Tuesday 27 October 2026" in html
    assert 'name="text"' not in html


def test_a_cancelled_meeting_takes_no_submissions(client, meeting, form_url):
    meeting.status = "cancelled"
    meeting.status_reason = "Not quorate"
    meeting.save_revision().publish()
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        html = client.get(form_url).content.decode()
        posted = client.post(form_url, valid_data())
    assert "This meeting has been cancelled" in html
    assert posted.status_code == 200
    assert Submission.objects.count() == 0


def test_the_meeting_page_links_to_the_form_until_the_deadline_only(client, meeting, form_url):
    with time_machine.travel(DEADLINE - ONE_SECOND, tick=False):
        before = client.get(meeting.url).content.decode()
    with time_machine.travel(DEADLINE + ONE_SECOND, tick=False):
        after = client.get(meeting.url).content.decode()
    assert f'href="{form_url}"' in before
    assert f'href="{form_url}?item=6"' in before
    assert form_url not in after


def test_an_agenda_item_link_preselects_that_item(client, meeting, form_url):
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        html = client.get(form_url, {"item": "6"}).content.decode()
    assert 'id="agenda_item-2" name="agenda_item" type="radio" value="6" checked' in html


def test_an_unknown_or_exempt_item_in_the_query_string_is_ignored(client, meeting, form_url):
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        exempt = client.get(form_url, {"item": "12"}).content.decode()
        junk = client.get(form_url, {"item": "<script>alert(1)</script>"})
    assert "checked" not in exempt.split('name="agenda_item"')[1].split("</fieldset>")[0]
    assert 'value="12"' not in exempt
    assert junk.status_code == 200
    assert "alert(1)" not in junk.content.decode()
