"""The orders' money figures added up a day at a time (`sales.rollup`), so a report of a million
orders reads a few thousand rows. Derived data only: `rollup_sales --rebuild` makes it again."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SalesDay(models.Model):
    """What the events of one day (`counted_on`) did to the orders placed on `placed_on`, for the
    shops of one ward and one OCOP group ("" for every group).

    Placing adds an order with its goods and commission; cancelling takes them off again on the day
    it happens; a refund takes its amount off, and gives back commission, on its day. So the figures
    as of any day D, for the orders placed in a period, are the sum of the rows of that period with
    `counted_on` up to D. An order counts in the row of each group it has a line of, and once in
    the group "" row.
    """

    placed_on = models.DateField(_("placed on"))
    counted_on = models.DateField(_("counted on"))
    ward_code = models.PositiveIntegerField(_("ward"))
    group = models.CharField(_("OCOP group"), max_length=20, blank=True)
    orders = models.IntegerField(_("orders"), default=0)
    purchases = models.IntegerField(_("purchases"), default=0)
    goods = models.BigIntegerField(_("goods value (₫)"), default=0)
    commission = models.BigIntegerField(_("commission (₫)"), default=0)

    class Meta:
        verbose_name = _("day of sales")
        verbose_name_plural = _("days of sales")
        constraints = [
            models.UniqueConstraint(
                fields=["placed_on", "counted_on", "ward_code", "group"], name="figures_one_sales_row"
            )
        ]
        indexes = [models.Index(fields=["group", "placed_on"], name="figures_sales_group_placed")]

    def __str__(self):
        return f"{self.placed_on} → {self.counted_on} {self.ward_code} {self.group or '*'}"


class SalesRollup(models.Model):
    """How far the rollup has gone: every day up to `through` is in `SalesDay` (one row, pk 1,
    locked while a day is rolled up)."""

    through = models.DateField(_("rolled up through"))

    class Meta:
        verbose_name = _("sales rollup")
        verbose_name_plural = _("sales rollups")

    def __str__(self):
        return str(self.through)
