"""Background work of the catalogue: a picture's copies, made after it is saved."""

import logging

from celery import shared_task
from oscar.core.loading import get_model
from PIL import Image, UnidentifiedImageError

from . import pictures

logger = logging.getLogger(__name__)
ProductImage = get_model("catalogue", "ProductImage")


# The name queued tasks carry from before the package moved: pinned, so a deploy keeps them.
@shared_task(name="oscar_apps.catalogue.tasks.make_picture_sizes")
def make_picture_sizes(image_id: int) -> bool:
    """Make the picture's copies unless they are there already (safe to run again)."""
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or pictures.is_current(image):
        return False
    try:
        sizes = pictures.make(image)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        # The page keeps showing the original; the reason is in the worker's log.
        logger.warning("picture %s: no copies made (%s)", image_id, error)
        return False
    # By query: the picture may have been replaced meanwhile, and then these copies are not its.
    return bool(ProductImage.objects.filter(pk=image_id, original=image.original.name).update(sizes=sizes))
