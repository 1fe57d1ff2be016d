"""Concept pattern files: the headings, phrases and qualifiers that show a requirement's content.

Each file in ``CONCEPT_FILES`` has ``concepts: {name: {...}}``; one file per
requirement concept (the article items of SI 1999/3251 share one file). They
are validated on load, and every error names the file and key.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from plancheck.errors import PatternError
from plancheck.patterns import load_yaml, require

CONCEPT_FILES = (
    "identified.yml",
    "objectives.yml",
    "improvement.yml",
    "workforce.yml",
    "efficiency.yml",
    "cpa_scores.yml",
    "past_progress.yml",
    "finance.yml",
    "lpsa.yml",
    "articles.yml",
)


@dataclass(frozen=True, slots=True)
class Qualifier:
    """Something the content must also say for ``met`` (e.g. the priorities of the objectives)."""

    name: str
    label: str
    phrases: tuple[str, ...] = ()
    regex: re.Pattern[str] | None = None
    patterns: tuple[Any, ...] = ()
    """spaCy Matcher token patterns (lists of token dicts)."""


@dataclass(frozen=True, slots=True)
class Concept:
    """What shows one requirement's content in a plan."""

    name: str
    source: str
    headings: tuple[str, ...]
    statements: tuple[str, ...]
    """Phrases that show the content in the plan's own voice."""
    mentions: tuple[str, ...] = ()
    """Topic words: found alone, only a passing mention (partial)."""
    weak: tuple[str, ...] = ()
    """Phrases that make a sentence an intention, not a statement (partial)."""
    qualifiers: tuple[Qualifier, ...] = ()
    statement_patterns: tuple[Any, ...] = ()
    """spaCy Matcher token patterns that also show the content ("our three goals are ...")."""

    def key(self, group: str) -> str:
        """The matcher key of one phrase group of this concept."""
        return f"{self.name}.{group}"


def _strings(data: dict[str, object], key: str, where: str, *, required: bool = False) -> tuple[str, ...]:
    if key not in data:
        if required:
            raise PatternError(where, key, "missing")
        return ()
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PatternError(where, key, "expected a list of non-empty strings")
    return tuple(value)


def _token_patterns(data: dict[str, object], key: str, where: str) -> tuple[Any, ...]:
    if key not in data:
        return ()
    value = data[key]
    ok = isinstance(value, list) and all(
        isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in value
    )
    if not ok:
        raise PatternError(where, key, "expected a list of token patterns (each a list of mappings)")
    assert isinstance(value, list)
    return tuple(value)


def _qualifier(name: str, data: object, where: str) -> Qualifier:
    if not isinstance(data, dict):
        raise PatternError(where, name, "expected a mapping with label and phrases or regex")
    label = require(data, "label", str, where)
    phrases = _strings(data, "phrases", f"{where}.{name}")
    patterns = _token_patterns(data, "patterns", f"{where}.{name}")
    regex = None
    if "regex" in data:
        try:
            regex = re.compile(require(data, "regex", str, where), re.I)
        except re.error as e:
            raise PatternError(where, f"{name}.regex", f"not a valid regular expression: {e}") from None
    if not phrases and regex is None and not patterns:
        raise PatternError(where, name, "needs phrases, patterns or regex")
    return Qualifier(name, label, phrases, regex, patterns)


@functools.cache
def concepts() -> dict[str, Concept]:
    """Every concept of every concept file, keyed by name."""
    out: dict[str, Concept] = {}
    for fname in CONCEPT_FILES:
        source = f"patterns/{fname}"
        data = require(load_yaml(fname), "concepts", dict, source)
        for name, body in data.items():
            where = f"{source}: concepts.{name}"
            if not isinstance(body, dict):
                raise PatternError(source, f"concepts.{name}", "expected a mapping")
            if name in out:
                raise PatternError(source, f"concepts.{name}", f"already defined in {out[name].source}")
            quals = require(body, "qualifiers", dict, where) if "qualifiers" in body else {}
            out[name] = Concept(
                name=name,
                source=source,
                headings=_strings(body, "headings", where, required=True),
                statements=_strings(body, "statements", where, required=True),
                mentions=_strings(body, "mentions", where),
                weak=_strings(body, "weak", where),
                qualifiers=tuple(_qualifier(q, v, f"{where}.qualifiers") for q, v in quals.items()),
                statement_patterns=_token_patterns(body, "statement_patterns", where),
            )
    return out


def concept(name: str) -> Concept:
    """One concept by name (PatternError if no file defines it)."""
    found = concepts().get(name)
    if found is None:
        raise PatternError("patterns/", f"concepts.{name}", "no concept file defines it")
    return found


def token_table() -> dict[str, list[Any]]:
    """Every concept's token patterns, keyed like the phrases they stand beside."""
    out: dict[str, list[Any]] = {}
    for c in concepts().values():
        if c.statement_patterns:
            out[c.key("statements")] = list(c.statement_patterns)
        for q in c.qualifiers:
            if q.patterns:
                out[c.key(f"q.{q.name}")] = list(q.patterns)
    return out


def phrase_table() -> dict[str, tuple[str, ...]]:
    """Every phrase group of every concept, keyed ``concept.group`` (one PhraseMatcher for all)."""
    out: dict[str, tuple[str, ...]] = {}
    for c in concepts().values():
        out[c.key("statements")] = c.statements
        out[c.key("mentions")] = c.mentions
        out[c.key("weak")] = c.weak
        for q in c.qualifiers:
            out[c.key(f"q.{q.name}")] = q.phrases
    return out
