"""PC102 missing-strategic-objectives: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingStrategicObjectives(ConceptRule):
    """The plan lacks a summary of strategic objectives and priorities for improvement.

    ## What it checks
    A section under a heading such as "Strategic objectives", "Our
    priorities" or "Our aims" (patterns/objectives.yml), or sentences in
    the plan's own voice naming its objectives, with priorities for
    improvement. Objectives without priorities are `partial`; a bare
    mention of "objectives" is `partial`.

    ## Why it matters
    Fair, weak and poor authorities (and the 'other' bodies, as their
    overall vision) must summarise their strategic objectives and
    priorities for improvement, reflecting corporate planning and the
    community strategy. Without them a reader cannot judge what the
    targets serve.

    ## Passes
    "2. Our Strategic Objectives" followed by the council's four
    objectives and "our priorities for improvement this year are ...".

    ## Fails
    A plan that goes straight to indicator tables; or a cabinet report
    saying "the Plan must include a summary of the strategic objectives"
    (describing is not fulfilling).

    ## How to fix
    Add a short section headed "Strategic objectives and priorities"
    listing the objectives and the priorities for improvement that follow
    from them.
    """

    code = "PC102"
    name = "missing-strategic-objectives"
    requirement = "OBJECTIVES"
    severity = "error"
    citation = "Circular 02/2004 Annex A(b) 2(a), A(c) 2(a); Circular 03/2003"
    concept_name = "objectives"
