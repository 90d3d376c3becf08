"""Model behaviour of the meetings app: meetings, agendas, minutes, the forward plan,
decisions, participation rules, councillors and plans.

Dates come from the real 2017 Wiltshire seed where possible (Cabinet, Monday 3 July 2017).
Date arithmetic itself is tested in test_deadlines.py; these tests check that the models
feed it the right inputs (committee rules, democracy settings, closure days) and act on
the answers.
"""

import datetime

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from wagtail.models import Collection

from meetings.deadlines import LONDON
from meetings.factories import (
    ClosureDayFactory,
    CommitteeMembershipFactory,
    CommitteePageFactory,
    CouncillorPageFactory,
    DecisionFactory,
    ForwardPlanEntryFactory,
    MeetingPageFactory,
    MinutesPageFactory,
    ParticipationRuleFactory,
    PlanPageFactory,
    VenueFactory,
    london,
    make_meetings_tree,
    minute,
)
from meetings.models import (
    AgendaItem,
    DemocracySettings,
    ForwardPlanEntry,
    MeetingPage,
    MinutesPage,
)
from meetings.models.meetings import (
    CANCELLED,
    MOVED,
    POSTPONED,
    SCHEDULED,
    meeting_title_and_slug,
)

pytestmark = pytest.mark.django_db

ONE_SECOND = datetime.timedelta(seconds=1)
CABINET_3_JULY_2017 = london(2017, 7, 3, 10, 0)


@pytest.fixture
def tree(home_page):
    return make_meetings_tree(home_page)


@pytest.fixture
def rule():
    return ParticipationRuleFactory(clear_working_days=3, deadline_time=datetime.time(12, 0))


@pytest.fixture
def committee(tree, rule):
    return CommitteePageFactory(
        parent=tree.committees, title="Cabinet", is_executive=True, participation_rule=rule
    )


def published(page):
    """Publish `page` as the admin does (through a revision) and return it fresh."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def republish_with(page, **changes):
    """Edit a published page and publish the edit, as an editor does."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    return published(page)


def set_democracy_settings(**values):
    settings = DemocracySettings.load()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()


# --- MeetingPage.save: calendar sequence, moves and agenda numbering ------------------------


def test_editing_an_unpublished_meeting_never_bumps_the_sequence_or_marks_it_moved(committee):
    meeting = MeetingPageFactory(parent=committee, live=False, start=CABINET_3_JULY_2017)
    meeting.start = london(2017, 7, 10, 10, 0)
    meeting.status = CANCELLED
    meeting.status_reason = "No business"
    meeting.save()
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    assert meeting.previous_start is None
    assert meeting.status == CANCELLED


def test_publishing_a_meeting_for_the_first_time_keeps_sequence_zero(committee):
    meeting = published(MeetingPageFactory(parent=committee, live=False))
    assert meeting.first_published_at is not None
    assert meeting.sequence == 0
    assert meeting.status == SCHEDULED


def test_republishing_a_meeting_with_only_a_new_title_keeps_the_sequence(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017))
    meeting = republish_with(meeting, title="Cabinet (rearranged agenda)")
    assert meeting.sequence == 0
    assert meeting.previous_start is None
    assert meeting.status == SCHEDULED


def test_changing_the_end_of_a_published_meeting_bumps_the_sequence(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017))
    meeting = republish_with(meeting, end=london(2017, 7, 3, 16, 0))
    assert meeting.sequence == 1
    assert meeting.status == SCHEDULED, "a new end time alone does not move a meeting"
    assert meeting.previous_start is None


def test_changing_the_venue_of_a_published_meeting_bumps_the_sequence(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017))
    meeting = republish_with(meeting, venue=VenueFactory(name="Kennet Room, County Hall"))
    assert meeting.sequence == 1
    assert meeting.status == SCHEDULED


def test_cancelling_a_published_meeting_bumps_the_sequence_and_stays_cancelled(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017))
    meeting = republish_with(meeting, status=CANCELLED, status_reason="No business to transact")
    assert meeting.sequence == 1
    assert meeting.status == CANCELLED
    assert meeting.previous_start is None


def test_moving_a_published_meeting_keeps_the_old_start_and_marks_it_moved(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017))
    meeting = republish_with(
        meeting, start=london(2017, 7, 10, 14, 0), end=None, status_reason="Clash with Council"
    )
    assert meeting.status == MOVED
    assert meeting.previous_start == CABINET_3_JULY_2017
    assert meeting.sequence == 1


def test_each_further_change_to_a_published_meeting_bumps_the_sequence_again(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017))
    meeting = republish_with(
        meeting, start=london(2017, 7, 10, 14, 0), end=None, status_reason="Clash with Council"
    )
    meeting = republish_with(meeting, venue=VenueFactory())
    meeting = republish_with(meeting, title="Cabinet, new title only")
    assert meeting.sequence == 2


