"""An order's, a delivery option's and a ledger entry's shop is named "seller", as everywhere else."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("purchases", "0004_shipping_and_ledger_from_vendors"),
        ("vendors", "0008_vendor_to_seller"),
    ]

    operations = [
        migrations.RenameField("purchaseorder", "vendor", "seller"),
        migrations.RenameField("shippingoption", "vendor", "seller"),
        migrations.RenameField("ledgerentry", "vendor", "seller"),
        # what the names say: labels, related names, the folder of new uploads
        migrations.AlterModelOptions(
            name="shippingoption",
            options={
                "ordering": ["seller", "display_order", "pk"],
                "verbose_name": "Shipping option",
                "verbose_name_plural": "Shipping options",
            },
        ),
        migrations.AlterField(
            model_name="ledgerentry",
            name="seller",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ledger",
                to="vendors.seller",
                verbose_name="Seller",
            ),
        ),
        migrations.AlterField(
            model_name="shippingoption",
            name="seller",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="shipping_options",
                to="vendors.seller",
                verbose_name="Seller",
            ),
        ),
    ]
