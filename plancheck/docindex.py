"""A document as passages and sentences with pattern hits, built once per check for every text rule.

Passages are body blocks and table rows (a row is one passage, its cells
joined). Every sentence is run once through one PhraseMatcher holding every
concept's phrases and one Matcher holding the "describing" patterns; only the
hits are kept, never the spaCy Docs (a 300-page plan's Docs hold ~234 MB).
"""

from __future__ import annotations

import bisect
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
from plancheck.roles import (
    DESCRIBING_ROLES,
    FULFILS,
    Role,
    inherits,
    is_toc_line,
    pattern_role,
    role_patterns,
    toc_passage,
    toc_runs,
)

DESCRIBING_PREFIX = "describing."
_BULLETS = "-•◆▪●*·–"
CONTENTS_HEADINGS = frozenset({"contents", "content", "table of contents", "index", "contents page"})
"""A heading that opens a contents list (spaced capitals, "C o n t e n t s", are read without spaces)."""
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
            indicator = [bool(row) and _indicator_row(row[0]) for row in item.rows]
            # The header rows of an indicator table ("Code | Indicator | Target 2005/06") go with it.
            first = indicator.index(True) if any(indicator) else 0
            for i, row in enumerate(item.rows):
                text = " | ".join(c.strip() for c in row if c.strip())
                if indicator[i] or i < first:
                    # An indicator's data row is the PC2xx rules' business, and a third of a plan's words.
                    self.n_indicator_rows += indicator[i]
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
        self.roles: list[Role] = self._roles()

    def _passage_roles(self) -> list[Role | None]:
        """Roles that whole passages take: furniture, contents entries, headings."""
        from plancheck.classify import is_furniture

        leaders = role_patterns().dot_leaders
        like: list[bool] = []
        strong: list[bool] = []
        contents_page: int | bool | None = False
        entries: list[str] = []
        numbered = 0
        for p in self.passages:
            text = p.text.strip()
            if p.kind == "table_row":
                like.append(False)
                strong.append(False)
                continue
            low = text.lower().strip(" :")
            if low in CONTENTS_HEADINGS or low.replace(" ", "") in CONTENTS_HEADINGS:
                contents_page, entries, numbered = p.page, [], 0
                like.append(True)
                strong.append(True)
                continue
            multi = "\n" in text
            entry = toc_passage(text) if multi else is_toc_line(text)
            # A contents list runs until prose, the first section it lists, a line without the page numbers
            # its entries had, or the page after its own.
            if contents_page is not False and (
                (len(text) > 150 and text.endswith("."))
                or (numbered >= 2 and not entry)
                or (p.kind == "heading" and any(e.startswith(low) for e in entries))
                or (p.page is not None and contents_page is not None and p.page > contents_page + 1)
            ):
                contents_page = False
            listed = contents_page is not False and len(text) < 150
            if listed:
                entries.append(low)
                numbered += entry
            like.append(entry or listed)
            strong.append(listed or (toc_passage(text) if multi else bool(leaders.search(text))))
        toc = toc_runs(like, strong)
        out: list[Role | None] = []
        for p, is_toc in zip(self.passages, toc, strict=True):
            lines = [ln for ln in p.text.split("\n") if ln.strip()]
            if lines and all(is_furniture(ln) for ln in lines):
                out.append("navigation")
            elif is_toc:
                out.append("toc")
            elif p.kind == "heading":
                out.append("heading")
            else:
                out.append(None)
        return out

    def _roles(self) -> list[Role]:
        """One role per sentence (plancheck.roles): only ``content`` fulfils a requirement."""
        by_passage = self._passage_roles()
        roles: list[Role] = []
        for si, s in enumerate(self.sentences):
            fixed = by_passage[s.passage]
            if fixed is not None:
                roles.append(fixed)
                continue
            found = pattern_role(s.text)
            described = self._own_describing(si)
            if found in ("navigation", "toc", "negation"):
                roles.append(found)
            elif described is not None:
                roles.append(DESCRIBING_ROLES.get(described, "description"))
            else:
                roles.append(found or "content")
        self._inherit_lead_ins(roles)
        return roles

    def _inherit_lead_ins(self, roles: list[Role]) -> None:
        """List items continue a describing lead-in ("the Plan must include:", "this plan sets out:")."""
        lead: Role | None = None
        for pid, p in enumerate(self.passages):
            sids = self.by_passage.get(pid, [])
            listy = p.kind == "list_item" or p.text.lstrip()[:1] in _BULLETS
            if lead is not None and listy:
                if inherits(lead, p.text):
                    for si in sids:
                        if roles[si] in FULFILS:
                            roles[si] = lead
                continue
            lead = None
            if sids and p.text.rstrip()[-1:] in ":—–-":
                # A plan may introduce its own list with a recommendation it accepted ("the inspectors
                # recommended that we:"): only the lead-in roles of patterns/roles.yml pass to a list.
                candidate = roles[sids[-1]]
                lead = candidate if candidate in role_patterns().list_lead_ins else None

    def role(self, si: int) -> Role:
        """The role of sentence ``si``."""
        return self.roles[si]

    def fulfils(self, si: int) -> bool:
        """Whether sentence ``si`` may show a requirement's content (content, or an intention in part)."""
        return self.roles[si] in FULFILS

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
        """The role of sentence ``si`` where it fulfils nothing, else None (content and intentions)."""
        role = self.roles[si]
        return None if role in FULFILS or role == "heading" else role

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

    def following(self, pid: int, n: int) -> range:
        """Passage ``pid`` and up to ``n`` passages after it, stopping at the next heading."""
        nxt = bisect.bisect_right(self.headings, pid)
        end = self.headings[nxt] if nxt < len(self.headings) else len(self.passages)
        return range(pid, min(end, pid + n + 1))

    def sentences_in(self, passages: range | list[int]) -> list[int]:
        """Sentence ids of the given passages, in order."""
        return [si for pid in passages for si in self.by_passage.get(pid, ())]

    def evidence(self, si: int, limit: int = 300) -> Evidence:
        """Evidence for sentence ``si``: its page, heading path and text."""
        s = self.sentences[si]
        return self.passage_evidence(s.passage, s.text, limit, role=self.roles[si])

    def passage_evidence(
        self, pid: int, text: str | None = None, limit: int = 300, role: Role | None = None
    ) -> Evidence:
        """Evidence for passage ``pid``; a page-less block before any heading is located by position."""
        p = self.passages[pid]
        if role is None:
            sids = self.by_passage.get(pid, [])
            role = "heading" if p.kind == "heading" else (self.roles[sids[0]] if sids else "content")
        path = p.heading_path + ((p.text,) if p.kind == "heading" else ())
        if p.page is None and not path:
            path = ("(start of document)",)
        quote = (text if text is not None else p.text).strip()
        if len(quote) > limit:
            quote = quote[: limit - 1].rstrip() + "…"
        return Evidence(page=p.page, text=quote, heading_path=path, role=role)


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


def role_listing(doc: Document, width: int = 100) -> list[str]:
    """The document's genre with its reasons, then one line per sentence: where, role, text."""
    from plancheck.classify import classify_document

    c = classify_document(doc)
    out = [f"genre: {c.genre} (kind {c.kind})"] + [f"  {r}" for r in c.reasons] + [""]
    idx = DocIndex(doc)
    for si, s in enumerate(idx.sentences):
        p = idx.passages[s.passage]
        where = f"p.{p.page}" if p.page is not None else "-"
        text = " ".join(s.text.split())
        text = text if len(text) <= width else text[: width - 1] + "…"
        out.append(f"{where:>6}  {idx.roles[si]:<15} {text}")
    return out


def doc_index(ctx: Any) -> DocIndex:
    """The index of ``ctx.doc``, built once per check and shared by every rule."""
    result: DocIndex = ctx.memo("docindex", lambda: DocIndex(ctx.doc))
    return result
