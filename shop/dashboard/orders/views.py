"""Order pages of the seller centre: a seller sees and acts on their own lines only; staff see all."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from oscar.apps.dashboard.orders import views
from oscar.core.loading import get_model

from marketplace.money import format_vnd
from marketplace.payments import gateways
from marketplace.purchases import fulfilment, ledger, slips
from marketplace.purchases.status import WAITING, OrderStatus, money_state, overdue_since
from marketplace.querystring import ChosenFilterSet
from marketplace.spreadsheets import safe_cell
from vendors import selectors

Line = get_model("order", "Line")


def _shopper_search(words: str) -> Q:
    """An order number's beginning, the shopper's name, e-mail or phone (typed 09… or +849…)."""
    found = (
        Q(number__istartswith=words)
        | Q(guest_email__icontains=words)
        | Q(user__email__icontains=words)
        | Q(shipping_address__first_name__icontains=words)
        | Q(shipping_address__last_name__icontains=words)
    )
    digits = "".join(c for c in words if c.isdigit())
    if len(digits) >= 6:
        local = "0" + digits[2:] if digits.startswith("84") else digits
        found |= Q(purchase_part__purchase__phone__contains=local) | Q(
            shipping_address__phone_number__contains=digits.lstrip("0")
        )
    return found


def _own_lines(lines, user):
    return selectors.lines_acted_for(lines, user)


TABS = [
    (OrderStatus.PENDING, gettext_lazy("To confirm")),
    (OrderStatus.CONFIRMED, gettext_lazy("To pack")),
    (OrderStatus.PACKED, gettext_lazy("To hand over")),
    (OrderStatus.SHIPPED, gettext_lazy("On the way")),
    (OrderStatus.DELIVERED, gettext_lazy("Delivered")),
    (OrderStatus.CANCELLED, gettext_lazy("Cancelled")),
]
# The returns tab: orders with units refunded.
RETURNED = Q(lines__refunds__isnull=False)
SEARCH_LENGTH = 100
SLIPS_AT_MOST = 200


class ShopOrderFilter(ChosenFilterSet):
    """The orders list's own filters (django-filter): the overdue tab, the returns tab, and words of
    an order number, a shopper's name, e-mail or phone."""

    overdue = django_filters.CharFilter(method="only_overdue")
    returns = django_filters.CharFilter(method="only_returned")
    q = django_filters.CharFilter(method="matching")

    def only_overdue(self, orders, name, value):
        return orders.filter(status__in=WAITING, date_placed__lt=overdue_since()) if value == "1" else orders

    def only_returned(self, orders, name, value):
        return orders.filter(RETURNED).distinct() if value == "1" else orders

    def matching(self, orders, name, value):
        words = value.strip()[:SEARCH_LENGTH]
        return orders.filter(_shopper_search(words)).distinct() if words else orders


