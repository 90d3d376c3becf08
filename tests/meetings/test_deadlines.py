"""Tests for meetings.deadlines: statutory deadlines of English local government.

Plain functions, no database and no Django settings.  Bank holiday facts used below are
checked against the ``holidays`` library at runtime (see the ``test_fact_*`` tests) so a
wrong assumption about the calendar fails loudly instead of hiding inside an expectation.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest

from meetings.deadlines import (
    LONDON,
    KeyDecisionNotice,
    KeyDecisionRoute,
    agenda_publication_deadline,
    bank_holidays,
    call_in_ends,
    clear_calendar_days_before,
    clear_working_days_after,
    clear_working_days_before,
    count_clear_working_days,
    decision_effective_from,
    format_date,
    format_deadline,
    forward_plan_entry_notice_status,
    forward_plan_notice_deadline,
    general_exception_earliest_decision,
    has_sufficient_notice,
    is_agenda_late,
    is_before_deadline,
    is_working_day,
    key_decision_notice_status,
    participation_deadline,
)

NOON = time(12, 0)
ONE_SECOND = timedelta(seconds=1)
CHRISTMAS_2026_CLOSURES = (date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31))


def meeting(year: int, month: int, day: int, hour: int = 18, minute: int = 0) -> datetime:
    """An aware Europe/London meeting start time."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def days_between(start: date, end: date) -> list[date]:
    """Every date strictly between start and end."""
    return [start + timedelta(days=i) for i in range(1, (end - start).days)]


# ---------------------------------------------------------------------------
# Calendar facts the expectations rely on, checked at runtime
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name_contains"),
    [
        (date(2017, 5, 29), "Spring"),
        (date(2025, 4, 18), "Good Friday"),
        (date(2025, 4, 21), "Easter Monday"),
        (date(2025, 5, 5), "May Day"),
        (date(2025, 5, 26), "Spring"),
        (date(2025, 8, 25), "Summer"),
        (date(2026, 4, 3), "Good Friday"),
        (date(2026, 4, 6), "Easter Monday"),
        (date(2026, 5, 4), "May Day"),
        (date(2026, 5, 25), "Spring"),
        (date(2026, 8, 31), "Summer"),
        (date(2026, 12, 25), "Christmas"),
        (date(2026, 12, 28), "Boxing Day"),
        (date(2027, 1, 1), "New Year"),
    ],
)
def test_fact_holidays_library_lists_the_bank_holidays_these_tests_assume(day, name_contains):
    calendar = holidays.UnitedKingdom(subdiv="ENG", years=day.year)
    assert day in calendar
    assert name_contains in calendar.get(day)


@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (date(2017, 6, 23), "Friday"),
        (date(2017, 6, 27), "Tuesday"),
        (date(2017, 7, 3), "Monday"),
        (date(2017, 6, 4), "Sunday"),
        (date(2025, 4, 22), "Tuesday"),
        (date(2026, 5, 26), "Tuesday"),
        (date(2026, 12, 1), "Tuesday"),
        (date(2026, 12, 25), "Friday"),
        (date(2026, 12, 28), "Monday"),
        (date(2026, 3, 29), "Sunday"),
        (date(2026, 10, 25), "Sunday"),
    ],
)
def test_fact_weekdays_used_in_these_tests(day, weekday):
    assert format_date(day, weekday=True).startswith(weekday)


def test_fact_2026_clocks_change_on_29_march_and_25_october():
    assert datetime(2026, 3, 28, 12, tzinfo=LONDON).utcoffset() == timedelta(0)
    assert datetime(2026, 3, 29, 12, tzinfo=LONDON).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 10, 24, 12, tzinfo=LONDON).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 10, 25, 12, tzinfo=LONDON).utcoffset() == timedelta(0)


# ---------------------------------------------------------------------------
# bank_holidays / is_working_day
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2017, 2022, 2023, 2025, 2026, 2027])
def test_bank_holidays_match_the_holidays_library_for_england(year):
    expected = {
        day for day in holidays.country_holidays("GB", subdiv="ENG", years=year) if day.year == year
    }
    assert bank_holidays(year) == expected


def test_bank_holidays_include_substitute_boxing_day_monday_28_december_2026():
    assert {date(2026, 12, 25), date(2026, 12, 28)} <= bank_holidays(2026)


def test_bank_holidays_include_one_off_holidays_like_the_2023_coronation():
    assert date(2023, 5, 8) in bank_holidays(2023)


def test_bank_holidays_returns_a_fresh_set_so_callers_cannot_corrupt_the_cache():
    first = bank_holidays(2026)
    first.clear()
    assert date(2026, 12, 25) in bank_holidays(2026)
    assert isinstance(bank_holidays(2026), set)


def test_bank_holidays_rejects_a_non_integer_year():
    with pytest.raises(TypeError):
        bank_holidays("2026")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2017, 6, 23), True),  # Friday
        (date(2017, 6, 24), False),  # Saturday
        (date(2017, 6, 25), False),  # Sunday
        (date(2025, 4, 17), True),  # Maundy Thursday is a normal working day
        (date(2025, 4, 18), False),  # Good Friday
        (date(2025, 4, 21), False),  # Easter Monday
        (date(2026, 5, 25), False),  # late May bank holiday
        (date(2026, 12, 24), True),  # Christmas Eve is a working day
        (date(2026, 12, 28), False),  # substitute Boxing Day
        (date(2026, 12, 29), True),  # no closure configured
    ],
)
def test_is_working_day_excludes_weekends_and_bank_holidays(day, expected):
    assert is_working_day(day) is expected


