"""The 80-page benchmark plan (bench/make_plan.py): every BVPI row read, every gap reported."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from plancheck.indicators.codes import normalise_code
from plancheck.indicators.values import read_cell
from plancheck.report import Report
from tests.conftest import REPO, needs_soffice, soffice_convert
from tests.indicators.plans import check, findings, requirement

BLOCKS_80_PAGES = 31  # what make_plan.py --pages 80 calibrates to
YEARS = ("2003/04", "2004/05", "2005/06", "2006/07")

pytestmark = [pytest.mark.slow]


def _make_plan() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_plan", REPO / "bench" / "make_plan.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("bench") / "plan80.docx"
    doc, truth, _ = _make_plan().build(BLOCKS_80_PAGES)
    doc.save(str(out))
    return out, truth


def _truth_gaps(truth: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(code, year) of every gap marker in a required column of the BVPI tables."""
    gaps = []
    for t in truth:
        if t["kind"] != "bvpi":
            continue
        for row in t["rows"]:
            for year, cell in zip(YEARS, row[2:6], strict=True):
                if not read_cell(cell).present:
                    gaps.append((normalise_code(row[0]) or "", year))
    return gaps


def _reported_gaps(report: Report) -> list[tuple[str, str]]:
    out = []
    for f in report.findings:
        if f.rule in ("PC201", "PC202", "PC203"):
            code, rest = f.message.split(": ", 1)
            out.append((code, rest.split(" ", 1)[0]))
    return out


def _assert_plan_checked(report: Report, truth: list[dict[str, Any]]) -> None:
    bvpi_rows = [r for t in truth if t["kind"] == "bvpi" for r in t["rows"]]
    assert len(report.indicators) == len(bvpi_rows)
    assert [i.code for i in report.indicators] == [normalise_code(r[0]) for r in bvpi_rows]
    for row, got in zip(bvpi_rows, report.indicators, strict=True):
        assert got.outturn_value == (row[2] if read_cell(row[2]).present else None)
    gaps = _truth_gaps(truth)
    assert gaps, "the benchmark plan has n/a / TBC / New / - cells"
    for rid in ("PI-OUTTURN", "PI-TARGETS"):
        # The plan's gap markers carry no explanation: errors under each requirement, so partial.
        r = requirement(report, rid)
        assert r.status == "partial", r.detail
        assert r.evidence and all(e.text and (e.page or e.heading_path) for e in r.evidence)
    assert sorted(_reported_gaps(report)) == sorted(gaps)


def test_docx_form(plan: tuple[Path, list[dict[str, Any]]]) -> None:
    path, truth = plan
    report = check(path, year="2004/05", authority_type="district")
    _assert_plan_checked(report, truth)
    errors = findings(report, "PC201") + findings(report, "PC202")
    assert errors and all(f.location.table is not None and f.location.row is not None for f in errors)


@needs_soffice
@pytest.mark.libreoffice
def test_pdf_form(plan: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    path, truth = plan
    soffice_convert(path, tmp_path, timeout=300)
    report = check(tmp_path / "plan80.pdf", authority_type="district")
    assert report.context.plan_year == "2004/05"
    _assert_plan_checked(report, truth)
    gap_findings = [f for f in report.findings if f.rule in ("PC201", "PC202", "PC203")]
    assert all(f.location.page and f"page {f.location.page}" in f.message for f in gap_findings)
