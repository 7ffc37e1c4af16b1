"""Checks of Vietnamese business identifiers."""

# Weights of the first nine digits of a tax code (mã số thuế), as the tax authority applies them.
TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_code_check_digit(first_nine: str) -> str | None:
    """The 10th digit a tax code must have after these nine, or None when no digit can be valid."""
    remainder = sum(int(d) * w for d, w in zip(first_nine, TAX_CODE_WEIGHTS, strict=True)) % 11
    check = 10 - remainder
    return None if check == 10 else str(check)
