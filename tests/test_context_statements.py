"""Context from the right sentence, on real DOCX and PDF files: the current CPA statement over a historical
one, every council style name, the cover date rather than a meeting's, and the June 2008 transitional plan."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from plancheck.config import Settings
from plancheck.engine import check_path
from tests.conftest import needs_soffice, soffice_convert

INTRO = (
    "This plan reports how we performed last year on the national best value indicators and sets our targets "
    "for the coming three years. Our priorities are cleaner streets, safer neighbourhoods and better homes."
)


def _plan(path: Path, lines: list[str], body: list[str], rows: list[list[str]] | None = None) -> Path:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.add_heading("Introduction", level=1)
    for text in [INTRO, *body]:
        d.add_paragraph(text)
    if rows:
        d.add_heading("Performance indicators", level=1)
        table = d.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    d.save(str(path))
    return path


def test_the_current_star_rating_wins_over_the_first_round_category(tmp_path: Path) -> None:
    path = _plan(
        tmp_path / "p.docx",
        ["Kestermouth County Council", "Best Value Performance Plan 2006/07"],
        [
            "In the first round of the Comprehensive Performance Assessment in 2002 the Council was judged "
            "weak. Since then we have changed a great deal: in December 2005 the Audit Commission rated the "
            "Council a three star council, and our aim is four stars."
        ],
    )
    ctx = check_path(path).context
    assert (ctx.cpa_category, ctx.tier) == ("3", "excellent-good")
    assert any("CPA category 3 detected from" in n and "three star" in n for n in ctx.notes), ctx.notes


@pytest.mark.parametrize(
    ("lines", "atype"),
    [
        (["Sefton", "Metropolitan Borough Council", "Best Value Performance Plan 2005/06"], "metropolitan"),
        (["Metropolitan Borough of Wirral", "Best Value Performance Plan 2005/06"], "metropolitan"),
        (["City of Bradford Metropolitan District Council", "Performance Plan 2005/06"], "metropolitan"),
        (["London Borough of Camden", "Best Value Performance Plan 2005/06"], "london-borough"),
        (["Wyvern Vale Borough Council", "Best Value Performance Plan 2005/06"], "district"),
        (["Kesteven Fire and Rescue Authority", "Best Value Performance Plan 2005/06"], "fire"),
    ],
)
def test_authority_types_from_every_council_style(tmp_path: Path, lines: list[str], atype: str) -> None:
    assert check_path(_plan(tmp_path / "p.docx", lines, [])).context.authority_type == atype


@pytest.mark.parametrize(
    "title",
    ["Kestermouth City Council", "Kestermouth Borough Council", "Royal Borough of Kestermouth"],
)
def test_a_council_that_says_it_is_unitary_is_unitary(tmp_path: Path, title: str) -> None:
    said = "Kestermouth became a unitary authority in 1998 and provides every local service."
    path = _plan(tmp_path / "p.docx", [title, "Best Value Performance Plan 2005/06"], [said])
    ctx = check_path(path).context
    assert ctx.authority_type == "unitary"
    assert any("became a unitary authority" in n for n in ctx.notes), ctx.notes


def test_the_date_another_body_published_something_is_not_the_plans(tmp_path: Path) -> None:
    path = _plan(
        tmp_path / "p.docx",
        ["Wyvern Vale District Council", "Best Value Performance Plan 2004/05 June 2004"],
        [
            "In the Audit Commission's assessment of district councils, published in December 2003, the "
            "Council was assessed as fair."
        ],
    )
    published = check_path(path).requirement("PUBLISHED")
    assert published is not None and published.status == "met"
    assert published.detail.startswith("Dated 01 June 2004"), published.detail


@needs_soffice
def test_the_cover_date_not_a_meeting_date_is_the_publication_date(tmp_path: Path) -> None:
    path = _plan(
        tmp_path / "cover.docx",
        ["Wyvern Vale District Council", "Best Value Performance Plan 2006/07", "June 2006"],
        ["The plan was approved by the Council at its meeting on 12 April 2006, after consultation."],
    )
    pdf = soffice_convert(path, tmp_path)
    for f in (path, pdf):
        published = check_path(f, Settings(kind="plan")).requirement("PUBLISHED")
        assert published is not None and published.status == "met", (f.suffix, published)
        assert published.evidence[0].text == "June 2006"
        assert "June 2006" in published.detail and "April" not in published.detail


def test_a_june_2008_report_of_2007_08_outturn_is_the_transitional_plan(tmp_path: Path) -> None:
    values = (("BV 8", "96.2%"), ("BV 12", "8.1"), ("BV 82a(i)", "24%"))
    rows = [["Ref", "Indicator", "2007/08 Outturn"]] + [[c, f"Indicator {c}", v] for c, v in values]
    path = _plan(
        tmp_path / "p.docx",
        ["Wyvern Vale District Council", "Performance Indicators 2007/08", "Published 30 June 2008"],
        ["The tables give our outturn for 2007/08 on every best value performance indicator."],
        rows,
    )
    report = check_path(path, Settings(kind="plan"))
    assert (report.context.plan_year, report.context.regime) == ("2008/09", "bvpp-2008")
    notes = report.context.notes
    assert any("2008/09" in n and "2007/08" in n for n in notes), notes  # says why
    assert report.requirement("PI-OUTTURN").status == "met"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("body", "category"),
    [
        # the result in the sentence after the one that names the assessment
        (
            [
                "The Audit Commission brought in a harder framework for the assessment in 2005. Under it the "
                "Royal Borough was awarded two stars in the results published in March 2006."
            ],
            "2",
        ),
        # a verb of change between the category and its value
        (["In the 2006 progress assessment our CPA category was raised to 'fair'."], "fair"),
    ],
)
def test_the_cpa_result_beside_the_sentence_that_names_the_assessment(
    tmp_path: Path, body: list[str], category: str
) -> None:
    path = _plan(
        tmp_path / "p.docx", ["Royal Borough of Kingsmere", "Best Value Performance Plan 2006/07"], body
    )
    assert check_path(path).context.cpa_category == category


def test_the_cpa_result_under_a_heading_that_names_the_assessment(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Aldermouth City Council")
    d.add_paragraph("Best Value Performance Plan 2003/04")
    d.add_heading("Our CPA scores", level=1)
    d.add_paragraph("Aldermouth was placed in the 'weak' category. We aim to reach 'fair' by 2005.")
    d.save(str(tmp_path / "p.docx"))
    assert check_path(tmp_path / "p.docx").context.cpa_category == "weak"


def test_an_aim_is_not_a_rating(tmp_path: Path) -> None:
    path = _plan(
        tmp_path / "p.docx",
        ["Harrowfield Borough Council", "Best Value Performance Plan 2004/05"],
        [
            "The Audit Commission's assessment now places us in the 'fair' category, and our aim is to be "
            "rated 'good' by 2005."
        ],
    )
    assert check_path(path).context.cpa_category == "fair"


def test_the_overall_row_of_a_table_of_cpa_scores(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Northvale Metropolitan Borough Council")
    d.add_paragraph("Best Value Performance Plan 2007/08")
    d.add_heading("How we were assessed", level=1)
    d.add_paragraph("The Audit Commission's Comprehensive Performance Assessment scores are below.")
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate(
        (("Theme", "Score"), ("Use of resources", "3 out of 4"), ("Overall", "3 stars"))
    ):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    d.save(str(tmp_path / "p.docx"))
    ctx = check_path(tmp_path / "p.docx").context
    assert (ctx.cpa_category, ctx.tier) == ("3", "excellent-good")


@pytest.mark.parametrize(
    ("line", "month"),
    [
        (
            "This plan was approved by the Executive on 20 June 2006 and published on 30 June 2006.",
            "30 June 2006",
        ),
        ("Date of issue 30.06.2006", "30 June 2006"),
    ],
)
def test_the_publication_date_after_a_decision_and_in_figures(tmp_path: Path, line: str, month: str) -> None:
    path = _plan(
        tmp_path / "p.docx",
        ["Bramleigh London Borough Council", "Best Value Performance Plan 2006/07"],
        [line],
    )
    published = check_path(path, Settings(kind="plan")).requirement("PUBLISHED")
    assert published is not None and published.status == "met" and f"Dated {month}" in published.detail
