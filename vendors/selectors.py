"""Reads about sellers and what they sell, shaped for the pages that show them."""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.text import Folded, fold

from .models import OcopRecognition, Seller
from .provenance.models import RegisteredCode, VietGapCertificate

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")


def on_the_floor() -> QuerySet:
    """Public products sold by an activated shop: those its seller shows, whatever their codes."""
    sold_by_active_shop = StockRecord.objects.filter(
        product=OuterRef("pk"), partner__seller__status=Seller.Status.ACTIVE
    )
    return Product.objects.browsable().filter(Exists(sold_by_active_shop))


def sellable_products() -> QuerySet:
    """Products a shopper may see and buy: on the floor and (under the "delist" rule) not relying
    on a revoked growing-area or packing code."""
    products = on_the_floor()
    if settings.MARKETPLACE_REVOKED_CODE_RULE == "delist":
        revoked = RegisteredCode.products.through.objects.filter(
            product=OuterRef("pk"), registeredcode__status=RegisteredCode.Status.REVOKED
        )
        products = products.exclude(Exists(revoked))
    return products


def sellable_among(products) -> set[int]:
    """The pks of these products a shopper may buy now, asked in one query; a variant is judged
    by its parent, as the storefront lists parents."""
    products = list(products)
    roots = {p.parent_id or p.pk for p in products}
    if not roots:
        return set()
    on_sale = set(sellable_products().filter(pk__in=roots).values_list("pk", flat=True))
    return {p.pk for p in products if (p.parent_id or p.pk) in on_sale}


def mark_sellable(products) -> None:
    """Answer `is_sellable` for many products at once (a basket's lines, say): one query."""
    products = list(products)
    on_sale = sellable_among(products)
    for product in products:
        product.marketplace_sellable = product.pk in on_sale


def is_sellable(product) -> bool:
    """Whether a shopper may buy this product now: the rule of `sellable_products`, for one.

    Listings and the basket answer it for all their products in their own query
    (`with_card_data`, `mark_sellable`); otherwise it costs one query.
    """
    known = getattr(product, "marketplace_sellable", None)
    if known is None:
        known = product.pk in sellable_among([product])
        product.marketplace_sellable = known
    return known


