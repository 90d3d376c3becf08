"""Fixtures the meetings tests share: a meetings section with a Cabinet, and an editor."""

import pytest

from meetings.factories import CommitteePageFactory, ParticipationRuleFactory, make_meetings_tree
from tests.meetings.test_admin import make_editor


@pytest.fixture
def tree(home_page):
    return make_meetings_tree(home_page)


@pytest.fixture
def cabinet(tree):
    return CommitteePageFactory(
        parent=tree.committees,
        title="Cabinet",
        is_executive=True,
        participation_rule=ParticipationRuleFactory(),
    )


@pytest.fixture
def editor(django_user_model):
    return make_editor(django_user_model)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
