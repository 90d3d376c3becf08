"""iCalendar feeds of meetings that calendar apps can follow through every change.

What a subscribed calendar needs, and why each rule is here:

- Every meeting has one UID for its whole life, built from its primary key and a fixed
  domain (`MEETINGS_CALENDAR_UID_DOMAIN`, else the host of `SITE_URL`), never
  from the request's host name or a random number: a new UID is a new event, so an edit
  would leave a duplicate behind in every subscriber's calendar.
- SEQUENCE is the meeting's `sequence`, which `MeetingPage.save()` raises whenever the
  time, venue or status of a published meeting changes; DTSTAMP and LAST-MODIFIED are
  when it was last published. With those, clients replace the old copy.
- Cancelled meetings stay in the feed with STATUS:CANCELLED (for at least 90 days after
  cancellation, and for the 12 months' history anyway), because a client only removes an
  event it is told about; an event that vanishes from a feed lingers in many clients.
- Times carry TZID=Europe/London with a matching VTIMEZONE, so a meeting moved across
  the clock change lands at the right instant in every client (the VTIMEZONE is written
  as yearly rules; see `london_vtimezone` for why not icalendar's RDATE lists).
- Part II (exempt) item titles are never read from the database here: DESCRIPTION lists
  Part I titles and only says that there is private business.
- Drafts, private pages (view restrictions) and meetings of unpublished or private
  committees never appear.

Building the events uses a fixed number of queries whatever the number of meetings, and
serialises them with a small writer that produces exactly what `icalendar` would (the
tests compare the two byte for byte): `icalendar`'s general serialiser takes over a
second for 5,000 meetings, ours a small fraction of that (see docs/benchmarks.md). The
calendar's own properties and the VTIMEZONE are built with `icalendar`.

Settings (all optional): `MEETINGS_CALENDAR_UID_DOMAIN`, `MEETINGS_CALENDAR_PAST_DAYS`
(365), `MEETINGS_CALENDAR_CANCELLED_DAYS` (90), `MEETINGS_CALENDAR_REFRESH_MINUTES` (60).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.caselessdict import canonsort_keys

from home.public_address import absolute_url, public_host
from meetings.deadlines import LONDON, format_date, format_deadline
from meetings.exempt import PART_I, PART_II

TZID = "Europe/London"
UTC = datetime.UTC
# Raised whenever the shape of the output changes, so every ETag changes with it.
FORMAT_VERSION = "1"
DEFAULT_DURATION = datetime.timedelta(hours=2)


# --- settings ----------------------------------------------------------------------------


def uid_domain():
    """The fixed domain in every UID. Set MEETINGS_CALENDAR_UID_DOMAIN once and never
    change it: changing it gives every event a new UID."""
    configured = getattr(settings, "MEETINGS_CALENDAR_UID_DOMAIN", "")
    if configured:
        return configured
    return public_host()


def past_days():
    """How many days of past meetings feeds keep (12 months by default)."""
    return int(getattr(settings, "MEETINGS_CALENDAR_PAST_DAYS", 365))


def cancelled_days():
    """How long a cancelled meeting stays in feeds after it was cancelled, at least."""
    return max(90, int(getattr(settings, "MEETINGS_CALENDAR_CANCELLED_DAYS", 90)))


def refresh_interval():
    """How often calendar apps are asked to check for changes."""
    return datetime.timedelta(
        minutes=int(getattr(settings, "MEETINGS_CALENDAR_REFRESH_MINUTES", 60))
    )


def meeting_uid(pk):
    """The meeting's UID: the same for the whole life of the meeting."""
    return f"meeting-{pk}@{uid_domain()}"


def deadline_uid(pk, index):
    """The UID of a meeting's question deadline (index 1 or 2)."""
    return f"meeting-{pk}-deadline-{index}@{uid_domain()}"


def consultation_uid(pk):
    """The UID of a consultation's closing date."""
    return f"consultation-{pk}-closes@{uid_domain()}"


