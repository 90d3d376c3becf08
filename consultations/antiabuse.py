"""Anti-abuse checks that do not get in the way of people using assistive technology.

No visual puzzle: a hidden honeypot field, a minimum time to fill the form in (carried in
a signed timestamp), rate limits per hashed internet address and per email address, and
duplicate detection (in `consultations.submitting`).
"""

import hashlib
import hmac
import ipaddress
import math
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


def _counters(ip_hash, email, now=None):
    """(cache key, limit, seconds left) for the address and email counters of this window.

    Fixed windows whose key embeds the window's start: the count can only ever be read in
    its own window, so it resets on time whatever the cache does with expiry, and each key
    is given the seconds left in its window so the cache forgets it soon after. Counting
    timestamps (a sliding window, as allauth does) would avoid the burst of twice the limit
    across a window boundary, but cannot use the cache's atomic increment.
    """
    window = setting("CONSULTATIONS_RATE_LIMIT_WINDOW_SECONDS")
    now = time.time() if now is None else now
    start = int(now // window * window)
    left = max(1, math.ceil(start + window - now))
    return [
        (
            f"consultations:rate:ip:{ip_hash}:{start}",
            setting("CONSULTATIONS_RATE_LIMIT_PER_IP"),
            left,
        ),
        (
            f"consultations:rate:email:{hash_value(email)}:{start}",
            setting("CONSULTATIONS_RATE_LIMIT_PER_EMAIL"),
            left,
        ),
    ]


def rate_limited(ip_hash, email):
    """True if this address or email has already sent as many as the limits allow."""
    for key, limit, _left in _counters(ip_hash, email):
        if limit and (cache.get(key) or 0) >= limit:
            return True
    return False


def count(key, timeout):
    """Add one to the counter `key`, which must expire `timeout` seconds from now.

    `incr` keeps the expiry on LocMemCache, Redis and Memcached, but FileBasedCache and the
    database cache rewrite the key with the default timeout (300 seconds), so `touch` sets
    it again. On Redis `add` and `incr` are atomic, so simultaneous requests all count.
    """
    cache.add(key, 0, timeout=timeout)
    try:
        value = cache.incr(key)
    except ValueError:
        # Expired or evicted between add and incr.
        cache.set(key, 1, timeout=timeout)
        return 1
    cache.touch(key, timeout)
    return value


def record_submission(ip_hash, email):
    """Count a successful submission against the address and email limits."""
    for key, limit, left in _counters(ip_hash, email):
        if limit:
            count(key, left)
