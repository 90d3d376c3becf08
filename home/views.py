"""Site-wide views: robots.txt and the error pages."""

from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from home.public_address import absolute_url


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Let crawlers index public pages but not the admin, accounts or search results."""
    sitemap_url = absolute_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /search/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """Render the 404 page in the site's design, with the full site context."""
    template = loader.get_template("404.html")
    # Pending messages ("Your email alerts are saved") wait for a real page: a stray
    # request for a missing file must not use them up.
    context = {"request_path": request.path, "messages": ()}
    return HttpResponseNotFound(template.render(context, request))


def server_error(request):
    """Render the 500 page without touching the database, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))
