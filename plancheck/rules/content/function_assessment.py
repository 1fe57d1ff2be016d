"""PC121 missing-function-assessment: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingFunctionAssessment(ConceptRule):
    """The plan does not summarise its assessment of the level and way its functions are exercised.

    ## What it checks
    For 2000/01 and 2001/02 plans: a section assessing the authority's
    services (patterns/articles.yml, function_assessment) with a judgement
    of their level or manner.

    ## Why it matters
    Article 3(b) required each plan to summarise the authority's own
    assessment of how well, and how, it exercises its functions.

    ## Passes
    "How we perform: our assessment is that housing repairs are below
    average ..."

    ## Fails
    A plan with no self-assessment.

    ## How to fix
    Add a summary of the authority's assessment of each function: the
    level of service and the way it is provided.
    """

    code = "PC121"
    name = "missing-function-assessment"
    requirement = "ART3-B"
    severity = "error"
    citation = "SI 1999/3251 art 3(b)"
    concept_name = "function_assessment"
