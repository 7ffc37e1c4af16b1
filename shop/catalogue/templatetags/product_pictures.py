"""`{% product_picture image "card" alt="…" %}`: a product picture in one of the sizes pages show,
from the copies made when it was saved (WebP with JPEG beside it, 1× and 2×), with no lookup."""

from django import template
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.utils.html import format_html

from shop.catalogue import pictures

register = template.Library()


@register.simple_tag
def product_picture(image, size, alt="", css_class="", loading="lazy"):
    box = pictures.SIZES[size]
    if isinstance(image, dict) or not getattr(image, "original", None):  # Oscar's "no picture"
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" class="{}">',
            static("oscar/img/image_not_found.jpg"),
            alt,
            box.width,
            box.height,
            loading,
            css_class,
        )
    made = (image.sizes or {}).get(size) if pictures.is_current(image) else None
    if not made:  # saved a moment ago: its copies are on their way
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" class="{}">',
            image.original.url,
            alt,
            box.width,
            box.height,
            loading,
            css_class,
        )

    def srcset(paths):
        pairs = zip(paths, pictures.SCALES, strict=True)
        return ", ".join(f"{default_storage.url(path)} {scale}x" for path, scale in pairs)

    return format_html(
        '<picture><source type="image/webp" srcset="{}">'
        '<img src="{}" srcset="{}" alt="{}" width="{}" height="{}" loading="{}" class="{}"></picture>',
        srcset(made["webp"]),
        default_storage.url(made["jpeg"][0]),
        srcset(made["jpeg"]),
        alt,
        made["width"],
        made["height"],
        loading,
        css_class,
    )
