"""Public questions and statements for meetings, and the reasons officers may refuse them.

Personal data (email, phone, postcode, organisation, the hashed address, the account) is
kept only to handle a submission and is erased after the retention period; the published
record (name, the public text and the answer) stays with the meeting.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

RECEIVED = "received"
ACCEPTED = "accepted"
REJECTED = "rejected"
ANSWERED = "answered"
PUBLISHED = "published"
STATUS_CHOICES = [
    (RECEIVED, "Received"),
    (ACCEPTED, "Accepted"),
    (REJECTED, "Not accepted"),
    (ANSWERED, "Answered"),
    (PUBLISHED, "Published"),
]

QUESTION = "question"
STATEMENT = "statement"
KIND_CHOICES = [(QUESTION, "Question"), (STATEMENT, "Statement")]

#: The refusal reasons most councils' procedure rules list; every new rule starts with these.
STANDARD_REFUSAL_REASONS = [
    (
        "It is defamatory",
        "It makes claims about a person that could damage their reputation.",
    ),
    (
        "It is frivolous or offensive",
        "It is not a serious question or statement, or it is offensive.",
    ),
    (
        "It is about a planning or licensing application not yet decided",
        "The council cannot discuss an application before the committee that decides it "
        "has done so. You can comment on the application itself instead.",
    ),
    (
        "It names council staff or people who use council services",
        "To protect their privacy, questions and statements must not name or identify "
        "council staff or people who use the council's services.",
    ),
    (
        "It repeats a question answered in the last six months",
        "The same or a very similar question was answered at a meeting in the last six "
        "months. You can find the answer in that meeting's minutes.",
    ),
]


class RefusalReason(models.Model):
    """A reason officers may give for not accepting a question or statement.

    Reasons belong to a committee's participation rule (its procedure rules list them), and
    the one chosen is emailed to the person with its description.
    """

    rule = models.ForeignKey(
        "meetings.ParticipationRule",
        on_delete=models.CASCADE,
        related_name="refusal_reasons",
        help_text="The participation rule whose procedure rules list this reason.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first when officers choose a reason."
    )
    label = models.CharField(
        max_length=200,
        help_text="The reason in a few words, e.g. 'It is defamatory'. The person sees this.",
    )
    description = models.TextField(
        blank=True,
        help_text="What the reason means, in plain English. It is included in the email to "
        "the person.",
    )

    panels = [
        FieldPanel("rule"),
        FieldPanel("label"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["rule", "sort_order", "pk"]
        verbose_name = "refusal reason"
        constraints = [
            models.UniqueConstraint(fields=["rule", "label"], name="unique_refusal_reason_label")
        ]

    def __str__(self):
        return self.label


class SubmissionQuerySet(models.QuerySet):
    def published(self):
        """Published submissions: the only ones the public ever sees."""
        return self.filter(status=PUBLISHED)

    def counting_towards_limit(self):
        """Submissions that count towards a person's limit: refused ones do not."""
        return self.exclude(status=REJECTED)


class Submission(models.Model):
    """A resident's question or statement for a meeting, and what happened to it.

    `text` is exactly what they sent and is never changed by officers; `public_text` is
    what is published, which officers may redact.
    """

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        on_delete=models.CASCADE,
        related_name="submissions",
        help_text="The meeting the question or statement is for.",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        help_text="The agenda item it is about. Blank means a general question.",
    )
    agenda_item_label = models.CharField(
        max_length=300,
        blank=True,
        help_text="The item's number and title when it was submitted, kept if the item is "
        "later removed.",
    )
    kind = models.CharField(
        max_length=10,
        choices=KIND_CHOICES,
        default=QUESTION,
        help_text="A question (answered) or a statement (read out).",
    )
    name = models.CharField(max_length=200, help_text="The person's full name. Published.")
    email = models.EmailField(
        max_length=254, blank=True, help_text="Never published. Erased after retention."
    )
    phone = models.CharField(
        max_length=40, blank=True, help_text="Never published. Erased after retention."
    )
    postcode = models.CharField(
        max_length=10, blank=True, help_text="Never published. Erased after retention."
    )
    lives_or_works_in_area = models.BooleanField(
        null=True,
        blank=True,
        help_text="Whether they said they live or work in the council's area, when the rule asks.",
    )
    organisation = models.CharField(
        max_length=200,
        blank=True,
        help_text="The organisation they represent, if any. Not published.",
    )
    text = models.TextField(help_text="Exactly what the person sent. Officers cannot change it.")
    public_text = models.TextField(
        blank=True,
        help_text="The text that is published. Edit it to remove personal or defamatory "
        "content; the original is kept.",
    )
    text_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="A fingerprint of the text, used to spot duplicates.",
    )
    wants_written_answer = models.BooleanField(
        default=False, help_text="Whether they asked for a written answer."
    )
    status = models.CharField(
        max_length=10,
        choices=STATUS_CHOICES,
        default=RECEIVED,
        help_text="Where the submission is in the moderation workflow.",
    )
    refusal_reason = models.ForeignKey(
        RefusalReason,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        help_text="Why it was not accepted.",
    )
    refusal_reason_label = models.CharField(
        max_length=200,
        blank=True,
        help_text="The reason's wording when it was refused, kept if the reason is edited.",
    )
    note = models.TextField(
        blank=True,
        help_text="A note to the person, sent with the decision email.",
    )
    answer = models.TextField(blank=True, help_text="The answer, published with the question.")
    answered_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who answers, e.g. 'Cllr Jane Scott, Leader of the Council'.",
    )
    reference = models.CharField(
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="The reference given to the person, e.g. 'Q-2026-0042'.",
    )
    submitted_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When the person sent it."
    )
    updated_at = models.DateTimeField(auto_now=True, help_text="When it last changed.")
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was published on the meeting page."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_submissions",
        help_text="The resident's account, if they were signed in.",
    )
    ip_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="A keyed hash of the sender's internet address, for spotting abuse. The "
        "address itself is never stored.",
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When the personal data was erased."
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "question or statement"
        verbose_name_plural = "questions and statements"
        indexes = [
            models.Index(fields=["meeting", "status"], name="submission_meeting_status"),
            models.Index(fields=["email"], name="submission_email"),
        ]

    def __str__(self):
        # Log entries and admin titles use this: never the person's name or email.
        return self.reference or f"Submission {self.pk}"

    @staticmethod
    def fingerprint(text):
        """A hash of the text ignoring case and spacing, so a resent copy is spotted."""
        normalised = " ".join(text.lower().split())
        return hashlib.sha256(normalised.encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.text and not self.text_hash:
            self.text_hash = self.fingerprint(self.text)
        super().save(*args, **kwargs)

    def make_reference(self):
        """A reference derived from the primary key, so it is unique without retries."""
        prefix = "Q" if self.kind == QUESTION else "S"
        year = timezone.localdate(self.submitted_at).year
        return f"{prefix}-{year}-{self.pk:04d}"

    @property
    def is_question(self):
        return self.kind == QUESTION

    @property
    def is_erased(self):
        return self.erased_at is not None

    @property
    def display_text(self):
        """The text shown publicly: the redacted version."""
        return self.public_text or self.text

    @property
    def item_display(self):
        """'6. Draft Business Plan', or 'General' for no item."""
        if self.agenda_item_id and self.agenda_item:
            return str(self.agenda_item)
        return self.agenda_item_label or "General"
