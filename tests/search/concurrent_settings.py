"""Settings for the child processes of test_concurrency.py: the test settings, pointed at
the parent's test database (passed as JSON in SEARCH_TEST_DATABASE) and, through
HAYSTACK_WHOOSH_PATH, at the parent's search index."""

import json
import os

from config.settings.test import *  # noqa: F403

DATABASES = {"default": json.loads(os.environ["SEARCH_TEST_DATABASE"])}
