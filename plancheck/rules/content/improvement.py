"""PC103 missing-improvement-arrangements: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingImprovementArrangements(ConceptRule):
    """The plan does not say how it will address its improvement priorities, and with what outcomes.

    ## What it checks
    A section such as "Improvement priorities", "Improvement plan" or "How
    we will improve" (patterns/improvement.yml), or plan-voice sentences
    about addressing weaknesses, together with the outcomes expected ("so
    that", "outcome", a dated target). Arrangements without expected
    outcomes are `partial`.

    ## Why it matters
    The Circular asks fair-or-below authorities to explain how they will
    tackle the weaknesses found by CPA or self-assessment and what
    difference it will make; for 2003/04 plans, improvement plans for the
    next three years.

    ## Passes
    "3. Improvement Priorities" with actions for each priority and "the
    expected outcome is a 10% rise in recycling by March 2006".

    ## Fails
    A list of actions with no outcomes (partial); a report that "the Plan
    should explain the arrangements" (fulfils nothing).

    ## How to fix
    For each improvement priority, say what will be done, by whom and
    when, and the outcome expected.
    """

    code = "PC103"
    name = "missing-improvement-arrangements"
    requirement = "IMPROVEMENT"
    severity = "error"
    citation = "Circular 02/2004 Annex A(b) 2(b), A(c) 2(b); Circular 03/2003"
    concept_name = "improvement"
