"""Writes about provenance: the registry of codes (staff), batches and their events (sellers).

Revoking or suspending a code tells the sellers whose products rely on it. Under the default rule
(MARKETPLACE_REVOKED_CODE_RULE = "delist") a product relying on a revoked code leaves the
storefront and the search at once; under "flag" it stays, with the revocation shown on its page.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.mail import email_queue

from .models import Batch, BatchEvent, CodeStatusChange, RegisteredCode

Product = get_model("catalogue", "Product")
S = RegisteredCode.Status

# Which status may follow which, and whether the step needs a reason.
CODE_STEPS = {
    "suspend": ({S.ACTIVE}, S.SUSPENDED, True),
    "reinstate": ({S.SUSPENDED}, S.ACTIVE, True),
    "revoke": ({S.ACTIVE, S.SUSPENDED}, S.REVOKED, True),
}


@transaction.atomic
def code_issue(*, by=None, **fields) -> RegisteredCode:
    """Issue a code (staff). Its format is only warned about: `code.format_warning()`."""
    code = RegisteredCode(**fields)
    code.full_clean()
    code.save()
    CodeStatusChange.objects.create(code=code, new_status=code.status, reason=_("Issued"), by=by)
    return code


@transaction.atomic
def code_step(*, code: RegisteredCode, step: str, reason: str, by=None) -> RegisteredCode:
    """Suspend, reinstate or revoke a code (staff); every step is kept in its history."""
    locked = RegisteredCode.objects.select_for_update().get(pk=code.pk)
    allowed_from, target, needs_reason = CODE_STEPS[step]
    if locked.status not in allowed_from:
        raise ValidationError(
            _("A code that is %(status)s cannot take that step.") % {"status": locked.get_status_display()}
        )
    if needs_reason and not reason.strip():
        raise ValidationError(
            _("Give the reason: the sellers who rely on the code will read it."), code="reason"
        )
    old = locked.status
    locked.status, locked.status_reason, locked.status_changed_on = (
        target,
        reason.strip(),
        timezone.localdate(),
    )
    locked.save(update_fields=["status", "status_reason", "status_changed_on"])
    CodeStatusChange.objects.create(
        code=locked, old_status=old, new_status=target, reason=reason.strip(), by=by
    )
    if target != S.ACTIVE:
        transaction.on_commit(lambda: _tell_sellers(locked.pk), robust=True)
    return locked


def products_relying_on(code: RegisteredCode):
    return Product.objects.filter(registered_codes=code).distinct()


def _tell_sellers(code_pk: int) -> None:
    from vendors.models import Seller

    code = RegisteredCode.objects.get(pk=code_pk)
    products = list(products_relying_on(code).prefetch_related("stockrecords__partner__seller"))
    by_seller: dict[int, tuple[Seller, list]] = {}
    for product in products:
        for record in product.stockrecords.all():
            seller = getattr(record.partner, "seller", None)
            if seller is not None:
                by_seller.setdefault(seller.pk, (seller, []))[1].append(product.get_title())
    delist = settings.MARKETPLACE_REVOKED_CODE_RULE == "delist" and code.status == S.REVOKED
    with translation.override(settings.LANGUAGE_CODE):
        for seller, titles in by_seller.values():
            context = {"code": code, "titles": titles, "delist": delist}
            email_queue(
                _("Code %(code)s: %(status)s") % {"code": code.code, "status": code.get_status_display()},
                render_to_string("emails/code_changed.txt", context).strip(),
                [seller.email or seller.owner.email],
            )


def code_attach(*, product, code_text: str) -> RegisteredCode:
    """A seller says their product relies on a code of the registry (never changing the code)."""
    code = RegisteredCode.objects.filter(code__iexact=code_text.strip()).first()
    if code is None:
        raise ValidationError(_("No code %(code)s is in the registry.") % {"code": code_text.strip()})
    if code.status != S.ACTIVE:
        raise ValidationError(
            _("The code %(code)s is %(status)s.") % {"code": code.code, "status": code.get_status_display()}
        )
    code.products.add(product)
    return code


def code_detach(*, product, code: RegisteredCode) -> None:
    code.products.remove(product)


@transaction.atomic
def batch_record(*, product, **fields) -> Batch:
    """Record a lot of a product; the codes it names are attached to the product too."""
    if not product.upc:
        raise ValidationError(
            _("Give the product its barcode (GTIN) first: the batch's link is built from it.")
        )
    batch = Batch(product=product, **fields)
    batch.full_clean()
    batch.save()
    for code in (batch.growing_area, batch.packing_facility):
        if code is not None:
            code.products.add(product)
    return batch


def batch_event_add(*, batch: Batch, **fields) -> BatchEvent:
    event = BatchEvent(batch=batch, **fields)
    event.full_clean()
    event.save()
    return event


def current_batch(product) -> Batch | None:
    return product.batches.select_related("growing_area", "packing_facility").first()
