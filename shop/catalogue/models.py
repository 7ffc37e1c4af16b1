"""The catalogue's models: Oscar's, with the producer added to the product, rich-text attributes
printed sanitized, and each picture's smaller copies recorded (shop/catalogue/pictures.py)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractProduct,
    AbstractProductAttributeValue,
    AbstractProductImage,
)

from marketplace.richtext import rich_text_html

# A parcel a carrier takes from a shop: up to 50 kg, no side over 2 m.
MAX_WEIGHT_GRAMS = 50_000
MAX_SIDE_CM = 200


class Product(AbstractProduct):
    # The OCOP subject that holds the product's recognition: often the selling shop's own
    # business, but a cooperative's shop also sells its members' goods.
    producer = models.ForeignKey(
        "vendors.Producer",
        verbose_name=_("Producer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
    )
    # The parcel one unit makes, for delivery: whole grams and centimetres, as carriers quote.
    weight_grams = models.PositiveIntegerField(
        _("Weight when packed (g)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT_GRAMS)],
    )
    length_cm = models.PositiveSmallIntegerField(
        _("Length (cm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SIDE_CM)],
    )
    width_cm = models.PositiveSmallIntegerField(
        _("Width (cm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SIDE_CM)],
    )
    height_cm = models.PositiveSmallIntegerField(
        _("Height (cm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SIDE_CM)],
    )


class ProductImage(AbstractProductImage):
    # The copies pages show ({"card": {"width", "height", "webp": [1×, 2×], "jpeg": [1×, 2×]}, …},
    # and the original they were made from); empty until they are made, just after a save.
    sizes = models.JSONField(_("Sizes made"), default=dict, blank=True, editable=False)


class ProductAttributeValue(AbstractProductAttributeValue):
    @property
    def _richtext_as_html(self):
        # Oscar prints a rich-text attribute as stored; the product page gets the sanitized text.
        return rich_text_html(self.value)


from oscar.apps.catalogue.models import *  # noqa: E402, F403 -- Oscar's remaining models
