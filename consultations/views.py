"""Public views: the question and statement form, its confirmation, and a resident's list.

GET requests never change anything: the form, the confirmation and the list only read.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from home.models import CouncilSettings
from meetings.deadlines import format_deadline

from . import antiabuse
from .forms import ItemQueryForm, SubmissionForm, late_message
from .models import Submission
from .rules import meeting_rule
from .submitting import NewSubmission, SubmissionRefused, store
from .tasks import queue_email

SESSION_KEY = "consultations_sent"
HONEYPOT_MESSAGE = (
    "We could not send your question or statement. Please try again, or email it to "
    "democratic services."
)
TOO_FAST_MESSAGE = (
    "That was quicker than we expected. Check your question or statement, then select 'Send' again."
)
RATE_LIMIT_MESSAGE = (
    "You have sent a lot of questions or statements in a short time. Please try again "
    "in an hour, or contact democratic services."
)


def _meeting_or_404(meeting_id):
    """A live, public meeting whose committee takes public questions and statements."""
    from meetings.models import MeetingPage

    meeting = get_object_or_404(MeetingPage.objects.live().public(), pk=meeting_id)
    rule = meeting_rule(meeting)
    if rule is None or not meeting.participation_deadlines():
        raise Http404("This meeting does not take public questions or statements.")
    return meeting, rule


def _breadcrumbs(meeting):
    """Home > ... > the meeting, since this view is not a Wagtail page."""
    crumbs = []
    for ancestor in meeting.get_ancestors().filter(depth__gte=2):
        title = "Home" if ancestor.depth == 2 else ancestor.title
        crumbs.append({"text": title, "href": ancestor.url})
    crumbs.append({"text": meeting.title, "href": meeting.url})
    return crumbs


def _council_name(request):
    """The council's name from its settings, for messages such as 'the X area'."""
    site = Site.find_for_request(request)
    return CouncilSettings.for_site(site).council_name if site else "the council"


def _prefill(user):
    """Details a signed-in resident gave last time (or on their account), for `initial`."""
    if not user.is_authenticated:
        return {}
    initial = {"email": user.email, "name": user.get_full_name()}
    last = Submission.objects.filter(user=user, erased_at__isnull=True).order_by("-pk").first()
    if last is not None:
        initial.update(
            name=last.name,
            phone=last.phone,
            postcode=last.postcode,
            organisation=last.organisation,
        )
        if last.lives_or_works_in_area is not None:
            initial["lives_or_works_in_area"] = "yes" if last.lives_or_works_in_area else "no"
    return {key: value for key, value in initial.items() if value}


def _render_form(request, meeting, rule, form, *, closed=False, late=False, status=200):
    """The form page in one of its states: open (with or without errors), late (errors,
    what they typed, no Send button) or closed (the notice instead of the form)."""
    closes_at = meeting.participation_closes_at()
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "rule": rule,
        "form": form,
        "closed": closed,
        "late": late,
        "deadlines": [
            (label, format_deadline(dt)) for label, dt in meeting.participation_deadlines()
        ],
        "closes_at_text": format_deadline(closes_at) if closes_at else "",
        "meeting_when": format_deadline(meeting.start),
        "breadcrumbs": _breadcrumbs(meeting),
        "form_url": reverse("consultations:submit", args=[meeting.pk]),
    }
    return render(request, "consultations/submission_form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request, meeting_id):
    """The form to send a question or statement for a meeting, until its deadline.

    The deadline is checked again when the form arrives (in Europe/London, to the
    second); a late form is refused with the deadline and everything typed is kept.
    """
    meeting, rule = _meeting_or_404(meeting_id)
    council_name = _council_name(request)
    if request.method != "POST":
        if not meeting.accepts_submissions(timezone.now()):
            return _render_form(request, meeting, rule, None, closed=True)
        initial = _prefill(request.user)
        query = ItemQueryForm(request.GET, meeting=meeting)
        if query.is_valid() and query.cleaned_data["item"]:
            initial["agenda_item"] = query.cleaned_data["item"]
        form = SubmissionForm(
            initial=initial, meeting=meeting, rule=rule, council_name=council_name
        )
        return _render_form(request, meeting, rule, form)

    form = SubmissionForm(request.POST, meeting=meeting, rule=rule, council_name=council_name)
    now = timezone.now()
    if not meeting.accepts_submissions(now):
        form.is_valid()
        form.errors.clear()
        closes = meeting.participation_closes_at()
        form.add_error(
            None,
            late_message(closes)
            if closes
            else "This meeting is not taking questions or statements.",
        )
        return _render_form(request, meeting, rule, form, late=True)
    if form.honeypot_filled:
        form.is_valid()
        form.add_error(None, HONEYPOT_MESSAGE)
        return _render_form(request, meeting, rule, form)
    if not form.is_valid():
        return _render_form(request, meeting, rule, form)
    if antiabuse.filled_too_fast(form.cleaned_data.get("started")):
        form.add_error(None, TOO_FAST_MESSAGE)
        return _render_form(request, meeting, rule, form)
    ip_hash = antiabuse.hash_value(antiabuse.client_ip(request))
    email = form.cleaned_data["email"]
    if antiabuse.rate_limited(ip_hash, email):
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return _render_form(request, meeting, rule, form, status=429)
    new = NewSubmission(
        meeting=meeting,
        rule=rule,
        data=form.cleaned_data,
        user=request.user if request.user.is_authenticated else None,
        ip_hash=ip_hash,
    )
    try:
        submission = store(new)
    except SubmissionRefused as refusal:
        form.add_error(None, str(refusal))
        return _render_form(request, meeting, rule, form)
    antiabuse.record_submission(ip_hash, email)
    queue_email(submission, "receipt")
    request.session[SESSION_KEY] = submission.pk
    return redirect("consultations:sent", meeting_id=meeting.pk)


@never_cache
@require_http_methods(["GET", "HEAD"])
def sent(request, meeting_id):
    """The confirmation with the reference number, for the browser that sent it only."""
    meeting, _rule = _meeting_or_404(meeting_id)
    submission = (
        Submission.objects.filter(pk=request.session.get(SESSION_KEY), meeting=meeting)
        .select_related("agenda_item")
        .first()
    )
    if submission is None:
        return redirect(meeting.url)
    return render(
        request,
        "consultations/submission_sent.html",
        {
            "meeting": meeting,
            "submission": submission,
            "breadcrumbs": _breadcrumbs(meeting),
            "meeting_when": format_deadline(meeting.start),
        },
    )


def submissions_for_user(user):
    """A resident's submissions: those sent while signed in, and those from any email
    address they have verified on their account."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    query = Q(user=user)
    for email in verified:
        query |= Q(email__iexact=email)
    return (
        Submission.objects.filter(query)
        .select_related("meeting", "agenda_item")
        .order_by("-submitted_at", "-pk")
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def your_submissions(request):
    """'Your questions and statements': each one's status, and the answer once given."""
    return render(
        request,
        "consultations/your_submissions.html",
        {
            "submissions": submissions_for_user(request.user),
            "breadcrumbs": [{"text": "Home", "href": "/"}],
        },
    )
