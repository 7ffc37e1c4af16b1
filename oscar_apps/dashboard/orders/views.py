"""Order pages of the seller centre: a seller sees and acts on their own lines only; staff see all."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.dashboard.orders import views

from marketplace.money import format_vnd
from marketplace.purchases import fulfilment
from marketplace.purchases.status import OrderStatus
from marketplace.spreadsheets import safe_cell


def _own_lines(lines, user):
    if user.is_staff:
        return lines
    return lines.filter(partner__users=user)


class OrderListView(views.OrderListView):
    def get_row_values(self, order):
        # The order download (CSV): a guest's name `=HYPERLINK(…)` must reach the seller's
        # spreadsheet as text, never as a formula.
        return {column: safe_cell(value) for column, value in super().get_row_values(order).items()}


class OrderDetailView(views.OrderDetailView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
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
        if not user.is_staff and not (line.partner and line.partner.users.filter(pk=user.pk).exists()):
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
