"""Numbers and words read from query strings: ASCII digits within bounds, printable text, or nothing;
and the lists' filter sets (django-filter) that read their choices from it."""

import unicodedata

import django_filters

# The largest key a 32-bit integer column holds: no id or code the marketplace stores is larger.
MAX_ID = 2**31 - 1


def bounded_int(value, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """`value` as an integer when it is plain ASCII digits between `low` and `high`, else None.

    str.isdigit() alone lets "²" and "١٢" through; int() of 25 digits overflows every database
    column. Both are refused here, before anything reaches a query.
    """
    text = "" if value is None else str(value)
    if not text or len(text) > len(str(high)) or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if low <= number <= high else None


def printable(value, *, limit: int) -> str:
    """`value` without control characters (NUL breaks PostgreSQL), trimmed and cut to `limit`."""
    text = "" if value is None else str(value)[: limit * 2]
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch for ch in text)
    return " ".join(kept.split())[:limit]


class ForgivingPageMixin:
    """For a ListView: a `?page=` that does not parse or lies past the end shows the first page,
    where Django's own pagination answers 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        number = bounded_int(self.request.GET.get(self.page_kwarg), high=max(paginator.num_pages, 1))
        page = paginator.page(number or 1)
        return (paginator, page, page.object_list, page.has_other_pages())


class ChosenFilterSet(django_filters.FilterSet):
    """A list's filters read from the query string (django-filter); `chosen()` gives the form what
    to show as chosen: the valid values as written, a value that is no choice dropped."""

    def chosen(self) -> dict[str, str]:
        self.form.is_valid()  # cleans the form: only the valid values are in cleaned_data
        return {name: str(self.form.cleaned_data.get(name) or "") for name in self.filters}
