"""App config of the forked search app (its label stays Oscar's ``search``)."""

import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    name = "shop.search"

    def get_urls(self):
        from django.urls import path

        from . import views

        urls = [
            path("", views.FacetedSearchView.as_view(), name="search"),
            path("suggest/", views.suggest, name="suggest"),
        ]
        return self.post_process_urls(urls)