def test_a_postponed_meeting_whose_start_changes_stays_postponed(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017))
    meeting = republish_with(
        meeting,
        start=london(2017, 9, 4, 10, 0),
        end=None,
        status=POSTPONED,
        status_reason="Awaiting the government's funding settlement",
    )
    assert meeting.status == POSTPONED
    assert meeting.previous_start == CABINET_3_JULY_2017


def test_moving_a_meeting_across_the_october_clock_change_keeps_it_at_ten_oclock(committee):
    before_change = london(2026, 10, 22, 10, 0)  # British Summer Time, UTC+1
    after_change = london(2026, 10, 29, 10, 0)  # Greenwich Mean Time, UTC+0
    meeting = published(MeetingPageFactory(parent=committee, start=before_change))
    original_pk = meeting.pk

    moved = republish_with(
        meeting,
        start=after_change,
        end=after_change + datetime.timedelta(hours=2),
        status_reason="Moved to avoid the half-term holiday",
    )

    assert moved.pk == original_pk
    assert MeetingPage.objects.filter(pk=original_pk).count() == 1
    assert moved.sequence > 0
    assert moved.status == MOVED
    utc_start = moved.start.astimezone(datetime.UTC)
    assert (utc_start.date(), utc_start.hour, utc_start.minute) == (
        datetime.date(2026, 10, 29),
        10,
        0,
    )
    assert moved.local_start.hour == 10
    assert moved.previous_start.astimezone(datetime.UTC).hour == 9
    assert moved.previous_start.astimezone(LONDON).hour == 10


def test_blank_agenda_item_numbers_become_one_to_n_in_order(committee):
    meeting = MeetingPageFactory(
        parent=committee,
        agenda_items=[
            AgendaItem(title="Apologies"),
            AgendaItem(title="Minutes of the previous meeting"),
            AgendaItem(title="Draft Business Plan"),
        ],
    )
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("sort_order"))
    assert [(i.number, i.title) for i in items] == [
        ("1", "Apologies"),
        ("2", "Minutes of the previous meeting"),
        ("3", "Draft Business Plan"),
    ]


def test_agenda_item_numbers_the_editor_typed_are_kept(committee):
    meeting = MeetingPageFactory(
        parent=committee,
        agenda_items=[
            AgendaItem(title="Apologies"),
            AgendaItem(title="Urgent item", number="6a"),
            AgendaItem(title="Exclusion of the public"),
        ],
    )
    numbers = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("sort_order")
        .values_list("number", flat=True)
    )
    assert numbers == ["1", "6a", "3"]


def test_agenda_items_added_in_a_published_revision_are_numbered(committee):
    meeting = published(MeetingPageFactory(parent=committee, live=False))
    meeting.agenda_items = [AgendaItem(title="Apologies"), AgendaItem(title="Budget")]
    meeting = published(meeting)
    assert list(meeting.agenda_items.values_list("number", flat=True)) == ["1", "2"]


# --- MeetingPage.clean --------------------------------------------------------------------


def clean_errors(instance):
    with pytest.raises(ValidationError) as raised:
        instance.clean()
    return raised.value.message_dict


def test_meeting_that_ends_before_it_starts_is_refused(committee):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    meeting.end = CABINET_3_JULY_2017 - datetime.timedelta(hours=1)
    assert "end" in clean_errors(meeting)


def test_meeting_that_ends_when_it_starts_is_refused(committee):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    meeting.end = CABINET_3_JULY_2017
    assert "end" in clean_errors(meeting)


def test_meeting_without_an_end_time_is_valid(committee):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017, end=None)
    meeting.clean()


@pytest.mark.parametrize(
    ("status", "word"), [(CANCELLED, "cancelled"), (POSTPONED, "postponed"), (MOVED, "moved")]
)
def test_cancelled_postponed_or_moved_meeting_needs_a_reason(committee, status, word):
    meeting = MeetingPageFactory(parent=committee)
    meeting.status, meeting.status_reason = status, "   "
    errors = clean_errors(meeting)
    assert f"Say why the meeting is {word}" in errors["status_reason"][0]


def test_moving_a_published_meeting_without_a_reason_is_refused_before_it_is_saved(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017, end=None))
    meeting.start = london(2017, 7, 10, 14, 0)
    errors = clean_errors(meeting)
    assert "Say why the meeting is moved" in errors["status_reason"][0]
    meeting.status_reason = "Clash with the Council meeting"
    meeting.clean()


def test_moving_an_unpublished_meeting_needs_no_reason(committee):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017, end=None, live=False)
    meeting.start = london(2017, 7, 10, 14, 0)
    meeting.clean()


def test_cancelled_meeting_with_a_reason_is_valid(committee):
    meeting = MeetingPageFactory(parent=committee, status=CANCELLED, status_reason="No business")
    meeting.clean()


