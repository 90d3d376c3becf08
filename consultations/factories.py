"""factory_boy factories for the consultations app, and a small meeting builder its tests
use (kept here so these tests do not depend on another app's test helpers)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from meetings.deadlines import LONDON
from meetings.exempt import PART_I, PART_II

from .models import ConsultationIndexPage, ConsultationPage, RefusalReason, Submission
from .models.submissions import QUESTION


def london(year, month, day, hour=10, minute=0, second=0):
    """An aware Europe/London datetime."""
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def make_rule(**fields):
    """A participation rule (12 noon, three clear working days before, 500 words, two per
    person) with the standard refusal reasons."""
    from meetings.models import ParticipationRule

    defaults = {
        "name": "Cabinet procedure rules (Part 6)",
        "clear_working_days": 3,
        "deadline_time": datetime.time(12, 0),
        "word_limit": 500,
        "max_per_person": 2,
    }
    defaults.update(fields)
    return ParticipationRule.objects.create(**defaults)


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_meeting(
    home,
    start,
    rule=None,
    items=(("5", "Public participation"), ("6", "Draft Business Plan")),
    exempt_items=(("12", "Neutral vendor contract"),),
    committee_title="Cabinet",
    title=None,
    **fields,
):
    """A published meeting of `committee_title` (created under a meetings index if
    needed) with Part I `items` and Part II `exempt_items`, as (number, title) pairs."""
    from meetings.models import AgendaItem, CommitteeIndexPage, CommitteePage, MeetingPage

    index = CommitteeIndexPage.objects.child_of(home).first()
    if index is None:
        index = _publish(home, CommitteeIndexPage(title="Meetings", slug="meetings"))
    slug = committee_title.lower().replace(" ", "-")
    committee = CommitteePage.objects.child_of(index).filter(slug=slug).first()
    if committee is None:
        committee = _publish(
            index,
            CommitteePage(
                title=committee_title,
                slug=slug,
                purpose="<p>Takes decisions.</p>",
                participation_rule=rule,
            ),
        )
    elif rule is not None and committee.participation_rule_id != rule.pk:
        committee.participation_rule = rule
        committee.save_revision().publish()
    agenda = [AgendaItem(number=n, title=t, part=PART_I) for n, t in items]
    agenda += [
        AgendaItem(number=n, title=t, part=PART_II, exempt_paragraph=3) for n, t in exempt_items
    ]
    local = timezone.localtime(start, LONDON)
    meeting = MeetingPage(
        title=title or f"{committee_title}, {local.day} {local:%B %Y}",
        slug=f"{local:%Y-%m-%d}-{MeetingPage.objects.count() + 1}",
        start=start,
        agenda_is_published=True,
        agenda_items=agenda,
        **fields,
    )
    return _publish(committee, meeting)


class RefusalReasonFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Reason {n}")
    description = "Why this reason applies."

    class Meta:
        model = RefusalReason


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A received question. Pass `meeting=`; the reference is set after saving."""

    kind = QUESTION
    name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.Sequence(lambda n: f"resident{n}@example.com")
    phone = "01225 000000"
    postcode = "BA14 8JN"
    organisation = "Trowbridge Residents' Group"
    text = factory.Sequence(lambda n: f"Will the council publish its plan number {n}?")
    ip_hash = "0" * 64

    class Meta:
        model = Submission
        skip_postgeneration_save = True

    @factory.post_generation
    def number(obj, create, extracted, **kwargs):
        if create and not obj.reference:
            obj.reference = obj.make_reference()
            obj.save(update_fields=["reference"])


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Consultations and have your say"
    slug = "consultations"
    intro = "<p>Tell us what you think.</p>"

    class Meta:
        model = ConsultationIndexPage


class ConsultationPageFactory(wagtail_factories.PageFactory):
    """An open consultation (opened a week ago, closes in three weeks)."""

    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "We want your views on the draft plan."
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))
    audience = "Everyone who lives or works in Wiltshire"
    response_url = "https://example.com/survey"

    class Meta:
        model = ConsultationPage
