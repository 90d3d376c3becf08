"""Anti-abuse checks that do not get in the way of people using assistive technology.

No visual puzzle: a hidden honeypot field, a minimum time to fill the form in (carried in
a signed timestamp), rate limits per hashed internet address and per email address, and
duplicate detection (in `consultations.submitting`).
"""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

_SALT = "consultations.form-started"


def setting(name):
    """A consultations setting from Django settings, falling back to the default here."""
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    # Seconds a person must spend on the form; bots post at once.
    "CONSULTATIONS_MIN_FILL_SECONDS": 4,
    # Successful submissions allowed per internet address, and per email address, per window.
    "CONSULTATIONS_RATE_LIMIT_PER_IP": 10,
    "CONSULTATIONS_RATE_LIMIT_PER_EMAIL": 5,
    "CONSULTATIONS_RATE_LIMIT_WINDOW_SECONDS": 3600,
    # Proxies (e.g. nginx on this machine) whose X-Forwarded-For we believe.
    "CONSULTATIONS_TRUSTED_PROXIES": ["127.0.0.1", "::1"],
    # Months after a meeting when submitters' contact details are erased.
    "CONSULTATIONS_RETENTION_MONTHS": 12,
}


def started_token(now=None):
    """A signed timestamp for the form's hidden `started` field."""
    return signing.dumps(now if now is not None else time.time(), salt=_SALT)


def seconds_since_started(token, now=None):
    """How long ago the form was opened, or None if the token is missing or forged."""
    if not token:
        return None
    try:
        started = float(signing.loads(token, salt=_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return (now if now is not None else time.time()) - started


def filled_too_fast(token, now=None):
    """True if the form came back sooner than a person could fill it in (or unsigned)."""
    minimum = setting("CONSULTATIONS_MIN_FILL_SECONDS")
    if not minimum:
        return False
    elapsed = seconds_since_started(token, now)
    return elapsed is None or elapsed < minimum


def client_ip(request):
    """The client's address: the right-most X-Forwarded-For entry when the request comes
    from a trusted proxy (nginx appends the real address there), else REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in setting("CONSULTATIONS_TRUSTED_PROXIES"):
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote
    return remote


def hash_value(value):
    """A keyed hash (HMAC-SHA256 with the secret key), so stored hashes of IP addresses
    cannot be reversed by trying every address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()


def _keys(ip_hash, email):
    return [
        (f"consultations:rate:ip:{ip_hash}", setting("CONSULTATIONS_RATE_LIMIT_PER_IP")),
        (
            f"consultations:rate:email:{hash_value(email)}",
            setting("CONSULTATIONS_RATE_LIMIT_PER_EMAIL"),
        ),
    ]


def rate_limited(ip_hash, email):
    """True if this address or email has already sent as many as the limits allow."""
    for key, limit in _keys(ip_hash, email):
        if limit and (cache.get(key) or 0) >= limit:
            return True
    return False


def record_submission(ip_hash, email):
    """Count a successful submission against the address and email limits."""
    window = setting("CONSULTATIONS_RATE_LIMIT_WINDOW_SECONDS")
    for key, limit in _keys(ip_hash, email):
        if not limit:
            continue
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)