@pytest.mark.parametrize("day", CHRISTMAS_2026_CLOSURES)
def test_is_working_day_excludes_council_closure_days(day):
    assert is_working_day(day)
    assert not is_working_day(day, closures=CHRISTMAS_2026_CLOSURES)


def test_is_working_day_rejects_a_datetime_because_it_would_never_match_a_holiday():
    with pytest.raises(TypeError):
        is_working_day(datetime(2026, 12, 25, 9, tzinfo=LONDON))


def test_closure_days_given_as_datetimes_are_rejected():
    with pytest.raises(TypeError):
        is_working_day(date(2026, 12, 29), closures=[datetime(2026, 12, 29, tzinfo=LONDON)])


# ---------------------------------------------------------------------------
# Clear working days
# ---------------------------------------------------------------------------


def test_five_clear_working_days_before_monday_3_july_2017_is_friday_23_june():
    assert clear_working_days_before(date(2017, 7, 3), 5) == date(2017, 6, 23)


def test_three_clear_working_days_before_monday_3_july_2017_is_tuesday_27_june():
    assert clear_working_days_before(date(2017, 7, 3), 3) == date(2017, 6, 27)


def test_clear_working_days_before_excludes_both_the_deadline_day_and_the_event_day():
    deadline = clear_working_days_before(date(2017, 7, 3), 5)
    clear = [d for d in days_between(deadline, date(2017, 7, 3)) if is_working_day(d)]
    assert clear == [date(2017, 6, d) for d in (26, 27, 28, 29, 30)]


def test_zero_clear_working_days_before_a_monday_is_the_previous_friday():
    assert clear_working_days_before(date(2017, 7, 3), 0) == date(2017, 6, 30)


def test_clear_working_days_before_steps_back_from_a_weekend_to_friday():
    # One clear day before Tuesday 27 June is Monday 26 June; the deadline cannot be on
    # Sunday 25 or Saturday 24, so it is Friday 23 June.
    assert clear_working_days_before(date(2017, 6, 27), 1) == date(2017, 6, 23)


def test_clear_working_days_before_a_saturday_meeting_ignores_the_weekend():
    assert clear_working_days_before(date(2017, 7, 1), 5) == date(2017, 6, 23)


@pytest.mark.parametrize("n", [-1, -5])
def test_clear_working_days_before_rejects_negative_counts(n):
    with pytest.raises(ValueError, match="must not be negative"):
        clear_working_days_before(date(2017, 7, 3), n)


@pytest.mark.parametrize("n", [1.5, "5", True])
def test_clear_working_days_before_rejects_non_integer_counts(n):
    with pytest.raises(TypeError):
        clear_working_days_before(date(2017, 7, 3), n)


def test_five_clear_working_days_after_friday_23_june_2017_is_monday_3_july():
    assert clear_working_days_after(date(2017, 6, 23), 5) == date(2017, 7, 3)


def test_clear_working_days_after_a_saturday_starts_counting_from_monday():
    # Published Saturday 24 June counts as published Monday 26 June: clear days are
    # 27, 28, 29, 30 June and 3 July, so the first day after is Tuesday 4 July.
    assert clear_working_days_after(date(2017, 6, 24), 5) == date(2017, 7, 4)
    assert clear_working_days_after(date(2017, 6, 26), 5) == date(2017, 7, 4)


def test_zero_clear_working_days_after_a_friday_is_the_next_monday():
    assert clear_working_days_after(date(2017, 6, 23), 0) == date(2017, 6, 26)


def test_28_clear_calendar_days_before_3_july_2017_is_sunday_4_june():
    # 5 June would leave only 27 clear days (6 June to 2 July inclusive).
    assert clear_calendar_days_before(date(2017, 7, 3), 28) == date(2017, 6, 4)
    assert len(days_between(date(2017, 6, 4), date(2017, 7, 3))) == 28
    assert len(days_between(date(2017, 6, 5), date(2017, 7, 3))) == 27


def test_clear_calendar_days_before_does_not_skip_bank_holidays():
    assert clear_calendar_days_before(date(2025, 4, 22), 5) == date(2025, 4, 16)


def test_zero_clear_calendar_days_before_is_the_day_before():
    assert clear_calendar_days_before(date(2017, 7, 3), 0) == date(2017, 7, 2)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2017, 6, 23), date(2017, 7, 3), 5),
        (date(2017, 6, 24), date(2017, 7, 3), 4),  # Saturday counts as Monday 26 June
        (date(2017, 6, 30), date(2017, 7, 3), 0),
        (date(2017, 7, 3), date(2017, 7, 3), 0),
        (date(2017, 7, 4), date(2017, 7, 3), 0),
        (date(2025, 4, 16), date(2025, 4, 22), 1),  # only Thursday 17 April counts
    ],
)
def test_count_clear_working_days(start, end, expected):
    assert count_clear_working_days(start, end) == expected


