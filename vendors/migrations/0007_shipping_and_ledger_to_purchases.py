# Shipping options and the ledger now belong to purchases (its migration 0004 took their rows).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('vendors', '0006_product_import_started_at'),
        ('purchases', '0004_shipping_and_ledger_from_vendors'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='ShippingOption'),
                migrations.DeleteModel(name='LedgerEntry'),
            ],
            database_operations=[],
        ),
    ]
