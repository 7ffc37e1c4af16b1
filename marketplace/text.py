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


def slugify_vi(text: str) -> str:
    """An ASCII slug of Vietnamese text: "Chả mực Hạ Long" → "cha-muc-ha-long"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
