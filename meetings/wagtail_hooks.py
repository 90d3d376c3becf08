"""Admin registration for the meetings app, and the guard on exempt papers."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from meetings.exempt import is_exempt_document
from meetings.models import (
    ClosureDay,
    Decision,
    ForwardPlanEntry,
    MeetingPage,
    ParticipationRule,
    Venue,
)


class DecisionViewSet(SnippetViewSet):
    """The decisions register in the admin: drafts, revisions and publishing."""

    model = Decision
    icon = "tick-inverse"
    menu_label = "Decisions"
    list_display = ["title", "decision_maker", "decision_date", "is_key_decision", "live"]
    list_filter = ["maker_type", "is_key_decision", "live"]
    search_fields = ["title"]
    ordering = ["-decision_date"]


class ForwardPlanEntryViewSet(SnippetViewSet):
    """Forward plan entries with draft and publish, so notice dates are recorded."""

    model = ForwardPlanEntry
    icon = "date"
    menu_label = "Forward plan"
    list_display = ["reference", "title", "decision_date", "status", "first_published_on", "live"]
    list_filter = ["status", "live"]
    search_fields = ["title", "reference"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "postcode"]


class ParticipationRuleViewSet(SnippetViewSet):
    model = ParticipationRule
    icon = "group"
    menu_label = "Participation rules"
    list_display = ["name", "clear_working_days", "deadline_time", "word_limit"]


class ClosureDayViewSet(SnippetViewSet):
    model = ClosureDay
    icon = "calendar-alt"
    menu_label = "Closure days"
    list_display = ["date", "description"]
    ordering = ["-date"]


class DemocracyViewSetGroup(SnippetViewSetGroup):
    """One 'Democracy' menu for everything democratic services edit outside the page tree."""

    menu_label = "Democracy"
    menu_icon = "group"
    menu_order = 150
    items = (
        DecisionViewSet,
        ForwardPlanEntryViewSet,
        VenueViewSet,
        ParticipationRuleViewSet,
        ClosureDayViewSet,
    )


register_snippet(DemocracyViewSetGroup)


@hooks.register("before_serve_document")
def refuse_exempt_papers(document, request):
    """Part II papers are never served to the public: 404, as if they did not exist.

    Signed-in editors who may manage documents can still open them.
    """
    if not is_exempt_document(document):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.has_perm("wagtaildocs.change_document"):
        return None
    raise Http404("This paper is exempt from publication.")


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_meetings(request, action_type, objects, action_class_instance):
    """Publishing a meeting checks its statutory notices (a late agenda needs a reason; every
    key decision needs its published forward plan entry) in the meeting's editor form. Wagtail's
    bulk "Publish" skips that form, so meetings are published one at a time, in their editor."""
    if action_type != "publish":
        return None
    meetings = [page for page in objects if isinstance(page.specific, MeetingPage)]
    form = getattr(action_class_instance, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            meetings += MeetingPage.objects.descendant_of(page).not_live()
    if not meetings:
        return None
    names = ", ".join(f"'{page.title}'" for page in meetings)
    messages.error(
        request,
        f"Meetings cannot be published in bulk, because each one's agenda deadline and key "
        f"decision notices are checked when it is published. Open {names} and publish it "
        "from its editor.",
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
