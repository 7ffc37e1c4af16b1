"""`manage.py load_demo`: the demo marketplace at the article's figures, safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.demo.loader import DemoLoader
from vendors.models import Seller


class Command(BaseCommand):
    help = "Load the demo OCOP marketplace (332 sellers, 129 open shops, 432 products). Re-runnable."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when sellers already exist (make run)."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Seller.objects.exists():
            self.stdout.write("Demo data already present: nothing to load.")
            self._print_accounts()
            return
        with_accounts = settings.MARKETPLACE_DEMO_ACCOUNTS
        figures = DemoLoader(self.stdout, with_accounts=with_accounts).run()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo loaded: {accounts} seller accounts, {activated} activated, "
                "{products} products of {producers} producers.".format(**figures)
            )
        )
        self._print_accounts()

    def _print_accounts(self):
        if settings.MARKETPLACE_DEMO_ACCOUNTS:
            password = settings.MARKETPLACE_DEMO_PASSWORD
            self.stdout.write(
                f"Demo accounts (password {password}): admin@ocop.local (province staff), "
                "seller1@ocop.local and seller2@ocop.local (two shops), shopper@ocop.local."
            )
        else:
            self.stdout.write("Demo accounts are not created with these settings.")
