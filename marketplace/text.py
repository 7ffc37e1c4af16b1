"""Vietnamese text folding: what shoppers type without diacritics, and slugs for URLs."""

import re
import unicodedata

# NFD splits "ễ" into "e" and its marks, but đ/Đ are letters of their own: map them explicitly.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Drop every Vietnamese diacritic, đ/Đ included, and lower-case: "Đông Triều" → "dong trieu"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def slugify_vi(text: str, allow_unicode: bool = False) -> str:
    """An ASCII slug of Vietnamese text: "Chả mực Hạ Long" → "cha-muc-ha-long".

    Also Oscar's slug function (OSCAR_SLUG_FUNCTION), which passes `allow_unicode`; slugs stay
    ASCII either way, so links survive being typed or shared without diacritics.
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(str(text))).strip("-")
