"""The public page of the province's open figures (`/so-lieu/`): counts only, cached whole."""

from django.shortcuts import render

from . import charts, report


def public(request):
    scope = report.today_scope()
    figures = report.open_figures(scope)
    stars = figures["goods"]["by_stars"]
    return render(
        request,
        "figures/public.html",
        {
            "figures": figures,
            "star_bars": charts.bars([(f"{s}★", stars[str(s)]) for s in reversed(report.STARS)]),
            "definitions": report.DEFINITIONS,
        },
    )
