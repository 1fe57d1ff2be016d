"""PC130 missing-target-basis: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingTargetBasis(ConceptRule):
    """The plan does not say how targets and plans followed from last year's best value reviews.

    ## What it checks
    For bvpp-2001 plans: the outcomes of last year's best value reviews
    and the targets or action plans that followed (patterns/articles.yml,
    target_basis).

    ## Why it matters
    Article 4(2)(h) required the plan to explain how the targets and plans
    arising from completed reviews were reached.

    ## Passes
    "Following the best value review of refuse collection, we set a target
    to cut missed bins by half."

    ## Fails
    Reviews listed with no outcomes.

    ## How to fix
    For each review completed last year, say what it found and which
    targets and actions followed.
    """

    code = "PC130"
    name = "missing-target-basis"
    requirement = "ART4-H"
    severity = "error"
    citation = "SI 1999/3251 art 4(2)(h)"
    concept_name = "target_basis"
