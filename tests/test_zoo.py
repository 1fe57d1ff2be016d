"""The layout zoo (fixtures/zoo): 27 plans made by other tools, each with its truth beside it.

Context and publication date must agree with the truth on every plan.
The tables are measured by bench/zoo.py (row recall and cell accuracy per layout kind); here the row
recall of every plan must not fall below the floor it had when last measured, so a change that loses
rows fails (raise FLOOR as extraction improves).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from plancheck.config import Settings
from plancheck.engine import check_path
from plancheck.report import Report
from tests.conftest import FIXTURES

ZOO = FIXTURES / "zoo"
TRUTHS = sorted(ZOO.glob("*.truth.json"))
FLOOR = 0.75
"""Row recall over the whole zoo when last measured (bench/RESULTS.md, Layout zoo): never lower."""


def _truth(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _code(code: str) -> str:
    c = re.sub(r"[\s\-]", "", code)
    m = re.match(r"(?i)(?:BVPI|BV)?0*(\d+)(.*)", c)
    return f"BV{int(m.group(1))}{m.group(2)}" if m else c


@pytest.fixture(scope="module")
def checked() -> list[tuple[dict[str, Any], Report]]:
    return [(t, check_path(ZOO / t["file"], Settings(kind="plan"))) for t in map(_truth, TRUTHS)]


def test_the_zoo_is_made_by_several_tools_in_many_layouts() -> None:
    truths = [_truth(p) for p in TRUTHS]
    assert len(truths) >= 24
    assert len({t["tool"] for t in truths}) >= 5
    assert len({k for t in truths for k in t["layout_kinds"]}) >= 30


def test_every_context_value_agrees_with_the_truth(checked: list[tuple[dict[str, Any], Report]]) -> None:
    for truth, report in checked:
        c = report.context
        got = {"authority_type": c.authority_type, "cpa_category": c.cpa_category, "plan_year": c.plan_year,
               "regime": c.regime}  # fmt: skip
        want = {k: (str(v).split()[0] if v is not None else None) for k, v in truth["context"].items()}
        assert got == want, (truth["name"], c.notes)


def test_the_publication_month_agrees(checked: list[tuple[dict[str, Any], Report]]) -> None:
    for truth, report in checked:
        published = report.requirement("PUBLISHED")
        if published is not None:
            dated = re.search(r"Dated \d\d (\w+) (\d{4})", published.detail)
            month = None
            if dated:
                months = ["January", "February", "March", "April", "May", "June", "July", "August",
                          "September", "October", "November", "December"]  # fmt: skip
                month = f"{dated.group(2)}-{months.index(dated.group(1)) + 1:02d}"
            assert month == truth["publication_date"], (truth["name"], published.detail)


def test_row_recall_never_falls_below_the_floor(checked: list[tuple[dict[str, Any], Report]]) -> None:
    wanted = found = 0
    for truth, report in checked:
        codes = {_code(i.code) for i in report.indicators}
        wanted += len(truth["rows"])
        found += sum(_code(r["code"]) in codes for r in truth["rows"])
    assert found / wanted >= FLOOR, f"{found}/{wanted}"
