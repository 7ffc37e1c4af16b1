"""Reads about vendors and what they sell, shaped for the pages that show them."""

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Sum, Window
from oscar.core.loading import get_model

from .models import LedgerEntry, OcopRecognition, Vendor
from .provenance.models import RegisteredCode

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")


def sellable_products() -> QuerySet:
    """Products a shopper may see and buy: public, sold by an activated shop, and (under the
    "delist" rule) not relying on a revoked growing-area or packing code."""
    sold_by_active_shop = StockRecord.objects.filter(
        product=OuterRef("pk"), partner__vendor__status=Vendor.Status.ACTIVE
    )
    products = Product.objects.browsable().filter(Exists(sold_by_active_shop))
    if settings.MARKETPLACE_REVOKED_CODE_RULE == "delist":
        revoked = RegisteredCode.products.through.objects.filter(
            product=OuterRef("pk"), registeredcode__status=RegisteredCode.Status.REVOKED
        )
        products = products.exclude(Exists(revoked))
    return products


def with_card_data(products: QuerySet) -> QuerySet:
    """Everything a product card shows, fetched in a fixed number of queries for any page size."""
    Option = get_model("catalogue", "Option")
    return (
        products.select_related("product_class", "producer")
        .annotate(
            # Oscar's cards ask each product whether it has options; answer for the whole page at once.
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner__vendor")),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            Prefetch(
                "ocop_recognitions",
                queryset=OcopRecognition.objects.active().order_by("-stars", "-decision_date"),
                to_attr="active_recognitions",
            ),
            "categories",
        )
    )


def open_vendors() -> QuerySet:
    """Activated vendors whose shop is open, that is, sells at least one live product."""
    live_product = sellable_products().filter(stockrecords__partner=OuterRef("partner"))
    return Vendor.objects.filter(status=Vendor.Status.ACTIVE).filter(Exists(live_product))


def funnel_counts() -> dict[str, int]:
    """The article's seller funnel: accounts, activated, open shops."""
    return {
        "accounts": Vendor.objects.count(),
        "activated": Vendor.objects.filter(status=Vendor.Status.ACTIVE).count(),
        "open": open_vendors().count(),
    }


def active_stars(product) -> int | None:
    """Stars of the product's recognition in force, or None: no badge without one."""
    recognitions = getattr(product, "active_recognitions", None)
    if recognitions is None:
        recognitions = list(OcopRecognition.objects.active().filter(product=product).order_by("-stars"))
    return recognitions[0].stars if recognitions else None


def selling_vendor(product) -> Vendor | None:
    """The shop that sells the product (first stock record's partner)."""
    for record in product.stockrecords.all():
        vendor = getattr(record.partner, "vendor", None)
        if vendor is not None:
            return vendor
    return None


def ledger_balance(vendor) -> int:
    """What the marketplace owes the shop now: the sum of its statement, in đồng."""
    return LedgerEntry.objects.filter(vendor=vendor).aggregate(total=Sum("amount"))["total"] or 0


def ledger_statement(vendor):
    """The shop's entries, oldest first, each with the running balance after it."""
    return (
        LedgerEntry.objects.filter(vendor=vendor)
        .select_related("order")
        .annotate(balance=Window(Sum("amount"), order_by=[F("created_at").asc(), F("pk").asc()]))
        .order_by("created_at", "pk")
    )
