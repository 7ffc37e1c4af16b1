# Shipping options and the ledger move from the vendors app to purchases, with their rows: the
# models are taken over in the migration state, then their tables renamed to this app's names.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('purchases', '0003_offer_funding'),
        ('vendors', '0006_product_import_started_at'),
        ('order', '0021_billingaddress_code_shippingaddress_code'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ShippingOption',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('flat', 'Delivery, flat fee'), ('free_over', 'Delivery, free above a subtotal'), ('pickup', 'Pickup at the shop')], max_length=20, verbose_name='Kind')),
                        ('name', models.CharField(max_length=128, verbose_name='Name')),
                        ('fee', models.PositiveBigIntegerField(default=0, verbose_name='Fee (₫)')),
                        ('free_over', models.PositiveBigIntegerField(blank=True, help_text="The shop's own goods subtotal.", null=True, verbose_name='Free above (₫)')),
                        ('is_active', models.BooleanField(default=True, verbose_name='Offered')),
                        ('display_order', models.PositiveSmallIntegerField(default=0, verbose_name='Order')),
                        ('vendor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='shipping_options', to='vendors.vendor', verbose_name='Vendor')),
                    ],
                    options={
                        'verbose_name': 'Shipping option',
                        'verbose_name_plural': 'Shipping options',
                        'ordering': ['vendor', 'display_order', 'pk'],
                        'db_table': 'vendors_shippingoption',
                    },
                ),
                migrations.CreateModel(
                    name='LedgerEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('sale', 'Sale'), ('commission', 'Marketplace commission'), ('shipping', 'Shipping income'), ('discount', 'Discount funded by the marketplace'), ('refund', 'Refund reversal'), ('payout', 'Payout')], max_length=20, verbose_name='Kind')),
                        ('amount', models.BigIntegerField(help_text='Positive: owed to the shop; negative: owed by it.', verbose_name='Amount (₫)')),
                        ('reference', models.CharField(blank=True, max_length=128, verbose_name='Reference')),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='Note')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='When')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='By')),
                        ('order', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='order.order', verbose_name='Order')),
                        ('vendor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ledger', to='vendors.vendor', verbose_name='Vendor')),
                    ],
                    options={
                        'verbose_name': 'Ledger entry',
                        'verbose_name_plural': 'Ledger entries',
                        'ordering': ['created_at', 'pk'],
                        'db_table': 'vendors_ledgerentry',
                    },
                ),
                migrations.AlterField(
                    model_name='purchaseorder',
                    name='shipping_option',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='purchases.shippingoption', verbose_name='Shipping'),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='shippingoption', table=None),
        migrations.AlterModelTable(name='ledgerentry', table=None),
    ]
