"""Column roles on the header rows of real plans (domain.md §4.2) and of the extracted fixture tables."""

from __future__ import annotations

import pytest

from plancheck.extract import ExtractOptions, load
from plancheck.indicators.columns import classify_columns, classify_header
from tests.conftest import FIXTURES


def roles(header: list[list[str]]) -> list[tuple[str | None, str | None]]:
    rows = tuple(tuple(r) for r in header)
    return [(c.role, c.year) for c in classify_columns(rows, max(len(r) for r in rows))]


def test_isle_of_wight_2001() -> None:
    header = [["BVPI No", "LPI No", "IWC 99/00", "IWC 00/01", "UA av", "NUB av", "Contact", "Comments"]]
    assert roles(header) == [
        ("code", None),
        ("code", None),
        ("year", "1999/00"),
        ("year", "2000/01"),
        ("comparison", None),
        ("comparison", None),
        ("other", None),
        ("notes", None),
    ]


def test_poole_2002_quartiles_are_comparisons_not_outturn() -> None:
    header = [
        [
            "Upper quartile 2001/02",
            "Average 2001/02",
            "Lower quartile 2001/02",
            "Actual 2001/02",
            "Target 2002/03",
            "Actual 2002/03",
            "Trend",
        ]
    ]
    assert roles(header) == [
        ("comparison", "2001/02"),
        ("comparison", "2001/02"),
        ("comparison", "2001/02"),
        ("outturn", "2001/02"),
        ("target", "2002/03"),
        ("outturn", "2002/03"),
        ("other", None),
    ]


def test_salford_2006() -> None:
    header = [
        [
            "Ref",
            "CPA/PAF/BVPI/LPI No.",
            "Sub pledge/PI",
            "2004/05 Actual",
            "2005/06 Actual",
            "2006/07 Target",
            "2007/08 Targets",
            "2008/09 Targets",
            "2009/10 Targets",
            "Top Quartile 2005/06",
            "How have we performed?",
            "Are we on target?",
        ]
    ]
    assert roles(header) == [
        ("code", None),
        ("code", None),
        ("title", None),
        ("outturn", "2004/05"),
        ("outturn", "2005/06"),
        ("target", "2006/07"),
        ("target", "2007/08"),
        ("target", "2008/09"),
        ("target", "2009/10"),
        ("comparison", "2005/06"),
        ("notes", None),
        ("other", None),
    ]


def test_docstoc_unitary_2007_with_targets_merged_over_years() -> None:
    header = [
        [
            "Indicator No.",
            "Definition",
            "Polarity (High/Low)",
            "2005-06 Actual",
            "All England & Unitaries TQ",
            "2006-07 Target",
            "2006-07 Actual",
            "Direction",
            "Targets",
            "",
            "",
        ],
        ["", "", "", "", "", "", "", "", "2007-08", "2008-09", "2009-10"],
    ]
    assert roles(header) == [
        ("code", None),
        ("title", None),
        ("other", None),
        ("outturn", "2005/06"),
        ("comparison", None),
        ("target", "2006/07"),
        ("outturn", "2006/07"),
        ("other", None),
        ("target", "2007/08"),
        ("target", "2008/09"),
        ("target", "2009/10"),
    ]


def test_appendix_4_outturns_against_targets() -> None:
    header = [
        [
            "PI Ref No",
            "PI Description",
            "Meas. In",
            "Actual 06/07",
            "Actual 07/08",
            "Target 07/08",
            "Top Quartile 06/07",
            "Pref'd Outcm (Higher/Lower)",
            "Traffic Light",
            "Actual Direction",
        ]
    ]
    assert roles(header) == [
        ("code", None),
        ("title", None),
        ("other", None),
        ("outturn", "2006/07"),
        ("outturn", "2007/08"),
        ("target", "2007/08"),
        ("comparison", "2006/07"),
        ("other", None),
        ("other", None),
        ("other", None),
    ]


def test_rowspan_cells_do_not_take_a_neighbours_year() -> None:
    header = [["Ref", "Outturn", "Targets", "", "Comments"], ["", "2003/04", "2004/05", "2005/06", ""]]
    assert roles(header) == [
        ("code", None),
        ("outturn", "2003/04"),
        ("target", "2004/05"),
        ("target", "2005/06"),
        ("notes", None),
    ]
    assert classify_columns(tuple(tuple(r) for r in header), 5)[4].header == "Comments"


@pytest.mark.parametrize(
    ("text", "role", "year"),
    [
        ("Estimate", "estimate", None),
        ("Estimated outturn 2003/04", "estimate", "2003/04"),
        ("TQ", "comparison", None),
        ("UA av", "comparison", None),
        ("Notes", "notes", None),
        ("Target", "target", None),
        ("Outturn", "outturn", None),
        ("(2003)", "year", "2003/04"),
    ],
)
def test_single_headers(text: str, role: str, year: str | None) -> None:
    c = classify_header(text)
    assert (c.role, c.year) == (role, year)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "district-targets-merged",
            [
                ("code", None),
                ("title", None),
                ("outturn", "2003/04"),
                ("target", "2004/05"),
                ("target", "2005/06"),
                ("target", "2006/07"),
            ],
        ),
        (
            "london-borough-merged",
            [
                ("code", None),
                ("title", None),
                ("outturn", "2003/04"),
                ("comparison", "2003/04"),
                ("target", "2004/05"),
                ("target", "2005/06"),
                ("target", "2006/07"),
            ],
        ),
    ],
)
def test_extracted_two_row_headers(fmt: str, name: str, expected: list[tuple[str, str | None]]) -> None:
    # Both forms of the same plan: the PDF reader repeats a merged cell's lower text, the DOCX does not.
    path = FIXTURES / "generated" / f"{name}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not generated")
    table = load(path, ExtractOptions()).all_tables()[0]
    assert table.header_rows == 2
    assert [(c.role, c.year) for c in classify_columns(table.header, table.n_cols)] == expected
