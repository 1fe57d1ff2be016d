"""Detect from the document what the user did not give: plan year, authority name and type, CPA category.

Each detector returns the value and the text it came from, so the report can
say where it was found. Patterns are in patterns/context.yml.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from plancheck.errors import PatternError
from plancheck.indicators.years import find_years, fy, guess_plan_year, parse_label
from plancheck.model import Block, Document
from plancheck.patterns import load_yaml, regex, require

SOURCE = "patterns/context.yml"
_STAR_WORDS = {"no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4}
_BVPP_WORDS = re.compile(r"\b(?:performance plan|bvpp)\b", re.I)
_PLAN_WORDS = re.compile(r"\b(?:performance plan|bvpp|plan)\b", re.I)
_TYPE_WORDS = frozenset({
    "metropolitan", "borough", "district", "county", "city", "council", "london", "of", "the",
    "fire", "and", "rescue", "authority", "national", "park",
})  # fmt: skip
_CPA_WORDS = re.compile(r"\bcpa\b|comprehensive performance|audit commission|assessment", re.I)
# A calendar year counts only right after the plan's name: "Performance Plan 2004", "BVPP for 2004".
_CALENDAR = re.compile(
    r"\b(?:performance plan|bvpp|plan)['\"’”]?\s*(?:for\s+)?(?:the\s+year\s+)?[-–—:]?\s*"
    r"((?:19|20)\d\d)(?![\d/%.,]|\s*[-–—/]\s*\d)",
    re.I,
)


MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
DATE = re.compile(
    # A day is not the end of a year label: "Plan 2006/07 June 2006" is June 2006, not 7 June.
    r"\b(?:(?<![\d/])(\d{1,2})(?:st|nd|rd|th)?\s+)?(" + "|".join(MONTHS) + r")\s*,?\s+((?:19|20)\d\d)\b", re.I
)


# A numeric date, day first as in England: "30.06.2004", "30/06/2004" (never a year label: 2003/04).
NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")


_LEAD_IN = re.compile(r"^\W*(?:(?:on|in|at|:)\s+)?")


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text`` ("30 June 2004", "June 2004" as its first day, "30.06.2004"), else None."""
    named, numeric = DATE.search(text), NUMERIC_DATE.search(text)
    try:
        if numeric and (not named or numeric.start() < named.start()):
            return dt.date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
        if named:
            day = int(named.group(1)) if named.group(1) else 1
            return dt.date(int(named.group(3)), MONTHS.index(named.group(2).lower()) + 1, day)
    except ValueError:
        return None
    return None


def published_on(text: str, p: PublicationPatterns) -> dt.date | None:
    """The date right after a word of publication ("approved on 20 June and published on 30 June 2006"): a
    sentence about a meeting may still say when the plan itself was published."""
    for m in p.publication_words.finditer(text):
        rest = _LEAD_IN.sub("", text[m.end() : m.end() + 48], count=1)
        named, numeric = DATE.match(rest), NUMERIC_DATE.match(rest)
        if named or numeric:
            return parse_date(rest)
    return None


@dataclass(frozen=True, slots=True)
class Found:
    """A detected value and the text it was read from."""

    value: str
    text: str


@dataclass(frozen=True, slots=True)
class _Patterns:
    title_blocks: int
    types: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    unitary: re.Pattern[str]
    welsh: re.Pattern[str]
    category: re.Pattern[str]
    category_in: re.Pattern[str]
    stars: re.Pattern[str]
    self_ref: re.Pattern[str]
    other_body: re.Pattern[str]
    historical: re.Pattern[str]
    aspiration: re.Pattern[str]
    table_row: re.Pattern[str]
    type_in_name: tuple[tuple[str, re.Pattern[str]], ...]
    unitary_statement: re.Pattern[str]
    unitary_blocks: int


def _rx(key: str, text: object) -> re.Pattern[str]:
    # Patterns are written case-insensitively; capitals in them only mark where a name starts.
    return regex(SOURCE, key, text)


