"""The shopper's purchases in their account: each purchase with its shops' orders and statuses."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Purchase


class PurchaseListView(LoginRequiredMixin, ListView):
    template_name = "purchases/purchase_list.html"
    context_object_name = "purchases"
    paginate_by = 20

    def get_queryset(self):
        return self.request.user.purchases.prefetch_related("parts__order", "parts__vendor")


class PurchaseDetailView(LoginRequiredMixin, DetailView):
    template_name = "purchases/purchase_detail.html"
    context_object_name = "purchase"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Purchase.objects.prefetch_related("parts__order__lines", "parts__vendor"),
            number=self.kwargs["number"],
            user=self.request.user,
        )
