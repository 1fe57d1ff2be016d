"""Property tests: the indicator code never raises on odd text or odd table shapes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.indicators.analysis import analyse
from plancheck.indicators.codes import find_codes, normalise_code
from plancheck.indicators.tables import find_indicator_tables
from plancheck.indicators.values import read_cell
from plancheck.indicators.years import fy, guess_plan_year, parse_label, years_for
from plancheck.model import Document, Table
from plancheck.report import Context

CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "BV 8",
            "BVPI 82a(i)",
            "LPI 3",
            "2003/04 Outturn",
            "Target 04/05",
            "Targets",
            "n/a",
            "TBC",
            "",
            "12.5%",
            "Comments",
            "Top quartile",
            "Estimate",
            "2a",
        ]
    ),
)


@given(st.text(max_size=60))
def test_text_functions_never_raise(text: str) -> None:
    parse_label(text)
    find_codes(text)
    normalise_code(text, bare_ok=True)
    read_cell(text)


@given(st.integers(min_value=1990, max_value=2030))
def test_year_arithmetic_round_trips(start: int) -> None:
    y = years_for(fy(start))
    assert guess_plan_year([f"Actual {y.past}", *(f"Target {t}" for t in y.targets)]) == fy(start)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=7), min_size=1, max_size=8), st.integers(0, 3))
def test_any_table_shape_is_read_without_error(rows: list[list[str]], header_rows: int) -> None:
    table = Table(rows=tuple(tuple(r) for r in rows), header_rows=min(header_rows, len(rows)))
    doc = Document(path="x", sha256="0", format="docx", pages=None, items=(table,))
    found = find_indicator_tables(doc)
    result = analyse(doc, Context(regime="bvpp-2004", tier="fair-weak-poor", plan_year="2004/05"), found)
    for row in result.rows:
        row.to_indicator_row()
        assert row.outturn.year == "2003/04"
