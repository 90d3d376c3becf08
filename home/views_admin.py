"""The admin report of pages more than three clicks from the home page."""

from django.core.cache import cache
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied


class ClickDepthReportView(TemplateView):
    """Crawl the public site (cached for ten minutes) and list pages and documents that are
    too deep or unreachable, each with its shortest path from home."""

    template_name = "home/admin/click_depth_report.html"
    cache_key = "click-depth-report"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser and not request.user.has_perm("wagtailadmin.access_admin"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from home.clickdepth import check

        context = super().get_context_data(**kwargs)
        rows = None if self.request.GET.get("refresh") else cache.get(self.cache_key)
        if rows is None:
            report = check(max_depth=3, explain=1)
            rows = {
                "checked": report.checked,
                "home_status": report.home_status,
                "host": report.host,
                "broken_links": report.broken_links,
                "offenders": [{"url": url, "depth": None, "path": []} for url in report.unreachable]
                + [
                    {
                        "url": url,
                        "depth": report.crawl.depth[url],
                        "path": report.crawl.path_to(url),
                    }
                    for url in report.too_deep
                ],
            }
            cache.set(self.cache_key, rows, 600)
        context.update(rows)
        return context
