"""Reads about accounts: whether an e-mail address already belongs to someone."""

from django.contrib.auth import get_user_model
from django.db.models import Value
from django.db.models.functions import Lower


def email_in_use(email: str, *, exclude_user=None) -> bool:
    """Whether another account has this address, compared as the database's unique index does."""
    email = (email or "").strip()
    if not email:
        return False
    users = (
        get_user_model()
        ._default_manager.alias(email_folded=Lower("email"))
        .filter(email_folded=Lower(Value(email)))
    )
    if exclude_user is not None and exclude_user.pk is not None:
        users = users.exclude(pk=exclude_user.pk)
    return users.exists()
