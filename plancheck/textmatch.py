"""Heading matching: normalise heading text and compare it with synonyms using rapidfuzz.

A heading matches a synonym when ``token_set_ratio`` reaches the threshold
*and* every content word of the synonym is (fuzzily) in the heading: the
ratio alone gives 100 to a bare "Performance" against "past performance".
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from plancheck.patterns import load_yaml, require

_NUMBERING = re.compile(
    r"^\s*(?:(?:part|section|chapter|appendix|annex|schedule)\s+)?(?:[0-9]+(?:\.[0-9]+)*|[ivxlc]+|[a-z])[.):]?\s+",
    re.I,
)
_NON_WORD = re.compile(r"[^a-z0-9£%]+")


@functools.cache
def _settings() -> tuple[frozenset[str], int, int]:
    source = "patterns/matching.yml"
    data = load_yaml("matching.yml")
    stop = frozenset(str(w).lower() for w in require(data, "heading_stopwords", list, source))
    threshold = int(require(data, "heading_threshold", int, source))
    word = int(require(data, "word_threshold", int, source))
    return stop, threshold, word


@functools.cache
def _contractions() -> tuple[re.Pattern[str], dict[str, str]]:
    table = require(load_yaml("matching.yml"), "contractions", dict, "patterns/matching.yml")
    spelt = {str(k).lower(): str(v) for k, v in table.items()}
    alternatives = "|".join(re.escape(k).replace("'", "['’]") for k in sorted(spelt, key=len, reverse=True))
    return re.compile(f"(?:{alternatives})\\b", re.I), spelt


@functools.lru_cache(maxsize=8192)
def normalise_heading(text: str) -> str:
    """Lower-case words of a heading without its numbering ("3.2 Our Aims" -> "our aims")."""
    rx, spelt = _contractions()
    text = rx.sub(lambda m: spelt[m.group(0).lower().replace("’", "'")], text.strip())
    for _ in range(2):  # "Part 2 - 2.1 Aims" carries two numberings
        text = _NUMBERING.sub("", text).lstrip("-–—: ")
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def _stem(word: str) -> str:
    # Plurals only: "priorities" must meet "priority", which fuzz.ratio scores at 78.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _content_words(text: str) -> list[str]:
    stop = _settings()[0]
    return [w for w in text.split() if w not in stop]


def heading_score(heading: str, synonym: str) -> float:
    """0-100: how well ``heading`` matches ``synonym`` (0 when a content word of the synonym is absent)."""
    h = " ".join(_stem(w) for w in normalise_heading(heading).split())
    s = " ".join(_stem(w) for w in normalise_heading(synonym).split())
    if not h or not s:
        return 0.0
    word_threshold = _settings()[2]
    h_words = h.split()
    for w in _content_words(s):
        if not any(x == w or fuzz.ratio(x, w) >= word_threshold for x in h_words):
            return 0.0
    return float(fuzz.token_set_ratio(h, s))


def best_synonym(
    heading: str, synonyms: tuple[str, ...], threshold: int | None = None
) -> tuple[str, float] | None:
    """The best-matching synonym and its score, if it reaches the threshold."""
    limit = threshold if threshold is not None else _settings()[1]
    best: tuple[str, float] | None = None
    for syn in synonyms:
        score = heading_score(heading, syn)
        if score >= limit and (best is None or score > best[1]):
            best = (syn, score)
    return best
