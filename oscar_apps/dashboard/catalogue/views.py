"""Product editing in the seller centre: a seller's new product names their business as producer."""

from oscar.apps.dashboard.catalogue import views

from sellers import producers


class ProductCreateUpdateView(views.ProductCreateUpdateView):
    def forms_valid(self, form, formsets):
        response = super().forms_valid(form, formsets)
        producers.product_producer_default(self.object)
        return response