def test_participation_deadline_override_needs_a_recorded_reason(committee):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    meeting.participation_deadline_override = london(2017, 6, 29, 12, 0)
    assert "participation_override_reason" in clean_errors(meeting)
    meeting.participation_override_reason = "Extra time for the budget consultation"
    meeting.clean()


# --- a meeting's title and slug follow its date -------------------------------------------


def test_title_and_slug_are_made_from_committee_date_and_suffix():
    day = datetime.date(2027, 2, 10)
    assert meeting_title_and_slug("Cabinet", day) == ("Cabinet, 10 February 2027", "2027-02-10")
    assert meeting_title_and_slug("Cabinet", day, "  Budget   meeting ") == (
        "Cabinet, 10 February 2027 (Budget meeting)",
        "2027-02-10-budget-meeting",
    )


def test_a_meeting_built_in_code_is_titled_from_its_date_whatever_title_it_was_given(committee):
    meeting = MeetingPageFactory(parent=committee, title="Budget", start=london(2027, 2, 9, 10))
    assert (meeting.title, meeting.slug) == ("Cabinet, 9 February 2027", "2027-02-09")
    assert MeetingPage.objects.get(pk=meeting.pk).draft_title == "Cabinet, 9 February 2027"


def test_title_and_slug_use_the_uk_date_of_a_meeting_just_after_midnight_in_summer(committee):
    meeting = MeetingPageFactory(parent=committee, start=london(2027, 6, 10, 0, 30))
    assert meeting.start.astimezone(datetime.UTC).date() == datetime.date(2027, 6, 9)
    assert (meeting.title, meeting.slug) == ("Cabinet, 10 June 2027", "2027-06-10")


def test_moving_a_published_meeting_renames_it_and_its_minutes(committee):
    meeting = published(MeetingPageFactory(parent=committee, start=london(2027, 2, 9, 10)))
    published(MinutesPageFactory(parent=meeting, title="Notes", slug="notes"))
    meeting = republish_with(
        meeting, start=london(2027, 2, 10, 10), end=None, status_reason="Budget papers late."
    )
    assert (meeting.title, meeting.slug) == ("Cabinet, 10 February 2027", "2027-02-10")
    minutes = MinutesPage.objects.child_of(meeting).get()
    assert (minutes.title, minutes.slug) == ("Minutes of the Cabinet, 10 February 2027", "minutes")
    assert minutes.url.endswith("/2027-02-10/minutes/")


def test_two_meetings_built_in_code_on_one_day_get_distinct_slugs(committee):
    first = MeetingPageFactory(parent=committee, start=london(2027, 2, 10, 10))
    second = MeetingPageFactory(parent=committee, start=london(2027, 2, 10, 18))
    assert (first.slug, second.slug) == ("2027-02-10", "2027-02-10-2")
    assert second.same_day_clash().startswith("Cabinet already has a meeting on 10 February 2027")


def test_a_suffix_without_letters_or_numbers_is_refused(committee):
    meeting = MeetingPageFactory(parent=committee, start=london(2027, 2, 10, 10))
    meeting.title_suffix = "!!!"
    with pytest.raises(ValidationError) as raised:
        meeting.full_clean()
    assert raised.value.message_dict["title_suffix"] == [
        "Use letters or numbers in the suffix, such as 'extraordinary' or 'budget'."
    ]


# --- public participation deadlines ------------------------------------------------------


def test_participation_deadline_follows_the_committee_rule_in_british_summer_time(committee):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    deadlines = meeting.participation_deadlines()
    assert deadlines == [("Questions and statements", london(2017, 6, 27, 12, 0))]
    label, deadline = deadlines[0]
    assert deadline.astimezone(datetime.UTC).hour == 11  # 12 noon BST
    assert meeting.participation_closes_at() == london(2017, 6, 27, 12, 0)


def test_a_rule_with_two_deadlines_gives_both_and_closes_at_the_later(tree):
    rule = ParticipationRuleFactory(
        clear_working_days=3,
        deadline_time=datetime.time(12, 0),
        deadline_label="Questions for a written answer",
        second_deadline_label="Statements to be read at the meeting",
        second_clear_working_days=1,
        second_deadline_time=datetime.time(17, 0),
    )
    committee = CommitteePageFactory(parent=tree.committees, participation_rule=rule)
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert meeting.participation_deadlines() == [
        ("Questions for a written answer", london(2017, 6, 27, 12, 0)),
        ("Statements to be read at the meeting", london(2017, 6, 29, 17, 0)),
    ]
    assert meeting.participation_closes_at() == london(2017, 6, 29, 17, 0)


def test_participation_deadline_counts_council_closure_days(committee):
    ClosureDayFactory(date=datetime.date(2017, 6, 28), description="Staff training day")
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert meeting.participation_deadlines() == [
        ("Questions and statements", london(2017, 6, 26, 12, 0))
    ]


