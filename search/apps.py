from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search on django-haystack: the search page, indexing and query cleaning."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "search"