# A name is 1-5 capitalised words, with joiners: "Kingston upon Hull", "Stoke-on-Trent", "WYVERN VALE".
_NAME = r"(?:[A-Z][\w'’&\-]*\s+(?:(?:and|upon|on|of|under|in|the)\s+)?){1,5}"


def _type_patterns(kind: str, spec: object) -> tuple[re.Pattern[str], ...]:
    """Case-sensitive name, case-insensitive keywords (scoped ``(?i:...)``)."""
    key = f"authority_types.{kind}"
    if not isinstance(spec, dict) or not spec or not set(spec) <= {"after_name", "before_name", "whole"}:
        raise PatternError(SOURCE, key, "expected a mapping with after_name, before_name and/or whole")
    forms = {
        "after_name": lambda w: rf"\b{_NAME}(?i:{w})\b",
        "before_name": lambda w: rf"\b(?i:{w})\s+[A-Z][\w'’\-]*(?:\s+(?:and|upon|on)\s+[A-Z][\w'’\-]*)*",
        "whole": lambda w: rf"\b(?i:{w})\b",
    }
    out = []
    for form, words in spec.items():
        if not isinstance(words, str):
            raise PatternError(SOURCE, f"{key}.{form}", "expected a regular expression string")
        try:
            out.append(re.compile(forms[form](words)))
        except re.error as e:
            raise PatternError(SOURCE, f"{key}.{form}", f"not a valid regular expression: {e}") from None
    return tuple(out)


@functools.cache
def _patterns() -> _Patterns:
    data = load_yaml("context.yml")
    types = require(data, "authority_types", dict, SOURCE)
    cpa = require(data, "cpa", dict, SOURCE)
    return _Patterns(
        title_blocks=require(data, "title_blocks", int, SOURCE),
        types=tuple((k, _type_patterns(k, v)) for k, v in types.items()),
        unitary=_rx("unitary_words", require(data, "unitary_words", str, SOURCE)),
        welsh=_rx("welsh", require(data, "welsh", str, SOURCE)),
        category=_rx("cpa.category", require(cpa, "category", str, SOURCE)),
        category_in=_rx("cpa.category_in", require(cpa, "category_in", str, SOURCE)),
        stars=_rx("cpa.stars", require(cpa, "stars", str, SOURCE)),
        self_ref=_rx("cpa.self", require(cpa, "self", str, SOURCE)),
        other_body=_rx("cpa.other_body", require(cpa, "other_body", str, SOURCE)),
        historical=_rx("cpa.historical", require(cpa, "historical", str, SOURCE)),
        aspiration=_rx("cpa.aspiration", require(cpa, "aspiration", str, SOURCE)),
        table_row=_rx("cpa.table_row", require(cpa, "table_row", str, SOURCE)),
        unitary_statement=_rx("unitary_statement", require(data, "unitary_statement", str, SOURCE)),
        unitary_blocks=require(data, "unitary_blocks", int, SOURCE),
        type_in_name=tuple(
            (k, _rx(f"type_in_name.{k}", v)) for k, v in require(data, "type_in_name", dict, SOURCE).items()
        ),
    )


def title_lines(doc: Document) -> list[str]:
    """The file title, the first body blocks and the running headers and footers."""
    n = _patterns().title_blocks
    lines = [doc.metadata.get("title") or ""]
    lines += [b.text for b in doc.items[:n] if isinstance(b, Block)]
    lines += [b.text for b in doc.furniture]
    return [t for t in lines if t.strip()]


def _header_labels(doc: Document) -> list[str]:
    """Header cells of every table (the first row where the format marks no header)."""
    rows = [row for t in doc.all_tables() for row in (t.header or t.rows[:1])]
    return [cell for row in rows for cell in row if cell.strip()]


def table_years(doc: Document) -> set[str]:
    """The financial years the indicator tables' headers name ("2007/08 Outturn" -> 2007/08)."""
    return {x.year for x in (parse_label(c) for c in _header_labels(doc)) if x is not None and x.year}