def test_an_override_replaces_the_rule_for_that_meeting_only(committee):
    override = london(2017, 6, 29, 9, 0)
    meeting = MeetingPageFactory(
        parent=committee,
        start=CABINET_3_JULY_2017,
        participation_deadline_override=override,
        participation_override_reason="Extra time for the budget consultation",
    )
    other = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert meeting.participation_deadlines() == [("Questions and statements", override)]
    assert other.participation_deadlines() == [
        ("Questions and statements", london(2017, 6, 27, 12, 0))
    ]


def test_committee_without_a_rule_takes_no_questions(tree):
    committee = CommitteePageFactory(parent=tree.committees, participation_rule=None)
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert meeting.participation_deadlines() == []
    assert meeting.participation_closes_at() is None
    assert meeting.accepts_submissions(now=london(2017, 6, 1)) is False


def test_submissions_are_accepted_until_one_second_before_the_deadline(committee, time_machine):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    deadline = london(2017, 6, 27, 12, 0)

    time_machine.move_to(deadline - ONE_SECOND, tick=False)
    assert meeting.accepts_submissions() is True

    time_machine.move_to(deadline, tick=False)
    assert meeting.accepts_submissions() is False

    time_machine.move_to(deadline + ONE_SECOND, tick=False)
    assert meeting.accepts_submissions() is False


def test_a_cancelled_or_postponed_meeting_accepts_no_submissions(committee, time_machine):
    time_machine.move_to(london(2017, 6, 1), tick=False)
    for status in (CANCELLED, POSTPONED):
        meeting = MeetingPageFactory(
            parent=committee, start=CABINET_3_JULY_2017, status=status, status_reason="Reason"
        )
        assert meeting.accepts_submissions() is False
    scheduled = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert scheduled.accepts_submissions() is True


# --- agenda publication deadline ---------------------------------------------------------


def test_agenda_deadline_is_five_clear_working_days_before_by_default(committee):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert meeting.agenda_deadline() == datetime.date(2017, 6, 23)


def test_agenda_deadline_uses_the_councils_democracy_settings(committee):
    set_democracy_settings(agenda_clear_days=10)
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert meeting.agenda_deadline() == datetime.date(2017, 6, 16)


def test_agenda_deadline_skips_council_closure_days(committee):
    ClosureDayFactory(date=datetime.date(2017, 6, 26), description="Office move")
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert meeting.agenda_deadline() == datetime.date(2017, 6, 22)


def test_agenda_is_late_only_after_the_deadline(committee):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    assert meeting.agenda_is_late(datetime.date(2017, 6, 23)) is False
    # Saturday 24 June counts as published on Monday 26 June: too late.
    assert meeting.agenda_is_late(datetime.date(2017, 6, 24)) is True
    assert meeting.agenda_is_late(datetime.date(2017, 6, 26)) is True


def test_agenda_is_late_uses_the_recorded_publication_time(committee, time_machine):
    time_machine.move_to(london(2017, 6, 30, 9, 0), tick=False)
    meeting = MeetingPageFactory(
        parent=committee,
        start=CABINET_3_JULY_2017,
        agenda_published_at=london(2017, 6, 23, 16, 30),
    )
    assert meeting.agenda_is_late() is False


def test_agenda_not_yet_published_is_late_if_published_today_after_the_deadline(
    committee, time_machine
):
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    time_machine.move_to(london(2017, 6, 23, 17, 0), tick=False)
    assert meeting.agenda_is_late() is False
    time_machine.move_to(london(2017, 6, 26, 9, 0), tick=False)
    assert meeting.agenda_is_late() is True


def test_agenda_lateness_follows_settings_and_closure_days(committee):
    ClosureDayFactory(date=datetime.date(2017, 6, 26), description="Office move")
    set_democracy_settings(agenda_clear_days=4)
    meeting = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    # Clear working days 27 to 30 June; 26 June is closed, so 23 June is the deadline.
    assert meeting.agenda_deadline() == datetime.date(2017, 6, 23)
    assert meeting.agenda_is_late(datetime.date(2017, 6, 26)) is True


def test_publishing_a_meeting_with_its_agenda_records_when_it_was_published(
    committee, time_machine
):
    time_machine.move_to(london(2017, 6, 22, 15, 0), tick=False)
    meeting = MeetingPageFactory(
        parent=committee, start=CABINET_3_JULY_2017, live=False, agenda_is_published=True
    )
    assert meeting.agenda_published_at is None, "a draft agenda is not published"
    meeting = published(meeting)
    assert meeting.agenda_published_at == london(2017, 6, 22, 15, 0)

    time_machine.move_to(london(2017, 6, 28, 9, 0), tick=False)
    meeting = republish_with(meeting, title="Cabinet (corrected)")
    assert meeting.agenda_published_at == london(2017, 6, 22, 15, 0)
    assert meeting.agenda_is_late() is False


