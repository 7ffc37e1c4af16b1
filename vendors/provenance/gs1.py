"""GTINs and GS1 Digital Links: check digits (python-stdnum), GTIN-14 padding, the link's path."""

import re
from urllib.parse import quote

from stdnum import ean
from stdnum.exceptions import ValidationError as StdnumError

# AI (10) batch/lot: up to 20 characters; the marketplace keeps to those that need no escaping.
LOT_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,20}$")
GS1_VIETNAM_PREFIX = "893"


def gtin_error(value: str) -> str:
    """Why `value` is not a GTIN-8/12/13/14 ("" when it is one)."""
    digits = value.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        return "length"
    try:
        ean.validate(digits)
    except StdnumError:
        return "check_digit"
    return ""


def gtin14(value: str) -> str:
    return value.strip().zfill(14)


def gtin_variants(value14: str) -> list[str]:
    """The shorter forms a GTIN-14 with leading zeros may be stored as (GTIN-13, -12, -8)."""
    forms = [value14]
    for length in (13, 12, 8):
        head, tail = value14[: 14 - length], value14[14 - length :]
        if set(head) == {"0"}:
            forms.append(tail)
    return forms


def with_check_digit(body: str) -> str:
    return body + ean.calc_check_digit(body)


def digital_link_path(gtin: str, lot: str) -> str:
    return f"/01/{gtin14(gtin)}/10/{quote(lot, safe='')}"
