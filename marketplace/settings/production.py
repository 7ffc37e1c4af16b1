"""Production: every secret from the environment, no defaults; refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    MARKETPLACE_VIETTELPAY_ACCESS_CODE,
    MARKETPLACE_VIETTELPAY_HASH_KEY,
    MARKETPLACE_VIETTELPAY_MERCHANT_CODE,
    MARKETPLACE_VIETTELPAY_PAYMENT_URL,
    MARKETPLACE_VIETTELPAY_SANDBOX,
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
    env,
)

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")
if not env("DATABASE_URL", default=""):
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")

MARKETPLACE_DEMO_ACCOUNTS = False

# A gateway is offered only when configured; half a configuration is a mistake, not a choice.
_viettelpay = [
    MARKETPLACE_VIETTELPAY_MERCHANT_CODE,
    MARKETPLACE_VIETTELPAY_ACCESS_CODE,
    MARKETPLACE_VIETTELPAY_HASH_KEY,
]
if any(_viettelpay) and not all(_viettelpay):
    raise ImproperlyConfigured(
        "Set all of MARKETPLACE_VIETTELPAY_MERCHANT_CODE, _ACCESS_CODE and _HASH_KEY, or none."
    )
if any(_viettelpay) and not (MARKETPLACE_VIETTELPAY_PAYMENT_URL or MARKETPLACE_VIETTELPAY_SANDBOX):
    raise ImproperlyConfigured("MARKETPLACE_VIETTELPAY_PAYMENT_URL must be set in production.")
if bool(STRIPE_SECRET_KEY) != bool(STRIPE_WEBHOOK_SECRET):
    raise ImproperlyConfigured("Set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither.")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