def test_closures_can_be_a_generator_that_is_only_consumed_once():
    closures = (date(2026, 12, 29) + timedelta(days=i) for i in range(3))
    assert clear_working_days_before(date(2027, 1, 7), 5, closures) == date(2026, 12, 22)


# Property checks: the "latest"/"earliest" date functions agree with direct counting.


def next_working_day_on_or_after(day: date, closures=()) -> date:
    while not is_working_day(day, closures):
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize("closures", [(), CHRISTMAS_2026_CLOSURES], ids=["plain", "closures"])
@pytest.mark.parametrize("n", [0, 1, 3, 5, 10])
def test_clear_working_days_before_is_the_latest_date_with_enough_clear_days(n, closures):
    for offset in range(330):
        day = date(2026, 3, 1) + timedelta(days=offset)
        deadline = clear_working_days_before(day, n, closures)
        assert is_working_day(deadline, closures)
        assert deadline < day
        assert count_clear_working_days(deadline, day, closures) >= n
        for later in days_between(deadline, day):
            if n == 0:
                assert not is_working_day(later, closures), (day, later)
            else:
                assert count_clear_working_days(later, day, closures) < n, (day, n, later)


@pytest.mark.parametrize("closures", [(), CHRISTMAS_2026_CLOSURES], ids=["plain", "closures"])
@pytest.mark.parametrize("n", [0, 1, 3, 5, 10])
def test_clear_working_days_after_is_the_earliest_working_day_with_enough_clear_days(n, closures):
    for offset in range(330):
        day = date(2026, 3, 1) + timedelta(days=offset)
        start = next_working_day_on_or_after(day, closures)
        earliest = clear_working_days_after(day, n, closures)
        assert is_working_day(earliest, closures)
        assert earliest > start
        assert count_clear_working_days(day, earliest, closures) >= n
        for earlier in days_between(start, earliest):
            if is_working_day(earlier, closures):
                assert count_clear_working_days(day, earlier, closures) < n, (day, n, earlier)


def test_clear_calendar_days_before_always_leaves_exactly_n_days_between():
    for n in (0, 1, 5, 28):
        for offset in range(0, 400, 7):
            day = date(2026, 1, 1) + timedelta(days=offset)
            assert len(days_between(clear_calendar_days_before(day, n), day)) == n


# ---------------------------------------------------------------------------
# Agendas
# ---------------------------------------------------------------------------


def test_agenda_deadline_for_cabinet_3_july_2017_is_friday_23_june():
    assert agenda_publication_deadline(meeting(2017, 7, 3, 10)) == date(2017, 6, 23)


@pytest.mark.parametrize(
    ("published_on", "late"),
    [
        (date(2017, 6, 22), False),
        (date(2017, 6, 23), False),
        (date(2017, 6, 24), True),  # Saturday: nobody can inspect it until Monday 26
        (date(2017, 6, 26), True),
        (date(2017, 7, 3), True),
        (date(2017, 7, 4), True),
    ],
)
def test_agenda_for_cabinet_3_july_2017_is_late_only_after_friday_23_june(published_on, late):
    assert is_agenda_late(published_on, meeting(2017, 7, 3, 10)) is late


@pytest.mark.parametrize(
    ("meeting_start", "deadline", "why"),
    [
        (meeting(2025, 4, 22), date(2025, 4, 10), "Easter 2025: skips 21, 18 April + weekend"),
        (meeting(2026, 4, 13), date(2026, 4, 1), "Monday after Easter 2026 weekend"),
        (meeting(2025, 9, 1), date(2025, 8, 21), "Monday after August 2025 bank holiday"),
        (meeting(2026, 5, 26), date(2026, 5, 15), "Tuesday after late May 2026 holiday"),
        (meeting(2025, 5, 6), date(2025, 4, 25), "Tuesday after early May 2025 holiday"),
        (meeting(2026, 5, 11), date(2026, 4, 30), "week after early May 2026 holiday"),
        (meeting(2026, 9, 1), date(2026, 8, 21), "Tuesday after August 2026 holiday"),
        (meeting(2027, 1, 7), date(2026, 12, 29), "Christmas 2026, no closures"),
    ],
)
def test_agenda_deadline_skips_weekends_and_bank_holidays(meeting_start, deadline, why):
    assert agenda_publication_deadline(meeting_start) == deadline, why
    assert is_working_day(deadline)


def test_agenda_deadline_over_christmas_2026_moves_a_week_earlier_with_closures_29_to_31_dec():
    start = meeting(2027, 1, 7)
    assert agenda_publication_deadline(start) == date(2026, 12, 29)
    assert agenda_publication_deadline(start, closures=CHRISTMAS_2026_CLOSURES) == date(
        2026, 12, 22
    )
    # Clear days with closures: 6, 5, 4 Jan and 24, 23 Dec.
    assert is_agenda_late(date(2026, 12, 23), start, closures=CHRISTMAS_2026_CLOSURES)
    assert not is_agenda_late(date(2026, 12, 22), start, closures=CHRISTMAS_2026_CLOSURES)
    assert not is_agenda_late(date(2026, 12, 23), start)


def test_agenda_deadline_supports_a_custom_number_of_clear_days():
    assert agenda_publication_deadline(meeting(2017, 7, 3), clear_days=3) == date(2017, 6, 27)


