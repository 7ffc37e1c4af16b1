"""What each figure counts, in the words the dashboard and the public page show under the figures."""

from django.utils.translation import gettext_lazy as _

DEFINITIONS = [
    (
        _("Seller account"),
        _(
            "An application to sell (a cooperative, an enterprise or a household) made by the day, "
            "whatever became of it; its status is the one it had at the end of the day."
        ),
    ),
    (_("Activated account"), _("A seller account whose status was “activated” at the end of the day.")),
    (
        _("Shop trading"),
        _("An activated account selling at least one product on sale at the end of the day."),
    ),
    (
        _("Product on sale"),
        _(
            "Goods (not experiences, which are booked by date) listed by the day, public now, sold by "
            "an activated shop and, where the province delists them, not relying on a code revoked "
            "by then. Its stars and group are those of the OCOP recognition in force that day."
        ),
    ),
    (_("Producer"), _("A cooperative, enterprise or household that makes at least one product on sale.")),
    (
        _("VietGAP area"),
        _("The hectares of the VietGAP certificates in force at the end of the day (issued, not expired)."),
    ),
    (
        _("Growing-area and packing codes"),
        _("Codes issued by the day, by their status at the end of it; the area is that of active codes."),
    ),
    (
        _("Visit"),
        _(
            "A storefront page shown to a person (crawlers left out), counted in the cache and added "
            "to the daily counts; a visitor is counted once a day, without storing who they are."
        ),
    ),
    (
        _("Goods value (GMV)"),
        _(
            "What shoppers paid for goods (after discounts, before delivery fees) in orders placed in "
            "the period, less orders cancelled and units refunded by the end of the day."
        ),
    ),
    (
        _("Commission"),
        _("The marketplace's commission on those orders, less what it gave back on refunds."),
    ),
    (
        _("Purchase"),
        _(
            "One checkout by a shopper, of one order per shop, placed in the period whatever became of "
            "its orders; with a ward or a group chosen, those with an order of that ward or group."
        ),
    ),
]
