"""The layout zoo (fixtures/zoo): 27 plans made by other tools, each with its truth beside it, and six long
plans (fixtures/long) from a second generator written apart from the first.

Context and publication date must agree with the truth on every plan; every BVPI row must be found and
at least 99% of the cells read as printed, and every requirement status as the truth says (bench/indicators.py
gives the same figures per layout kind).
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
LONG = FIXTURES / "long"  # 18-21 page plans from a second, separately written generator
LONG2 = FIXTURES / "long2"  # 15-16 page plans from a third
TRUTHS = sorted(ZOO.glob("*.truth.json"))
ALL_TRUTHS = TRUTHS + sorted(LONG.glob("*.truth.json")) + sorted(LONG2.glob("*.truth.json"))
ROW_FLOOR = 1.0
CELL_FLOOR = 0.99  # every cell is read today; TBC/n/a count as read when reported as a quoted gap
"""Row recall and cell accuracy over the whole zoo, the issue's bar (bench/RESULTS.md, Layout zoo)."""


def _truth(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _code(code: str) -> str:
    c = re.sub(r"[\s\-]", "", code)
    m = re.match(r"(?i)(?:BVPI|BV)?0*(\d+)(.*)", c)
    return f"BV{int(m.group(1))}{m.group(2)}" if m else c


@pytest.fixture(scope="module")
def checked() -> list[tuple[dict[str, Any], Report]]:
    return [(_truth(p), check_path(p.parent / _truth(p)["file"], Settings(kind="plan"))) for p in ALL_TRUTHS]


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


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def _read(row: Any, kind: str, year: str, want: str, got: str | None) -> bool:
    """Read as printed: the value, or a gap marker ("TBC") given as no value with a problem quoting it."""
    quoted = f"{year} {kind} '{' '.join(want.split())}'"
    return _same(got, want) or (got is None and any(p.startswith(quoted) for p in row.problems))


def test_every_row_is_found_and_its_cells_read(checked: list[tuple[dict[str, Any], Report]]) -> None:
    wanted = found = cells = right = 0
    lost = []
    for truth, report in checked:
        rows = {_code(i.code): i for i in report.indicators}
        for t in truth["rows"]:
            got = rows.get(_code(t["code"]))
            wanted += 1
            found += got is not None
            if got is None:
                lost.append(f"{truth['name']}: {t['code']}")
            # The outturn, and each target year the report's tier asks for (a national park's is one).
            years = dict(got.targets) if got else {}
            cells += 1 + sum(1 for y in t["targets"] if y in years or got is None)
            if got is None:
                continue
            outturn = t["outturn"]
            same_year = got.outturn_year == outturn["year"]
            right += same_year and _read(got, "outturn", outturn["year"], outturn["value"], got.outturn_value)
            read = [_read(got, "target", y, v, years[y]) for y, v in t["targets"].items() if y in years]
            right += sum(read)
    assert found / wanted >= ROW_FLOOR, (f"{found}/{wanted}", lost[:10])
    assert right / cells >= CELL_FLOOR, f"{right}/{cells}"


def _evidence(result: Any) -> str:
    ev = result.evidence[0] if result.evidence else None
    return f"p{ev.page} {ev.text[:160]!r}" if ev else "-"


Checked = list[tuple[dict[str, Any], Report]]


def test_no_plan_that_misses_a_required_element_is_compliant(checked: Checked) -> None:
    for truth, report in checked:
        # The long plans' truth leaves applicability to the context, which must agree (tested above).
        from_report = {q.id: q.applicability for q in report.requirements}
        applies = truth.get("requirements_applicability") or from_report
        disputed = truth.get("requirements_disputed", {})
        failed = [
            r
            for r, s in truth["requirements"].items()
            if applies.get(r) == "required" and s != "met" and r not in disputed
        ]
        if failed:
            assert report.summary.verdict != "compliant", (truth["name"], failed)


def test_requirement_statuses_agree_with_the_truth(checked: list[tuple[dict[str, Any], Report]]) -> None:
    """The truth's status for each requirement is what the generator wrote into the plan (make_zoo.py), not
    plancheck's judgement."""
    agree = total = 0
    wrong = []
    for truth, report in checked:
        for rid, want in truth["requirements"].items():
            if rid in truth.get("requirements_disputed", {}):
                continue  # a status careful readers differ on: reported by bench/indicators.py, not scored
            got = report.requirement(rid)
            if got is None:
                continue
            total += 1
            agree += got.status == want
            if got.status != want:
                wrong.append(f"{truth['name']} {rid}: truth {want}, got {got.status}: {got.detail[:90]}")
    assert not wrong, f"{agree} of {total} agree:\n" + "\n".join(wrong)
