"""A product picture saved (a new one, or another file) gets its copies made once it commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from . import pictures, tasks

ProductImage = get_model("catalogue", "ProductImage")


@receiver(post_save, sender=ProductImage, dispatch_uid="catalogue-picture-sizes")
def make_sizes_after_save(sender, instance, raw=False, **kwargs):
    if raw or pictures.is_current(instance):
        return
    image_id = instance.pk
    transaction.on_commit(lambda: tasks.make_picture_sizes.delay(image_id))
