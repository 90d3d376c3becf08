"""Subscriptions: personal calendar feeds, email alert follows, and the record of alerts sent.

A personal calendar's address carries a secret, so it can be added to a calendar app that
cannot sign in. It is in two parts: a short public `key` that finds the row, and a
256-bit `secret` compared in constant time, so neither a database lookup nor a string
comparison leaks how much of a guessed secret was right. Making a new address replaces
both, and the old address stops working at once.
"""

import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from meetings.deadlines import format_deadline

# `secrets.token_urlsafe(32)` is 32 random bytes (256 bits) as 43 URL-safe characters.
SECRET_BYTES = 32
KEY_BYTES = 9


def _new_key():
    """A new public half of a calendar address (72 random bits, only to find the row)."""
    return secrets.token_urlsafe(KEY_BYTES)


def _new_secret():
    """A new secret half of a calendar address (256 random bits)."""
    return secrets.token_urlsafe(SECRET_BYTES)


class PersonalCalendar(models.Model):
    """A signed-in person's own calendar feed: the committees they chose, and whether to
    add question deadlines and consultation closing dates."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_calendar"
    )
    committees = models.ManyToManyField(
        "meetings.CommitteePage",
        blank=True,
        related_name="+",
        help_text="The committees whose meetings appear in this calendar.",
    )
    include_deadlines = models.BooleanField(
        default=False,
        help_text="Add an event when questions and statements for a meeting close.",
    )
    include_consultations = models.BooleanField(
        default=False,
        help_text="Add an event when each public consultation closes.",
    )
    key = models.CharField(
        max_length=20,
        unique=True,
        default=_new_key,
        editable=False,
        help_text="The public half of the feed address, used to find this calendar.",
    )
    secret = models.CharField(
        max_length=64,
        default=_new_secret,
        editable=False,
        help_text="The secret half of the feed address; compared in constant time.",
    )
    address_created_at = models.DateTimeField(
        default=timezone.now,
        editable=False,
        help_text="When the current address was made; older addresses no longer work.",
    )
    updated_at = models.DateTimeField(
        auto_now=True, help_text="When the choices last changed, for the feed's ETag."
    )

    class Meta:
        verbose_name = "personal calendar"

    def __str__(self):
        return f"Personal calendar of {self.user}"

    def new_address(self):
        """Replace the key and secret, so the previous address stops working, and save."""
        self.key = _new_key()
        self.secret = _new_secret()
        self.address_created_at = timezone.now()
        self.save()

    @classmethod
    def for_address(cls, key, secret):
        """The calendar whose address is `key`/`secret`, or None.

        The key is not secret, so looking it up is harmless; the secret is checked with
        `hmac.compare_digest`, which takes the same time however many characters match.
        """
        calendar = cls.objects.filter(key=key).select_related("user").first()
        if calendar is None or not calendar.user.is_active:
            return None
        if not hmac.compare_digest(calendar.secret.encode(), (secret or "").encode()):
            return None
        return calendar


class CommitteeFollow(models.Model):
    """A person's request to be emailed when a committee publishes an agenda or minutes,
    or a meeting is moved, postponed or cancelled."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="committee_follows"
    )
    committee = models.ForeignKey(
        "meetings.CommitteePage",
        on_delete=models.CASCADE,
        related_name="followers",
        help_text="The committee whose meetings the person wants emails about.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "committee email alert"
        constraints = [
            models.UniqueConstraint(fields=["user", "committee"], name="unique_committee_follow")
        ]

    def __str__(self):
        return f"{self.user} follows {self.committee}"


class ConsultationFollow(models.Model):
    """A person's request to be emailed when a new public consultation opens."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_follow"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "consultation email alert"

    def __str__(self):
        return f"{self.user} follows consultations"


class AlertSent(models.Model):
    """One email alert sent to one person about one change, so a change is never emailed
    twice: republishing a page, or running the task again, finds this row and stops.

    `key` tells repeated changes of the same kind apart: the meeting's calendar sequence
    for a move, postponement or cancellation (each bumps it), and 0 for things that
    happen once (an agenda, minutes or a consultation being published).
    """

    AGENDA = "agenda"
    MOVED = "moved"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    MINUTES = "minutes"
    CONSULTATION = "consultation"
    KIND_CHOICES = [
        (AGENDA, "Agenda published"),
        (MOVED, "Meeting moved"),
        (POSTPONED, "Meeting postponed"),
        (CANCELLED, "Meeting cancelled"),
        (MINUTES, "Minutes published"),
        (CONSULTATION, "Consultation opened"),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts_sent"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The meeting (or consultation) the alert was about.",
    )
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    key = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "email alert sent"
        verbose_name_plural = "email alerts sent"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "kind", "key"], name="unique_alert_per_change"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.user} ({format_deadline(self.sent_at)})"
