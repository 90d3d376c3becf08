"""The Wagtail-aware signal processor keeps the index current after each commit: drafts
stay out until published, and unpublishing, deleting, moving under a view restriction
and restriction changes all take effect; failed writes are retried."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from .helpers import found, indexed_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed, so on-commit index updates run."""

    def run(action, *args, **kwargs):
        """Call `action` and run the on-commit callbacks it queued."""
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def standard_page(home_page, clean_index, commit):
    """A published standard page with a distinctive word, indexed through the signals."""
    from home.factories import StandardPageFactory

    def build(title="Armadillo services", parent=None, **fields):
        """Add and publish a standard page under `parent` (default: home)."""
        page = StandardPageFactory.build(title=title, **fields)
        (parent or home_page).add_child(instance=page)
        commit(lambda: page.save_revision().publish())
        page.refresh_from_db()
        return page

    return build


def test_publishing_indexes_the_page(standard_page):
    page = standard_page()
    assert found("armadillo") == {f"home.standardpage.{page.pk}"}


def test_a_draft_revision_is_not_found_until_published(standard_page, commit):
    page = standard_page()
    page.title = "Pangolin services"
    commit(page.save_revision)
    assert not found("pangolin")
    assert found("armadillo")
    commit(lambda: page.get_latest_revision().publish())
    assert found("pangolin") == {f"home.standardpage.{page.pk}"}
    assert not found("armadillo")


def test_unpublishing_removes_the_page(standard_page, commit):
    page = standard_page()
    commit(page.unpublish)
    assert not found("armadillo")


def test_deleting_removes_the_page_and_its_children(standard_page, commit):
    parent = standard_page(title="Parent narwhal")
    child = standard_page(title="Child narwhal", parent=parent)
    assert len(found("narwhal")) == 2
    commit(parent.delete)
    assert not found("narwhal")
    assert child.pk


def test_a_page_moved_under_a_view_restriction_disappears(standard_page, commit):
    private = standard_page(title="Members area")
    commit(PageViewRestriction.objects.create, page=private, restriction_type="login")
    page = standard_page(title="Okapi report")
    assert found("okapi")
    commit(page.move, private, pos="last-child")
    assert not found("okapi")


def test_view_restrictions_on_an_ancestor_hide_and_reveal_the_subtree(standard_page, commit):
    section = standard_page(title="Section")
    page = standard_page(title="Tapir minutes", parent=section)
    restriction = commit(
        PageViewRestriction.objects.create,
        page=section,
        restriction_type="password",
        password="secret",
    )
    assert not found("tapir")
    commit(restriction.delete)
    assert found("tapir") == {f"home.standardpage.{page.pk}"}


def test_moving_a_page_updates_the_urls_below_it(standard_page, commit):
    first = standard_page(title="First section", slug="first")
    second = standard_page(title="Second section", slug="second")
    page = standard_page(title="Quoll page", slug="quoll", parent=first)
    commit(page.move, second, pos="last-child")
    from haystack.query import SearchQuerySet

    assert [r.url for r in SearchQuerySet().auto_query("quoll")] == ["/second/quoll/"]


def test_decisions_follow_publish_and_unpublish(indexed_council, commit):
    decision = indexed_council["decision"]
    decision.title = "Capybara decision"
    commit(decision.save_revision)
    assert not found("capybara")
    commit(lambda: decision.get_latest_revision().publish())
    assert found("capybara") >= {f"meetings.decision.{decision.pk}"}
    commit(decision.unpublish)
    assert f"meetings.decision.{decision.pk}" not in found("capybara")


def test_a_meeting_published_with_a_new_part_two_item_never_indexes_it(indexed_council, commit):
    from meetings.models import AgendaItem

    meeting = indexed_council["meeting"]
    meeting.agenda_items.add(
        AgendaItem(title="Gerenuk land sale", part="2", exempt_paragraph=3),
    )
    meeting.agenda_items.add(AgendaItem(title="Gerbil allotments"))
    commit(lambda: meeting.save_revision().publish())
    assert not found("gerenuk")
    assert found("gerbil")
    item = AgendaItem.objects.get(title="Gerbil allotments")
    assert found("gerbil") >= {f"meetings.agendaitem.{item.pk}"}


