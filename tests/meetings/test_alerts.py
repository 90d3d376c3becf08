"""Email alerts: one email per change per follower, sent by a background task after the
publish commits, plain text with an HTML alternative, and an unsubscribe link that works
with one POST and no sign-in."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from meetings import alerts
from meetings.models import AlertSent, CommitteeFollow, ConsultationFollow, MeetingPage
from tests.meetings.feed_helpers import (
    NOW,
    PART_TWO_TITLE,
    consultation_model_or_skip,
    london,
    make_consultation,
    make_council,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def council(home_page, frozen):
    return make_council(home_page)


@pytest.fixture
def people(council, django_user_model):
    """Two Cabinet followers, one Planning follower, and a Cabinet follower whose account
    is disabled."""

    def person(name, *committees, active=True):
        user = django_user_model.objects.create_user(
            name, f"{name}@example.com", "password", is_active=active
        )
        for committee in committees:
            CommitteeFollow.objects.create(user=user, committee=committee)
        return user

    return {
        "ann": person("ann", council.cabinet),
        "bob": person("bob", council.cabinet, council.planning),
        "cat": person("cat", council.planning),
        "dan": person("dan", council.cabinet, active=False),
    }


@pytest.fixture
def publish_now(django_capture_on_commit_callbacks):
    """Publish and run what was queued for after the commit (the alert tasks)."""

    def run(page):
        with django_capture_on_commit_callbacks(execute=True):
            return publish(page)

    return run


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def recipients(messages=None):
    return sorted(address for m in (messages or mail.outbox) for address in m.to)


def test_publishing_an_agenda_emails_each_follower_once(council, people, publish_now):
    meeting = fresh(council.planning_meeting)
    meeting.agenda_is_published = True
    publish_now(meeting)
    assert recipients() == ["bob@example.com", "cat@example.com"]
    message = mail.outbox[0]
    assert message.subject == "Agenda published: Strategic Planning Committee, 20 October 2026"
    assert "The agenda for Strategic Planning Committee, 20 October 2026" in message.body
    assert meeting.get_full_url() in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<h1" in html and meeting.get_full_url() in html

    publish_now(fresh(meeting))  # republished with no change
    meeting = fresh(meeting)
    meeting.title = "Strategic Planning Committee, 20 October 2026 (papers added)"
    publish_now(meeting)
    assert len(mail.outbox) == 2
    assert AlertSent.objects.filter(kind="agenda").count() == 2


def test_alerts_are_sent_by_a_django_tasks_task_after_the_commit(
    council, people, django_capture_on_commit_callbacks
):
    from django_tasks.signals import task_finished

    finished = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "send_alerts":
            finished.append((task_result.task.module_path, task_result.return_value))

    task_finished.connect(record)
    try:
        meeting = fresh(council.planning_meeting)
        meeting.agenda_is_published = True
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            publish(meeting)
        assert mail.outbox == []  # nothing is sent inside the publishing transaction
        for callback in callbacks:
            callback()
    finally:
        task_finished.disconnect(record)
    assert finished == [("meetings.tasks.send_alerts", 2)]
    assert len(mail.outbox) == 2


def test_a_moved_meeting_emails_its_followers_once_per_move(council, people, publish_now, frozen):
    meeting = fresh(council.meeting)
    meeting.start = london(2026, 10, 29, 10)
    meeting.end = london(2026, 10, 29, 12)
    meeting.status_reason = "Moved to avoid half term."
    publish_now(meeting)
    assert recipients() == ["ann@example.com", "bob@example.com"]
    message = mail.outbox[0]
    assert message.subject == "Meeting moved: Cabinet, 29 October 2026"
    assert "10am on Thursday 29 October 2026" in message.body
    assert "It was going to be held at 10am on Thursday 15 October 2026" in message.body
    assert "Moved to avoid half term." in message.body

    publish_now(fresh(meeting))
    assert len(mail.outbox) == 2

    frozen.shift(datetime.timedelta(hours=1))
    meeting = fresh(meeting)
    meeting.start = london(2026, 10, 29, 14)
    meeting.end = london(2026, 10, 29, 16)
    publish_now(meeting)
    assert len(mail.outbox) == 4
    assert set(AlertSent.objects.filter(kind="moved").values_list("key", flat=True)) == {1, 2}


def test_a_new_venue_is_alerted_as_a_move(council, people, publish_now):
    meeting = fresh(council.meeting)
    meeting.venue = council.other_venue
    publish_now(meeting)
    assert recipients() == ["ann@example.com", "bob@example.com"]
    assert "Council Chamber, Monkton Park" in mail.outbox[0].body


def test_cancelling_and_postponing_are_alerted_once(council, people, publish_now):
    meeting = fresh(council.meeting)
    meeting.status = "cancelled"
    meeting.status_reason = "There is no business."
    publish_now(meeting)
    publish_now(fresh(meeting))
    assert recipients() == ["ann@example.com", "bob@example.com"]
    assert mail.outbox[0].subject == "Meeting cancelled: Cabinet, 15 October 2026"
    assert "There is no business." in mail.outbox[0].body

    planning = fresh(council.planning_meeting)
    planning.status = "postponed"
    planning.status_reason = "Awaiting a report."
    publish_now(planning)
    assert recipients(mail.outbox[2:]) == ["bob@example.com", "cat@example.com"]
    assert mail.outbox[2].subject.startswith("Meeting postponed:")


def test_publishing_minutes_emails_the_committees_followers(council, people, publish_now):
    from meetings.factories import MinutesPageFactory

    minutes = MinutesPageFactory(parent=council.meeting, live=False)
    publish_now(minutes)
    publish_now(fresh(minutes))
    assert recipients() == ["ann@example.com", "bob@example.com"]
    assert mail.outbox[0].subject == "Minutes published: Cabinet, 15 October 2026"
    assert minutes.get_full_url() in mail.outbox[0].body


def test_drafts_past_meetings_and_private_meetings_send_nothing(council, people, publish_now):
    from wagtail.models import PageViewRestriction

    meeting = fresh(council.planning_meeting)
    meeting.agenda_is_published = True
    meeting.save_revision()  # a draft: nothing is live yet
    assert mail.outbox == []

    from meetings.factories import MeetingPageFactory

    past = MeetingPageFactory(
        parent=council.cabinet, title="Cabinet, last year", start=london(2025, 10, 1), live=False
    )
    past.agenda_is_published = True
    publish_now(past)
    assert mail.outbox == []

    PageViewRestriction.objects.create(page=meeting, restriction_type="password", password="x")
    publish_now(fresh(meeting))
    assert mail.outbox == []


def test_no_part_two_title_in_any_alert(council, people, publish_now):
    from meetings.factories import MeetingPageFactory
    from meetings.models import AgendaItem

    meeting = MeetingPageFactory(
        parent=council.cabinet,
        title="Cabinet, 5 November 2026",
        start=london(2026, 11, 5),
        live=False,
        agenda_is_published=True,
        agenda_items=[
            AgendaItem(title="Budget monitoring", part="1"),
            AgendaItem(title=PART_TWO_TITLE, part="2", exempt_paragraph=3),
        ],
    )
    publish_now(meeting)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "Budget monitoring" in message.body
        assert PART_TWO_TITLE not in message.body
        assert PART_TWO_TITLE not in message.alternatives[0][0]
        assert "considered in private" in message.body


def test_sending_again_sends_nothing_new(council, people):
    assert alerts.send_alerts(council.meeting.pk, AlertSent.CANCELLED, 7) == 2
    assert alerts.send_alerts(council.meeting.pk, AlertSent.CANCELLED, 7) == 0
    assert len(mail.outbox) == 2


def test_a_failed_send_is_not_recorded_so_a_retry_sends_it(council, people, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages
    calls = {"n": 0}

    def flaky(self, messages):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("mail server down")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    assert alerts.send_alerts(council.meeting.pk, AlertSent.AGENDA, 0) == 1
    assert AlertSent.objects.count() == 1
    assert alerts.send_alerts(council.meeting.pk, AlertSent.AGENDA, 0) == 1
    assert recipients() == ["ann@example.com", "bob@example.com"]


def unsubscribe_url(message):
    return re.search(r"Stop these emails: (\S+)", message.body).group(1)


def test_unsubscribe_link_works_with_one_post_and_no_sign_in(council, people, publish_now):
    meeting = fresh(council.meeting)
    meeting.status = "cancelled"
    meeting.status_reason = "No business."
    publish_now(meeting)
    message = next(m for m in mail.outbox if m.to == ["ann@example.com"])
    url = unsubscribe_url(message)
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.alternatives[0][0]
    path = url.replace("http://testserver", "")

    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200
    assert "Stop emails about Cabinet?" in page.content.decode()
    assert CommitteeFollow.objects.filter(user=people["ann"]).exists()  # GET changes nothing

    # A mail app's one-click unsubscribe: a POST with no session and no CSRF token.
    done = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "You have unsubscribed" in done.content.decode()
    assert not CommitteeFollow.objects.filter(user=people["ann"]).exists()
    assert CommitteeFollow.objects.filter(user=people["bob"]).count() == 2
    again = client.get(path)
    assert "already unsubscribed" in again.content.decode()

    mail.outbox.clear()
    planning = fresh(council.meeting)
    planning.status = "scheduled"
    publish_now(planning)
    planning = fresh(planning)
    planning.status = "cancelled"
    publish_now(planning)
    assert recipients() == ["bob@example.com"]


def test_a_forged_unsubscribe_token_is_not_found(client):
    assert client.get("/alerts/unsubscribe/not-a-token/").status_code == 404
    assert client.post("/alerts/unsubscribe/not-a-token/").status_code == 404


def test_a_new_consultation_emails_consultation_followers_once(
    council, people, publish_now, django_user_model
):
    model = consultation_model_or_skip()
    ConsultationFollow.objects.create(user=people["cat"])
    consultation = make_consultation(council.home, model, live=False)
    publish_now(consultation)
    publish_now(fresh(consultation))
    assert recipients() == ["cat@example.com"]
    message = mail.outbox[0]
    assert message.subject == "New consultation: Library opening hours"
    assert consultation.get_full_url() in message.body
    path = unsubscribe_url(message).replace("http://testserver", "")
    assert "new consultations" in Client().get(path).content.decode()
    Client().post(path)
    assert not ConsultationFollow.objects.exists()


def test_meeting_changes_are_worked_out_from_the_previous_live_version(council):
    meeting = MeetingPage.objects.get(pk=council.meeting.pk)
    previous = {
        "live": True,
        "first_published_at": meeting.first_published_at,
        "start": meeting.start,
        "venue_id": None,
        "status": "scheduled",
        "agenda_is_published": True,
    }
    assert alerts.meeting_changes(previous, meeting) == []
    assert alerts.meeting_changes(None, meeting) == [(AlertSent.AGENDA, 0)]
    meeting.status = "cancelled"
    assert alerts.meeting_changes(previous, meeting) == [("cancelled", meeting.sequence)]
    meeting.live = False
    assert alerts.meeting_changes(previous, meeting) == []