# --- minutes -----------------------------------------------------------------------------


@pytest.fixture
def minuted_committee(tree):
    return CommitteePageFactory(parent=tree.committees, title="Cabinet", first_minute_number=69)


def test_first_minutes_on_the_site_start_at_the_committees_first_minute_number(
    minuted_committee,
):
    meeting = MeetingPageFactory(parent=minuted_committee, start=london(2017, 6, 20, 10, 0))
    minutes = MinutesPageFactory(
        parent=meeting, minutes=[minute("Apologies"), minute("Minutes"), minute("Budget")]
    )
    assert minutes.first_minute_number == 69
    assert [number for number, _ in minutes.numbered_minutes()] == [69, 70, 71]
    assert minutes.numbered_minutes()[2][1]["title"] == "Budget"


def test_next_meetings_minutes_continue_after_the_previous_minutes(minuted_committee):
    june = MeetingPageFactory(parent=minuted_committee, start=london(2017, 6, 20, 10, 0))
    july = MeetingPageFactory(parent=minuted_committee, start=london(2017, 7, 18, 10, 0))
    MinutesPageFactory(parent=june, minutes=[minute(f"Item {n}") for n in range(1, 5)])
    july_minutes = MinutesPageFactory(parent=july, minutes=[minute("Apologies")])
    assert july_minutes.numbered_first() == 73
    assert july_minutes.numbered_minutes()[0][0] == 73


def test_minutes_numbering_follows_meeting_dates_not_creation_order(minuted_committee):
    september = MeetingPageFactory(parent=minuted_committee, start=london(2017, 9, 12, 10, 0))
    june = MeetingPageFactory(parent=minuted_committee, start=london(2017, 6, 20, 10, 0))
    july = MeetingPageFactory(parent=minuted_committee, start=london(2017, 7, 18, 10, 0))
    assert september.pk < june.pk < july.pk

    june_minutes = MinutesPageFactory(parent=june, minutes=[minute("A"), minute("B")])
    july_minutes = MinutesPageFactory(parent=july, minutes=[minute("C"), minute("D"), minute("E")])
    september_minutes = MinutesPageFactory(parent=september, minutes=[minute("F")])

    assert june_minutes.numbered_first() == 69
    assert july_minutes.numbered_first() == 71
    assert september_minutes.numbered_first() == 74
    assert september_minutes.previous_minutes().pk == july_minutes.pk


def test_minutes_skip_earlier_meetings_that_have_no_minutes(minuted_committee):
    june = MeetingPageFactory(parent=minuted_committee, start=london(2017, 6, 20, 10, 0))
    MeetingPageFactory(parent=minuted_committee, start=london(2017, 7, 18, 10, 0))
    september = MeetingPageFactory(parent=minuted_committee, start=london(2017, 9, 12, 10, 0))
    june_minutes = MinutesPageFactory(parent=june, minutes=[minute("A"), minute("B")])
    september_minutes = MinutesPageFactory(parent=september, minutes=[minute("C")])
    assert september_minutes.previous_minutes().pk == june_minutes.pk
    assert september_minutes.numbered_first() == 71


def test_minutes_numbering_is_separate_for_each_committee(tree, minuted_committee):
    other = CommitteePageFactory(parent=tree.committees, title="Planning", first_minute_number=1)
    june = MeetingPageFactory(parent=minuted_committee, start=london(2017, 6, 20, 10, 0))
    planning = MeetingPageFactory(parent=other, start=london(2017, 7, 1, 10, 0))
    MinutesPageFactory(parent=june, minutes=[minute("A"), minute("B")])
    planning_minutes = MinutesPageFactory(parent=planning, minutes=[minute("C")])
    assert planning_minutes.numbered_first() == 1


def test_a_typed_first_minute_number_is_kept(minuted_committee):
    meeting = MeetingPageFactory(parent=minuted_committee, start=london(2017, 6, 20, 10, 0))
    minutes = MinutesPageFactory(parent=meeting, first_minute_number=120, minutes=[minute("A")])
    assert minutes.numbered_minutes()[0][0] == 120


def test_minutes_belong_to_their_meeting(minuted_committee):
    meeting = MeetingPageFactory(parent=minuted_committee)
    minutes = MinutesPageFactory(parent=meeting)
    assert MinutesPage.objects.get(pk=minutes.pk).meeting.pk == meeting.pk


@pytest.mark.parametrize(
    ("started", "ended", "expected"),
    [
        (datetime.time(10, 0), datetime.time(12, 35), "2 hours 35 minutes"),
        (datetime.time(10, 0), datetime.time(11, 0), "1 hour"),
        (datetime.time(10, 0), datetime.time(10, 1), "1 minute"),
        (datetime.time(14, 0), datetime.time(14, 45), "45 minutes"),
        (datetime.time(10, 0), datetime.time(10, 0), None),
        (datetime.time(12, 0), datetime.time(10, 0), None),
        (None, datetime.time(10, 0), None),
        (datetime.time(10, 0), None, None),
    ],
)
def test_minutes_duration_in_words(minuted_committee, started, ended, expected):
    meeting = MeetingPageFactory(parent=minuted_committee)
    minutes = MinutesPageFactory(parent=meeting, started_at=started, ended_at=ended)
    assert minutes.duration == expected


