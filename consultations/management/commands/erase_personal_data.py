"""Erase submitters' personal data once the retention period after their meeting is over.

Run daily by site/systemd/council-erase-personal-data.timer. The published record (name,
public text and answer) is kept with the meeting; see `consultations.moderation.erase`.
"""

import calendar

from django.core.management.base import BaseCommand
from django.utils import timezone

from consultations import moderation
from consultations.antiabuse import setting
from consultations.models import Submission


def months_before(moment, months):
    """The same wall-clock moment `months` calendar months earlier (the 31st becomes the
    last day of a shorter month)."""
    total = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def due_for_erasure(now=None, months=None):
    """Submissions not yet erased whose meeting was more than `months` months ago."""
    now = now or timezone.now()
    months = setting("CONSULTATIONS_RETENTION_MONTHS") if months is None else months
    cutoff = months_before(now, months)
    return Submission.objects.filter(erased_at__isnull=True, meeting__start__lt=cutoff)


class Command(BaseCommand):
    help = (
        "Erase contact details of questions and statements whose meeting was longer ago "
        "than the retention period (CONSULTATIONS_RETENTION_MONTHS, default 12)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Months after the meeting to keep personal data (default: the setting).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be erased."
        )

    def handle(self, *args, months=None, dry_run=False, **options):
        if months is not None and months < 0:
            self.stderr.write("--months must not be negative.")
            return
        due = due_for_erasure(months=months)
        count = due.count()
        if dry_run:
            self.stdout.write(f"{count} submission(s) would be erased.")
            return
        for submission in due.iterator():
            moderation.erase(submission, None, reason="retention period")
        self.stdout.write(self.style.SUCCESS(f"Erased personal data in {count} submission(s)."))
