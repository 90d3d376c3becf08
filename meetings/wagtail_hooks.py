"""Admin registration for the meetings app, and the guard on exempt papers."""

from django.http import Http404
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from meetings.exempt import is_exempt_document
from meetings.models import ClosureDay, Decision, ForwardPlanEntry, ParticipationRule, Venue


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
