"""Sign-in backends: by e-mail address without failing on a shared address, and the lockout check."""

import logging

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend

logger = logging.getLogger(__name__)


class EmailBackend(OscarEmailBackend):
    """Oscar's e-mail backend; an ambiguous address signs nobody in instead of raising.

    The unique index on the folded address (migration 0001) keeps new duplicates out; this covers
    rows older than the index or written around it.
    """

    def authenticate(self, request, *args, **kwargs):
        try:
            return super().authenticate(request, *args, **kwargs)
        except get_user_model().MultipleObjectsReturned:
            logger.warning("Sign-in refused: several accounts share the e-mail address given.")
            return None


class SignInLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for sign-ins that come with a request (every sign-in page does).

    Axes refuses authenticate() calls without one; those come from code — management commands,
    the test client's login() — never from a person at a sign-in page, so they pass through to the
    password backends unthrottled instead of failing.
    """

    def authenticate(self, request, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
