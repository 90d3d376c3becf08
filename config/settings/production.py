"""Production settings: secrets and hosts come from the environment, and the site refuses
to start without them rather than running with an insecure default.

`make run` serves the demo on plain http://127.0.0.1 with these settings, setting
`DJANGO_INSECURE_HTTP=1` to turn off the HTTPS-only cookies and redirects that a real
deployment (behind nginx with TLS, see site/) must keep.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required_env(name: str) -> str:
    """Return an environment variable or stop start-up with a message naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Production settings refuse to start without it "
            "(see site/README.md for the environment a deployment needs)."
        )
    return value


DEBUG = False
SECRET_KEY = required_env("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be a random string of at least 50 characters."
    )
ALLOWED_HOSTS = [h.strip() for h in required_env("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
# Emails, feeds and the sitemap link here: without it they would name 127.0.0.1.
SITE_URL = WAGTAILADMIN_BASE_URL = required_env("SITE_URL").rstrip("/")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Calendar event UIDs embed this domain; it must never change once people subscribe, so a
# deployment fixes it rather than deriving it from whatever SITE_URL is today.
MEETINGS_CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN") or (
    ALLOWED_HOSTS[0] if ALLOWED_HOSTS else "localhost"
)

INSECURE_HTTP = os.environ.get("DJANGO_INSECURE_HTTP", "") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = not INSECURE_HTTP
SESSION_COOKIE_SECURE = not INSECURE_HTTP
CSRF_COOKIE_SECURE = not INSECURE_HTTP
SECURE_HSTS_SECONDS = 0 if INSECURE_HTTP else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not INSECURE_HTTP
SECURE_HSTS_PRELOAD = not INSECURE_HTTP
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail marks its own preview views SAMEORIGIN, so everything else can refuse framing.
X_FRAME_OPTIONS = "DENY"

if os.environ.get("DJANGO_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["DJANGO_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = True
