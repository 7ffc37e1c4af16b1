"""`manage.py rollup_counts`: add the visit counters held in the cache to the daily rows now."""

from django.core.management.base import BaseCommand

from marketplace.visits import rollup


class Command(BaseCommand):
    help = "Add the visits, product views and searches counted in the cache to the daily rows."

    def handle(self, *args, **options):
        taken = rollup.rollup()
        if taken is None:
            self.stdout.write("Another rollup is running; nothing done.")
        else:
            self.stdout.write(f"Rolled up {taken} counters.")
