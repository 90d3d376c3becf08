"""Test settings: fast hashing, in-memory cache and email, tasks run at once, and a
throw-away Whoosh index in a temporary folder so tests never touch var/."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import database_from_environment, haystack_from_environment

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

_TMP = Path(tempfile.mkdtemp(prefix="council-test-"))
MEDIA_ROOT = _TMP / "media"
DATABASES = {"default": database_from_environment(_TMP / "test.sqlite3")}
HAYSTACK_CONNECTIONS = haystack_from_environment(_TMP / "whoosh_index")
for _connection in HAYSTACK_CONNECTIONS.values():
    _connection["SILENTLY_FAIL"] = False
# The test client's host, so links in outputs and the pages that served them agree.
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so live-server and threaded tests share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(_TMP / "test-db.sqlite3")}