def plan_year(doc: Document) -> Found | None:
    """The plan year from the title page or furniture ("Plan 2004/05"), else from table year labels."""
    lines = title_lines(doc)
    # "Corporate Plan 2006-2009 ... incorporating our Best Value Performance Plan 2006/07": BVPP wins.
    ranked = [t for t in lines if _BVPP_WORDS.search(t)] + [t for t in lines if not _BVPP_WORDS.search(t)]
    for line in ranked:
        if not _PLAN_WORDS.search(line):
            continue
        years = find_years(line)
        if years:
            return Found(years[0], line)
        cal = _CALENDAR.search(line)
        if cal:
            # "Best Value Performance Plan 2004" is the plan published in June 2004: 2004/05.
            return Found(fy(int(cal.group(1))), line)
    labels = _header_labels(doc)
    guess = guess_plan_year(x for x in (parse_label(c) for c in labels) if x is not None)
    if guess:
        return Found(guess, "indicator table year labels: " + "; ".join(dict.fromkeys(labels))[:200])
    return None


@dataclass(frozen=True, slots=True)
class PublicationPatterns:
    """patterns/publication.yml: how a publication date is told from other dates."""

    deadline: tuple[int, int]
    title_blocks: int
    publication_words: re.Pattern[str]
    meeting_words: re.Pattern[str]
    bare_date: re.Pattern[str]
    other_publication: re.Pattern[str]


@functools.cache
def publication_patterns() -> PublicationPatterns:
    """The publication-date patterns, validated once per process (PC105 and the plan year share them)."""
    source = "patterns/publication.yml"
    data = load_yaml("publication.yml")
    deadline = require(data, "deadline", dict, source)

    def rx(key: str) -> re.Pattern[str]:
        return regex(source, key, require(data, key, str, source))

    return PublicationPatterns(
        (require(deadline, "month", int, source), require(deadline, "day", int, source)),
        require(data, "title_blocks", int, source),
        rx("publication_words"),
        rx("meeting_words"),
        rx("bare_date"),
        rx("other_publication"),
    )


def cover_date(doc: Document) -> tuple[dt.date, str] | None:
    """The publication date on the cover or title page: a line about publication ("Published 30 June 2005")
    or a line that is only a date ("June 2006"); never a meeting's or a decision's date."""
    p = publication_patterns()
    for line in title_lines(doc):
        for s in _sentences(line):
            if p.other_publication.search(s):
                continue
            if (said := published_on(s, p)) is not None:
                return said, s
            if p.meeting_words.search(s):
                continue
            if not (p.bare_date.search(s) or p.publication_words.search(s)):
                continue
            d = parse_date(s)
            if d is not None:
                return d, s
    return None


def _states_unitary(doc: Document, p: _Patterns) -> str | None:
    """The sentence of the opening pages that says the authority is unitary (a city or borough may be)."""
    blocks = [b for b in doc.items[: p.unitary_blocks] if isinstance(b, Block)]
    for s in (s for b in blocks for s in _sentences(b.text)):
        if p.unitary_statement.search(s):
            return s
    return None


def authority(doc: Document) -> tuple[Found, Found] | None:
    """(name, type) of the authority from the title page and furniture."""
    p = _patterns()
    lines = title_lines(doc)
    # Short lines (the title page's name, running headers) before sentences that merely mention one.
    for line in sorted(lines, key=lambda t: len(t.split()) > 12):
        for kind, rx in ((k, r) for k, rs in p.types for r in rs):
            m = rx.search(line)
            if m:
                name = " ".join(m.group(0).split())
                why = line
                if kind in ("county", "district") and p.unitary.search(line):
                    kind = "unitary"
                elif kind in ("county", "district", "london-borough"):
                    said = _states_unitary(doc, p)
                    if said is not None:
                        kind, why = "unitary", f"{line}' and '{said}"
                kind = next((k for k, rx in p.type_in_name if rx.search(name)), kind)
                return Found(name, line), Found(kind, why)
    return None


