from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Committees, councillors, meetings, agendas, minutes, decisions, forward plan and plans."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"

    def ready(self):
        """Connect the email alert handlers to publishing (see `meetings.signals`)."""
        from meetings import signals

        signals.connect()