def test_agenda_deadline_uses_the_meetings_london_date_not_its_utc_date():
    # 00:30 BST on Tuesday 4 July 2017 is 23:30 UTC on Monday 3 July.
    start_utc = datetime(2017, 7, 3, 23, 30, tzinfo=UTC)
    assert agenda_publication_deadline(start_utc) == date(2017, 6, 26)
    assert agenda_publication_deadline(meeting(2017, 7, 3, 23, 30)) == date(2017, 6, 23)


def test_agenda_deadline_rejects_a_naive_meeting_start():
    with pytest.raises(ValueError, match="timezone-aware"):
        agenda_publication_deadline(datetime(2017, 7, 3, 10))


def test_agenda_deadline_rejects_a_date_instead_of_a_datetime():
    with pytest.raises(TypeError):
        agenda_publication_deadline(date(2017, 7, 3))


def test_is_agenda_late_agrees_with_the_deadline_for_every_publication_day():
    closures = CHRISTMAS_2026_CLOSURES
    for offset in range(0, 120, 3):
        start = meeting(2026, 11, 1) + timedelta(days=offset)
        deadline = agenda_publication_deadline(start, closures=closures)
        for back in range(0, 25):
            published = start.date() - timedelta(days=back)
            assert is_agenda_late(published, start, closures=closures) is (published > deadline)


# ---------------------------------------------------------------------------
# Public participation deadlines and clock changes
# ---------------------------------------------------------------------------


def test_question_deadline_for_cabinet_3_july_2017_is_noon_bst_on_tuesday_27_june():
    deadline = participation_deadline(meeting(2017, 7, 3, 10), 3, NOON)
    assert deadline == datetime(2017, 6, 27, 12, tzinfo=LONDON)
    assert deadline.utcoffset() == timedelta(hours=1)
    assert deadline.astimezone(UTC) == datetime(2017, 6, 27, 11, tzinfo=UTC)
    assert format_deadline(deadline) == "12pm on Tuesday 27 June 2017"


@pytest.mark.parametrize(
    ("meeting_start", "clear_days", "local_deadline", "utc_deadline"),
    [
        # Spring forward on Sunday 29 March 2026.
        (meeting(2026, 4, 2), 3, datetime(2026, 3, 27, 12), datetime(2026, 3, 27, 12)),
        (meeting(2026, 4, 2), 2, datetime(2026, 3, 30, 12), datetime(2026, 3, 30, 11)),
        # Fall back on Sunday 25 October 2026.
        (meeting(2026, 10, 28), 2, datetime(2026, 10, 23, 12), datetime(2026, 10, 23, 11)),
        (meeting(2026, 10, 28), 1, datetime(2026, 10, 26, 12), datetime(2026, 10, 26, 12)),
    ],
    ids=[
        "friday-before-bst-starts-is-gmt",
        "monday-after-bst-starts-is-bst",
        "friday-before-bst-ends-is-bst",
        "monday-after-bst-ends-is-gmt",
    ],
)
def test_noon_participation_deadline_has_the_right_utc_offset_around_clock_changes(
    meeting_start, clear_days, local_deadline, utc_deadline
):
    deadline = participation_deadline(meeting_start, clear_days, NOON)
    assert deadline.replace(tzinfo=None) == local_deadline
    assert deadline.astimezone(UTC).replace(tzinfo=None) == utc_deadline
    assert deadline.hour == 12
    assert format_deadline(deadline).startswith("12pm on ")


def test_participation_deadline_over_easter_2025():
    deadline = participation_deadline(meeting(2025, 4, 22), 3, time(17))
    assert deadline == datetime(2025, 4, 14, 17, tzinfo=LONDON)
    assert format_deadline(deadline) == "5pm on Monday 14 April 2025"


def test_participation_deadline_respects_closure_days():
    start = meeting(2027, 1, 5)
    assert participation_deadline(start, 3, NOON).date() == date(2026, 12, 29)
    with_closures = participation_deadline(start, 3, NOON, closures=CHRISTMAS_2026_CLOSURES)
    # Clear days: Mon 4 Jan, Thu 24 Dec, Wed 23 Dec.
    assert with_closures == datetime(2026, 12, 22, 12, tzinfo=LONDON)


def test_participation_deadline_returns_a_london_aware_datetime():
    deadline = participation_deadline(meeting(2017, 7, 3), 3, time(9, 30))
    assert deadline.tzinfo is LONDON
    assert format_deadline(deadline) == "9:30am on Tuesday 27 June 2017"


def test_participation_deadline_rejects_an_aware_time():
    with pytest.raises(ValueError, match="naive wall-clock"):
        participation_deadline(meeting(2017, 7, 3), 3, time(12, tzinfo=UTC))


def test_participation_deadline_rejects_a_non_time():
    with pytest.raises(TypeError):
        participation_deadline(meeting(2017, 7, 3), 3, 12)


# ---------------------------------------------------------------------------
# is_before_deadline
# ---------------------------------------------------------------------------

