"""A seller's application and lifecycle: applying, activation, rejection, suspension, reactivation.

Each decision is one locked transition, recorded (`VendorTransition`) and told to the seller by
e-mail once it commits; the seller centre opens to an activated seller only.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from oscar.core.loading import get_model

from marketplace.mail import email_queue

from . import signals
from .models import Vendor, VendorDocument, VendorTransition

Partner = get_model("partner", "Partner")

S = Vendor.Status
# The lifecycle: which status may follow which. "Shop open" is not a status: an activated vendor
# with at least one live product (selectors.open_vendors).
ALLOWED_TRANSITIONS = {
    S.APPLIED: {S.ACTIVE, S.REJECTED},
    S.ACTIVE: {S.SUSPENDED},
    S.SUSPENDED: {S.ACTIVE},
    S.REJECTED: {S.APPLIED},
}
REASON_REQUIRED = {S.REJECTED, S.SUSPENDED}


@dataclass
class UploadedDocument:
    kind: str
    upload: object  # an UploadedFile whose content was checked by validators.sniff_document
    content_type: str


@transaction.atomic
def vendor_apply(*, user, documents: list[UploadedDocument], **details) -> Vendor:
    """Apply to sell, or re-apply after a rejection. `details` are Vendor fields from the form."""
    existing = Vendor.objects.select_for_update().filter(owner=user).first()
    if existing is not None and existing.status != S.REJECTED:
        raise ValidationError(_("You already have a seller account."), code="already_applied")
    if Vendor.objects.filter(slug=details["slug"]).exclude(pk=getattr(existing, "pk", None)).exists():
        raise ValidationError(_("This shop address is taken: choose another."), code="slug_taken")

    if existing is None:
        partner = Partner.objects.create(name=details["shop_name"], code=details["slug"])
        vendor = Vendor(partner=partner, owner=user, **details)
        vendor.save()
        _record(vendor, "", S.APPLIED, by=user, reason="")
    else:
        vendor = existing
        for field, value in details.items():
            setattr(vendor, field, value)
        vendor.partner.name = details["shop_name"]
        vendor.partner.save(update_fields=["name"])
        vendor.applied_at = timezone.now()
        vendor.save()
        _move(vendor, S.APPLIED, by=user, reason="")
    for document in documents:
        VendorDocument.objects.create(
            vendor=vendor,
            kind=document.kind,
            file=document.upload,
            content_type=document.content_type,
            size=document.upload.size,
            original_name=document.upload.name[:255],
        )
    return vendor


def vendor_activate(*, vendor: Vendor, by) -> Vendor:
    """An applicant's papers are in order: open the seller centre to them."""
    return _transition(vendor, S.ACTIVE, by=by, reason="", only_from=S.APPLIED)


def vendor_reject(*, vendor: Vendor, by, reason: str) -> Vendor:
    return _transition(vendor, S.REJECTED, by=by, reason=reason, only_from=S.APPLIED)


def vendor_suspend(*, vendor: Vendor, by, reason: str) -> Vendor:
    return _transition(vendor, S.SUSPENDED, by=by, reason=reason, only_from=S.ACTIVE)


def vendor_reactivate(*, vendor: Vendor, by, reason: str = "") -> Vendor:
    return _transition(vendor, S.ACTIVE, by=by, reason=reason, only_from=S.SUSPENDED)


@transaction.atomic
def _transition(vendor: Vendor, to: str, *, by, reason: str, only_from: str) -> Vendor:
    # Lock the row: two staff members deciding at once must not both act on the old status.
    locked = Vendor.objects.select_for_update().select_related("partner", "owner").get(pk=vendor.pk)
    if locked.status != only_from:
        raise ValidationError(
            _("A seller that is %(current)s cannot become %(target)s.")
            % {"current": S(locked.status).label.lower(), "target": S(to).label.lower()},
            code="transition",
        )
    _move(locked, to, by=by, reason=reason)
    vendor.refresh_from_db()
    return vendor


def _move(vendor: Vendor, to: str, *, by, reason: str) -> None:
    reason = (reason or "").strip()
    if to not in ALLOWED_TRANSITIONS.get(vendor.status, set()):
        raise ValidationError(
            _("A seller that is %(current)s cannot become %(target)s.")
            % {"current": S(vendor.status).label.lower(), "target": S(to).label.lower()},
            code="transition",
        )
    if to in REASON_REQUIRED and not reason:
        raise ValidationError(_("Give a reason: the seller will read it."), code="reason_required")
    previous = vendor.status
    vendor.status = to
    vendor.status_reason = reason
    if to == S.ACTIVE and vendor.activated_at is None:
        vendor.activated_at = timezone.now()
    vendor.save(update_fields=["status", "status_reason", "activated_at"])
    seller_centre_access_set(vendor, allowed=(to == S.ACTIVE))
    if to == S.ACTIVE:
        signals.seller_activated.send(sender=Vendor, vendor=vendor)
    _record(vendor, previous, to, by=by, reason=reason)


def _record(vendor: Vendor, previous: str, to: str, *, by, reason: str) -> None:
    VendorTransition.objects.create(vendor=vendor, from_status=previous, to_status=to, by=by, reason=reason)
    transaction.on_commit(lambda: _notify(vendor.pk, to, reason), robust=True)


def seller_centre_access_set(vendor: Vendor, *, allowed: bool) -> None:
    """Only an activated seller reaches the seller centre (Oscar's dashboard, for their partner)."""
    permission = Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    if allowed:
        vendor.partner.users.add(vendor.owner)
        vendor.owner.user_permissions.add(permission)
    else:
        vendor.partner.users.remove(vendor.owner)
        vendor.owner.user_permissions.remove(permission)
    signals.seller_access_changed.send(sender=Vendor, vendor=vendor, allowed=allowed)


# E-mails for each decision, translated when sent (in the marketplace's language).
NOTICES = {
    S.APPLIED: (
        gettext_noop("We received your application for %(shop)s"),
        gettext_noop(
            "Thank you for applying to sell on the OCOP floor. Province staff will review your "
            "documents and write to you with their decision."
        ),
    ),
    S.ACTIVE: (
        gettext_noop("Your shop %(shop)s is activated"),
        gettext_noop(
            "Your seller account is activated. Sign in and open the seller centre to list your "
            "products: your shop opens as soon as one of them is live."
        ),
    ),
    S.REJECTED: (
        gettext_noop("Your application for %(shop)s was not accepted"),
        gettext_noop("Province staff could not accept your application. You may correct it and apply again."),
    ),
    S.SUSPENDED: (
        gettext_noop("Your shop %(shop)s is suspended"),
        gettext_noop(
            "Your shop is suspended: its products are off the floor until province staff reactivate "
            "it. Your orders are kept."
        ),
    ),
}


def _notify(vendor_pk: int, status: str, reason: str) -> None:
    vendor = Vendor.objects.select_related("owner").get(pk=vendor_pk)
    subject, body = NOTICES[status]
    with translation.override(settings.LANGUAGE_CODE):
        text = _(body)
        if reason:
            text += "\n\n" + _("Reason: %(reason)s") % {"reason": reason}
        email_queue(_(subject) % {"shop": vendor.shop_name}, text, [vendor.email or vendor.owner.email])
