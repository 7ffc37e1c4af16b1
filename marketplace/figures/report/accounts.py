"""Seller accounts as they stood: by status (from their history of steps) and by kind."""

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from vendors.models import BusinessKind, Seller, SellerTransition

from .scope import Scope


def sellers_then(scope: Scope) -> QuerySet:
    """The seller accounts that existed at the end of the day, each with `status_then`.

    A seller's status then is the last step of its history before the end of the day; one whose
    history only starts later was still applying; one with no history at all (made before the
    history was kept) is read as it is now.
    """
    history = SellerTransition.objects.filter(seller=OuterRef("pk"))
    last_step = history.filter(at__lt=scope.end).order_by("-at", "-pk").values("to_status")[:1]
    sellers = Seller.objects.filter(
        Q(applied_at__lt=scope.end) | Exists(history.filter(at__lt=scope.end))
    ).annotate(
        status_then=Coalesce(
            Subquery(last_step),
            Case(When(Exists(history), then=Value(Seller.Status.APPLIED)), default=F("status")),
            output_field=CharField(),
        )
    )
    if scope.ward:
        sellers = sellers.filter(ward_code=scope.ward)
    return sellers


def seller_accounts(scope: Scope) -> dict:
    """Accounts by status (registered = all of them) and by kind, at the end of the day."""
    rows = sellers_then(scope).values("status_then", "kind").annotate(n=Count("pk")).order_by()
    by_status = {status: 0 for status in Seller.Status.values}
    by_kind = {kind: 0 for kind in BusinessKind.values}
    for row in rows:
        by_status[row["status_then"]] = by_status.get(row["status_then"], 0) + row["n"]
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
    return {"total": sum(by_status.values()), "by_status": by_status, "by_kind": by_kind}
