"""Statutory deadlines for English local government meetings and decisions.

Pure functions only: no models, no database, no settings.  Callers pass in everything
that is configurable (clear-day counts, deadline times, council closure days).

Vocabulary and the rules this module applies everywhere
========================================================

Working day
    A day that is not a Saturday or Sunday, not an England and Wales bank holiday (as
    published by the maintained ``holidays`` library, including substitute days and
    one-off holidays such as coronations and state funerals) and not one of the
    council's own closure days.  Closure days (for example the days between Christmas
    and New Year) are configured in the admin elsewhere and passed in as ``closures``,
    an iterable of ``datetime.date`` objects.

Clear days
    "Clear days" excludes *both* the day of the event (the meeting or decision) *and*
    the day of the deadline (publication, notice, submission).  Only whole days that
    lie strictly between the two count.  This is the long-standing reading of the phrase
    (R v Hereford Justices (1820), approved in R v Swansea City Council ex p Elitestone
    Ltd (1993)).  Unless a function says it counts calendar days, clear days are clear
    *working* days: weekends, bank holidays and closure days between the two dates do
    not count.

    Example (a real agenda): Cabinet on Monday 3 July 2017 with five clear working days.
    The clear days are Friday 30, Thursday 29, Wednesday 28, Tuesday 27 and Monday 26
    June, so the agenda must be published by Friday 23 June 2017.

Things that happen on a non-working day
    A document published, or a notice given, on a day that is not a working day is
    treated as published or given on the *next* working day: the council is shut, so
    nobody can inspect or act on it until then.  Consequences:

    * every "latest date" (``*_before``) function returns a working day, the latest one
      that still leaves enough clear working days, and "late" always means
      ``published_on > deadline``;
    * every "earliest date" (``*_after``) function first moves a non-working start day
      forward to the next working day, and returns a working day.

    The event at the other end (the meeting or decision) may fall on any day; moving it
    to a working day would never change the number of working days before it.

Calendar clear days
    Some rules (the 28 clear days' forward plan notice for key decisions, by default)
    are counted in calendar days.  Those counts ignore weekends, bank holidays and
    closures entirely, and the returned latest date may be a weekend: a website can
    publish on a Sunday.

Instants and time zones
    Dates are ``datetime.date``.  Instants are timezone-aware ``datetime.datetime``;
    naive datetimes are rejected with ``ValueError`` because guessing their zone is how
    deadlines end up an hour out.  A meeting's date is its local date in Europe/London.
    A deadline such as "12 noon, three clear working days before" is built as a
    Europe/London wall-clock time on the deadline day, so it is 11:00 UTC in summer
    (BST) and 12:00 UTC in winter (GMT).  Deadline days are always working days and the
    clocks only change on Sundays, so a deadline's wall-clock time always exists and is
    never ambiguous.  Instants are compared in UTC.  A submission made *exactly* at the
    deadline instant is late: "by 12 noon" means it must arrive before the clock strikes
    twelve, and using ``now < deadline`` makes the boundary unambiguous.

What this module does not decide
    Whether something is a key decision, whether an item may be taken as urgent business
    under section 100B(4) of the Local Government Act 1972, or whether it is
    "impracticable" to defer a decision.  Those are judgements for officers; this module
    only does the date arithmetic and reports which notice route the dates satisfy.

Counting is done one day at a time: the periods involved are days or weeks, so this is
fast enough, obviously correct, and copes with any pattern of holidays and closures.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "AGENDA_CLEAR_DAYS",
    "CALL_IN_CLEAR_DAYS",
    "FORWARD_PLAN_CLEAR_DAYS",
    "GENERAL_EXCEPTION_CLEAR_DAYS",
    "LONDON",
    "KeyDecisionNotice",
    "KeyDecisionRoute",
    "agenda_publication_deadline",
    "bank_holidays",
    "call_in_ends",
    "clear_calendar_days_before",
    "clear_working_days_after",
    "clear_working_days_before",
    "count_clear_working_days",
    "decision_effective_from",
    "format_date",
    "format_deadline",
    "format_time",
    "forward_plan_entry_notice_status",
    "forward_plan_notice_deadline",
    "general_exception_earliest_decision",
    "has_sufficient_notice",
    "is_agenda_late",
    "is_before_deadline",
    "is_working_day",
    "key_decision_notice_status",
    "participation_deadline",
]

LONDON = ZoneInfo("Europe/London")

#: Local Government Act 1972, s.100B(3); also reg 7 of the 2012 Executive Regulations.
AGENDA_CLEAR_DAYS = 5
#: Local Authorities (Executive Arrangements) (Meetings and Access to Information)
#: (England) Regulations 2012, reg 9: notice of a key decision on the forward plan.
FORWARD_PLAN_CLEAR_DAYS = 28
#: 2012 Regulations, reg 10: general exception notice before a key decision is taken.
GENERAL_EXCEPTION_CLEAR_DAYS = 5
#: Call-in period: set by each council's constitution, commonly five clear working days.
CALL_IN_CLEAR_DAYS = 5

_ONE_DAY = timedelta(days=1)

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# ---------------------------------------------------------------------------
# Input checking helpers
# ---------------------------------------------------------------------------


def _check_date(value: object, name: str) -> date:
    """Reject anything that is not a plain ``date``.

    A ``datetime`` is a subclass of ``date`` but never compares equal to one, so a
    datetime would silently miss every bank holiday and closure day.  Callers must
    convert instants to a local date first (see ``_local_date``).
    """
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date (not a datetime), got {value!r}")
    return value


def _check_count(value: object, name: str) -> int:
    """Day counts must be non-negative integers (``True`` is not a number of days)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def _check_aware(value: object, name: str) -> datetime:
    """Instants must be timezone-aware: a naive datetime has no unambiguous meaning."""
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime.datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value!r}")
    return value


