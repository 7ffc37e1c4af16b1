"""The public page of the province's open figures (`/so-lieu/`): counts only, cached whole."""

from django.shortcuts import render

from . import charts, report


def public(request):
    scope = report.today_scope()
    figures = report.open_figures(scope)
    return render(
        request,
        "figures/public.html",
        {
            "figures": figures,
            "star_bars": charts.star_bars(figures["goods"]["by_stars"]),
            "definitions": report.DEFINITIONS,
        },
    )
