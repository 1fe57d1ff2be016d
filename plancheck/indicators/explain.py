"""What explains a gap in an indicator table: a note in the row, a footnote, or a key to the markers."""

from __future__ import annotations

import re

from plancheck.indicators.values import clean, legend_pattern
from plancheck.model import Document

_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹", "123456789")
_FOOTNOTE = re.compile(
    r"^\s*(?:note\s*)?(\*+|[†‡§]|[¹²³⁴⁵⁶⁷⁸⁹]+|\(\s?\d{1,2}\s?\)|\[\s?\d{1,2}\s?\]|\(\s?[a-z]\s?\)|\d{1,2}(?=[.:)\s]))"
    r"[.:)]?\s+(\S.{3,})",
    re.I,
)


def marker_key(marker: str) -> str:
    """A footnote marker in one form: ``(1)``, ``[1]``, ``¹``, ``Note 1`` -> ``1``; ``*`` stays ``*``."""
    return marker.translate(_SUPERSCRIPT).strip("()[] ").lower()


class Explanations:
    """Footnotes and marker keys found in a document, looked up by marker or gap token."""

    def __init__(self, doc: Document) -> None:
        self._footnotes: dict[str, str] = {}
        texts = [b.text for b in doc.blocks if b.kind != "heading"] + [b.text for b in doc.furniture]
        for table in doc.all_tables():
            # Footnotes are often the last rows of the table they annotate.
            texts.extend(" ".join(c for c in row if c) for row in table.rows[-3:])
        for text in texts:
            m = _FOOTNOTE.match(text)
            if m:
                self._footnotes.setdefault(marker_key(m.group(1)), clean(m.group(2)))
        self._text = "\n".join(clean(b.text) for b in doc.blocks)
        self._lower = self._text.lower()
        self._legends: dict[str, str | None] = {}

    def footnote(self, marker: str | None) -> str | None:
        """The footnote text for ``marker``, if the document has one."""
        return self._footnotes.get(marker_key(marker)) if marker else None

    def legend(self, token: str) -> str | None:
        """A sentence of the document that says what ``token`` (``n/a``, ``TBC``) means, if any."""
        token = token.strip().lower()
        if not token:
            return None
        if token not in self._legends:
            self._legends[token] = self._find_legend(token)
        return self._legends[token]

    def _find_legend(self, token: str) -> str | None:
        # Only look round the places the token occurs: the regex over a whole long plan is slow.
        pattern = legend_pattern(token)
        at = self._lower.find(token)
        while at >= 0:
            lo = max(0, at - 40)
            m = pattern.search(self._text, lo, min(len(self._text), at + len(token) + 40))
            if m is not None:
                start = max(self._text.rfind("\n", 0, m.start()), self._text.rfind(". ", 0, m.start())) + 1
                end = self._text.find(".", m.end())
                return self._text[start : end + 1 if end > 0 else None].strip()
            at = self._lower.find(token, at + 1)
        return None
