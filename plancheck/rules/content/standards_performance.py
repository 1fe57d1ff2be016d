"""PC126 missing-standards-performance: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingStandardsPerformance(ConceptRule):
    """The plan does not report success in meeting last year's performance standards.

    ## What it checks
    For bvpp-2001 plans: performance against the standards in force
    (patterns/articles.yml, standards_performance), saying whether they
    were met; without a result, `partial`.

    ## Why it matters
    Article 4(2)(d) required the plan to report how far the authority met
    the performance standards in force.

    ## Passes
    "We met the national standard for processing planning applications in
    2000/01."

    ## Fails
    No mention of standards.

    ## How to fix
    Report each performance standard in force last year and whether it was
    met.
    """

    code = "PC126"
    name = "missing-standards-performance"
    requirement = "ART4-D"
    severity = "error"
    citation = "SI 1999/3251 art 4(2)(d)"
    concept_name = "standards_performance"
