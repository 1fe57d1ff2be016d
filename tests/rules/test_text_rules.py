"""Text rules on small plans: describing fulfils nothing, headings outweigh mentions, statuses per §2."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from plancheck.config import Settings
from plancheck.engine import check_document, check_path
from plancheck.model import Block, Document, Table, with_heading_paths
from plancheck.report import Report, RequirementResult
from plancheck.textmatch import best_synonym, heading_score, normalise_heading

FWP = Settings(year="2004/05", cpa="fair", authority_type="district")
INTRO = (
    "Wyvern Vale District Council provides housing, planning, waste collection, leisure and benefits "
    "services to 96,000 residents. This Best Value Performance Plan reports our performance in 2003/04 on "
    "the national indicators, with our targets for the next three years, and is available from every "
    "library in the district."
)


def _plan(*blocks: tuple[str, str]) -> Document:
    items = [Block("heading", "Wyvern Vale District Council Best Value Performance Plan 2004/05", 1, 1)]
    items.append(Block("paragraph", INTRO, 1))
    page = 2
    for kind, text in blocks:
        items.append(Block(kind, text, page, 1 if kind == "heading" else None))  # type: ignore[arg-type]
        page += kind == "heading"
    return Document("mem.pdf", "0" * 64, "pdf", page, with_heading_paths(items))


def _req(report: Report, rid: str) -> RequirementResult:
    r = report.requirement(rid)
    assert r is not None
    return r


@pytest.mark.parametrize(
    "sentence",
    [
        "The Plan must include a statement on contracts certifying compliance with the Code of Practice on "
        "Workforce Matters.",
        "Authorities are required to certify that all contracts awarded complied with the Code of Practice.",
        "Cabinet is recommended to approve the statement certifying that contracts complied with the Code.",
        "A statement certifying that contracts complied with the Code will be published by 30 June.",
    ],
)
def test_describing_recommending_or_promising_fulfils_nothing(sentence: str) -> None:
    report = check_document(_plan(("paragraph", sentence)), FWP)
    workforce = _req(report, "WORKFORCE")
    assert workforce.status == "missing"
    assert any("sentences set aside" in s for s in workforce.searched), workforce.searched


def test_a_list_introduced_by_a_requirement_inherits_it() -> None:
    report = check_document(
        _plan(
            ("paragraph", "As a 'fair' council, the Plan must include the following information:"),
            ("list_item", "A summary of the Council's strategic objectives and priorities for improvement."),
            ("list_item", "A statement on contracts certifying compliance with the Code of Practice."),
        ),
        FWP,
    )
    assert _req(report, "OBJECTIVES").status == "missing"
    assert _req(report, "WORKFORCE").status == "missing"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The Council certifies that all contracts awarded in 2003/04 which involved a transfer of staff "
         "complied with the Code of Practice on Workforce Matters.", "met"),
        ("No contracts involving a transfer of staff were let during 2003/04.", "met"),
        ("Every contract we let last year that moved staff to a new employer followed the Code of "
         "Practice on Workforce Matters.", "met"),
        ("Every contract we let next year that moves staff will follow the Code of Practice on Workforce "
         "Matters.", "partial"),
        ("We will ensure future contracts comply with the Code of Practice on Workforce Matters.", "partial"),
        ("The Code of Practice on Workforce Matters applies to outsourcing.", "partial"),
    ],
)  # fmt: skip
def test_workforce_statuses(text: str, status: str) -> None:
    report = check_document(_plan(("heading", "5. Statement on Contracts"), ("paragraph", text)), FWP)
    workforce = _req(report, "WORKFORCE")
    assert workforce.status == status, workforce.detail
    if status == "met":
        [ev] = workforce.evidence
        assert ev.page == 3 and ev.heading_path == ("5. Statement on Contracts",) and ev.text == text


def test_a_heading_section_counts_for_more_than_a_passing_mention() -> None:
    mention = check_document(
        _plan(("paragraph", "The objectives of the service are reviewed each year.")), FWP
    )
    assert _req(mention, "OBJECTIVES").status == "partial"
    assert "passing" in _req(mention, "OBJECTIVES").detail
    section = check_document(
        _plan(
            ("heading", "2. Corporate Priorities"),
            (
                "paragraph",
                "A cleaner district, safer streets and decent homes. Recycling comes first this year.",
            ),
        ),
        FWP,
    )
    assert _req(section, "OBJECTIVES").status == "met"
    assert _req(section, "OBJECTIVES").evidence[0].heading_path == ("2. Corporate Priorities",)


def test_objectives_without_priorities_and_improvement_without_outcomes_are_partial() -> None:
    report = check_document(
        _plan(
            ("heading", "Our Strategic Objectives"),
            ("paragraph", "A cleaner district, safer streets and decent homes."),
            ("heading", "Improvement Plan"),
            ("paragraph", "We will restructure the benefits team and buy a new computer system."),
        ),
        FWP,
    )
    assert _req(report, "OBJECTIVES").status == "partial"
    assert "priorities for improvement" in _req(report, "OBJECTIVES").detail
    assert _req(report, "IMPROVEMENT").status == "partial"
    assert "outcomes expected" in _req(report, "IMPROVEMENT").detail


def test_an_intention_about_another_topic_gives_no_partial_credit() -> None:
    report = check_document(
        _plan(
            ("heading", "Statement on contracts"),
            (
                "paragraph",
                "The Council will ensure that all contracts involving a transfer of staff comply "
                "with the Code of Practice on Workforce Matters.",
            ),
        ),
        FWP,
    )
    assert _req(report, "WORKFORCE").status == "partial"
    assert _req(report, "IMPROVEMENT").status == "missing"


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # a bare word on improvement, or a list of priorities, says nothing of arrangements
        (
            "The Authority knows that sustained improvement needs the commitment of members and staff.",
            "missing",
        ),
        ("Our priorities for improvement are recycling, benefits and planning.", "missing"),
        # a passing word on arrangements that exist
        ("It was fair comment, and we have a recovery plan.", "partial"),
    ],
)
def test_improvement_arrangements_need_more_than_the_word(sentence: str, status: str) -> None:
    report = check_document(_plan(("heading", "Introduction"), ("paragraph", sentence)), FWP)
    assert _req(report, "IMPROVEMENT").status == status


def test_an_indicator_tables_header_is_not_an_expected_outcome() -> None:
    header = ("Ref", "Indicator", "Actual 2003/04", "Target 2004/05", "Target 2005/06", "Target 2006/07")
    table = Table(
        (header, ("BV 8", "Invoices paid on time", "91%", "92%", "93%", "94%")), header_rows=1, pages=(3,)
    )
    doc = _plan(
        ("heading", "How we'll tackle our priorities"),
        ("paragraph", "We are adding recycling rounds and have taken on two extra benefits assessors."),
    )
    doc = Document(doc.path, doc.sha256, doc.format, doc.pages, with_heading_paths([*doc.items, table]))
    improvement = _req(check_document(doc, FWP), "IMPROVEMENT")
    # The heading is found though it is written with a contraction; the table's "Target" columns are the
    # indicator rules' business, not an outcome of the arrangements.
    assert improvement.status == "partial"
    assert "outcomes expected" in improvement.detail


def test_expected_outcomes_in_the_section_that_holds_the_arrangements() -> None:
    table = Table(
        (
            ("Priority", "Main actions", "Expected outcome"),
            ("Recycling", "Weekly mixed recycling for every street", "30% recycled by March 2008"),
        ),
        header_rows=1,
        pages=(3,),
    )
    doc = _plan(
        ("heading", "Delivery"),
        ("paragraph", "Each priority has a lead member and an action plan in the relevant service plan."),
    )
    doc = Document(doc.path, doc.sha256, doc.format, doc.pages, with_heading_paths([*doc.items, table]))
    improvement = _req(check_document(doc, FWP), "IMPROVEMENT")
    assert improvement.status == "met", improvement.detail


def test_a_cpa_category_in_the_plans_words_and_a_deferred_result() -> None:
    cpa = Settings(year="2003/04", authority_type="district")
    given = check_document(
        _plan(
            ("heading", "Introduction"),
            ("paragraph", "In December 2002 the Audit Commission assessed us as a 'good' council."),
        ),
        cpa,
    )
    assert _req(given, "CPA-SCORES").status == "met"
    deferred = check_document(
        _plan(
            ("heading", "Introduction"),
            (
                "paragraph",
                "Our first Comprehensive Performance Assessment will take place later this year; "
                "we will report the result in next year's plan.",
            ),
        ),
        cpa,
    )
    assert _req(deferred, "CPA-SCORES").status == "missing"


def test_a_missing_requirement_says_what_was_searched() -> None:
    report = check_document(_plan(("paragraph", "Nothing relevant here at all.")), FWP)
    workforce = _req(report, "WORKFORCE")
    assert workforce.status == "missing" and not workforce.evidence
    searched = " | ".join(workforce.searched)
    assert "statement on contracts" in searched and "certify" in searched
    assert "examined 3 blocks and 0 tables" in searched
    [finding] = [f for f in report.findings if f.rule == "PC104"]
    assert finding.location.page is None and finding.suggestion


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Published 29 June 2004", "met"),
        ("Published 14 September 2004", "partial"),
        ("Printed by the Council", "missing"),
    ],
)
def test_publication_date_against_30_june(line: str, status: str) -> None:
    doc = _plan(("paragraph", "Our performance tables follow."))
    items = (doc.items[0], Block("paragraph", line, 1), *doc.items[1:])
    report = check_document(Document("m.pdf", "0" * 64, "pdf", 2, with_heading_paths(items)), FWP)
    assert _req(report, "PUBLISHED").status == status
    assert bool([f for f in report.findings if f.rule == "PC105"]) == (status == "partial")


def test_a_promise_to_publish_is_not_a_publication_date() -> None:
    report = check_document(_plan(("paragraph", "The Plan will be published by 30 June 2004.")), FWP)
    assert _req(report, "PUBLISHED").status == "missing"


def test_page_less_docx_evidence_carries_the_heading_path(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Best Value Performance Plan 2004/05", level=0)
    d.add_paragraph(INTRO)
    d.add_heading("Statement on contracts", level=1)
    d.add_paragraph("We confirm that no contracts involving the transfer of staff were awarded in 2003/04.")
    path = tmp_path / "plan.docx"
    d.save(str(path))
    workforce = _req(check_path(path, FWP), "WORKFORCE")
    assert workforce.status == "met"
    [ev] = workforce.evidence
    assert ev.page is None and ev.heading_path[-1] == "Statement on contracts"
    assert ev.text.startswith("We confirm that no contracts")


@pytest.mark.parametrize(
    ("heading", "synonym", "matches"),
    [
        ("7. Statement on Contracts", "statement on contracts", True),
        ("Part 2 - 2.1 Our Strategic Objectives", "strategic objectives", True),
        ("3.1 Improvement Priorities", "priorities for improvement", True),
        ("How we’ll tackle our priorities", "how we will tackle", True),
        ("Performance Indicators", "progress", False),
        ("Contracts", "statement on contracts", False),
        ("Performance", "past performance", False),
    ],
)
def test_heading_matching(heading: str, synonym: str, matches: bool) -> None:
    assert (heading_score(heading, synonym) >= 85) is matches
    assert (best_synonym(heading, (synonym,)) is not None) is matches


def test_heading_numbering_is_removed() -> None:
    assert normalise_heading("Section 4.2: Our Aims & Values") == "our aims values"
    assert normalise_heading("Annex B - Statement on Contracts") == "statement on contracts"


def test_a_huge_block_is_checked_in_pieces() -> None:
    filler = "The Council keeps its parks tidy and its libraries open. " * 6000  # ~340,000 characters
    cert = "The Council certifies that all contracts awarded in 2003/04 complied with the Code of Practice."
    report = check_document(_plan(("heading", "Statement on contracts"), ("paragraph", filler + cert)), FWP)
    assert not [f for f in report.findings if f.rule == "PC003"]
    workforce = _req(report, "WORKFORCE")
    assert workforce.status == "met"
    assert workforce.evidence[0].page == 3 and workforce.evidence[0].text == cert


def test_a_plan_quoting_the_inspectors_recommendation_still_counts() -> None:
    text = (
        "The inspectors recommended faster benefit processing, so we have restructured the team so that new "
        "claims are decided within 30 days by March 2006."
    )
    report = check_document(_plan(("heading", "Improvement Priorities"), ("paragraph", text)), FWP)
    assert _req(report, "IMPROVEMENT").status == "met"
