from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """How residents take part: consultations, and questions and statements for meetings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"
