"""What the page shows of a report: verdict wording, detected values, gaps and how to fix them."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any

from plancheck.report import Evidence, Finding, Report, RequirementResult
from plancheck.reporters.labels import verdict_reasons
from plancheck.rules import registry
from plancheck.vocabulary import AUTHORITY_TYPES, CPA_CATEGORIES

VERDICT_TEXT = {
    "compliant": "Compliant: every requirement that applies is met.",
    "non_compliant": "Not compliant: some requirements are not met.",
    "not_a_plan": "This does not look like a Best Value Performance Plan.",
    "unreadable": "The file could not be checked.",
    "out_of_scope": "Out of scope: plancheck does not check this kind of plan.",
}
DOWNLOAD_FORMATS = ("json", "html", "csv")
MEDIA_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Gap:
    """A requirement that applies and is not met: what is wrong (each finding once), then how to fix it."""

    result: RequirementResult
    advice: tuple[str, ...]
    problems: tuple[Finding, ...] = ()
    """The findings against it, errors first, each said once (indicator rows included)."""

    @property
    def evidence(self) -> list[Evidence]:
        """The evidence quoted once each (two rules may quote the same passage)."""
        seen: dict[tuple[int | None, str], Evidence] = {}
        for e in self.result.evidence:
            seen.setdefault((e.page, e.text), e)
        return list(seen.values())


def available_formats() -> tuple[str, ...]:
    """The download formats whose reporter is installed (html and csv land with the reports issue)."""
    return tuple(f for f in DOWNLOAD_FORMATS if importlib.util.find_spec(f"plancheck.reporters.{f}_report"))


def advice_for(report: Report, requirement: str) -> tuple[str, ...]:
    """Fix-it text for a requirement: the findings' suggestions, then its rules' 'How to fix' (no messages:
    those are the problems, shown apart)."""
    texts: list[str | None] = [
        f.suggestion for f in report.findings if f.requirement == requirement and not f.suppressed
    ]
    texts += [r.doc_sections().get("How to fix") for r in registry.ALL_RULES if r.requirement == requirement]
    return _unique(texts)


def problems_for(report: Report, requirement: str) -> tuple[Finding, ...]:
    """The live findings against ``requirement``, errors first, one per message."""
    order = {"error": 0, "warning": 1, "info": 2}
    seen: dict[str, Finding] = {}
    for f in sorted(report.findings, key=lambda f: order[f.severity]):
        if f.requirement == requirement and not f.suppressed and f.severity != "info":
            seen.setdefault(" ".join(f.message.split()), f)
    return tuple(seen.values())


def _unique(texts: list[str | None]) -> tuple[str, ...]:
    """Non-empty texts, whitespace-normalised, first occurrence only (two rules often say the same)."""
    out: dict[str, None] = {}
    for t in texts:
        if t and t.strip():
            out.setdefault(" ".join(t.split()), None)
    return tuple(out)


def gaps(report: Report) -> list[Gap]:
    """Requirements that count against the plan (required or advisory) and are not met."""
    return [
        Gap(r, advice_for(report, r.id), problems_for(report, r.id))
        for r in report.requirements
        if r.applicability != "not_required" and r.status in ("missing", "partial")
    ]


def form_values(report: Report | None, fields: dict[str, str]) -> dict[str, str]:
    """Values to pre-fill: what the officer typed, else what the report detected or assumed."""
    ctx = report.context if report else None
    detected = {
        "authority_type": ctx.authority_type if ctx else None,
        "cpa": ctx.cpa_category if ctx else None,
        "previous_cpa": ctx.previous_cpa if ctx else None,
        "year": ctx.plan_year if ctx else None,
    }
    values = {k: fields.get(k) or (v or "") for k, v in detected.items()}
    values["kind"] = fields.get("kind", "")  # only what the officer chose: the judgement shows in the result
    return values


def sources(report: Report) -> dict[str, str]:
    """Form field -> given/detected/default, as the report's context says."""
    src = report.context.source
    return {
        "authority_type": src.get("authority_type", "default"),
        "cpa": src.get("cpa_category", "default"),
        "year": src.get("plan_year", "default"),
    }


def page_context(report: Report | None, fields: dict[str, str], **extra: Any) -> dict[str, Any]:
    """Everything the index template reads."""
    ctx: dict[str, Any] = {
        "report": report,
        "values": form_values(report, fields),
        "authority_types": AUTHORITY_TYPES,
        "cpa_categories": CPA_CATEGORIES,
        "formats": available_formats(),
        "verdict_text": VERDICT_TEXT,
        "verdict_reasons": verdict_reasons,
        "sources": None,
        "ask_password": False,
        "token": None,
        "error": None,
    }
    if report is not None:
        ctx["gaps"] = gaps(report)
        ctx["met"] = [r for r in report.requirements if r.status == "met"]
        ctx["not_required"] = [r for r in report.requirements if r.applicability == "not_required"]
        ctx["sources"] = sources(report)
        ctx["findings"] = [f for f in report.findings if not f.suppressed]
    ctx.update(extra)
    return ctx
