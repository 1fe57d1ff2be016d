"""PC125 missing-comparison-with-others: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingComparisonWithOthers(ConceptRule):
    """The plan does not compare the authority's performance with other authorities'.

    ## What it checks
    For bvpp-2001 plans: a comparison with other authorities (quartiles,
    averages, benchmarking groups; patterns/articles.yml,
    performance_comparison).

    ## Why it matters
    Article 4(2)(c) required the comparison with other authorities'
    performance.

    ## Passes
    "Compared with other metropolitan councils, our recycling rate is in
    the upper quartile."

    ## Fails
    Indicator tables with no comparative data or commentary.

    ## How to fix
    Add comparative data (quartiles or averages for similar authorities)
    beside the indicators or in a commentary.
    """

    code = "PC125"
    name = "missing-comparison-with-others"
    requirement = "ART4-C"
    severity = "error"
    citation = "SI 1999/3251 art 4(2)(c)"
    concept_name = "performance_comparison"
