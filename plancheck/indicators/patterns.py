"""The indicator-table vocabulary from ``patterns/indicators.yml``, compiled once and validated."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plancheck.patterns import load_yaml, patterns_dir, require

ROLE_ORDER = ("notes", "comparison", "other", "code", "title")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Compiled header synonyms, no-value tokens, survey indicators and thresholds."""

    header_roles: tuple[tuple[str, re.Pattern[str]], ...]
    group_target: re.Pattern[str]
    group_outturn: re.Pattern[str]
    no_value: re.Pattern[str]
    estimate_cell: re.Pattern[str]
    survey_numbers: frozenset[int]
    survey_years: frozenset[str]
    met_share: float
    code_header_examples: tuple[str, ...]
    max_header_rows: int
    gap_reason: re.Pattern[str]
    """A note that says why a value is missing (a note on progress explains no gap)."""
    outturn_summary: re.Pattern[str]
    """A sentence that sums up indicator outturn in figures."""
    estimated_statement: re.Pattern[str]
    """A sentence saying the outturn shown is estimated or provisional."""
    relative_years: tuple[tuple[re.Pattern[str], int], ...] = ()
    """Header words for a year relative to the plan year, with the offset (``last year``: -1)."""


def _alternation(patterns: list[str], source: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    except re.error as e:
        from plancheck.errors import PatternError

        raise PatternError(source, None, f"bad regex: {e}") from None


@functools.cache
def vocabulary() -> Vocabulary:
    """The vocabulary, loaded on first use."""
    source = str(patterns_dir() / "indicators.yml")
    data = load_yaml("indicators.yml")
    roles = require(data, "header_roles", dict, source)
    groups = require(data, "group_words", dict, source)
    survey = require(data, "survey", dict, source)
    thresholds = require(data, "thresholds", dict, source)
    no_value = require(data, "no_value", list, source)
    return Vocabulary(
        header_roles=tuple(
            (role, _alternation(require(roles, role, list, f"{source}: header_roles"), source))
            for role in ROLE_ORDER
        ),
        group_target=_alternation([require(groups, "target", str, source)], source),
        group_outturn=_alternation([require(groups, "outturn", str, source)], source),
        no_value=re.compile(r"^(?:" + _alternation(no_value, source).pattern + r")$", re.I),
        estimate_cell=_alternation([require(data, "estimate_cell", str, source)], source),
        survey_numbers=frozenset(int(n) for n in require(survey, "numbers", list, source)),
        survey_years=frozenset(str(y) for y in require(survey, "years", list, source)),
        code_header_examples=tuple(str(x) for x in require(data, "code_header_examples", list, source)),
        met_share=float(require(thresholds, "met_share", (int, float), source)),
        max_header_rows=int(require(thresholds, "max_header_rows", int, source)),
        gap_reason=_alternation([require(data, "gap_reason", str, source)], source),
        outturn_summary=_alternation([require(data, "outturn_summary", str, source)], source),
        estimated_statement=_alternation([require(data, "estimated_statement", str, source)], source),
        relative_years=tuple(
            (
                _alternation([require(r, "pattern", str, f"{source}: relative_years")], source),
                int(require(r, "offset", int, f"{source}: relative_years")),
            )
            for r in require(data, "relative_years", list, source)
        ),
    )
