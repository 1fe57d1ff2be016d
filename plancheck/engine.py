"""Run the rules over a document and assemble the report.

``check_path`` is the one entry point the CLI, batch runner and web app use:
file -> extractor -> document model -> context -> rules -> report. An
unreadable file is a report too (``kind: unreadable``, exit 2), never a crash.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from plancheck import __version__
from plancheck.catalogue import regime as get_regime
from plancheck.classify import classified
from plancheck.config import Settings
from plancheck.context import resolve_context
from plancheck.errors import ExtractionError
from plancheck.extract import load
from plancheck.model import Document
from plancheck.report import (
    SEVERITY_ORDER,
    Context,
    DocumentInfo,
    Finding,
    IndicatorRow,
    Report,
    RequirementResult,
    Summary,
    Verdict,
)
from plancheck.rules import registry
from plancheck.rules.base import Assessment, Output, Rule, RuleContext

UNREADABLE_RULE = "PC001"
CRASHED_RULE = "PC003"
PARTLY_READ_CAVEAT = "Part of the document was not read (see PC004): what is missing may be there."


@functools.cache
def ruleset_digest() -> str:
    """A short digest of the rule code and pattern data, so stored results know what made them."""
    from plancheck.patterns import patterns_dir

    h = hashlib.sha256(__version__.encode())
    for p in sorted(patterns_dir().rglob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    for p in sorted((Path(__file__).parent / "rules").rglob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def check_path(path: str | Path, settings: Settings | None = None) -> Report:
    """Check one file. Never raises for a bad file: an unreadable one gets an unreadable report."""
    settings = settings or Settings()
    try:
        doc = load(path, settings.extract)
    except ExtractionError as e:
        return unreadable_report(str(path), e.reason, settings, fmt=e.format)
    return check_document(doc, settings)


def unreadable_report(path: str, reason: str, settings: Settings, *, fmt: str | None = None) -> Report:
    """The report for a file that could not be read: every requirement missing, exit 2."""
    context = resolve_context(None, settings)
    finding = Finding(
        rule=UNREADABLE_RULE,
        rule_name="unreadable-document",
        requirement=None,
        severity="error",
        message=f"The file could not be read: {reason}.",
        suggestion="Check the file opens; supply --password for an encrypted PDF or --ocr for a scan.",
    )
    reqs = _requirement_results(context, {}, unreadable=reason)
    return Report(
        version=__version__,
        document=DocumentInfo(
            path=path, sha256=None, format=fmt, pages=None, kind="unreadable", reason=reason
        ),
        context=context,
        requirements=reqs,
        indicators=(),
        findings=(finding,),
        summary=Summary(verdict="unreadable", errors=1, warnings=0),
        ruleset=ruleset_digest(),
    )


def check_document(doc: Document, settings: Settings | None = None) -> Report:
    """Check an extracted document."""
    settings = settings or Settings()
    context = resolve_context(doc, settings)
    context = replace(context, source={**context.source, "kind": "given" if settings.kind else "detected"})
    ctx = RuleContext(doc=doc, context=context, settings=settings)
    judged = classified(ctx)
    info = DocumentInfo(
        path=doc.path,
        sha256=doc.sha256,
        format=doc.format,
        pages=doc.pages,
        kind=judged.kind,
        reason=judged.reason,
        title=doc.metadata.get("title"),
        genre=judged.genre,
    )
    if context.out_of_scope:
        reqs = tuple(
            RequirementResult(q.id, q.title, q.citation, "not_required", detail=context.out_of_scope)
            for q in get_regime(context.regime).requirements
        )
        return Report(
            __version__, info, context, reqs, (), (), Summary("out_of_scope", 0, 0), ruleset_digest()
        )

    assessments: dict[str, Assessment] = {}
    sources: dict[str, str] = {}
    findings: list[Finding] = []
    indicators: list[IndicatorRow] = []
    in_regime = {q.id for q in get_regime(context.regime).requirements}
    chosen = registry.select(settings.select, settings.ignore)
    not_checked = _not_checked(context, chosen)
    if not_checked:
        left_out = "; ".join(f"{q} ({', '.join(codes)})" for q, codes in not_checked.items())
        context = replace(context, notes=(*context.notes, f"Not checked (rules deselected): {left_out}."))
        ctx = RuleContext(doc=doc, context=context, settings=settings)
    for rule_cls in chosen:
        rule = rule_cls()
        if rule.regimes and context.regime not in rule.regimes:
            continue
        if rule.feeds() and not set(rule.feeds()) & in_regime:
            continue
        for out in _run(rule, ctx):
            if isinstance(out, Assessment):
                kept = _stronger(assessments.get(out.requirement), out)
                if kept is out:
                    sources[out.requirement] = rule.code
                assessments[out.requirement] = kept
            elif isinstance(out, Finding):
                findings.append(out)
            else:
                indicators.append(out)

    kind = judged.kind
    if kind != "plan":
        assessments, findings = _not_a_plan(judged.genre, assessments, sources, findings)
    reqs = _requirement_results(
        context,
        assessments,
        partly_read=bool(doc.warnings),
        kind=kind,
        genre=judged.genre,
        not_checked=not_checked,
    )
    findings = _apply_settings(findings, settings, doc.path, context)
    findings.sort(key=_finding_order)
    reqs = _no_met_under_errors(reqs, findings)
    summary = _summarise(kind, reqs, findings, settings)
    return Report(
        version=__version__,
        document=info,
        context=context,
        requirements=reqs,
        indicators=tuple(indicators),
        findings=tuple(findings),
        summary=summary,
        ruleset=ruleset_digest(),
    )


_STATUS_RANK = {"missing": 0, "partial": 1, "met": 2, "not_required": 3, "not_checked": 4}
NOT_ASSESSED = "Not assessed:"
"""How the detail of every requirement of a document that is not a plan (or unreadable) begins."""


def not_a_plan_reason(genre: str | None) -> str:
    """Why a document's requirements were not assessed, in the words of its genre."""
    from plancheck.classify import model

    what = model().descriptions.get(genre or "other", "not a performance plan")
    return f"this is not a performance plan but {what}"


