"""Staff two-factor sign-in (TOTP, django-otp): enrolment, checking a code, and the gate in front of
the staff areas for a staff account that has turned it on."""

from urllib.parse import quote

import segno
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

# Where a signed-in staff account with two-factor sign-in on must have given its code first.
STAFF_AREAS = ("/dashboard/", "/cms/", "/django-admin/")
# Pages of those areas that signing in and out go through.
OPEN_PAGES = (
    "/cms/login/",
    "/cms/logout/",
    "/cms/password_reset/",
    "/django-admin/login/",
    "/django-admin/logout/",
)


def can_enrol(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def has_two_factor(user) -> bool:
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user) -> TOTPDevice:
    """The device being enrolled: one unconfirmed TOTP secret per account until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def enrolment_qr_svg(device: TOTPDevice) -> str:
    # segno draws only the otpauth:// link we made: no typed text reaches the markup unescaped.
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, border=2))


def confirm_enrolment(request, *, device: TOTPDevice, token: str) -> bool:
    """Turn two-factor sign-in on with the first right code; this session counts as verified."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Older secrets the person scanned but never confirmed would otherwise linger.
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    return True


def verify_sign_in(request, token: str) -> bool:
    """Check a code against the account's devices; a right one verifies this session."""
    for device in devices_for_user(request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


def sign_in_paused(user) -> bool:
    """Whether django-otp is making the account wait after wrong codes (its growing delay)."""
    return any(not device.verify_is_allowed()[0] for device in devices_for_user(user, confirmed=True))


class StaffTwoFactorMiddleware:
    """Sends a staff account with two-factor sign-in on to the code page before any staff area."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_code(request):
            return redirect(f"{reverse('two-factor:verify')}?next={quote(request.get_full_path())}")
        return self.get_response(request)

    @staticmethod
    def _needs_code(request) -> bool:
        path = request.path
        if not path.startswith(STAFF_AREAS) or path.startswith(OPEN_PAGES):
            return False
        user = request.user
        # Only staff enrol, so other accounts (sellers in their dashboard) cost no query here.
        if not can_enrol(user) or user.is_verified():
            return False
        return has_two_factor(user)
