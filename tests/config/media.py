"""Helpers for the media privacy tests: the ways the site's URLs can be built, and what
lies under MEDIA_ROOT."""

import importlib
import os
from pathlib import Path

import wagtail_factories
from django.conf import settings
from django.urls import clear_url_caches
from wagtail.models import Collection

from config.storage import PUBLIC_MEDIA_FOLDER

RENDITION_PREFIX = f"{PUBLIC_MEDIA_FOLDER}/"

#: Every way the site's URLs can be built: behind the shipped nginx, the `make run` server
#: (DJANGO_SERVE_MEDIA=1, see RUN_ENV in the Makefile), and `runserver` with DEBUG on.
URL_SETTINGS = {
    "behind-nginx": {"DEBUG": False, "SERVE_MEDIA": False},
    "make-run": {"DEBUG": False, "SERVE_MEDIA": True},
    "debug": {"DEBUG": True, "SERVE_MEDIA": False},
    "debug-and-serve-media": {"DEBUG": True, "SERVE_MEDIA": True},
}


def reload_urlconf():
    """Rebuild the root URLconf, which decides at import time what /media/ maps to."""
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


def serves_renditions(url_settings):
    """Whether Django itself answers /media/images/ under these settings (else nginx does)."""
    return url_settings["DEBUG"] or url_settings["SERVE_MEDIA"]


def make_image():
    """A saved image in the root collection (the factory's default makes a second root)."""
    return wagtail_factories.ImageFactory(title="Logo", collection=Collection.get_first_root_node())


def media_files():
    """Every file under MEDIA_ROOT, as paths relative to it with forward slashes."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(
        Path(folder, name).relative_to(root).as_posix()
        for folder, _, names in os.walk(root)
        for name in names
    )


def expected_media_status(name, url_settings):
    """The one rule: a file under MEDIA_ROOT has a URL only if it is a rendition."""
    return 200 if serves_renditions(url_settings) and name.startswith(RENDITION_PREFIX) else 404
