"""A seller's application and lifecycle: applying, activation, rejection, suspension, reactivation.

Each decision is one locked transition, recorded (`SellerTransition`) and told to the seller by
e-mail once it commits; the seller centre opens to an activated seller only.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from oscar.core.loading import get_model

from marketplace.mail import email_queue

from . import signals
from .models import Seller, SellerDocument, SellerTransition

Partner = get_model("partner", "Partner")

S = Seller.Status


# The lifecycle: which status may follow which. "Shop open" is not a status: an activated seller
# with at least one live product (selectors.open_sellers).
@dataclass(frozen=True)
class Decision:
    """One decision of the province's staff on a seller: from which status, to which, whether the
    seller must be told why, and the words the staff's page shows for it."""

    source: str
    target: str
    reason_required: bool
    label: str
    confirm: str
    danger: bool = False


# The seller's lifecycle as one table: the services, the staff's pages and their buttons read it.
DECISIONS = {
    "activate": Decision(
        S.APPLIED,
        S.ACTIVE,
        False,
        gettext_lazy("Activate"),
        gettext_lazy("Activate this seller? Their shop opens on the floor and they are e-mailed."),
    ),
    "reject": Decision(
        S.APPLIED,
        S.REJECTED,
        True,
        gettext_lazy("Reject"),
        gettext_lazy("Reject this application? The seller is e-mailed the reason."),
        danger=True,
    ),
    "suspend": Decision(
        S.ACTIVE,
        S.SUSPENDED,
        True,
        gettext_lazy("Suspend"),
        gettext_lazy(
            "Suspend this shop? All its products leave the floor at once and the seller is e-mailed."
        ),
        danger=True,
    ),
    "reactivate": Decision(
        S.SUSPENDED,
        S.ACTIVE,
        False,
        gettext_lazy("Reactivate"),
        gettext_lazy("Reopen this shop? Its products go back on the floor."),
    ),
}
# A rejected applicant may apply again (their own step, not a decision of the staff).
ALLOWED_TRANSITIONS: dict[str, set[str]] = {S.REJECTED: {S.APPLIED}}
for _decision in DECISIONS.values():
    ALLOWED_TRANSITIONS.setdefault(_decision.source, set()).add(_decision.target)
REASON_REQUIRED = {d.target for d in DECISIONS.values() if d.reason_required}


def decisions_for(seller: Seller) -> list[tuple[str, Decision]]:
    """The decisions the staff may take on the seller as it stands, in the table's order."""
    return [(name, d) for name, d in DECISIONS.items() if d.source == seller.status]


def decide(*, seller: Seller, action: str, by, reason: str = "") -> Seller:
    """Take one of DECISIONS by its name (ValidationError for a name not in the table)."""
    if action not in DECISIONS:
        raise ValidationError(_("This decision is not possible for this seller."), code="decision")
    services = {
        "activate": seller_activate,
        "reject": seller_reject,
        "suspend": seller_suspend,
        "reactivate": seller_reactivate,
    }
    return services[action](seller=seller, by=by, reason=reason)


@dataclass
class UploadedDocument:
    kind: str
    upload: object  # an UploadedFile whose content was checked by validators.sniff_document
    content_type: str


@transaction.atomic
def shop_save(seller: Seller, **save) -> Seller:
    """Saves a shop; its Oscar partner (what the basket, the orders and the dashboard name) carries
    the shop's name, so a renamed shop is renamed everywhere at once."""
    seller.save(**save)
    if seller.partner.name != seller.shop_name:
        seller.partner.name = seller.shop_name
        seller.partner.save(update_fields=["name"])
    return seller


@transaction.atomic
def seller_apply(*, user, documents: list[UploadedDocument], **details) -> Seller:
    """Apply to sell, or re-apply after a rejection. `details` are Seller fields from the form."""
    existing = Seller.objects.select_for_update().filter(owner=user).first()
    if existing is not None and existing.status != S.REJECTED:
        raise ValidationError(_("You already have a seller account."), code="already_applied")
    if Seller.objects.filter(slug=details["slug"]).exclude(pk=getattr(existing, "pk", None)).exists():
        raise ValidationError(_("This shop address is taken: choose another."), code="slug_taken")

    if existing is None:
        partner = Partner.objects.create(name=details["shop_name"], code=details["slug"])
        seller = Seller(partner=partner, owner=user, **details)
        seller.save()
        _record(seller, "", S.APPLIED, by=user, reason="")
    else:
        seller = existing
        for field, value in details.items():
            setattr(seller, field, value)
        seller.applied_at = timezone.now()
        shop_save(seller)
        _move(seller, S.APPLIED, by=user, reason="")
    for document in documents:
        SellerDocument.objects.create(
            seller=seller,
            kind=document.kind,
            file=document.upload,
            content_type=document.content_type,
            size=document.upload.size,
            original_name=document.upload.name[:255],
        )
    return seller


