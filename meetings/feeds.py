"""The meetings app's feeds: iCalendar (one function per feed) and RSS/Atom (one class per
feed, Django's syndication framework, item text from templates/feeds/).

iCalendar feeds: every meeting; one committee; a chosen set of committees; a councillor's
committees; one meeting (a download); and a person's private feed. Each answers a
conditional GET with 304 using an ETag and Last-Modified worked out from a few aggregate
queries (`meetings.calendars.feed_state`), before anything is built.

RSS/Atom: a committee's news (agendas, minutes, decisions), the decisions register, the
forward plan and consultations.
"""

import datetime
from calendar import timegm
from dataclasses import dataclass

from django import forms
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date
from django.utils.text import slugify

from home.public_address import absolute_url, page_url
from meetings import calendars
from meetings.deadlines import LONDON, format_deadline
from meetings.exempt import PART_I

PUBLIC_MAX_AGE = 15 * 60
RSS_ITEMS = 50


# --- iCalendar ---------------------------------------------------------------------------


def ics_response(request, spec, attachment=False):
    """Serve `spec` as text/calendar, answering a matching conditional GET with 304."""
    etag, last_modified = calendars.feed_state(spec)
    modified = int(timegm(last_modified.utctimetuple())) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = HttpResponse(
            calendars.build_calendar(spec, request), content_type="text/calendar; charset=utf-8"
        )
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{spec.filename}"'
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    if spec.personal:
        # A private address: never kept by a shared cache, never sent on as a referrer.
        patch_cache_control(response, private=True, max_age=PUBLIC_MAX_AGE)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex"
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def _council(request):
    """The council's name, for feed titles."""
    return calendars.council_name(request)


def all_meetings_spec(request):
    """The spec of the feed of every committee's meetings."""
    council = _council(request)
    return calendars.FeedSpec(
        name=f"{council} meetings",
        description=f"Every public meeting of {council}: times, places, agendas and changes.",
        filename="council-meetings.ics",
    )


def committee_spec(request, committees):
    """The spec for one or several committees' meetings."""
    council = _council(request)
    titles = [c.title for c in committees]
    if len(titles) == 1:
        name = f"{titles[0]} meetings ({council})"
        filename = f"{slugify(titles[0]) or 'committee'}-meetings.ics"
    else:
        name = f"{council} meetings: {len(titles)} committees"
        filename = "committee-meetings.ics"
    return calendars.FeedSpec(
        name=name,
        description="Meetings of " + " and ".join(sorted(titles)) + f" ({council}).",
        filename=filename,
        committee_ids=sorted(c.pk for c in committees),
    )


def all_meetings_ics(request):
    """Every committee's meetings."""
    return ics_response(request, all_meetings_spec(request))


def _live_committees():
    """Live, public committees: the only ones with feeds."""
    from meetings.models import CommitteePage

    return CommitteePage.objects.live().public().order_by("title")


def committee_ics(request, pk):
    """One committee's meetings."""
    committee = get_object_or_404(_live_committees(), pk=pk)
    return ics_response(request, committee_spec(request, [committee]))


