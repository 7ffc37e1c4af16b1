"""`manage.py picture_sizes`: make the copies of every product picture that lacks them, with
progress; re-runnable (pictures already done are skipped), `--all` makes them all again."""

from django.core.management.base import BaseCommand
from oscar.core.loading import get_model

from marketplace.progress import bar
from shop.catalogue import pictures, tasks

ProductImage = get_model("catalogue", "ProductImage")


class Command(BaseCommand):
    help = "Make the smaller copies (WebP and JPEG, 1× and 2×) of product pictures that lack them."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Make every picture's copies again.")

    def handle(self, *args, **options):
        images = ProductImage.objects.exclude(original="").only("pk", "original", "sizes").order_by("pk")
        todo = [image.pk for image in images if options["all"] or not pictures.is_current(image)]
        if options["all"]:
            ProductImage.objects.filter(pk__in=todo).update(sizes={})
        progress = bar("Picture sizes", len(todo), self.stdout)
        made = 0
        for image_id in todo:
            made += tasks.make_picture_sizes(image_id)
            progress.update()
        progress.close()
        self.stdout.write(f"Pictures given their sizes: {made}; left as they were: {len(todo) - made}.")
