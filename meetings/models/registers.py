"""The 'Decisions and forward plan' section: the decisions register and the forward plan.

Decisions and forward plan entries are snippets with draft and publish; these pages list
the published ones and show each on a route of its own.
"""

from django.http import Http404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .decisions import Decision, special_urgency_decisions
from .forward_plan import OPEN_STATUSES, ForwardPlanEntry, notice_rules


class DecisionIndexPage(RoutablePageMixin, Page):
    """The decisions register, filterable by decision maker, date and key decision."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence about what the register holds and about call-in.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.ForwardPlanPage"]
    max_count = 1

    class Meta:
        verbose_name = "decisions register"

    @path("")
    def register(self, request):
        """Published decisions for the chosen filters; a year at a time, never paged, so
        every decision is two clicks from this page."""
        from meetings.forms import DecisionFilterForm

        form = DecisionFilterForm(request.GET or None, register=self)
        decisions = Decision.objects.filter(live=True).select_related("committee", "meeting")
        filters = form.cleaned_data if form.is_valid() else form.initial_filters()
        decisions = form.apply(decisions, filters)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "decisions": decisions,
                "years": form.year_choices_with_counts(),
                "selected_year": filters.get("year"),
                "forward_plan": ForwardPlanPage.objects.child_of(self).live().first(),
            },
        )

    @path("<int:pk>/")
    def decision_detail(self, request, pk):
        decision = (
            Decision.objects.filter(live=True, pk=pk)
            .select_related("committee", "meeting", "forward_plan_entry", "agenda_item")
            .first()
        )
        if decision is None:
            raise Http404("No published decision with that number.")
        if decision.forward_plan_entry and decision.forward_plan_entry.live:
            # The notice the decision relied on, on the day it was taken.
            decision.forward_plan_entry.notice = decision.notice()
        return self.render(
            request,
            template="meetings/decision_detail.html",
            context_overrides={
                "decision": decision,
                "today": timezone.localdate(),
                "forward_plan": ForwardPlanPage.objects.child_of(self).live().first(),
            },
        )

    @path("special-urgency/")
    def special_urgency(self, request):
        """The register of key decisions taken under special urgency, by year, never paged:
        what the leader reports to council on at least once a year (reg 19)."""
        by_year = {}
        for decision in special_urgency_decisions():
            by_year.setdefault(decision.decision_date.year, []).append(decision)
        return self.render(
            request,
            template="meetings/special_urgency_register.html",
            context_overrides={
                "years": list(by_year.items()),
                "forward_plan": ForwardPlanPage.objects.child_of(self).live().first(),
            },
        )


class ForwardPlanPage(RoutablePageMixin, Page):
    """The forward plan of key decisions: the current plan, and past entries by year."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Explain what a key decision is and how to see the documents.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["meetings.DecisionIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "forward plan"

    @staticmethod
    def with_notices(entries):
        """The entries, each with its `notice` route and whether it is `taken_in_private`,
        worked out with one settings load and one agenda query for the whole list."""
        entries = list(entries)
        rules = notice_rules()
        private = ForwardPlanEntry.private_statuses(entries)
        for entry in entries:
            entry.notice = entry.notice_status(rules=rules)
            entry.private = private[entry.pk]
        return entries

    def get_context(self, request, *args, **kwargs):
        """Every view links the decisions register (for decisions and the register of
        special urgency decisions) when it is public."""
        context = super().get_context(request, *args, **kwargs)
        context["decisions_page"] = (
            DecisionIndexPage.objects.live().public().parent_of(self).first()
        )
        return context

    @path("")
    def current(self, request):
        """Entries still to be decided (and any decided in the last 28 days)."""
        today = timezone.localdate()
        entries = ForwardPlanEntry.objects.filter(live=True).select_related("committee")
        current = entries.filter(status__in=OPEN_STATUSES).order_by("decision_date")
        past_years = entries.exclude(status__in=OPEN_STATUSES).dates(
            "decision_date", "year", order="DESC"
        )
        return self.render(
            request,
            context_overrides={
                "entries": self.with_notices(current),
                "today": today,
                "past_years": [d.year for d in past_years],
                "showing": "current",
            },
        )

    @path("past/<int:year>/")
    def past(self, request, year):
        entries = (
            ForwardPlanEntry.objects.filter(live=True, decision_date__year=year)
            .exclude(status__in=OPEN_STATUSES)
            .select_related("committee")
            .order_by("decision_date")
        )
        return self.render(
            request,
            context_overrides={
                "entries": self.with_notices(entries),
                "showing": "past",
                "year": year,
            },
        )

    @path("<int:pk>/")
    def entry_detail(self, request, pk):
        entry = (
            ForwardPlanEntry.objects.filter(live=True, pk=pk).select_related("committee").first()
        )
        if entry is None:
            raise Http404("No published forward plan entry with that number.")
        from .meetings import MeetingPage

        meetings = MeetingPage.objects.live().public()
        return self.render(
            request,
            template="meetings/forward_plan_entry.html",
            context_overrides={
                "entry": self.with_notices([entry])[0],
                "agenda_items": entry.agenda_items.filter(meeting__in=meetings.values("pk"))
                .select_related("meeting")
                .order_by("meeting__start", "sort_order"),
                "decisions": entry.decisions.filter(live=True).order_by("decision_date", "pk"),
            },
        )
