"""The order app's models: Oscar's own, unchanged (the fork exists for its OrderCreator)."""

from oscar.apps.order.models import *  # noqa: F403
