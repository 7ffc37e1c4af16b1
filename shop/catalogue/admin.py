"""Oscar's catalogue admin, registered for the forked models."""

from oscar.apps.catalogue.admin import *  # noqa: F403
