"""sitemap.xml: Wagtail's sitemap of live, public pages, each on the public address."""

from wagtail.contrib.sitemaps import Sitemap

from home.public_address import absolute_url


class PublicSitemap(Sitemap):
    """Wagtail builds each location from the default Site record (or the request's host);
    search engines must be given the configured public address instead."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = absolute_url(url["location"])
        return urls
