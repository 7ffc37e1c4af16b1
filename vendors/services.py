"""Writes about vendors and OCOP recognitions; views, commands and the admin call these."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import RECOGNITION_VALIDITY, OcopRecognition

# Score bands of the OCOP criteria: 3★ 50–69, 4★ 70–89, 5★ 90–100.
STAR_SCORE_BANDS = {3: range(50, 70), 4: range(70, 90), 5: range(90, 101)}


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
    if stars not in STAR_SCORE_BANDS:
        raise ValidationError(_("OCOP recognises only 3, 4 or 5 stars."))
    band = STAR_SCORE_BANDS[stars]
    if score not in band:
        raise ValidationError(
            _("A %(stars)s-star product scores %(low)s–%(high)s, not %(score)s.")
            % {"stars": stars, "low": band.start, "high": band.stop - 1, "score": score}
        )
    return OcopRecognition.objects.create(
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
