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
    assert c.kind == "not_plan" and c.genre == "committee_paper"
    assert "recommendations to a meeting" in c.reasons[0] and "the purpose of a report" in c.reasons[0]


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
    assert c.kind == "not_plan" and c.genre == "guidance"
    assert "guidance voice" in c.reasons[0]


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
    assert c.kind == "plan" and c.genre == "plan"
    assert "BVPI tables with figures" in c.reasons[0] and "25 indicator rows" in c.reason


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
    assert off.kind == "not_plan" and off.genre == "other" and "never mentions" in off.reasons[0]


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
            assert "not a performance plan (genre " in finding.message


GENRE_SAMPLES = {
    "committee_paper": [
        "Decision details",
        "Decision maker: Executive Member for Resources",
        "Key decision: No. Subject to call-in: Yes",
        "Decision: That the performance indicator results for last year be noted and the plan be approved "
        "for publication.",
        "Reasons for the decision: the council must publish its performance plan each summer.",
    ],
    "guidance": [
        "Explanatory note (This note is not part of the Order)",
        "This Order specifies the performance indicators by reference to which best value authorities' "
        "performance is to be measured for the financial year.",
        "Article 3 applies to county councils. This Order comes into force on 1st April.",
        "Authorities should publish their performance plans by 30 June.",
    ],
    "web_page": [
        "Home > Your council > Performance and plans",
        "Skip to main content",
        "What is the performance plan? The plan tells residents how we did last year and what we aim for.",
        "Download the plan (PDF, 1.2 MB)",
        "Last updated: 3 July",
        "Was this page helpful?",
    ],
    "news": [
        "Council tops the table for recycling",
        "Posted by the newsdesk on 12 August",
        "The council's performance plan shows recycling rose by a third, said Councillor Jones, the "
        "cabinet member for the environment.",
        '"We are delighted with the progress," she added.',
        "Comments (3)",
    ],
    "monitoring_report": [
        "Performance monitoring report: quarter 3",
        "This report sets out performance against the best value performance indicators for the first nine "
        "months of the year.",
        "Of the 40 indicators monitored, 28 are on target (green), 7 amber and 5 red.",
        "Year to date figures are shown beside each target.",
    ],
    "procurement": [
        "Invitation to tender: refuse collection and street cleansing",
        "Bidders must comply with the Code of Practice on Workforce Matters in Local Authority Service "
        "Contracts.",
        "The Contractor shall offer transferring staff terms no less favourable overall; TUPE applies.",
        "Tenders must be returned by noon on the closing date.",
    ],
    "other_plan": [
        "Policing Plan",
        "The Police Authority and the Chief Constable set out the policing plan priorities for the force.",
        "The police authority will hold the force to account for its policing plan targets.",
        "Police performance is reported to the Police Authority each quarter by the Chief Constable.",
    ],
}


@pytest.mark.parametrize("genre", sorted(GENRE_SAMPLES))
def test_each_genre_is_named_by_its_voice_and_form(genre: str) -> None:
    lines = GENRE_SAMPLES[genre]
    c = classify_document(_doc([("paragraph", line + " " + FILLER) for line in lines]))
    assert (c.genre, c.kind) == (genre, "not_plan"), c.reasons


def test_a_plan_that_cites_the_circular_stays_a_plan() -> None:
    doc = _doc(
        [
            ("heading", "Wyvern Vale District Council"),
            ("heading", "Best Value Performance Plan 2005/06"),
            ("heading", "Foreword"),
            (
                "paragraph",
                "We are pleased to present our plan. As ODPM Circular 02/2004 asks, it sets out our outturn "
                "for last year and our targets for the next three years. " + FILLER,
            ),
            ("heading", "Our Priorities"),
            ("paragraph", "Our priorities are cleaner streets and safer neighbourhoods. " + FILLER),
            ("heading", "Statement on Contracts"),
            (
                "paragraph",
                "We certify that all contracts let last year that involved a transfer of staff "
                "complied with the Code of Practice on Workforce Matters.",
            ),
        ],
        (_bvpi_table(25),),
    )
    c = classify_document(doc)
    assert c.genre == "plan", c.reasons
