"""App config of the forked catalogue."""

import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self):
        super().ready()
        from . import receivers  # noqa: F401 -- a saved picture gets its copies made
