"""Severity overrides and suppressions with reasons (placeholder until the reports issue)."""

from __future__ import annotations

from dataclasses import replace

from plancheck.config import Settings
from plancheck.report import Context, Finding


def apply_overrides(findings: list[Finding], settings: Settings, path: str, context: Context) -> list[Finding]:
    """Apply ``settings.severity`` overrides; suppressions are added by the reports issue."""
    out = []
    for f in findings:
        sev = settings.severity.get(f.rule) or settings.severity.get(f.rule_name)
        out.append(replace(f, severity=sev) if sev in ("error", "warning", "info") else f)  # type: ignore[arg-type]
    return out