# --- forward plan ------------------------------------------------------------------------


def test_forward_plan_entry_records_the_day_it_was_first_published(time_machine):
    time_machine.move_to(london(2017, 6, 1, 9, 0), tick=False)
    entry = ForwardPlanEntryFactory(live=False, decision_date=datetime.date(2017, 7, 3))
    assert entry.first_published_on is None, "a draft is not on the forward plan"

    entry.save_revision().publish()
    entry = ForwardPlanEntry.objects.get(pk=entry.pk)
    assert entry.first_published_on == datetime.date(2017, 6, 1)

    time_machine.move_to(london(2017, 6, 20, 9, 0), tick=False)
    entry.summary = "Updated summary"
    entry.save_revision().publish()
    entry = ForwardPlanEntry.objects.get(pk=entry.pk)
    assert entry.first_published_on == datetime.date(2017, 6, 1), "first publication is kept"


def test_forward_plan_entry_gets_a_reference_from_its_decision_year():
    entry = ForwardPlanEntryFactory(decision_date=datetime.date(2017, 7, 3), reference="")
    assert entry.reference == f"FP 2017/{entry.pk:03d}"
    assert ForwardPlanEntry.objects.get(pk=entry.pk).reference == entry.reference
    assert str(entry).startswith(f"FP 2017/{entry.pk:03d}: ")


def test_forward_plan_entry_keeps_a_typed_reference():
    entry = ForwardPlanEntryFactory(reference="FP 2017/21")
    assert ForwardPlanEntry.objects.get(pk=entry.pk).reference == "FP 2017/21"


def test_notice_status_is_ok_with_28_clear_days_on_the_forward_plan():
    entry = ForwardPlanEntryFactory(
        decision_date=datetime.date(2017, 7, 3), first_published_on=datetime.date(2017, 6, 4)
    )
    status = entry.notice_status()
    assert status.ok is True
    assert status.route == "forward_plan"
    assert entry.notice_deadline() == datetime.date(2017, 6, 4)


def test_notice_status_is_insufficient_a_day_late_and_says_what_to_do():
    entry = ForwardPlanEntryFactory(
        decision_date=datetime.date(2017, 7, 3), first_published_on=datetime.date(2017, 6, 5)
    )
    status = entry.notice_status()
    assert status.ok is False
    assert status.route == "insufficient"
    assert "needed to be published by 4 June 2017" in status.message
    assert "general exception or special urgency" in status.message


def test_notice_status_uses_the_decision_date_it_is_given():
    entry = ForwardPlanEntryFactory(
        decision_date=datetime.date(2017, 7, 3), first_published_on=datetime.date(2017, 6, 5)
    )
    assert entry.notice_status(datetime.date(2017, 7, 4)).ok is True


def test_notice_status_follows_the_notice_days_in_the_settings():
    entry = ForwardPlanEntryFactory(
        decision_date=datetime.date(2017, 7, 3), first_published_on=datetime.date(2017, 6, 5)
    )
    set_democracy_settings(key_decision_notice_days=20)
    assert entry.notice_status().ok is True
    set_democracy_settings(key_decision_notice_days=28, key_decision_notice_in_working_days=True)
    assert entry.notice_status().ok is False
    assert entry.notice_deadline() == datetime.date(2017, 5, 22)
    entry.first_published_on = datetime.date(2017, 5, 22)
    assert entry.notice_status().ok is True


def test_notice_status_accepts_a_general_exception_or_special_urgency():
    late = {
        "decision_date": datetime.date(2017, 7, 3),
        "first_published_on": datetime.date(2017, 6, 20),
    }
    general = ForwardPlanEntryFactory(
        **late,
        general_exception_notice_on=datetime.date(2017, 6, 22),
        general_exception_scrutiny_chair="Cllr Chair",
        general_exception_reason="Funding deadline",
    )
    urgent = ForwardPlanEntryFactory(
        **late,
        special_urgency_agreed_on=datetime.date(2017, 7, 1),
        special_urgency_agreed_by="Cllr Chair",
        special_urgency_reason="Contract expires",
    )
    assert general.notice_status().route == "general_exception"
    assert urgent.notice_status().route == "special_urgency"


def test_forward_plan_entry_clean_requires_the_exception_records():
    entry = ForwardPlanEntryFactory.build(
        is_exempt=True,
        general_exception_notice_on=datetime.date(2017, 6, 22),
        special_urgency_agreed_on=datetime.date(2017, 7, 1),
    )
    errors = clean_errors(entry)
    assert set(errors) == {
        "exempt_paragraph",
        "general_exception_reason",
        "general_exception_scrutiny_chair",
        "special_urgency_reason",
    }


