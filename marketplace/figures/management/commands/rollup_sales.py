"""`manage.py rollup_sales [--rebuild]`: add up the orders' money figures of every closed day not
added up yet (Celery beat runs it hourly; `make run` once as it starts). Safe to run again."""

from django.core.management.base import BaseCommand

from marketplace.figures import sales


class Command(BaseCommand):
    help = "Add up each closed day's orders, cancellations, refunds and commission for the figures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Forget what was added up and start again."
        )

    def handle(self, *args, **options):
        days = sales.rollup(rebuild=options["rebuild"], out=self.stdout)
        self.stdout.write(f"{days} days of sales added up; through {sales.rolled_through() or '—'}.")
