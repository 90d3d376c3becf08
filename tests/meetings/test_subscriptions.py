"""Subscribing: the public subscribe page, personal calendar feeds with private addresses,
and following committees for email alerts."""

import hmac
import math
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse

from meetings.models import CommitteeFollow, ConsultationFollow, PersonalCalendar
from tests.meetings.feed_helpers import (
    NOW,
    consultation_model_or_skip,
    events,
    make_consultation,
    make_council,
    parse_with_ical_js,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(home_page):
    with time_machine.travel(NOW, tick=False):
        yield make_council(home_page)


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("res", "resident@example.com", "password")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def html_of(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    return html


# --- the public subscribe page -----------------------------------------------------------


def test_subscribe_page_offers_every_way_to_add_all_meetings(client, council):
    html = html_of(client.get(reverse("meetings:subscribe")))
    assert "Subscribe to meeting calendars" in html
    all_ics = reverse("meetings:all_meetings_ics")
    assert f'href="webcal://testserver{all_ics}"' in html
    assert f'value="http://testserver{all_ics}"' in html
    assert "calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver" in html
    assert "outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Ftestserver" in html
    assert "outlook.office.com/calendar/0/addfromweb" in html
    for heading in ("Outlook", "Google Calendar", "Apple Calendar"):
        assert f'<span class="govuk-details__summary-text">{heading}' in html
    assert 'data-copy-target="calendar-address"' in html
    assert "Cabinet" in html and "Strategic Planning Committee" in html
    assert reverse("meetings:decisions_rss") in html


def test_choosing_one_committee_gives_its_feed(client, council):
    html = html_of(client.get(reverse("meetings:subscribe"), {"committee": council.cabinet.pk}))
    ics = reverse("meetings:committee_ics", args=[council.cabinet.pk])
    assert f'href="webcal://testserver{ics}"' in html
    assert f'value="{council.cabinet.pk}" checked' in html
    assert reverse("meetings:committee_rss", args=[council.cabinet.pk]) in html


def test_choosing_several_committees_gives_a_combined_feed_that_works(client, council):
    response = client.get(
        reverse("meetings:subscribe"), {"committee": [council.cabinet.pk, council.planning.pk]}
    )
    html = html_of(response)
    feed = response.context["links"]["url"]
    assert f'value="{feed.replace("&", "&amp;")}"' in html
    query = parse_qs(urlsplit(feed).query)
    assert sorted(map(int, query["committee"])) == sorted([council.cabinet.pk, council.planning.pk])
    body = client.get(feed.replace("http://testserver", "")).content
    assert len(events(body)) == 2


def test_an_unknown_committee_shows_an_error_summary(client, council):
    html = html_of(client.get(reverse("meetings:subscribe"), {"committee": "99999"}))
    assert "There is a problem" in html
    assert 'href="#id_committee_0"' in html
    assert "Choose committees from the list." in html
    assert "<title>Error:" in html


# --- personal calendars ------------------------------------------------------------------


def test_personal_calendar_needs_sign_in(client, council):
    response = client.get(reverse("meetings:personal_calendar"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_making_a_personal_calendar_gives_a_private_working_address(signed_in, council, user):
    html = html_of(signed_in.get(reverse("meetings:personal_calendar")))
    assert "Make your calendar" in html
    response = signed_in.post(
        reverse("meetings:personal_calendar"),
        {
            "action": "save",
            "committees": [council.cabinet.pk],
            "include_deadlines": "on",
        },
    )
    assert response.status_code == 302
    calendar = PersonalCalendar.objects.get(user=user)
    assert list(calendar.committees.all()) == [council.cabinet]
    assert calendar.include_deadlines and not calendar.include_consultations

    page = signed_in.get(reverse("meetings:personal_calendar"))
    html = html_of(page)
    assert "Your calendar is ready" in html
    assert page["Cache-Control"] == "private, no-store"
    path = reverse("meetings:personal_ics", args=[calendar.key, calendar.secret])
    assert f"webcal://testserver{path}" in html

    feed = signed_in.get(path)
    assert feed.status_code == 200
    assert "private" in feed["Cache-Control"]
    found = events(feed.content)
    assert set(found) == {
        f"meeting-{council.meeting.pk}@testserver",
        f"meeting-{council.meeting.pk}-deadline-1@testserver",
    }
    assert parse_with_ical_js(feed.content)["calname"] == "My Wiltshire Council meetings"


def test_personal_calendar_form_errors_are_summarised(signed_in, council):
    html = html_of(signed_in.post(reverse("meetings:personal_calendar"), {"action": "save"}))
    assert "There is a problem" in html
    assert '<a href="#id_committees_0">Choose at least one committee.</a>' in html
    assert not PersonalCalendar.objects.exists()


def test_personal_token_has_at_least_128_bits_and_is_compared_in_constant_time(
    client, council, user, monkeypatch
):
    calendar = PersonalCalendar.objects.create(user=user)
    calendar.committees.set([council.cabinet])
    # token_urlsafe(32): 43 characters of a 64-letter alphabet, 6 bits each = 256 bits.
    assert len(calendar.secret) >= 43
    assert len(calendar.secret) * math.log2(64) >= 128
    assert calendar.secret != PersonalCalendar.objects.create(user=_other_user()).secret

    compared = []
    real = hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr("meetings.models.subscriptions.hmac.compare_digest", spy)
    good = reverse("meetings:personal_ics", args=[calendar.key, calendar.secret])
    assert client.get(good).status_code == 200
    assert compared and compared[-1] == (calendar.secret.encode(), calendar.secret.encode())
    wrong = calendar.secret[:-1] + ("A" if calendar.secret[-1] != "A" else "B")
    assert (
        client.get(reverse("meetings:personal_ics", args=[calendar.key, wrong])).status_code == 404
    )


def _other_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("other", "other@example.com", "password")


def test_a_new_address_makes_the_old_one_404(signed_in, council, user):
    calendar = PersonalCalendar.objects.create(user=user)
    calendar.committees.set([council.cabinet])
    old = reverse("meetings:personal_ics", args=[calendar.key, calendar.secret])
    assert signed_in.get(old).status_code == 200
    response = signed_in.post(reverse("meetings:personal_calendar"), {"action": "new_address"})
    assert response.status_code == 302
    calendar.refresh_from_db()
    new = reverse("meetings:personal_ics", args=[calendar.key, calendar.secret])
    assert new != old
    assert signed_in.get(old).status_code == 404
    assert signed_in.get(new).status_code == 200
    html = html_of(signed_in.get(reverse("meetings:personal_calendar")))
    assert "The old address has stopped working" in html


def test_a_disabled_account_s_feed_is_not_found(client, council, user):
    calendar = PersonalCalendar.objects.create(user=user)
    user.is_active = False
    user.save()
    url = reverse("meetings:personal_ics", args=[calendar.key, calendar.secret])
    assert client.get(url).status_code == 404


def test_changing_choices_changes_the_etag(signed_in, council, user):
    calendar = PersonalCalendar.objects.create(user=user)
    calendar.committees.set([council.cabinet])
    url = reverse("meetings:personal_ics", args=[calendar.key, calendar.secret])
    etag = signed_in.get(url)["ETag"]
    assert signed_in.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    signed_in.post(
        reverse("meetings:personal_calendar"),
        {"action": "save", "committees": [council.cabinet.pk, council.planning.pk]},
    )
    response = signed_in.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert len(events(response.content)) == 2


def test_personal_feed_can_include_consultation_closing_dates(client, council, user):
    model = consultation_model_or_skip()
    consultation = make_consultation(council.home, model)
    calendar = PersonalCalendar.objects.create(user=user, include_consultations=True)
    calendar.committees.set([council.planning])
    body = client.get(reverse("meetings:personal_ics", args=[calendar.key, calendar.secret]))
    event = events(body.content)[f"consultation-{consultation.pk}-closes@testserver"]
    assert str(event["SUMMARY"]) == "Consultation closes: Library opening hours"
    assert event["DTSTART"].dt == consultation.closes_at
    assert str(event["URL"]) == consultation.get_full_url()


# --- following committees ----------------------------------------------------------------


def test_following_needs_sign_in_and_get_changes_nothing(client, signed_in, council, user):
    url = reverse("meetings:follow_committee", args=[council.cabinet.pk])
    from django.test import Client

    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))
    assert Client().post(url, {"action": "follow"}).status_code == 302
    assert not CommitteeFollow.objects.exists()

    html = html_of(signed_in.get(url))
    assert "Get emails about Cabinet" in html
    assert not CommitteeFollow.objects.exists()
    response = signed_in.post(url, {"action": "follow"})
    assert response.status_code == 302 and response["Location"] == reverse("meetings:alerts")
    assert CommitteeFollow.objects.filter(user=user, committee=council.cabinet).count() == 1
    signed_in.post(url, {"action": "follow"})
    assert CommitteeFollow.objects.filter(user=user).count() == 1
    assert "Stop emails about Cabinet" in html_of(signed_in.get(council.cabinet.url))
    signed_in.post(url, {"action": "unfollow"})
    assert not CommitteeFollow.objects.exists()


def test_alert_settings_page_saves_committees_and_consultations(signed_in, council, user):
    html = html_of(signed_in.get(reverse("meetings:alerts")))
    assert "resident@example.com" in html
    signed_in.post(
        reverse("meetings:alerts"),
        {"committees": [council.cabinet.pk, council.planning.pk], "consultations": "on"},
    )
    assert set(CommitteeFollow.objects.values_list("committee_id", flat=True)) == {
        council.cabinet.pk,
        council.planning.pk,
    }
    assert ConsultationFollow.objects.filter(user=user).exists()
    html = html_of(signed_in.get(reverse("meetings:alerts")))
    assert "Your email alerts are saved." in html
    assert f'value="{council.cabinet.pk}" checked' in html
    signed_in.post(reverse("meetings:alerts"), {"committees": [council.planning.pk]})
    assert list(CommitteeFollow.objects.values_list("committee_id", flat=True)) == [
        council.planning.pk
    ]
    assert not ConsultationFollow.objects.exists()


def test_alert_settings_reject_unknown_committees(signed_in, council):
    html = html_of(signed_in.post(reverse("meetings:alerts"), {"committees": ["99999"]}))
    assert "There is a problem" in html
    assert not CommitteeFollow.objects.exists()