def welsh(doc: Document) -> Found | None:
    """Welsh wording on the title page or furniture (Welsh authorities are out of scope)."""
    rx = _patterns().welsh
    for line in title_lines(doc):
        m = rx.search(line)
        if m:
            return Found(m.group(0), line)
    return None


def _sentences(text: str) -> list[str]:
    """Sentences and semicolon clauses: "rated two stars; in 2002 it was judged poor" says two things."""
    return [s for s in re.split(r"(?<=[.!?;])\s+", text) if s.strip()]


def _own_names(name: str | None) -> tuple[str, ...]:
    """The authority's full name and its place name ("Eastwold County Council", "Eastwold"), lower case."""
    if not name:
        return ()
    place = " ".join(w for w in name.split() if w.lower() not in _TYPE_WORDS)
    return tuple(n.lower() for n in (name, place) if len(n) >= 3)


def _cpa_in(s: str, p: _Patterns, about_cpa: bool = False) -> str | None:
    """The category or star count one sentence states, if it states one.

    ``about_cpa``: the sentence before it or the heading above it names the assessment ("Our CPA scores";
    "The Audit Commission's harder test came in 2005. Under it we were awarded two stars.")."""
    about_cpa = about_cpa or _CPA_WORDS.search(s) is not None
    m = p.category.search(s)
    if m and (about_cpa or m.group(0).lower().endswith(("council", "authority"))):
        return (m.group(1) or m.group(2)).lower()
    m = p.category_in.search(s)
    if m and about_cpa:
        return (m.group(1) or m.group(2)).lower()
    m = p.stars.search(s)
    if m and (about_cpa or re.search(r"star council|rating", s, re.I)):
        word = (m.group(1) or m.group(2)).lower()
        return str(_STAR_WORDS.get(word, word))
    return None


def cpa_category(doc: Document, name: str | None = None) -> Found | None:
    """The authority's own CPA category ("good", or stars "3") from a sentence about itself (or ``name``).

    Plans often tell the story: "in the first round in 2002 we were judged weak; the 2005 assessment
    rated us three stars". Every statement is read, and the current one wins: a statement not about an
    earlier assessment (patterns/context.yml ``cpa.historical``) over one that is, then the latest year
    it names, then the later in the document.
    """
    p = _patterns()
    names = _own_names(name)
    found: list[tuple[tuple[int, int, int], Found]] = []

    def consider(s: str, about_cpa: bool) -> None:
        value = _cpa_in(p.aspiration.sub("", s), p, about_cpa)
        if value is None:
            return
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", s)]
        current = 0 if p.historical.search(s) else 1
        found.append(((current, max(years, default=0), len(found)), Found(value, s)))

    for b in doc.blocks:
        under_cpa = any(_CPA_WORDS.search(h) for h in b.heading_path)
        previous = ""
        for s in _sentences(b.text):
            said_before, previous = under_cpa or _CPA_WORDS.search(previous) is not None, s
            itself = p.self_ref.search(s) or any(n in s.lower() for n in names)
            if p.other_body.search(s) or not itself:
                continue
            consider(s, said_before)
    # A table of the authority's CPA scores (said so by its heading, caption, first rows or the paragraph
    # that introduces it): its overall row ("Overall: 3 stars") is the result.
    previous = ""
    for item in doc.items:
        if isinstance(item, Block):
            previous = item.text
            continue
        for t in (item, *item.nested):
            first_rows = (c for r in t.rows[:2] for c in r)
            about = " ".join((*t.heading_path, t.caption or "", previous, *first_rows))
            if not _CPA_WORDS.search(about) or p.other_body.search(about):
                continue
            for row in t.rows:
                text = " | ".join(c.strip() for c in row if c.strip())
                if p.table_row.search(text):
                    consider(text, True)
    return max(found, key=lambda f: f[0])[1] if found else None
