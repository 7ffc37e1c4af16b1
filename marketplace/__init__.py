"""The OCOP marketplace project: settings, root URLs and the marketplace-wide apps."""

from .celery import app as celery_app

__all__ = ["celery_app"]
