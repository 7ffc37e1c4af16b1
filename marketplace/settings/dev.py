"""The embedded default: SQLite under var/, local media, console e-mail, demo accounts."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed key is acceptable only here: dev never runs in production (production.py has none).
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-ocop-marketplace")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
MARKETPLACE_DEMO_ACCOUNTS = True
