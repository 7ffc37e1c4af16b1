"""Oscar's partner admin, registered for the forked app."""

from oscar.apps.partner.admin import *  # noqa: F403
