"""The service navigation: one link to each section of the site.

Sections are the home page's live, public children marked "show in menus", in the order
editors set in the page tree, followed by the search page, which is not a Wagtail page.
"""

from django.urls import reverse


def service_navigation(site, current_path):
    """Return navigation items as dicts with `text`, `href` and `active` for the template."""
    root = site.root_page
    items = [
        {"text": page.title, "href": page.url}
        for page in root.get_children().live().public().in_menu()
    ]
    items.append({"text": "Search", "href": reverse("search")})
    for item in items:
        href = item["href"] or ""
        item["active"] = href not in ("", "/") and current_path.startswith(href)
        item["current"] = current_path == href
    return items