def _not_a_plan(
    genre: str,
    assessments: dict[str, Assessment],
    sources: dict[str, str],
    findings: list[Finding],
) -> tuple[dict[str, Assessment], list[Finding]]:
    """A paper about a plan fulfils nothing: each requirement is not assessed, and no advice is given to
    a plan's author - unless an indicator table in it really shows the element (an annexed BVPI table)."""
    reason = f"{NOT_ASSESSED} {not_a_plan_reason(genre)}."
    kept: dict[str, Assessment] = {}
    for req, a in assessments.items():
        shown = (
            a.status in ("met", "partial")
            and registry.reads_tables(sources.get(req, ""))
            and all(e.role is None for e in a.evidence)  # table data, never a sentence of the paper
        )
        if shown:
            kept[req] = replace(
                a,
                detail=f"{a.detail} Shown by an indicator table in a document that is "
                f"not a plan ({not_a_plan_reason(genre)}).".strip(),
            )
        elif a.status != "not_required":
            kept[req] = Assessment(req, "missing", detail=reason)
        else:
            kept[req] = a
    return kept, [f for f in findings if registry.about_the_file(f.rule)]


def _run(rule: Rule, ctx: RuleContext) -> list[Output]:
    """A rule's outputs; a rule that raises becomes a PC003 finding and a not-judged requirement."""
    try:
        return list(rule.check(ctx))
    except Exception as e:  # one faulty rule must not lose the report (PC003 documents this)
        from plancheck.errors import PatternError

        if isinstance(e, PatternError):
            raise  # broken pattern data is a configuration error for the whole run, not one rule's
        reason = f"{type(e).__name__}: {e}"
        outs: list[Output] = [
            Finding(
                rule=CRASHED_RULE,
                rule_name="rule-crashed",
                requirement=rule.requirement,
                severity="error",
                message=f"Rule {rule.code} {rule.name} failed on this document ({reason}); "
                f"{rule.requirement or 'its check'} was not judged.",
                suggestion="Report this to the plancheck maintainers; judge the requirement by hand.",
            )
        ]
        if rule.requirement is not None:
            outs.append(
                Assessment(
                    rule.requirement, "missing", detail=f"Not judged: rule {rule.code} failed ({reason})."
                )
            )
        return outs


def _not_checked(context: Context, chosen: list[type[Rule]]) -> dict[str, tuple[str, ...]]:
    """Requirements of the regime whose every rule was deselected, with those rules' codes."""
    out: dict[str, tuple[str, ...]] = {}
    picked = set(chosen)
    for q in get_regime(context.regime).requirements:
        feeders = [
            r
            for r in registry.ALL_RULES
            if q.id in r.feeds() and (not r.regimes or context.regime in r.regimes)
        ]
        if feeders and not picked.intersection(feeders):
            out[q.id] = tuple(r.code for r in feeders)
    return out


def _stronger(old: Assessment | None, new: Assessment) -> Assessment:
    """Where two rules feed one requirement, the weaker verdict wins (a gap found by either stands)."""
    if old is None:
        return new
    return new if _STATUS_RANK[new.status] < _STATUS_RANK[old.status] else old


