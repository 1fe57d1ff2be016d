"""``--format markdown``: a summary to paste into a committee report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from plancheck.report import Report
from plancheck.reporters import labels

STATUS_MARK = {
    "met": "✅ Met",
    "partial": "⚠️ Partial",
    "missing": "❌ Missing",
    "not_required": "➖ Not required",
    "not_checked": "⏸️ Not checked",
}
_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: str) -> str:
    """Document text made inert in Markdown: one line, markup characters escaped, HTML as entities."""
    text = labels.one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def write(reports: Sequence[Report], stream: TextIO, **_: object) -> None:
    """An overview table for several documents, then one section per document."""
    out: list[str] = ["# Best Value Performance Plan check", ""]
    if len(reports) > 1:
        out += ["| Document | Verdict | Errors | Warnings |", "|---|---|---:|---:|"]
        for r in reports:
            s, verdict = r.summary, labels.VERDICT_WORDS[r.summary.verdict]
            out.append(f"| {md(labels.display_name(r))} | {verdict} | {s.errors} | {s.warnings} |")
        out.append("")
    for r in reports:
        out += _section(r)
    stream.write("\n".join(out).rstrip("\n") + "\n")


def _section(r: Report) -> list[str]:
    c = r.context
    required = [q for q in r.requirements if q.applicability == "required"]
    met = sum(q.status == "met" for q in required)
    out = [
        f"## {md(labels.display_name(r))}",
        "",
        f"**Verdict: {labels.VERDICT_WORDS[r.summary.verdict]}.** "
        f"{met} of {len(required)} required elements met; {labels.counts_phrase(r)}.",
        "",
        f"File: `{r.document.path.replace('`', '')}`"
        + (f" ({r.document.pages} pages)" if r.document.pages is not None else ""),
        "",
    ]
    for why in labels.verdict_reasons(r):
        out += [md(why), ""]
    facts = [f"{label} {md(value)}" + (f" ({source})" if source else "")
             for label, value, source in labels.context_rows(c) if value != "not known"]  # fmt: skip
    if facts:
        out += ["Checked as: " + "; ".join(facts) + ".", ""]
    if c.out_of_scope:
        out += [f"Out of scope: {md(c.out_of_scope)}", ""]
    out += ["| Requirement | Status | Evidence |", "|---|---|---|"]
    for q in r.requirements:
        where = ", ".join(dict.fromkeys(labels.evidence_label(e) for e in q.evidence)) or "none"
        advisory = " (advisory)" if q.applicability == "advisory" else ""
        mark = "not assessed" if labels.status_word(q) == "not assessed" else STATUS_MARK[q.status]
        out.append(f"| **{q.id}** {md(q.title)}{advisory} | {mark} | {md(where)} |")
    out.append("")
    gaps = [q for q in r.requirements if q.applicability == "required" and q.status in ("missing", "partial")]
    if gaps and r.summary.verdict not in ("not_a_plan", "unreadable"):
        out += ["### Key gaps", ""]
        for q in gaps:
            advice = labels.advice_for(r, q.id)
            line = f"- **{q.id}** ({labels.status_word(q)}): {md(q.title)}."
            if q.detail:
                line += f" {md(q.detail)}"
            if advice:
                line += " *Advice:* " + " ".join(md(a) for a in advice[: labels.ADVICE_SHOWN])
                if more := labels.more_phrase(len(advice), labels.ADVICE_SHOWN, "suggestion"):
                    line += f" ({more} in the full report.)"
            out.append(line)
        out.append("")
    live = [f for f in r.findings if not f.suppressed]
    if live:
        # Every finding, a compliant plan's warnings too: the summary is the report, not a teaser of it.
        out += [f"### Findings ({len(live)})", ""]
        for f in live:
            where = labels.finding_location(f.location)
            line = f"- **{f.severity}** {f.rule} {f.rule_name}" + (f" ({md(where)})" if where else "")
            line += f": {md(f.message)}"
            if f.suggestion:
                line += f" *Fix:* {md(f.suggestion)}"
            out.append(line)
        out.append("")
    suppressed = [f for f in r.findings if f.suppressed]
    if suppressed:
        out += ["### Accepted deviations", ""]
        out += [f"- {f.rule} {md(f.message)} Reason: {md(f.suppressed or '')}" for f in suppressed]
        out.append("")
    return out
