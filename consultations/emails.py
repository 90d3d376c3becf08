"""The emails a submitter receives: a receipt, then the decision and the answer.

Each is plain text with an HTML alternative, rendered from templates in
templates/emails/consultations/. None contains a link that changes anything when
followed: mail scanners open links, so any confirmation would be a POST on the site.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from wagtail.models import Site

from home.models import CouncilSettings
from home.public_address import page_url, sender_address
from meetings.deadlines import format_deadline

RECEIPT = "receipt"
ACCEPTED = "accepted"
REJECTED = "rejected"
ANSWERED = "answered"
KINDS = (RECEIPT, ACCEPTED, REJECTED, ANSWERED)


def email_context(submission):
    """Everything the email templates show about the submission and its meeting."""
    meeting = submission.meeting
    site = meeting.get_site() or Site.objects.filter(is_default_site=True).first()
    council = CouncilSettings.for_site(site) if site else None
    closes = meeting.participation_closes_at()
    return {
        "submission": submission,
        "meeting": meeting,
        "committee": meeting.committee,
        "meeting_when": format_deadline(meeting.start),
        "meeting_url": page_url(meeting),
        "deadline": format_deadline(closes) if closes else "",
        "kind_word": "question" if submission.is_question else "statement",
        "council_name": council.council_name if council else settings.WAGTAIL_SITE_NAME,
        "contact_email": council.democratic_services_email if council else "",
        "contact_phone": council.democratic_services_phone if council else "",
    }


def build_email(submission, kind):
    """The EmailMultiAlternatives for `kind` (one of KINDS), ready to send."""
    if kind not in KINDS:
        raise ValueError(f"Unknown email kind {kind!r}")
    context = email_context(submission)
    base = f"emails/consultations/{kind}"
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    text = render_to_string(f"{base}.txt", context)
    html = render_to_string(f"{base}.html", context)
    reply_to = [context["contact_email"]] if context["contact_email"] else None
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender_address(),
        to=[submission.email],
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    return message
