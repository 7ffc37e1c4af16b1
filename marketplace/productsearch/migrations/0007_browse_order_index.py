"""An index in browsing's order (most stars, newest first), so a page of it is read off the index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("productsearch", "0006_document_validity_dates")]

    operations = [
        migrations.AddIndex(
            model_name="productdocument",
            index=models.Index(fields=["-stars", "-date_created", "id"], name="productdoc_browse_order"),
        ),
    ]
