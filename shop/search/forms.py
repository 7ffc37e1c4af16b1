"""The search and browse parameters a shopper's query string carries, parsed and bounded."""

from django import forms

from marketplace.productsearch.query import CERTIFICATIONS, FACETS, MAX_RESULTS, PRICE_BANDS, SORTS
from marketplace.querystring import bounded_int, printable
from vendors.models import OcopGroup

# A shopper ticks a few boxes; a thousand repeated `shop=` would only make the query huge.
MAX_VALUES_PER_FACET = 20
MAX_QUERY_LENGTH = 200


def _number(low: int = 1, high: int | None = None):
    def parse(raw: str) -> str | None:
        number = bounded_int(raw, low=low, **({"high": high} if high else {}))
        return None if number is None else str(number)

    return parse


def _one_of(allowed):
    allowed = frozenset(allowed)
    return lambda raw: raw if raw in allowed else None


class FacetValuesField(forms.Field):
    """A repeated parameter (`shop=1&shop=2`): its valid values in order, once each, at most a
    few; a value that does not parse is dropped, never an error."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, parse, **kwargs):
        self.parse = parse
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> list[str]:
        values: list[str] = []
        for raw in (value or [])[: MAX_VALUES_PER_FACET * 5]:
            clean = self.parse(str(raw))
            if clean is not None and clean not in values:
                values.append(clean)
            if len(values) == MAX_VALUES_PER_FACET:
                break
        return values


class SearchParametersForm(forms.Form):
    """Every field falls back to its default when it does not parse: a bad parameter is ignored."""

    # Plain fields: CharField would refuse a NUL byte with an error; here it is cleaned away.
    q = forms.Field(required=False)
    sort_by = forms.Field(required=False)
    page = forms.Field(required=False)
    group = FacetValuesField(parse=_one_of(OcopGroup.values))
    stars = FacetValuesField(parse=_number(1, 5))
    cert = FacetValuesField(parse=_one_of(CERTIFICATIONS))
    shop = FacetValuesField(parse=_number())
    ward = FacetValuesField(parse=_number())
    price = FacetValuesField(parse=_one_of(key for key, _low, _high in PRICE_BANDS))
    in_stock = FacetValuesField(parse=_one_of(["1"]))

    def __init__(self, *args, per_page: int, **kwargs):
        self.per_page = per_page
        super().__init__(*args, **kwargs)

    def clean_q(self) -> str:
        return printable(self.cleaned_data["q"], limit=MAX_QUERY_LENGTH)

    def clean_sort_by(self) -> str:
        sort = self.cleaned_data["sort_by"]
        if sort in SORTS:
            return sort
        return "relevance" if self.cleaned_data.get("q") and not sort else "newest"

    def clean_page(self) -> int:
        # No backend pages deeper than MAX_RESULTS (Elasticsearch's window): a page past it is
        # the window's last, which the view then reports as out of range like any page too far.
        number = bounded_int(self.cleaned_data["page"]) or 1
        return min(number, max(1, MAX_RESULTS // self.per_page))

    def filters(self) -> dict[str, list[str]]:
        return {name: self.cleaned_data[name] for name in FACETS if self.cleaned_data.get(name)}
