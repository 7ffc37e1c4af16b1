"""The register's list filters, read from the query string through django-filter: a kind or status
that is not a choice is ignored (the list shown whole), words match a code or a crop."""

import django_filters
from django.db.models import Q

from marketplace.querystring import ChosenFilterSet, printable

from .models import RegisteredCode


class CodeFilter(ChosenFilterSet):
    kind = django_filters.ChoiceFilter(choices=RegisteredCode.Kind.choices)
    status = django_filters.ChoiceFilter(choices=RegisteredCode.Status.choices)
    q = django_filters.CharFilter(method="matching")

    class Meta:
        model = RegisteredCode
        fields = ["kind", "status", "q"]

    def matching(self, codes, name, value):
        words = printable(value, limit=100)
        return codes.filter(Q(code__icontains=words) | Q(crop__icontains=words)) if words else codes
