"""The shop lists' filters, read from the query string through django-filter: each value is checked
against its choices by the form the filter set builds; a value that is not a choice (a typo, an old
link, a hostile address) is ignored and the list shown whole, never an error."""

import django_filters

from marketplace import wards
from marketplace.querystring import ChosenFilterSet, printable

from . import selectors
from .models import BusinessKind, Seller


class ShopFilter(ChosenFilterSet):
    """The public list of shops: by kind of business and by ward."""

    kind = django_filters.ChoiceFilter(choices=BusinessKind.choices)
    ward = django_filters.TypedChoiceFilter(field_name="ward_code", choices=wards.ward_choices, coerce=int)

    class Meta:
        model = Seller
        fields = ["kind", "ward"]


class SellerQueueFilter(ChosenFilterSet):
    """Staff's list of sellers: by status (applications waiting, unless another is asked for; an
    empty choice lists every status), kind, ward, and words of a name, tax code, phone or e-mail."""

    status = django_filters.ChoiceFilter(choices=Seller.Status.choices)
    kind = django_filters.ChoiceFilter(choices=BusinessKind.choices)
    ward = django_filters.TypedChoiceFilter(field_name="ward_code", choices=wards.ward_choices, coerce=int)
    q = django_filters.CharFilter(method="matching")

    class Meta:
        model = Seller
        fields = ["status", "kind", "ward", "q"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = Seller.Status.APPLIED
        super().__init__(data, *args, **kwargs)

    def matching(self, sellers, name, value):
        return selectors.sellers_matching(sellers, printable(value, limit=100))
