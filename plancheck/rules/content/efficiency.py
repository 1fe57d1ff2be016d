"""PC106 missing-efficiency-statement: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingEfficiencyStatement(ConceptRule):
    """The plan does not report its efficiency (Gershon) savings.

    ## What it checks
    From the 2006/07 plans: a section or sentences on efficiency savings
    (Gershon, Annual Efficiency Statement, cashable gains;
    patterns/efficiency.yml) with an amount. Without a sum or percentage
    it is `partial`. Advisory: it never fails a plan.

    ## Why it matters
    Councils were advised to report the efficiency savings they were
    required to make under the Gershon review alongside the plan.

    ## Passes
    "Efficiency savings: we achieved cashable gains of £1.2 million in
    2005/06."

    ## Fails
    No mention of efficiency; "we continue to seek efficiencies" with no
    figure (partial).

    ## How to fix
    Add a paragraph on efficiency savings achieved and planned, with
    amounts, or refer to the Annual Efficiency Statement with its figures.
    """

    code = "PC106"
    name = "missing-efficiency-statement"
    requirement = "EFFICIENCY"
    severity = "warning"
    citation = "Circular 05/2006 (addendum to 02/2004), as reported in council papers"
    concept_name = "efficiency"
