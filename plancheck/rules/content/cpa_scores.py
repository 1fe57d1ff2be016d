"""PC110 missing-cpa-scores: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingCpaScores(ConceptRule):
    """The 2003/04 plan does not give the authority's CPA scores.

    ## What it checks
    For bvpp-2003 plans: a section on the Comprehensive Performance
    Assessment (patterns/cpa_scores.yml) giving the category or scores. A
    mention of CPA without the scores is `partial`.

    ## Why it matters
    Circular 03/2003 required the 2003/04 plans to report CPA scores so
    that readers see the external judgement beside the authority's own.

    ## Passes
    "Comprehensive Performance Assessment: the Audit Commission
    categorised the Council as 'good' in December 2002."

    ## Fails
    No CPA section; "CPA will be reported next year" (a promise, fulfils
    nothing).

    ## How to fix
    Add the CPA category and the service and corporate assessment scores,
    with the date of the assessment.
    """

    code = "PC110"
    name = "missing-cpa-scores"
    requirement = "CPA-SCORES"
    severity = "error"
    citation = "Circular 03/2003 (as reported); removed by Circular 02/2004 para 10"
    concept_name = "cpa_scores"
