"""PC111 missing-past-progress: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingPastProgress(ConceptRule):
    """The 2003/04 plan does not report three years' progress on improvement measures and their outcomes.

    ## What it checks
    For bvpp-2003 plans: a section on progress or achievements
    (patterns/past_progress.yml) with the outcomes achieved. Without
    outcomes it is `partial`.

    ## Why it matters
    Circular 03/2003 asked authorities to look back over three years: what
    they set out to improve and what changed as a result.

    ## Passes
    "Our progress since 2000: recycling has risen from 8% to 17%, and ..."

    ## Fails
    A plan that only looks forward.

    ## How to fix
    Add a section on progress over the last three years: the improvement
    measures taken and their outcomes.
    """

    code = "PC111"
    name = "missing-past-progress"
    requirement = "PAST-PROGRESS"
    severity = "error"
    citation = "Circular 03/2003 (as reported); Circular 02/2004 para 10"
    concept_name = "past_progress"
