"""The goods on the floor as they stood: shops trading, products on sale, their producers, stars and
groups, recognitions expiring; counted once per report and cached until a write changes them."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from marketplace.cms.models import ExperiencePage
from marketplace.pagecache import versions
from vendors.models import OcopGroup, OcopRecognition, Seller
from vendors.provenance.models import CodeStatusChange, RegisteredCode

from .accounts import sellers_then
from .scope import (
    REGISTER_EXPIRING_DAYS,
    STARS,
    TOP,
    Scope,
    _floor_memo,
)

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def recognitions_in_force(day: datetime.date) -> QuerySet:
    """OCOP recognitions in force on the day: decided by then, not expired, not revoked by then."""
    return OcopRecognition.objects.filter(decision_date__lte=day, valid_until__gt=day).filter(
        Q(revoked_at__isnull=True) | Q(revoked_at__gt=day)
    )


def codes_then(scope: Scope, *, narrowed: bool = True) -> QuerySet:
    """Codes issued by the day, each with `status_then`: the last change before the day's end, or
    (a history recorded later than the code's issue) the status it was issued with."""
    history = CodeStatusChange.objects.filter(code=OuterRef("pk"))
    last_change = history.filter(at__lt=scope.end).order_by("-at", "-pk").values("new_status")[:1]
    first_change = history.order_by("at", "pk").values("new_status")[:1]
    codes = RegisteredCode.objects.filter(issued_on__lte=scope.at).annotate(
        status_then=Coalesce(
            Subquery(last_change), Subquery(first_change), F("status"), output_field=CharField()
        )
    )
    if narrowed and scope.ward:
        codes = codes.filter(ward_code=scope.ward)
    return codes


def active_partner_ids(scope: Scope) -> list[int]:
    """The partners (Oscar's side of a shop) of the sellers activated at the end of the day.

    Read once as a list: inside the products' query, the history behind each shop's status hides
    how few shops there are from PostgreSQL's planner, which then visits every product's shop."""
    active = sellers_then(scope).filter(status_then=Seller.Status.ACTIVE)
    return list(active.values_list("partner_id", flat=True))


def products_on_sale(scope: Scope, partners: list[int] | None = None) -> QuerySet:
    """Goods on sale at the end of the day (see DEFINITIONS), narrowed to the shop's ward and to the
    group of the recognition in force; today, the same products as `vendors.selectors`' rule.
    `partners`: `active_partner_ids(scope)`, when the caller has it already."""
    partners = active_partner_ids(scope) if partners is None else partners
    # Experiences left out with NOT EXISTS: PostgreSQL misjudges a LEFT JOIN … IS NULL as keeping
    # one product in the whole catalogue, and then joins everything else row by row.
    products = (
        Product.objects.browsable()
        .filter(date_created__lt=scope.end)
        .exclude(Exists(ExperiencePage.objects.filter(product=OuterRef("pk"))))
        .filter(Exists(StockRecord.objects.filter(product=OuterRef("pk"), partner_id__in=partners)))
    )
    if settings.MARKETPLACE_REVOKED_CODE_RULE == "delist":
        revoked = codes_then(scope, narrowed=False).filter(status_then=RegisteredCode.Status.REVOKED)
        revoked_ids = list(revoked.values_list("pk", flat=True))
        if revoked_ids:
            relies_on_revoked = RegisteredCode.products.through.objects.filter(
                product=OuterRef("pk"), registeredcode_id__in=revoked_ids
            )
            products = products.exclude(Exists(relies_on_revoked))
    if scope.group:
        products = products.filter(
            Exists(recognitions_in_force(scope.at).filter(product=OuterRef("pk"), group=scope.group))
        )
    return products


def floor(scope: Scope) -> dict:
    """The goods on sale counted in one statement, the products' selection read once: by their
    highest stars in force, by the groups of their recognitions in force (a product with two
    counts in both), by their shop's ward (products and shops), and the shops and producers in all.

    Within one report, each scope is counted once (`goods` and `by_ward` share it)."""
    memo = _floor_memo.get()
    if memo is not None and scope in memo:
        return memo[scope]
    # Everything counted here is in the tables the page cache follows (products, stock, shops and
    # their steps, recognitions, codes, experiences): cached under its version, the counts are
    # counted again after any commit that changes them, and otherwise once per page-cache lifetime.
    key = f"figures:floor:{versions.current()}:{scope.at.isoformat()}:{scope.ward or ''}:{scope.group}"
    seconds = settings.MARKETPLACE_PAGE_CACHE_SECONDS
    found = cache.get(key) if seconds else None
    if found is None:
        found = _count_floor(scope)
        if seconds:
            cache.set(key, found, seconds)
    if memo is not None:
        memo[scope] = found
    return found


def _count_floor(scope: Scope) -> dict:
    found = {"stars": {}, "groups": {}, "wards": {}, "shops": 0, "producers": 0}
    partners = active_partner_ids(scope)
    if not partners:
        # Before the first shop opened (or in a ward with none): nothing on sale. The queries below
        # cannot even be written for no shop (Django raises EmptyResultSet on an empty IN list).
        return found
    on_sale_sql, on_sale_params = (
        products_on_sale(scope, partners).values("pk", "producer_id").query.sql_with_params()
    )
    rec_sql, rec_params = (
        recognitions_in_force(scope.at).values("product_id", "stars", "group").query.sql_with_params()
    )
    stock = StockRecord.objects.filter(partner_id__in=partners).values(
        "product_id", "partner_id", ward=F("partner__seller__ward_code")
    )
    stock_sql, stock_params = stock.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH on_sale AS ({on_sale_sql}),
                rec AS (SELECT r.product_id, r.stars, r."group" AS grp FROM ({rec_sql}) AS r
                        WHERE r.product_id IN (SELECT pk FROM on_sale)),
                stock AS (SELECT s.product_id, s.partner_id, s.ward FROM ({stock_sql}) AS s
                          WHERE s.product_id IN (SELECT pk FROM on_sale))
            SELECT 'stars', CAST(best.stars AS TEXT), COUNT(*), 0 FROM on_sale AS p
                LEFT JOIN (SELECT product_id, MAX(stars) AS stars FROM rec GROUP BY product_id) AS best
                ON best.product_id = p.pk GROUP BY best.stars
            UNION ALL SELECT 'group', grp, COUNT(DISTINCT product_id), 0 FROM rec GROUP BY grp
            UNION ALL SELECT 'ward', CAST(ward AS TEXT), COUNT(DISTINCT product_id),
                COUNT(DISTINCT partner_id) FROM stock GROUP BY ward
            UNION ALL SELECT 'all', NULL, COUNT(DISTINCT partner_id),
                (SELECT COUNT(DISTINCT producer_id) FROM on_sale) FROM stock""",
            [*on_sale_params, *rec_params, *stock_params],
        )
        for kind, key, first, second in cursor.fetchall():
            if kind == "stars":
                found["stars"][int(key) if key is not None else None] = first
            elif kind == "group":
                found["groups"][key] = first
            elif kind == "ward" and key is not None:
                found["wards"][int(key)] = {"products": first, "shops": second}
            elif kind == "all":
                found["shops"], found["producers"] = first, second
    return found


def goods(scope: Scope) -> dict:
    """Products on sale, their producers and shops, and the products by stars and by group."""
    counted = floor(scope)
    by_stars = {str(s): 0 for s in STARS}
    by_group = {g: 0 for g in OcopGroup.values}
    for stars, n in counted["stars"].items():
        if stars is not None:
            by_stars[str(stars)] = by_stars.get(str(stars), 0) + n
    for group, n in counted["groups"].items():
        by_group[group] = by_group.get(group, 0) + n
    unrated = counted["stars"].get(None, 0)
    return {
        "products": sum(counted["stars"].values()),
        "producers": counted["producers"],
        "shops_trading": counted["shops"],
        "by_stars": by_stars,
        "unrated": unrated,
        "by_group": by_group,
    }


def expiring_recognitions(scope: Scope, limit: int = TOP) -> dict:
    """Recognitions in force whose last day falls within REGISTER_EXPIRING_DAYS: how many, soonest first."""
    until = scope.at + datetime.timedelta(days=REGISTER_EXPIRING_DAYS)
    expiring = recognitions_in_force(scope.at).filter(valid_until__lte=until)
    if scope.ward:
        expiring = expiring.filter(producer__ward_code=scope.ward)
    if scope.group:
        expiring = expiring.filter(group=scope.group)
    soonest = expiring.select_related("product", "producer").order_by("valid_until", "pk")[:limit]
    return {
        "days": REGISTER_EXPIRING_DAYS,
        "count": expiring.count(),
        "soonest": [
            {
                "product": r.product.get_title(),
                "producer": r.producer.name,
                "stars": r.stars,
                # The recognition's last day: valid_until is the first day it no longer holds.
                "last_day": r.valid_until - datetime.timedelta(days=1),
            }
            for r in soonest
        ],
    }
