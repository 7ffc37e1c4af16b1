"""JSON from outside the marketplace (gateway callbacks and answers), bounded before it is parsed.

Python's json module recurses once per nested array or object: 100,000 `[` are a RecursionError
(a 500) however well signed. The size and the nesting are checked on the bytes first, in one
pass that never recurses; only then is the text parsed.
"""

import json

# A Stripe event or a gateway's answer is a few kilobytes, nested a few levels.
MAX_BYTES = 256 * 1024
MAX_DEPTH = 32
_OPEN, _CLOSE, _QUOTE, _BACKSLASH = frozenset(b"[{"), frozenset(b"]}"), ord('"'), ord("\\")


class MalformedJSON(ValueError):
    """Too large, too deep, not UTF-8 or not JSON: a caller answers 400 and changes nothing."""


def nesting_depth(raw: bytes) -> int:
    """How deep arrays and objects nest in `raw`, brackets inside strings not counted."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _BACKSLASH:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif byte in _CLOSE:
            depth -= 1
    return deepest


def loads(raw: bytes | str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH):
    """The parsed JSON, or MalformedJSON; never RecursionError, never a huge allocation."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > max_bytes:
        raise MalformedJSON(f"larger than {max_bytes} bytes")
    if nesting_depth(raw) > max_depth:
        raise MalformedJSON(f"nested deeper than {max_depth}")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError
        raise MalformedJSON(str(error)[:200]) from error
