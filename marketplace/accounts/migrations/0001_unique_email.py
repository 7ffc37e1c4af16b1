"""One account per e-mail address: a unique index on the user table's lower-cased, non-empty e-mail.

Accounts that already share an address are not merged or renamed here (which one is the real
owner is a person's call): the migration stops and lists them, to be given distinct addresses
(Django admin → Users) before migrating again.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower

INDEX_NAME = "accounts_user_email_ci_uniq"


def duplicate_emails(User):
    """Addresses (lower-cased) that several accounts share, each with those accounts' ids."""
    shared = (
        User._default_manager.exclude(email="")
        .annotate(folded=Lower("email"))
        .values("folded")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("folded", flat=True)
    )
    found = {}
    for pk, email in (
        User._default_manager.annotate(folded=Lower("email")).filter(folded__in=list(shared)).values_list("pk", "folded")
    ):
        found.setdefault(email, []).append(pk)
    return sorted((email, sorted(ids)) for email, ids in found.items())


def refuse_duplicates(apps, schema_editor):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    duplicates = duplicate_emails(User)
    if duplicates:
        listed = "; ".join(f"{email} (user ids {', '.join(map(str, ids))})" for email, ids in duplicates)
        raise RuntimeError(
            "Cannot make e-mail addresses unique: several accounts share an address, letter case "
            f"aside: {listed}. Give each account its own address (Django admin → Users), then "
            "run migrate again."
        )


def create_index(apps, schema_editor):
    table = schema_editor.quote_name(apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table)
    # An expression index with a condition: PostgreSQL and SQLite (3.9+) both take this statement.
    schema_editor.execute(f"CREATE UNIQUE INDEX {INDEX_NAME} ON {table} (LOWER(email)) WHERE email <> ''")


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
