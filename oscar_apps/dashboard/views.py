"""The dashboard's home: for province staff, the province's figures (marketplace/figures) instead of
Oscar's shop statistics; for a seller, Oscar's page as it was. And the figures' exports."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from oscar.apps.dashboard import views

from marketplace.figures import charts, exports, report
from marketplace.figures.forms import ScopeForm
from sellers.models import OcopGroup


class IndexView(views.IndexView):
    def get_context_data(self, **kwargs):
        if not self.request.user.is_staff:
            return super().get_context_data(**kwargs)
        # Oscar's statistics (orders of the last day, open baskets, customers) count every row of
        # their tables on each visit; the figures below say the same and more, as of any day.
        ctx = TemplateView.get_context_data(self, **kwargs)
        form = ScopeForm(self.request.GET or None)
        scope = form.scope()
        figures = report.report(scope)
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
        )
        return ctx


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
            message = " ".join(str(e) for errors in form.errors.values() for e in errors)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        scope = form.scope()
        content_type, render = self.formats[fmt]
        response = HttpResponse(render(report.report(scope)), content_type=content_type)
        name = f"so-lieu-ocop-{scope.at.isoformat()}"
        if scope.ward:
            name += f"-{scope.ward}"
        if scope.group:
            name += f"-{scope.group}"
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
