"""PC127 missing-standards-progress: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingStandardsProgress(ConceptRule):
    """The plan does not report progress towards standards set but not yet in force.

    ## What it checks
    For bvpp-2001 plans: progress towards standards that will come into
    force (patterns/articles.yml, standards_progress).

    ## Why it matters
    Article 4(2)(e) required authorities to show they are preparing for
    standards that will apply later.

    ## Passes
    "The new standard for housing benefit claims comes into force in April
    2002; we now process 80% within it."

    ## Fails
    No mention of future standards.

    ## How to fix
    Report progress towards each standard set but not yet in force.
    """

    code = "PC127"
    name = "missing-standards-progress"
    requirement = "ART4-E"
    severity = "error"
    citation = "SI 1999/3251 art 4(2)(e)"
    concept_name = "standards_progress"