def test_an_item_switched_to_part_two_is_removed(indexed_council, commit):
    meeting = indexed_council["meeting"]
    item = meeting.agenda_items.get(title="Digital Strategy")
    assert f"meetings.agendaitem.{item.pk}" in found("services go digital")
    items = list(meeting.agenda_items.all())
    for each in items:
        if each.pk == item.pk:
            each.part, each.exempt_paragraph = "2", 3
    meeting.agenda_items = items
    commit(lambda: meeting.save_revision().publish())
    assert f"meetings.agendaitem.{item.pk}" not in found("services go digital")


def test_unpublishing_the_register_removes_its_decisions(indexed_council, commit):
    from meetings.models import Decision

    commit(indexed_council["decisions_index"].unpublish)
    assert not indexed_ids(Decision)


def test_a_published_question_is_indexed_when_published_and_removed_after(indexed_council, commit):
    factories = pytest.importorskip("consultations.factories")
    submission = commit(
        factories.SubmissionFactory,
        meeting=indexed_council["meeting"],
        text="When will the wildebeest crossing open?",
    )
    assert not found("wildebeest")
    submission.status = "published"
    commit(submission.save)
    assert found("wildebeest") == {f"consultations.submission.{submission.pk}"}
    submission.status = "answered"
    commit(submission.save)
    assert not found("wildebeest")


def test_a_locked_index_is_retried_not_lost(standard_page, monkeypatch):
    """Whoosh's LockError (another writer outside our lock) is retried with backoff."""
    from haystack import connections
    from whoosh.index import LockError

    import search.backends

    monkeypatch.setattr(search.backends, "LOCK_RETRY_DELAYS", (0.01, 0.01))
    backend = connections["default"].get_backend()
    original = type(backend).__mro__[1].update
    calls = []

    def flaky_update(self, index, iterable, commit=True):
        """Fail the first write with Whoosh's LockError, then write."""
        calls.append(1)
        if len(calls) == 1:
            raise LockError("held by another writer")
        return original(self, index, iterable, commit=commit)

    monkeypatch.setattr(type(backend).__mro__[1], "update", flaky_update)
    page = standard_page(title="Kinkajou news")
    assert len(calls) == 2
    assert found("kinkajou") == {f"home.standardpage.{page.pk}"}


def test_a_failed_index_task_is_retried(standard_page, monkeypatch):
    """Any failure of the index task (here a backend error) queues a retry."""
    import search.indexing
    import search.tasks

    monkeypatch.setattr(search.tasks, "INLINE_RETRY_PAUSE", 0)
    original = search.indexing.reindex
    calls = []

    def failing_once(keys=(), subtrees=()):
        """Fail the first index task, then index normally."""
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")
        return original(keys, subtrees)

    monkeypatch.setattr(search.indexing, "reindex", failing_once)
    page = standard_page(title="Dugong survey")
    assert len(calls) == 2
    assert found("dugong") == {f"home.standardpage.{page.pk}"}


def test_the_reconcile_command_removes_what_is_no_longer_public(standard_page):
    """`update_index --remove` (the nightly job) drops documents whose page went private
    without a signal (for example, changed directly in the database)."""
    from django.core.management import call_command

    from home.models import StandardPage

    page = standard_page(title="Meerkat page")
    StandardPage.objects.filter(pk=page.pk).update(live=False)
    assert found("meerkat")
    call_command("update_index", remove=True, verbosity=0)
    assert not found("meerkat")


def test_an_expired_page_is_removed_by_the_expiry_job(standard_page, commit):
    from django.core.management import call_command
    from django.utils import timezone

    page = standard_page(title="Aardwolf notice")
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    commit(lambda: page.save_revision().publish())
    assert not found("aardwolf")
    commit(call_command, "publish_scheduled")
    assert not found("aardwolf")
