"""Settings shared by every environment.

Environment-specific files (`dev`, `production`, `test`) import everything from here and
override only what differs, so a setting is defined once.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything the running site writes (SQLite database, search index, uploads) lives in var/,
# which git ignores, so a checkout stays clean and a backup is one folder.
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "home",
    "meetings",
    "consultations",
    "search",
    # haystack must come before wagtail: both define an `update_index` command and Django runs
    # the first one it finds.
    "haystack",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_navigation",
            ],
        },
    },
]


def database_from_environment(default_sqlite_path: Path) -> dict:
    """Return the default database: `DATABASE_URL` if set, else SQLite in `var/`.

    SQLite is tuned for a small council running on one machine with several gunicorn
    workers: WAL lets readers carry on while one process writes, the busy timeout makes a
    writer wait for the lock instead of failing with "database is locked", and IMMEDIATE
    transactions take the write lock at BEGIN so two writers queue rather than deadlock
    when both try to upgrade a read lock.
    """
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": default_sqlite_path,
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database_from_environment(VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "staticfiles"))
# `static/` holds the compiled front end (built by `make assets`, not committed).
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Uploads (documents, Part II papers, original images) have no URL; only image renditions,
# in MEDIA_ROOT/images/, are served as plain files (config/storage.py).
STORAGES = {
    "default": {"BACKEND": "config.storage.PrivateMediaStorage"},
    "renditions": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("COUNCIL_NAME", "Council democracy")
# The public address (scheme, host and port, no path) that every absolute URL in emails,
# feeds, the sitemap and subscribe links is built from (home/public_address.py). Wagtail's
# admin links use it too, and `migrate` gives the default Site its host name and port.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Documents are streamed through Django so `before_serve_document` hooks can refuse exempt
# (Part II) papers; a direct link to the storage would bypass that check.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Search: Whoosh in var/ by default; Solr or Elasticsearch through haystack's own backends
# when HAYSTACK_ENGINE and HAYSTACK_URL are set (see site/README.md).
# Wagtail-aware: reacts to publish, unpublish, move, view restriction changes and deletes,
# and re-reads the live page after commit (haystack's realtime processor would index drafts).
HAYSTACK_SIGNAL_PROCESSOR = "search.signals.WagtailSignalProcessor"


def haystack_from_environment(default_whoosh_path: Path) -> dict:
    """Return HAYSTACK_CONNECTIONS for Whoosh (default), Solr or Elasticsearch 7."""
    engine = os.environ.get("HAYSTACK_ENGINE", "whoosh").lower()
    url = os.environ.get("HAYSTACK_URL", "")
    if engine == "solr":
        connection = {
            "ENGINE": "haystack.backends.solr_backend.SolrEngine",
            "URL": url,
            "ADMIN_URL": os.environ.get("HAYSTACK_ADMIN_URL", ""),
        }
    elif engine in {"elasticsearch", "elasticsearch7"}:
        connection = {
            "ENGINE": "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine",
            "URL": url,
            "INDEX_NAME": os.environ.get("HAYSTACK_INDEX_NAME", "council"),
        }
    else:
        # haystack's Whoosh backend with writes serialised by a cross-process lock.
        connection = {
            "ENGINE": "search.backends.SerialisedWhooshEngine",
            "PATH": os.environ.get("HAYSTACK_WHOOSH_PATH", str(default_whoosh_path)),
        }
    connection["INCLUDE_SPELLING"] = True
    connection["BATCH_SIZE"] = 200
    # Errors reach the code instead of becoming empty results or lost writes: the search
    # page answers 503 and index tasks retry.
    connection["SILENTLY_FAIL"] = False
    return {"default": connection}


HAYSTACK_CONNECTIONS = haystack_from_environment(VAR_DIR / "whoosh_index")
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# The index holds only the site's own models, so haystack need not add a "these models
# only" filter to every query (on Whoosh that filter is a second search over every
# document).
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False

# Background tasks (emails, index updates, text extraction): a database-backed queue worked
# by `manage.py db_worker`, so a single-machine council needs no extra server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Accounts (django-allauth): sign in by email, verified, no usernames.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Adds an optional "Full name", so the question form can fill it in.
ACCOUNT_SIGNUP_FORM_CLASS = "consultations.forms.AccountSignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Mail scanners open links, so opening a confirmation link must never confirm anything:
# the page it opens has a button that POSTs (allauth's default, stated here on purpose).
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# Empty means: send from the democratic services address in the council's settings
# (home.public_address.sender_address), which is what the demo does.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "")
ACCOUNT_ADAPTER = "home.adapters.AccountAdapter"


def caches_from_environment(default_file_cache_path: Path) -> dict:
    """Return CACHES: Redis at `REDIS_URL` if set, else files in `var/`.

    The cache holds the rate limits (questions and statements, allauth's sign-in limits), so
    it must be shared by every gunicorn worker: files on one machine, Redis for several.
    """
    redis_url = os.environ.get("REDIS_URL", "").strip()
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
            }
        }
    return {
        "default": {
            # Django's file cache, culling expired entries before live ones (config/cache.py).
            "BACKEND": "config.cache.FileBasedCache",
            "LOCATION": str(default_file_cache_path),
            # Every write lists the folder, so more entries make writes slower (about 10 ms
            # at 1,000 files); past this it deletes expired files, then a random third.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }


CACHES = caches_from_environment(VAR_DIR / "cache")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Wagtail logs every page action at INFO; the admin's history already records them.
    "loggers": {"wagtail": {"level": "WARNING"}},
}

# Democracy rules that councils set in their constitution.
DEMOCRACY_AGENDA_CLEAR_DAYS = 5
DEMOCRACY_KEY_DECISION_NOTICE_DAYS = 28
DEMOCRACY_CALL_IN_DAYS = 5

# Public questions and statements (the consultations app). Rate limits count successful
# submissions per hashed internet address and per email address within the window; 0 turns
# a limit off. X-Forwarded-For is believed only from the trusted proxies (nginx).
CONSULTATIONS_MIN_FILL_SECONDS = 4
CONSULTATIONS_RATE_LIMIT_PER_IP = 10
CONSULTATIONS_RATE_LIMIT_PER_EMAIL = 5
CONSULTATIONS_RATE_LIMIT_WINDOW_SECONDS = 3600
CONSULTATIONS_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
# Months after a meeting when submitters' contact details are erased (erase_personal_data).
CONSULTATIONS_RETENTION_MONTHS = 12

# `make run` serves image renditions (/media/images/) through Django because there is no
# nginx in front of it; a real deployment lets nginx serve them (site/nginx.conf) and leaves
# this off. No other file under MEDIA_ROOT has a URL, whatever this or DEBUG says.
SERVE_MEDIA = os.environ.get("DJANGO_SERVE_MEDIA", "") == "1"
