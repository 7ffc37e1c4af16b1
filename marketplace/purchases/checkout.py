"""Placing a purchase: one Oscar order per shop, stock allocated under row locks, all or nothing.

Each shop's order goes on its statement (`ledger`) and its experiences' dates are booked
(`booking`) in the same transaction.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from oscar.core.prices import Price

from marketplace import wards
from marketplace.mail import email_queue
from marketplace.money import format_vnd
from vendors import selectors, stock
from vendors.models import Seller

from . import booking, ledger
from .models import OfferFunding, Purchase, PurchaseOrder, ShippingOption
from .shipping import default_delivery
from .status import CASH_ON_DELIVERY

NotSold = get_class("partner.availability", "NotSold")
OrderCreator = get_class("order.utils", "OrderCreator")
ShippingMethod = get_class("order.utils", "ShippingMethod")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")


class CheckoutError(Exception):
    """The purchase cannot be placed as it stands; `problems` say why, in the shopper's language."""

    def __init__(self, problems: list[str], *, stale_lines=()):
        super().__init__("; ".join(problems))
        self.problems = problems
        self.stale_lines = list(stale_lines)


@dataclass
class Address:
    name: str
    phone: str
    province_code: int
    ward_code: int
    street: str


@dataclass
class ShopGroup:
    """A shop's lines in a basket, with what it charges for delivery and the discounts on them."""

    seller: Seller
    lines: list
    subtotal: int
    needs_shipping: bool
    options: list
    chosen: ShippingOption | None = None
    # Offers' discounts on this shop's lines: {offer: amount}; who funds each is in `funders`.
    discounts: dict = field(default_factory=dict)
    funders: dict = field(default_factory=dict)

    @property
    def marketplace_funded(self) -> int:
        return sum(
            amount
            for offer, amount in self.discounts.items()
            if self.funders.get(offer.pk) == OfferFunding.FundedBy.MARKETPLACE
        )

    @property
    def shipping(self) -> int:
        return self.chosen.charge_for(self.subtotal) if self.chosen else 0

    @property
    def total(self) -> int:
        return self.subtotal + self.shipping


def basket_groups(basket, choices: dict[int, int] | None = None) -> list[ShopGroup]:
    """The basket's lines grouped by shop, in a fixed number of queries, with shipping options."""
    lines = list(basket.all_lines())
    by_seller: dict[int, list] = defaultdict(list)
    sellers = {}
    for line in lines:
        seller = getattr(line.stockrecord.partner, "seller", None)
        if seller is None:
            continue
        sellers[seller.pk] = seller
        by_seller[seller.pk].append(line)
    options = defaultdict(list)
    for option in ShippingOption.objects.filter(seller_id__in=sellers, is_active=True):
        options[option.seller_id].append(option)
    offers = {d.offer.pk for line in lines for d in line.discounts if d.offer is not None}
    funders = (
        dict(OfferFunding.objects.filter(offer_id__in=offers).values_list("offer_id", "funded_by"))
        if offers
        else {}
    )
    groups = []
    for seller_pk, seller_lines in by_seller.items():
        subtotal = sum(int(line.line_price_incl_tax_incl_discounts) for line in seller_lines)
        needs_shipping = any(line.product.is_shipping_required for line in seller_lines)
        group = ShopGroup(sellers[seller_pk], seller_lines, subtotal, needs_shipping, options[seller_pk])
        group.funders = funders
        for line in seller_lines:
            for discount in line.discounts:
                if discount.offer is not None:
                    group.discounts[discount.offer] = group.discounts.get(discount.offer, 0) + int(
                        discount.amount
                    )
        if needs_shipping and group.options:
            wanted = (choices or {}).get(seller_pk)
            group.chosen = next((o for o in group.options if o.pk == wanted), None) or (
                None if choices is not None else default_delivery(group.options, subtotal)
            )
        groups.append(group)
    return groups


def purchase_place(
    *,
    basket,
    user,
    email: str,
    address: Address,
    shipping_choices: dict[int, int],
    payment_method: str = CASH_ON_DELIVERY,
    request=None,
) -> Purchase:
    """Place the basket as one purchase of one order per shop, or raise CheckoutError and change nothing."""
    if basket.is_empty:
        raise CheckoutError([_("Your basket is empty.")])
    if address.ward_code not in {code for code, _name in wards.ward_choices(address.province_code)}:
        raise CheckoutError([_("This ward is not in the chosen province.")])
    with transaction.atomic():
        purchase = _place(basket, user, email, address, shipping_choices, payment_method, request)
    transaction.on_commit(lambda: _notify(purchase.pk), robust=True)
    return purchase