SEED_QUESTION_DEADLINE = datetime(2017, 6, 27, 12, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("now", "in_time"),
    [
        (SEED_QUESTION_DEADLINE - ONE_SECOND, True),
        (SEED_QUESTION_DEADLINE, False),
        (SEED_QUESTION_DEADLINE + ONE_SECOND, False),
        (datetime(2017, 6, 27, 10, 59, 59, tzinfo=UTC), True),
        (datetime(2017, 6, 27, 11, 0, 0, tzinfo=UTC), False),
        (datetime(2017, 6, 27, 11, 30, tzinfo=UTC), False),  # 12:30 BST
    ],
    ids=[
        "one-second-before-is-in-time",
        "exactly-at-the-deadline-is-late",
        "one-second-after-is-late",
        "utc-one-second-before-is-in-time",
        "utc-exactly-at-the-deadline-is-late",
        "utc-noon-wall-clock-trap-is-late",
    ],
)
def test_submission_is_in_time_only_strictly_before_the_deadline_instant(now, in_time):
    assert is_before_deadline(now, SEED_QUESTION_DEADLINE) is in_time


def test_is_before_deadline_is_correct_in_the_repeated_hour_when_clocks_go_back():
    # 01:45 BST (fold=0) is 00:45 UTC; 01:15 GMT (fold=1) is 01:15 UTC.
    now = datetime(2026, 10, 25, 1, 45, fold=0, tzinfo=LONDON)
    deadline = datetime(2026, 10, 25, 1, 15, fold=1, tzinfo=LONDON)
    assert not now < deadline  # Python's same-zone comparison uses wall-clock time
    assert is_before_deadline(now, deadline)


@pytest.mark.parametrize(
    ("now", "deadline"),
    [
        (datetime(2017, 6, 27, 11), SEED_QUESTION_DEADLINE),
        (SEED_QUESTION_DEADLINE, datetime(2017, 6, 27, 12)),
    ],
)
def test_is_before_deadline_rejects_naive_datetimes(now, deadline):
    with pytest.raises(ValueError, match="timezone-aware"):
        is_before_deadline(now, deadline)


# ---------------------------------------------------------------------------
# Key decisions: forward plan, general exception, special urgency
# ---------------------------------------------------------------------------

DECISION = date(2017, 7, 3)


def test_forward_plan_deadline_for_3_july_2017_is_4_june_with_28_clear_calendar_days():
    assert forward_plan_notice_deadline(DECISION) == date(2017, 6, 4)


def test_forward_plan_deadline_with_28_clear_working_days_is_monday_22_may_2017():
    # Working back from 30 June, Spring Bank Holiday Monday 29 May is skipped, so the
    # 28th clear working day is Tuesday 23 May and the deadline is Monday 22 May.
    deadline = forward_plan_notice_deadline(DECISION, working_days=True)
    assert deadline == date(2017, 5, 22)
    assert count_clear_working_days(deadline, DECISION) == 28


def test_forward_plan_working_days_deadline_moves_earlier_with_closures():
    closures = [date(2017, 6, 12), date(2017, 6, 13)]
    assert forward_plan_notice_deadline(DECISION, working_days=True, closures=closures) == date(
        2017, 5, 18
    )


def test_forward_plan_calendar_deadline_ignores_closures():
    closures = [date(2017, 6, 12), date(2017, 6, 13)]
    assert forward_plan_notice_deadline(DECISION, closures=closures) == date(2017, 6, 4)


@pytest.mark.parametrize(
    ("first_published_on", "working_days", "sufficient"),
    [
        (date(2017, 6, 1), False, True),
        (date(2017, 6, 4), False, True),
        (date(2017, 6, 5), False, False),
        (date(2017, 7, 3), False, False),
        (date(2017, 7, 10), False, False),
        (None, False, False),
        (date(2017, 5, 22), True, True),
        (date(2017, 5, 23), True, False),
        (date(2017, 6, 4), True, False),
        (None, True, False),
    ],
)
def test_has_sufficient_notice_for_decision_3_july_2017(
    first_published_on, working_days, sufficient
):
    assert has_sufficient_notice(first_published_on, DECISION, working_days=working_days) is (
        sufficient
    )


def test_has_sufficient_notice_agrees_with_the_working_days_deadline():
    for offset in range(0, 200, 5):
        decision = date(2026, 6, 1) + timedelta(days=offset)
        deadline = forward_plan_notice_deadline(decision, working_days=True)
        for back in range(20, 60):
            published = decision - timedelta(days=back)
            assert has_sufficient_notice(published, decision, working_days=True) is (
                published <= deadline
            )


def test_general_exception_notice_on_friday_23_june_2017_allows_decision_from_3_july():
    assert general_exception_earliest_decision(date(2017, 6, 23)) == date(2017, 7, 3)


def test_general_exception_earliest_decision_skips_easter_2025():
    # Notice Wednesday 16 April: clear days 17, 22, 23, 24, 25 April.
    assert general_exception_earliest_decision(date(2025, 4, 16)) == date(2025, 4, 28)


def test_general_exception_earliest_decision_skips_christmas_closure_days():
    notice = date(2026, 12, 23)
    assert general_exception_earliest_decision(notice) == date(2027, 1, 5)
    assert general_exception_earliest_decision(notice, CHRISTMAS_2026_CLOSURES) == date(2027, 1, 8)


def test_key_decision_on_the_forward_plan_in_time_uses_the_forward_plan_route():
    result = key_decision_notice_status(date(2017, 6, 1), DECISION)
    assert result == KeyDecisionNotice(
        ok=True,
        route="forward_plan",
        message=(
            "This key decision was first published on the forward plan on 1 June 2017, "
            "at least 28 clear days before 3 July 2017. No further notice is needed."
        ),
        publish_by=date(2017, 6, 4),
    )


