"""PC112 missing-finance-summary: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingFinanceSummary(ConceptRule):
    """The 2003/04 plan has no summary financial information.

    ## What it checks
    For bvpp-2003 plans: a financial summary (budget, spending, council
    tax; patterns/finance.yml) with figures. Without figures it is
    `partial`.

    ## Why it matters
    Circular 03/2003 required summary financial information so that
    performance can be read against spending.

    ## Passes
    "Financial summary: net revenue budget £142.6m; council tax Band D
    £1,021."

    ## Fails
    No finance section.

    ## How to fix
    Add a one-page financial summary: revenue budget, capital programme
    and council tax, with figures.
    """

    code = "PC112"
    name = "missing-finance-summary"
    requirement = "FINANCE-SUMMARY"
    severity = "error"
    citation = "Circular 03/2003 (as reported); Circular 02/2004 para 10"
    concept_name = "finance"
