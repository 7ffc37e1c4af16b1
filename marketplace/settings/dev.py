"""The embedded default: SQLite under var/, local media, console e-mail, demo accounts."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed key is acceptable only here: dev never runs in production (production.py has none).
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-ocop-marketplace")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
MARKETPLACE_DEMO_ACCOUNTS = True
# A made-up receiving account so the demo can show VietQR codes (not a real account).
MARKETPLACE_VIETQR_BANK_BIN = env("MARKETPLACE_VIETQR_BANK_BIN", default="970436")
MARKETPLACE_VIETQR_ACCOUNT = env("MARKETPLACE_VIETQR_ACCOUNT", default="0011000999888")
MARKETPLACE_VIETQR_ACCOUNT_NAME = env("MARKETPLACE_VIETQR_ACCOUNT_NAME", default="SAN OCOP QUANG NINH")
# The Viettel Pay sandbox wallet plays the gateway, with made-up merchant credentials.
MARKETPLACE_VIETTELPAY_SANDBOX = env.bool("MARKETPLACE_VIETTELPAY_SANDBOX", default=True)
MARKETPLACE_VIETTELPAY_MERCHANT_CODE = env("MARKETPLACE_VIETTELPAY_MERCHANT_CODE", default="OCOPQN")
MARKETPLACE_VIETTELPAY_ACCESS_CODE = env("MARKETPLACE_VIETTELPAY_ACCESS_CODE", default="sandbox-access")
MARKETPLACE_VIETTELPAY_HASH_KEY = env("MARKETPLACE_VIETTELPAY_HASH_KEY", default="sandbox-hash-key")
