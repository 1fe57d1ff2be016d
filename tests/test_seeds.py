"""The five seed papers ABOUT plans are never plans: text, DOCX (python-docx) and PDF (LibreOffice) forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.config import Settings
from plancheck.engine import check_path
from plancheck.report import Report
from tests.conftest import SEEDS, needs_shared, needs_soffice
from tests.seedconv import docx_to_pdf, seed_to_docx

SEED_FILES = sorted(p for p in SEEDS.glob("*.md") if p.name != "README.md") if SEEDS.is_dir() else []

pytestmark = needs_shared


def _assert_not_a_plan(report: Report) -> None:
    assert report.document.kind == "not_plan"
    assert report.summary.verdict == "not_a_plan"
    assert report.exit_code == 1
    pc002 = [f for f in report.findings if f.rule == "PC002"]
    assert len(pc002) == 1 and "not a performance plan" in pc002[0].message
    assert len(pc002[0].message) > len("This is not a performance plan: ")  # the reasons are given
    identified = report.requirement("IDENTIFIED")
    assert identified is None or identified.status != "met"  # a paper about the plan is not the plan


def test_there_are_five_seeds() -> None:
    assert len(SEED_FILES) == 5


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_text_is_not_a_plan(seed: Path) -> None:
    _assert_not_a_plan(check_path(seed))


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_docx_is_not_a_plan(seed: Path, tmp_path: Path) -> None:
    _assert_not_a_plan(check_path(seed_to_docx(seed, tmp_path / f"{seed.stem}.docx")))


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_pdf_is_not_a_plan(seed: Path, tmp_path: Path) -> None:
    pdf = docx_to_pdf(seed_to_docx(seed, tmp_path / f"{seed.stem}.docx"), tmp_path)
    report = check_path(pdf)
    assert report.document.format == "pdf"
    _assert_not_a_plan(report)


def test_describing_the_workforce_requirement_does_not_fulfil_it() -> None:
    # Huntingdonshire restates the four requirements ("the following information must be published —").
    report = check_path(SEEDS / "huntingdonshire-cabinet-bvpp-2004.md")
    workforce = report.requirement("WORKFORCE")
    assert workforce is not None and workforce.status != "met"
    assert workforce.detail.startswith("Not assessed: this is not a performance plan")
    # Read as a plan, the restated list is still a list of requirements and fulfils nothing.
    declared = check_path(SEEDS / "huntingdonshire-cabinet-bvpp-2004.md", Settings(kind="plan"))
    workforce = declared.requirement("WORKFORCE")
    assert workforce is not None and workforce.status != "met"
    assert any("set aside" in s for s in workforce.searched)


def test_the_2007_report_restating_annex_a_meets_no_content_requirement() -> None:
    report = check_path(SEEDS / "council-report-bvpp-2007.md")
    for rid in ("WORKFORCE", "PI-OUTTURN", "PI-TARGETS"):
        r = report.requirement(rid)
        assert r is not None and r.status == "missing", (rid, r)


@pytest.mark.parametrize(
    ("name", "year", "regime"),
    [
        ("council-report-bvpp-2007", "2007/08", "bvpp-2004"),
        ("hertfordshire-cabinet-draft-bvpp-2003", "2003/04", "bvpp-2003"),
        ("huntingdonshire-cabinet-bvpp-2004", "2004/05", "bvpp-2004"),
        ("odpm-circular-02-2004", None, "bvpp-2004"),  # "Local Government Act 1999" is not a plan year
    ],
)
def test_plan_year_is_read_from_the_seeds_wording(name: str, year: str | None, regime: str) -> None:
    context = check_path(SEEDS / f"{name}.md").context
    assert (context.plan_year, context.regime) == (year, regime)
    if year:
        assert context.source["plan_year"] == "detected"
