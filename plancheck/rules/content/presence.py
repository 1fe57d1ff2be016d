"""The shared logic of the required-content rules: is a concept's content in the plan, in its own voice?

A passage under a matching heading counts for more than a passing mention:
- a matching heading with plan-voice text under it, or a statement phrase
  outside any describing sentence, shows the content (``met`` when every
  qualifier is also found there, else ``partial``);
- an intention ("we will ensure") or a bare topic mention is ``partial``;
- nothing is ``missing``, saying which headings and phrases were tried where.
Describing sentences (requirements, recommendations, promises to publish)
fulfil nothing (patterns/describing.yml).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from plancheck.concepts import Concept, concept
from plancheck.docindex import DocIndex, doc_index
from plancheck.report import Evidence, Location
from plancheck.roles import FULFILS
from plancheck.rules.base import Assessment, Output, Rule, RuleContext
from plancheck.textmatch import best_synonym

MAX_EVIDENCE = 3
FOLLOWING_PASSAGES = 2
"""Passages after a statement's own, in its section, where its qualifiers may be (a lead-in, then a table)."""


def _searched(idx: DocIndex, c: Concept, set_aside: int) -> tuple[str, ...]:
    out = [
        f"headings tried ({c.source}): " + "; ".join(c.headings),
        "phrases tried: " + "; ".join(c.statements + c.mentions),
        f"examined {idx.n_blocks} blocks and {idx.n_tables} tables ({len(idx.sentences)} sentences; "
        f"{idx.n_indicator_rows} indicator data rows left to the indicator rules)",
    ]
    if c.qualifiers:
        out.append("also looked for: " + "; ".join(q.label for q in c.qualifiers))
    if set_aside:
        out.append(
            f"{set_aside} sentences set aside: they describe, recommend, promise, navigate, list contents "
            "or speak about the document, and fulfil nothing (plancheck extract --roles shows each)"
        )
    return tuple(out)


def _qualified(idx: DocIndex, c: Concept, scope: list[int]) -> list[str]:
    """Labels of the qualifiers not found in the scope sentences."""
    missing = []
    for q in c.qualifiers:
        key = c.key(f"q.{q.name}")
        rx = q.regex
        if not any(
            key in idx.sentences[si].hits or (rx and rx.search(idx.sentences[si].text)) for si in scope
        ):
            missing.append(q.label)
    return missing


def assess(idx: DocIndex, c: Concept, requirement: str) -> Assessment:
    """The status of ``requirement`` judged by concept ``c`` over the indexed document."""
    stmt, ment, weak = c.key("statements"), c.key("mentions"), c.key("weak")
    plain = [si for si in range(len(idx.sentences)) if idx.fulfils(si)]
    set_aside = sum(1 for r in idx.roles if r not in FULFILS and r != "heading")
    body = plain
    # An intention counts for this concept only when it is about it: "we will seek to publish the plan on
    # time" is no intention to improve services.
    intentions = [
        si
        for si in body
        if weak in idx.sentences[si].hits
        or (idx.role(si) == "intention" and not idx.sentences[si].hits.isdisjoint((stmt, ment)))
    ]
    weak_set = set(intentions)
    statements = [si for si in body if stmt in idx.sentences[si].hits and si not in weak_set]

    sections: list[tuple[int, list[int]]] = []
    plain_set = set(plain)
    for pid in idx.headings:
        if best_synonym(idx.passages[pid].text, c.headings):
            inside = [si for si in idx.sentences_in(idx.section(pid)) if si in plain_set]
            if inside:
                sections.append((pid, inside))
    searched = _searched(idx, c, set_aside)

    if sections or statements:
        # Qualifiers are sought in the matching sections, and in the paragraph of a statement with what
        # follows it in its section (a table of actions and expected outcomes under the paragraph that names
        # the action plan), not the rest of a foreword that mentions it in passing.
        near = {
            x
            for si in statements
            for x in idx.sentences_in(idx.following(idx.sentences[si].passage, FOLLOWING_PASSAGES))
            if x in plain_set
        }
        scope = sorted(({si for _, ss in sections for si in ss} | near | set(statements)) - weak_set)
        said = set(statements)
        # Quote the section's own statement where it has one, else its first plain sentence.
        plain_first = [next((si for si in inside if si not in weak_set), inside[0]) for _, inside in sections]
        quoted = [
            next((si for si in inside if si in said), first)
            for (_, inside), first in zip(sections, plain_first, strict=True)
        ]
        quoted += [si for si in statements if si not in quoted]
        evidence: list[Evidence] = [idx.evidence(si) for si in quoted[:MAX_EVIDENCE]]
        if not statements and not any(si not in weak_set for _, ss in sections for si in ss):
            return Assessment(
                requirement, "partial", tuple(evidence), "States an intention, not a statement.", searched
            )
        lacking = _qualified(idx, c, scope)
        if c.weak and not statements:
            lacking = lacking or ["a statement in the plan's own voice (only a heading and text without one)"]
        if lacking:
            detail = "Found, but without " + "; ".join(lacking) + "."
            return Assessment(requirement, "partial", tuple(evidence), detail, searched)
        where = "under a matching heading" if sections else "in the plan's own words"
        return Assessment(requirement, "met", tuple(evidence), f"Found {where}.", searched)

    if intentions:
        ev = tuple(idx.evidence(si) for si in intentions[:MAX_EVIDENCE])
        return Assessment(
            requirement, "partial", ev, "Only an intention is stated, not a statement.", searched
        )
    # A word in a table cell ("Average time to relet") is not a mention in prose.
    mentions = [
        si
        for si in body
        if ment in idx.sentences[si].hits and idx.passages[idx.sentences[si].passage].kind != "table_row"
    ]
    if mentions:
        ev = tuple(idx.evidence(si) for si in mentions[:MAX_EVIDENCE])
        return Assessment(requirement, "partial", ev, "Mentioned only in passing, not set out.", searched)
    return Assessment(requirement, "missing", (), "Nothing in the document sets this out.", searched)


class ConceptRule(Rule):
    """A required-content rule judged by one concept pattern (subclasses set ``concept_name``)."""

    concept_name: ClassVar[str]
    needs_nlp = True

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the assessment of this rule's requirement, and a finding unless it is met."""
        assert self.requirement is not None  # every ConceptRule feeds one requirement
        a = assess(doc_index(ctx), concept(self.concept_name), self.requirement)
        yield a
        applies = ctx.applicability(self.requirement)
        if a.status != "met" and applies != "not_required":
            first = a.evidence[0] if a.evidence else None
            where = Location(page=first.page, heading_path=first.heading_path) if first else None
            severity = self.severity if applies == "required" or self.severity == "info" else "warning"
            yield self.finding(self.problem(a), location=where, suggestion=self.fix(), severity=severity)

    def problem(self, a: Assessment) -> str:
        """The finding's message for a status other than met."""
        return f"{self.summary().rstrip('.')}: {a.status}. {a.detail}"

    def fix(self) -> str:
        """The first paragraph of the docstring's How to fix section."""
        return self.doc_sections().get("How to fix", "").split("\n\n")[0].replace("\n", " ")
