"""`manage.py import_products <shop-slug> <file>`: a seller's CSV/XLSX import, from a terminal."""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from marketplace.progress import bar as progress_bar
from vendors import product_import
from vendors.models import ProductImport, Seller

PHASES = {"validating": "Checking rows", "writing": "Writing"}


class Command(BaseCommand):
    help = "Import a shop's products from CSV or XLSX: every row is checked first; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("shop", help="the shop's address (slug)")
        parser.add_argument("file", type=Path)

    def handle(self, *args, shop, file, **options):
        seller = Seller.objects.filter(slug=shop, status=Seller.Status.ACTIVE).first()
        if seller is None:
            raise CommandError(f"No activated shop at /shops/{shop}/.")
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        with file.open("rb") as handle:
            job = ProductImport.objects.create(
                seller=seller, file=File(handle, name=file.name), original_name=file.name
            )
        bars = {}

        def show(phase, done, total):
            if phase in PHASES:
                if phase not in bars:
                    bars[phase] = progress_bar(PHASES[phase], total, self.stdout)
                bars[phase].update(done - bars[phase].n)

        job = product_import.run(job, on_progress=show)
        for shown in bars.values():
            shown.close()
        if job.status == ProductImport.Status.DONE:
            self.stdout.write(
                self.style.SUCCESS(f"Imported: {job.created_count} created, {job.updated_count} updated.")
            )
            return
        for item in job.report:
            where = f"row {item['row']}: " if item["row"] else ""
            self.stdout.write(f"{where}{'; '.join(item['errors'])}")
        raise CommandError("Nothing was imported: correct the rows above and run again.")
