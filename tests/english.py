"""Finding English left on a page that should read in Vietnamese.

Two nets. The first knows every English message the installed apps and the project can show (the
msgids of their Vietnamese catalogues, translated or not): a piece of the page's text that is one of
them, with its placeholders filled in or not, is a message no Vietnamese reached. The second catches
English that no catalogue knows (a word typed into a template or a Python string without gettext):
a piece of text without a single Vietnamese letter that uses English's little words.
"""

import functools
import re
from pathlib import Path

import django
import oscar
import wagtail
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Comment
from django.conf import settings

# Words Vietnamese writes as English does: names, abbreviations and loan words a seller reads daily.
SAME_IN_VIETNAMESE = {
    "OCOP",
    "VietGAP",
    "GTIN",
    "SKU",
    "UPC",
    "URL",
    "Email",
    "E-mail",
    "ID",
    "OK",
    "CSV",
    "XLSX",
    "PDF",
    "QR",
    "Logo",
    "Website",
    "Banner",
    "Zalo",
    "COD",
    "VNPay",
    "MoMo",
    "ZaloPay",
    "ViettelPay",
    "Online",
    "Voucher",
    "Vouchers",
    "HTML",
    "SMS",
    "VND",
    "Tag",
    "Slug",
    "GS1",
    "Excel",
    "Wagtail",
    "Oscar",
}
# English that Wagtail 8 writes without gettext, so no catalogue can reach it (checked in its
# templates): a screen reader's label, a hidden button and a hidden counter, a listing's count.
WAGTAIL_UPSTREAM = {
    "Actions",  # wagtailadmin/shared/headers/_actions.html: aria-label="Actions"
    "Search",  # wagtailadmin/shared/header.html and home.html: a visually hidden submit button
    "None",  # the side panel's hidden comment counter prints the Python None
    "1-1 of 1 page",  # the page listing's title column header, built without gettext
}
LITTLE_WORDS = {
    "the",
    "of",
    "and",
    "for",
    "with",
    "your",
    "this",
    "that",
    "not",
    "are",
    "is",
    "has",
    "have",
    "been",
    "was",
    "will",
    "all",
    "by",
    "from",
    "or",
    "you",
    "an",
    "no",
    "to",
    "in",
    "on",
    "at",
    "be",
    "yet",
}
VIETNAMESE_LETTERS = re.compile(r"[à-ỹÀ-ỸđĐăĂâÂêÊôÔơƠưƯ]")
LETTERS = re.compile(r"[A-Za-z]")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-bs-original-title")


def _catalogues():
    roots = [Path(django.__file__).parent, Path(oscar.__file__).parent, Path(wagtail.__file__).parent]
    for root in roots:
        yield from root.glob("**/locale/vi/LC_MESSAGES/django.po")
    # Wagtail's Vietnamese catalogues hold only what was translated; its English ones hold every
    # message its admin can show (djangojs too: the sidebar and the editor are drawn by scripts).
    yield from Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django*.po")
    for path in settings.LOCALE_PATHS:
        yield from Path(path).glob("vi/LC_MESSAGES/django.po")


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip(":*…").strip()


@functools.cache
def english_messages():
    """(exact msgids, {first word: [patterns of msgids with placeholders]}) of every catalogue."""
    exact, patterns = set(), {}
    for path in _catalogues():
        with open(path, "rb") as po:
            catalogue = read_po(po)
        for message in catalogue:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            for msgid in ids:
                msgid = _tidy(msgid or "")
                if not LETTERS.search(msgid) or msgid in SAME_IN_VIETNAMESE:
                    continue
                if not PLACEHOLDER.search(msgid):
                    exact.add(msgid)
                    continue
                literal = [w for w in PLACEHOLDER.split(msgid) if w.strip()]
                words = " ".join(literal).split()
                if len(words) < 2:
                    continue  # "%(count)s items": too little English to tell it from data
                pattern = re.compile(
                    "".join(".+?" if PLACEHOLDER.fullmatch(p) else re.escape(p) for p in _pieces(msgid))
                )
                patterns.setdefault(words[0].lower(), []).append(pattern)
    return exact, patterns


def _pieces(msgid):
    last = 0
    for match in PLACEHOLDER.finditer(msgid):
        yield msgid[last : match.start()]
        yield match.group()
        last = match.end()
    yield msgid[last:]


def _texts(html: str):
    soup = BeautifulSoup(html, "html.parser")
    # Scripts are not read; <code> holds names a person types as they are (a file's column headers).
    for tag in soup(["script", "style", "noscript", "code", "kbd", "samp"]):
        tag.decompose()
    for string in soup.find_all(string=True):
        if not isinstance(string, Comment):
            yield str(string)
    for tag in soup.find_all(True):
        for attribute in ATTRIBUTES:
            if tag.get(attribute):
                yield tag[attribute]
        if tag.name == "input" and tag.get("type") in ("submit", "button", "reset") and tag.get("value"):
            yield tag["value"]


def english_on(html: str) -> list[str]:
    """The pieces of the page's text that are still English."""
    exact, patterns = english_messages()
    found = []
    for raw in _texts(html):
        text = _tidy(raw)
        if not LETTERS.search(text) or text in SAME_IN_VIETNAMESE or VIETNAMESE_LETTERS.search(text):
            continue
        first = text.split()[0].lower()
        words = {w.lower() for w in re.findall(r"[A-Za-z']+", text)}
        if (
            text in exact
            or any(p.fullmatch(text) for p in patterns.get(first, ()))
            or (len(words) > 1 and words & LITTLE_WORDS)
        ):
            found.append(text)
    return found