class CommitteeSelectionForm(forms.Form):
    """The committees of a combined feed, from the query string (`?committee=1&committee=2`)."""

    committee = forms.ModelMultipleChoiceField(
        queryset=None,
        required=True,
        error_messages={
            "required": "Choose at least one committee for your calendar.",
            "invalid_choice": "One of the committees in this calendar address is not on the "
            "list any more. Choose the committees again.",
            "invalid_pk_value": "This calendar address is not complete. Choose the "
            "committees again.",
            "invalid_list": "This calendar address is not complete. Choose the committees again.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = _live_committees()


def committees_ics(request):
    """Several committees' meetings in one feed, as chosen on the subscribe page."""
    form = CommitteeSelectionForm(request.GET)
    if not form.is_valid():
        # Someone who opens the address without a choice is told what to choose, not 404.
        messages = [message for errors in form.errors.values() for message in errors]
        return render(
            request, "meetings/committees_calendar_error.html", {"errors": messages}, status=400
        )
    return ics_response(request, committee_spec(request, list(form.cleaned_data["committee"])))


def councillor_ics(request, pk):
    """Meetings of the committees a councillor sits on."""
    from meetings.models import CommitteeMembership, CouncillorPage

    councillor = get_object_or_404(CouncillorPage.objects.live().public(), pk=pk)
    committee_ids = sorted(
        set(
            CommitteeMembership.objects.filter(
                councillor=councillor, committee__live=True
            ).values_list("committee_id", flat=True)
        )
    )
    council = _council(request)
    spec = calendars.FeedSpec(
        name=f"{councillor.full_name}: committee meetings ({council})",
        description=f"Meetings of the committees {councillor.full_name} sits on.",
        filename=f"{slugify(councillor.title) or 'councillor'}-meetings.ics",
        committee_ids=committee_ids,
        extra_state=(councillor.pk, councillor.title, tuple(committee_ids)),
    )
    return ics_response(request, spec)


def meeting_ics(request, pk):
    """One meeting, as a file to open in a calendar app."""
    from meetings.models import MeetingPage

    meeting = get_object_or_404(MeetingPage.objects.live().public(), pk=pk)
    committee = meeting.committee
    if committee is None or not committee.live:
        raise Http404("No such meeting.")
    local = meeting.start.astimezone(LONDON)
    spec = calendars.FeedSpec(
        name=f"{meeting.title} ({_council(request)})",
        description=f"{committee.title} meeting, {format_deadline(meeting.start)}.",
        filename=f"{slugify(committee.title) or 'meeting'}-{local:%Y-%m-%d}.ics",
        committee_ids=[committee.pk],
        meeting_id=meeting.pk,
    )
    return ics_response(request, spec, attachment=True)


def personal_spec(request, calendar):
    """A person's own feed: their committees, with deadlines and consultations if chosen."""
    council = _council(request)
    committee_ids = sorted(calendar.committees.values_list("pk", flat=True))
    return calendars.FeedSpec(
        name=f"My {council} meetings",
        description="The meetings, deadlines and consultations you chose on "
        f"the {council} website.",
        filename="my-council-meetings.ics",
        committee_ids=committee_ids,
        include_deadlines=calendar.include_deadlines,
        include_consultations=calendar.include_consultations,
        personal=True,
        extra_state=(calendar.pk, calendar.key, calendar.updated_at, tuple(committee_ids)),
    )


def personal_ics(request, key, secret):
    """A person's private feed. A wrong or replaced address is simply not found."""
    from meetings.models import PersonalCalendar

    calendar = PersonalCalendar.for_address(key, secret)
    if calendar is None:
        raise Http404("No calendar at this address.")
    return ics_response(request, personal_spec(request, calendar))


# --- RSS and Atom ------------------------------------------------------------------------


@dataclass
class NewsItem:
    """One item of a news feed, whatever it is about."""

    title: str
    link: str
    pubdate: datetime.datetime
    guid: str
    summary: str = ""
    lines: tuple = ()


def _midnight(day):
    """The start of `day` in UK time, for items that only have a date."""
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=LONDON)


@dataclass
class FeedSubject:
    """What a feed is about, with the request: one Feed instance serves every request, so
    the request is passed along here rather than kept on the instance."""

    page: object
    request: object


class NewsFeed(Feed):
    """Shared behaviour: items are NewsItems, described by templates in templates/feeds/."""

    description_template = "feeds/news_item.html"

    def item_title(self, item):
        return item.title

    def feed_url(self, subject):
        """The feed's own address (Atom's rel="self"), on the public address."""
        return absolute_url(subject.request.get_full_path())

    def item_link(self, item):
        return item.link or absolute_url("/")

    def item_pubdate(self, item):
        return item.pubdate

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False


def _decision_link(decisions_page, pk, request=None):
    """A decision's page on the decisions register ('' if there is no register)."""
    if decisions_page is None:
        return ""
    return page_url(decisions_page, request) + decisions_page.reverse_subpage(
        "decision_detail", args=[pk]
    ).lstrip("/")


def _decisions_page():
    """The live decisions register page, if there is one."""
    from meetings.models import DecisionIndexPage

    return DecisionIndexPage.objects.live().public().first()


def decision_items(decisions, request=None):
    """NewsItems for published decisions (newest first)."""
    page = _decisions_page()
    domain = calendars.uid_domain()
    items = []
    for decision in decisions:
        when = decision.last_published_at or _midnight(decision.published_on)
        items.append(
            NewsItem(
                title=f"Decision: {decision.title}",
                link=_decision_link(page, decision.pk, request),
                pubdate=when,
                guid=f"decision-{decision.pk}@{domain}",
                summary=f"{decision.decision_maker}, {decision.decision_date:%-d %B %Y}.",
            )
        )
    return items


class CommitteeNewsFeed(NewsFeed):
    """A committee's news: agendas published, minutes published and its decisions."""

    def get_object(self, request, pk):
        return FeedSubject(get_object_or_404(_live_committees(), pk=pk), request)

    def title(self, subject):
        return f"{subject.page.title}: agendas, minutes and decisions"

    def link(self, subject):
        return page_url(subject.page, subject.request)

    def description(self, subject):
        return f"New agendas, minutes and decisions of {subject.page.title}."

    def items(self, subject):
        from meetings.models import AgendaItem, Decision, MeetingPage, MinutesPage

        committee = subject.page
        domain = calendars.uid_domain()
        urls = calendars.PageUrls(subject.request)
        meetings = {
            m.path: m
            for m in MeetingPage.objects.child_of(committee)
            .live()
            .public()
            .only(
                "pk",
                "title",
                "path",
                "url_path",
                "start",
                "agenda_is_published",
                "agenda_published_at",
                "status",
            )
        }
        agendas = [m for m in meetings.values() if m.agenda_is_published and m.agenda_published_at]
        titles = {}
        for meeting_id, number, title in (
            AgendaItem.objects.filter(meeting__in=[m.pk for m in agendas], part=PART_I)
            .order_by("sort_order", "pk")
            .values_list("meeting_id", "number", "title")
        ):
            titles.setdefault(meeting_id, []).append(f"{number}. {title}" if number else title)
        items = [
            NewsItem(
                title=f"Agenda published: {m.title}",
                link=urls.full(m.url_path),
                pubdate=m.agenda_published_at,
                guid=f"agenda-{m.pk}@{domain}",
                summary=f"The agenda for the meeting at {format_deadline(m.start)} "
                "has been published.",
                lines=tuple(titles.get(m.pk, ())),
            )
            for m in agendas
        ]
        for minutes in (
            MinutesPage.objects.descendant_of(committee)
            .live()
            .public()
            .filter(depth=committee.depth + 2)
            .only("pk", "title", "path", "url_path", "first_published_at", "minutes_status")
        ):
            meeting = meetings.get(minutes.path[: -minutes.steplen])
            if meeting is None:
                continue
            items.append(
                NewsItem(
                    title=f"Minutes published: {meeting.title}",
                    link=urls.full(minutes.url_path),
                    pubdate=minutes.first_published_at,
                    guid=f"minutes-{minutes.pk}@{domain}",
                    summary=f"The {minutes.status_noun()} of the meeting at "
                    f"{format_deadline(meeting.start)}.",
                )
            )
        decisions = Decision.objects.filter(live=True, committee=committee).order_by(
            "-published_on", "-pk"
        )[:RSS_ITEMS]
        items += decision_items(decisions, subject.request)
        items.sort(key=lambda item: item.pubdate, reverse=True)
        return items[:RSS_ITEMS]


class CommitteeNewsAtomFeed(CommitteeNewsFeed):
    """The committee's news as Atom, for readers that prefer it."""

    feed_type = Atom1Feed

    def subtitle(self, subject):
        return self.description(subject)


class DecisionsFeed(NewsFeed):
    """The decisions register: the latest published decisions."""

    def get_object(self, request):
        return FeedSubject(_decisions_page(), request)

    def title(self, subject):
        return "Decisions register"

    def link(self, subject):
        return page_url(subject.page, subject.request) if subject.page else absolute_url("/")

    def description(self, subject):
        return "Decisions of the Cabinet, cabinet members, committees, Council and officers."

    def items(self, subject):
        from meetings.models import Decision

        decisions = Decision.objects.filter(live=True).order_by("-published_on", "-pk")
        return decision_items(decisions[:RSS_ITEMS], subject.request)


class DecisionsAtomFeed(DecisionsFeed):
    """The decisions register as Atom."""

    feed_type = Atom1Feed
    subtitle = DecisionsFeed.description


class ForwardPlanFeed(NewsFeed):
    """The forward plan: key decisions as they are added or updated."""

    def get_object(self, request):
        from meetings.models import ForwardPlanPage

        return FeedSubject(ForwardPlanPage.objects.live().public().first(), request)

    def title(self, subject):
        return "Forward plan of key decisions"

    def link(self, subject):
        return page_url(subject.page, subject.request) if subject.page else absolute_url("/")

    def description(self, subject):
        return "Key decisions the Cabinet intends to take, added and updated."

    def items(self, subject):
        from meetings.models import ForwardPlanEntry

        page = subject.page
        domain = calendars.uid_domain()
        base = page_url(page, subject.request) if page else ""
        entries = (
            ForwardPlanEntry.objects.filter(live=True)
            .exclude(last_published_at=None)
            .order_by("-last_published_at", "-pk")[:RSS_ITEMS]
        )
        private = ForwardPlanEntry.private_statuses(entries)
        items = []
        for entry in entries:
            link = ""
            if page is not None:
                link = base + page.reverse_subpage("entry_detail", args=[entry.pk]).lstrip("/")
            items.append(
                NewsItem(
                    title=f"{entry.reference}: {entry.title}" if entry.reference else entry.title,
                    link=link,
                    pubdate=entry.last_published_at,
                    # A new GUID for each update, so readers show the update as news.
                    guid=f"forward-plan-{entry.pk}-{entry.last_published_at:%Y%m%d%H%M%S}@{domain}",
                    summary=f"{entry.get_status_display()}. Decision maker: "
                    f"{entry.decision_maker}. Date: "
                    f"{entry.decision_period or f'{entry.decision_date:%-d %B %Y}'}. "
                    f"Taken in private: {private[entry.pk].short}.",
                    lines=(entry.summary,),
                )
            )
        return items


class ForwardPlanAtomFeed(ForwardPlanFeed):
    """The forward plan as Atom."""

    feed_type = Atom1Feed
    subtitle = ForwardPlanFeed.description


class ConsultationsFeed(NewsFeed):
    """Public consultations, newest first (if the consultations app provides them)."""

    def get_object(self, request):
        model = calendars.consultation_model()
        if model is None:
            raise Http404("Consultations are not available.")
        return FeedSubject(model, request)

    def title(self, subject):
        return "Consultations"

    def link(self, subject):
        index = subject.page.objects.live().public().first()
        parent = index.get_parent() if index else None
        return page_url(parent, subject.request) if parent else absolute_url("/")

    def description(self, subject):
        return "Public consultations: have your say before they close."

    def items(self, subject):
        model = subject.page
        domain = calendars.uid_domain()
        urls = calendars.PageUrls(subject.request)
        return [
            NewsItem(
                title=f"Consultation: {page.title}",
                link=urls.full(page.url_path),
                pubdate=page.first_published_at,
                guid=f"consultation-{page.pk}@{domain}",
                summary=f"Open from {page.opens_on:%-d %B %Y}; closes at "
                f"{format_deadline(page.closes_at)}.",
            )
            for page in model.objects.live()
            .public()
            .exclude(first_published_at=None)
            .order_by("-first_published_at")
            .only("pk", "title", "url_path", "first_published_at", "opens_on", "closes_at")[
                :RSS_ITEMS
            ]
        ]


class ConsultationsAtomFeed(ConsultationsFeed):
    """Consultations as Atom."""

    feed_type = Atom1Feed
    subtitle = ConsultationsFeed.description
