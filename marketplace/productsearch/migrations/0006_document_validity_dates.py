"""Documents keep the last days of their stars and VietGAP, for searches to read against today."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    # Documents written before this knew only the stars and proofs in force then; give them the
    # dates those end, so they keep counting until then (a rebuild would write the same).
    ProductDocument = apps.get_model("productsearch", "ProductDocument")
    OcopRecognition = apps.get_model("vendors", "OcopRecognition")
    VietGapCertificate = apps.get_model("provenance", "VietGapCertificate")
    recognition = OcopRecognition.objects.filter(
        product_id=OuterRef("product_id"), stars=OuterRef("stars"), revoked_at__isnull=True
    ).order_by("-valid_until")
    ProductDocument.objects.filter(stars__isnull=False).update(
        stars_until=Subquery(recognition.values("valid_until")[:1])
    )
    certificate = VietGapCertificate.objects.filter(producer__products__pk=OuterRef("product_id")).order_by(
        "-expires_on"
    )
    ProductDocument.objects.filter(certified__contains=" vietgap ").update(
        vietgap_until=Subquery(certificate.values("expires_on")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("productsearch", "0005_certified"),
        ("vendors", "0005_offer_funding"),
        ("provenance", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="productdocument",
            name="stars_until",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="productdocument",
            name="vietgap_until",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