def test_key_decision_published_on_the_last_possible_day_is_in_time():
    assert key_decision_notice_status(date(2017, 6, 4), DECISION).route == "forward_plan"


def test_key_decision_late_with_nothing_recorded_is_insufficient_with_editor_advice():
    result = key_decision_notice_status(date(2017, 6, 20), DECISION)
    assert not result.ok
    assert result.route == KeyDecisionRoute.INSUFFICIENT == "insufficient"
    assert result.message == (
        "This key decision was not on the forward plan 28 clear days before 3 July 2017 "
        "(it needed to be published by 4 June 2017). It was first published on "
        "20 June 2017. Record a general exception or special urgency agreement before "
        "publishing the decision."
    )


def test_key_decision_one_day_late_is_insufficient():
    result = key_decision_notice_status(date(2017, 6, 5), DECISION)
    assert (result.ok, result.route) == (False, "insufficient")


def test_key_decision_never_on_the_forward_plan_is_insufficient():
    result = key_decision_notice_status(None, DECISION)
    assert (result.ok, result.route) == (False, "insufficient")
    assert "It has not been published on the forward plan at all." in result.message
    assert "it needed to be published by 4 June 2017" in result.message


def test_key_decision_late_with_general_exception_5_clear_working_days_before_is_ok():
    result = key_decision_notice_status(
        date(2017, 6, 20), DECISION, general_exception_notice_on=date(2017, 6, 23)
    )
    assert (result.ok, result.route) == (True, "general_exception")
    assert "general exception notice was given on 23 June 2017" in result.message


def test_key_decision_never_on_plan_but_with_general_exception_is_ok():
    result = key_decision_notice_status(
        None, DECISION, general_exception_notice_on=date(2017, 6, 23)
    )
    assert (result.ok, result.route) == (True, "general_exception")


def test_key_decision_with_general_exception_only_4_clear_days_before_is_insufficient():
    result = key_decision_notice_status(
        date(2017, 6, 20), DECISION, general_exception_notice_on=date(2017, 6, 26)
    )
    assert (result.ok, result.route) == (False, "insufficient")
    assert "was too late" in result.message
    assert "the earliest working day the decision can be taken is 4 July 2017" in result.message
    assert "Record a special urgency agreement, or move the decision to 4 July 2017" in (
        result.message
    )


def test_key_decision_general_exception_given_on_saturday_counts_from_monday():
    # Saturday 24 June counts as Monday 26 June: only 4 clear working days before 3 July.
    result = key_decision_notice_status(
        None, DECISION, general_exception_notice_on=date(2017, 6, 24)
    )
    assert result.route == "insufficient"


def test_key_decision_late_with_special_urgency_is_ok():
    result = key_decision_notice_status(
        date(2017, 6, 30), DECISION, special_urgency_agreed_on=date(2017, 6, 30)
    )
    assert (result.ok, result.route) == (True, "special_urgency")
    assert "Special urgency was agreed on 30 June 2017" in result.message


def test_key_decision_special_urgency_agreed_on_the_decision_day_is_ok():
    result = key_decision_notice_status(None, DECISION, special_urgency_agreed_on=DECISION)
    assert result.route == "special_urgency"


def test_key_decision_special_urgency_agreed_after_the_decision_does_not_count():
    result = key_decision_notice_status(None, DECISION, special_urgency_agreed_on=date(2017, 7, 4))
    assert (result.ok, result.route) == (False, "insufficient")
    assert "after the decision" in result.message


def test_key_decision_late_general_exception_rescued_by_special_urgency():
    result = key_decision_notice_status(
        date(2017, 6, 20),
        DECISION,
        general_exception_notice_on=date(2017, 6, 28),
        special_urgency_agreed_on=date(2017, 6, 29),
    )
    assert (result.ok, result.route) == (True, "special_urgency")
    assert "was too late" in result.message


def test_key_decision_forward_plan_route_wins_even_if_other_notices_were_recorded():
    result = key_decision_notice_status(
        date(2017, 6, 1),
        DECISION,
        general_exception_notice_on=date(2017, 6, 23),
        special_urgency_agreed_on=date(2017, 6, 30),
    )
    assert result.route == "forward_plan"


def test_key_decision_general_exception_route_wins_over_special_urgency():
    result = key_decision_notice_status(
        None,
        DECISION,
        general_exception_notice_on=date(2017, 6, 23),
        special_urgency_agreed_on=date(2017, 6, 30),
    )
    assert result.route == "general_exception"


@pytest.mark.parametrize(
    ("first_published_on", "route"),
    [
        (date(2017, 5, 22), "forward_plan"),
        (date(2017, 5, 23), "insufficient"),
        (date(2017, 6, 4), "insufficient"),  # enough calendar days, not working days
    ],
)
def test_key_decision_with_working_days_setting(first_published_on, route):
    result = key_decision_notice_status(first_published_on, DECISION, working_days=True)
    assert result.route == route
    assert result.publish_by == date(2017, 5, 22)
    if route == "insufficient":
        assert "28 clear working days before 3 July 2017" in result.message
        assert "published by 22 May 2017" in result.message


