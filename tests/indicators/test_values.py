from __future__ import annotations

import pytest

from plancheck.indicators.values import legend_pattern, read_cell


@pytest.mark.parametrize(
    "text",
    [
        "N/A",
        "n/a",
        "N/a",
        "-",
        "–",
        "",
        "  ",
        "new indicator",
        "New",
        "not available",
        "Data not available",
        "to be set",
        "To be set in 2005",
        "TBC",
        "tba",
        "x",
        "n/k",
        "Indicator deleted by ODPM",
    ],
)
def test_gap_markers_are_not_values(text: str) -> None:
    assert read_cell(text).present is False


@pytest.mark.parametrize(
    "text", ["45.2%", "48% (2003)", "Level 2", "Yes", "No", "£23.50", "<5", "12", "F&M", "1,204", "0"]
)
def test_values(text: str) -> None:
    assert read_cell(text).present is True


@pytest.mark.parametrize(
    ("text", "marker"), [("n/a*", "*"), ("TBC (1)", "(1)"), ("n/a¹", "¹"), ("N/A [2]", "[2]")]
)
def test_footnote_markers(text: str, marker: str) -> None:
    cell = read_cell(text)
    assert cell.present is False and cell.marker == marker


def test_estimates() -> None:
    assert read_cell("45% (est)").estimated
    assert read_cell("45% provisional").estimated
    assert not read_cell("45%").estimated


@pytest.mark.parametrize(
    "sentence",
    [
        "Where the Council is not responsible for an indicator this is marked n/a.",
        "Key: n/a = not applicable",
        "N/A means the indicator does not apply.",
    ],
)
def test_legend_sentences(sentence: str) -> None:
    assert legend_pattern("n/a").search(sentence)


def test_a_mention_is_not_a_legend() -> None:
    assert legend_pattern("n/a").search("Some indicators were n/a last year") is None
