"""VietQR: the NAPAS EMVCo QR payload a banking app reads to transfer a set amount with a note.

Each field is ID (2 digits) + length (2 digits) + value; the payload ends with field 63, a
CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF) over everything before it, "6304" included.
"""

GUID = "A000000727"  # NAPAS
SERVICE_TO_ACCOUNT = "QRIBFTTA"  # transfer to a bank account
CURRENCY_VND = "704"


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def payload(*, bank_bin: str, account: str, amount: int, note: str) -> str:
    """The payload for a one-off transfer of `amount` đồng to `account` at the bank `bank_bin`."""
    if amount <= 0:
        raise ValueError("a VietQR transfer needs an amount above 0")
    beneficiary = _field("00", bank_bin) + _field("01", account)
    merchant = _field("00", GUID) + _field("01", beneficiary) + _field("02", SERVICE_TO_ACCOUNT)
    body = (
        _field("00", "01")
        + _field("01", "12")  # dynamic: this amount, this once
        + _field("38", merchant)
        + _field("53", CURRENCY_VND)
        + _field("54", str(int(amount)))
        + _field("58", "VN")
        + _field("62", _field("08", note[:50]))
        + "6304"
    )
    return body + f"{crc16_ccitt(body.encode('ascii')):04X}"


def parse(text: str) -> dict[str, str]:
    """Top-level fields of a payload (for checks): {"00": "01", "54": "1830000", …}."""
    fields, i = {}, 0
    while i < len(text):
        tag, length = text[i : i + 2], int(text[i + 2 : i + 4])
        fields[tag] = text[i + 4 : i + 4 + length]
        i += 4 + length
    return fields
