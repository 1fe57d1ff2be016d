"""``--format text``: a readable report grouped by requirement (placeholder until the reports issue)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from plancheck.report import Report


def write(reports: Sequence[Report], stream: TextIO, **_: object) -> None:
    """Plain text, one section per document."""
    for r in reports:
        c = r.context
        stream.write(f"{r.document.path}  [{r.document.kind}]  verdict: {r.summary.verdict}\n")
        stream.write(f"  regime {c.regime}, tier {c.tier}, plan year {c.plan_year}\n")
        for q in r.requirements:
            stream.write(f"  {q.status:<12} {q.id:<14} {q.title}\n")
            for e in q.evidence[:1]:
                stream.write(f"               p.{e.page}: \"{e.text[:100]}\"\n")
        for f in r.findings:
            stream.write(f"  {f.severity:<8} {f.rule} p.{f.location.page}: {f.message}\n")
        stream.write(f"  {r.summary.errors} errors, {r.summary.warnings} warnings\n\n")
