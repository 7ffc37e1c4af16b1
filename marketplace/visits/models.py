"""What was counted, day by day (Asia/Ho_Chi_Minh): the rows the rollup adds to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyCount(models.Model):
    class Kind(models.TextChoices):
        PAGE_VIEWS = "page_views", _("Page views")
        VISITORS = "visitors", _("Unique visitors")
        PRODUCT_VIEWS = "product_views", _("Product views")
        SEARCHES = "searches", _("Searches")
        # A shop's own: its visitors (subject: the seller's id), each counted once a day per shop,
        # and the times its products were put in a basket (subject: the product's id).
        SHOP_VISITORS = "shop_visitors", _("Shop visitors")
        BASKET_ADDS = "basket_adds", _("Added to basket")

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # What was counted: a product's or a shop's id, a search's words folded; empty for the day's total.
    subject = models.CharField(_("subject"), max_length=64, blank=True, default="")
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "subject"], name="visits_one_count_per_day")
        ]
        indexes = [models.Index(fields=["kind", "day"], name="visits_kind_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.subject or '—'}: {self.count}"
