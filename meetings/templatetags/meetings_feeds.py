"""Template tags for feed links and subscribing: which feeds mirror a page, absolute and
webcal:// addresses, and whether the signed-in person follows a committee."""

from django import template
from django.urls import reverse

from home import public_address

register = template.Library()

CALENDAR = "text/calendar"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"


def _feed(kind, title, url_name, *args):
    """One feed link: its MIME type, title and address."""
    return {"type": kind, "title": title, "href": reverse(url_name, args=args)}


@register.simple_tag
def feeds_for(page, committee=None):
    """[{type, title, href}] of the feeds that mirror `page`, for <link rel="alternate">
    in the head and for links in the body."""
    from meetings.calendars import consultation_model
    from meetings.models import (
        CommitteeIndexPage,
        CommitteePage,
        CouncillorPage,
        DecisionIndexPage,
        ForwardPlanPage,
        MeetingPage,
    )

    if page is None:
        return []
    if isinstance(page, MeetingPage):
        committee = committee or page.committee
        found = [_feed(CALENDAR, f"{page.title} (calendar file)", "meetings:meeting_ics", page.pk)]
        if committee is not None:
            found += [
                _feed(
                    CALENDAR,
                    f"{committee.title} meetings calendar",
                    "meetings:committee_ics",
                    committee.pk,
                ),
                _feed(
                    RSS,
                    f"{committee.title}: agendas, minutes and decisions",
                    "meetings:committee_rss",
                    committee.pk,
                ),
            ]
        return found
    if isinstance(page, CommitteePage):
        return [
            _feed(CALENDAR, f"{page.title} meetings calendar", "meetings:committee_ics", page.pk),
            _feed(
                RSS,
                f"{page.title}: agendas, minutes and decisions",
                "meetings:committee_rss",
                page.pk,
            ),
            _feed(
                ATOM,
                f"{page.title}: agendas, minutes and decisions (Atom)",
                "meetings:committee_atom",
                page.pk,
            ),
        ]
    if isinstance(page, CommitteeIndexPage):
        return [_feed(CALENDAR, "All council meetings calendar", "meetings:all_meetings_ics")]
    if isinstance(page, DecisionIndexPage):
        return [
            _feed(RSS, "Decisions register", "meetings:decisions_rss"),
            _feed(ATOM, "Decisions register (Atom)", "meetings:decisions_atom"),
        ]
    if isinstance(page, ForwardPlanPage):
        return [
            _feed(RSS, "Forward plan of key decisions", "meetings:forward_plan_rss"),
            _feed(ATOM, "Forward plan of key decisions (Atom)", "meetings:forward_plan_atom"),
        ]
    if isinstance(page, CouncillorPage):
        return [
            _feed(
                CALENDAR,
                f"Meetings of {page.full_name}'s committees",
                "meetings:councillor_ics",
                page.pk,
            )
        ]
    consultation = consultation_model()
    if consultation is not None and page._meta.app_label == "consultations":
        return [_feed(RSS, "Consultations", "meetings:consultations_rss")]
    return []


@register.simple_tag
def absolute_url(path):
    """`path` as a full address on the site's public address (SITE_URL)."""
    return public_address.absolute_url(path)


@register.filter
def webcal(url):
    """An http(s):// address as webcal://, which opens the calendar app to subscribe."""
    if "://" in url:
        return "webcal://" + url.split("://", 1)[1]
    return url


@register.simple_tag(takes_context=True)
def follows_committee(context, committee):
    """True if the signed-in person gets email alerts about `committee`."""
    from meetings.models import CommitteeFollow

    request = context.get("request")
    user = getattr(request, "user", None)
    if committee is None or user is None or not user.is_authenticated:
        return False
    return CommitteeFollow.objects.filter(user=user, committee=committee).exists()
