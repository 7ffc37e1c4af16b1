"""App config of the forked catalogue."""

import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "oscar_apps.catalogue"
