"""factory_boy factories for the home app's pages, used by every app's tests."""

import factory
import wagtail_factories
from django.conf import settings as django_settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from .models import CouncilSettings, HomePage, StandardPage
from .public_address import public_host, public_port


class HomePageFactory(wagtail_factories.PageFactory):
    """A published home page."""

    title = "Council meetings, decisions and plans"
    slug = "home"
    intro = "<p>Find meetings, decisions and plans.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    """A published general information page."""

    title = factory.Sequence(lambda n: f"Information page {n}")
    summary = "A page of general information."

    class Meta:
        model = StandardPage


def ensure_tree_roots():
    """Return the page tree's root, recreating it (with the default locale and the root
    collection) if a transactional test's flush removed what Wagtail's migrations made."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
        )
        root = Page.add_root(title="Root", slug="root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return root


def make_site_with_home_page(council_name="Wiltshire Council"):
    """Create a home page under the tree root and make it the default site's root.

    Wagtail's own migration leaves a placeholder page and a default site; tests need the
    site to serve our home page, as `load_demo` arranges on a real install.
    """
    root = ensure_tree_roots()
    root.get_children().filter(slug="home").exclude(content_type__model="homepage").delete()
    home = HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        # In step with SITE_URL, as `migrate` keeps a real install's default site.
        site.hostname, site.port = public_host(), public_port()
        site.save()
    else:
        site = Site.objects.create(
            hostname=public_host(), port=public_port(), root_page=home, is_default_site=True
        )
    settings = CouncilSettings.for_site(site)
    settings.council_name = council_name
    settings.address = "County Hall\nTrowbridge\nBA14 8JN"
    settings.democratic_services_email = "committee@example.gov.uk"
    settings.save()
    return home
