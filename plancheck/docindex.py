"""A document as passages and sentences with pattern hits, built once per check for every text rule.

Passages are body blocks and table rows (a row is one passage, its cells
joined). Every sentence is run once through one PhraseMatcher holding every
concept's phrases and one Matcher holding the "describing" patterns; only the
hits are kept, never the spaCy Docs (a 300-page plan's Docs hold ~234 MB).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from plancheck.concepts import phrase_table, token_table
from plancheck.errors import PatternError
from plancheck.indicators.codes import local_code, normalise_code
from plancheck.model import Block, Document
from plancheck.nlp import Matchers, Sentence
from plancheck.patterns import load_yaml, require
from plancheck.report import Evidence

DESCRIBING_PREFIX = "describing."
_BULLETS = "-•◆▪●*·–"
MAX_PASSAGE = 20_000
"""Characters per passage: a page-long block from a layout-less PDF is cut; spaCy never meets a huge text."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A body block or a table row, where it is, and the span of its sentences."""

    text: str
    kind: str
    page: int | None
    heading_path: tuple[str, ...]
    level: int | None = None


@functools.cache
def describing_patterns() -> dict[str, list[Any]]:
    """Token patterns for sentences that describe a requirement rather than fulfil it."""
    source = "patterns/describing.yml"
    data = require(load_yaml("describing.yml"), "patterns", dict, source)
    out: dict[str, list[Any]] = {}
    for name, pats in data.items():
        if not isinstance(pats, list) or not all(isinstance(p, list) and p for p in pats):
            raise PatternError(
                source, f"patterns.{name}", "expected a list of token patterns (lists of dicts)"
            )
        out[DESCRIBING_PREFIX + name] = pats
    return out


@functools.cache
def matchers() -> Matchers:
    """The process-wide matchers (built on first use, after the spaCy pipeline)."""
    try:
        return Matchers(phrase_table(), {**describing_patterns(), **token_table()})
    except ValueError as e:  # spaCy rejects a malformed token pattern with a ValueError
        raise PatternError("patterns/", "token patterns", f"invalid spaCy token pattern: {e}") from None


class DocIndex:
    """Passages, sentences and headings of one document."""

    def __init__(self, doc: Document) -> None:
        self.passages: list[Passage] = []
        self.n_blocks = 0
        self.n_tables = 0
        self.n_indicator_rows = 0
        for item in doc.items:
            if isinstance(item, Block):
                self.n_blocks += 1
                for chunk in _chunks(item.text):
                    self.passages.append(Passage(chunk, item.kind, item.page, item.heading_path, item.level))
                continue
            self.n_tables += 1
            for i, row in enumerate(item.rows):
                text = " | ".join(c.strip() for c in row if c.strip())
                if row and _indicator_row(row[0]):
                    # An indicator's data row is the PC2xx rules' business, and a third of a plan's words.
                    self.n_indicator_rows += 1
                    continue
                if text:
                    self.passages.append(Passage(text, "table_row", item.row_page(i), item.heading_path))
        m = matchers()
        texts = ((i, p.text) for i, p in enumerate(self.passages))
        self.sentences: list[Sentence] = list(m.sentences(texts))
        self.by_passage: dict[int, list[int]] = {}
        for si, s in enumerate(self.sentences):
            self.by_passage.setdefault(s.passage, []).append(si)
        self.headings = [i for i, p in enumerate(self.passages) if p.kind == "heading"]
        self.inherited = self._lists_under_describing()

    def _lists_under_describing(self) -> dict[int, str]:
        """Sentences of list items introduced by a describing sentence ("the Plan must include:")."""
        out: dict[int, str] = {}
        kind: str | None = None
        for pid, p in enumerate(self.passages):
            sids = self.by_passage.get(pid, [])
            listy = p.kind == "list_item" or p.text.lstrip()[:1] in _BULLETS
            if kind is not None and listy:
                for si in sids:
                    out[si] = kind
                continue
            kind = None
            if sids and p.text.rstrip()[-1:] in ":—–-":
                # Only a stated requirement passes to its list ("must include:"); a plan may introduce its own
                # list with a recommendation it accepted ("the inspectors recommended that we:").
                own = self._own_describing(sids[-1])
                kind = own if own == "requirement" else None
        return out

    def _own_describing(self, si: int) -> str | None:
        for key in self.sentences[si].hits:
            if key.startswith(DESCRIBING_PREFIX):
                return key[len(DESCRIBING_PREFIX) :]
        return None

    def title_page(self, cap: int) -> range:
        """Passage ids of the title page: before the second heading; at most ``cap``."""
        end = min(cap, len(self.passages))
        if len(self.headings) > 1:
            end = min(end, self.headings[1])
        return range(end)

    def describing(self, si: int) -> str | None:
        """The kind of describing pattern sentence ``si`` matches (it then fulfils nothing), else None."""
        return self._own_describing(si) or self.inherited.get(si)

    def section(self, heading: int) -> range:
        """Passage ids under heading ``heading``, up to the next heading of the same or a higher level."""
        level = self.passages[heading].level or 1
        end = heading + 1
        while end < len(self.passages):
            p = self.passages[end]
            if p.kind == "heading" and (p.level or 1) <= level:
                break
            end += 1
        return range(heading + 1, end)

    def sentences_in(self, passages: range | list[int]) -> list[int]:
        """Sentence ids of the given passages, in order."""
        return [si for pid in passages for si in self.by_passage.get(pid, ())]

    def evidence(self, si: int, limit: int = 300) -> Evidence:
        """Evidence for sentence ``si``: its page, heading path and text."""
        s = self.sentences[si]
        return self.passage_evidence(s.passage, s.text, limit)

    def passage_evidence(self, pid: int, text: str | None = None, limit: int = 300) -> Evidence:
        """Evidence for passage ``pid``; a page-less block before any heading is located by position."""
        p = self.passages[pid]
        path = p.heading_path + ((p.text,) if p.kind == "heading" else ())
        if p.page is None and not path:
            path = ("(start of document)",)
        quote = (text if text is not None else p.text).strip()
        if len(quote) > limit:
            quote = quote[: limit - 1].rstrip() + "…"
        return Evidence(page=p.page, text=quote, heading_path=path)


def _chunks(text: str) -> list[str]:
    """``text`` cut at line or sentence ends into pieces of at most MAX_PASSAGE characters."""
    if len(text) <= MAX_PASSAGE:
        return [text]
    out: list[str] = []
    while len(text) > MAX_PASSAGE:
        cut = max(text.rfind("\n", 0, MAX_PASSAGE), text.rfind(". ", 0, MAX_PASSAGE) + 1)
        cut = cut if cut > MAX_PASSAGE // 2 else MAX_PASSAGE
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text] if text.strip() else out


def _indicator_row(first_cell: str) -> bool:
    """Whether a table row starts with a BVPI or local indicator code (``BV 82a(i)``, ``LPI 12``)."""
    cell = first_cell.strip()
    if not cell or len(cell) > 20:
        return False
    return normalise_code(cell) is not None or local_code(cell) is not None


def doc_index(ctx: Any) -> DocIndex:
    """The index of ``ctx.doc``, built once per check and shared by every rule."""
    result: DocIndex = ctx.memo("docindex", lambda: DocIndex(ctx.doc))
    return result