def with_card_data(products: QuerySet) -> QuerySet:
    """Everything a product card shows, fetched in a fixed number of queries for any page size."""
    Option = get_model("catalogue", "Option")
    return (
        products.select_related("product_class", "producer")
        .annotate(
            # Oscar's cards ask each product whether it has options; answer for the whole page at once.
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            # The strategy asks each card whether its product is on sale (shop/partner/strategy.py).
            marketplace_sellable=Exists(sellable_products().filter(pk=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner__seller")),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            Prefetch(
                "ocop_recognitions",
                queryset=OcopRecognition.objects.active().order_by("-stars", "-decision_date"),
                to_attr="active_recognitions",
            ),
            "categories",
        )
    )


def open_sellers() -> QuerySet:
    """Activated sellers whose shop is open, that is, sells at least one live product."""
    live_product = sellable_products().filter(stockrecords__partner=OuterRef("partner"))
    return Seller.objects.filter(status=Seller.Status.ACTIVE).filter(Exists(live_product))


def funnel_counts() -> dict[str, int]:
    """The article's seller funnel: accounts, activated, open shops."""
    active = Q(status=Seller.Status.ACTIVE)
    live_product = sellable_products().filter(stockrecords__partner=OuterRef("partner"))
    return Seller.objects.aggregate(
        accounts=Count("pk"),
        activated=Count("pk", filter=active),
        open=Count("pk", filter=active & Q(Exists(live_product))),
    )


def active_stars(product) -> int | None:
    """Stars of the product's recognition in force, or None: no badge without one."""
    recognitions = getattr(product, "active_recognitions", None)
    if recognitions is None:
        recognitions = list(OcopRecognition.objects.active().filter(product=product).order_by("-stars"))
    return recognitions[0].stars if recognitions else None


def selling_seller(product) -> Seller | None:
    """The shop that sells the product (first stock record's partner)."""
    for record in product.stockrecords.all():
        seller = getattr(record.partner, "seller", None)
        if seller is not None:
            return seller
    return None


def is_seller(user) -> bool:
    """Whether this person runs an activated shop (the header offers them the seller centre).

    Activation grants the seller centre's permission and suspension takes it back
    (`lifecycle.seller_centre_access_set`), so the permission answers; Oscar's header asks for the
    same permissions, so the page spends no query on it. Staff have the dashboard, not a shop.
    """
    return bool(
        user is not None
        and user.is_authenticated
        and not user.is_staff
        and user.has_perm("partner.dashboard_access")
    )


def may_act_for(user, seller) -> bool:
    """Whether this person may act for `seller`'s shop (its orders, lines, stock): staff, or the
    owner while the shop's seller centre is open to them (activation grants it, suspension takes
    it back). The one answer to "whose order is this" for every door of the seller centre."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return seller is not None and seller.owner_id == user.pk and user.has_perm("partner.dashboard_access")


def lines_acted_for(lines: QuerySet, user) -> QuerySet:
    """The order lines (or anything with a `partner`) this person may act for, as `may_act_for`."""
    if user.is_staff:
        return lines
    if not user.has_perm("partner.dashboard_access"):
        return lines.none()
    return lines.filter(partner__seller__owner=user)


def active_seller_of(user) -> Seller | None:
    """The activated shop this person runs (with its partner), if any: the seller centre's own
    pages and the CMS's choosers are for it."""
    if user is None or not user.is_authenticated:
        return None
    return Seller.objects.filter(owner=user, status=Seller.Status.ACTIVE).select_related("partner").first()


def sellers_matching(sellers: QuerySet, text: str) -> QuerySet:
    """The sellers whose legal name, shop name, tax code, phone or e-mail hold every word typed,
    letter case and Vietnamese marks aside ("htx yen duc" finds "HTX Yên Đức", "0912 345" a phone)."""
    words = fold(text).split()
    if not words:
        return sellers
    sellers = sellers.annotate(legal_folded=Folded("legal_name"), shop_folded=Folded("shop_name"))
    for word in words:
        sellers = sellers.filter(
            Q(legal_folded__contains=word)
            | Q(shop_folded__contains=word)
            | Q(tax_code__contains=word)
            | Q(phone__contains=word)
            | Q(email__icontains=word)
        )
    return sellers


# A shop is told this many days ahead that a recognition or a certificate of its goods lapses.
SHOP_EXPIRING_DAYS = 60


def expiring_recognitions(seller: Seller, today: datetime.date | None = None):
    """Recognitions in force of the shop's products whose last day is within SHOP_EXPIRING_DAYS."""
    today = today or timezone.localdate()
    return (
        OcopRecognition.objects.active(today)
        .filter(
            product__stockrecords__partner=seller.partner,
            valid_until__lte=today + datetime.timedelta(days=SHOP_EXPIRING_DAYS),
        )
        .select_related("product")
        .order_by("valid_until", "pk")
        .distinct()
    )


def expiring_certificates(seller: Seller, today: datetime.date | None = None):
    """VietGAP certificates of the shop's own business or of its products' producers, in force and
    lapsing within SHOP_EXPIRING_DAYS."""
    today = today or timezone.localdate()
    producers = Q(producer__products__stockrecords__partner=seller.partner)
    if seller.producer_id:
        producers |= Q(producer_id=seller.producer_id)
    return (
        VietGapCertificate.objects.filter(producers)
        .filter(issued_on__lte=today, expires_on__gt=today)
        .filter(expires_on__lte=today + datetime.timedelta(days=SHOP_EXPIRING_DAYS))
        .order_by("expires_on", "pk")
        .distinct()
    )
