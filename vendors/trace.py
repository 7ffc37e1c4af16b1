"""The public trace page of a batch at its GS1 Digital Link, and the batch's QR code (PNG, SVG)."""

import io

import segno
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from oscar.core.loading import get_model

from . import selectors
from .provenance import gs1
from .provenance.models import Batch, RegisteredCode

Product = get_model("catalogue", "Product")


def _not_found(request, message: str):
    return render(request, "provenance/trace_not_found.html", {"message": message}, status=404)


def _find(gtin: str, lot: str):
    """The batch named by a Digital Link's GTIN and lot, or a sentence saying why there is none."""
    problem = gs1.gtin_error(gtin)
    if problem == "check_digit":
        return None, _("The barcode %(gtin)s has a wrong check digit: check the number.") % {"gtin": gtin}
    if problem:
        return None, _("%(gtin)s is not a barcode (GTIN) number.") % {"gtin": gtin}
    batch = (
        Batch.objects.filter(product__upc__in=gs1.gtin_variants(gs1.gtin14(gtin)), lot_code=lot)
        .select_related("product__producer", "growing_area", "packing_facility")
        .first()
    )
    if batch is None:
        return None, _("No batch %(lot)s of this product is recorded.") % {"lot": lot}
    return batch, ""


def _may_be_traced(product, request) -> bool:
    """A batch's page is public while its product is on the floor — on sale, or taken off by a
    revoked code alone (the shopper holding the package reads why); a product its seller hid, or
    whose shop is closed, is answered as unknown. Staff may look at any."""
    if request.user.is_staff:
        return True
    return selectors.on_the_floor().filter(pk=product.parent_id or product.pk).exists()


def _find_public(request, gtin: str, lot: str):
    """The batch, if its page may be shown; a hidden product's batch is answered as unknown."""
    batch, problem = _find(gtin, lot)
    if batch is not None and not _may_be_traced(batch.product, request):
        return None, _("No batch %(lot)s of this product is recorded.") % {"lot": lot}
    return batch, problem


def digital_link(batch: Batch, request) -> str:
    """The absolute link a batch's QR code carries."""
    base = settings.MARKETPLACE_PUBLIC_URL.rstrip("/") or request.build_absolute_uri("/").rstrip("/")
    return base + batch.digital_link_path()


def trace(request, gtin, lot):
    batch, problem = _find_public(request, gtin, lot)
    if batch is None:
        return _not_found(request, problem)
    product = batch.product
    producer = product.producer
    seller = selectors.selling_seller(product)
    recognitions = list(product.ocop_recognitions.order_by("-decision_date"))
    certificates = list(producer.vietgap_certificates.select_related("growing_area")) if producer else []
    codes = [c for c in (batch.growing_area, batch.packing_facility) if c is not None]
    codes += [c for c in product.registered_codes.all() if c not in codes]
    return render(
        request,
        "provenance/trace.html",
        {
            "batch": batch,
            "product": product,
            "producer": producer,
            "seller": seller,
            "on_sale": selectors.sellable_products().filter(pk=product.pk).exists(),
            "recognitions": recognitions,
            "certificates": certificates,
            "codes": codes,
            "events": batch.events.all(),
            "link": digital_link(batch, request),
            "gtin14": gs1.gtin14(product.upc),
            "Status": RegisteredCode.Status,
        },
    )


@cache_control(max_age=60 * 60 * 24)
def qr(request, gtin, lot, fmt):
    batch, problem = _find_public(request, gtin, lot)
    if batch is None:
        return _not_found(request, problem)
    code = segno.make(digital_link(batch, request), error="m")
    out = io.BytesIO()
    if fmt == "svg":
        code.save(out, kind="svg", scale=4, border=4, title=batch.lot_code)
        return HttpResponse(out.getvalue(), content_type="image/svg+xml")
    code.save(out, kind="png", scale=8, border=4)
    return HttpResponse(out.getvalue(), content_type="image/png")
