"""Estimate how many clicks a page will be from the home page, from its place in the tree.

The site's templates link: home to every section page shown in menus, to every committee,
and (footer) to the pages named in council settings; every section or committee to all its
child pages; a meeting to its minutes. So a page's click depth follows from its ancestors
without crawling the site, which is cheap enough to run whenever an editor publishes.
"""


def estimated_click_depth(page):
    """Clicks from home to `page` through the site's navigation, or None if no ordinary
    link leads to it."""
    from wagtail.models import Site

    from home.models import CouncilSettings, HomePage
    from meetings.models import CommitteePage

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    settings = CouncilSettings.for_site(site)
    footer_ids = {
        settings.accessibility_statement_id,
        settings.privacy_notice_id,
        settings.contact_page_id,
    }
    chain = list(page.get_ancestors(inclusive=True).specific(defer=True))
    depth = None
    for ancestor in chain:
        if isinstance(ancestor, HomePage):
            depth = 0
            continue
        if depth is None:
            continue
        if isinstance(ancestor, CommitteePage):
            depth = 1
        elif depth == 0 and not (ancestor.show_in_menus or ancestor.pk in footer_ids):
            return None
        else:
            depth += 1
    return depth
