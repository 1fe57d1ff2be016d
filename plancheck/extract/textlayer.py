"""Whether a PDF page's text layer reads as text (data and measurements: patterns/text_layer.yml).

A font without a Unicode map, or with a private encoding, makes PDFium return
glyph codes that look like letters but spell nothing. Searching such a page
would report every requirement missing for want of words that are there on
paper; the page is flagged instead (and recognised again with ``--ocr``).
Letter pairs, not a word list, are the test: names, codes and table labels
are spelt like English even when they are not English words.
"""

from __future__ import annotations

import functools
import re

from plancheck.patterns import load_yaml, patterns_dir, require

_WORD = re.compile(r"[a-z]{2,}")
"""Latin letters only: a page in another script has too few such words to be judged."""


@functools.cache
def _settings() -> tuple[frozenset[str], int, float]:
    source = str(patterns_dir() / "text_layer.yml")
    data = load_yaml("text_layer.yml")
    return (
        frozenset(str(b).lower() for b in require(data, "common_bigrams", list, source)),
        int(require(data, "min_words", int, source)),
        float(require(data, "min_bigram_share", (int, float), source)),
    )


def garbled(text: str) -> bool:
    """True when ``text`` has enough words to judge and their letter pairs are not English spelling."""
    common, min_words, min_share = _settings()
    words = _WORD.findall(text.lower())
    if len(words) < min_words:
        return False
    pairs = [w[i : i + 2] for w in words for i in range(len(w) - 1)]
    return sum(p in common for p in pairs) < min_share * len(pairs)
