"""The admin as democratic services use it: signed in as a member of the "Editors" group
(not a superuser), editing meetings and publishing decisions through the real admin views.

Editors must see the statutory deadlines and key-decision warnings before they publish,
and the admin refuses to publish a late agenda without a reason, or a key decision
without the notice the law requires.
"""

import datetime
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from meetings.deadlines import LONDON
from meetings.factories import (
    DecisionFactory,
    ForwardPlanEntryFactory,
    MeetingPageFactory,
    london,
)
from meetings.models import AgendaItem, Decision, ForwardPlanEntry, MeetingPage, MinutesPage
from meetings.models.meetings import MOVED

pytestmark = pytest.mark.django_db

CABINET_3_JULY_2017 = london(2017, 7, 3, 10, 0)


# --- helpers shared with test_exempt.py -------------------------------------------------


def local_text(value):
    """An aware datetime as the admin's date-time field takes it (UK time)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def item_data(item=None, **fields):
    """Form data for one agenda item; pass an existing `item` to keep it (by id)."""
    data = {
        "id": str(item.pk) if item else "",
        "number": item.number if item else "",
        "pages": item.pages if item else "",
        "title": item.title if item else "An item",
        "description": rich_text(item.description if item else ""),
        "report_by": item.report_by if item else "",
        "is_key_decision": bool(item and item.is_key_decision),
        "forward_plan_entry": str(item.forward_plan_entry_id or "") if item else "",
        "part": item.part if item else "1",
        "exempt_paragraph": str(item.exempt_paragraph or "") if item else "",
        "papers": streamfield([]),
        "report": streamfield([]),
    }
    data.update(fields)
    return data


def meeting_form_data(meeting, items=None, publish=False, **fields):
    """The meeting edit form as an editor would post it, with `fields` changed.

    `items` is a list of `item_data()` dicts; by default the meeting's items unchanged.
    """
    existing = list(AgendaItem.objects.filter(meeting=meeting).order_by("sort_order"))
    if items is None:
        items = [item_data(item) for item in existing]
    data = {
        "title": meeting.title,
        "slug": meeting.slug,
        "start": local_text(meeting.start),
        "end": local_text(meeting.end),
        "venue": str(meeting.venue_id or ""),
        "status": meeting.status,
        "status_reason": meeting.status_reason,
        "previous_start": local_text(meeting.previous_start),
        "agenda_is_published": meeting.agenda_is_published,
        "late_publication_reason": meeting.late_publication_reason,
        "participation_deadline_override": local_text(meeting.participation_deadline_override),
        "participation_override_reason": meeting.participation_override_reason,
        "webcast_url": meeting.webcast_url,
        "recording_notice": meeting.recording_notice,
        "agenda_items": inline_formset(items, initial=len(existing)),
    }
    data.update(fields)
    form_data = nested_form_data(data)
    if publish:
        form_data["action-publish"] = "action-publish"
    return form_data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def snippet_url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def form_errors(response):
    """Every error on the admin form (and its agenda item forms), as one string."""
    form = response.context["form"]
    errors = [str(form.errors)]
    for formset in getattr(form, "formsets", {}).values():
        errors += [str(e) for e in formset.errors] + [str(formset.non_form_errors())]
    return unescape("\n".join(errors))


def make_editor(django_user_model, username="democracy"):
    """A member of the Editors group set up by meetings/migrations/0002 (not a superuser)."""
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.gov.uk", password="not-used"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture
def june_2017(time_machine):
    """Thursday 1 June 2017: the 3 July Cabinet is a month away."""
    time_machine.move_to(london(2017, 6, 1, 9, 0), tick=False)
    return time_machine


# --- the Editors group -------------------------------------------------------------------


def test_editors_group_is_not_superuser_but_can_use_the_admin(editor, editor_client):
    assert not editor.is_superuser
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor_client.get(reverse("wagtailadmin_home")).status_code == 200


def test_editors_can_publish_pages_anywhere_in_the_site(editor, cabinet, home_page):
    meeting = MeetingPageFactory(parent=cabinet)
    for page in (home_page, cabinet, meeting):
        permissions = Page.objects.get(pk=page.pk).permissions_for_user(editor)
        assert permissions.can_publish(), page
        assert permissions.can_edit(), page


@pytest.mark.parametrize("model", [Decision, ForwardPlanEntry])
def test_editors_can_add_change_publish_and_lock_decisions_and_forward_plan_entries(editor, model):
    name = model._meta.model_name
    for action in ("add", "change", "delete", "publish", "lock"):
        assert editor.has_perm(f"meetings.{action}_{name}"), f"{action}_{name}"


def test_editor_publishes_a_new_meeting_in_the_admin(editor_client, cabinet):
    url = reverse("wagtailadmin_pages:add", args=["meetings", "meetingpage", cabinet.pk])
    response = editor_client.post(
        url,
        nested_form_data(
            {
                "title": "Cabinet, 14 July 2030",
                "slug": "cabinet-14-july-2030",
                "start": "2030-07-14 10:00",
                "status": "scheduled",
                "recording_notice": "May be filmed.",
                "agenda_items": inline_formset([item_data(title="Apologies")]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, form_errors(response)
    meeting = MeetingPage.objects.get(slug="2030-07-14")
    assert meeting.live
    assert meeting.agenda_items.get().number == "1"


# --- deadlines and key-decision warnings, before publishing ------------------------------


def test_meeting_edit_page_shows_the_agenda_deadline_and_question_deadline(
    editor_client, cabinet, june_2017
):
    meeting = MeetingPageFactory(parent=cabinet, start=CABINET_3_JULY_2017, live=False)
    response = editor_client.get(edit_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-deadlines-panel" in html
    assert "must be published by <strong>Friday 23 June 2017</strong>" in html
    assert "5 clear working days before the meeting" in html
    assert "12pm on Tuesday 27 June 2017" in html
    assert "Publishing it now is late" not in html


def test_meeting_edit_page_warns_once_the_agenda_deadline_has_passed(
    editor_client, cabinet, time_machine
):
    time_machine.move_to(london(2017, 6, 28, 9, 0), tick=False)
    meeting = MeetingPageFactory(parent=cabinet, start=CABINET_3_JULY_2017)
    html = editor_client.get(edit_url(meeting)).content.decode()
    assert "Publishing it now is late" in html
    assert "help-warning" in html


def test_meeting_edit_page_warns_about_key_decisions_without_notice(
    editor_client, cabinet, june_2017
):
    short_notice = ForwardPlanEntryFactory(
        title="Adopt the Digital Strategy",
        decision_date=datetime.date(2017, 7, 3),
        first_published_on=datetime.date(2017, 6, 20),
    )
    full_notice = ForwardPlanEntryFactory(
        title="Draft Business Plan",
        decision_date=datetime.date(2017, 7, 3),
        first_published_on=datetime.date(2017, 5, 1),
    )
    meeting = MeetingPageFactory(
        parent=cabinet,
        start=CABINET_3_JULY_2017,
        agenda_items=[
            AgendaItem(title="Apologies"),
            AgendaItem(title="Leisure centres", is_key_decision=True),
            AgendaItem(
                title="Digital Strategy", is_key_decision=True, forward_plan_entry=short_notice
            ),
            AgendaItem(title="Business Plan", is_key_decision=True, forward_plan_entry=full_notice),
        ],
    )
    html = editor_client.get(edit_url(meeting)).content.decode()
    assert "Key decisions need attention" in html
    warnings = html.count("data-key-decision-warning")
    assert warnings == 2
    assert "Item 2 (Leisure centres) is a key decision but is not linked to a forward plan" in html
    assert (
        "Item 3 (Digital Strategy): This key decision was not on the forward plan 28 clear" in html
    )
    assert "needed to be published by 4 June 2017" in html
    assert "Item 4 (Business Plan)" not in html


def test_new_meeting_form_asks_for_a_start_time_before_showing_deadlines(editor_client, cabinet):
    url = reverse("wagtailadmin_pages:add", args=["meetings", "meetingpage", cabinet.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Save the meeting with a start time to see its statutory deadlines" in (
        response.content.decode()
    )


# --- publishing an agenda late -----------------------------------------------------------


@pytest.fixture
def late_day(time_machine):
    """Wednesday 28 June 2017: after the 23 June agenda deadline for 3 July."""
    time_machine.move_to(london(2017, 6, 28, 10, 0), tick=False)
    return time_machine


def test_publishing_a_late_agenda_without_a_reason_is_refused_naming_the_deadline(
    editor_client, cabinet, late_day
):
    meeting = MeetingPageFactory(parent=cabinet, start=CABINET_3_JULY_2017)
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, publish=True, agenda_is_published=True)
    )
    assert response.status_code == 200
    errors = form_errors(response)
    assert "This agenda is late: it had to be published by Friday 23 June 2017" in errors
    assert "5 clear working days before the meeting" in errors
    meeting.refresh_from_db()
    assert meeting.agenda_is_published is False
    assert meeting.agenda_published_at is None


def test_publishing_a_late_agenda_with_a_reason_succeeds_and_records_when(
    editor_client, cabinet, late_day
):
    meeting = MeetingPageFactory(parent=cabinet, start=CABINET_3_JULY_2017)
    response = editor_client.post(
        edit_url(meeting),
        meeting_form_data(
            meeting,
            publish=True,
            agenda_is_published=True,
            late_publication_reason="The report needed the audit results of 27 June.",
        ),
    )
    assert response.status_code == 302, form_errors(response)
    meeting.refresh_from_db()
    assert meeting.agenda_is_published is True
    assert meeting.agenda_published_at == london(2017, 6, 28, 10, 0)
    assert meeting.agenda_is_late() is True


def test_saving_a_late_agenda_as_a_draft_is_not_refused(editor_client, cabinet, late_day):
    meeting = MeetingPageFactory(parent=cabinet, start=CABINET_3_JULY_2017)
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, agenda_is_published=True)
    )
    assert response.status_code == 302, form_errors(response)


def test_publishing_an_agenda_on_time_needs_no_reason(editor_client, cabinet, time_machine):
    time_machine.move_to(london(2017, 6, 23, 16, 0), tick=False)
    meeting = MeetingPageFactory(parent=cabinet, start=CABINET_3_JULY_2017)
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, publish=True, agenda_is_published=True)
    )
    assert response.status_code == 302, form_errors(response)
    meeting.refresh_from_db()
    assert meeting.agenda_published_at == london(2017, 6, 23, 16, 0)
    assert meeting.agenda_is_late() is False


def test_republishing_an_agenda_published_on_time_is_not_refused_later(
    editor_client, cabinet, time_machine
):
    time_machine.move_to(london(2017, 6, 22, 16, 0), tick=False)
    meeting = MeetingPageFactory(parent=cabinet, start=CABINET_3_JULY_2017)
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, publish=True, agenda_is_published=True)
    )
    assert response.status_code == 302, form_errors(response)

    time_machine.move_to(london(2017, 6, 29, 16, 0), tick=False)
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, publish=True, title="Cabinet (corrected)")
    )
    assert response.status_code == 302, form_errors(response)
    meeting.refresh_from_db()
    assert meeting.agenda_published_at == london(2017, 6, 22, 16, 0)


# --- moving a published meeting in the admin ---------------------------------------------


def test_moving_a_published_meeting_in_the_admin_needs_a_reason(editor_client, cabinet):
    meeting = MeetingPageFactory(parent=cabinet, start=london(2030, 7, 3, 10, 0), end=None)
    meeting.save_revision().publish()
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, publish=True, start="2030-07-10 10:00")
    )
    assert response.status_code == 200
    assert "Say why the meeting is moved" in form_errors(response)
    assert MeetingPage.objects.get(pk=meeting.pk).sequence == 0


def test_moving_a_meeting_across_the_clock_change_in_the_admin(editor_client, cabinet):
    meeting = MeetingPageFactory(parent=cabinet, start=london(2026, 10, 22, 10, 0), end=None)
    meeting.save_revision().publish()
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    response = editor_client.post(
        edit_url(meeting),
        meeting_form_data(
            meeting,
            publish=True,
            start="2026-10-29 10:00",
            status_reason="Moved to avoid the half-term holiday",
        ),
    )
    assert response.status_code == 302, form_errors(response)
    moved = MeetingPage.objects.get(pk=meeting.pk)
    assert moved.start == datetime.datetime(2026, 10, 29, 10, 0, tzinfo=datetime.UTC)
    assert moved.previous_start == datetime.datetime(2026, 10, 22, 9, 0, tzinfo=datetime.UTC)
    assert moved.previous_start.astimezone(LONDON).hour == 10
    assert moved.status == MOVED
    assert moved.sequence == 1
    assert moved.title == "Cabinet, 29 October 2026"
    assert MeetingPage.objects.child_of(cabinet).count() == 1


# --- a meeting's title and address follow its date --------------------------------------


def add_meeting_url(committee):
    return reverse("wagtailadmin_pages:add", args=["meetings", "meetingpage", committee.pk])


def new_meeting_data(start, publish=True, **fields):
    """The add-meeting form as an editor posts it (there is no title or slug to type)."""
    data = {
        "title_suffix": "",
        "start": start,
        "end": "",
        "status": "scheduled",
        "recording_notice": "May be filmed.",
        "agenda_items": inline_formset([]),
    }
    data.update(fields)
    form_data = nested_form_data(data)
    if publish:
        form_data["action-publish"] = "action-publish"
    return form_data


@pytest.fixture
def february_2027(time_machine):
    """Monday 4 January 2027: the February Cabinet is five weeks away."""
    time_machine.move_to(london(2027, 1, 4, 9, 0), tick=False)
    return time_machine


def test_a_meeting_made_in_the_admin_is_titled_and_addressed_like_the_demos(
    february_2027, editor_client, cabinet
):
    response = editor_client.post(
        add_meeting_url(cabinet),
        new_meeting_data("2027-02-10 10:00", title="Budget Cabinet", slug="budget-cabinet"),
    )
    assert response.status_code == 302, form_errors(response)
    meeting = MeetingPage.objects.child_of(cabinet).get()
    assert meeting.title == "Cabinet, 10 February 2027"
    assert meeting.url == "/meetings/cabinet/2027-02-10/"
    minutes_url = reverse("wagtailadmin_pages:add", args=["meetings", "minutespage", meeting.pk])
    response = editor_client.post(
        minutes_url,
        nested_form_data(
            {
                "title": "Notes",
                "slug": "notes",
                "minutes_status": "draft",
                "minutes": streamfield([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, form_errors(response)
    minutes = MinutesPage.objects.child_of(meeting).get()
    assert minutes.url == "/meetings/cabinet/2027-02-10/minutes/"
    assert minutes.title == "Minutes of the Cabinet, 10 February 2027"


def test_the_meeting_editor_shows_the_title_read_only_and_offers_a_suffix(
    february_2027, editor_client, cabinet
):
    meeting = MeetingPageFactory(parent=cabinet, start=london(2027, 2, 9, 10, 0))
    response = editor_client.get(edit_url(meeting))
    form = response.context["form"]
    assert "title" not in form.fields
    assert "slug" not in form.fields
    assert form.fields["title_suffix"].help_text
    assert "Cabinet, 9 February 2027" in response.content.decode()


def test_a_suffix_goes_into_the_title_and_the_address(february_2027, editor_client, cabinet):
    response = editor_client.post(
        add_meeting_url(cabinet), new_meeting_data("2027-02-10 18:00", title_suffix="Extraordinary")
    )
    assert response.status_code == 302, form_errors(response)
    meeting = MeetingPage.objects.child_of(cabinet).get()
    assert meeting.title == "Cabinet, 10 February 2027 (Extraordinary)"
    assert meeting.url == "/meetings/cabinet/2027-02-10-extraordinary/"


def test_a_second_meeting_on_the_same_day_is_refused_until_it_has_a_suffix(
    february_2027, editor_client, cabinet
):
    MeetingPageFactory(parent=cabinet, start=london(2027, 2, 10, 10, 0))
    response = editor_client.post(add_meeting_url(cabinet), new_meeting_data("2027-02-10 18:00"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title_suffix"] == [
        "Cabinet already has a meeting on 10 February 2027. Give this one a suffix, such as "
        "'extraordinary', so the two have different titles and web addresses."
    ]
    assert 'value="2027-02-10 18:00"' in response.content.decode()
    assert MeetingPage.objects.child_of(cabinet).count() == 1

    response = editor_client.post(
        add_meeting_url(cabinet), new_meeting_data("2027-02-10 18:00", title_suffix="evening")
    )
    assert response.status_code == 302, form_errors(response)
    assert sorted(MeetingPage.objects.child_of(cabinet).values_list("slug", flat=True)) == [
        "2027-02-10",
        "2027-02-10-evening",
    ]


def test_moving_the_february_cabinet_renames_it_everywhere_and_redirects_the_old_address(
    february_2027, client, editor_client, cabinet, django_capture_on_commit_callbacks
):
    """The issue's case: the 9 February 2027 Cabinet moved to 10 February kept saying
    "9 February 2027" in its title, calendar SUMMARY and alert subject."""
    from icalendar import Calendar

    from meetings.factories import MinutesPageFactory

    meeting = MeetingPageFactory(
        parent=cabinet, start=london(2027, 2, 9, 10, 0), end=None, agenda_is_published=True
    )
    meeting.save_revision().publish()
    MinutesPageFactory(parent=meeting).save_revision().publish()
    assert meeting.url == "/meetings/cabinet/2027-02-09/"

    meeting = MeetingPage.objects.get(pk=meeting.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            edit_url(meeting),
            meeting_form_data(
                meeting,
                publish=True,
                start="2027-02-10 10:00",
                status_reason="Moved for the budget papers.",
            ),
        )
    assert response.status_code == 302, form_errors(response)

    moved = MeetingPage.objects.get(pk=meeting.pk)
    assert moved.title == "Cabinet, 10 February 2027"
    assert moved.url == "/meetings/cabinet/2027-02-10/"
    assert MinutesPage.objects.child_of(moved).get().title == (
        "Minutes of the Cabinet, 10 February 2027"
    )

    old = client.get("/meetings/cabinet/2027-02-09/")
    assert old.status_code == 301
    assert old["Location"].endswith("/meetings/cabinet/2027-02-10/")
    old_minutes = client.get("/meetings/cabinet/2027-02-09/minutes/")
    assert old_minutes.status_code == 301
    assert old_minutes["Location"].endswith("/meetings/cabinet/2027-02-10/minutes/")
    page = client.get("/meetings/cabinet/2027-02-10/").content.decode()
    assert "Cabinet, 10 February 2027" in page
    assert "9 February 2027</h1>" not in page

    calendar = Calendar.from_ical(
        client.get(reverse("meetings:meeting_ics", args=[moved.pk])).content
    )
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Cabinet, 10 February 2027" in summaries
    assert not any("9 February" in summary for summary in summaries)


def test_the_alert_for_a_moved_meeting_names_its_new_date(
    february_2027, editor_client, cabinet, django_capture_on_commit_callbacks, django_user_model
):
    from django.core import mail

    from meetings.models import CommitteeFollow

    follower = django_user_model.objects.create_user("ann", "ann@example.com", "not-used")
    CommitteeFollow.objects.create(user=follower, committee=cabinet)
    meeting = MeetingPageFactory(parent=cabinet, start=london(2027, 2, 9, 10, 0), end=None)
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
    mail.outbox.clear()

    meeting = MeetingPage.objects.get(pk=meeting.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            edit_url(meeting),
            meeting_form_data(
                meeting,
                publish=True,
                start="2027-02-10 10:00",
                status_reason="Moved for the budget papers.",
            ),
        )
    assert response.status_code == 302, form_errors(response)
    assert [m.subject for m in mail.outbox] == ["Meeting moved: Cabinet, 10 February 2027"]


def test_the_deadlines_panel_still_shows_the_deadlines_after_a_validation_error_on_a_new_meeting(
    editor_client, cabinet, june_2017
):
    response = editor_client.post(
        add_meeting_url(cabinet),
        new_meeting_data("2017-07-03 10:00", end="2017-07-03 09:00"),
    )
    assert response.status_code == 200
    assert "The end must be after the start." in form_errors(response)
    html = response.content.decode()
    assert "must be published by <strong>Friday 23 June 2017</strong>" in html
    assert "(5 clear working days before the meeting)" in html
    assert "12pm on Tuesday 27 June 2017" in html
    assert "no participation rule" not in html


@pytest.mark.parametrize("typed", ["31/02/2027 10:00", "10 Febuary 2027", "2027-02-10 25:00"])
def test_an_unreadable_start_is_refused_with_a_clear_message_and_kept_as_typed(
    february_2027, editor_client, cabinet, typed
):
    response = editor_client.post(add_meeting_url(cabinet), new_meeting_data(typed))
    assert response.status_code == 200
    assert response.context["form"].errors["start"] == [
        "Enter a real date and time as day/month/year and 24-hour time, for example "
        "10/02/2027 09:30."
    ]
    assert f'value="{typed}"' in response.content.decode()
    assert not MeetingPage.objects.child_of(cabinet).exists()


def test_an_unreadable_new_start_leaves_a_published_meeting_where_it_was(
    february_2027, editor_client, cabinet
):
    meeting = MeetingPageFactory(parent=cabinet, start=london(2027, 2, 9, 10, 0), end=None)
    meeting.save_revision().publish()
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    response = editor_client.post(
        edit_url(meeting), meeting_form_data(meeting, publish=True, start="9/2/27 ten")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start"][0].startswith("Enter a real date and time")
    assert 'value="9/2/27 ten"' in response.content.decode()
    assert MeetingPage.objects.get(pk=meeting.pk).start == london(2027, 2, 9, 10, 0)


def test_the_admin_date_pickers_are_told_not_to_replace_unreadable_text():
    """Wagtail's picker (xdsoft datetimepicker) swaps text it cannot read for the current
    time on blur unless `validateOnBlur` is off; the browser test shows it in Chromium."""
    from wagtail.admin.forms.models import formfield_for_dbfield

    for field in (MeetingPage._meta.get_field("start"), Decision._meta.get_field("decision_date")):
        widget = formfield_for_dbfield(field).widget
        assert widget.get_config()["validateOnBlur"] is False, field


# --- publishing key decisions ------------------------------------------------------------


def decision_form_data(decision, publish=True, **fields):
    data = {
        "title": decision.title,
        "maker_type": decision.maker_type,
        "decision_maker": decision.decision_maker,
        "committee": str(decision.committee_id or ""),
        "meeting": str(decision.meeting_id or ""),
        "agenda_item": str(decision.agenda_item_id or ""),
        "decision_date": decision.decision_date.isoformat(),
        "decision": rich_text(decision.decision),
        "reasons": rich_text(decision.reasons),
        "alternatives_considered": rich_text(decision.alternatives_considered),
        "interests_declared": rich_text(decision.interests_declared),
        "is_key_decision": decision.is_key_decision,
        "forward_plan_entry": str(decision.forward_plan_entry_id or ""),
        "published_on": decision.published_on.isoformat() if decision.published_on else "",
        "is_urgent": decision.is_urgent,
        "urgency_reason": decision.urgency_reason,
    }
    data.update(fields)
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


@pytest.fixture
def decision_day(time_machine):
    """Tuesday 4 July 2017, the day after Cabinet: the decision notice is published."""
    time_machine.move_to(london(2017, 7, 4, 11, 0), tick=False)
    return time_machine


def draft_key_decision(entry=None):
    return DecisionFactory(
        live=False,
        title="Adopt the Digital Strategy",
        decision_date=datetime.date(2017, 7, 3),
        is_key_decision=True,
        forward_plan_entry=entry,
    )


def short_notice_entry(**fields):
    return ForwardPlanEntryFactory(
        title="Adopt the Digital Strategy",
        decision_date=datetime.date(2017, 7, 3),
        first_published_on=datetime.date(2017, 6, 20),
        **fields,
    )


def test_publishing_a_key_decision_without_enough_notice_is_refused(editor_client, decision_day):
    decision = draft_key_decision(short_notice_entry())
    response = editor_client.post(
        snippet_url(Decision, "edit", decision.pk), decision_form_data(decision)
    )
    assert response.status_code == 200
    errors = form_errors(response)
    assert "This key decision was not on the forward plan 28 clear days before 3 July 2017" in (
        errors
    )
    assert "Record a general exception or special urgency agreement" in errors
    decision.refresh_from_db()
    assert decision.live is False
    assert decision.published_on is None


def test_publishing_a_key_decision_not_linked_to_the_forward_plan_is_refused(
    editor_client, decision_day
):
    decision = draft_key_decision(entry=None)
    response = editor_client.post(
        snippet_url(Decision, "edit", decision.pk), decision_form_data(decision)
    )
    assert response.status_code == 200
    assert "must be linked to its forward plan entry" in form_errors(response)
    assert Decision.objects.get(pk=decision.pk).live is False


def test_saving_a_key_decision_without_notice_as_a_draft_is_allowed(editor_client, decision_day):
    decision = draft_key_decision(short_notice_entry())
    response = editor_client.post(
        snippet_url(Decision, "edit", decision.pk),
        decision_form_data(decision, publish=False, title="Adopt the Digital Strategy (draft)"),
    )
    assert response.status_code == 302, form_errors(response)
    assert Decision.objects.get(pk=decision.pk).live is False


def test_key_decision_with_a_general_exception_can_be_published(editor_client, decision_day):
    entry = short_notice_entry(
        general_exception_notice_on=datetime.date(2017, 6, 22),
        general_exception_scrutiny_chair="Cllr Chair of Overview and Scrutiny",
        general_exception_reason="The funding offer closes on 7 July 2017.",
    )
    decision = draft_key_decision(entry)
    response = editor_client.post(
        snippet_url(Decision, "edit", decision.pk), decision_form_data(decision)
    )
    assert response.status_code == 302, form_errors(response)
    decision.refresh_from_db()
    assert decision.live is True
    assert decision.published_on == datetime.date(2017, 7, 4)
    assert decision.call_in_ends_on == datetime.date(2017, 7, 11)
    assert decision.effective_from == datetime.date(2017, 7, 12)


def test_key_decision_with_special_urgency_can_be_published(editor_client, decision_day):
    entry = short_notice_entry(
        special_urgency_agreed_on=datetime.date(2017, 6, 30),
        special_urgency_agreed_by="Cllr Chair of Overview and Scrutiny",
        special_urgency_reason="The contract ends on 5 July 2017.",
    )
    decision = draft_key_decision(entry)
    response = editor_client.post(
        snippet_url(Decision, "edit", decision.pk), decision_form_data(decision)
    )
    assert response.status_code == 302, form_errors(response)
    assert Decision.objects.get(pk=decision.pk).live is True


def test_key_decision_with_full_notice_can_be_published(editor_client, decision_day):
    entry = ForwardPlanEntryFactory(
        decision_date=datetime.date(2017, 7, 3), first_published_on=datetime.date(2017, 6, 1)
    )
    decision = draft_key_decision(entry)
    response = editor_client.post(
        snippet_url(Decision, "edit", decision.pk), decision_form_data(decision)
    )
    assert response.status_code == 302, form_errors(response)
    assert Decision.objects.get(pk=decision.pk).live is True


def test_editor_adds_a_forward_plan_entry_and_its_publication_date_is_recorded(
    editor_client, june_2017
):
    response = editor_client.post(
        snippet_url(ForwardPlanEntry, "add"),
        nested_form_data(
            {
                "reference": "",
                "status": "pending",
                "title": "Adopt the Digital Strategy",
                "summary": "Whether to adopt the strategy.",
                "decision_maker": "Cabinet",
                "committee": "",
                "decision_date": "2017-07-03",
                "decision_period": "",
                "portfolio": "",
                "lead_officer": "Chief Digital Officer",
                "lead_officer_email": "",
                "wards_affected": "All wards",
                "documents": "Report of the Chief Digital Officer",
                "inspection_arrangements": "On this website.",
                "other_documents": "Contact the lead officer.",
                "is_exempt": False,
                "exempt_paragraph": "",
                "first_published_on": "",
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, form_errors(response)
    entry = ForwardPlanEntry.objects.get(title="Adopt the Digital Strategy")
    assert entry.live
    assert entry.first_published_on == datetime.date(2017, 6, 1)
    assert entry.reference == f"FP 2017/{entry.pk:03d}"
    assert entry.notice_status().ok is True


# --- snippet listings --------------------------------------------------------------------


def test_decisions_listing_loads_for_editors(editor_client):
    DecisionFactory(title="Approve the Business Plan")
    DecisionFactory(title="Draft decision", live=False)
    response = editor_client.get(snippet_url(Decision, "list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Approve the Business Plan" in html
    assert "Draft decision" in html


def test_forward_plan_listing_loads_for_editors(editor_client):
    entry = ForwardPlanEntryFactory(title="Adopt the Digital Strategy")
    response = editor_client.get(snippet_url(ForwardPlanEntry, "list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Adopt the Digital Strategy" in html
    assert entry.reference in html


@pytest.mark.parametrize("model_name", ["venue", "participationrule", "closureday"])
def test_other_democracy_snippet_listings_load(editor_client, model_name):
    response = editor_client.get(reverse(f"wagtailsnippets_meetings_{model_name}:list"))
    assert response.status_code == 200


def test_decision_edit_form_loads(editor_client):
    decision = DecisionFactory(live=False, is_key_decision=True)
    response = editor_client.get(snippet_url(Decision, "edit", decision.pk))
    assert response.status_code == 200
    assert "action-publish" in response.content.decode()


# --- bulk actions ------------------------------------------------------------------------


def bulk_publish(client, pages, **form):
    """Post Wagtail's bulk "Publish" action for `pages`, following the redirect."""
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{query}&next=/admin/", form, follow=True)


def test_bulk_publish_refuses_a_meeting_so_its_notices_are_checked(editor_client, cabinet):
    meeting = MeetingPageFactory(parent=cabinet, live=False)

    response = bulk_publish(editor_client, [meeting])

    meeting.refresh_from_db()
    assert not meeting.live
    shown = [str(m) for m in response.context["messages"]]
    assert any("cannot be published in bulk" in m and meeting.title in m for m in shown), shown


def test_bulk_publish_of_a_committee_with_its_drafts_refuses_its_draft_meetings(
    editor_client, cabinet
):
    meeting = MeetingPageFactory(parent=cabinet, live=False)

    bulk_publish(editor_client, [cabinet], include_descendants="on")

    meeting.refresh_from_db()
    assert not meeting.live


def test_bulk_publish_still_publishes_pages_that_are_not_meetings(editor_client, home_page):
    from home.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, live=False)

    bulk_publish(editor_client, [page])

    page.refresh_from_db()
    assert page.live
