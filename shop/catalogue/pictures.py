"""A product picture's smaller copies, made once when it is saved, in the sizes the pages show.

Each size is made at 1× and 2× (phones' screens), as WebP and as JPEG for browsers without WebP.
Their paths and sizes are kept on the picture (`ProductImage.sizes`), so a page prints them with
no lookup and no work while the shopper waits; until they exist (a picture saved a moment ago)
the page shows the original.
"""

import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    crop: bool  # filled and cropped to the box (cards), else fitted inside it


SIZES = {
    "card": Size(300, 300, crop=True),  # the product grid
    "gallery": Size(440, 400, crop=False),  # the product page
    "basket": Size(100, 100, crop=False),  # the basket's lines
}
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "progressive": True}),
}
SCALES = (1, 2)


def make(image) -> dict:
    """Write the picture's copies to storage; the description to keep in `ProductImage.sizes`."""
    name = image.original.name
    tag = hashlib.sha256(name.encode()).hexdigest()[:10]  # a new picture gets new addresses
    with image.original.open("rb") as original, Image.open(original) as source:
        source = ImageOps.exif_transpose(source).convert("RGB")
        sizes = {"source": name}
        for label, size in SIZES.items():
            entry = {}
            for scale in SCALES:
                box = (size.width * scale, size.height * scale)
                if size.crop:
                    copy = ImageOps.fit(source, box, Image.Resampling.LANCZOS)
                else:
                    copy = source.copy()
                    copy.thumbnail(box, Image.Resampling.LANCZOS)  # never larger than the original
                if scale == 1:
                    entry["width"], entry["height"] = copy.size
                for ext, (pil_format, options) in FORMATS.items():
                    buffer = io.BytesIO()
                    copy.save(buffer, pil_format, **options)
                    path = f"pictures/{image.pk}/{tag}-{label}-{copy.width}x{copy.height}.{ext}"
                    if default_storage.exists(path):
                        default_storage.delete(path)
                    entry.setdefault(ext, []).append(
                        default_storage.save(path, ContentFile(buffer.getvalue()))
                    )
            sizes[label] = entry
    return sizes


def is_current(image) -> bool:
    return bool(image.original) and (image.sizes or {}).get("source") == image.original.name