def missing_for_activation(seller: Seller) -> list[str]:
    """What an application lacks that staff would otherwise check before activating it."""
    missing = []
    if not seller.documents.exists():
        missing.append(_("no documents"))
    if not (seller.bank_code and seller.bank_account_number and seller.bank_account_holder):
        missing.append(_("no bank account for payouts"))
    return missing


def seller_activate(*, seller: Seller, by, reason: str = "") -> Seller:
    """An applicant's papers are in order: open the seller centre to them. An application without
    documents or a bank account is activated only with a reason (how it was checked otherwise)."""
    missing = missing_for_activation(seller)
    if missing and not (reason or "").strip():
        raise ValidationError(
            _(
                "This application has %(missing)s: activate it only once you have checked another way, "
                "and say how in the reason."
            )
            % {"missing": _(" and ").join(str(item) for item in missing)},
            code="incomplete",
        )
    return _transition(seller, S.ACTIVE, by=by, reason=reason, only_from=S.APPLIED)


def seller_reject(*, seller: Seller, by, reason: str) -> Seller:
    return _transition(seller, S.REJECTED, by=by, reason=reason, only_from=S.APPLIED)


def seller_suspend(*, seller: Seller, by, reason: str) -> Seller:
    return _transition(seller, S.SUSPENDED, by=by, reason=reason, only_from=S.ACTIVE)


def seller_reactivate(*, seller: Seller, by, reason: str = "") -> Seller:
    return _transition(seller, S.ACTIVE, by=by, reason=reason, only_from=S.SUSPENDED)


@transaction.atomic
def _transition(seller: Seller, to: str, *, by, reason: str, only_from: str) -> Seller:
    # Lock the row: two staff members deciding at once must not both act on the old status.
    locked = Seller.objects.select_for_update().select_related("partner", "owner").get(pk=seller.pk)
    if locked.status != only_from:
        raise ValidationError(
            _("A seller that is %(current)s cannot become %(target)s.")
            % {"current": S(locked.status).label.lower(), "target": S(to).label.lower()},
            code="transition",
        )
    _move(locked, to, by=by, reason=reason)
    seller.refresh_from_db()
    return seller


def _move(seller: Seller, to: str, *, by, reason: str) -> None:
    reason = (reason or "").strip()
    if to not in ALLOWED_TRANSITIONS.get(seller.status, set()):
        raise ValidationError(
            _("A seller that is %(current)s cannot become %(target)s.")
            % {"current": S(seller.status).label.lower(), "target": S(to).label.lower()},
            code="transition",
        )
    if to in REASON_REQUIRED and not reason:
        raise ValidationError(_("Give a reason: the seller will read it."), code="reason_required")
    previous = seller.status
    seller.status = to
    seller.status_reason = reason
    if to == S.ACTIVE and seller.activated_at is None:
        seller.activated_at = timezone.now()
    seller.save(update_fields=["status", "status_reason", "activated_at"])
    seller_centre_access_set(seller, allowed=(to == S.ACTIVE))
    if to == S.ACTIVE:
        signals.seller_activated.send(sender=Seller, seller=seller)
    _record(seller, previous, to, by=by, reason=reason)


def _record(seller: Seller, previous: str, to: str, *, by, reason: str) -> None:
    SellerTransition.objects.create(seller=seller, from_status=previous, to_status=to, by=by, reason=reason)
    transaction.on_commit(lambda: _notify(seller.pk, to, reason), robust=True)


def seller_centre_access_set(seller: Seller, *, allowed: bool) -> None:
    """Only an activated seller reaches the seller centre (Oscar's dashboard, for their partner)."""
    permission = Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    if allowed:
        seller.partner.users.add(seller.owner)
        seller.owner.user_permissions.add(permission)
    else:
        seller.partner.users.remove(seller.owner)
        seller.owner.user_permissions.remove(permission)
    signals.seller_access_changed.send(sender=Seller, seller=seller, allowed=allowed)


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


def _notify(seller_pk: int, status: str, reason: str) -> None:
    seller = Seller.objects.select_related("owner").get(pk=seller_pk)
    subject, body = NOTICES[status]
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string("emails/seller_decision.txt", {"body": _(body), "reason": reason}).strip()
        email_queue(_(subject) % {"shop": seller.shop_name}, text, [seller.email or seller.owner.email])
