"""The site's public address (`settings.SITE_URL`): the one source of every absolute URL.

Emails, calendar feeds, RSS and Atom, the sitemap and the subscribe links are read away
from the page that made them, so they must not name the host a request happened to use
(a task worker has no request, and a proxy may rewrite the host) nor Wagtail's default
`Site` record, which says localhost unless something sets it. `sync_default_site` keeps
that record (and so Wagtail's own `Page.full_url`) in step; it runs after every migrate.
"""

import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_url():
    """The public address without a trailing slash, e.g. 'https://democracy.council.gov.uk'."""
    return settings.SITE_URL.rstrip("/")


def public_host():
    """The host name of the public address."""
    return urlsplit(site_url()).hostname or ""


def public_port():
    """The port of the public address (80 or 443 unless it names one)."""
    parts = urlsplit(site_url())
    return parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def absolute_url(path):
    """`path` (a path such as reverse() gives, or a URL on any host this site answers to)
    as a full URL on the public address."""
    parts = urlsplit(path)
    if not parts.path.startswith("/"):
        raise ValueError(f"Expected a path from the site root, got {path!r}")
    return site_url() + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def page_url(page, request=None):
    """The page's full URL on the public address, or '' if no site serves it."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return ""
    return absolute_url(parts[2])


def sender_address():
    """The From address of the site's emails: DEFAULT_FROM_EMAIL when the deployment sets
    it, else the democratic services address in the default site's council settings."""
    if settings.DEFAULT_FROM_EMAIL:
        return settings.DEFAULT_FROM_EMAIL
    from wagtail.models import Site

    from home.models import CouncilSettings

    site = Site.objects.filter(is_default_site=True).first()
    email = CouncilSettings.for_site(site).democratic_services_email if site else ""
    return email or f"noreply@{public_host()}"


def sync_default_site(**kwargs):
    """Give Wagtail's default Site the public address's host name and port (idempotent).

    Returns True if the record changed. Connected to `post_migrate`, so every install and
    upgrade (`manage.py migrate`, run by `make run` and deployments) keeps it in step.
    """
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = public_host(), public_port()
    if site is None or not hostname or (site.hostname, site.port) == (hostname, port):
        return False
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        logger.warning(
            "Another site already has %s:%s; the default site keeps %s:%s.",
            hostname,
            port,
            site.hostname,
            site.port,
        )
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
