"""App config of the forked search app (its label stays Oscar's ``search``)."""

import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    name = "shop.search"
