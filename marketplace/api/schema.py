"""The schema documents this API alone (Wagtail's admin has a DRF API of its own under /cms/)."""


def only_v1(endpoints, **kwargs):
    """drf-spectacular's preprocessing hook: the endpoints under /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
