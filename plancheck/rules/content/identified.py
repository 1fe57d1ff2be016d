"""PC101 unidentified-plan: the document does not call itself the (Best Value) Performance Plan."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from plancheck.classify import classified
from plancheck.concepts import concept
from plancheck.docindex import DocIndex, doc_index
from plancheck.patterns import load_yaml, require
from plancheck.report import Evidence, Location
from plancheck.rules.base import Assessment, Output, Rule, RuleContext
from plancheck.textmatch import best_synonym

TITLE_BLOCKS = 12
"""Blocks at the start that count as the title page."""
TITLE_CHARS = 160
"""A title-page block longer than this is prose, not a title line."""


def _own_voice(idx: DocIndex, si: int) -> bool:
    """A plan-voice sentence naming the plan: "This document is our Best Value Performance Plan"."""
    c = concept("identified")
    hits = idx.sentences[si].hits
    return idx.role(si) == "content" and c.key("statements") in hits and c.key("mentions") in hits


@functools.cache
def other_titles() -> tuple[str, ...]:
    """Titles of documents that served as the statutory plan without its name (patterns/identified.yml)."""
    data = load_yaml("identified.yml")
    titles = require(data, "served_as_the_plan", list, "patterns/identified.yml")
    return tuple(str(t) for t in titles)


def _names_the_plan(idx: DocIndex, pid: int, names: tuple[str, ...]) -> bool:
    """A title line naming the plan: not a contents entry, navigation, or a sentence denying it."""
    sids = idx.by_passage.get(pid, [])
    if any(idx.role(si) not in ("heading", "content") for si in sids):
        return False
    return best_synonym(idx.passages[pid].text, names) is not None


class UnidentifiedPlan(Rule):
    """The document does not identify itself as the authority's (Best Value) Performance Plan.

    ## What it checks
    That the title page, a heading, the running header or footer, the file's
    title, or a sentence in the plan's own voice ("this plan", "our Best Value
    Performance Plan") names the document as the Best Value Performance Plan.
    A mention only in passing in the body is `partial`.

    ## Why it matters
    Circular 02/2004 para 13: an excellent or good authority may publish its
    plan inside its corporate plan, but only if that document is identified as
    its Best Value Performance Plan; otherwise the duty to publish is not shown
    to be met. Advisory for other tiers.

    ## Passes
    A title page reading "Best Value Performance Plan 2004/05", or a corporate
    plan whose introduction says "This Corporate Plan is also our Best Value
    Performance Plan for 2005/06".

    ## Fails
    A corporate plan or annual report that never says it is the performance
    plan; a document that names the plan only in a sentence such as "the Plan
    must be published by 30 June".

    ## How to fix
    Put "Best Value Performance Plan" and the plan year on the title page, or
    say in the introduction that the document is the authority's Best Value
    Performance Plan.
    """

    code = "PC101"
    name = "unidentified-plan"
    requirement = "IDENTIFIED"
    severity = "error"
    citation = "Circular 02/2004 para 13"
    needs_nlp = True

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the IDENTIFIED assessment and a finding unless it is met."""
        a = self.assess(ctx)
        yield a
        applies = ctx.applicability("IDENTIFIED")
        if a.status != "met" and applies != "not_required":
            first = a.evidence[0] if a.evidence else None
            where = Location(page=first.page, heading_path=first.heading_path) if first else None
            yield self.finding(
                f"The document does not identify itself as the performance plan ({a.status}). {a.detail}",
                location=where,
                severity="error" if applies == "required" else "warning",
                suggestion="Call it 'Best Value Performance Plan <year>' on its title page or introduction.",
            )

    def assess(self, ctx: RuleContext) -> Assessment:
        """IDENTIFIED from the title, headings, furniture and plan-voice sentences."""
        c = concept("identified")
        idx = doc_index(ctx)
        paper = classified(ctx)
        searched = (
            "title, running headers/footers, headings and the title page for: " + "; ".join(c.headings),
            "plan-voice phrases tried: " + "; ".join(c.statements),
            f"examined {idx.n_blocks} blocks and {idx.n_tables} tables",
        )
        titles = [pid for pid in idx.headings if _names_the_plan(idx, pid, c.headings)]
        early = [
            pid
            for pid in idx.title_page(TITLE_BLOCKS)
            if idx.passages[pid].kind != "table_row"
            and len(idx.passages[pid].text) <= TITLE_CHARS
            and _names_the_plan(idx, pid, c.headings)
        ]
        hits = sorted(set(titles) | set(early))
        own = [si for si in range(len(idx.sentences)) if _own_voice(idx, si)]
        if paper.kind == "not_plan" and (hits or own):
            # A cabinet report headed "Best Value Performance Plan" is about the plan, not the plan itself.
            detail = "The document names the plan but is a paper about it, not the plan (see PC002)."
            return Assessment("IDENTIFIED", "missing", (), detail, searched)
        if hits or own:
            named = [idx.passage_evidence(pid) for pid in hits[:2]] + [idx.evidence(si) for si in own[:1]]
            return Assessment("IDENTIFIED", "met", tuple(named), "Named as the performance plan.", searched)
        for b in ctx.doc.furniture:
            if best_synonym(b.text, c.headings):
                running = Evidence(b.page, b.text, (f"(running {b.region})",), role="heading")
                return Assessment(
                    "IDENTIFIED", "met", (running,), f"Named in the running {b.region}.", searched
                )
        served = other_titles()
        titled = [
            pid
            for pid in idx.title_page(TITLE_BLOCKS)
            if len(idx.passages[pid].text) <= TITLE_CHARS and _names_the_plan(idx, pid, served)
        ] or [pid for pid in idx.headings[:3] if _names_the_plan(idx, pid, served)]
        if titled:
            return Assessment(
                "IDENTIFIED",
                "partial",
                tuple(idx.passage_evidence(pid) for pid in titled[:2]),
                "The title names a plan or report of a kind that served as the statutory plan, but not the "
                "Best Value Performance Plan.",
                searched,
            )
        mentions = [
            si
            for si in range(len(idx.sentences))
            if idx.fulfils(si) and c.key("mentions") in idx.sentences[si].hits
        ]
        if mentions:
            ev = tuple(idx.evidence(si) for si in mentions[:2])
            return Assessment(
                "IDENTIFIED",
                "partial",
                ev,
                "The performance plan is mentioned, but the document is not named as it.",
                searched,
            )
        return Assessment(
            "IDENTIFIED", "missing", (), "The document never names itself the performance plan.", searched
        )
