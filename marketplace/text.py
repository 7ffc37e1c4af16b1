"""Vietnamese text folding: what shoppers type without diacritics, and slugs for URLs."""

import re
import unicodedata

from django.db.models import CharField, Func

# NFD splits "ễ" into "e" and its marks, but đ/Đ are letters of their own: map them explicitly.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def _fold_marks(text: str) -> str:
    """The general rule: decompose, drop the combining marks, compose again, lower-case."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def fold(text: str) -> str:
    """Drop every Vietnamese diacritic, đ/Đ included, and lower-case: "Đông Triều" → "dong trieu".

    Vietnamese letters go through one translation table (fast: the search index folds every
    product's text); anything else still marked afterwards takes the general rule."""
    if text.isascii():
        return text.lower()
    quick = unicodedata.normalize("NFC", text).translate(_QUICK).lower()
    return quick if quick.isascii() else _fold_marks(text)


def slugify_vi(text: str, allow_unicode: bool = False) -> str:
    """An ASCII slug of Vietnamese text: "Chả mực Hạ Long" → "cha-muc-ha-long".

    Also Oscar's slug function (OSCAR_SLUG_FUNCTION), which passes `allow_unicode`; slugs stay
    ASCII either way, so links survive being typed or shared without diacritics.
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(str(text))).strip("-")


# --- The same folding inside the database -----------------------------------------------------

# Every Vietnamese letter with a mark, both cases, and what fold() makes of it: a TRANSLATE table.
_MARKED = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
FOLD_FROM = _MARKED + _MARKED.upper()
FOLD_TO = "".join(_fold_marks(ch) for ch in FOLD_FROM)
_QUICK = str.maketrans(FOLD_FROM, FOLD_TO)


class Folded(Func):
    """fold() applied by the database, to filter stored names by what staff type without marks.

    PostgreSQL translates the Vietnamese letters and lower-cases; SQLite calls fold() itself,
    registered on each of its connections by `sqlite_fold_register`.
    """

    function = "MARKETPLACE_FOLD"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"LOWER(TRANSLATE({sql}, %s, %s))", (*params, FOLD_FROM, FOLD_TO)


def sqlite_fold_register(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the MARKETPLACE_FOLD function `Folded` calls (a
    `connection_created` receiver: SQLite has no TRANSLATE, and Python's fold() is the rule)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "MARKETPLACE_FOLD", 1, lambda text: None if text is None else fold(text), deterministic=True
        )
