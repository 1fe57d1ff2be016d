"""PC124 missing-performance-comparison: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingPerformanceComparison(ConceptRule):
    """The 2000/01 plan does not compare the authority's previous-year performance.

    ## What it checks
    For bvpp-2000 plans: a comparison of last year's indicator performance
    (with other authorities, averages or quartiles; patterns/articles.yml,
    performance_comparison).

    ## Why it matters
    Article 3(g) required a comparison so that performance figures can be
    read against a yardstick.

    ## Passes
    "How we compare: 12 of our indicators are in the top quartile of
    district councils."

    ## Fails
    Outturn figures with no comparison.

    ## How to fix
    Add a comparison with other authorities (quartiles, averages or named
    comparators).
    """

    code = "PC124"
    name = "missing-performance-comparison"
    requirement = "ART3-G"
    severity = "error"
    citation = "SI 1999/3251 art 3(g)"
    concept_name = "performance_comparison"
