"""PC120 missing-aims: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingAims(ConceptRule):
    """The plan does not say what the authority aims to achieve through its functions.

    ## What it checks
    For bvpp-2000 and bvpp-2001 plans: the authority's objectives (the
    objectives patterns, patterns/objectives.yml) with their priorities;
    without priorities, `partial`.

    ## Why it matters
    Article 3(a) of the Best Value Performance Plans order made the
    authority's objectives the first item of every plan.

    ## Passes
    "Our aims: a cleaner, safer borough ... our priorities are ..."

    ## Fails
    A plan of tables only.

    ## How to fix
    Add a section setting out the authority's objectives for its
    functions.
    """

    code = "PC120"
    name = "missing-aims"
    requirement = "ART3-A"
    severity = "error"
    citation = "SI 1999/3251 art 3(a)"
    concept_name = "objectives"
