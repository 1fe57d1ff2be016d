"""Sentence roles: only the plan's own content fulfils a requirement; describing, listing, denying do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.docindex import DocIndex
from plancheck.engine import check_document, check_path
from plancheck.extract import load
from plancheck.model import Block, Document, with_heading_paths
from plancheck.roles import pattern_role, pattern_role_unfiltered, shows_met
from tests.conftest import FIXTURES, SEEDS, SHARED, WILD


def _doc(blocks: list[tuple[str, str]]) -> Document:
    items = [Block(kind, text, 1, 1 if kind == "heading" else None) for kind, text in blocks]  # type: ignore[arg-type]
    return Document("mem.docx", "0" * 64, "docx", 1, with_heading_paths(items))


def _roles(blocks: list[tuple[str, str]]) -> dict[str, str]:
    idx = DocIndex(_doc(blocks))
    return {s.text: idx.roles[i] for i, s in enumerate(idx.sentences)}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("This plan sets out our ambitions and priorities for the coming year.", "self_reference"),
        ("The report gives the council the chance to state what it wants to achieve.", "self_reference"),
        ("In this section you will find our results for last year.", "self_reference"),
        ("This document is not a Best Value Performance Plan.", "negation"),
        ("The duty to publish a performance plan was abolished in 2008.", "negation"),
        ("Authorities must include a statement on contracts.", "requirement"),
        ("Cabinet is recommended to approve the plan for publication.", "recommendation"),
        ("The plan will be published by 30 June.", "description"),
        ("We will seek to ensure that all contracts comply with the code.", "intention"),
        ("In the first round of assessment the council was rated weak.", "history"),
        ("Our priorities are cleaner streets and safer town centres.", "content"),
        (
            "Each line is one national indicator - what we managed last year and what we aim for.",
            "self_reference",
        ),
        ("The table below shows our targets for the next three years.", "self_reference"),
        ("Appendix A sets out our performance against the national indicators.", "self_reference"),
        ("Table 3 shows that recycling rose to 24% of household waste.", "content"),
        ("We will report the result of the assessment in next year's plan.", "description"),
        ("The council certifies that no contracts involving a transfer of staff were let.", "content"),
    ],
)
def test_a_sentence_gets_its_role(text: str, role: str) -> None:
    assert _roles([("paragraph", text)])[text] == role


def test_contents_entries_are_toc_and_fulfil_nothing() -> None:
    roles = _roles(
        [
            ("heading", "Contents"),
            ("paragraph", "Our Strategic Objectives 4"),
            ("paragraph", "Improvement Priorities ........ 7"),
            ("paragraph", "Statement on Contracts 12"),
            ("heading", "Foreword"),
            ("paragraph", "Our aim is a cleaner, safer district for every resident."),
        ]
    )
    assert roles["Our Strategic Objectives 4"] == "toc"
    assert roles["Improvement Priorities ........ 7"] == "toc"
    assert roles["Our aim is a cleaner, safer district for every resident."] == "content"


def test_items_of_a_list_introduced_by_a_requirement_are_requirements() -> None:
    roles = _roles(
        [
            ("paragraph", "The plan must contain:"),
            ("list_item", "a summary of the authority's strategic objectives and priorities;"),
            ("list_item", "a brief statement on contracts stating and certifying compliance with the code."),
        ]
    )
    assert set(list(roles.values())[1:]) == {"requirement"}


def test_a_list_of_kinds_of_content_after_a_self_reference_is_not_content_but_named_items_are() -> None:
    roles = _roles(
        [
            ("paragraph", "This plan sets out:"),
            ("list_item", "how we performed last year"),
            ("list_item", "Cleaner streets in every ward"),
        ]
    )
    assert roles["how we performed last year"] == "self_reference"
    assert roles["Cleaner streets in every ward"] == "content"


def test_a_heading_with_no_content_under_it_fulfils_nothing() -> None:
    doc = _doc(
        [
            ("heading", "Borsetshire District Council Best Value Performance Plan 2004/05"),
            ("heading", "Our Strategic Objectives"),
            ("paragraph", "This section sets out our objectives and priorities for improvement."),
            ("heading", "Statement on Contracts"),
            ("paragraph", "The plan must include a statement certifying contracts comply with the code."),
        ]
    )
    report = check_document(doc)
    status = {q.id: q.status for q in report.requirements}
    assert status["OBJECTIVES"] != "met"
    assert status["WORKFORCE"] != "met"


def _corpus() -> list[Path]:
    files = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".pdf", ".docx", ".odt", ".html"))
    if SHARED.is_dir():
        files += [p for p in sorted(SEEDS.glob("*.md")) if p.name != "README.md"]
        files += sorted(p for p in WILD.rglob("*") if p.suffix in (".pdf", ".docx"))
    return files


@pytest.mark.slow
def test_no_met_quote_anywhere_comes_from_a_sentence_that_is_not_content() -> None:
    # Fixtures (generated, example, zoo), seeds and wild files (the real excerpts are in
    # tests/test_real_world.py): every quote
    # that shows a requirement met is the plan's own content or table data (a title page names the plan
    # and dates it).
    files = _corpus()
    assert len(files) >= 90
    for path in files:
        for q in check_path(path).requirements:
            if q.status == "met":
                assert all(shows_met(q.id, e.role) for e in q.evidence), (path.name, q.id, q.evidence)


def test_the_quick_prefilter_never_changes_a_role() -> None:
    # patterns/roles.yml `quick` lists strings every pattern of a role needs; a sentence without one is not
    # searched. Over every sentence of every plan and paper at hand, the roles must be the same either way.
    files = sorted((FIXTURES / "generated").glob("*.docx"))
    if SHARED.is_dir():
        files += [p for p in sorted(SEEDS.glob("*.md")) if p.name != "README.md"]
        files += sorted((SHARED / "corpus" / "real" / "docs").glob("*.txt"))
    sentences = [s.text for path in files for s in DocIndex(load(path)).sentences]
    assert len(sentences) > 2000
    differ = [t for t in sentences if pattern_role(t) != pattern_role_unfiltered(t)]
    assert not differ, differ[:5]
