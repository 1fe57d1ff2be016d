"""PC207 missing-previous-year-performance: the 2001/02 and 2002/03 plans' previous-year BVPI results."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.rules.indicators.assess import outturn_assessment
from plancheck.rules.indicators.common import indicator_analysis


class MissingPreviousYearPerformance(Rule):
    """Previous-year performance on the BVPIs is not reported (SI 1999/3251 art 4(2)(a)).

    ## What it checks
    The 2001/02 and 2002/03 plans had to report the authority's previous-year
    performance on the BVPIs (article 4(2)(a)). It is read from the indicator
    tables exactly as PI-OUTTURN is for later plans: the past year's figure
    on every row, with gaps counted and explained gaps allowed. It also lists
    every row read (the report's `indicators`).

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
    requirement = "ART4-A"
    severity = "error"
    citation = "SI 1999/3251 art 4(2)(a)"
    regimes = ("bvpp-2001",)

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the ART4-A verdict and every indicator row."""
        a = indicator_analysis(ctx)
        yield outturn_assessment(a, self.requirement or "ART4-A")
        for row in a.rows:
            yield row.to_indicator_row()
