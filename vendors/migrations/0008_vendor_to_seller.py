"""The seller keeps one name: the models and fields called "vendor" become "seller".

Renames only: the rows, their keys and the links to them stay where they are. The app label stays
`vendors`, so the migration history and the other apps' dependencies are unchanged.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import vendors.models


class Migration(migrations.Migration):
    dependencies = [
        ("vendors", "0007_shipping_and_ledger_to_purchases"),
        ("partner", "0007_partneraddress_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("Vendor", "Seller"),
        migrations.RenameModel("VendorDocument", "SellerDocument"),
        migrations.RenameModel("VendorTransition", "SellerTransition"),
        migrations.RenameField("sellerdocument", "vendor", "seller"),
        migrations.RenameField("sellertransition", "vendor", "seller"),
        migrations.RenameField("productimport", "vendor", "seller"),
        # what the names say: labels, related names, the folder of new uploads
        migrations.AlterModelOptions(
            name="seller",
            options={"ordering": ["shop_name"], "verbose_name": "Seller", "verbose_name_plural": "Sellers"},
        ),
        migrations.AlterField(
            model_name="productimport",
            name="seller",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="product_imports",
                to="vendors.seller",
                verbose_name="Seller",
            ),
        ),
        migrations.AlterField(
            model_name="seller",
            name="owner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sellers",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Owner",
            ),
        ),
        migrations.AlterField(
            model_name="seller",
            name="partner",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="seller",
                to="partner.partner",
                verbose_name="Partner",
            ),
        ),
        migrations.AlterField(
            model_name="seller",
            name="producer",
            field=models.OneToOneField(
                blank=True,
                help_text="The seller's own business as an OCOP producer, if it makes goods itself.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="seller",
                to="vendors.producer",
                verbose_name="Producer",
            ),
        ),
        migrations.AlterField(
            model_name="sellerdocument",
            name="file",
            field=models.FileField(
                storage=vendors.models.private_storage,
                upload_to="seller-documents/%Y/%m/",
                verbose_name="File",
            ),
        ),
        migrations.AlterField(
            model_name="sellerdocument",
            name="seller",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="documents",
                to="vendors.seller",
                verbose_name="Seller",
            ),
        ),
        migrations.AlterField(
            model_name="sellertransition",
            name="seller",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="transitions",
                to="vendors.seller",
                verbose_name="Seller",
            ),
        ),
    ]
