"""index.html: compliance rates as inline SVG charts, the documents table and the cross-year checks.

Everything is in one static file: no network, no script needed to read it
(a few lines of script only make the table sortable).
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

from plancheck import __version__
from plancheck.batch.db import StoredDocument
from plancheck.batch.outputs import requirement_ids

Row = tuple[StoredDocument, str]
"""A stored document and the link to its report page."""

_VERDICT_COLOURS = {
    "compliant": "#2e7d32",
    "non_compliant": "#c62828",
    "not_a_plan": "#757575",
    "unreadable": "#6a1b9a",
    "out_of_scope": "#1565c0",
}
_GROUPS = (("tier", "tier"), ("authority type", "authority_type"), ("plan year", "plan_year"))


def rates(rows: Sequence[Row], group_field: str | None) -> dict[str, dict[str, tuple[int, int]]]:
    """group -> requirement -> (met, assessed), over plans where the requirement applies."""
    out: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for doc, _ in rows:
        row = doc.row
        if row["kind"] != "plan" or row["verdict"] == "out_of_scope":
            continue
        group = str(row.get(group_field) or "unknown") if group_field else "all plans"
        for rid, status, applicability in doc.requirements:
            if applicability == "not_required" or status == "not_checked":
                continue
            met, n = out[group].get(rid, (0, 0))
            out[group][rid] = (met + (status == "met"), n + 1)
    return dict(out)


def bar_chart(title: str, series: dict[str, dict[str, tuple[int, int]]], requirements: Sequence[str]) -> str:
    """A horizontal bar chart: one block of bars per requirement, one bar per group, as SVG."""
    groups = sorted(series)
    if not groups:
        return f"<p>{html.escape(title)}: no plans to chart.</p>"
    palette = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#4e342e", "#558b2f")
    bar, gap, label_w, width = 14, 10, 150, 420
    height = 30 + len(requirements) * (len(groups) * bar + gap) + 20 * ((len(groups) + 2) // 3)
    parts = [
        f'<svg role="img" aria-label="{html.escape(title)}" width="{label_w + width + 110}"'
        f' height="{height}" xmlns="http://www.w3.org/2000/svg"'
        ' font-family="sans-serif" font-size="11">',
        f"<title>{html.escape(title)}</title>",
    ]
    y = 20
    for rid in requirements:
        parts.append(f'<text x="0" y="{y + bar * len(groups) / 2 + 4:.0f}">{html.escape(rid)}</text>')
        for i, g in enumerate(groups):
            met, n = series[g].get(rid, (0, 0))
            colour = palette[i % len(palette)]
            if n:
                w = width * met / n
                label = f"{100 * met / n:.0f}% ({met}/{n})"
            else:
                w, label = 0, "n/a"
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colour}">'
                f"<title>{html.escape(g)}, {html.escape(rid)}: {label}</title></rect>"
                f'<text x="{label_w + w + 4:.1f}" y="{y + bar - 4}">{label}</text>'
            )
            y += bar
        y += gap
    for i, g in enumerate(groups):  # the legend
        x, ly = (i % 3) * 200, y + 14 + 20 * (i // 3)
        colour = palette[i % len(palette)]
        parts.append(
            f'<rect x="{x}" y="{ly - 10}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{ly}">{html.escape(g)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def verdict_chart(rows: Sequence[Row]) -> str:
    """A stacked bar of documents by verdict, as SVG."""
    counts = Counter(d.row["verdict"] for d, _ in rows)
    total = sum(counts.values()) or 1
    width, x = 600, 0.0
    parts = [
        f'<svg role="img" aria-label="Documents by verdict" width="{width}" height="50"'
        ' xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">'
    ]
    for verdict, n in sorted(counts.items()):
        w = width * n / total
        colour = _VERDICT_COLOURS.get(verdict, "#999")
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="24" fill="{colour}">'
            f"<title>{verdict}: {n}</title></rect>"
            f'<text x="{x + 2:.1f}" y="40">{html.escape(verdict)} {n}</text>'
        )
        x += w
    parts.append("</svg>")
    return "".join(parts)


def _env() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(Path(__file__).parent / "templates"))
    return jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True)


def render(rows: Sequence[Row], crossyear_rows: Sequence[dict[str, Any]], *, source: str) -> str:
    """The dashboard page."""
    reqs = requirement_ids([d for d, _ in rows])
    overall = bar_chart("All plans", rates(rows, None), reqs)
    charts = [("All plans: share of applicable requirements met", overall)]
    for label, field in _GROUPS:
        charts.append((f"By {label}", bar_chart(f"Requirements met by {label}", rates(rows, field), reqs)))
    documents = []
    for doc, link in rows:
        row = doc.row
        status = {rid: st for rid, st, _ in doc.requirements}
        documents.append(
            {
                "path": row["path"],
                "name": Path(row["path"]).name,
                "link": link,
                "authority": row.get("authority") or "",
                "authority_type": row.get("authority_type") or "",
                "plan_year": row.get("plan_year") or "",
                "tier": row.get("tier") or "",
                "verdict": row["verdict"],
                "reason": row["reason"] or "",
                "pages": row.get("pages") or "",
                "statuses": [status.get(q, "") for q in reqs],
            }
        )
    names = {d.row["id"]: Path(d.row["path"]).name for d, _ in rows}
    cross = [
        dict(c, earlier=names.get(c["earlier_document_id"], ""), later=names.get(c["later_document_id"], ""))
        for c in crossyear_rows
    ]
    verdicts = Counter(c.get("verdict") or "no verdict" for c in cross)
    return (
        _env()
        .get_template("index.html.j2")
        .render(
            title="plancheck batch",
            source=source,
            version=__version__,
            generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            verdict_chart=verdict_chart(rows),
            charts=charts,
            requirements=reqs,
            documents=documents,
            crossyear=cross,
            crossyear_counts=sorted(verdicts.items()),
            verdict_colours=_VERDICT_COLOURS,
        )
    )


def write(out: Path, rows: Sequence[Row], crossyear_rows: Sequence[dict[str, Any]], *, source: str) -> Path:
    """Write index.html under ``out`` (atomically) and return its path."""
    target = out / "index.html"
    tmp = target.with_suffix(".tmp")
    tmp.write_text(render(rows, crossyear_rows, source=source), encoding="utf-8")
    tmp.replace(target)
    return target
