"""Brute force and abuse: who a sign-in attempt is counted against (django-axes), the answer once
locked out, and the throttled POSTs (password reset, the seller application) on django-ratelimit."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

TOO_MANY_SIGN_INS = _(
    "Too many failed sign-in attempts. For safety, signing in to this account or from this network "
    "is paused for %(minutes)s minutes. Try again later, or reset your password."
)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the one the trusted proxies in front of us saw.

    Behind N proxies (MARKETPLACE_TRUSTED_PROXY_COUNT), the N-th address from the right of
    X-Forwarded-For is the last one a proxy of ours wrote; anything left of it the client typed.
    """
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    proxies = settings.MARKETPLACE_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def client_ip_for_axes(request) -> str:
    return client_ip(request)


def client_ip_for_ratelimit(request) -> str:
    return client_ip(request)


def sign_in_account(request, credentials) -> str:
    """One counter per account, whether its e-mail address (any letter case) or user name is typed."""
    typed = ((credentials or {}).get("username") or request.POST.get("username") or "").strip()
    if not typed:
        return ""
    user = (
        get_user_model()
        ._default_manager.filter(Q(email__iexact=typed) | Q(username=typed))
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return f"user:{user}" if user else typed.lower()


def locked_out(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/throttled.html",
        {"message": TOO_MANY_SIGN_INS % {"minutes": minutes}},
        status=429,
    )


@dataclass(frozen=True)
class Throttle:
    """A POST limit on one view: `rates` maps a django-ratelimit key to the setting holding its rate."""

    message: str
    rates: dict


def _posted_email(group, request) -> str:
    return (request.POST.get("email") or "").strip().lower()


PASSWORD_RESET = Throttle(
    message=_("Too many password reset requests. Please wait an hour before asking again."),
    rates={
        "marketplace.accounts.throttling._posted_email": "MARKETPLACE_PASSWORD_RESET_RATE_PER_ACCOUNT",
        "ip": "MARKETPLACE_PASSWORD_RESET_RATE_PER_IP",
    },
)
SELLER_APPLICATION = Throttle(
    message=_(
        "You have sent the seller application too many times in a short while. "
        "Please wait an hour, then try again."
    ),
    rates={"user_or_ip": "MARKETPLACE_SELL_RATE_PER_USER", "ip": "MARKETPLACE_SELL_RATE_PER_IP"},
)
# Views by URL name: Oscar's and Wagtail's password reset, and the seller application at /sell/.
THROTTLED_VIEWS = {
    "password-reset": PASSWORD_RESET,
    "wagtailadmin_password_reset": PASSWORD_RESET,
    "sell:apply": SELLER_APPLICATION,
}


def throttled(request, throttle: Throttle) -> bool:
    # Every key is counted, so a blocked request still uses up each of its counters.
    hits = [
        is_ratelimited(
            request,
            group=f"throttle:{key}:{setting}",
            key=key,
            rate=getattr(settings, setting),
            method="POST",
            increment=True,
        )
        for key, setting in throttle.rates.items()
    ]
    return any(hits)


class ThrottleMiddleware:
    """Answers 429 with a Vietnamese message to POSTs beyond the rates of THROTTLED_VIEWS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        throttle = THROTTLED_VIEWS.get(request.resolver_match.view_name)
        if throttle is None or not throttled(request, throttle):
            return None
        return render(request, "accounts/throttled.html", {"message": throttle.message}, status=429)
