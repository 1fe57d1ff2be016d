"""PC122 missing-review-period: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingReviewPeriod(ConceptRule):
    """The plan does not state the period within which all functions are to be reviewed.

    ## What it checks
    For 2000/01 and 2001/02 plans: a statement of the period in which
    every function will be reviewed (patterns/articles.yml,
    review_period).

    ## Why it matters
    Article 3(c) required the plan to show that every function would be
    reviewed within the statutory five-year cycle.

    ## Passes
    "All our functions will be reviewed within five years, by March 2005."

    ## Fails
    A review programme with no end date for reviewing all functions.

    ## How to fix
    State the period (ending no later than five years on) within which all
    functions will be reviewed.
    """

    code = "PC122"
    name = "missing-review-period"
    requirement = "ART3-C"
    severity = "error"
    citation = "SI 1999/3251 art 3(c)"
    concept_name = "review_period"
