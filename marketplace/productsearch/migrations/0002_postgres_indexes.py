"""PostgreSQL's search indexes: the trigram extension, a GIN index on the weighted tsvector and a
trigram GIN index on the folded title (for typos). Other databases need and get none of them."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS productdoc_vector_gin ON productsearch_productdocument USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS productdoc_title_trgm ON productsearch_productdocument "
    "USING gin (title_folded gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS productdoc_title_trgm", "DROP INDEX IF EXISTS productdoc_vector_gin"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("productsearch", "0001_initial")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
