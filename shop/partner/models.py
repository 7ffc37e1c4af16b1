"""The partner app's models: Oscar's own, unchanged (the fork exists for its strategy)."""

from oscar.apps.partner.models import *  # noqa: F403
