"""How many clicks each public page and document is from the home page.

A click is following an ordinary `<a href>` to another URL as an anonymous visitor. In-page
anchors, skip links, the search form and links off the site do not count. The crawl is
breadth-first, so the depth found for each URL is its shortest path from `/`.
"""

import logging
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.test import Client

logger = logging.getLogger(__name__)

# Paths that are not content: the admin, accounts, search results and machine feeds.
SKIPPED_PREFIXES = ("/admin/", "/accounts/", "/search/", "/django-admin/")
SKIPPED_SUFFIXES = (".ics", ".xml", ".rss", ".atom", "/feed/", "/rss/", "/atom/")


class LinkParser(HTMLParser):
    """Collect the href of every <a> element in a page."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_in(html, base_url, own_hosts=("testserver", "localhost")):
    """Site-internal link targets in `html` (fragments removed), in document order; links
    to `own_hosts` (the host the crawl asks for, with or without a port) are internal."""
    parser = LinkParser()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        if href.startswith("#"):
            continue
        absolute, _fragment = urldefrag(urljoin(base_url, href.strip()))
        parts = urlsplit(absolute)
        if parts.scheme not in ("", "http", "https"):
            continue  # mailto:, tel:, webcal:, javascript:, data: ... in any case
        if parts.netloc and parts.netloc not in own_hosts and parts.hostname not in own_hosts:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        found.append(path)
    return found


def is_followable(path):
    bare = path.split("?")[0]
    return not bare.startswith(SKIPPED_PREFIXES) and not bare.endswith(SKIPPED_SUFFIXES)


@dataclass
class CrawlResult:
    """Depth and shortest path for every URL reached within `max_depth` clicks."""

    depth: dict = field(default_factory=dict)
    parent: dict = field(default_factory=dict)
    fetched: int = 0
    # URL -> HTTP status, for every fetched URL that answered with an error.
    failed: dict = field(default_factory=dict)
    # What the start page answered: anything but 200 means nothing was crawled.
    start_status: int = 0

    def path_to(self, url):
        """The chain of URLs from / to `url` (inclusive), or [] if not reached."""
        if url not in self.depth:
            return []
        chain = [url]
        while chain[-1] in self.parent:
            chain.append(self.parent[chain[-1]])
        return list(reversed(chain))


def visitor_host():
    """The host name the crawl asks for: the default site's, if this deployment accepts it
    (ALLOWED_HOSTS), else the first host it names. Django's test client otherwise asks
    for 'testserver', which a production deployment rightly refuses with a 400."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    candidates = [site.hostname] if site else []
    # ".council.gov.uk" allows council.gov.uk and its subdomains: ask for the domain itself.
    candidates += [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"]
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]  # what Django itself accepts then
    for host in candidates:
        if validate_host(host, allowed):
            return host
    return "testserver"


class VisitorClient(Client):
    """Django's test client asking as a visitor's browser would on this deployment: for
    an accepted host, and over HTTPS where the site redirects plain HTTP to it."""

    def __init__(self, host, secure, **defaults):
        # A page that fails is a finding (a broken link, HTTP 500), not the end of the crawl.
        super().__init__(HTTP_HOST=host, raise_request_exception=False, **defaults)
        self.secure = secure

    def get(self, path, *args, **kwargs):
        kwargs.setdefault("secure", self.secure)
        return super().get(path, *args, **kwargs)


def visitor_client():
    """The client the click-depth check crawls with."""
    return VisitorClient(visitor_host(), secure=settings.SECURE_SSL_REDIRECT)


def crawl(max_depth=3, start="/", client=None):
    """Breadth-first crawl from `start`, fetching pages up to `max_depth - 1` clicks deep
    (pages at `max_depth` are recorded but not fetched: their links would be deeper)."""
    client = client or visitor_client()
    own_hosts = ("testserver", "localhost", client.defaults.get("HTTP_HOST", "testserver"))
    result = CrawlResult()
    result.depth[start] = 0
    queue = deque([start])
    while queue:
        url = queue.popleft()
        depth = result.depth[url]
        if depth >= max_depth:
            continue
        response = client.get(url)
        result.fetched += 1
        if url == start:
            result.start_status = response.status_code
        if response.status_code >= 400:
            result.failed[url] = response.status_code
        if response.status_code != 200:
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in links_in(response.content.decode("utf-8", "replace"), url, own_hosts):
            if link in result.depth or not is_followable(link):
                continue
            result.depth[link] = depth + 1
            result.parent[link] = url
            queue.append(link)
    return result


def public_page_urls():
    """URL paths of every live page the public can see (no drafts, no private pages)."""
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    urls = []
    for page in pages.specific(defer=True):
        url = page.get_url(None)
        if url:
            urls.append(urlsplit(url).path)
    return urls


