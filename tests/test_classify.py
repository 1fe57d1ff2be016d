"""Plan or not a plan, by content: report and guidance structure versus a plan's own voice and tables."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from plancheck.classify import classify, classify_document
from plancheck.engine import check_path
from plancheck.extract import load
from plancheck.model import Block, Document, Table, with_heading_paths
from tests.conftest import FIXTURES, WILD, needs_shared

FILLER = (
    "The Council provides housing, planning, waste collection, leisure and benefits services to 96,000 "
    "residents in three market towns and forty parishes, working with the police, the county council and "
    "the voluntary sector."
)


def _doc(blocks: list[tuple[str, str]], tables: tuple[Table, ...] = ()) -> Document:
    items: list[Block | Table] = [
        Block(kind, text, 1, 1 if kind == "heading" else None) for kind, text in blocks
    ]  # type: ignore[arg-type]
    items += list(tables)
    return Document("mem.docx", "0" * 64, "docx", None, with_heading_paths(items))


def _bvpi_table(n: int) -> Table:
    rows = [("Ref", "Indicator", "Outturn 2003/04", "Target 2004/05")]
    rows += [(f"BV {i}", f"Indicator {i}", "1", "2") for i in range(1, n + 1)]
    return Table(tuple(rows), header_rows=1, pages=(1,))


def test_a_cabinet_report_about_the_plan_is_not_a_plan() -> None:
    doc = _doc(
        [
            ("paragraph", "REPORT TO: CABINET   AGENDA ITEM: 7"),
            ("heading", "Best Value Performance Plan 2005"),
            ("heading", "1. Purpose of Report"),
            (
                "paragraph",
                "To seek approval of the Best Value Performance Plan for publication by 30 June. " + FILLER,
            ),
            ("heading", "2. Recommendations"),
            ("paragraph", "Cabinet is recommended to approve the BVPP for publication. " + FILLER),
            ("heading", "3. Background Papers"),
            ("paragraph", "ODPM Circular 02/2004. Contact Officer: J. Smith, Head of Policy."),
        ]
    )
    c = classify_document(doc)
    assert c.kind == "not_plan"
    assert "committee report" in c.reasons[0]
    assert "recommendations heading" in c.reasons[0] and "purpose of the report" in c.reasons[0]


def test_guidance_is_not_a_plan() -> None:
    doc = _doc(
        [
            ("paragraph", "ODPM Circular 02/2004"),
            ("heading", "Guidance on Best Value Performance Plans"),
            ("paragraph", "1. This guidance applies to all best value authorities in England. " + FILLER),
            ("paragraph", "2. Authorities should publish their Performance Plan by 30 June. " + FILLER),
            ("heading", "Annex A"),
            ("paragraph", "Authorities must include outturn performance on all BVPIs."),
        ]
    )
    c = classify_document(doc)
    assert c.kind == "not_plan" and "guidance" in c.reasons[0]


def test_a_plan_speaking_for_itself_with_indicator_tables_is_a_plan() -> None:
    doc = _doc(
        [
            ("heading", "Wyvern Vale District Council Best Value Performance Plan 2004/05"),
            ("paragraph", "This Best Value Performance Plan sets out how we performed in 2003/04. " + FILLER),
            ("heading", "Our Strategic Objectives"),
            ("paragraph", "Our objectives are a cleaner district and safer streets. " + FILLER),
        ],
        (_bvpi_table(25),),
    )
    c = classify_document(doc)
    assert c.kind == "plan" and "25 indicator rows" in c.reasons[0]


def test_a_plan_with_a_recommendations_section_and_tables_stays_a_plan() -> None:
    # Plans quote inspectors' recommendations; structure alone does not outweigh 25 BVPI rows.
    doc = _doc(
        [
            ("heading", "Best Value Performance Plan 2004/05"),
            ("heading", "Recommendations"),
            (
                "paragraph",
                "The inspectors recommended that we improve the speed of planning decisions. " + FILLER,
            ),
            ("heading", "Purpose of this report"),
            ("paragraph", FILLER),
        ],
        (_bvpi_table(25),),
    )
    assert classify(doc) == "plan"


def test_too_little_text_or_off_topic_is_not_a_plan() -> None:
    assert (
        classify_document(_doc([("paragraph", "Best Value Performance Plan")]))
        .reasons[0]
        .startswith("only 4 words")
    )
    off = classify_document(_doc([("paragraph", FILLER * 5)]))
    assert off.kind == "not_plan" and "never mentions Best Value" in off.reasons[0]


def test_a_python_docx_cabinet_report_is_not_a_plan(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Report of the Director of Corporate Services")
    d.add_heading("Best Value Performance Plan 2006/07", level=1)
    d.add_heading("1. Purpose of the Report", level=2)
    d.add_paragraph("To present the draft Best Value Performance Plan. " + FILLER)
    d.add_heading("2. Recommendation", level=2)
    d.add_paragraph("Members are asked to approve the Plan. " + FILLER)
    d.add_heading("3. Financial Implications", level=2)
    d.add_paragraph("There are none.")
    path = tmp_path / "report.docx"
    d.save(str(path))
    assert classify(load(path)) == "not_plan"


@pytest.mark.parametrize("name", ["rules-2004-fwp-met", "rules-general-thornbury", "rules-2003-met"])
def test_fixture_plans_are_plans(name: str) -> None:
    assert classify(load(FIXTURES / "generated" / f"{name}.pdf")) == "plan"


@needs_shared
@pytest.mark.slow
def test_no_wild_file_is_ever_compliant() -> None:
    files = sorted(p for p in WILD.rglob("*") if p.suffix in (".pdf", ".docx"))
    assert len(files) > 30
    for path in files:
        report = check_path(path)
        assert report.summary.verdict != "compliant", path.name
        assert report.document.kind in ("not_plan", "unreadable"), path.name
        if report.document.kind == "not_plan":
            [finding] = [f for f in report.findings if f.rule == "PC002"]
            assert "not a performance plan:" in finding.message