def consultation_model():
    """The ConsultationPage model if the consultations app provides it, else None, so the
    meetings feeds work whether or not consultations are installed."""
    if not apps.is_installed("consultations"):
        return None
    try:
        return apps.get_model("consultations", "ConsultationPage")
    except LookupError:
        return None


# --- what a feed contains ----------------------------------------------------------------


@dataclass
class FeedSpec:
    """Which meetings (and extras) a feed holds, and what calendar apps should call it.

    `committee_ids` None means every committee. `personal` feeds are private to one
    person, so they are never stored by shared caches.
    """

    name: str
    description: str
    filename: str
    committee_ids: list[int] | None = None
    meeting_id: int | None = None
    include_deadlines: bool = False
    include_consultations: bool = False
    personal: bool = False
    extra_state: tuple = field(default_factory=tuple)


def window_start(now=None):
    """The earliest meeting start a feed includes."""
    return (now or timezone.now()) - datetime.timedelta(days=past_days())


def meetings_queryset(spec, committees, now=None):
    """Live, public meetings of `committees` for the feed: the last 12 months, every future
    meeting, and any meeting cancelled in the last 90 days."""
    from meetings.models import MeetingPage
    from meetings.models.meetings import CANCELLED

    now = now or timezone.now()
    meetings = MeetingPage.objects.live().public()
    if spec.meeting_id is not None:
        return meetings.filter(pk=spec.meeting_id)
    recently_cancelled = Q(
        status=CANCELLED,
        last_published_at__gte=now - datetime.timedelta(days=cancelled_days()),
    )
    meetings = meetings.filter(Q(start__gte=window_start(now)) | recently_cancelled)
    if spec.committee_ids is not None:
        under = Q(pk__in=[])
        for committee in committees.values():
            under |= Q(path__startswith=committee.path, depth=committee.depth + 1)
        meetings = meetings.filter(under)
    return meetings


def committees_for(spec):
    """{path: committee} for the live, public committees the feed covers."""
    from meetings.models import CommitteePage

    committees = (
        CommitteePage.objects.live().public().select_related("default_venue", "participation_rule")
    )
    if spec.committee_ids is not None:
        committees = committees.filter(pk__in=spec.committee_ids)
    return {c.path: c for c in committees}


def consultations_queryset(now=None):
    """Live, public consultations closing within the feed's window, or None."""
    model = consultation_model()
    if model is None:
        return None
    return model.objects.live().public().filter(closes_at__gte=window_start(now))


# --- conditional GET ---------------------------------------------------------------------


def feed_state(spec, now=None):
    """(ETag, Last-Modified) for a feed, from a few aggregate queries, without building it.

    The ETag covers everything the output depends on: the meetings (count, last publish,
    sum of sequences, newest id), their committees, venues, the council's name, the
    deadline rules when deadlines are included, consultations when included, the feed's
    own settings, and the format version. Last-Modified is the latest publication time
    among the meetings, committees, consultations and (for a personal feed) its choices.
    """
    from home.models import CouncilSettings
    from meetings.models import ClosureDay, DemocracySettings, ParticipationRule, Venue

    now = now or timezone.now()
    committees = committees_for(spec)
    meetings = meetings_queryset(spec, committees, now)
    agg = meetings.aggregate(
        n=Count("pk"), latest=Max("last_published_at"), seq=Sum("sequence"), top=Max("pk")
    )
    parts = [
        FORMAT_VERSION,
        uid_domain(),
        past_days(),
        cancelled_days(),
        refresh_interval(),
        spec.name,
        spec.description,
        spec.include_deadlines,
        spec.include_consultations,
        spec.extra_state,
        agg,
        sorted(
            (c.pk, c.title, c.last_published_at, c.default_venue_id) for c in committees.values()
        ),
        list(Venue.objects.order_by("pk").values_list("pk", "name", "address", "postcode")),
        list(CouncilSettings.objects.order_by("pk").values_list("council_name", flat=True)),
    ]
    stamps = [agg["latest"]] + [c.last_published_at for c in committees.values()]
    if spec.include_deadlines:
        parts += [
            list(ClosureDay.objects.order_by("date").values_list("date", flat=True)),
            list(ParticipationRule.objects.order_by("pk").values()),
            list(DemocracySettings.objects.values()),
        ]
    if spec.include_consultations:
        consultations = consultations_queryset(now)
        if consultations is not None:
            c_agg = consultations.aggregate(
                n=Count("pk"), latest=Max("last_published_at"), top=Max("pk")
            )
            parts.append(c_agg)
            stamps.append(c_agg["latest"])
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    stamps = [s for s in stamps if s is not None]
    last_modified = max(stamps) if stamps else None
    return f'"{digest}"', last_modified


