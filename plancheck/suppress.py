"""Severity overrides and suppressions with reasons, applied to a document's findings.

A suppressed finding is kept, marked with the auditor's reason; the engine's
summary leaves it out of the counts and the exit status. A suppression that
applies to a document but matches none of its findings is itself reported
(PC900 unused-suppression, info), so stale acceptances do not linger.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from fnmatch import fnmatch
from pathlib import Path, PurePath

from plancheck.config import Settings, Suppression
from plancheck.report import Context, Finding
from plancheck.vocabulary import SEVERITIES

UNUSED_RULE = "PC900"
UNUSED_NAME = "unused-suppression"


def apply_overrides(
    findings: list[Finding], settings: Settings, path: str, context: Context
) -> list[Finding]:
    """Suppress what configuration accepts, report unused suppressions, then apply severity overrides."""
    active = [s for s in settings.suppressions if applies_to_document(s, path, context)]
    used: set[int] = set()
    out = []
    for f in findings:
        hit = None if f.suppressed else next((i for i, s in enumerate(active) if matches(s, f)), None)
        if hit is not None:
            used.add(hit)
            f = replace(f, suppressed=active[hit].reason)
        out.append(f)
    if not _ignored(settings):
        out += [unused_finding(s) for i, s in enumerate(active) if i not in used]
    return [_with_severity(f, settings) for f in out]


def matches(s: Suppression, f: Finding) -> bool:
    """Whether suppression ``s`` names finding ``f``'s rule (code or name) and requirement."""
    if s.rule is not None and s.rule not in (f.rule, f.rule_name):
        return False
    return s.requirement is None or s.requirement == f.requirement


def applies_to_document(s: Suppression, path: str, context: Context) -> bool:
    """Whether the suppression's document glob and authority name cover this document."""
    if s.authority is not None:
        name = context.authority_name
        if not name or not fnmatch(name.casefold(), s.authority.casefold()):
            return False
    return s.document is None or any(fnmatch(c, s.document) for c in _path_forms(path, s.base))


def _path_forms(path: str, base: str | None) -> list[str]:
    # A glob may be written relative to the config file, as given on the command line, or as a bare name.
    p = PurePath(path)
    forms = [p.as_posix(), p.name]
    if base:
        with suppress(ValueError, OSError):
            forms.append(Path(path).resolve().relative_to(base).as_posix())
    return forms


def unused_finding(s: Suppression) -> Finding:
    """The info finding that says a suppression matched nothing in this document."""
    named = ", ".join(f"{k} {v}" for k, v in (("rule", s.rule), ("requirement", s.requirement)) if v)
    return Finding(
        rule=UNUSED_RULE,
        rule_name=UNUSED_NAME,
        # No requirement: an unused acceptance says nothing about whether the requirement is met.
        requirement=None,
        severity="info",
        message=f"The suppression {s.key or 'in the configuration'} ({named}) matched no finding here.",
        suggestion="Remove the suppression, or correct its rule, requirement, document or authority.",
    )


def _ignored(settings: Settings) -> bool:
    keys = settings.ignore
    return any(UNUSED_RULE.startswith(k) or k == UNUSED_NAME for k in keys)


def _with_severity(f: Finding, settings: Settings) -> Finding:
    sev = settings.severity.get(f.rule) or settings.severity.get(f.rule_name)
    return replace(f, severity=sev) if sev in SEVERITIES else f  # type: ignore[arg-type]