def test_key_decision_custom_notice_period_is_reflected_in_the_message():
    result = key_decision_notice_status(date(2017, 6, 25), DECISION, days=7)
    assert result.route == "forward_plan"
    assert "at least 7 clear days before 3 July 2017" in result.message


def test_key_decision_closure_days_affect_the_general_exception_route():
    decision = date(2027, 1, 5)
    notice = date(2026, 12, 23)
    plain = key_decision_notice_status(None, decision, general_exception_notice_on=notice)
    closed = key_decision_notice_status(
        None,
        decision,
        general_exception_notice_on=notice,
        closures=CHRISTMAS_2026_CLOSURES,
    )
    assert plain.route == "general_exception"
    assert closed.route == "insufficient"
    assert "8 January 2027" in closed.message


def test_key_decision_notice_is_immutable():
    result = key_decision_notice_status(date(2017, 6, 1), DECISION)
    with pytest.raises(AttributeError):
        result.ok = False


# ---------------------------------------------------------------------------
# Call-in and when decisions take effect
# ---------------------------------------------------------------------------


def test_decision_published_23_june_2017_comes_into_force_monday_3_july():
    assert decision_effective_from(date(2017, 6, 23)) == date(2017, 7, 3)


def test_call_in_for_decision_published_23_june_2017_ends_friday_30_june():
    assert call_in_ends(date(2017, 6, 23)) == date(2017, 6, 30)


def test_urgent_decision_is_effective_on_the_day_it_is_published():
    assert decision_effective_from(date(2017, 6, 23), urgent=True) == date(2017, 6, 23)


def test_urgent_decision_published_on_a_bank_holiday_is_still_effective_that_day():
    assert decision_effective_from(date(2026, 12, 28), urgent=True) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("published_on", "closures", "ends", "effective"),
    [
        (date(2025, 4, 16), (), date(2025, 4, 25), date(2025, 4, 28)),  # Easter 2025
        (date(2026, 5, 20), (), date(2026, 5, 28), date(2026, 5, 29)),  # late May 2026
        (date(2026, 12, 23), (), date(2027, 1, 4), date(2027, 1, 5)),  # Christmas 2026
        (date(2026, 12, 23), CHRISTMAS_2026_CLOSURES, date(2027, 1, 7), date(2027, 1, 8)),
        (date(2017, 6, 24), (), date(2017, 7, 3), date(2017, 7, 4)),  # Saturday -> Monday
    ],
)
def test_call_in_period_skips_weekends_holidays_and_closures(
    published_on, closures, ends, effective
):
    assert call_in_ends(published_on, closures=closures) == ends
    assert decision_effective_from(published_on, closures=closures) == effective
    assert effective == clear_working_days_after(ends, 0, closures)


def test_call_in_period_length_is_configurable():
    assert call_in_ends(date(2017, 6, 23), days=3) == date(2017, 6, 28)
    assert decision_effective_from(date(2017, 6, 23), days=3) == date(2017, 6, 29)


def test_zero_day_call_in_ends_on_publication_and_decision_takes_effect_next_working_day():
    assert call_in_ends(date(2017, 6, 23), days=0) == date(2017, 6, 23)
    assert decision_effective_from(date(2017, 6, 23), days=0) == date(2017, 6, 26)


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (datetime(2017, 6, 27, 12, tzinfo=LONDON), "12pm on Tuesday 27 June 2017"),
        (datetime(2026, 12, 1, 17, tzinfo=LONDON), "5pm on Tuesday 1 December 2026"),
        (datetime(2026, 12, 1, 9, 30, tzinfo=LONDON), "9:30am on Tuesday 1 December 2026"),
        (datetime(2026, 12, 1, 0, 0, tzinfo=LONDON), "12am on Tuesday 1 December 2026"),
        (datetime(2026, 12, 1, 0, 5, tzinfo=LONDON), "12:05am on Tuesday 1 December 2026"),
        (datetime(2026, 12, 1, 12, 5, tzinfo=LONDON), "12:05pm on Tuesday 1 December 2026"),
        (datetime(2026, 12, 1, 23, 59, 59, tzinfo=LONDON), "11:59pm on Tuesday 1 December 2026"),
        (datetime(2026, 12, 4, 17, tzinfo=LONDON), "5pm on Friday 4 December 2026"),
        (datetime(2026, 1, 9, 10, 0, tzinfo=LONDON), "10am on Friday 9 January 2026"),
    ],
    ids=[
        "noon",
        "5pm",
        "half-past-nine",
        "midnight",
        "just-after-midnight",
        "just-after-noon",
        "seconds-not-shown",
        "friday",
        "no-leading-zero-on-the-day",
    ],
)
def test_format_deadline_gov_uk_style(dt, expected):
    assert format_deadline(dt) == expected


@pytest.mark.parametrize(
    ("utc_instant", "expected"),
    [
        (datetime(2017, 6, 27, 11, tzinfo=UTC), "12pm on Tuesday 27 June 2017"),
        (datetime(2026, 12, 1, 12, tzinfo=UTC), "12pm on Tuesday 1 December 2026"),
        (datetime(2026, 6, 30, 23, 0, tzinfo=UTC), "12am on Wednesday 1 July 2026"),
    ],
    ids=["summer-bst", "winter-gmt", "bst-rolls-over-to-next-day"],
)
def test_format_deadline_converts_to_uk_local_time(utc_instant, expected):
    assert format_deadline(utc_instant) == expected


