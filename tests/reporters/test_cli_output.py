"""Reporters through the real CLI on a real plan and a real encrypted PDF: files written, plain when piped."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO, WILD
from tests.test_config import make_plan

EXAMPLE = FIXTURES / "example" / "borsetshire-bvpp-2004.pdf"
LOCKED = WILD / "pdf" / "password-example.pdf"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    plan = EXAMPLE if EXAMPLE.exists() else make_plan(tmp_path_factory.mktemp("plan") / "plan.docx")
    return [plan, LOCKED] if LOCKED.exists() else [plan]


def plancheck(*args: str | Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "plancheck", "check", "--no-isolate", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=240, cwd=REPO)


def test_text_piped_is_plain_and_grouped(inputs: list[Path]) -> None:
    res = plancheck(*inputs, "--format", "text")
    assert res.returncode == 2 if LOCKED in inputs else res.returncode in (0, 1), res.stderr
    assert "\x1b[" not in res.stdout
    assert "Verdict:" in res.stdout and "Requirements (" in res.stdout and "Context:" in res.stdout
    if LOCKED in inputs:
        assert "could not be read: encrypted" in res.stdout


@pytest.mark.parametrize("fmt", ["html", "sarif", "markdown"])
def test_output_file_is_written_for_every_format(inputs: list[Path], fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    res = plancheck(*inputs, "--format", fmt, "--output", out)
    assert res.stdout == ""
    assert res.returncode in (0, 1, 2), res.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "sarif":
        artifacts = json.loads(text)["runs"][0]["artifacts"]
        assert [a["location"]["uri"] for a in artifacts] == [p.as_uri() for p in inputs]
    else:
        assert "Best Value Performance Plan check" in text and "Verdict" in text


def test_csv_summary_has_one_row_per_document(inputs: list[Path]) -> None:
    res = plancheck(*inputs, "--format", "csv", "--summary")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["document"] for r in rows] == [str(p) for p in inputs]
    assert "WORKFORCE" in rows[0]
    if LOCKED in inputs:
        assert rows[1]["verdict"] == "unreadable"


def test_markdown_keeps_every_finding_of_a_compliant_plan() -> None:
    report = json.loads(plancheck(EXAMPLE, "--format", "json").stdout)
    assert report["summary"]["verdict"] == "compliant" and report["findings"]
    markdown = plancheck(EXAMPLE, "--format", "markdown").stdout
    assert f"### Findings ({len(report['findings'])})" in markdown
    for f in report["findings"]:
        assert f"**{f['severity']}** {f['rule']} {f['rule_name']}" in markdown