def _closure_set(closures: Iterable[date] | None) -> frozenset[date]:
    """Materialise ``closures`` once, so generators can be passed safely."""
    if closures is None:
        return frozenset()
    result = frozenset(closures)
    for day in result:
        _check_date(day, "each closure day")
    return result


def _local_date(instant: datetime) -> date:
    """The Europe/London calendar date of an aware instant (the meeting's local date)."""
    return _check_aware(instant, "meeting_start").astimezone(LONDON).date()


# ---------------------------------------------------------------------------
# Working days
# ---------------------------------------------------------------------------


@functools.cache
def _bank_holiday_dates(year: int) -> frozenset[date]:
    """Immutable cached set of England and Wales bank holidays for ``year``."""
    calendar = holidays.UnitedKingdom(subdiv="ENG", years=year)
    return frozenset(day for day in calendar if day.year == year)


def bank_holidays(year: int) -> set[date]:
    """England and Wales bank holidays in ``year``, from the ``holidays`` library.

    Why: bank holidays are not working days, so they never count as clear days.  The
    list comes from the maintained library (which includes substitute days, e.g. Monday
    28 December 2026 for Boxing Day, and one-off holidays) rather than a hand-typed
    list that would silently go stale.  Results are cached per year; a fresh ``set`` is
    returned each time so callers cannot corrupt the cache.
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, got {year!r}")
    return set(_bank_holiday_dates(year))


def _is_working_day(day: date, closed: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in _bank_holiday_dates(day.year) and day not in closed


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    """Whether ``day`` is a working day for the council.

    Rule: not a Saturday or Sunday, not an England and Wales bank holiday, and not one
    of the council's closure days (``closures``).  Only working days count as clear
    working days, and deadlines are only ever set on working days.
    """
    return _is_working_day(_check_date(day, "day"), _closure_set(closures))


def _next_working_day_on_or_after(day: date, closed: frozenset[date]) -> date:
    while not _is_working_day(day, closed):
        day += _ONE_DAY
    return day


def _next_working_day_after(day: date, closed: frozenset[date]) -> date:
    return _next_working_day_on_or_after(day + _ONE_DAY, closed)


def _previous_working_day_before(day: date, closed: frozenset[date]) -> date:
    day -= _ONE_DAY
    while not _is_working_day(day, closed):
        day -= _ONE_DAY
    return day


def _enough_clear_working_days(start: date, end: date, n: int, closed: frozenset[date]) -> bool:
    """Whether ``start`` (moved forward to a working day) is before ``end`` by n clear days."""
    effective_start = _next_working_day_on_or_after(start, closed)
    if effective_start >= end:
        return False
    return _count_between(effective_start, end, closed) >= n


def _count_between(start: date, end: date, closed: frozenset[date]) -> int:
    count = 0
    day = start + _ONE_DAY
    while day < end:
        if _is_working_day(day, closed):
            count += 1
        day += _ONE_DAY
    return count


def count_clear_working_days(start: date, end: date, closures: Iterable[date] = ()) -> int:
    """Number of clear working days between ``start`` and ``end``.

    Rule: working days strictly after ``start`` and strictly before ``end``; neither
    end counts.  If ``start`` is not a working day it is first moved forward to the next
    working day (something published while the council is shut counts as published
    when it reopens).  Returns 0 if ``start`` is not before ``end``.  Useful for showing
    editors how much notice something actually had.
    """
    closed = _closure_set(closures)
    _check_date(end, "end")
    effective_start = _next_working_day_on_or_after(_check_date(start, "start"), closed)
    if effective_start >= end:
        return 0
    return _count_between(effective_start, end, closed)


def clear_working_days_before(day: date, n: int, closures: Iterable[date] = ()) -> date:
    """Latest working day leaving at least ``n`` clear working days before ``day``.

    Why: most notice periods ("five clear days", "three clear working days") are
    counted back from the event.  Rule: the result X is a working day and at least n
    working days lie strictly between X and ``day`` (neither counts).  Example: Monday
    3 July 2017, n=5 -> Friday 23 June 2017 (clear days 26 to 30 June).  With n=0 the
    result is the last working day before ``day``: a deadline is never on the event day.
    """
    closed = _closure_set(closures)
    current = _check_date(day, "day")
    for _ in range(_check_count(n, "n")):
        current = _previous_working_day_before(current, closed)  # one clear working day
    return _previous_working_day_before(current, closed)


def clear_working_days_after(day: date, n: int, closures: Iterable[date] = ()) -> date:
    """First working day after ``n`` clear working days following ``day``.

    Why: periods that run forwards from a publication or notice (call-in, general
    exception notices) end after n whole working days.  Rule: a non-working ``day`` is
    first moved forward to the next working day; the result is the first working day
    with at least n working days strictly between it and that day.  Example: published
    Friday 23 June 2017, n=5 -> Monday 3 July 2017 (clear days 26 to 30 June).
    """
    closed = _closure_set(closures)
    current = _next_working_day_on_or_after(_check_date(day, "day"), closed)
    for _ in range(_check_count(n, "n") + 1):
        current = _next_working_day_after(current, closed)
    return current


def clear_calendar_days_before(day: date, n: int) -> date:
    """Latest date leaving ``n`` whole calendar days before ``day``.

    Why: some notice periods (the 28 clear days of forward plan notice, by default) are
    calendar days.  Rule: n days lie strictly between the result and ``day``, so the
    result is ``day - (n + 1)`` days; weekends and holidays are not skipped and the
    result may itself be a weekend.  Example: 28 clear days before Monday 3 July 2017 is
    Sunday 4 June 2017 (the clear days are 5 June to 2 July inclusive).
    """
    return _check_date(day, "day") - timedelta(days=_check_count(n, "n") + 1)


# ---------------------------------------------------------------------------
# Agendas and public participation
# ---------------------------------------------------------------------------


def agenda_publication_deadline(
    meeting_start: datetime, clear_days: int = AGENDA_CLEAR_DAYS, closures: Iterable[date] = ()
) -> date:
    """Latest date the agenda must be published for a meeting starting at ``meeting_start``.

    Rule: section 100B(3) of the Local Government Act 1972 (and reg 7 of the 2012
    Executive Regulations) requires agenda and reports to be open to inspection at least
    five clear days before the meeting; this module counts clear working days.  The
    meeting's date is its local date in Europe/London.  The result is a working day.
    """
    return clear_working_days_before(_local_date(meeting_start), clear_days, closures)


def is_agenda_late(
    published_on: date,
    meeting_start: datetime,
    clear_days: int = AGENDA_CLEAR_DAYS,
    closures: Iterable[date] = (),
) -> bool:
    """Whether an agenda published on ``published_on`` missed the statutory deadline.

    Rule: late unless at least ``clear_days`` clear working days lie between publication
    and the meeting's local date; equivalently ``published_on`` is after
    ``agenda_publication_deadline``.  Publishing on a non-working day counts as
    publishing on the next working day.  A late agenda item can still be taken as urgent
    business under s.100B(4); that judgement is for the chair, not this function.
    """
    _check_date(published_on, "published_on")
    closed = _closure_set(closures)
    meeting_day = _local_date(meeting_start)
    _check_count(clear_days, "clear_days")
    return not _enough_clear_working_days(published_on, meeting_day, clear_days, closed)


def participation_deadline(
    meeting_start: datetime, clear_days: int, at: time, closures: Iterable[date] = ()
) -> datetime:
    """Deadline for public questions or statements, as an aware Europe/London datetime.

    Why: standing orders typically say questions must be received "by 12 noon, three
    clear working days before the meeting".  Rule: local time ``at`` (a naive wall-clock
    time) on the working day ``clear_days`` clear working days before the meeting's
    local date.  Built with ``zoneinfo`` so the UTC offset follows British Summer Time:
    12:00 in July is 11:00 UTC, 12:00 in December is 12:00 UTC.
    """
    if not isinstance(at, time):
        raise TypeError(f"at must be a datetime.time, got {at!r}")
    if at.tzinfo is not None:
        raise ValueError("at must be a naive wall-clock time; it is always Europe/London")
    day = clear_working_days_before(_local_date(meeting_start), clear_days, closures)
    return datetime.combine(day, at, tzinfo=LONDON)


def is_before_deadline(now: datetime, deadline: datetime) -> bool:
    """Whether a submission made at ``now`` is in time for ``deadline``.

    Rule: in time only while ``now < deadline``; a submission exactly at the deadline
    instant is late ("by 12 noon" means before noon strikes).  Both must be aware;
    they are compared in UTC, which stays correct even for the repeated hour when the
    clocks go back (Python compares same-zone datetimes by wall-clock time otherwise).
    """
    now_utc = _check_aware(now, "now").astimezone(UTC)
    deadline_utc = _check_aware(deadline, "deadline").astimezone(UTC)
    return now_utc < deadline_utc


# ---------------------------------------------------------------------------
# Key decisions (2012 Executive Regulations, regs 9 to 11)
# ---------------------------------------------------------------------------


def forward_plan_notice_deadline(
    decision_date: date,
    days: int = FORWARD_PLAN_CLEAR_DAYS,
    working_days: bool = False,
    closures: Iterable[date] = (),
) -> date:
    """Latest date a key decision must first appear on the forward plan.

    Rule: reg 9 of the Local Authorities (Executive Arrangements) (Meetings and Access
    to Information) (England) Regulations 2012 requires notice at least 28 clear days
    before the decision is taken.  Councils differ on whether those are calendar days
    (the default here; ``closures`` is then ignored) or working days
    (``working_days=True``, result is a working day).  Example: decision on 3 July 2017,
    calendar days -> 4 June 2017.
    """
    if working_days:
        return clear_working_days_before(decision_date, days, closures)
    return clear_calendar_days_before(decision_date, days)


def has_sufficient_notice(
    first_published_on: date | None,
    decision_date: date,
    days: int = FORWARD_PLAN_CLEAR_DAYS,
    working_days: bool = False,
    closures: Iterable[date] = (),
) -> bool:
    """Whether a key decision first on the forward plan on ``first_published_on`` had enough notice.

    Rule: reg 9 of the 2012 Regulations, 28 clear days by default (calendar or working
    days, see ``forward_plan_notice_deadline``).  ``None`` means it was never on the
    plan, which is never enough notice.
    """
    _check_date(decision_date, "decision_date")
    _check_count(days, "days")
    if first_published_on is None:
        return False
    _check_date(first_published_on, "first_published_on")
    if working_days:
        closed = _closure_set(closures)
        return _enough_clear_working_days(first_published_on, decision_date, days, closed)
    return first_published_on <= clear_calendar_days_before(decision_date, days)


def general_exception_earliest_decision(
    notice_given_on: date, closures: Iterable[date] = ()
) -> date:
    """Earliest date a key decision can be taken under the general exception.

    Rule: reg 10 of the 2012 Regulations lets a key decision that missed the 28 days'
    notice go ahead once notice has been given to the chair of the relevant overview
    and scrutiny committee and made available to the public, and five clear days have
    passed.  This module treats those as clear *working* days (the cautious reading).
    Example: notice on Friday 23 June 2017 -> Monday 3 July 2017.
    """
    return clear_working_days_after(notice_given_on, GENERAL_EXCEPTION_CLEAR_DAYS, closures)


class KeyDecisionRoute(StrEnum):
    """How a key decision satisfied (or failed) the notice rules; compares equal to str."""

    FORWARD_PLAN = "forward_plan"
    GENERAL_EXCEPTION = "general_exception"
    SPECIAL_URGENCY = "special_urgency"
    INSUFFICIENT = "insufficient"


@dataclass(frozen=True, slots=True)
class KeyDecisionNotice:
    """Result of ``key_decision_notice_status``.

    ``ok`` is whether the decision may be taken on its date; ``route`` is one of
    ``"forward_plan"``, ``"general_exception"``, ``"special_urgency"`` or
    ``"insufficient"``; ``message`` is plain English for an editor; ``publish_by`` is the
    forward plan deadline that applied.
    """

    ok: bool
    route: str
    message: str
    publish_by: date | None = None


def _days_phrase(days: int, working_days: bool) -> str:
    unit = "clear working day" if working_days else "clear day"
    return f"{days} {unit}" if days == 1 else f"{days} {unit}s"


def key_decision_notice_status(
    first_published_on: date | None,
    decision_date: date,
    *,
    general_exception_notice_on: date | None = None,
    general_exception_published_on: date | None = None,
    special_urgency_agreed_on: date | None = None,
    days: int = FORWARD_PLAN_CLEAR_DAYS,
    working_days: bool = False,
    closures: Iterable[date] = (),
    publishing: str = "the decision",
) -> KeyDecisionNotice:
    """Which notice route (if any) allows a key decision to be taken on ``decision_date``.

    Rules (2012 Regulations), checked in this order:

    1. ``forward_plan`` (reg 9): first on the forward plan at least ``days`` clear days
       before the decision.
    2. ``general_exception`` (reg 10): notice given to the scrutiny chair and published
       at least five clear working days before the decision.
    3. ``special_urgency`` (reg 11): the scrutiny chair (or council chair/vice-chair)
       agreed, on or before the decision date, that it is urgent and cannot reasonably be
       deferred.
    4. otherwise ``insufficient``: ``ok`` is False and the message says what to do.

    Reg 10 needs the scrutiny chair told *and* the notice published on the website: when
    ``general_exception_published_on`` (the day the notice went on the website) is later
    than ``general_exception_notice_on`` (the day the chair was told), the five clear
    days run from the later day.  ``publishing`` names what the advice says to hold back
    ("the decision", or "this forward plan entry").
    """
    return _notice_status(
        first_published_on,
        decision_date,
        general_exception_notice_on=general_exception_notice_on,
        general_exception_published_on=general_exception_published_on,
        special_urgency_agreed_on=special_urgency_agreed_on,
        days=days,
        working_days=working_days,
        closures=closures,
        publishing=publishing,
    )


def forward_plan_entry_notice_status(
    publishing_on: date,
    decision_date: date,
    *,
    first_published_on: date | None = None,
    general_exception_notice_on: date | None = None,
    general_exception_published_on: date | None = None,
    special_urgency_agreed_on: date | None = None,
    days: int = FORWARD_PLAN_CLEAR_DAYS,
    working_days: bool = False,
    closures: Iterable[date] = (),
) -> KeyDecisionNotice:
    """Whether publishing a forward plan entry on ``publishing_on`` gives lawful notice.

    Why: the notice is given when the entry goes on the website, so short notice must be
    caught then, while the editor can still record a general exception or special
    urgency, or move the decision, rather than when the decision is taken.  An entry
    already published keeps its ``first_published_on``; a general exception notice not yet
    on the website goes on it on ``publishing_on``.  Example (an entry added on Wednesday
    2 December 2026 for Monday 21 December 2026): 18 clear days, so ``insufficient``
    unless a general exception or special urgency is recorded; with full notice the
    decision could be taken from 31 December 2026.
    """
    publishing_on = _check_date(publishing_on, "publishing_on")
    decision_date = _check_date(decision_date, "decision_date")
    closed = _closure_set(closures)
    first = first_published_on or publishing_on
    _check_date(first, "first_published_on")
    if general_exception_notice_on is not None and general_exception_published_on is None:
        general_exception_published_on = publishing_on
    if working_days:
        clear = count_clear_working_days(first, decision_date, closed)
        full_notice_from = clear_working_days_after(first, _check_count(days, "days"), closed)
    else:
        clear = max(0, (decision_date - first).days - 1)
        full_notice_from = first + timedelta(days=_check_count(days, "days") + 1)
    notice = _days_phrase(clear, working_days)
    published = (
        f"It was first published on {format_date(first)}, {notice} before."
        if first < publishing_on
        else f"Published on {format_date(first)}, it would be on the forward plan {notice} before."
    )
    return _notice_status(
        first,
        decision_date,
        general_exception_notice_on=general_exception_notice_on,
        general_exception_published_on=general_exception_published_on,
        special_urgency_agreed_on=special_urgency_agreed_on,
        days=days,
        working_days=working_days,
        closures=closed,
        publishing="this forward plan entry",
        published_sentence=published,
        full_notice_from=full_notice_from,
    )


def _notice_status(
    first_published_on: date | None,
    decision_date: date,
    *,
    general_exception_notice_on: date | None,
    general_exception_published_on: date | None,
    special_urgency_agreed_on: date | None,
    days: int,
    working_days: bool,
    closures: Iterable[date],
    publishing: str,
    published_sentence: str | None = None,
    full_notice_from: date | None = None,
) -> KeyDecisionNotice:
    """The rules of ``key_decision_notice_status``; the last two arguments let
    ``forward_plan_entry_notice_status`` word its advice for an entry being published."""
    decision_date = _check_date(decision_date, "decision_date")
    closed = _closure_set(closures)
    publish_by = forward_plan_notice_deadline(decision_date, days, working_days, closed)
    phrase = _days_phrase(days, working_days)
    when = format_date(decision_date)

    if has_sufficient_notice(first_published_on, decision_date, days, working_days, closed):
        return KeyDecisionNotice(
            ok=True,
            route=KeyDecisionRoute.FORWARD_PLAN,
            message=(
                f"This key decision was first published on the forward plan on "
                f"{format_date(first_published_on)}, at least {phrase} before {when}. "
                f"No further notice is needed."
            ),
            publish_by=publish_by,
        )

    parts = [
        f"This key decision was not on the forward plan {phrase} before {when} "
        f"(it needed to be published by {format_date(publish_by)})."
    ]
    if published_sentence is not None:
        parts.append(published_sentence)
    elif first_published_on is None:
        parts.append("It has not been published on the forward plan at all.")
    else:
        _check_date(first_published_on, "first_published_on")
        parts.append(f"It was first published on {format_date(first_published_on)}.")

    general_exception_too_late: date | None = None
    if general_exception_notice_on is not None:
        _check_date(general_exception_notice_on, "general_exception_notice_on")
        given = format_date(general_exception_notice_on)
        notice_from = general_exception_notice_on
        if general_exception_published_on is not None:
            _check_date(general_exception_published_on, "general_exception_published_on")
            if general_exception_published_on > general_exception_notice_on:
                notice_from = general_exception_published_on
                given += (
                    f" and published on the website on "
                    f"{format_date(general_exception_published_on)}"
                )
        earliest = general_exception_earliest_decision(notice_from, closed)
        if _enough_clear_working_days(
            notice_from, decision_date, GENERAL_EXCEPTION_CLEAR_DAYS, closed
        ):
            parts.append(
                f"A general exception notice was given on "
                f"{given}, at least "
                f"{_days_phrase(GENERAL_EXCEPTION_CLEAR_DAYS, True)} before the decision, "
                f"so the decision can be taken under the general exception."
            )
            return KeyDecisionNotice(
                ok=True,
                route=KeyDecisionRoute.GENERAL_EXCEPTION,
                message=" ".join(parts),
                publish_by=publish_by,
            )
        general_exception_too_late = earliest
        parts.append(
            f"The general exception notice given on "
            f"{given} was too late: it needs "
            f"{_days_phrase(GENERAL_EXCEPTION_CLEAR_DAYS, True)}, so the earliest working day "
            f"the decision can be taken is {format_date(earliest)}."
        )

    if special_urgency_agreed_on is not None:
        _check_date(special_urgency_agreed_on, "special_urgency_agreed_on")
        if special_urgency_agreed_on <= decision_date:
            parts.append(
                f"Special urgency was agreed on {format_date(special_urgency_agreed_on)} "
                f"(the decision is urgent and cannot reasonably be deferred), so it can be "
                f"taken under the special urgency rules."
            )
            return KeyDecisionNotice(
                ok=True,
                route=KeyDecisionRoute.SPECIAL_URGENCY,
                message=" ".join(parts),
                publish_by=publish_by,
            )
        parts.append(
            f"The special urgency agreement is dated "
            f"{format_date(special_urgency_agreed_on)}, after the decision, so it does not "
            f"count: agreement must be given before the decision is taken."
        )

    if general_exception_too_late is not None:
        move_to = general_exception_too_late
        if full_notice_from is not None:
            move_to = min(move_to, full_notice_from)
        parts.append(
            f"Record a special urgency agreement, or move the decision to "
            f"{format_date(move_to)} or later, before publishing {publishing}."
        )
    elif full_notice_from is not None:
        parts.append(
            f"Record a general exception or special urgency agreement before publishing "
            f"{publishing}, or move the decision to {format_date(full_notice_from)} or later."
        )
    else:
        parts.append(
            f"Record a general exception or special urgency agreement before publishing "
            f"{publishing}."
        )
    return KeyDecisionNotice(
        ok=False,
        route=KeyDecisionRoute.INSUFFICIENT,
        message=" ".join(parts),
        publish_by=publish_by,
    )


# ---------------------------------------------------------------------------
# Call-in
# ---------------------------------------------------------------------------


def call_in_ends(
    published_on: date, days: int = CALL_IN_CLEAR_DAYS, closures: Iterable[date] = ()
) -> date:
    """Last day of the call-in period for an executive decision published on ``published_on``.

    Why: under s.9F of the Local Government Act 2000 overview and scrutiny can call in
    an executive decision before it is implemented; the period is set by the council's
    constitution, commonly five clear working days after publication.  Rule: the
    ``days``-th clear working day after publication (a non-working publication day is
    moved forward first).  Example: published Friday 23 June 2017 -> Friday 30 June 2017.
    With ``days=0`` the period ends on the (working) publication day itself.
    """
    closed = _closure_set(closures)
    current = _next_working_day_on_or_after(_check_date(published_on, "published_on"), closed)
    for _ in range(_check_count(days, "days")):
        current = _next_working_day_after(current, closed)
    return current


def decision_effective_from(
    published_on: date,
    days: int = CALL_IN_CLEAR_DAYS,
    urgent: bool = False,
    closures: Iterable[date] = (),
) -> date:
    """Date an executive decision comes into force (can be implemented).

    Rule: a decision the council's constitution treats as urgent (exempt from call-in)
    takes effect on the day it is published.  Otherwise it takes effect on the first
    working day after the call-in period, i.e. after ``days`` clear working days.
    Example: published Friday 23 June 2017 -> comes into force Monday 3 July 2017.
    """
    published_on = _check_date(published_on, "published_on")
    if urgent:
        return published_on
    return clear_working_days_after(published_on, days, closures)


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------


def format_date(day: date, weekday: bool = False) -> str:
    """A date in GOV.UK style: "3 July 2017", or "Monday 3 July 2017" with ``weekday``.

    Uses fixed English names rather than ``strftime`` so the output does not depend on
    the process locale.
    """
    if isinstance(day, datetime):
        raise TypeError("format_date takes a date; use format_deadline for a datetime")
    text = f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{_WEEKDAY_NAMES[day.weekday()]} {text}" if weekday else text


def format_time(value: time | datetime) -> str:
    """A time of day in GOV.UK style: "9:30am", "12:29am", "12pm" (midday), "12am" (midnight).

    The one clock format of the site: 12-hour, minutes only when not on the hour, no
    leading zero, no full stops (Django's "a" format would give "a.m.").  An aware
    datetime is shown as UK clock time; a ``time`` (such as when minutes say a meeting
    began) is already a wall-clock time and is shown as it is.
    """
    if isinstance(value, datetime):
        value = _check_aware(value, "value").astimezone(LONDON).time()
    elif not isinstance(value, time):
        raise TypeError(f"format_time takes a time or an aware datetime, not {value!r}")
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def format_deadline(dt: datetime) -> str:
    """A deadline instant in plain English, in Europe/London time, GOV.UK style.

    Examples: "12pm on Tuesday 27 June 2017", "9:30am on Monday 3 July 2017",
    "12am on ..." for midnight; the clock is ``format_time``'s.  The instant is converted
    to UK local time first, so a UTC datetime displays as the time people in the UK see
    on the clock.
    """
    local = _check_aware(dt, "dt").astimezone(LONDON)
    return f"{format_time(local)} on {format_date(local.date(), weekday=True)}"
