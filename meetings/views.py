"""Subscribing: the public "Subscribe to meeting calendars" page, a signed-in person's own
calendar feed and email alerts, and unsubscribing from an email link.

Every query string and form goes through a Django form. Nothing changes state on GET:
following, unfollowing, making a new calendar address and unsubscribing are all POSTs.
"""

from urllib.parse import quote, urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.public_address import absolute_url
from meetings import alerts, calendars
from meetings.models import (
    CommitteeFollow,
    CommitteePage,
    ConsultationFollow,
    PersonalCalendar,
)


def live_committees():
    """Live, public committees in title order: the only ones anyone may choose."""
    return CommitteePage.objects.live().public().order_by("title")


class CommitteeChoiceField(forms.ModelMultipleChoiceField):
    """Committees as GOV.UK checkboxes, labelled with their titles."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.title


# --- forms -------------------------------------------------------------------------------


class SubscribeForm(forms.Form):
    """The committees to put in a public calendar feed (none chosen means all of them)."""

    committee = CommitteeChoiceField(
        queryset=CommitteePage.objects.none(),
        required=False,
        label="Which committees do you want in your calendar?",
        help_text="Choose none to get every committee's meetings.",
        error_messages={"invalid_choice": "Choose committees from the list."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = live_committees()


class PersonalCalendarForm(forms.ModelForm):
    """A person's choices for their own calendar feed."""

    committees = CommitteeChoiceField(
        queryset=CommitteePage.objects.none(),
        label="Which committees do you want in your calendar?",
        error_messages={"required": "Choose at least one committee."},
    )
    include_deadlines = forms.BooleanField(
        required=False,
        label="Add the deadlines for public questions and statements",
    )
    include_consultations = forms.BooleanField(
        required=False,
        label="Add the closing dates of public consultations",
    )

    class Meta:
        model = PersonalCalendar
        fields = ["committees", "include_deadlines", "include_consultations"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = live_committees()


class AlertsForm(forms.Form):
    """Which committees (and whether consultations) a person wants emails about."""

    committees = CommitteeChoiceField(
        queryset=CommitteePage.objects.none(),
        required=False,
        label="Which committees do you want emails about?",
        help_text="We email you when an agenda or minutes are published, and when a "
        "meeting is moved, postponed or cancelled.",
    )
    consultations = forms.BooleanField(
        required=False, label="Email me when a new public consultation opens"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = live_committees()


class FollowForm(forms.Form):
    """Follow or stop following one committee."""

    action = forms.ChoiceField(choices=[("follow", "Follow"), ("unfollow", "Unfollow")])


class PersonalActionForm(forms.Form):
    """Which of the personal calendar page's two forms was sent."""

    action = forms.ChoiceField(
        choices=[("save", "Save"), ("new_address", "Make a new address")], required=False
    )


# --- links for calendar apps -------------------------------------------------------------


def calendar_links(path, name):
    """Every way to add the feed at `path`: webcal, Google, Outlook, and the address."""
    https_url = absolute_url(path)
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {
        "name": name,
        "url": https_url,
        "webcal": webcal_url,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal_url}),
        "outlook_com": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": https_url, "name": name}, quote_via=quote),
        "outlook_work": "https://outlook.office.com/calendar/0/addfromweb?"
        + urlencode({"url": https_url, "name": name}, quote_via=quote),
    }


def rss_feeds(selected=()):
    """The RSS feeds to list on the subscribe page: the chosen committees' and the
    site-wide ones."""
    feeds = [
        {
            "title": f"{c.title}: agendas, minutes and decisions",
            "href": reverse("meetings:committee_rss", args=[c.pk]),
        }
        for c in selected
    ]
    feeds += [
        {"title": "Decisions register", "href": reverse("meetings:decisions_rss")},
        {"title": "Forward plan of key decisions", "href": reverse("meetings:forward_plan_rss")},
    ]
    if calendars.consultation_model() is not None:
        feeds.append({"title": "Consultations", "href": reverse("meetings:consultations_rss")})
    return feeds


def error_summary(*forms_):
    """[(field id, message)] for a GOV.UK error summary."""
    errors = []
    for form in forms_:
        for name, field_errors in form.errors.items():
            field = form.fields.get(name)
            anchor = f"id_{name}" if field is not None else ""
            if field is not None and isinstance(field.widget, forms.CheckboxSelectMultiple):
                anchor += "_0"  # GOV.UK: link to the first checkbox
            for message in field_errors:
                errors.append((anchor, message))
    return errors


# --- public subscribe page ---------------------------------------------------------------


def subscribe(request):
    """'Subscribe to meeting calendars': choose committees, then one-click links."""
    from meetings import feeds

    form = SubscribeForm(request.GET or None)
    selected = []
    if form.is_bound and form.is_valid():
        selected = list(form.cleaned_data["committee"])
    if len(selected) == 1:
        path = reverse("meetings:committee_ics", args=[selected[0].pk])
        name = feeds.committee_spec(request, selected).name
    elif selected:
        path = (
            reverse("meetings:committees_ics")
            + "?"
            + urlencode([("committee", c.pk) for c in selected])
        )
        name = feeds.committee_spec(request, selected).name
    else:
        path = reverse("meetings:all_meetings_ics")
        name = feeds.all_meetings_spec(request).name
    return render(
        request,
        "meetings/subscribe.html",
        {
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "selected": selected,
            "selected_ids": [c.pk for c in selected],
            "links": calendar_links(path, name),
            "rss_feeds": rss_feeds(selected),
            "breadcrumbs": [{"text": "Home", "href": "/"}],
        },
    )


