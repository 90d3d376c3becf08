from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """How residents take part: consultations, and questions and statements for meetings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"

    def ready(self):
        from django.db.models.signals import post_save

        from meetings.models import ParticipationRule

        from .signals import give_new_rule_standard_refusal_reasons

        post_save.connect(
            give_new_rule_standard_refusal_reasons,
            sender=ParticipationRule,
            dispatch_uid="consultations.standard_refusal_reasons",
        )
