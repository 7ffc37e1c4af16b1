"""Where the goods come from as it stood: VietGAP certificates in force and the register's codes by
kind and status."""

from decimal import Decimal

from django.db.models import (
    Count,
    Sum,
)

from vendors.provenance.models import RegisteredCode, VietGapCertificate

from .goods import codes_then
from .scope import Scope


def vietgap(scope: Scope) -> dict:
    """VietGAP certificates in force at the end of the day and their area (producer's ward)."""
    certificates = VietGapCertificate.objects.filter(issued_on__lte=scope.at, expires_on__gt=scope.at)
    if scope.ward:
        certificates = certificates.filter(producer__ward_code=scope.ward)
    found = certificates.aggregate(n=Count("pk"), ha=Sum("area_ha"))
    return {"certificates": found["n"], "hectares": found["ha"] or Decimal("0.00")}


def codes(scope: Scope) -> dict:
    """Growing-area and packing codes by kind and status at the end of the day, with areas."""
    rows = (
        codes_then(scope).values("kind", "status_then").annotate(n=Count("pk"), ha=Sum("area_ha")).order_by()
    )
    table = {
        kind: {status: {"count": 0, "hectares": Decimal("0.00")} for status in RegisteredCode.Status.values}
        for kind in RegisteredCode.Kind.values
    }
    for row in rows:
        cell = table.setdefault(row["kind"], {}).setdefault(
            row["status_then"], {"count": 0, "hectares": Decimal("0.00")}
        )
        cell["count"] += row["n"]
        cell["hectares"] += row["ha"] or Decimal("0.00")
    active = RegisteredCode.Status.ACTIVE
    export = table[RegisteredCode.Kind.GROWING_EXPORT][active]
    domestic = table[RegisteredCode.Kind.GROWING_DOMESTIC][active]
    return {
        "table": table,
        "growing": {
            "export": export["count"],
            "domestic": domestic["count"],
            "hectares": export["hectares"] + domestic["hectares"],
        },
        "packing": table[RegisteredCode.Kind.PACKING][active]["count"],
        "suspended": sum(table[k][RegisteredCode.Status.SUSPENDED]["count"] for k in table),
        "revoked": sum(table[k][RegisteredCode.Status.REVOKED]["count"] for k in table),
    }
