"""``--format text``: a readable report grouped by requirement, coloured on a terminal."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.text import Text

from plancheck.report import Finding, Report, RequirementResult
from plancheck.reporters import labels

STATUS_STYLE = {
    "met": "green",
    "partial": "yellow",
    "missing": "bold red",
    "not_required": "dim",
    "not_checked": "dim",
}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
VERDICT_STYLE = {
    "compliant": "bold green",
    "non_compliant": "bold red",
    "not_a_plan": "bold magenta",
    "unreadable": "bold red",
    "out_of_scope": "bold blue",
}
QUOTE_CHARS = 160
INDENT = "    "


def write(reports: Sequence[Report], stream: TextIO, *, color: bool | None = None, **_: object) -> None:
    """Write each report; ANSI colour only when ``stream`` is a terminal (or ``color`` says so)."""
    if color is None:
        # Decided here, not by rich's environment sniffing, so piped output is always plain.
        color = _is_terminal(stream) and not os.environ.get("NO_COLOR")
    console = Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    symbols = labels.STATUS_SYMBOLS if "utf" in encoding else labels.ASCII_SYMBOLS
    for i, report in enumerate(reports):
        if i:
            console.print()
        for line in _document_lines(report, symbols):
            console.print(line)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _document_lines(r: Report, symbols: dict[str, str]) -> list[Text]:
    lines = [Text(r.document.path, style="bold underline")]
    verdict = Text("  Verdict: ").append(
        labels.VERDICT_WORDS[r.summary.verdict].upper(), style=VERDICT_STYLE[r.summary.verdict]
    )
    lines.append(verdict.append(f"  ({labels.counts_phrase(r)})"))
    d = r.document
    pages = f", {d.pages} pages" if d.pages is not None else ""
    title = f', title "{labels.one_line(d.title)}"' if d.title else ""
    genre = f", genre {d.genre}" if d.genre else ""
    lines.append(Text(f"  Document: {d.format or 'unknown format'}{pages}, kind {d.kind}{genre}{title}"))
    lines += [Text(f"  {why}", style="bold") for why in labels.verdict_reasons(r)]
    lines += _context_lines(r)
    lines += _requirement_lines(r, symbols)
    lines += _indicator_lines(r)
    lines += _finding_lines(r)
    return lines


def _context_lines(r: Report) -> list[Text]:
    lines = [Text("  Context:", style="bold")]
    for label, value, source in labels.context_rows(r.context):
        lines.append(Text(f"    {label:<15}{value}" + (f" ({source})" if source else "")))
    if r.context.out_of_scope:
        lines.append(Text(f"    Out of scope: {r.context.out_of_scope}", style="blue"))
    lines += [Text(f"    note: {n}", style="dim") for n in r.context.notes]
    return lines


def _requirement_lines(r: Report, symbols: dict[str, str]) -> list[Text]:
    counts = labels.status_counts(r)
    tally = ", ".join(f"{n} {labels.STATUS_WORDS[s]}" for s, n in counts.items() if n)
    lines = [Text(f"  Requirements ({tally}):", style="bold")]
    for q in r.requirements:
        lines += _one_requirement(r, q, symbols)
    return lines


def _one_requirement(r: Report, q: RequirementResult, symbols: dict[str, str]) -> list[Text]:
    style = STATUS_STYLE[q.status]
    head = Text("    ").append(f"{symbols[q.status]} {labels.status_word(q):<13}", style=style)
    head.append(f"{q.id:<16}", style="bold").append(q.title)
    if q.applicability == "advisory":
        head.append(" (advisory)", style="dim")
    lines = [head, Text(f"{INDENT * 2}{q.citation}", style="dim")]
    for e in q.evidence:
        quote = labels.one_line(e.text)
        quote = quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1] + "…"
        lines.append(Text(f'{INDENT * 2}{labels.evidence_label(e)}: "{quote}"'))
    if q.detail:
        lines.append(Text(f"{INDENT * 2}{q.detail}", style="dim"))
    if q.status == "missing" and q.searched:
        lines.append(Text(f"{INDENT * 2}searched: " + "; ".join(q.searched), style="dim"))
    advice = labels.advice_for(r, q.id)
    lines += [Text(f"{INDENT * 2}advice: {a}", style="italic") for a in advice[: labels.ADVICE_SHOWN]]
    if more := labels.more_phrase(len(advice), labels.ADVICE_SHOWN, "suggestion"):
        lines.append(Text(f"{INDENT * 2}advice: ... {more} (see the findings)", style="italic"))
    return lines


def _indicator_lines(r: Report) -> list[Text]:
    if not r.indicators:
        return (
            [Text("  Indicators: no indicator rows read", style="bold")]
            if r.document.kind != "unreadable"
            else []
        )
    with_problems = sum(1 for row in r.indicators if row.problems)
    lines = [
        Text(f"  Indicators: {len(r.indicators)} rows read, {with_problems} with problems", style="bold")
    ]
    for g in labels.problem_groups(r.indicators):
        examples = ", ".join(f"{row.code} {labels.location_label(row.page)}".strip() for row in g.examples)
        more = f", and {g.count - len(g.examples)} more" if g.count > len(g.examples) else ""
        lines.append(Text(f"    {g.kind}: {g.count} (e.g. {examples}{more})"))
    return lines


def _finding_lines(r: Report) -> list[Text]:
    if not r.findings:
        return [Text("  Findings: none", style="bold")]
    lines = [Text(f"  Findings ({len(r.findings)}):", style="bold")]
    shown: Counter[str] = Counter()
    for f in r.findings:
        if shown[f.rule] < labels.FINDINGS_PER_RULE:
            shown[f.rule] += 1
            lines += _one_finding(f)
    total = Counter(f.rule for f in r.findings)
    for rule, n in total.items():
        if more := labels.more_phrase(n, shown[rule], f"{rule} finding"):
            hidden = [f for f in r.findings if f.rule == rule][shown[rule] :]
            quiet = sum(1 for f in hidden if f.suppressed)
            note = f", {quiet} of them suppressed" if quiet else ""
            lines.append(Text(f"    ... {more}{note} (all are in --format json, csv or html)", style="dim"))
    return lines


def _one_finding(f: Finding) -> list[Text]:
    line = Text("    ")
    if f.suppressed:
        line.append("suppressed ", style="dim")
    line.append(f"{f.severity:<8}", style="dim" if f.suppressed else SEVERITY_STYLE[f.severity])
    name = f" {f.rule_name}" if f.rule_name else ""
    line.append(f"{f.rule}{name}", style="bold").append(
        f"  {labels.finding_location(f.location)}: {f.message}"
    )
    lines = [line]
    if f.suggestion:
        lines.append(Text(f"{INDENT * 3}suggestion: {f.suggestion}", style="italic"))
    if f.suppressed:
        lines.append(Text(f"{INDENT * 3}suppressed because: {f.suppressed}", style="dim"))
    return lines