# --- decisions ---------------------------------------------------------------------------


def test_executive_decision_published_on_friday_can_be_called_in_until_the_next_friday():
    decision = DecisionFactory(
        maker_type="executive",
        decision_date=datetime.date(2017, 6, 21),
        published_on=datetime.date(2017, 6, 23),
    )
    assert decision.call_in_ends_on == datetime.date(2017, 6, 30)
    assert decision.effective_from == datetime.date(2017, 7, 3)


@pytest.mark.parametrize("maker_type", ["cabinet_member", "officer"])
def test_cabinet_member_and_officer_decisions_are_subject_to_call_in(maker_type):
    decision = DecisionFactory(maker_type=maker_type, published_on=datetime.date(2017, 6, 23))
    assert decision.call_in_ends_on == datetime.date(2017, 6, 30)
    assert decision.effective_from == datetime.date(2017, 7, 3)


def test_urgent_decision_takes_effect_on_the_day_it_is_published():
    decision = DecisionFactory(
        published_on=datetime.date(2017, 6, 23),
        is_urgent=True,
        urgency_reason="The contract ends on 24 June",
    )
    assert decision.call_in_ends_on is None
    assert decision.effective_from == datetime.date(2017, 6, 23)


@pytest.mark.parametrize("maker_type", ["committee", "council"])
def test_committee_and_council_decisions_are_not_subject_to_call_in(maker_type):
    decision = DecisionFactory(maker_type=maker_type, published_on=datetime.date(2017, 6, 23))
    assert decision.call_in_ends_on is None
    assert decision.effective_from == datetime.date(2017, 6, 23)


def test_call_in_period_follows_the_settings_and_closure_days():
    set_democracy_settings(call_in_clear_days=3)
    three_days = DecisionFactory(published_on=datetime.date(2017, 6, 23))
    assert three_days.call_in_ends_on == datetime.date(2017, 6, 28)
    assert three_days.effective_from == datetime.date(2017, 6, 29)

    set_democracy_settings(call_in_clear_days=5)
    ClosureDayFactory(date=datetime.date(2017, 6, 27), description="Staff training day")
    closed = DecisionFactory(published_on=datetime.date(2017, 6, 23))
    assert closed.call_in_ends_on == datetime.date(2017, 7, 3)
    assert closed.effective_from == datetime.date(2017, 7, 4)


def test_publishing_a_draft_decision_records_the_publication_date(time_machine):
    time_machine.move_to(london(2017, 6, 23, 11, 0), tick=False)
    draft = DecisionFactory(live=False, decision_date=datetime.date(2017, 6, 21))
    assert (draft.published_on, draft.call_in_ends_on, draft.effective_from) == (None, None, None)

    draft.save_revision().publish()
    decision = type(draft).objects.get(pk=draft.pk)
    assert decision.published_on == datetime.date(2017, 6, 23)
    assert decision.call_in_ends_on == datetime.date(2017, 6, 30)
    assert decision.effective_from == datetime.date(2017, 7, 3)

    time_machine.move_to(london(2017, 6, 29, 11, 0), tick=False)
    assert decision.is_subject_to_call_in is True
    decision.title = "Corrected title"
    decision.save_revision().publish()
    decision = type(draft).objects.get(pk=draft.pk)
    assert decision.published_on == datetime.date(2017, 6, 23), "republishing keeps the date"
    assert decision.effective_from == datetime.date(2017, 7, 3)

    time_machine.move_to(london(2017, 7, 1, 11, 0), tick=False)
    assert decision.is_subject_to_call_in is False


def test_urgent_decision_needs_a_reason():
    decision = DecisionFactory.build(is_urgent=True, urgency_reason=" ")
    assert "urgency_reason" in clean_errors(decision)


# --- participation rules -----------------------------------------------------------------


def test_participation_rule_second_deadline_label_needs_its_days_and_time():
    rule = ParticipationRuleFactory.build(
        second_deadline_label="Statements", second_clear_working_days=1
    )
    with pytest.raises(ValidationError, match="second deadline's clear working days and time"):
        rule.clean()


def test_participation_rule_second_deadline_days_or_time_need_a_label():
    rule = ParticipationRuleFactory.build(second_deadline_time=datetime.time(17, 0))
    assert "second_deadline_label" in clean_errors(rule)


def test_participation_rule_with_one_or_two_complete_deadlines_is_valid():
    ParticipationRuleFactory.build().clean()
    ParticipationRuleFactory.build(
        second_deadline_label="Statements",
        second_clear_working_days=1,
        second_deadline_time=datetime.time(17, 0),
    ).clean()


# --- councillors -------------------------------------------------------------------------


