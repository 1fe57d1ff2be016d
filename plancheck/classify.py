"""Is this document a plan, or a paper about one? Judged by content (structure and voice), not by title.

A committee report has its own furniture (recommendations, purpose of the
report, background papers, report of an officer, agenda item...); guidance
has circular numbers and "authorities should"; a plan speaks for itself and
carries indicator tables. The markers are patterns/classify.yml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plancheck.errors import PatternError
from plancheck.model import Block, Document
from plancheck.patterns import load_yaml, require
from plancheck.report import Kind

if TYPE_CHECKING:
    from plancheck.rules.base import RuleContext

SOURCE = "patterns/classify.yml"


@dataclass(frozen=True, slots=True)
class Markers:
    """The compiled classification patterns."""

    min_words: int
    topic: re.Pattern[str]
    paper: dict[str, re.Pattern[str]]
    guidance: dict[str, re.Pattern[str]]
    plan: dict[str, re.Pattern[str]]
    paper_threshold: int
    guidance_threshold: int
    plan_indicator_rows: int


@dataclass(frozen=True, slots=True)
class Classification:
    """The kind of document, with the reasons in plain words."""

    kind: Kind
    reasons: tuple[str, ...]


def _compile(key: str, text: object) -> re.Pattern[str]:
    if not isinstance(text, str):
        raise PatternError(SOURCE, key, "expected a regular expression string")
    try:
        return re.compile(text, re.I | re.M)
    except re.error as e:
        raise PatternError(SOURCE, key, f"not a valid regular expression: {e}") from None


def _group(data: object, key: str) -> dict[str, re.Pattern[str]]:
    return {name: _compile(f"{key}.{name}", rx) for name, rx in require(data, key, dict, SOURCE).items()}


@functools.cache
def markers() -> Markers:
    """The classification patterns, validated once per process."""
    data = load_yaml("classify.yml")
    return Markers(
        min_words=require(data, "min_words", int, SOURCE),
        topic=_compile("topic", require(data, "topic", str, SOURCE)),
        paper=_group(data, "paper_markers"),
        guidance=_group(data, "guidance_markers"),
        plan=_group(data, "plan_markers"),
        paper_threshold=require(data, "paper_threshold", int, SOURCE),
        guidance_threshold=require(data, "guidance_threshold", int, SOURCE),
        plan_indicator_rows=require(data, "plan_indicator_rows", int, SOURCE),
    )


def _texts(doc: Document) -> tuple[list[str], list[str]]:
    """Block texts and table-row texts."""
    blocks = [b.text for b in doc.items if isinstance(b, Block)]
    rows = [" | ".join(r) for t in doc.all_tables() for r in t.rows]
    return blocks, rows


def classify_document(doc: Document) -> Classification:
    """``plan`` or ``not_plan``, with the reasons."""
    m = markers()
    blocks, rows = _texts(doc)
    words = sum(len(t.split()) for t in blocks) + sum(len(t.split()) for t in rows)
    if words < m.min_words:
        return Classification(
            "not_plan", (f"only {words} words of text: too little to be a performance plan",)
        )
    if not any(m.topic.search(t) for t in blocks + rows):
        return Classification(
            "not_plan", ("it never mentions Best Value, a performance plan or performance indicators",)
        )
    paper = [name for name, rx in m.paper.items() if any(rx.search(t) for t in blocks)]
    guidance = [name for name, rx in m.guidance.items() if any(rx.search(t) for t in blocks)]
    indicator_rows = sum(1 for r in rows if m.plan["indicator row"].search(r))
    speaks = any(m.plan["speaks as the plan"].search(t) for t in blocks)
    reasons: list[str] = []
    if len(paper) >= m.paper_threshold and indicator_rows < m.plan_indicator_rows:
        reasons.append("it has the structure of a committee report: " + ", ".join(paper))
    if len(guidance) >= m.guidance_threshold and not speaks and indicator_rows < m.plan_indicator_rows:
        reasons.append("it reads as guidance to authorities: " + ", ".join(guidance))
    if reasons:
        reasons.append(f"{indicator_rows} indicator rows in tables (a plan carries its BVPI tables)")
        return Classification("not_plan", tuple(reasons))
    why = [f"{indicator_rows} indicator rows in tables"]
    if speaks:
        why.append("it speaks of itself as the plan")
    return Classification("plan", tuple(why))


def classified(ctx: RuleContext) -> Classification:
    """The classification of ``ctx.doc``, computed once per check (the engine and rules share it)."""
    result: Classification = ctx.memo("classification", lambda: classify_document(ctx.doc))
    return result


def classify(doc: Document) -> Kind:
    """``plan`` or ``not_plan``."""
    return classify_document(doc).kind
