"""The indicator rules on the generated fixture plans (fixtures/specs/indicators-tables.yml), both forms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plancheck.indicators.codes import normalise_code
from tests.conftest import FIXTURES
from tests.indicators.plans import check, findings, requirement

GENERATED = FIXTURES / "generated"
FORMATS = ["docx", "pdf"]


def fixture(name: str, fmt: str) -> Path:
    path = GENERATED / f"{name}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path.name} not generated: make fixtures")
    return path


def truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GENERATED / f"{name}.truth.json").read_text())
    return data


def truth_page(name: str, code: str) -> int:
    """The PDF page of the row holding ``code``, from the generator's poppler-based truth."""
    for item in truth(name)["items"]:
        if item["type"] == "table":
            for row, page in zip(item["rows"], item["row_pages"], strict=True):
                if normalise_code(row[0]) == code:
                    return int(page)
    raise AssertionError(code)


@pytest.mark.parametrize("fmt", FORMATS)
def test_gaps_plan(fmt: str) -> None:
    name = "indicators-gaps-2004"
    report = check(fixture(name, fmt), authority_type="district")
    assert report.context.plan_year == "2004/05"
    # 46 rows over two pages with a repeated header: none lost, none doubled.
    assert len(report.indicators) == 46
    for rid in ("PI-OUTTURN", "PI-TARGETS"):
        # Rows with unexplained gaps are errors under the requirement: never met while they stand.
        r = requirement(report, rid)
        assert r.status == "partial" and "unexplained" in r.detail
        assert all(e.text and (e.page or e.heading_path) for e in r.evidence)
    errors = {
        (f.message.split(":")[0], f.rule) for f in findings(report, "PC201") + findings(report, "PC202")
    }
    assert errors == {("BV78a", "PC201"), ("BV89", "PC201"), ("BV205", "PC201"), ("BV109c", "PC202")}
    warned = {f.message.split(":")[0] for f in findings(report, "PC203")}
    assert warned == {"BV11b", "BV156", "BV212"}
    for f in findings(report, "PC201") + findings(report, "PC202") + findings(report, "PC203"):
        code = f.message.split(":")[0]
        # Counted from 1, as the reader counts, and the same in the message as in the location.
        assert f.location.table == 1 and f.location.row is not None
        assert f"table {f.location.table} row {f.location.row}" in f.message
        if fmt == "pdf":
            assert f.location.page == truth_page(name, code)
            assert f"page {f.location.page}" in f.message
    tbc = next(f for f in findings(report, "PC201") if f.message.startswith("BV78a"))
    assert "2003/04 outturn ('Outturn 2003/04' column) is 'TBC'" in tbc.message
    if fmt == "pdf":
        assert requirement(report, "PI-OUTTURN").evidence[0].page == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_stale_plan(fmt: str) -> None:
    report = check(fixture("indicators-stale-2004", fmt), authority_type="district")
    [stale] = findings(report, "PC204")
    assert "has the years of the 2003/04 plan, not the 2004/05 plan" in stale.message
    assert requirement(report, "PI-OUTTURN").status == "missing"
    targets = requirement(report, "PI-TARGETS")
    assert (
        targets.status == "partial" and "targets given for 2 of 3 years (2004/05, 2005/06)" in targets.detail
    )
    if fmt == "pdf":
        assert stale.location.page == 2 and stale.message.startswith("Table 1 (page 2)")


@pytest.mark.parametrize("fmt", FORMATS)
def test_split_tables_plan(fmt: str) -> None:
    report = check(fixture("indicators-split-tables-2005", fmt), authority_type="unitary")
    assert report.context.plan_year == "2005/06"
    assert len(report.indicators) == 15
    first = report.indicators[0]
    assert (first.outturn_year, first.outturn_value) == ("2004/05", "60.0%")
    assert dict(first.targets) == {"2005/06": "61.0%", "2006/07": "62.0%", "2007/08": "63.0%"}
    assert requirement(report, "PI-OUTTURN").status == "met"
    assert requirement(report, "PI-TARGETS").status == "met"


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("district-targets-merged", 5),
        ("london-borough-merged", 17),
        ("county-long-repeat", 47),
        ("fire-landscape", 18),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_other_fixture_plans_meet_both(name: str, rows: int, fmt: str) -> None:
    report = check(fixture(name, fmt))
    assert len(report.indicators) == rows
    assert requirement(report, "PI-OUTTURN").status == "met"
    assert requirement(report, "PI-TARGETS").status == "met"


@pytest.mark.parametrize("fmt", FORMATS)
def test_pta_plan_reports_every_catalogue_indicator(fmt: str) -> None:
    report = check(fixture("indicators-pta-2004", fmt), authority_type="pta")
    assert report.context.tier == "other"
    assert findings(report, "PC206") == []
    assert requirement(report, "PI-OUTTURN").status == "met"
    # Tier "other": the current year's target only.
    assert requirement(report, "PI-TARGETS").status == "met"
    assert [dict(i.targets) for i in report.indicators] == [
        {"2004/05": "99,000,000"},
        {"2004/05": "60%"},
        {"2004/05": "57%"},
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_first_plan_2000(fmt: str) -> None:
    report = check(fixture("indicators-first-plan-2000", fmt), authority_type="district")
    assert report.context.regime == "bvpp-2000"
    for rid in ("ART3-E", "ART3-F"):
        r = requirement(report, rid)
        assert r.status == "met" and r.evidence and (r.evidence[0].page or r.evidence[0].heading_path)
    assert [i.outturn_year for i in report.indicators] == ["1999/00"] * 5
    if fmt == "pdf":
        assert requirement(report, "ART3-F").evidence[0].page == 2
