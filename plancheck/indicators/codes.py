"""BVPI codes as written in plans (``BV 82a(i)``, ``BVPI 99 a``, ``BV053``), normalised to ``BV82a(i)``.

Local indicators (``LPI 12``, ``LoPI3``) are recognised so that they are not
mistaken for BVPIs; they count only where the authority reports local
indicators instead (parish councils).
"""

from __future__ import annotations

import re

_ROMAN = r"(?:viii|vii|vi|iv|ix|v|iii|ii|i|x)"
# Letter and roman numeral must end the token, so "BVPI 8 and" is BV8, not BV8a.
_TAIL = rf"(?:\s?([a-h])(?![a-z]))?(?:\s?\(\s?({_ROMAN})\s?\)|\s({_ROMAN})(?![a-z]))?"
_BV = re.compile(rf"(?<![a-z])X?BV(?:PI)?\s?[-.:]?\s?0*(\d{{1,3}})(?!\d){_TAIL}", re.I)
_BARE = re.compile(rf"^\s*0*(\d{{1,3}})(?!\d){_TAIL}\s*[.:]?\s*$", re.I)
_LOCAL = re.compile(r"(?<![a-z])(?:LPI|LoPI|LI|Local\s+PI)\s?[-.:]?\s?([A-Z]{0,3}\s?\d{1,4}[a-z]?)", re.I)


def _form(number: str, letter: str | None, roman: str | None) -> str:
    out = f"BV{int(number)}"
    if letter:
        out += letter.lower()
    if roman:
        out += f"({roman.lower()})"
    return out


def find_codes(text: str) -> list[str]:
    """Every BVPI code in ``text`` (co-listed ``BV053, PAFC28, SP213`` gives ``["BV53"]``), normalised."""
    out: list[str] = []
    for m in _BV.finditer(text):
        code = _form(m.group(1), m.group(2), m.group(3) or m.group(4))
        if code not in out and code != "BV0":
            out.append(code)
    return out


def normalise_code(text: str, *, bare_ok: bool = False) -> str | None:
    """The first BVPI code in ``text``; with ``bare_ok`` (a column headed BVPI / Indicator No.) ``2a`` too."""
    codes = find_codes(text)
    if codes:
        return codes[0]
    if bare_ok:
        m = _BARE.match(text)
        if m and int(m.group(1)) > 0:
            return _form(m.group(1), m.group(2), m.group(3) or m.group(4))
    return None


def strip_code(text: str) -> str:
    """``text`` without its first BVPI code: ``BV 8 Invoices paid`` -> `` Invoices paid``."""
    return _BV.sub("", text, count=1)


def local_code(text: str) -> str | None:
    """A local indicator code (``LPI12``) in ``text``, or None; BVPI codes win when both are present."""
    if find_codes(text):
        return None
    m = _LOCAL.search(text)
    return "LPI" + re.sub(r"\s", "", m.group(1)).upper() if m else None


def base_number(code: str) -> int:
    """The indicator number of a normalised code: ``BV82a(i)`` -> 82."""
    m = re.match(r"BV(\d+)", code)
    if m is None:
        raise ValueError(f"not a normalised BVPI code: {code!r}")
    return int(m.group(1))


def stem(code: str) -> str:
    """The code without its roman sub-part: ``BV82a(i)`` -> ``BV82a``."""
    return code.split("(", 1)[0]
