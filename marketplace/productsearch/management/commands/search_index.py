"""`manage.py search_index --rebuild`: (re)index every sellable product, with progress; re-runnable.

On Elasticsearch the rebuild fills a new index and then swaps the alias, so search never goes dark.
"""

from django.core.management.base import BaseCommand, CommandError

from marketplace.productsearch.backends import get_backend
from marketplace.progress import bar as progress_bar


class Command(BaseCommand):
    help = "Rebuild the product search index (database or Elasticsearch), showing progress."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="index every sellable product afresh")

    def handle(self, *args, rebuild, **options):
        if not rebuild:
            raise CommandError("Say what to do: --rebuild.")
        backend = get_backend()
        shown = None

        def progress(step, total):
            nonlocal shown
            if shown is None:
                shown = progress_bar("Indexing", total, self.stdout)
            shown.update(step)

        count = backend.rebuild(progress=progress)
        if shown is not None:
            shown.close()
        self.stdout.write(self.style.SUCCESS(f"{count} products indexed ({backend.name})."))
