"""Reading pages as a shopper does: their words, without markup."""

import re


def text(response) -> str:
    """A response's visible words, markup dropped and white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
