from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    """The site's front door: home page, standard pages, site-wide settings and layout."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        from home import (
            admin_widgets,
            checks,  # noqa: F401  (registers the public address check)
        )
        from home.public_address import sync_default_site

        # Before any admin form is built: date pickers that keep what an editor typed.
        admin_widgets.register()

        # Wagtail's default Site follows SITE_URL on every install and upgrade.
        post_migrate.connect(sync_default_site, sender=self, dispatch_uid="home.sync_site")
