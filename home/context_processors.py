"""Template context every page needs: the service navigation."""

from wagtail.models import Site

from .navigation import service_navigation


def site_navigation(request):
    """Add the service navigation items for the current site (empty before set-up)."""
    site = Site.find_for_request(request)
    return {"service_navigation": service_navigation(site, request.path) if site else []}
