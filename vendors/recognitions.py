"""OCOP recognitions: recording a product's recognition and revoking one.

The catalogue's badge and star filter read the recognitions (`selectors`); these are the writes.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import RECOGNITION_VALIDITY, OcopRecognition

# Score bands of the OCOP criteria: 3★ 50–69, 4★ 70–89, 5★ 90–100.


def recognition_record(
    *,
    product,
    producer,
    stars: int,
    score: int,
    group: str,
    decision_number: str,
    decision_date: datetime.date,
) -> OcopRecognition:
    """Record a product's OCOP recognition, valid 36 months from its decision date."""
    recognition = OcopRecognition(
        product=product,
        producer=producer,
        stars=stars,
        score=score,
        group=group,
        decision_number=decision_number,
        decision_date=decision_date,
        valid_until=decision_date + RECOGNITION_VALIDITY,
        issuing_level=(
            OcopRecognition.IssuingLevel.CENTRAL if stars == 5 else OcopRecognition.IssuingLevel.PROVINCE
        ),
    )
    recognition.full_clean(exclude=["product", "producer"])
    recognition.save()
    return recognition


@transaction.atomic
def recognition_revoke(*, recognition: OcopRecognition, reason: str, on: datetime.date | None = None):
    """The issuing authority withdrew the recognition: the badge and the star filter go at once."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for the revocation."), code="reason_required")
    locked = OcopRecognition.objects.select_for_update().get(pk=recognition.pk)
    if locked.revoked_at:
        raise ValidationError(_("This recognition is already revoked."), code="already_revoked")
    locked.revoked_at = on or timezone.localdate()
    locked.revocation_reason = reason.strip()
    locked.full_clean(exclude=["product", "producer"])
    locked.save(update_fields=["revoked_at", "revocation_reason"])
    return locked
