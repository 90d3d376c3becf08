"""Wagtail admin for public participation: the submissions list with its filters and
workflow, refusal reasons, the agenda supplement export and erasure on request."""

import django_filters
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from meetings.models import AgendaItem, MeetingPage

from . import admin_views, moderation
from .forms import meeting_label
from .models import RefusalReason, Submission
from .models.submissions import KIND_CHOICES, STATUS_CHOICES


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Submissions come only from the public form, and are never deleted from the admin
    (erasure keeps the published record), so nobody may add or delete them here."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Submission, SubmissionPermissionPolicy(Submission))


class SubmissionFilterSet(WagtailFilterSet):
    """Filters for the submissions list: meeting, status, agenda item and type."""

    meeting = django_filters.ModelChoiceFilter(
        queryset=MeetingPage.objects.filter(submissions__isnull=False)
        .distinct()
        .order_by("-start"),
        label="Meeting",
    )
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, label="Status")
    agenda_item = django_filters.ModelChoiceFilter(
        queryset=AgendaItem.objects.filter(submissions__isnull=False).distinct(),
        label="Agenda item",
    )
    kind = django_filters.ChoiceFilter(choices=KIND_CHOICES, label="Type")

    class Meta:
        model = Submission
        fields = ["meeting", "status", "agenda_item", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["meeting"].field.label_from_instance = meeting_label


class SubmissionIndexView(IndexView):
    """The list, with buttons to export a meeting for the agenda supplement and to erase
    a person's data."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("meeting", "agenda_item")

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        export_url = reverse("consultations_export")
        meeting = self.request.GET.get("meeting", "")
        if meeting.isdigit():
            export_url += f"?meeting={meeting}"
        buttons.append(
            Button("Export for the agenda supplement", url=export_url, icon_name="download")
        )
        buttons.append(
            Button(
                "Erase a person's data", url=reverse("consultations_erase_person"), icon_name="bin"
            )
        )
        return buttons


class SubmissionViewSet(ModelViewSet):
    """Questions and statements from residents, moderated by democratic services."""

    model = Submission
    name = "submissions"
    icon = "help"
    menu_label = "Questions and statements"
    index_view_class = SubmissionIndexView
    filterset_class = SubmissionFilterSet
    list_display = [
        "reference",
        Column("meeting", label="Meeting"),
        Column("item_display", label="Agenda item"),
        Column("get_kind_display", label="Type"),
        Column("get_status_display", label="Status"),
        DateColumn("submitted_at", label="Received"),
    ]
    search_fields = ["reference", "name", "text"]
    ordering = ["-submitted_at"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_urlpatterns(self):
        """Only the list, moderation and history: there is no add, copy or delete."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "delete_url_name", "usage_url_name", "copy_url_name"):
            view_kwargs.pop(name, None)
        return view_kwargs

    @property
    def edit_view(self):
        """The edit page is the moderation page: all changes go through workflow steps."""
        return self.construct_view(
            admin_views.SubmissionModerationView,
            history_url_name=self.get_url_name("history"),
        )


class RefusalReasonViewSet(ModelViewSet):
    """The reasons officers may give for refusing a submission, per participation rule."""

    model = RefusalReason
    name = "refusal_reasons"
    icon = "warning"
    menu_label = "Refusal reasons"
    list_display = ["label", "rule", "sort_order"]
    list_filter = ["rule"]
    form_fields = ["rule", "label", "description", "sort_order"]
    copy_view_enabled = False


class ParticipationViewSetGroup(ModelViewSetGroup):
    """One 'Public participation' menu for democratic services."""

    menu_label = "Public participation"
    menu_icon = "help"
    menu_order = 160
    items = (SubmissionViewSet, RefusalReasonViewSet)


@hooks.register("register_admin_viewset")
def register_participation_viewsets():
    return ParticipationViewSetGroup()


@hooks.register("register_admin_urls")
def register_participation_urls():
    return [
        path("participation/export/", admin_views.export_view, name="consultations_export"),
        path(
            "participation/erase/",
            admin_views.erase_person_view,
            name="consultations_erase_person",
        ),
    ]


@hooks.register("register_log_actions")
def register_participation_log_actions(actions):
    moderation.register_log_actions(actions)