def _place(basket, user, email, address, shipping_choices, payment_method, request) -> Purchase:
    lines = list(basket.all_lines())
    # Lock every stock record in primary-key order: concurrent checkouts queue here instead of
    # both reading the same stock, and always in the same order, so they cannot deadlock.
    records = stock.locked(line.stockrecord_id for line in lines)
    # Whether each product is still sold is asked again now, under the locks, not taken from
    # when the basket was loaded; the strategy then refuses it as every other door does.
    selectors.mark_sellable(line.product for line in lines)
    problems, stale = [], []
    wanted: dict[int, int] = defaultdict(int)
    for line in lines:
        wanted[line.stockrecord_id] += line.quantity
    for line in lines:
        record = records[line.stockrecord_id]
        title = line.product.get_title()
        availability = basket.strategy.fetch_for_line(line, record).availability
        if isinstance(availability, NotSold):
            problems.append(availability.message)
            continue
        if line.price_incl_tax is not None and line.price_incl_tax != record.price:
            problems.append(
                _("The price of “%(title)s” changed from %(old)s to %(new)s.")
                % {"title": title, "old": format_vnd(line.price_incl_tax), "new": format_vnd(record.price)}
            )
            stale.append((line.pk, record.price))
        if line.product.get_product_class().track_stock:
            available = stock.available(record)
            if wanted[record.pk] > available:
                problems.append(
                    _("Only %(available)s of “%(title)s” left: lower the quantity.")
                    % {"available": max(available, 0), "title": title}
                    if available > 0
                    else _("“%(title)s” is out of stock.") % {"title": title}
                )
    # Visits of experiences: their dates are booked here, under locks, with the rest.
    problems += booking.book_lines(lines)
    groups = basket_groups(basket, shipping_choices)
    for group in groups:
        if group.needs_shipping and group.chosen is None:
            problems.append(_("Choose how %(shop)s delivers.") % {"shop": group.seller.shop_name})
    if problems:
        raise CheckoutError(list(dict.fromkeys(problems)), stale_lines=stale)

    goods = sum(g.subtotal for g in groups)
    shipping = sum(g.shipping for g in groups)
    purchase = Purchase.objects.create(
        number="",
        user=user if user and user.is_authenticated else None,
        email=email,
        phone=address.phone,
        payment_method=payment_method,
        goods_total=goods,
        shipping_total=shipping,
        total=goods + shipping,
    )
    purchase.number = f"{timezone.localdate():%y%m%d}{purchase.pk:06d}"
    purchase.save(update_fields=["number"])
    creator = OrderCreator()
    country = Country.objects.get(iso_3166_1_a2="VN")
    used_vouchers: set[int] = set()
    for index, group in enumerate(groups, start=1):
        shipping_address = ShippingAddress.objects.create(
            first_name="",
            last_name=address.name,
            line1=address.street,
            line4=wards.ward_name(address.ward_code),
            state=wards.province_name(address.province_code),
            country=country,
            phone_number=address.phone,
        )
        charge = Price(currency="VND", excl_tax=Decimal(group.shipping), incl_tax=Decimal(group.shipping))
        total = Price(currency="VND", excl_tax=Decimal(group.total), incl_tax=Decimal(group.total))
        order = creator.place_shop_order(
            basket=basket,
            lines=group.lines,
            number=f"{purchase.number}-{index}",
            shipping_address=shipping_address,
            shipping_method=_shipping_method(group.chosen),
            shipping_charge=charge,
            total=total,
            user=user if user and user.is_authenticated else None,
            guest_email="" if user and user.is_authenticated else email,
            request=request,
        )
        stock.allocate(group.lines)
        PurchaseOrder.objects.create(
            purchase=purchase, order=order, seller=group.seller, shipping_option=group.chosen
        )
        _record_discounts(group, order, user, used_vouchers)
        ledger.sale_record(
            seller=group.seller,
            order=order,
            goods=group.subtotal,
            marketplace_funded=group.marketplace_funded,
            shipping=group.shipping,
        )
    basket.submit()
    return purchase


def _shipping_method(option: ShippingOption | None):
    if option is None:
        return ShippingMethod(name=_("No shipping needed"), code="no-shipping-required")
    return ShippingMethod(name=option.name, code=f"{option.kind}-{option.pk}")


def _record_discounts(group: ShopGroup, order, user, used_vouchers: set[int]) -> None:
    """Each offer's discount on this shop's lines, on this shop's order; a voucher counts once."""
    for offer, amount in group.discounts.items():
        voucher = offer.get_voucher() if offer.offer_type == offer.VOUCHER else None
        order.discounts.create(
            offer_id=offer.pk,
            offer_name=offer.name,
            voucher_id=voucher.pk if voucher else None,
            voucher_code=voucher.code if voucher else "",
            amount=Decimal(amount),
            message=_("Funded by %(funder)s")
            % {
                "funder": OfferFunding.FundedBy(group.funders.get(offer.pk, OfferFunding.FundedBy.SHOP)).label
            },
        )
        offer.record_usage({"discount": Decimal(amount), "freq": 1})
        if voucher is not None and voucher.pk not in used_vouchers:
            voucher.record_usage(order, user or AnonymousUser())
            used_vouchers.add(voucher.pk)


def refresh_stale_prices(basket, stale_lines) -> None:
    """After a refused checkout, bring the basket's prices up to date (the shopper was told) and
    make the basket read its lines and offers again, so the page shows the new totals."""
    if not stale_lines:
        return
    Line = get_model("basket", "Line")
    for line_pk, price in stale_lines:
        Line.objects.filter(pk=line_pk).update(price_incl_tax=price, price_excl_tax=price)
    basket.reset_offer_applications()
    basket._lines = None  # Oscar's cache of the lines: read again with their new prices


def _notify(purchase_pk: int) -> None:
    purchase = Purchase.objects.get(pk=purchase_pk)
    parts = list(purchase.parts.select_related("order", "seller__owner").prefetch_related("order__lines"))
    with translation.override(settings.LANGUAGE_CODE):
        email_queue(
            _("Your purchase %(number)s is placed") % {"number": purchase.number},
            render_to_string("emails/purchase_placed.txt", {"purchase": purchase, "parts": parts}).strip(),
            [purchase.email],
        )
        for part in parts:
            email_queue(
                _("New order %(number)s for %(shop)s")
                % {"number": part.order.number, "shop": part.seller.shop_name},
                render_to_string("emails/new_order.txt", {"part": part}).strip(),
                [part.seller.email or part.seller.owner.email],
            )
