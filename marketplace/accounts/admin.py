"""Django admin's user pages, with forms that refuse an e-mail address another account uses, and
the two-factor devices' pages without their secrets."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp import admin as otp_totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import AdminUserChangeForm, AdminUserCreationForm

User = get_user_model()

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "usable_password", "password1", "password2"),
            },
        ),
    )


# django-otp's device admin, registered on import; replaced below so that no staff member reads
# another's secret (OTP_ADMIN_HIDE_SENSITIVE_DATA) and its extra pages answer 404 for a device that
# does not exist (its own views raise on a plain .get()).
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(otp_totp_admin.TOTPDeviceAdmin):
    """Staff see and remove others' two-factor devices, never their keys: a secret is shown once, to
    its owner, on the staff sign-in's enrolment page (accounts.two_factor)."""

    def has_add_permission(self, request):
        # A device made here would show its new key to whoever made it.
        return False

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)
