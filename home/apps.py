from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site's front door: home page, standard pages, site-wide settings and layout."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
