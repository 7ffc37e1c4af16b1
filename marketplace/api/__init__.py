"""The REST API (v1) for the farmers' and shoppers' apps, on Django REST framework, its OpenAPI 3
schema from drf-spectacular. Views call the selectors and services the site uses; no rule is kept
here. This first part is public and read-only: products on sale, shops, categories."""