def public_document_urls():
    """URL paths of every document the public can open: referenced by live public
    content and not held as an exempt (Part II) paper."""
    from wagtail.documents import get_document_model
    from wagtail.models import ReferenceIndex

    from meetings.exempt import is_exempt_document

    urls = []
    for document in get_document_model().objects.select_related("collection"):
        if is_exempt_document(document):
            continue
        if _referenced_by_public_content(document, ReferenceIndex):
            urls.append(urlsplit(document.url).path)
    return urls


def _referenced_by_public_content(document, reference_index):
    from wagtail.models import Page

    for reference in reference_index.get_references_to(document):
        source = reference.content_type.get_object_for_this_type(pk=reference.object_id)
        if isinstance(source, Page):
            if source.live and Page.objects.filter(pk=source.pk).public().exists():
                return _reference_is_public(source, reference)
        elif getattr(source, "live", True):
            return True
    return False


def _reference_is_public(page, reference):
    """A reference from an agenda item's papers is public only for Part I items."""
    path = reference.content_path or ""
    if path.startswith("agenda_items."):
        from meetings.exempt import PART_II
        from meetings.models import AgendaItem

        item_pk = path.split(".")[1]
        if item_pk.isdigit():
            return not AgendaItem.objects.filter(pk=int(item_pk), part=PART_II).exists()
    return True


def sitemap_urls(client=None):
    """URL paths listed in /sitemap.xml."""
    import re

    client = client or visitor_client()
    response = client.get("/sitemap.xml")
    if response.status_code != 200:
        return []
    locs = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    return [urlsplit(loc).path for loc in locs]


@dataclass
class DepthReport:
    """What the check found: targets too deep or unreachable, with their best paths."""

    too_deep: list
    unreachable: list
    checked: int
    crawl: CrawlResult
    host: str = "testserver"

    @property
    def home_status(self):
        """The home page's HTTP status in the crawl (200 unless something is wrong)."""
        return self.crawl.start_status

    @property
    def broken_links(self):
        """(url, status, linked from) for every link the crawl followed to an error."""
        return [
            (url, status, self.crawl.parent.get(url))
            for url, status in sorted(self.crawl.failed.items())
            if url != "/"
        ]

    @property
    def ok(self):
        return not self.too_deep and not self.unreachable


def check(max_depth=3, explain=1):
    """Compare what a visitor reaches within `max_depth` clicks with every public page,
    document and sitemap entry. `explain` extra levels are crawled so that pages just too
    deep are reported with their actual depth and path rather than as unreachable."""
    client = visitor_client()
    result = crawl(max_depth=max_depth + explain, client=client)
    targets = set(public_page_urls()) | set(public_document_urls()) | set(sitemap_urls(client))
    unreachable = sorted(url for url in targets if url not in result.depth)
    result.limit = max_depth
    too_deep = sorted(url for url in targets if result.depth.get(url, 0) > max_depth)
    return DepthReport(
        too_deep=too_deep,
        unreachable=unreachable,
        checked=len(targets),
        crawl=result,
        host=client.defaults["HTTP_HOST"],
    )


KEEP_RUNS = 30  # stored results of the check; older ones are deleted


def record_check(max_depth=3, explain=1, run=None):
    """Run the check and store what it found as a ClickDepthRun (the admin report shows
    the latest); return the run and the report. A check that fails is stored with its
    error, so the report can say so."""
    from django.utils import timezone

    from home.models import ClickDepthRun

    run = run or ClickDepthRun.objects.create(max_depth=max_depth)
    try:
        report = check(max_depth=max_depth, explain=explain)
    except Exception:
        # Editors see that it failed; the details (which may name settings) go to the log.
        logger.exception("The click-depth check failed")
        run.error = "The check stopped with an error. The server log has the details."
        run.finished_at = timezone.now()
        run.save()
        raise
    run.host = report.host
    run.home_status = report.home_status
    run.checked = report.checked
    run.offenders = [{"url": url, "depth": None, "path": []} for url in report.unreachable] + [
        {"url": url, "depth": report.crawl.depth[url], "path": report.crawl.path_to(url)}
        for url in report.too_deep
    ]
    run.broken_links = [
        {"url": url, "status": status, "linked_from": linked_from}
        for url, status, linked_from in report.broken_links
    ]
    run.finished_at = timezone.now()
    run.save()
    old_runs = ClickDepthRun.objects.order_by("-started_at").values_list("pk", flat=True)
    ClickDepthRun.objects.filter(pk__in=list(old_runs[KEEP_RUNS:])).delete()
    return run, report
