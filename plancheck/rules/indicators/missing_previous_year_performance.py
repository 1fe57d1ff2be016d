"""PC207 missing-previous-year-performance: the 2000-2002 plans' previous-year indicator results."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.rules.indicators.assess import outturn_assessment
from plancheck.rules.indicators.common import indicator_analysis


class MissingPreviousYearPerformance(Rule):
    """Previous-year performance on the indicators is not reported (SI 1999/3251 art 3(f), 4(2)(a)).

    ## What it checks
    The first plans (2000/01) had to report the authority's previous-year
    performance on the Audit Commission indicators (article 3(f)); the
    2001/02 and 2002/03 plans its previous-year performance on the BVPIs
    (article 4(2)(a)). Both are read from the indicator tables exactly as
    PI-OUTTURN is for later plans: the past year's figure on every row,
    with gaps counted and explained gaps allowed. It also lists every row
    read (the report's `indicators`).

    ## Why it matters
    The statutory content of a plan under SI 1999/3251 includes these
    results; a plan without them does not meet the order.

    ## Passes
    The 2001/02 plan with a `2000/01 Actual` column filled for every BVPI.

    ## Fails
    The 2001/02 plan with targets only, or no indicator table.

    ## How to fix
    Add the previous year's performance for every indicator.
    """

    code = "PC207"
    name = "missing-previous-year-performance"
    requirement = None
    severity = "error"
    citation = "SI 1999/3251 art 3(f), art 4(2)(a)"
    regimes = ("bvpp-2000", "bvpp-2001")

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the ART3-F (2000/01) or ART4-A (2001-2003) verdict and every indicator row."""
        a = indicator_analysis(ctx)
        requirement = "ART3-F" if ctx.context.regime == "bvpp-2000" else "ART4-A"
        yield outturn_assessment(a, requirement)
        for row in a.rows:
            yield row.to_indicator_row()
