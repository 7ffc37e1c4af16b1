"""Sign-in by e-mail address that never fails with an error when two accounts share an address."""

import logging

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
