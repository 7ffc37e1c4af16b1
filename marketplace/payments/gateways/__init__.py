"""The payment gateways the settings enable: a gateway is one class and some configuration.

`MARKETPLACE_PAYMENT_GATEWAYS` maps a code to its class; `MARKETPLACE_PAYMENT_METHODS` (from the
environment) lists the codes offered at checkout, in order. A gateway whose configuration is
missing (Stripe without keys) is simply not offered.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Gateway, GatewayError, Start  # noqa: F401


@cache
def _load(path: str) -> Gateway:
    return import_string(path)()


def get(code: str) -> Gateway | None:
    """The gateway with this code, if the settings name one (enabled or not)."""
    path = settings.MARKETPLACE_PAYMENT_GATEWAYS.get(code)
    return _load(path) if path else None


def available() -> list[Gateway]:
    """The gateways offered at checkout now: enabled by the environment and configured."""
    found = []
    for code in settings.MARKETPLACE_PAYMENT_METHODS:
        gateway = get(code)
        if gateway is not None and gateway.is_configured():
            found.append(gateway)
    return found


def online_alternatives(method: str) -> list[Gateway]:
    """The online gateways a purchase placed with `method` may be paid through (again, after a
    decline): every offered one that redirects, and none unless `method` itself redirects."""
    current = get(method)
    if current is None or not current.redirects:
        return []
    return [g for g in available() if g.redirects]
