"""Wagtail admin customisations for the site as a whole: accessibility checks for
editors (content checker, publish-time warnings) and the click-depth report."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import ContentCheckerItem

from home.accessibility import AXE_TAGS
from home.content_checks import check_page, editor_warnings
from home.navigation_depth import estimated_click_depth
from home.views_admin import ClickDepthReportView


class CouncilContentChecker(ContentCheckerItem):
    """Wagtail's content checker run with the site's own WCAG 2.2 AA rule set, on the
    page's main content, in the preview panel and the userbar.

    Wagtail's own editorial rules (skipped heading levels, empty headings, paragraphs
    styled as headings, file names as alt text) are best practice rather than WCAG rules,
    so the tags alone would drop them; they are switched on beside the tags, as the
    publish-time checks look for the same problems."""

    axe_include = ["main"]
    axe_run_only = AXE_TAGS
    axe_rules = {rule: {"enabled": True} for rule in ContentCheckerItem.axe_run_only}


@hooks.register("insert_global_admin_css")
def admin_layout_css():
    """The project's corrections to the admin's layout (static_src/scss/admin.scss)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("construct_wagtail_userbar")
def use_council_content_checker(request, items, page):
    """Swap Wagtail's default checker for ours, wherever the userbar appears."""
    for index, item in enumerate(items):
        if type(item) is not CouncilContentChecker and isinstance(item, ContentCheckerItem):
            items[index] = CouncilContentChecker(in_editor=getattr(item, "in_editor", False))


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def warn_about_content_problems(request, page):
    """After every save or publish, tell the editor about accessibility problems in the
    content and about pages that will be more than three clicks from home.

    Autosave (a JSON request every few seconds while the editor types) is skipped: its
    response shows no messages, so they would pile up and all appear at the next save."""
    if not request.accepts("text/html"):
        return
    specific = page.specific
    problems = check_page(specific.get_latest_revision_as_object(), request)
    for warning in editor_warnings(problems):
        messages.warning(request, f"Accessibility: {warning}")
    depth = estimated_click_depth(specific)
    if depth is None or depth > 3:
        where = "cannot be reached" if depth is None else f"will be {depth} clicks"
        messages.warning(
            request,
            f"Navigation: '{page.title}' {where} from the home page. Every page should be "
            "within three clicks: move it higher, or link to it from a section page.",
        )


@hooks.register("register_admin_urls")
def register_click_depth_report_url():
    return [
        path(
            "reports/click-depth/",
            ClickDepthReportView.as_view(),
            name="click_depth_report",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_click_depth_report_menu_item():
    """Shown to everyone who edits the site, not only administrators: the report lists
    only what an anonymous visitor can already see."""
    return MenuItem(
        "Pages more than three clicks from home",
        reverse("click_depth_report"),
        icon_name="site",
        order=700,
    )
