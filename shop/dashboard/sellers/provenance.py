"""Dashboard pages of provenance.

Staff keep the registry: issue growing-area and packing codes, suspend, reinstate or revoke them
(with their history), and revoke OCOP recognitions. Sellers record their products' batches and
the steps of each, and attach registry codes to their products — never changing a code.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView
from oscar.core.loading import get_model

from marketplace import wards
from marketplace.querystring import ForgivingPageMixin, printable
from vendors.models import OcopRecognition
from vendors.provenance import services
from vendors.provenance.filters import CodeFilter
from vendors.provenance.models import RegisteredCode
from vendors.recognitions import recognition_revoke

Product = get_model("catalogue", "Product")


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Staff: the registry ---------------------------------------------------------------------


class CodeForm(forms.ModelForm):
    ward_code = forms.TypedChoiceField(label=_("Ward"), coerce=int)

    class Meta:
        model = RegisteredCode
        fields = [
            "code",
            "kind",
            "crop",
            "area_ha",
            "ward_code",
            "latitude",
            "longitude",
            "households",
            "issued_on",
        ]
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward_code"].choices = [("", "—"), *wards.ward_choices()]
        self.fields["issued_on"].initial = timezone.localdate()


class CodeListView(ForgivingPageMixin, ListView):
    template_name = "provenance/dashboard/code_list.html"
    context_object_name = "codes"
    paginate_by = 50

    def get_queryset(self):
        codes = RegisteredCode.objects.annotate(product_count=Count("products", distinct=True))
        self.filterset = CodeFilter(self.request.GET, queryset=codes.order_by("code"))
        self.filters = self.filterset.chosen()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        kind_label, status_label = dict(RegisteredCode.Kind.choices), dict(RegisteredCode.Status.choices)
        totals = [
            {
                **row,
                "kind": kind_label.get(row["kind"], row["kind"]),
                "status": status_label.get(row["status"], row["status"]),
            }
            for row in RegisteredCode.objects.values("kind", "status")
            .annotate(n=Count("pk"), ha=Sum("area_ha"))
            .order_by("kind", "status")
        ]
        ctx.update(
            filters=self.filters,
            kinds=RegisteredCode.Kind.choices,
            statuses=RegisteredCode.Status.choices,
            totals=totals,
            form=CodeForm(),
        )
        return ctx

    def post(self, request):
        """Issue a new code."""
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                code = services.code_issue(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("Code %(code)s is issued.") % {"code": code.code})
                if code.format_warning():
                    messages.warning(request, code.format_warning())
                return redirect("dashboard:registry-code", pk=code.pk)
        self.object_list = self.get_queryset()
        ctx = self.get_context_data()
        ctx["form"] = form
        return self.render_to_response(ctx, status=400)


class CodeDetailView(DetailView):
    template_name = "provenance/dashboard/code_detail.html"
    context_object_name = "code"
    model = RegisteredCode

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["history"] = self.object.history.select_related("by")
        ctx["products"] = services.products_relying_on(self.object)[:200]
        ctx["steps"] = [
            step
            for step, (allowed, _target, _reason) in services.CODE_STEPS.items()
            if self.object.status in allowed
        ]
        return ctx

    def post(self, request, pk):
        code = get_object_or_404(RegisteredCode, pk=pk)
        step = request.POST.get("step", "")
        if step not in services.CODE_STEPS:
            messages.error(request, _("Choose what to do with the code."))
        else:
            try:
                services.code_step(
                    code=code, step=step, reason=request.POST.get("reason", ""), by=request.user
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                code.refresh_from_db()
                messages.success(
                    request,
                    _("%(code)s is now %(status)s.")
                    % {"code": code.code, "status": code.get_status_display()},
                )
        return redirect("dashboard:registry-code", pk=pk)


class RecognitionListView(ForgivingPageMixin, ListView):
    template_name = "provenance/dashboard/recognition_list.html"
    context_object_name = "recognitions"
    paginate_by = 50

    def get_queryset(self):
        self.q = printable(self.request.GET.get("q"), limit=100)
        recognitions = OcopRecognition.objects.select_related("product", "producer").order_by(
            "-decision_date", "pk"
        )
        if self.q:
            recognitions = recognitions.filter(
                Q(product__title__icontains=self.q) | Q(decision_number__icontains=self.q)
            )
        return recognitions

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "q": self.q}


class RecognitionRevokeView(View):
    def post(self, request, pk):
        recognition = get_object_or_404(OcopRecognition, pk=pk)
        try:
            recognition_revoke(recognition=recognition, reason=request.POST.get("reason", ""))
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("The recognition of %(title)s is revoked.") % {"title": recognition.product.get_title()},
            )
        return redirect(
            f"{reverse('dashboard:registry-recognitions')}?{urlencode({'q': recognition.decision_number})}"
        )


# --- Sellers: batches and codes --------------------------------------------------------------
