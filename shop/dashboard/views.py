"""The dashboard's home: for province staff, the province's figures (marketplace/figures) instead of
Oscar's shop statistics; for a seller, their shop's home (what is waiting, the shop's figures).
And the figures' exports."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from oscar.apps.dashboard import views

from marketplace import wards
from marketplace.figures import charts, exports, report, shop
from marketplace.figures.forms import PeriodForm, ScopeForm, ShopPeriodForm
from marketplace.text import slugify_vi
from vendors import selectors
from vendors.models import BusinessKind, OcopGroup, Seller
from vendors.provenance.models import RegisteredCode


def own_shop(user) -> Seller | None:
    """The activated shop the signed-in seller runs, if any (staff run none)."""
    return None if user.is_staff else selectors.active_seller_of(user)


def shop_home(request) -> dict:
    """What a seller's home shows: what is waiting, and the figures of the chosen period."""
    seller = own_shop(request.user)
    if seller is None:
        return {"seller": None}
    form = ShopPeriodForm(request.GET or None)
    figures = shop.figures(seller, shop.Period.last(form.chosen_days()))
    days = figures["days"]
    return {
        "seller": seller,
        "waiting": shop.waiting(seller),
        "period_form": form,
        "shop_figures": figures,
        "visitors_line": charts.line([d["visitors"] for d in days]),
        "orders_line": charts.line([d["orders"] for d in days]),
        "revenue_line": charts.line([max(d["revenue"], 0) for d in days]),
        # What the lines need to be read: their first and last day, and each one's highest value.
        "chart_axes": {
            "first": days[0]["day"] if days else None,
            "last": days[-1]["day"] if days else None,
            "visitors": max((d["visitors"] for d in days), default=0),
            "orders": max((d["orders"] for d in days), default=0),
            "revenue": max((max(d["revenue"], 0) for d in days), default=0),
        },
        # Beyond a week the table is by week: a 90-day period is 13 rows on a phone, not 90 cards.
        "weeks": shop.by_week(days) if len(days) > 7 else None,
        "top_bars": charts.bars([(p["title"], p["units"]) for p in figures["top_products"]]),
        "shop_definitions": shop.DEFINITIONS,
        "figures_days": form.chosen_days(),
    }


class IndexView(views.IndexView):
    def get_context_data(self, **kwargs):
        if not self.request.user.is_staff:
            # Oscar's statistics for a partner are the staff's page narrowed; a seller's home is
            # what needs doing and how the shop is doing (oscar/dashboard/index_nonstaff.html).
            ctx = TemplateView.get_context_data(self, **kwargs)
            ctx.update(shop_home(self.request))
            return ctx
        # Oscar's statistics (orders of the last day, open baskets, customers) count every row of
        # their tables on each visit; the figures below say the same and more, as of any day.
        ctx = TemplateView.get_context_data(self, **kwargs)
        form = ScopeForm(self.request.GET or None)
        scope = form.scope()
        figures = report.report(scope)
        period_form = PeriodForm(self.request.GET if "period-since" in self.request.GET else None)
        if chosen := period_form.chosen():
            since, until = chosen
            ctx["period"] = {
                **report.period(since, until, ward=scope.ward, group=scope.group),
                "since": since,
                "until": until,
            }
        ctx["period_form"] = period_form
        goods = figures["goods"]
        trend = figures["trends"]
        ctx.update(
            figures_form=form,
            figures=figures,
            star_bars=charts.star_bars(goods["by_stars"]),
            group_bars=charts.bars([(OcopGroup(g).label, n) for g, n in goods["by_group"].items()]),
            visits_line=charts.line([t["visits"] for t in trend]),
            gmv_line=charts.line([t["gmv"] for t in trend]),
            export_query=self.request.GET.urlencode(),
            definitions=report.DEFINITIONS,
            # The models' own words, as the exports print them: one label per status and kind.
            status_labels=dict(Seller.Status.choices),
            kind_labels=dict(BusinessKind.choices),
            code_statuses=RegisteredCode.Status.choices,
            code_kinds=RegisteredCode.Kind.choices,
        )
        return ctx


def _refused(form) -> HttpResponseBadRequest:
    """A 400 saying what was wrong with the chosen figures (the form's messages, in the reader's language)."""
    message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class FiguresExportView(View):
    """The report for the chosen day, ward and group as XLSX (a sheet per section), CSV or PDF."""

    formats = {
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.xlsx),
        "csv": ("text/csv; charset=utf-8", exports.csv_text),
        "pdf": ("application/pdf", exports.pdf),
    }

    def get(self, request, fmt: str):
        if fmt not in self.formats:
            return HttpResponseBadRequest(_("Choose XLSX, CSV or PDF."))
        form = ScopeForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return _refused(form)
        scope = form.scope()
        content_type, render = self.formats[fmt]
        response = HttpResponse(render(report.report(scope)), content_type=content_type)
        # A file name in Vietnamese without marks: so-lieu-ocop-2025-06-30-xa-ba-che-thao-duoc.pdf
        name = f"so-lieu-ocop-{scope.at.isoformat()}"
        if scope.ward:
            name += f"-{slugify_vi(wards.ward_name(scope.ward) or str(scope.ward))}"
        if scope.group:
            name += f"-{slugify_vi(str(OcopGroup(scope.group).label))}"
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


class ShopFiguresExportView(View):
    """The shop's figures of the chosen period as CSV or XLSX, for its own seller only."""

    formats = {
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.workbook),
        "csv": ("text/csv; charset=utf-8", exports.csv_of),
    }

    def get(self, request, fmt: str):
        seller = own_shop(request.user)
        if seller is None:
            raise Http404(_("These pages are for activated sellers."))
        if fmt not in self.formats:
            return HttpResponseBadRequest(_("Choose XLSX or CSV."))
        form = ShopPeriodForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return _refused(form)
        period = shop.Period.last(form.chosen_days())
        content_type, render = self.formats[fmt]
        body = render(exports.shop_sections(shop.figures(seller, period)))
        response = HttpResponse(body, content_type=content_type)
        name = f"so-lieu-{seller.slug}-{period.since.isoformat()}-{period.until.isoformat()}"
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