# --- a signed-in person's own calendar ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def personal_calendar(request):
    """Choose committees and extras for a private feed; make a new address to revoke
    the old one."""
    calendar = PersonalCalendar.objects.filter(user=request.user).first()
    form = PersonalCalendarForm(instance=calendar)
    if request.method == "POST":
        action = PersonalActionForm(request.POST)
        action = action.cleaned_data["action"] if action.is_valid() else "save"
        if action == "new_address" and calendar is not None:
            calendar.new_address()
            messages.success(
                request,
                "Your calendar has a new address. The old address has stopped working: "
                "remove the old calendar from your calendar app and add the new one.",
            )
            return redirect("meetings:personal_calendar")
        form = PersonalCalendarForm(request.POST, instance=calendar)
        if form.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.user = request.user
                saved.save()
                form.save_m2m()
            messages.success(
                request,
                "Your choices are saved. Calendar apps that already have your calendar "
                "will show the change the next time they check for updates."
                if calendar
                else "Your calendar is ready. Add it to your calendar app below.",
            )
            return redirect("meetings:personal_calendar")
    links = None
    if calendar is not None:
        path = reverse("meetings:personal_ics", args=[calendar.key, calendar.secret])
        links = calendar_links(path, f"My {calendars.council_name(request)} meetings")
    response = render(
        request,
        "meetings/subscribe_personal.html",
        {
            "form": form,
            "errors": error_summary(form),
            "calendar": calendar,
            "links": links,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Subscribe to meeting calendars", "href": reverse("meetings:subscribe")},
            ],
        },
    )
    # The page shows a private address: keep it out of shared caches. (The site's
    # same-origin Referrer-Policy already keeps it from other sites; "no-referrer" here
    # would make browsers send "Origin: null" with the forms, which CSRF checks refuse.)
    response["Cache-Control"] = "private, no-store"
    return response


# --- email alerts ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def alert_settings(request):
    """Choose the committees (and consultations) to get emails about."""
    following = list(
        CommitteeFollow.objects.filter(user=request.user).values_list("committee_id", flat=True)
    )
    follows_consultations = ConsultationFollow.objects.filter(user=request.user).exists()
    form = AlertsForm(initial={"committees": following, "consultations": follows_consultations})
    if request.method == "POST":
        form = AlertsForm(request.POST)
        if form.is_valid():
            chosen = {c.pk for c in form.cleaned_data["committees"]}
            with transaction.atomic():
                CommitteeFollow.objects.filter(user=request.user).exclude(
                    committee_id__in=chosen
                ).delete()
                for committee_id in chosen - set(following):
                    CommitteeFollow.objects.get_or_create(
                        user=request.user, committee_id=committee_id
                    )
                if form.cleaned_data["consultations"]:
                    ConsultationFollow.objects.get_or_create(user=request.user)
                else:
                    ConsultationFollow.objects.filter(user=request.user).delete()
            messages.success(request, "Your email alerts are saved.")
            return redirect("meetings:alerts")
    return render(
        request,
        "meetings/subscribe_alerts.html",
        {
            "form": form,
            "errors": error_summary(form),
            "consultations_available": calendars.consultation_model() is not None,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Subscribe to meeting calendars", "href": reverse("meetings:subscribe")},
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_committee(request, pk):
    """Confirm, then follow or stop following one committee (from its page)."""
    committee = get_object_or_404(live_committees(), pk=pk)
    follow = CommitteeFollow.objects.filter(user=request.user, committee=committee).first()
    if request.method == "POST":
        form = FollowForm(request.POST)
        if not form.is_valid():
            raise Http404("Unknown action.")
        if form.cleaned_data["action"] == "follow":
            CommitteeFollow.objects.get_or_create(user=request.user, committee=committee)
            messages.success(
                request, f"You will get emails about {committee.title} at {request.user.email}."
            )
        else:
            CommitteeFollow.objects.filter(user=request.user, committee=committee).delete()
            messages.success(request, f"You will no longer get emails about {committee.title}.")
        return redirect("meetings:alerts")
    return render(
        request,
        "meetings/subscribe_follow.html",
        {
            "committee": committee,
            "following": follow is not None,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": committee.title, "href": committee.url},
            ],
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop one kind of email from the link in it, without signing in.

    GET shows a confirmation page and changes nothing (mail scanners follow links); its
    form POSTs here. Mail apps' one-click unsubscribe (RFC 8058) POSTs here too, without
    a CSRF token, which is why the view is CSRF-exempt: the signed token is the
    authority, and all a POST can do is stop emails.
    """
    try:
        kind, follow = alerts.follow_for_token(token)
    except signing.BadSignature as error:
        raise Http404("This unsubscribe link is not valid.") from error
    if kind != "committee":
        subject = "new consultations"
    else:
        subject = follow.committee.title if follow is not None else ""
    done = False
    if request.method == "POST":
        if follow is not None:
            follow.delete()
        done = True
    return render(
        request,
        "meetings/subscribe_unsubscribe.html",
        {
            "follow": follow,
            "kind": kind,
            "subject": subject,
            "done": done,
            "token": token,
        },
    )
