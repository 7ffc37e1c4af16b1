"""Django admin: staff may mark a VietQR purchase's transfer received from the purchases' list too."""

from django.contrib import admin
from django.utils.translation import gettext as _

from marketplace.purchases.admin import PurchaseAdmin
from marketplace.purchases.models import Purchase

from . import transfers


class PurchasePaymentsAdmin(PurchaseAdmin):
    actions = ["transfer_received"]

    @admin.action(description=_("Bank transfer received: mark paid"))
    def transfer_received(self, request, queryset):
        paid = sum(
            transfers.transfer_received(purchase=p, reference=f"admin:{request.user.pk}")
            for p in queryset.filter(payment_method="vietqr")
        )
        self.message_user(request, _("%(count)d purchases marked paid.") % {"count": paid})


# Payments is installed after purchases, whose admin registered the plain purchase admin first.
admin.site.unregister(Purchase)
admin.site.register(Purchase, PurchasePaymentsAdmin)
