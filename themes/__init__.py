"""The marketplace's theme: templates and static files extending Oscar's and Wagtail's."""
