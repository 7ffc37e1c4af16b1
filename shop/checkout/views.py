"""One-page checkout: address, each shop's delivery, payment, and one click to place the purchase."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from marketplace.payments import gateways
from marketplace.payments.views import payment_start
from marketplace.purchases import checkout
from marketplace.purchases.models import Purchase
from marketplace.purchases.views import remember, shopper_purchase

from .forms import CheckoutForm


class CheckoutView(FormView):
    template_name = "oscar/checkout/one_page.html"
    form_class = CheckoutForm

    def dispatch(self, request, *args, **kwargs):
        if request.basket.is_empty:
            messages.info(request, _("Your basket is empty."))
            return redirect("basket:summary")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def shipping_choices(self) -> dict[int, int] | None:
        if self.request.method != "POST":
            return None
        choices = {}
        for key, value in self.request.POST.items():
            if key.startswith("shipping-") and key[9:].isdigit() and value.isdigit():
                choices[int(key[9:])] = int(value)
        return choices

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        groups = checkout.basket_groups(self.request.basket, self.shipping_choices())
        ctx["groups"] = groups
        ctx["goods_total"] = sum(g.subtotal for g in groups)
        ctx["shipping_total"] = sum(g.shipping for g in groups)
        ctx["grand_total"] = ctx["goods_total"] + ctx["shipping_total"]
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        address = checkout.Address(
            name=data["name"],
            phone=data["phone"],
            province_code=data["province_code"],
            ward_code=data["ward_code"],
            street=data["street"],
        )
        try:
            purchase = checkout.purchase_place(
                basket=self.request.basket,
                user=self.request.user,
                email=data["email"],
                address=address,
                shipping_choices=self.shipping_choices() or {},
                payment_method=data["payment_method"],
                request=self.request,
            )
        except checkout.CheckoutError as error:
            checkout.refresh_stale_prices(self.request.basket, error.stale_lines)
            for problem in error.problems:
                messages.error(self.request, problem)
            return self.form_invalid(form)
        remember(self.request, purchase)
        gateway = gateways.get(purchase.payment_method)
        if gateway is not None and gateway.redirects:
            return payment_start(self.request, gateway.code, purchase.number)
        return redirect("checkout:thank-you", number=purchase.number)


class ThankYouView(TemplateView):
    template_name = "oscar/checkout/purchase_thank_you.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        purchase = shopper_purchase(
            self.request,
            kwargs["number"],
            Purchase.objects.prefetch_related(
                "parts__order__lines", "parts__order__sources", "parts__seller"
            ),
        )
        ctx["purchase"] = purchase
        return ctx
