"""Anti-abuse without a visual puzzle: honeypot, minimum fill time, rate limits per hashed
address and per email, and duplicate detection."""

import time

import pytest
import time_machine
from django.core import mail
from django.test import RequestFactory

from consultations import antiabuse
from consultations.factories import london
from consultations.models import Submission

from .conftest import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def before_the_deadline():
    with time_machine.travel(london(2026, 10, 20, 9, 0), tick=False):
        yield


def test_a_filled_honeypot_stores_nothing_and_keeps_the_text(client, form_url):
    data = valid_data(website="http://spam.example")
    response = client.post(form_url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "We could not send your question or statement" in html
    assert data["text"] in html
    assert Submission.objects.count() == 0
    assert mail.outbox == []


def test_a_form_sent_too_fast_gets_a_gentle_message_and_keeps_the_text(client, form_url):
    data = valid_data(started=antiabuse.started_token(time.time() - 1))
    response = client.post(form_url, data)
    html = response.content.decode()
    assert "That was quicker than we expected" in html
    assert data["text"] in html
    assert Submission.objects.count() == 0
    # The original start time is kept, so sending again a little later works.
    assert f'name="started" value="{data["started"]}"' in html


def test_a_missing_or_forged_start_time_counts_as_too_fast(client, form_url):
    for token in ("", "12345", "forged:token"):
        response = client.post(form_url, valid_data(started=token))
        assert "That was quicker than we expected" in response.content.decode()
    assert Submission.objects.count() == 0


def test_the_minimum_fill_time_can_be_turned_off(client, form_url, settings):
    settings.CONSULTATIONS_MIN_FILL_SECONDS = 0
    assert client.post(form_url, valid_data(started="")).status_code == 302


def test_the_rate_limit_per_address_stops_a_flood_from_one_machine(client, form_url, settings):
    settings.CONSULTATIONS_RATE_LIMIT_PER_IP = 3
    for n in range(3):
        response = client.post(form_url, valid_data(email=f"person{n}@example.com"))
        assert response.status_code == 302
    response = client.post(form_url, valid_data(email="person9@example.com", text="Fourth?"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent a lot of questions or statements in a short time" in html
    assert "Fourth?" in html
    assert Submission.objects.count() == 3
    other_machine = client.post(
        form_url, valid_data(email="person10@example.com"), REMOTE_ADDR="192.0.2.10"
    )
    assert other_machine.status_code == 302


def test_the_rate_limit_per_email_applies_across_meetings_and_addresses(
    client, form_url, settings, home_page, rule
):
    from django.urls import reverse

    from consultations.factories import make_meeting

    settings.CONSULTATIONS_RATE_LIMIT_PER_EMAIL = 2
    other = make_meeting(home_page, london(2026, 11, 3, 10), rule=rule)
    other_url = reverse("consultations:submit", args=[other.pk])
    assert (
        client.post(form_url, valid_data(text="One?"), REMOTE_ADDR="192.0.2.1").status_code == 302
    )
    assert (
        client.post(other_url, valid_data(text="Two?"), REMOTE_ADDR="192.0.2.2").status_code == 302
    )
    third = client.post(other_url, valid_data(text="Three?"), REMOTE_ADDR="192.0.2.3")
    assert third.status_code == 429


def test_the_rate_limit_window_expires(client, form_url, settings):
    settings.CONSULTATIONS_RATE_LIMIT_PER_IP = 1
    settings.CONSULTATIONS_RATE_LIMIT_WINDOW_SECONDS = 1
    assert client.post(form_url, valid_data(email="a@example.com")).status_code == 302
    assert client.post(form_url, valid_data(email="b@example.com")).status_code == 429
    with time_machine.travel(london(2026, 10, 20, 9, 0, 2), tick=False):
        assert client.post(form_url, valid_data(email="c@example.com")).status_code == 302


def test_the_same_text_twice_from_one_person_is_a_duplicate(client, form_url):
    first = valid_data(text="Will the   council publish the plan?")
    assert client.post(form_url, first).status_code == 302
    again = valid_data(text="will the council PUBLISH the plan?")
    response = client.post(form_url, again)
    assert (
        "You have already sent this question or statement for this meeting"
        in response.content.decode()
    )
    assert Submission.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_same_text_from_different_people_is_not_a_duplicate(client, form_url):
    assert client.post(form_url, valid_data(email="a@example.com")).status_code == 302
    assert client.post(form_url, valid_data(email="b@example.com")).status_code == 302


def test_addresses_are_stored_only_as_a_keyed_hash(settings):
    digest = antiabuse.hash_value("203.0.113.7")
    assert len(digest) == 64 and "203" not in digest
    settings.SECRET_KEY = "another-key"
    assert antiabuse.hash_value("203.0.113.7") != digest


def test_the_client_address_comes_from_x_forwarded_for_only_behind_a_trusted_proxy():
    factory = RequestFactory()
    behind_nginx = factory.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )
    assert antiabuse.client_ip(behind_nginx) == "198.51.100.7"
    spoofed = factory.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert antiabuse.client_ip(spoofed) == "198.51.100.9"
    garbage = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert antiabuse.client_ip(garbage) == "127.0.0.1"
