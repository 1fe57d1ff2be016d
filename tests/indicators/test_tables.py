"""Finding indicator tables and reading their rows, on DOCX files made with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx

from plancheck.extract import ExtractOptions, load
from plancheck.indicators.tables import find_indicator_tables
from tests.indicators.plans import build

HEADER = [
    ["Ref", "Indicator", "2003/04 Actual", "2004/05 Target", "2005/06 Target", "2006/07 Target", "Notes"]
]


def read(path: Path):  # type: ignore[no-untyped-def]
    return find_indicator_tables(load(path, ExtractOptions()))


def test_continuation_table_without_header_takes_the_layout_before_it(tmp_path: Path) -> None:
    first = [["BV 8", "Invoices", "90%", "91%", "92%", "93%", ""]]
    rest = [
        ["BV 9", "Council tax", "97%", "97%", "98%", "98%", ""],
        ["BV 10", "NNDR", "98%", "98%", "99%", "99%", ""],
    ]
    found = read(build(tmp_path / "p.docx", [("table", (HEADER, first)), ("table", ([], rest))]))
    assert [t.inherited for t in found.tables] == [False, True]
    assert [e.code for e in found.entries] == ["BV8", "BV9", "BV10"]
    bv10 = found.entries[2]
    assert (bv10.table, bv10.row) == (1, 1)
    assert {(c.column.role, c.column.year, c.value.text) for c in bv10.cells} >= {
        ("outturn", "2003/04", "98%")
    }


def test_tables_that_only_mention_codes_are_not_indicator_tables(tmp_path: Path) -> None:
    actions = (
        [["Action", "Description", "Timescale"]],
        [
            ["1", "Improve BV 8 invoice payment by introducing e-invoicing", "March 2005"],
            ["2", "Review the waste strategy", "June 2005"],
            ["3", "Extend kerbside collection", "2005/06"],
            ["4", "Consult tenants", "Q2 2004/05"],
            ["5", "Publish the plan", "June 2004"],
            ["6", "Recruit staff", "Q3 2004/05"],
        ],
    )
    found = read(build(tmp_path / "p.docx", [("table", actions)]))
    assert found.tables == () and found.entries == ()
    assert found.examined == 1


def test_co_listed_codes_and_local_indicators(tmp_path: Path) -> None:
    body = [
        ["BV053, PAFC28, SP213", "Intensive home care", "9.2", "10", "11", "12", ""],
        ["CPAH14, SP210, XBV183a", "B&B length of stay", "2.1", "2", "2", "2", ""],
        ["BVPI 175 / CPA H19", "Racial incidents with further action", "100%", "100%", "100%", "100%", ""],
    ]
    local = [["LPI 1", "Member enquiries answered", "88%", "90%", "92%", "94%", ""]]
    found = read(build(tmp_path / "p.docx", [("table", (HEADER, body)), ("table", (HEADER, local))]))
    assert [e.code for e in found.bvpi_entries()] == ["BV53", "BV183a", "BV175"]
    assert [(e.code, e.local) for e in found.entries if e.local] == [("LPI1", True)]
    assert found.entries[0].title == "Intensive home care"


def test_notes_column_and_row_quote(tmp_path: Path) -> None:
    body = [["BV 8", "Invoices", "n/a", "91%", "92%", "93%", "New definition"]]
    [entry] = read(build(tmp_path / "p.docx", [("table", (HEADER, body))])).entries
    assert entry.notes == ["New definition"]
    assert entry.quote == "BV 8 | Invoices | n/a | 91% | 92% | 93% | New definition"
    assert not next(c for c in entry.cells if c.column.role == "outturn").value.present


def test_nested_table_in_a_layout_cell(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Performance Plan 2004/05", level=1)
    outer = d.add_table(rows=1, cols=1)
    inner = outer.cell(0, 0).add_table(rows=3, cols=4)
    for r, row in enumerate(
        [
            ["BVPI", "Actual 03/04", "Target 04/05", "Target 05/06"],
            ["BV 12", "9.1", "8.8", "8.5"],
            ["BV 14", "0.5", "0.4", "0.4"],
        ]
    ):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    path = tmp_path / "nested.docx"
    d.save(str(path))
    found = read(path)
    assert [e.code for e in found.entries] == ["BV12", "BV14"]
    assert found.tables[0].index == 1  # numbered after its parent, as Document.all_tables() orders them


def test_title_written_in_the_code_cell(tmp_path: Path) -> None:
    header = [["Indicator", "Actual 2003/04", "Target 2004/05"]]
    body = [
        ["BV8 Percentage of invoices paid within 30 days", "91%", "92%"],
        ["BV 82a(i) - Household waste recycled", "18%", "20%"],
    ]
    found = read(build(tmp_path / "p.docx", [("table", (header, body))]))
    assert [(e.code, e.title) for e in found.entries] == [
        ("BV8", "Percentage of invoices paid within 30 days"),
        ("BV82a(i)", "Household waste recycled"),
    ]
