"""Cells the marketplace writes into CSV and XLSX files, safe to open in a spreadsheet program."""

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that starts like a formula gets a leading single quote, so `=HYPERLINK(…)` from a
    buyer's name or a payout reference shows as text; numbers stay numbers (-50000 is still a
    number a column can sum)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
