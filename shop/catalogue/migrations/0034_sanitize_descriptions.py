"""Descriptions and rich-text attributes saved before the sanitizer existed keep only allowed markup."""

from django.db import migrations

from marketplace.richtext import sanitize_rich_text


def sanitize_existing(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    AttributeValue = apps.get_model("catalogue", "ProductAttributeValue")
    for model, field, rows in (
        (Product, "description", Product.objects.exclude(description="")),
        (AttributeValue, "value_richtext", AttributeValue.objects.exclude(value_richtext__isnull=True)),
    ):
        changed = []
        for row in rows.only("pk", field).iterator(chunk_size=500):
            clean = sanitize_rich_text(getattr(row, field))
            if clean != getattr(row, field):
                setattr(row, field, clean)
                changed.append(row)
        model.objects.bulk_update(changed, [field], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_product_producer")]

    # Nothing to undo: the markup dropped was never meant to run.
    operations = [migrations.RunPython(sanitize_existing, migrations.RunPython.noop)]