class OrderListView(views.OrderListView):
    """The shop's orders as tabs by state with their counts, a search by order number, shopper or
    phone, and steps on several orders at once. Oscar's own status change (which would skip the
    stock and the ledger) is not among the actions."""

    template_name = "oscar/dashboard/orders/order_list.html"
    actions = ("download_selected_orders", "confirm_selected", "pack_selected", "print_slips")

    def get_queryset(self):
        # Oscar's own form filters by status; the tabs' "overdue" and "returns" and the search box
        # are ShopOrderFilter's.
        queryset = super().get_queryset().select_related("shipping_address", "user")
        return ShopOrderFilter(self.request.GET, queryset=queryset).qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        counts = self.base_queryset.order_by().aggregate(
            **{status.value: Count("pk", filter=Q(status=status)) for status, _label in TABS}
        )
        status = self.request.GET.get("status", "")
        returns = self.request.GET.get("returns") == "1"
        ctx["tabs"] = [
            {"status": s.value, "label": label, "count": counts[s.value], "active": status == s.value}
            for s, label in TABS
        ]
        ctx["returns_count"] = self.base_queryset.filter(RETURNED).order_by().values("pk").distinct().count()
        ctx["returns_tab"] = returns
        ctx["overdue_tab"] = self.request.GET.get("overdue") == "1"
        ctx["all_tab"] = not (status or returns or ctx["overdue_tab"])
        ctx["q"] = self.request.GET.get("q", "")[:SEARCH_LENGTH]
        return ctx

    def _step_each(self, request, orders, step: str):
        done = 0
        for order in orders:
            if not fulfilment.may_fulfil(request.user, order):
                continue
            try:
                fulfilment.order_step(order=order, step=step, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, f"{order.number}: {message}")
            else:
                done += 1
        if done:
            moved = ngettext("%(n)s order moved on.", "%(n)s orders moved on.", done) % {"n": done}
            messages.success(request, moved)
        return redirect(self.get_success_url(request))

    def post(self, request, *args, **kwargs):
        # Oscar would say "Bạn cần chọn vài orders" (its message built from the model's name).
        if request.POST.get(self.action_param, "") in self.actions and not self.get_selected_ids(request):
            messages.error(request, _("Tick the orders to act on first."))
            return redirect(self.get_error_url(request))
        return super().post(request, *args, **kwargs)

    def confirm_selected(self, request, orders):
        return self._step_each(request, orders, "confirm")

    def pack_selected(self, request, orders):
        return self._step_each(request, orders, "pack")

    def print_slips(self, request, orders):
        # Every shop order has its purchase part; an order made another way has no slip to print.
        chosen = list(
            orders.filter(purchase_part__isnull=False)
            .select_related("purchase_part__seller", "purchase_part__purchase", "shipping_address")
            .prefetch_related("lines")
            .order_by("number")[:SLIPS_AT_MOST]
        )
        response = HttpResponse(slips.slips(chosen), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="phieu-dong-goi.pdf"'
        return response

    # The order download, in the interface's language: what a seller needs to pack and deliver.
    CSV_COLUMNS = {
        "number": gettext_lazy("Order number"),
        "placed": gettext_lazy("Placed (date and time)"),
        "status": gettext_lazy("Status"),
        "payment": gettext_lazy("Payment method"),
        "paid": gettext_lazy("Paid"),
        "goods": gettext_lazy("Goods (₫)"),
        "shipping": gettext_lazy("Delivery (₫)"),
        "total": gettext_lazy("Total (₫)"),
        "name": gettext_lazy("Receiver"),
        "phone": gettext_lazy("Phone"),
        "email": gettext_lazy("E-mail"),
        "address": gettext_lazy("Address"),
        "items": gettext_lazy("Items"),
    }

    def get_download_filename(self, request):
        return f"don-hang-{timezone.localdate().isoformat()}.csv"

    def download_selected_orders(self, request, orders):
        orders = orders.select_related("shipping_address", "purchase_part__purchase").prefetch_related(
            Prefetch(
                "lines", queryset=_own_lines(Line.objects.order_by("pk"), request.user), to_attr="own_lines"
            )
        )
        response = super().download_selected_orders(request, orders)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def get_row_values(self, order):
        # ISO dates that sort, whole đồng as numbers, the receiver to call; a guest's name written
        # `=HYPERLINK(…)` reaches the seller's spreadsheet as text, never as a formula.
        address = order.shipping_address
        part = getattr(order, "purchase_part", None)
        purchase = part.purchase if part else None
        gateway = gateways.get(purchase.payment_method) if purchase else None
        row = {
            "number": order.number,
            "placed": timezone.localtime(order.date_placed).strftime("%Y-%m-%d %H:%M"),
            "status": OrderStatus.label_of(order.status),
            "payment": str(gateway.label) if gateway else "",
            "paid": _("paid") if purchase and purchase.status == purchase.Status.PAID else _("not yet"),
            "goods": int(order.total_incl_tax - order.shipping_incl_tax),
            "shipping": int(order.shipping_incl_tax),
            "total": int(order.total_incl_tax),
            "name": address.name if address else "",
            "phone": str(address.phone_number or "") if address else "",
            "email": order.email,
            "address": ", ".join(
                part for part in (address.line1, address.line2, address.line3, address.line4) if part
            )
            if address
            else "",
            "items": "; ".join(f"{line.title} × {line.quantity}" for line in order.own_lines),
        }
        return {column: safe_cell(value) for column, value in row.items()}


class OrderDetailView(views.OrderDetailView):
    # Oscar's status change, payment and shipping events would move an order without its stock,
    # its ledger or the shopper's e-mail: the shop's steps are FulfilView's; notes stay.
    order_actions = ("save_note", "delete_note")
    line_actions = ()

    def get_template_names(self):
        # A seller reads their order on a page of our own, one column on a phone; staff keep Oscar's.
        if self.request.user.is_staff:
            return super().get_template_names()
        return ["sellers/dashboard/order.html"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        part = getattr(self.object, "purchase_part", None)
        if part is not None:
            purchase = part.purchase
            gateway = gateways.get(purchase.payment_method)
            booked = ledger.booked_for(self.object, part.seller)
            ctx.update(
                payment_label=gateway.label if gateway else purchase.payment_method,
                money_state=money_state(self.object, purchase),
                booked=booked,
                shop_receives=sum(booked.values()),
            )
        ctx["fulfil_steps"] = (
            fulfilment.next_steps(self.object)
            if fulfilment.may_fulfil(self.request.user, self.object)
            else []
        )
        ctx["may_refund_lines"] = fulfilment.may_refund_lines(self.object)
        ctx["purchase_part"] = getattr(self.object, "purchase_part", None)
        return ctx

    def get_order_lines(self):
        # Oscar shows a partner every line of a mixed order; line actions also go through here,
        # so another shop's line ids posted by hand are ignored as well.
        return _own_lines(super().get_order_lines(), self.request.user)


class LineDetailView(views.LineDetailView):
    def get_object(self, queryset=None):
        line = super().get_object(queryset)
        user = self.request.user
        if not selectors.may_act_for(user, getattr(line.partner, "seller", None)):
            raise Http404()
        return line


class FulfilView(View):
    """The shop's next step on its order: confirm, pack, ship, deliver or cancel."""

    def post(self, request, number):
        order = views.get_order_for_user_or_404(request.user, number)
        if not fulfilment.may_fulfil(request.user, order):
            raise Http404()
        step = request.POST.get("step", "")
        try:
            if step == "cancel":
                fulfilment.order_cancel(order=order, by=request.user, reason=request.POST.get("reason", ""))
            else:
                fulfilment.order_step(
                    order=order,
                    step=step,
                    by=request.user,
                    carrier=request.POST.get("carrier", ""),
                    tracking_number=request.POST.get("tracking_number", ""),
                )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            order.refresh_from_db()
            messages.success(
                request,
                _("Order %(number)s: %(status)s.")
                % {"number": number, "status": OrderStatus.label_of(order.status)},
            )
        return redirect("dashboard:order-detail", number=number)


class LineRefundView(View):
    def post(self, request, number, line_id):
        order = views.get_order_for_user_or_404(request.user, number)
        line = _own_lines(order.lines.all(), request.user).filter(pk=line_id).first()
        if line is None or not fulfilment.may_fulfil(request.user, order):
            raise Http404()
        try:
            quantity = int(request.POST.get("quantity", "0"))
        except ValueError:
            quantity = 0
        try:
            refund = fulfilment.line_refund(
                line=line, quantity=quantity, by=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Refunded %(amount)s.") % {"amount": format_vnd(refund.amount)})
        return redirect("dashboard:order-detail", number=number)
