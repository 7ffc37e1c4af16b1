"""Which shop a storefront page belongs to, for the visit counters (`marketplace.visits`): a shop's
own page by its address, a product's page by the shop that stocks it. Looked up once an hour per
page in the cache, so counting a shop's visitors costs a page no query after the first."""

from django.core.cache import cache
from oscar.core.loading import get_model

from .models import Seller

KEPT_SECONDS = 60 * 60
NONE = 0  # kept for a page of no shop, so it is not looked up again on each view


def _cached(key: str, find) -> int | None:
    found = cache.get(key)
    if found is None:
        found = find() or NONE
        cache.set(key, found, KEPT_SECONDS)
    return found or None


def shop_of_product(match) -> int | None:
    pk = str(match.kwargs.get("pk", ""))
    if not pk.isdigit():
        return None
    StockRecord = get_model("partner", "StockRecord")
    return _cached(
        f"visits:shop-of-product:{pk}",
        lambda: (
            StockRecord.objects.filter(product_id=int(pk), partner__seller__isnull=False)
            .values_list("partner__seller__pk", flat=True)
            .first()
        ),
    )


def shop_of_page(match) -> int | None:
    slug = str(match.kwargs.get("slug", ""))[:128]
    return _cached(
        f"visits:shop-of-page:{slug}",
        lambda: Seller.objects.filter(slug=slug).values_list("pk", flat=True).first(),
    )


def register() -> None:
    from marketplace.visits.middleware import SHOP_OF

    SHOP_OF["catalogue:detail"] = shop_of_product
    SHOP_OF["sellers:shop"] = shop_of_page
