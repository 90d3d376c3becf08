"""Check that every public page and document is within three clicks of the home page."""

from django.core.management.base import BaseCommand, CommandError

from home.clickdepth import check, record_check


class Command(BaseCommand):
    help = (
        "Crawl the site from / as an anonymous visitor and report every live public page, "
        "document or sitemap entry more than N clicks deep (default 3) or unreachable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--max-depth", type=int, default=3)
        parser.add_argument(
            "--save",
            action="store_true",
            help="Also store the result for the admin report (the nightly timer does this).",
        )
        parser.add_argument(
            "--explain",
            type=int,
            default=1,
            help="Extra levels to crawl so too-deep pages are shown with their path.",
        )

    def handle(self, *args, max_depth, explain, save, **options):
        if save:
            run, report = record_check(max_depth=max_depth, explain=explain)
            self.stdout.write(f"Saved for the admin report ({run}).")
        else:
            report = check(max_depth=max_depth, explain=explain)
        if report.home_status != 200:
            raise CommandError(
                f"The home page answered HTTP {report.home_status} when asked for as "
                f"{report.host}, so nothing could be crawled. Check ALLOWED_HOSTS and that "
                "the site has a home page."
            )
        self.stdout.write(
            f"Checked {report.checked} public pages and documents; crawled "
            f"{report.crawl.fetched} pages; reached "
            f"{sum(1 for d in report.crawl.depth.values() if d <= max_depth)} URLs within "
            f"{max_depth} clicks."
        )
        for url in report.unreachable:
            self.stdout.write(f"UNREACHABLE within {max_depth} clicks: {url}")
        for url in report.too_deep:
            path = " > ".join(report.crawl.path_to(url))
            self.stdout.write(f"TOO DEEP ({report.crawl.depth[url]} clicks): {url} via {path}")
        for url, status, linked_from in report.broken_links:
            self.stdout.write(f"BROKEN LINK (HTTP {status}): {url} linked from {linked_from}")
        if not report.ok:
            raise CommandError(
                f"{len(report.unreachable) + len(report.too_deep)} page(s) or document(s) are "
                f"more than {max_depth} clicks from the home page."
            )
        self.stdout.write(self.style.SUCCESS(f"Every public page is within {max_depth} clicks."))