def test_councillor_with_a_photo_needs_alt_text(tree):
    photo = wagtail_factories.ImageFactory(collection=Collection.get_first_root_node())
    councillor = CouncillorPageFactory(parent=tree.councillors)
    councillor.photo = photo
    assert "photo_alt_text" in clean_errors(councillor)
    councillor.photo_alt_text = "Councillor Laura Mayes"
    councillor.clean()


def test_councillor_without_a_photo_needs_no_alt_text(tree):
    CouncillorPageFactory(parent=tree.councillors, photo=None, photo_alt_text="").clean()


def test_councillor_full_name_includes_honorifics(tree):
    councillor = CouncillorPageFactory(
        parent=tree.councillors, first_name="Jane", last_name="Scott", honorifics="OBE"
    )
    assert councillor.full_name == "Cllr Jane Scott OBE"


def test_councillor_memberships_come_from_live_committees_in_title_order(tree):
    councillor = CouncillorPageFactory(parent=tree.councillors)
    cabinet = CommitteePageFactory(parent=tree.committees, title="Cabinet")
    audit = CommitteePageFactory(parent=tree.committees, title="Audit Committee")
    draft = CommitteePageFactory(parent=tree.committees, title="Draft committee", live=False)
    CommitteeMembershipFactory(
        committee=cabinet,
        councillor=councillor,
        role="portfolio_holder",
        portfolio="Cabinet Member for Children, Education and Skills",
    )
    CommitteeMembershipFactory(committee=audit, councillor=councillor, role="chair")
    CommitteeMembershipFactory(committee=draft, councillor=councillor)

    memberships = councillor.memberships
    assert [m.committee.title for m in memberships] == ["Audit Committee", "Cabinet"]
    assert [m.role_label for m in memberships] == [
        "Chair",
        "Cabinet Member for Children, Education and Skills",
    ]


# --- plans -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (2013, 2017, "2013-17"),
        (1999, 2003, "1999-2003"),
        (2017, None, "2017"),
        (2017, 2017, "2017"),
    ],
)
def test_plan_period_is_printed_as_councils_print_it(tree, start, end, expected):
    plan = PlanPageFactory(parent=tree.plans, period_start=start, period_end=end)
    assert plan.period == expected


def test_plan_table_of_contents_lists_level_two_headings_in_order(tree):
    plan = PlanPageFactory(
        parent=tree.plans,
        body=[
            ("heading", {"text": "Our vision", "level": "h2"}),
            ("heading", {"text": "A detail", "level": "h3"}),
            ("heading", {"text": "Outcome 1: A thriving economy", "level": "h2"}),
            ("heading", {"text": "Measuring success", "level": "h2"}),
        ],
    )
    plan = type(plan).objects.get(pk=plan.pk)
    assert plan.table_of_contents() == [
        ("our-vision", "Our vision"),
        ("outcome-1-a-thriving-economy", "Outcome 1: A thriving economy"),
        ("measuring-success", "Measuring success"),
    ]


# --- venues and committees ---------------------------------------------------------------


def test_venue_full_address_is_one_line():
    venue = VenueFactory.build(
        name="Kennet Room, County Hall", address="Bythesea Road\n\nTrowbridge", postcode="BA14 8JN"
    )
    assert venue.full_address == "Kennet Room, County Hall, Bythesea Road, Trowbridge, BA14 8JN"


def test_meeting_uses_its_committees_usual_venue_unless_it_names_one(tree):
    usual = VenueFactory(name="Council Chamber")
    committee = CommitteePageFactory(parent=tree.committees, default_venue=usual)
    meeting = MeetingPageFactory(parent=committee)
    elsewhere = MeetingPageFactory(parent=committee, venue=VenueFactory(name="Kennet Room"))
    assert MeetingPage.objects.get(pk=meeting.pk).effective_venue == usual
    assert MeetingPage.objects.get(pk=elsewhere.pk).effective_venue.name == "Kennet Room"
    assert MeetingPage.objects.get(pk=meeting.pk).committee.pk == committee.pk


def test_committee_lists_upcoming_meetings_and_past_meetings_by_year(committee, rf, time_machine):
    time_machine.move_to(london(2017, 7, 1, 9, 0), tick=False)
    old = MeetingPageFactory(parent=committee, start=london(2016, 3, 1, 10, 0))
    recent = MeetingPageFactory(parent=committee, start=london(2017, 6, 20, 10, 0))
    upcoming = MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017)
    MeetingPageFactory(parent=committee, start=CABINET_3_JULY_2017, live=False)
    context = committee.get_context(rf.get("/"))
    assert [m.pk for m in context["upcoming_meetings"]] == [upcoming.pk]
    assert [(year, [m.pk for m in ms]) for year, ms in context["past_meetings_by_year"]] == [
        (2017, [recent.pk]),
        (2016, [old.pk]),
    ]
