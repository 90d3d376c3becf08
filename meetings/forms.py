"""Forms: the meeting editor's publication checks and the public register filters."""

from django import forms
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from meetings import deadlines
from meetings.exempt import PART_II, exempt_collection, is_exempt_document


class MeetingPageForm(WagtailAdminPageForm):
    """Checks a meeting before it is saved or published.

    - Publishing an agenda after its statutory deadline needs a recorded reason.
    - A second meeting of the committee on the same day needs a title suffix.
    - Part II papers are moved into the restricted 'Exempt papers' collection, and a
      Part I item may not publish a document held there.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.parent_page is not None and not self.instance.path:
            # A new meeting is not in the tree yet: tell it its committee, so its title,
            # slug check and deadlines (shown again after a validation error) use it.
            self.instance.committee = self.parent_page.specific

    def clean(self):
        cleaned = super().clean()
        publishing = "action-publish" in self.data
        start = cleaned.get("start")
        if start and "title_suffix" in cleaned:
            self.instance.start = start
            self.instance.title_suffix = cleaned["title_suffix"]
            clash = self.instance.same_day_clash()
            if clash:
                self.add_error("title_suffix", clash)
        if (
            publishing
            and start
            and cleaned.get("agenda_is_published")
            and not self.instance.agenda_published_at
            and not (cleaned.get("late_publication_reason") or "").strip()
        ):
            meeting = self.instance
            meeting.start = start
            latest = meeting.agenda_deadline()
            today = timezone.localdate()
            if today > latest and timezone.localdate(start) >= today:
                self.add_error(
                    "late_publication_reason",
                    "This agenda is late: it had to be published by "
                    f"{deadlines.format_date(latest, weekday=True)}, "
                    f"{meeting.democracy_settings.agenda_clear_days} clear working days before "
                    "the meeting. To publish it now, record the special circumstances that "
                    "justify it. The chair must give the reason at the meeting and it is "
                    "minuted.",
                )
        self._check_exempt_papers()
        if publishing:
            self._check_key_decisions()
        return cleaned

    def _check_key_decisions(self):
        """A published agenda shows every item, so each key decision on it must link to its
        notice on the published forward plan (regs 9 to 11): refuse to publish otherwise."""
        formset = self.formsets.get("agenda_items")
        if formset is None:
            return
        formset.is_valid()
        for item_form in formset.forms:
            data = getattr(item_form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("is_key_decision"):
                continue
            entry = data.get("forward_plan_entry")
            title = data.get("title") or "This item"
            if entry is None:
                item_form.add_error(
                    "forward_plan_entry",
                    f"'{title}' is a key decision: link it to its forward plan entry before "
                    "publishing the meeting. A key decision cannot be taken without notice on "
                    "the forward plan, a general exception or a special urgency agreement.",
                )
            elif not entry.live:
                item_form.add_error(
                    "forward_plan_entry",
                    f"The forward plan entry '{entry}' is not published, so the public has not "
                    f"been given notice of '{title}'. Publish the entry first.",
                )

    def _check_exempt_papers(self):
        formset = self.formsets.get("agenda_items")
        if formset is None:
            return
        # This form is cleaned before its formsets, so clean the agenda items now.
        formset.is_valid()
        item_papers = []
        for item_form in formset.forms:
            if not hasattr(item_form, "cleaned_data") or item_form.cleaned_data.get("DELETE"):
                continue
            papers = item_form.cleaned_data.get("papers") or []
            documents = [b.value.get("document") for b in papers if b.value.get("document")]
            item_papers.append((item_form, item_form.cleaned_data.get("part"), documents))
        # Part II papers are moved into the exempt collection on save.
        part_two = {d.pk for _, part, docs in item_papers if part == PART_II for d in docs}
        for item_form, part, documents in item_papers:
            if part == PART_II:
                continue
            for document in documents:
                if is_exempt_document(document):
                    item_form.add_error(
                        "papers",
                        f"'{document.title}' is held as an exempt (Part II) paper. Move it out "
                        "of the exempt papers collection first if it may now be published.",
                    )
                elif document.pk in part_two:
                    item_form.add_error(
                        "papers",
                        f"'{document.title}' is also a paper of a Part II item, so it cannot be "
                        "published with a Part I item.",
                    )

    def save(self, commit=True):
        """Keep every Part II paper in the restricted collection, drafts included."""
        page = super().save(commit=commit)
        formset = self.formsets.get("agenda_items")
        if formset is not None:
            collection = None
            for item_form in formset.forms:
                data = getattr(item_form, "cleaned_data", {})
                if data.get("DELETE") or data.get("part") != PART_II:
                    continue
                for block in data.get("papers") or []:
                    document = block.value.get("document")
                    if document is not None and not is_exempt_document(document):
                        collection = collection or exempt_collection()
                        document.collection = collection
                        document.save(update_fields=["collection"])
        return page


class DecisionFilterForm(forms.Form):
    """Filters for the public decisions register. Every query parameter is parsed here."""

    year = forms.IntegerField(label="Year", required=False, min_value=1900, max_value=2200)
    maker = forms.ChoiceField(label="Decision maker", required=False, choices=())
    key_only = forms.BooleanField(label="Only key decisions", required=False)
    date_from = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text="For example, 27/03/2017",
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text="For example, 31/07/2017",
    )

    def __init__(self, *args, register=None, **kwargs):
        from meetings.models import Decision

        super().__init__(*args, **kwargs)
        self.published = Decision.objects.filter(live=True)
        years = self.year_choices_with_counts()
        self.year_choices = [("", "All years")] + [(y, str(y)) for y, _ in years]
        makers = sorted(set(self.published.values_list("decision_maker", flat=True)))
        self.fields["maker"].choices = [("", "Any decision maker")] + [(m, m) for m in makers]

    def year_choices_with_counts(self):
        """[(year, number of decisions)] newest first, in one query."""
        rows = (
            self.published.annotate(year=ExtractYear("decision_date"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )
        return [(row["year"], row["count"]) for row in rows]

    def initial_filters(self):
        """With no filters chosen, show the latest year that has decisions."""
        years = self.year_choices_with_counts()
        return {"year": years[0][0] if years else None}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date.")
        return cleaned

    def apply(self, queryset, filters):
        """Narrow a decision queryset by the cleaned filters."""
        if filters.get("year"):
            queryset = queryset.filter(decision_date__year=filters["year"])
        if filters.get("maker"):
            queryset = queryset.filter(decision_maker=filters["maker"])
        if filters.get("key_only"):
            queryset = queryset.filter(is_key_decision=True)
        if filters.get("date_from"):
            queryset = queryset.filter(decision_date__gte=filters["date_from"])
        if filters.get("date_to"):
            queryset = queryset.filter(decision_date__lte=filters["date_to"])
        return queryset.order_by("-decision_date", "-pk")
