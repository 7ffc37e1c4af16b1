"""On PostgreSQL, a trigram index on the vocabulary, for correcting slips quickly."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS searchword_trgm ON productsearch_searchword USING gin (word gin_trgm_ops)"
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS searchword_trgm")


class Migration(migrations.Migration):
    dependencies = [("productsearch", "0003_search_words")]
    operations = [migrations.RunPython(forward, backward)]
