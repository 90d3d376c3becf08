"""Load the demo council: safe to run repeatedly, it only adds what is missing."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that contributes demo content has a `demo.py` with `load(home)`; order matters
# (committees before meetings before decisions).
DEMO_MODULES = ["meetings.demo", "consultations.demo"]


class Command(BaseCommand):
    help = "Create or complete the demo council's content. Existing content is kept."

    def handle(self, *args, **options):
        from home import demo as home_demo

        with transaction.atomic():
            home = home_demo.load()
            for name in DEMO_MODULES:
                try:
                    module = import_module(name)
                except ModuleNotFoundError as error:
                    if error.name != name:
                        raise
                    continue
                module.load(home)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