# --- serialising events ------------------------------------------------------------------


@dataclass
class EventData:
    """One VEVENT's values, before serialising (by `event_ical` or `event_component`)."""

    uid: str
    summary: str
    start: datetime.datetime
    end: datetime.datetime | None
    stamp: datetime.datetime
    sequence: int
    status: str
    description: str
    url: str = ""
    location: str = ""
    transp: str = "OPAQUE"


# icalendar writes a VEVENT's properties in this order; ours must match it byte for byte.
_PROPERTY_ORDER = canonsort_keys(
    [
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DTSTAMP",
        "UID",
        "SEQUENCE",
        "DESCRIPTION",
        "LAST-MODIFIED",
        "LOCATION",
        "STATUS",
        "TRANSP",
        "URL",
    ],
    Event.canonical_order,
)


def escape_text(value):
    """Escape a TEXT value as RFC 5545 section 3.3.11 (and icalendar) do."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """Fold a content line at 75 octets (74 plus the continuation space), never inside a
    UTF-8 character or straight after a backslash, exactly as icalendar does."""
    if line.isascii():
        if len(line) < 75:
            return line
        chunks = []
        start = 0
        length = len(line)
        while start < length:
            end = start + 74
            if end < length and end - start > 1 and line[end - 1] in "\\^":
                end -= 1
            chunks.append(line[start:end])
            start = end
        return "\r\n ".join(chunks)
    chunks = []
    current = []
    size = 0
    for char in line:
        width = len(char.encode())
        if current and size + width >= 75:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                chunks.append("".join(current))
                current = [carried]
                size = len(carried.encode())
            else:
                chunks.append("".join(current))
                current = []
                size = 0
        current.append(char)
        size += width
    if current:
        chunks.append("".join(current))
    return "\r\n ".join(chunks)


def _local(value):
    """Wall-clock time in London, as a TZID=Europe/London value."""
    return value.astimezone(LONDON).strftime("%Y%m%dT%H%M%S")


def _utc(value):
    """A UTC value with the Z suffix, as DTSTAMP and LAST-MODIFIED require."""
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ical(data):
    """The VEVENT for `data` as text with CRLF line ends, as `event_component(data)
    .to_ical()` would write it."""
    stamp = _utc(data.stamp)
    values = {
        "SUMMARY": "SUMMARY:" + escape_text(data.summary),
        "DTSTART": f"DTSTART;TZID={TZID}:" + _local(data.start),
        "DTSTAMP": "DTSTAMP:" + stamp,
        "UID": "UID:" + escape_text(data.uid),
        "SEQUENCE": f"SEQUENCE:{int(data.sequence)}",
        "DESCRIPTION": "DESCRIPTION:" + escape_text(data.description),
        "LAST-MODIFIED": "LAST-MODIFIED:" + stamp,
        "STATUS": "STATUS:" + data.status,
        "TRANSP": "TRANSP:" + data.transp,
    }
    if data.end is not None:
        values["DTEND"] = f"DTEND;TZID={TZID}:" + _local(data.end)
    if data.location:
        values["LOCATION"] = "LOCATION:" + escape_text(data.location)
    if data.url:
        values["URL"] = "URL:" + data.url
    lines = ["BEGIN:VEVENT"]
    lines += [fold(values[name]) for name in _PROPERTY_ORDER if name in values]
    lines.append("END:VEVENT")
    return "\r\n".join(lines) + "\r\n"


def event_component(data):
    """The same VEVENT as an `icalendar.Event`: the reference `event_ical` must match."""
    event = Event()
    event.add("uid", data.uid)
    event.add("dtstamp", data.stamp.astimezone(UTC))
    event.add("last-modified", data.stamp.astimezone(UTC))
    event.add("sequence", int(data.sequence))
    event.add("dtstart", data.start.astimezone(LONDON))
    if data.end is not None:
        event.add("dtend", data.end.astimezone(LONDON))
    event.add("status", data.status)
    event.add("summary", data.summary)
    if data.location:
        event.add("location", data.location)
    if data.url:
        event.add("url", data.url)
    event.add("description", data.description)
    event.add("transp", data.transp)
    return event


@functools.lru_cache(maxsize=1)
def london_vtimezone():
    """The Europe/London VTIMEZONE as two yearly rules (last Sunday of March and of
    October, at 01:00 UTC), the form Outlook, Google and Thunderbird themselves publish.

    Not `Timezone.from_tzid`: icalendar 7.3 writes each observance as one RDATE property
    with every change date in a comma-separated list, and Mozilla's ical.js (Thunderbird)
    reads only the first date of such a list, so it put October meetings an hour out.
    These rules are the UK's since 1996; the tests check them against the zoneinfo
    database for every half hour from 1997 to 2037.
    """
    timezone_ = Timezone()
    timezone_.add("tzid", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("tzoffsetfrom", datetime.timedelta(0))
    summer.add("tzoffsetto", datetime.timedelta(hours=1))
    summer.add("dtstart", datetime.datetime(1996, 3, 31, 1, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=1))
    winter.add("tzoffsetto", datetime.timedelta(0))
    winter.add("dtstart", datetime.datetime(1996, 10, 27, 2, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    timezone_.add_component(summer)
    timezone_.add_component(winter)
    return timezone_


def calendar_header(spec, council_name):
    """The VCALENDAR's own properties and its VTIMEZONE, built with icalendar."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{council_name}//Meetings calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", spec.name)
    calendar.add("x-wr-calname", spec.name)
    calendar.add("description", spec.description)
    calendar.add("x-wr-caldesc", spec.description)
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", refresh_interval(), parameters={"VALUE": "DURATION"})
    minutes = int(refresh_interval().total_seconds() // 60)
    calendar.add("x-published-ttl", f"PT{minutes}M" if minutes % 60 else f"PT{minutes // 60}H")
    calendar.add_component(london_vtimezone())
    return calendar


# --- building the events -----------------------------------------------------------------


class PageUrls:
    """Full page URLs on the public address (`SITE_URL`) from `url_path`, without a query
    or a reverse() per page.

    Mirrors `Page.get_url_parts`: the most specific site root first, preferring the
    request's site when a page belongs to more than one.
    """

    def __init__(self, request=None):
        from wagtail.models import Site

        roots = list(Site.get_site_root_paths())
        if request is not None:
            site = Site.find_for_request(request)
            if site is not None:
                roots.sort(key=lambda root: root.site_id != site.pk)
        self.roots = roots
        self.prefix = reverse("wagtail_serve", args=("",))

    def full(self, url_path):
        """The full URL of the page at `url_path`, or '' if no site serves it."""
        for root in self.roots:
            if url_path.startswith(root.root_path):
                return absolute_url(self.prefix + url_path[len(root.root_path) :])
        return ""


def summary_for(title, committee_title, status):
    """SUMMARY: the meeting title, with the committee's name if the title lacks it, and
    'Cancelled:'/'Postponed:' in front so it shows in clients that hide STATUS."""
    from meetings.models.meetings import CANCELLED, POSTPONED

    text = title if committee_title.lower() in title.lower() else f"{committee_title}: {title}"
    if status == CANCELLED:
        return f"Cancelled: {text}"
    if status == POSTPONED:
        return f"Postponed: {text}"
    return text


def ical_status(status, agenda_is_published):
    """CANCELLED; TENTATIVE while the agenda is unpublished or the meeting is postponed;
    otherwise CONFIRMED."""
    from meetings.models.meetings import CANCELLED, POSTPONED

    if status == CANCELLED:
        return "CANCELLED"
    if status == POSTPONED or not agenda_is_published:
        return "TENTATIVE"
    return "CONFIRMED"


def description_for(row, url, part_one, has_part_two):
    """Plain-text DESCRIPTION: any change of status, the Part I agenda titles (never a
    Part II title), and the page link."""
    from meetings.models.meetings import CANCELLED, MOVED, POSTPONED

    lines = []
    status = row["status"]
    reason = (row["status_reason"] or "").strip()
    if status == CANCELLED:
        lines.append("This meeting has been cancelled." + (f" {reason}" if reason else ""))
    elif status == POSTPONED:
        lines.append(
            "This meeting has been postponed. A new date will be published."
            + (f" {reason}" if reason else "")
        )
    elif status == MOVED:
        was = row.get("previous_start")
        lines.append(
            "This meeting has moved"
            + (f" (it was going to be held at {format_deadline(was)})." if was else ".")
            + (f" {reason}" if reason else "")
        )
    if row["agenda_is_published"]:
        if part_one:
            lines.append("Agenda:")
            lines += [f"{number}. {title}" if number else title for number, title in part_one]
        if has_part_two:
            lines.append(
                "Some items will be considered in private, with the press and public excluded."
            )
    elif status != CANCELLED:
        lines.append("The agenda has not been published yet.")
    if row["end"] is None:
        lines.append("The finishing time is not known.")
    if url:
        lines.append(f"Details and papers: {url}")
    return "\n".join(lines)


def participation_deadlines(row, committee, closures):
    """[(label, aware datetime)] as `MeetingPage.participation_deadlines()` gives them,
    from prefetched data (the tests check the two agree)."""
    rule = committee.participation_rule
    if row["participation_deadline_override"]:
        label = rule.deadline_label if rule else "Questions and statements"
        return [(label, row["participation_deadline_override"])]
    if rule is None:
        return []
    return rule.deadlines_for(row["start"], closures)


MEETING_FIELDS = (
    "pk",
    "title",
    "path",
    "depth",
    "url_path",
    "start",
    "end",
    "venue_id",
    "status",
    "status_reason",
    "previous_start",
    "sequence",
    "agenda_is_published",
    "last_published_at",
    "latest_revision_created_at",
    "participation_deadline_override",
)


def build_events(spec, request=None, now=None):
    """All the EventData of a feed, in start order, in a fixed number of queries."""
    from meetings.models import AgendaItem, MeetingPage, Venue
    from meetings.models.meetings import CANCELLED, POSTPONED
    from meetings.models.rules import closure_dates

    now = now or timezone.now()
    urls = PageUrls(request)
    committees = committees_for(spec)
    meetings = meetings_queryset(spec, committees, now)
    steplen = MeetingPage.steplen
    # A meeting whose committee is unpublished or private is left out with it.
    rows = [
        row
        for row in meetings.order_by("start", "pk").values(*MEETING_FIELDS)
        if row["path"][:-steplen] in committees
    ]
    published = meetings.filter(agenda_is_published=True).values("pk")
    part_one = {}
    for item in (
        AgendaItem.objects.filter(meeting__in=published, part=PART_I)
        .order_by("meeting_id", "sort_order", "pk")
        .values_list("meeting_id", "number", "title")
    ):
        part_one.setdefault(item[0], []).append((item[1], item[2]))
    part_two = set(
        AgendaItem.objects.filter(meeting__in=published, part=PART_II)
        .order_by()
        .values_list("meeting_id", flat=True)
        .distinct()
    )
    venue_ids = {row["venue_id"] for row in rows if row["venue_id"]}
    venues = Venue.objects.in_bulk(venue_ids) if venue_ids else {}
    closures = closure_dates() if spec.include_deadlines else frozenset()
    addresses = {}  # venue id -> full address, worked out once per venue

    events = []
    for row in rows:
        committee = committees[row["path"][:-steplen]]
        venue = venues.get(row["venue_id"]) if row["venue_id"] else committee.default_venue
        if venue is not None and venue.pk not in addresses:
            addresses[venue.pk] = venue.full_address
        url = urls.full(row["url_path"])
        stamp = row["last_published_at"] or row["latest_revision_created_at"] or now
        start = row["start"]
        end = row["end"] if row["end"] and row["end"] > start else None
        events.append(
            EventData(
                uid=meeting_uid(row["pk"]),
                summary=summary_for(row["title"], committee.title, row["status"]),
                start=start,
                end=end or start + DEFAULT_DURATION,
                stamp=stamp,
                sequence=row["sequence"],
                status=ical_status(row["status"], row["agenda_is_published"]),
                description=description_for(
                    row, url, part_one.get(row["pk"], ()), row["pk"] in part_two
                ),
                url=url,
                location=addresses[venue.pk] if venue else "",
            )
        )
        if spec.include_deadlines:
            meeting_day = format_date(timezone.localtime(start, LONDON).date(), weekday=True)
            for index, (label, when) in enumerate(
                participation_deadlines(row, committee, closures), start=1
            ):
                events.append(
                    EventData(
                        uid=deadline_uid(row["pk"], index),
                        summary=f"{label} for {committee.title} close",
                        start=when,
                        end=None,
                        stamp=stamp,
                        sequence=row["sequence"],
                        status="CANCELLED"
                        if row["status"] in (CANCELLED, POSTPONED)
                        else "CONFIRMED",
                        description=(
                            f"{label} for the {committee.title} meeting on {meeting_day} "
                            f"close at {format_deadline(when)}."
                            + (f"\nHow to take part: {url}#public-participation" if url else "")
                        ),
                        url=url,
                        transp="TRANSPARENT",
                    )
                )
    if spec.include_consultations:
        events += consultation_events(urls, now)
    return events


def consultation_events(urls, now):
    """A closing-date event for every live, public consultation in the window."""
    consultations = consultations_queryset(now)
    if consultations is None:
        return []
    events = []
    for row in consultations.order_by("closes_at", "pk").values(
        "pk", "title", "url_path", "closes_at", "last_published_at", "latest_revision_created_at"
    ):
        url = urls.full(row["url_path"])
        events.append(
            EventData(
                uid=consultation_uid(row["pk"]),
                summary=f"Consultation closes: {row['title']}",
                start=row["closes_at"],
                end=None,
                stamp=row["last_published_at"] or row["latest_revision_created_at"] or now,
                sequence=0,
                status="CONFIRMED",
                description=(
                    f"The consultation '{row['title']}' closes at "
                    f"{format_deadline(row['closes_at'])}."
                    + (f"\nHave your say: {url}" if url else "")
                ),
                url=url,
                transp="TRANSPARENT",
            )
        )
    return events


def council_name(request=None):
    """The council's name from its settings, for PRODID and calendar names."""
    from wagtail.models import Site

    from home.models import CouncilSettings

    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return getattr(settings, "WAGTAIL_SITE_NAME", "Council")
    return CouncilSettings.for_site(site).council_name


def build_calendar(spec, request=None, now=None):
    """The whole feed as UTF-8 bytes."""
    events = build_events(spec, request, now)
    header = calendar_header(spec, council_name(request))
    head = header.to_ical().decode()
    end = "END:VCALENDAR\r\n"
    if not head.endswith(end):  # pragma: no cover - icalendar always ends this way
        raise ValueError("Unexpected calendar serialisation")
    body = "".join(event_ical(event) for event in events)
    return (head[: -len(end)] + body + end).encode()