def _requirement_results(
    context: Context,
    assessments: dict[str, Assessment],
    *,
    unreadable: str | None = None,
    partly_read: bool = False,
    kind: str = "plan",
    genre: str | None = None,
    not_checked: dict[str, tuple[str, ...]] | None = None,
) -> tuple[RequirementResult, ...]:
    """One result per requirement of the regime; ``partly_read`` puts a caveat on every absence."""
    out = []
    for q in get_regime(context.regime).requirements:
        applies = q.applicability(context.tier, context.plan_year)
        a = assessments.get(q.id)
        if not unreadable and not_checked and q.id in not_checked and applies != "not_required":
            codes = ", ".join(not_checked[q.id])
            detail = f"Not checked: its rules ({codes}) were left out by the select/ignore settings."
            out.append(
                RequirementResult(
                    q.id, q.title, q.citation, "not_checked", detail=detail, applicability=applies
                )
            )
            continue
        if unreadable:
            why: str | None = f"the file could not be read ({unreadable})"
        elif a is None and kind != "plan" and applies != "not_required":
            why = not_a_plan_reason(genre)
        else:
            why = None
        if why:
            detail = f"{NOT_ASSESSED} {why}."
            out.append(
                RequirementResult(q.id, q.title, q.citation, "missing", detail=detail, applicability=applies)
            )
        elif applies == "not_required":
            found = f" (found: {a.status})" if a and a.status != "missing" else ""
            out.append(
                RequirementResult(
                    q.id,
                    q.title,
                    q.citation,
                    "not_required",
                    evidence=a.evidence if a else (),
                    detail=f"Not required for tier {context.tier} under {context.regime}{found}.",
                    searched=a.searched if a else (),
                    applicability=applies,
                )
            )
        elif a is None:
            out.append(
                RequirementResult(
                    q.id,
                    q.title,
                    q.citation,
                    "missing",
                    detail="No rule assessed this element.",
                    applicability=applies,
                )
            )
        elif a.status == "not_required":
            # A conditional requirement whose condition does not hold (e.g. no Local PSA).
            out.append(
                RequirementResult(
                    q.id,
                    q.title,
                    q.citation,
                    "not_required",
                    a.evidence,
                    a.detail,
                    a.searched,
                    "not_required",
                )
            )
        else:
            detail = a.detail
            if partly_read and a.status in ("missing", "partial"):
                detail = f"{detail} {PARTLY_READ_CAVEAT}".strip()
            out.append(
                RequirementResult(
                    q.id, q.title, q.citation, a.status, a.evidence, detail, a.searched, applies
                )
            )
    return tuple(out)


def _no_met_under_errors(
    reqs: tuple[RequirementResult, ...], findings: list[Finding]
) -> tuple[RequirementResult, ...]:
    """One story per requirement: one with an error finding standing against it is never shown met."""
    against: dict[str, list[str]] = {}
    for f in findings:
        if f.requirement and f.severity == "error" and not f.suppressed:
            against.setdefault(f.requirement, []).append(f.rule)
    out = []
    for q in reqs:
        rules = against.get(q.id)
        if q.status == "met" and rules:
            codes = ", ".join(dict.fromkeys(rules))
            detail = f"{q.detail} But {len(rules)} error finding(s) stand against it ({codes}).".strip()
            q = replace(q, status="partial", detail=detail)
        out.append(q)
    return tuple(out)


def _apply_settings(
    findings: Iterable[Finding], settings: Settings, path: str, context: Context
) -> list[Finding]:
    """Severity overrides and suppressions from configuration."""
    from plancheck.suppress import apply_overrides

    return apply_overrides(list(findings), settings, path, context)


def _finding_order(f: Finding) -> tuple[int, int, str]:
    page = f.location.page if f.location.page is not None else -1
    return (page, -SEVERITY_ORDER[f.severity], f.rule)


def _summarise(
    kind: str, reqs: tuple[RequirementResult, ...], findings: list[Finding], settings: Settings
) -> Summary:
    live = [f for f in findings if not f.suppressed]
    errors = sum(f.severity == "error" for f in live)
    warnings = sum(f.severity == "warning" for f in live)
    infos = sum(f.severity == "info" for f in live)
    threshold = SEVERITY_ORDER.get(settings.fail_on, 2)
    failing = any(SEVERITY_ORDER[f.severity] >= threshold for f in live)
    # A requirement whose every finding was suppressed is an accepted deviation, not a failure.
    accepted = {f.requirement for f in findings if f.suppressed} - {f.requirement for f in live}
    unmet = any(
        r.applicability == "required" and r.status not in ("met", "not_checked") and r.id not in accepted
        for r in reqs
    )
    verdict: Verdict
    if kind == "not_plan":
        verdict = "not_a_plan"
    elif unmet or failing:
        verdict = "non_compliant"
    else:
        verdict = "compliant"
    return Summary(verdict, errors, warnings, infos, sum(1 for f in findings if f.suppressed))
