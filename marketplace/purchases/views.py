"""The shopper's purchases in their account: each purchase with its shops' orders and statuses."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Purchase

# The purchases placed in this browser's session: a guest may see (and pay) those, and only those.
SESSION_KEY = "placed_purchases"


def remember(request, purchase: Purchase) -> None:
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), purchase.number][-20:]


def shopper_purchase(request, number: str, queryset=None) -> Purchase:
    """The purchase if it is this shopper's (their account's, or placed in this session); else 404."""
    purchase = (queryset if queryset is not None else Purchase.objects).filter(number=number).first()
    mine = purchase is not None and (
        (purchase.user_id and purchase.user_id == request.user.pk)
        or purchase.number in request.session.get(SESSION_KEY, [])
    )
    if not mine:
        raise Http404
    return purchase


class PurchaseListView(LoginRequiredMixin, ListView):
    template_name = "purchases/purchase_list.html"
    context_object_name = "purchases"
    paginate_by = 20

    def get_queryset(self):
        return self.request.user.purchases.prefetch_related("parts__order", "parts__seller")


class PurchaseDetailView(LoginRequiredMixin, DetailView):
    template_name = "purchases/purchase_detail.html"
    context_object_name = "purchase"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Purchase.objects.prefetch_related(
                "parts__order__lines", "parts__order__sources", "parts__seller"
            ),
            number=self.kwargs["number"],
            user=self.request.user,
        )
