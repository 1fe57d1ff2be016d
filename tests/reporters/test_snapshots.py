"""Every reporter against the canned reports (tests/reporters/canned.py), compared with committed snapshots.

The expected outputs live in tests/reporters/snapshots/. After an intended change to a
reporter, regenerate them and review the diff like code:

    PLANCHECK_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/reporters -q
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import pty
from dataclasses import replace
from pathlib import Path

import pytest

from plancheck import reporters
from plancheck.report import Finding, IndicatorRow, Report
from tests.reporters import canned

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("PLANCHECK_UPDATE_SNAPSHOTS") == "1"

CASES = {
    "report.txt": ("text", {}),
    "report.json": ("json", {}),
    "report.html": ("html", {"checked_on": datetime.date(2004, 7, 1)}),
    "report.sarif": ("sarif", {"rules": canned.CATALOGUE}),
    "findings.csv": ("csv", {}),
    "summary.csv": ("csv", {"summary": True}),
    "report.md": ("markdown", {}),
}


def render(fmt: str, reports: list[Report] | None = None, **options: object) -> str:
    buf = io.StringIO()
    reporters.get(fmt)(reports if reports is not None else canned.reports(), buf, **options)
    return buf.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_reporter_matches_snapshot(name: str) -> None:
    fmt, options = CASES[name]
    got = render(fmt, **options)
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no snapshot {path.name}: run with PLANCHECK_UPDATE_SNAPSHOTS=1 and review it")
        path.write_bytes(got.encode("utf-8"))
    assert got == path.read_bytes().decode("utf-8"), f"{name} changed; see the module docstring"


def test_every_format_has_a_snapshot() -> None:
    assert {fmt for fmt, _ in CASES.values()} == set(reporters.FORMATS)


def test_json_round_trips_to_the_same_reports() -> None:
    data = json.loads(render("json"))
    assert [Report.from_dict(d) for d in data] == canned.reports()


def test_text_is_plain_when_not_a_terminal_and_coloured_when_forced() -> None:
    plain = render("text")
    assert "\x1b[" not in plain
    coloured = render("text", color=True)
    assert "\x1b[" in coloured
    assert "NOT COMPLIANT" in coloured


def test_text_groups_by_requirement_with_symbols_words_and_quotes() -> None:
    out = render("text")
    assert "✘ missing      WORKFORCE" in out
    assert "◐ partial      IMPROVEMENT" in out
    assert '    p.7: "We will address the weaknesses' in out
    assert 'Part 1 › Our priorities: "Our priorities: Housing & Health' in out
    assert "advice: Add a brief statement certifying" in out
    assert "Authority type district (given)" in out
    assert "CPA category   fair (detected)" in out
    assert "suppressed because: Recycling outturn withheld" in out


def test_text_summarises_indicator_problems_rather_than_listing_rows() -> None:
    targets = (("2004/05", None), ("2005/06", "1"), ("2006/07", "2"))
    rows = tuple(
        IndicatorRow(f"BV{i}", 12, "2003/04", "1", targets, ("missing target: 2004/05",)) for i in range(300)
    )
    big = replace(canned.plan_report(), indicators=rows)
    out = render("text", [big])
    assert "Indicators: 300 rows read, 300 with problems" in out
    assert "missing target: 300 (e.g. BV0 p.12, BV1 p.12, BV2 p.12, and 297 more)" in out
    assert out.count("BV2") == 1


def test_text_falls_back_to_ascii_symbols_on_a_non_utf_stream() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    reporters.get("text")([canned.unreadable_report()], stream)
    stream.flush()
    assert b"x not assessed" in raw.getvalue()


def test_html_escapes_document_text() -> None:
    out = render("html")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "Housing &amp; Health" in out


def test_html_is_self_contained() -> None:
    out = render("html")
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in out


def test_markdown_neutralises_markup_and_table_pipes() -> None:
    out = render("markdown")
    assert "<script>" not in out
    assert "weaknesses" not in out  # evidence quotes are not pasted, only their locations
    row = next(line for line in out.splitlines() if line.startswith("| **WORKFORCE**"))
    assert row.count("|") - row.count("\\|") == 4
    assert "**Verdict: Not compliant.** 2 of 5 required elements met" in out


def test_csv_rows_parse_and_guard_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv"))))
    assert len(rows) == 7
    suppressed = [r for r in rows if r["suppressed"] == "yes"]
    assert len(suppressed) == 1
    assert suppressed[0]["suppression_reason"].startswith("Recycling outturn withheld")
    assert suppressed[0]["suggestion"].startswith("'=HYPERLINK")
    assert {r["severity"] for r in rows} == {"error", "warning", "info"}
    assert rows[-2]["rule"] == "PC001" and rows[-2]["document"] == "plans/locked.pdf"
    assert rows[-1]["rule"] == "PC002" and rows[-1]["document"] == "papers/cabinet-item-7.docx"


def test_csv_summary_has_a_column_per_requirement_in_the_union() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", summary=True))))
    assert [r["verdict"] for r in rows] == ["non_compliant", "unreadable", "not_a_plan"]
    assert rows[0]["WORKFORCE"] == "missing" and rows[0]["CPA-SCORES"] == ""
    assert rows[1]["CPA-SCORES"] == "missing" and rows[1]["EFFICIENCY"] == ""
    assert rows[0]["errors"] == "2" and rows[0]["suppressed"] == "1"


def test_reporters_accept_no_reports_without_crashing() -> None:
    for fmt in ("text", "html", "sarif", "csv", "markdown"):
        render(fmt, [])


def test_text_caps_long_runs_of_one_rule_and_counts_the_suppressed_ones() -> None:
    plan = canned.plan_report()
    many = tuple(
        Finding("PC206", "PI-OUTTURN", "warning", f"BV{i} is not reported.", suggestion=f"Report BV{i}.")
        for i in range(40)
    )
    quiet = Finding(
        "PC206", "PI-OUTTURN", "warning", "BV999 is not reported.", suppressed="Not applicable here."
    )
    out = render("text", [replace(plan, findings=(*many, quiet))])
    assert "BV4 is not reported." in out and "BV5 is not reported." not in out
    assert "... and 36 more PC206 findings, 1 of them suppressed" in out
    assert "suppressed because: Not applicable here." not in out
    assert "advice: ... and 37 more suggestions (see the findings)" in out


def test_text_is_coloured_on_a_real_terminal_and_plain_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    def on_pty() -> bytes:
        master, replica = pty.openpty()
        try:
            with open(replica, "w", encoding="utf-8") as tty:
                reporters.get("text")([canned.unreadable_report()], tty)
            return os.read(master, 1 << 16)
        finally:
            os.close(master)

    assert b"\x1b[" in on_pty()
    monkeypatch.setenv("NO_COLOR", "1")
    assert b"\x1b[" not in on_pty()
