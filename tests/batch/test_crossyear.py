"""Across years: targets set in one plan against the outturn the next plan reports; restated outturns."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from docx import Document

from plancheck.batch.crossyear import PlanIndicators, compare, normal_code, number, polarity
from plancheck.report import IndicatorRow
from tests.batch.plans import INDICATORS, PLACES


def _table(path: str) -> dict[str, dict[str, str]]:
    """The BVPI table of a generated plan, read straight from the DOCX (the test's own oracle)."""
    t = Document(path).tables[0]
    header = [c.text for c in t.rows[0].cells]
    return {
        normal_code(r.cells[0].text): dict(zip(header, (c.text for c in r.cells), strict=True))
        for r in t.rows[1:]
    }


@pytest.mark.slow
def test_targets_against_next_years_outturn(
    sqlite_baseline: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = sqlite_baseline
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        n_indicators = conn.execute("select count(*) from indicators").fetchone()[0]
        rows = conn.execute(
            "select c.code, c.year, c.comparison, c.earlier_value, c.later_value, c.difference, c.polarity, "
            "c.verdict, e.path, l.path from crossyear c join documents e on e.id = c.earlier_document_id "
            "join documents l on l.id = c.later_document_id"
        ).fetchall()
    if n_indicators == 0:
        pytest.skip("the indicator rules read no BVPI rows yet: nothing to compare across years")
    direction = {normal_code(code): d for code, _, d in INDICATORS}
    compared = [r for r in rows if r[2] == "target_vs_outturn"]
    assert {r[7] for r in compared} == {"met", "missed"}
    for shown, year, _, target, outturn, diff, pol, verdict, earlier, later in compared:
        code = normal_code(shown)
        assert pol == ("higher" if direction[code] > 0 else "lower")
        assert _table(earlier)[code][f"{year} Target"] == target
        assert _table(later)[code][f"{year} Outturn"] == outturn
        assert diff == pytest.approx(float(outturn) - float(target))
        better = float(outturn) >= float(target) if pol == "higher" else float(outturn) <= float(target)
        assert verdict == ("met" if better else "missed")
    # Every fifth authority has a revised 2006/07 plan restating the first indicator's 2005/06 outturn.
    restated = {(Path(r[8]).parent.name, normal_code(r[0]), r[1]) for r in rows if r[2] == "restated_outturn"}
    revised = {p.lower().replace(" ", "-").replace("'", "") for a, p in enumerate(PLACES) if a % 5 == 0}
    assert restated == {(p, normal_code(INDICATORS[0][0]), "2005/06") for p in revised}
    index = (out / "index.html").read_text()
    assert index.count("restated_outturn") == len(restated)


def _row(
    code: str, title: str | None, outturn: tuple[str, str] | None, targets: dict[str, str]
) -> IndicatorRow:
    year, value = outturn or (None, None)
    return IndicatorRow(code, 3, year, value, tuple(targets.items()), title=title)


def test_direction_unknown_gives_the_difference_without_a_verdict() -> None:
    a = PlanIndicators(1, "x|district", "X", "2004/05", (_row("BV 8", None, None, {"2004/05": "90%"}),))
    b = PlanIndicators(2, "x|district", "X", "2005/06", (_row("BV8", None, ("2004/05", "87.5%"), {}),))
    (row,) = compare([b, a])
    assert (row["polarity"], row["verdict"], row["difference"]) == ("unknown", None, pytest.approx(-2.5))
    assert (row["earlier_document_id"], row["later_document_id"]) == (1, 2)


def test_stated_polarity_and_non_numbers() -> None:
    title = "Average days to relet (lower is better)"
    a = PlanIndicators(
        1, "k|", None, "2004", (_row("BV 212", title, None, {"2004/05": "30", "2005/06": "n/a"}),)
    )
    b = PlanIndicators(2, "k|", None, "2005", (_row("BV 212", title, ("2004/05", "28"), {}),))
    (row,) = compare([a, b])
    assert (row["polarity"], row["verdict"]) == ("lower", "met")
    assert polarity(_row("BV 1", "Percentage satisfied (higher is better)", None, {})) == "higher"
    assert number("£1,234.50") == 1234.5 and number("Yes") is None and number("2-3") is None
