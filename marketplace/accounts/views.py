"""Staff two-factor sign-in pages: enrolment by QR code, and the code asked after the password."""

from base64 import b32encode

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from . import two_factor


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=_("Six-digit code from your authenticator app"),
        error_messages={"invalid": _("Enter the six digits your authenticator app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


WRONG_CODE = _("That code is not right, or has expired. Enter the code your app shows now.")
PAUSED = _("Too many wrong codes: wait a minute, then enter the code your app shows now.")


class TwoFactorSetupView(LoginRequiredMixin, FormView):
    """`/accounts/two-factor/`: a staff account scans a QR code and confirms it with one code."""

    template_name = "accounts/two_factor_setup.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.can_enrol(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["enabled"] = two_factor.has_two_factor(self.request.user)
        if not ctx["enabled"]:
            device = two_factor.enrolment_device(self.request.user)
            ctx["qr_svg"] = two_factor.enrolment_qr_svg(device)
            ctx["secret"] = _base32(device.bin_key)
        return ctx

    def post(self, request, *args, **kwargs):
        if two_factor.has_two_factor(request.user):
            return redirect("two-factor:setup")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        device = two_factor.enrolment_device(self.request.user)
        if not two_factor.confirm_enrolment(self.request, device=device, token=form.cleaned_data["code"]):
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        messages.success(self.request, _("Two-factor sign-in is on. Each sign-in will ask for a code."))
        return redirect("dashboard:index")


class TwoFactorVerifyView(LoginRequiredMixin, FormView):
    """`/accounts/two-factor/verify/`: the code asked after the password, before the staff areas."""

    template_name = "accounts/two_factor_verify.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.has_two_factor(request.user):
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        safe = url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return target if safe and target.startswith("/") else "/dashboard/"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["next"] = self.next_url()
        return ctx

    def form_valid(self, form):
        if two_factor.sign_in_paused(self.request.user):
            form.add_error("code", PAUSED)
            return self.form_invalid(form)
        if not two_factor.verify_sign_in(self.request, form.cleaned_data["code"]):
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        return redirect(self.next_url())


def _base32(key: bytes) -> str:
    """The secret as authenticator apps take it when typed in, in groups of four."""
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def after_sign_in(request):
    """Where a person lands after signing in (LOGIN_REDIRECT_URL): a seller in their seller centre,
    everyone else on the home page. Staff go to the dashboard already (Oscar's sign-in view)."""
    if request.user.is_authenticated and request.user.has_perm("partner.dashboard_access"):
        return redirect("dashboard:index")
    return redirect("home")
