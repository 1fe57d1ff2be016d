"""Words, symbols and summaries shared by the human-readable reporters.

Everything here reads finished Report values and turns them into display
strings or groupings; nothing decides a status or drops a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plancheck.report import Context, Evidence, Finding, IndicatorRow, Location, Report, RequirementResult

STATUS_WORDS = {
    "met": "met",
    "partial": "partial",
    "missing": "missing",
    "not_required": "not required",
    "not_checked": "not checked",
}
STATUS_SYMBOLS = {"met": "✔", "partial": "◐", "missing": "✘", "not_required": "–", "not_checked": "·"}
ASCII_SYMBOLS = {"met": "+", "partial": "~", "missing": "x", "not_required": "-", "not_checked": "."}
STATUS_ORDER = ("met", "partial", "missing", "not_required", "not_checked")

VERDICT_WORDS = {
    "compliant": "Compliant",
    "non_compliant": "Not compliant",
    "not_a_plan": "Not a performance plan",
    "unreadable": "Unreadable",
    "out_of_scope": "Out of scope",
}

NOT_ASSESSED = "Not assessed:"
"""How the engine begins the detail of a requirement it did not assess (a paper that is not a plan)."""
UPLOAD_INSTEAD = (
    "Check the plan itself - the published Best Value Performance Plan (often the appendix to a committee "
    "report) - not a paper, page or law about it. If this really is the plan, say so (--kind plan, the "
    "kind key, or on the web page)."
)


def status_word(q: RequirementResult) -> str:
    """``not assessed`` for a requirement of a document that is not a plan, else the status in words."""
    return "not assessed" if q.detail.startswith(NOT_ASSESSED) else STATUS_WORDS[q.status]


def verdict_reasons(r: Report) -> list[str]:
    """Why a verdict is what it is, for a document that is not a plan or could not be read; else nothing."""
    d = r.document
    if d.kind == "unreadable":
        return [f"The file could not be read: {d.reason}." if d.reason else "The file could not be read."]
    if r.summary.verdict != "not_a_plan":
        return []
    judged = f"Judged not a plan (genre {d.genre or 'other'})" + (f": {d.reason}." if d.reason else ".")
    return [judged, UPLOAD_INSTEAD]


CONTEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("authority_name", "Authority"),
    ("authority_type", "Authority type"),
    ("cpa_category", "CPA category"),
    ("previous_cpa", "Previous CPA"),
    ("plan_year", "Plan year"),
    ("regime", "Regime"),
    ("tier", "Tier"),
)

EXAMPLES_PER_PROBLEM = 3
ADVICE_SHOWN = 3
"""Short formats show this many suggestions per requirement, then say how many more there are."""
FINDINGS_PER_RULE = 5
"""The text format shows this many findings per rule, then counts the rest."""


def location_label(page: int | None, heading_path: Sequence[str] = ()) -> str:
    """``p.12``, or the heading path for Word files without pages, or "" when neither is known."""
    if page is not None:
        return f"p.{page}"
    return " › ".join(heading_path)


def evidence_label(e: Evidence) -> str:
    """Where a quote comes from: page and, when known, the heading path."""
    where = location_label(e.page, ())
    path = " › ".join(e.heading_path)
    if where and path:
        return f"{where}, {path}"
    return where or path or "location unknown"


def finding_location(loc: Location) -> str:
    """Page (or heading path) plus table and row where a finding has them."""
    parts = [location_label(loc.page, loc.heading_path)] if (loc.page is not None or loc.heading_path) else []
    if loc.table is not None:
        parts.append(f"table {loc.table}")
    if loc.row is not None:
        parts.append(f"row {loc.row}")
    return ", ".join(parts) or "whole document"


def one_line(text: str) -> str:
    """Collapse whitespace so a quote stays on one line."""
    return " ".join(text.split())


def status_counts(report: Report) -> dict[str, int]:
    """How many requirements have each status, in STATUS_ORDER."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for r in report.requirements:
        counts[r.status] += 1
    return counts


def counts_phrase(report: Report) -> str:
    """``2 errors, 1 warning, 0 infos, 1 suppressed``."""
    s = report.summary

    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"

    return (
        f"{n(s.errors, 'error')}, {n(s.warnings, 'warning')}, {n(s.infos, 'info')}, {s.suppressed} suppressed"
    )


def advice_for(report: Report, requirement: str) -> list[str]:
    """The distinct suggestions of the findings about ``requirement``, in report order."""
    seen: dict[str, None] = {}
    for f in report.findings:
        if f.requirement == requirement and f.suggestion:
            seen.setdefault(f.suggestion, None)
    return list(seen)


def more_phrase(total: int, shown: int, what: str) -> str:
    """``and 32 more suggestions`` (empty when nothing is left out)."""
    rest = total - shown
    return f"and {rest} more {what}{'' if rest == 1 else 's'}" if rest > 0 else ""


def findings_for(report: Report, requirement: str) -> list[Finding]:
    """The findings about ``requirement``."""
    return [f for f in report.findings if f.requirement == requirement]


def context_rows(context: Context) -> list[tuple[str, str, str]]:
    """(label, value, where it came from) for each context field."""
    rows = []
    for key, label in CONTEXT_FIELDS:
        value = getattr(context, key)
        # The previous CPA is only ever given by the user; the contract has no source key for it.
        fallback = "given" if key == "previous_cpa" and value else ""
        rows.append((label, value if value is not None else "not known", context.source.get(key, fallback)))
    return rows


def problem_kind(problem: str) -> str:
    """The kind of an indicator problem: its text before the first colon (the rest is detail)."""
    return problem.split(":", 1)[0].strip()


@dataclass(frozen=True, slots=True)
class ProblemGroup:
    """Indicator rows that share one kind of problem."""

    kind: str
    count: int
    examples: tuple[IndicatorRow, ...]


def problem_groups(rows: Iterable[IndicatorRow], examples: int = EXAMPLES_PER_PROBLEM) -> list[ProblemGroup]:
    """Problems counted per kind, most frequent first, each with its first few rows."""
    groups: dict[str, list[IndicatorRow]] = {}
    for row in rows:
        for kind in dict.fromkeys(problem_kind(p) for p in row.problems):
            groups.setdefault(kind, []).append(row)
    ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    return [ProblemGroup(kind, len(rs), tuple(rs[:examples])) for kind, rs in ordered]


def target_years(rows: Iterable[IndicatorRow]) -> list[str]:
    """The target-year labels of all rows, in first-seen order."""
    years: dict[str, None] = {}
    for row in rows:
        for year, _ in row.targets:
            years.setdefault(year, None)
    return list(years)


def display_name(report: Report) -> str:
    """The document's title where known, else its path."""
    return report.document.title or report.document.path
