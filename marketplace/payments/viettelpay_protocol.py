"""Viettel Pay's protocol, shared by the gateway class and the sandbox wallet that plays its other side.

Payment requests are signed with `check_sum = Base64(HMAC-SHA1(hash_key, access_code + billcode +
command + merchant_code + order_id + trans_amount + version))`; callbacks sign the same access code
and their fields in alphabetical order. Public descriptions disagree on the inquiry and refund
messages; this stand-in signs them over the access code and the message's other fields in
alphabetical order. Here: the signed fields of each message, their strict formats, and signing
and verifying with the merchant's keys.
"""

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings

VERSION = "2.0"
REDIRECT_SIGNED = ("billcode", "command", "merchant_code", "order_id", "trans_amount", "version")
CALLBACK_SIGNED = (
    "billcode",
    "cust_msisdn",
    "error_code",
    "merchant_code",
    "order_id",
    "payment_status",
    "trans_amount",
    "vt_transaction_id",
)
ANSWER_SIGNED = ("error_code", "merchant_code", "order_id")
_AMOUNT = re.compile(r"[0-9]{1,15}")
# The check_sum signs its fields run together without separators, so "…-TT001" + "150000" and
# "…-TT0011" + "50000" would sign alike. Each field is therefore held to a strict format before
# any check_sum is looked at, chosen so that no value can end where its neighbour's should
# begin: fixed-width codes, amounts without leading zeros, transaction ids that start with a
# letter, and an order id that must be the bill code's "-TT" and a three-digit attempt.
FIELD_FORMATS = {
    "version": re.compile(r"2\.0"),
    "command": re.compile(r"PAYMENT"),
    "cmd": re.compile(r"TRANS_INQUIRY|REFUND_PAYMENT"),
    "merchant_code": re.compile(r"[A-Z0-9_]{2,32}"),
    "billcode": re.compile(r"[0-9]{12,20}"),
    "order_id": re.compile(r"[0-9]{12,20}-TT[0-9]{3}"),
    "trans_amount": re.compile(r"[1-9][0-9]{0,14}"),
    "error_code": re.compile(r"[0-9]{2}"),
    "payment_status": re.compile(r"[0-9]"),
    "cust_msisdn": re.compile(r"(?:[0-9]{9,12})?"),
    "vt_transaction_id": re.compile(r"[A-Za-z][A-Za-z0-9]{0,39}"),
    "originalRequestId": re.compile(r"[A-Za-z][A-Za-z0-9]{0,39}"),
    "refund_id": re.compile(r"[A-Za-z][A-Za-z0-9]{0,39}"),
    # Free text after an amount: it must not start with a digit (see refund_content).
    "trans_content": re.compile(r"(?:[^0-9].{0,199})?", re.DOTALL),
}


def refund_content(reason: str) -> str:
    """The refund's note, which the check_sum runs straight after its amount: never digit-led."""
    text = reason.strip()
    return (f"Hoàn tiền: {text}" if text[:1].isdigit() else text)[:200]


def is_amount(value) -> bool:
    """Whole đồng as the protocol writes them: ASCII digits only (no sign, no separators)."""
    return value is not None and _AMOUNT.fullmatch(str(value)) is not None


def format_problem(params: dict, fields, merchant_code: str) -> str:
    """Why these signed fields are not in their strict formats ("" when they are), checked
    before the check_sum so that the check_sum is only ever computed over unambiguous fields."""
    for name in fields:
        value = params.get(name)
        if not isinstance(value, str):
            return f"missing {name}"
        pattern = FIELD_FORMATS.get(name)
        if pattern is not None and pattern.fullmatch(value) is None:
            return f"invalid {name}"
    if "merchant_code" in fields and params["merchant_code"] != merchant_code:
        return "unknown merchant_code"
    if (
        "billcode" in fields
        and "order_id" in fields
        and not params["order_id"].startswith(params["billcode"] + "-TT")
    ):
        return "order_id is not of billcode"
    return ""


@dataclass(frozen=True)
class Config:
    merchant_code: str
    access_code: str
    hash_key: str
    payment_url: str
    api_url: str

    @classmethod
    def from_settings(cls) -> "Config":
        return cls(
            merchant_code=settings.MARKETPLACE_VIETTELPAY_MERCHANT_CODE,
            access_code=settings.MARKETPLACE_VIETTELPAY_ACCESS_CODE,
            hash_key=settings.MARKETPLACE_VIETTELPAY_HASH_KEY,
            payment_url=settings.MARKETPLACE_VIETTELPAY_PAYMENT_URL,
            api_url=settings.MARKETPLACE_VIETTELPAY_API_URL,
        )

    def sign(self, params: dict, fields) -> str:
        message = self.access_code + "".join(str(params.get(name, "")) for name in fields)
        digest = hmac.new(self.hash_key.encode(), message.encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def verify(self, params: dict, fields) -> bool:
        given = params.get("check_sum")
        if not isinstance(given, str):
            return False
        # Compared as bytes: a non-ASCII check_sum is simply wrong, never an error.
        return hmac.compare_digest(self.sign(params, fields).encode(), given.encode("utf-8", "replace"))

    def signed(self, params: dict, fields) -> dict:
        return {**params, "check_sum": self.sign(params, fields)}


def api_fields(params: dict) -> list[str]:
    return sorted(name for name in params if name != "check_sum")


def single_values(querydict) -> dict:
    """One value per field, without NUL characters (no database column can hold them)."""
    return {key.replace("\x00", ""): (querydict.get(key) or "").replace("\x00", "") for key in querydict}
