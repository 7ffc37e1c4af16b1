"""Pictures people upload, refused above a pixel limit read from their header, before decoding.

A 48 KB PNG may declare 20000×20000 pixels (1.6 GB once decoded): Pillow's Image.open reads only
the header, so the size is known, and judged, before anything calls load() or verify().
"""

import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError


def limit_pillow() -> None:
    """Make every Pillow open in the process (thumbnails included) refuse far larger pictures:
    Pillow warns above MAX_IMAGE_PIXELS and raises above twice that."""
    Image.MAX_IMAGE_PIXELS = settings.MARKETPLACE_MAX_IMAGE_PIXELS


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    limit = settings.MARKETPLACE_MAX_IMAGE_PIXELS
    if width and height:
        return ValidationError(
            _("This picture is %(width)s × %(height)s pixels; at most %(max)s million pixels are accepted.")
            % {"width": width, "height": height, "max": limit // 1_000_000},
            code="image_pixels",
        )
    return ValidationError(
        _("This picture has too many pixels; at most %(max)s million pixels are accepted.")
        % {"max": limit // 1_000_000},
        code="image_pixels",
    )


def check_image_pixels(upload) -> None:
    """ValidationError when the picture declares more than MARKETPLACE_MAX_IMAGE_PIXELS pixels.

    A file Pillow cannot identify passes here: judging what a file is belongs to the field or
    validator that asked (Django's ImageField, sniff_document), this judges only its size.
    """
    start = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:  # the header only
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return
    finally:
        upload.seek(start)
    if width * height > settings.MARKETPLACE_MAX_IMAGE_PIXELS:
        raise _too_many_pixels(width, height)


class BoundedImageField(forms.ImageField):
    """Django's ImageField, with the pixel limit checked on the header before Django's own
    check opens and verifies the picture."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read"):
            check_image_pixels(data)
        return super().to_python(data)
