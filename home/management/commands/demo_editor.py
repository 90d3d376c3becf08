"""Create the demo site's editor account once, printing its one-time password."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

USERNAME = "editor"


class Command(BaseCommand):
    help = "Create a demo editor in the Editors group and print a one-time password."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/ (user '{USERNAME}'; to set a new "
                f"password run: .venv/bin/python manage.py changepassword {USERNAME})"
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=USERNAME,
            email="editor@example.gov.uk",
            password=password,
            first_name="Demo",
            last_name="Editor",
            is_staff=True,
        )
        editors, _ = Group.objects.get_or_create(name="Editors")
        user.groups.add(editors)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the demo editor. Sign in at {settings.WAGTAILADMIN_BASE_URL}/admin/ as "
                f"'{USERNAME}' with the one-time password: {password}\n"
                "It is shown only now; change it after signing in."
            )
        )