def test_format_deadline_rejects_a_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        format_deadline(datetime(2017, 6, 27, 12))


@pytest.mark.parametrize(
    ("day", "weekday", "expected"),
    [
        (date(2017, 7, 3), False, "3 July 2017"),
        (date(2017, 7, 3), True, "Monday 3 July 2017"),
        (date(2026, 12, 28), True, "Monday 28 December 2026"),
    ],
)
def test_format_date_gov_uk_style(day, weekday, expected):
    assert format_date(day, weekday=weekday) == expected


# ---------------------------------------------------------------------------
# Notice checked when a forward plan entry is published (regs 9 and 10)
# ---------------------------------------------------------------------------


def test_entry_published_on_4_june_2017_gives_full_notice_of_the_3_july_cabinet():
    assert forward_plan_entry_notice_status(date(2017, 6, 4), DECISION).route == "forward_plan"


def test_entry_published_on_5_june_2017_is_a_day_short_and_names_the_first_full_notice_date():
    result = forward_plan_entry_notice_status(date(2017, 6, 5), DECISION)
    assert (result.ok, result.route) == (False, "insufficient")
    assert "it would be on the forward plan 27 clear days before" in result.message
    assert "or move the decision to 4 July 2017 or later" in result.message


def test_entry_added_2_december_for_21_december_has_18_clear_days_and_is_refused():
    result = forward_plan_entry_notice_status(date(2026, 12, 2), date(2026, 12, 21))
    assert result == KeyDecisionNotice(
        ok=False,
        route="insufficient",
        message=(
            "This key decision was not on the forward plan 28 clear days before 21 December "
            "2026 (it needed to be published by 22 November 2026). Published on 2 December "
            "2026, it would be on the forward plan 18 clear days before. Record a general "
            "exception or special urgency agreement before publishing this forward plan "
            "entry, or move the decision to 31 December 2026 or later."
        ),
        publish_by=date(2026, 11, 22),
    )


def test_entry_added_2_december_with_a_general_exception_may_be_published():
    result = forward_plan_entry_notice_status(
        date(2026, 12, 2), date(2026, 12, 21), general_exception_notice_on=date(2026, 12, 2)
    )
    assert (result.ok, result.route) == (True, "general_exception")


def test_entry_added_2_december_with_special_urgency_may_be_published():
    result = forward_plan_entry_notice_status(
        date(2026, 12, 2), date(2026, 12, 21), special_urgency_agreed_on=date(2026, 12, 2)
    )
    assert (result.ok, result.route) == (True, "special_urgency")


def test_an_entry_already_on_the_plan_keeps_its_first_publication_date():
    result = forward_plan_entry_notice_status(
        date(2017, 6, 20), DECISION, first_published_on=date(2017, 6, 1)
    )
    assert result.route == "forward_plan"
    late = forward_plan_entry_notice_status(
        date(2017, 6, 20), DECISION, first_published_on=date(2017, 6, 10)
    )
    assert "It was first published on 10 June 2017, 22 clear days before." in late.message


def test_a_general_exception_not_yet_on_the_website_runs_from_the_publishing_day():
    """Chair told on Tuesday 20 June 2017, notice published Monday 26 June: 4 clear working
    days before Monday 3 July, so reg 10 is not met even though 20 June was early enough."""
    result = forward_plan_entry_notice_status(
        date(2017, 6, 26), DECISION, general_exception_notice_on=date(2017, 6, 20)
    )
    assert result.route == "insufficient"
    assert "published on the website on 26 June 2017 was too late" in result.message
    assert "move the decision to 4 July 2017 or later" in result.message


def test_entry_notice_in_working_days_counts_and_advises_in_working_days():
    result = forward_plan_entry_notice_status(date(2017, 6, 1), DECISION, working_days=True)
    assert result.route == "insufficient"
    assert "it would be on the forward plan 21 clear working days before" in result.message
    earliest = format_date(clear_working_days_after(date(2017, 6, 1), 28))
    assert f"move the decision to {earliest} or later" in result.message


# ---------------------------------------------------------------------------
# The general exception notice must be on the website five clear days (reg 10)
# ---------------------------------------------------------------------------


def test_general_exception_counts_from_its_website_publication_when_that_is_later():
    told_early = {"general_exception_notice_on": date(2017, 6, 20)}
    on_time = key_decision_notice_status(
        None, DECISION, **told_early, general_exception_published_on=date(2017, 6, 23)
    )
    assert on_time.route == "general_exception"
    assert "given on 20 June 2017 and published on the website on 23 June 2017" in (on_time.message)
    too_late = key_decision_notice_status(
        None, DECISION, **told_early, general_exception_published_on=date(2017, 6, 27)
    )
    assert too_late.route == "insufficient"


def test_general_exception_published_before_the_chair_was_told_counts_from_telling():
    result = key_decision_notice_status(
        None,
        DECISION,
        general_exception_notice_on=date(2017, 6, 26),
        general_exception_published_on=date(2017, 6, 20),
    )
    assert result.route == "insufficient"
