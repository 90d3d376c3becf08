"""The admin report of pages more than three clicks from the home page."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied

from home.models import ClickDepthRun

# A run that has not finished in this time is taken to have died with its worker.
RUN_GIVES_UP_AFTER = datetime.timedelta(hours=1)


class ClickDepthReportView(TemplateView):
    """The latest stored result of the three-clicks check: pages and documents too deep or
    unreachable, each with its shortest path from home, and links to missing pages.

    The crawl itself runs in the task worker (a council with years of meetings takes
    minutes to crawl); "Check again now" queues one."""

    template_name = "home/admin/click_depth_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def run_under_way():
        return (
            ClickDepthRun.objects.filter(
                finished_at__isnull=True, started_at__gte=timezone.now() - RUN_GIVES_UP_AFTER
            )
            .order_by("-started_at")
            .first()
        )

    def post(self, request, *args, **kwargs):
        from home.tasks import check_click_depth

        if self.run_under_way():
            messages.info(request, "A check is already under way. Refresh this page shortly.")
        else:
            run = ClickDepthRun.objects.create()
            check_click_depth.enqueue(run.pk)
            messages.success(
                request,
                "The check has started. It follows every link from the home page, which "
                "takes a minute or more on a large site: refresh this page to see the result.",
            )
        return redirect(reverse("click_depth_report"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["run"] = (
            ClickDepthRun.objects.filter(finished_at__isnull=False).order_by("-started_at").first()
        )
        context["under_way"] = self.run_under_way()
        return context
