"""Fixtures for the project-level tests."""

import pytest
from django.test import override_settings

from tests.config.media import URL_SETTINGS, reload_urlconf


@pytest.fixture(params=list(URL_SETTINGS.values()), ids=list(URL_SETTINGS))
def url_settings(request):
    """The URLconf as one of URL_SETTINGS builds it; the test settings' own afterwards."""
    with override_settings(**request.param):
        reload_urlconf()
        yield request.param
    reload_urlconf()
