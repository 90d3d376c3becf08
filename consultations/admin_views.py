"""Wagtail admin views for democratic services: moderate one submission, export a
meeting's accepted submissions, and erase one person's data on request."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets.button import HeaderButton

from meetings.deadlines import format_deadline

from . import moderation
from .exports import export_rows, to_csv, to_xlsx
from .forms import AcceptForm, AnswerForm, ErasePersonForm, ExportForm, RedactForm, RejectForm
from .models import Submission
from .rules import possible_repeats, refusal_reasons_for

STEP_FORMS = {
    "accept": AcceptForm,
    "reject": RejectForm,
    "answer": AnswerForm,
    "redact": RedactForm,
}
STEP_MESSAGES = {
    "accept": "Accepted. We have emailed the person.",
    "reject": "Not accepted. We have emailed the person with the reason.",
    "answer": "Answer saved.",
    "redact": "Public text saved. The original is kept.",
    "publish": "Published on the meeting page.",
    "unpublish": "Removed from the meeting page.",
    "erase": "Personal data erased.",
}


def _can_moderate(user):
    return user.has_perm("consultations.change_submission")


class SubmissionModerationView(InspectView):
    """One submission with everything officers need, and a form for each workflow step
    the current status allows. Each step is a POST that is logged in the history."""

    permission_required = "change"
    any_permission_required = None
    template_name = "consultations/admin/moderate.html"
    page_title = "Moderate"
    fields = [
        "reference",
        "meeting",
        "agenda_item_label",
        "kind",
        "status",
        "submitted_at",
        "name",
        "email",
        "phone",
        "postcode",
        "lives_or_works_in_area",
        "organisation",
        "wants_written_answer",
        "refusal_reason_label",
        "note",
        "answered_by",
        "published_at",
        "erased_at",
    ]

    field_labels = {
        "agenda_item_label": "Agenda item",
        "kind": "Type",
        "submitted_at": "Received",
        "lives_or_works_in_area": "Lives or works in the area",
        "wants_written_answer": "Written answer requested",
        "refusal_reason_label": "Refusal reason",
        "note": "Note sent to the person",
        "erased_at": "Personal data erased",
    }

    def get_page_subtitle(self):
        return str(self.object)

    def get_field_label(self, field_name, field):
        return self.field_labels.get(field_name) or super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name)
        if field_name == "agenda_item_label":
            return self.object.item_display
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if value is None or value == "":
            return "-"
        if isinstance(value, datetime.datetime):
            return format_deadline(value)  # the site's clock, not Django's "a.m."
        return super().get_field_display_value(field_name, field)

    @property
    def header_more_buttons(self):
        return []

    def get_header_buttons(self):
        buttons = []
        if self.history_url_name:
            buttons.append(
                HeaderButton(
                    "History",
                    url=reverse(self.history_url_name, args=[self.object.pk]),
                    icon_name="history",
                )
            )
        return buttons

    history_url_name = None

    def step_forms(self, bound=None):
        """A form for each step allowed now; `bound` replaces one with a bound copy."""
        submission = self.object
        steps = moderation.allowed_steps(submission)
        forms = {}
        if "accept" in steps:
            forms["accept"] = AcceptForm(prefix="accept")
        if "reject" in steps:
            forms["reject"] = RejectForm(prefix="reject", reasons=refusal_reasons_for(submission))
        if "answer" in steps:
            forms["answer"] = AnswerForm(
                prefix="answer",
                initial={"answer": submission.answer, "answered_by": submission.answered_by},
            )
        if "redact" in steps:
            forms["redact"] = RedactForm(
                prefix="redact", initial={"public_text": submission.display_text}
            )
        if bound:
            forms.update(bound)
        return steps, forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        steps, forms = self.step_forms(kwargs.get("bound"))
        context.update(
            submission=self.object,
            steps=steps,
            step_forms=forms,
            possible_repeats=possible_repeats(self.object) if self.object.text else [],
            action_url=self.request.path,
        )
        return context

    def post(self, request, *args, **kwargs):
        step = request.POST.get("step", "")
        submission = self.object
        if step not in moderation.allowed_steps(submission):
            messages.error(request, "That step is not allowed for this submission now.")
            return redirect(request.path)
        form = None
        if step in STEP_FORMS:
            extra = {"reasons": refusal_reasons_for(submission)} if step == "reject" else {}
            form = STEP_FORMS[step](request.POST, prefix=step, **extra)
            if not form.is_valid():
                messages.error(request, "There is a problem. Check the form below.")
                return self.render_to_response(self.get_context_data(bound={step: form}))
        user = request.user
        data = form.cleaned_data if form else {}
        try:
            if step == "accept":
                moderation.accept(submission, user, note=data["note"])
            elif step == "reject":
                moderation.reject(submission, user, data["refusal_reason"], note=data["note"])
            elif step == "answer":
                moderation.answer(submission, user, data["answer"], data["answered_by"])
            elif step == "redact":
                moderation.redact(submission, user, data["public_text"])
            elif step == "publish":
                moderation.publish(submission, user)
            elif step == "unpublish":
                moderation.unpublish(submission, user)
            elif step == "erase":
                moderation.erase(submission, user, reason="officer")
        except moderation.TransitionError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        messages.success(request, STEP_MESSAGES[step])
        return redirect(request.path)


def export_view(request):
    """Download a meeting's accepted questions and statements as CSV or XLSX.

    A GET that only reads: the form's choices come from the query string, parsed and
    validated by ExportForm.
    """
    if not _can_moderate(request.user):
        raise PermissionDenied
    form = ExportForm.from_query(request.GET)
    if form.is_bound and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        rows = export_rows(meeting)
        stem = f"questions-and-statements-{slugify(meeting.title)}"
        if form.cleaned_data["format"] == "csv":
            response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
            filename = f"{stem}.csv"
        else:
            response = HttpResponse(
                to_xlsx(rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            filename = f"{stem}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return TemplateResponse(
        request,
        "consultations/admin/export.html",
        {"form": form, "page_title": "Export for the agenda supplement"},
    )


def erase_person_view(request):
    """Erase every submission from one email address, on the person's request.

    The first POST shows what will be erased; the second (with confirm) erases it.
    """
    if not _can_moderate(request.user):
        raise PermissionDenied
    form = ErasePersonForm(request.POST or None)
    matches = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        matches = list(
            Submission.objects.filter(email__iexact=email, erased_at__isnull=True).select_related(
                "meeting"
            )
        )
        if form.cleaned_data["confirm"] and matches:
            with transaction.atomic():
                for submission in matches:
                    moderation.erase(submission, request.user, reason="request")
            messages.success(
                request,
                f"Erased the personal data in {len(matches)} submission"
                f"{'' if len(matches) == 1 else 's'}.",
            )
            return redirect("consultations_erase_person")
    return TemplateResponse(
        request,
        "consultations/admin/erase_person.html",
        {
            "form": form,
            "matches": matches,
            "page_title": "Erase a person's data",
            "today": timezone.localdate(),
        },
    )
