"""Sentence roles: is this sentence the plan's own content, or does it describe, navigate or deny?

Describing is not fulfilling. Every sentence of a document gets one role
(patterns/roles.yml and patterns/describing.yml); only ``content`` fulfils a
requirement and only content is quoted as evidence of ``met``. A heading
fulfils nothing by itself, except that a title names the plan (IDENTIFIED).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from plancheck.errors import PatternError
from plancheck.patterns import load_yaml, regex, require

SOURCE = "patterns/roles.yml"

Role = Literal[
    "content",
    "heading",
    "navigation",
    "toc",
    "negation",
    "requirement",
    "recommendation",
    "description",
    "self_reference",
    "history",
    "intention",
]
ROLES: tuple[str, ...] = get_args(Role)
ROLE_MEANING: dict[str, str] = {
    "content": "the plan's own statement",
    "heading": "a heading (fulfils nothing by itself; a title names the plan)",
    "navigation": "site or viewer furniture",
    "toc": "a table-of-contents entry",
    "negation": "denies or abolishes a plan or duty",
    "requirement": "states what a plan must contain",
    "recommendation": "asks a meeting for a decision",
    "description": "describes a plan from outside (the draft, a copy, its publication)",
    "self_reference": "speaks about the document itself",
    "history": "about an earlier plan or assessment",
    "intention": "an undertaking, not a statement",
}
PATTERN_ROLES = ("navigation", "toc", "negation", "self_reference", "history", "intention")
"""Roles decided by the regular expressions of patterns/roles.yml, in order of precedence."""
DESCRIBING_ROLES: dict[str, Role] = {
    "requirement": "requirement",
    "recommendation": "recommendation",
    "future_publication": "description",
    "about_a_plan": "description",
}
"""patterns/describing.yml's pattern groups and the role each gives."""
FULFILS: frozenset[str] = frozenset({"content", "intention"})
"""Roles that may show a requirement's content (an intention only in part)."""
TITLE_FACTS = ("IDENTIFIED", "PUBLISHED")
"""Requirements a title page shows by itself: the plan's name and its publication date."""


def shows_met(requirement: str, role: str | None) -> bool:
    """Whether evidence of ``role`` may show ``requirement`` met: content or table data (``None``); a
    heading only for what a title page states (the plan's name, its date)."""
    return role in (None, "content") or (requirement in TITLE_FACTS and role == "heading")


@dataclass(frozen=True, slots=True)
class RolePatterns:
    """The compiled patterns/roles.yml."""

    patterns: dict[str, tuple[re.Pattern[str], ...]]
    combined: dict[str, re.Pattern[str]]
    """Each role's patterns as one alternation: one scan of a sentence per role."""
    quick: dict[str, tuple[str, ...]]
    """Strings one of which every pattern of the role needs: a sentence with none is not searched."""
    list_lead_ins: frozenset[str]
    dot_leaders: re.Pattern[str]
    """A contents entry beyond doubt: dot leaders before a page number."""
    describing_item: re.Pattern[str]


def _compile(key: str, text: object) -> re.Pattern[str]:
    return regex(SOURCE, key, text)


@functools.cache
def role_patterns() -> RolePatterns:
    """The role patterns, validated once per process."""
    data = load_yaml("roles.yml")
    groups = require(data, "roles", dict, SOURCE)
    if set(groups) != set(PATTERN_ROLES):
        raise PatternError(SOURCE, "roles", f"expected exactly: {', '.join(PATTERN_ROLES)}")
    patterns = {}
    for role, items in groups.items():
        if not isinstance(items, list) or not items:
            raise PatternError(SOURCE, f"roles.{role}", "expected a list of regular expressions")
        patterns[role] = tuple(_compile(f"roles.{role}[{i}]", rx) for i, rx in enumerate(items))
    lead_ins = require(data, "list_lead_ins", list, SOURCE)
    unknown = [r for r in lead_ins if r not in ROLES]
    if unknown:
        raise PatternError(SOURCE, "list_lead_ins", f"unknown roles: {', '.join(map(str, unknown))}")
    combined = {r: re.compile("|".join(f"(?:{p.pattern})" for p in ps), re.I) for r, ps in patterns.items()}
    quick = require(data, "quick", dict, SOURCE)
    if set(quick) != set(PATTERN_ROLES) or not all(isinstance(v, list) and v for v in quick.values()):
        roles = ", ".join(PATTERN_ROLES)
        raise PatternError(SOURCE, "quick", f"expected a list of strings for each of {roles}")
    return RolePatterns(
        patterns,
        combined,
        {r: tuple(str(w).lower() for w in ws) for r, ws in quick.items()},
        frozenset(lead_ins),
        _compile("dot_leaders", require(data, "dot_leaders", str, SOURCE)),
        _compile("describing_item", require(data, "describing_item", str, SOURCE)),
    )


def pattern_role(text: str) -> Role | None:
    """The first role of patterns/roles.yml whose patterns match ``text``, else None."""
    rp = role_patterns()
    low = text.lower()
    for role in PATTERN_ROLES:
        if any(w in low for w in rp.quick[role]) and rp.combined[role].search(text):
            return role  # type: ignore[return-value]
    return None


def pattern_role_unfiltered(text: str) -> Role | None:
    """:func:`pattern_role` without the ``quick`` prefilter (tests check the two always agree)."""
    for role in PATTERN_ROLES:
        if role_patterns().combined[role].search(text):
            return role  # type: ignore[return-value]
    return None


def is_toc_line(line: str) -> bool:
    """Whether one line reads as a contents entry (a title and a page number, or dot leaders)."""
    return bool(role_patterns().combined["toc"].search(line.strip()))


def toc_passage(text: str) -> bool:
    """Whether a passage is mostly contents entries (two or more lines, at least 60% of them entries)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return False
    return sum(is_toc_line(ln) for ln in lines) >= 0.6 * len(lines)


def toc_runs(like: Sequence[bool], strong: Sequence[bool]) -> list[bool]:
    """Contents entries in context: an entry-like line counts beside another, or with dot leaders."""
    n = len(like)
    return [
        f and (s or (i > 0 and like[i - 1]) or (i + 1 < n and like[i + 1]))
        for i, (f, s) in enumerate(zip(like, strong, strict=True))
    ]


def inherits(lead_in: str, item: str) -> bool:
    """Whether a list item takes its lead-in's role: only items that describe a kind of content do."""
    if lead_in != "self_reference":
        return lead_in in role_patterns().list_lead_ins
    return bool(role_patterns().describing_item.search(item))
