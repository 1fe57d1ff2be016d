"""PC210 missing-audit-commission-results: the 2000/01 plans' previous-year indicator results."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.rules.indicators.assess import outturn_assessment
from plancheck.rules.indicators.common import indicator_analysis


class MissingAuditCommissionResults(Rule):
    """The first plans do not report last year's performance on the indicators (SI 1999/3251 art 3(f)).

    ## What it checks
    The first plans (2000/01) had to report the authority's 1999/00
    performance on the Audit Commission indicators (article 3(f), Schedule
    1). It is read from the indicator tables as PI-OUTTURN is for later
    plans: the 1999/00 figure on every row, with gaps counted and explained
    gaps allowed. It also lists every row read (the report's `indicators`).

    ## Why it matters
    Article 3(f) makes last year's results part of the statutory content of
    the first plans; they are the baseline later plans are measured from.

    ## Passes
    The 2000/01 plan with a `1999/00 Actual` column filled for every indicator.

    ## Fails
    The 2000/01 plan with targets only, or no indicator table.

    ## How to fix
    Add the 1999/00 results for every indicator.
    """

    code = "PC210"
    name = "missing-audit-commission-results"
    requirement = "ART3-F"
    severity = "error"
    citation = "SI 1999/3251 art 3(f), Sch 1"
    regimes = ("bvpp-2000",)

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the ART3-F verdict and every indicator row."""
        a = indicator_analysis(ctx)
        yield outturn_assessment(a, self.requirement or "ART3-F")
        for row in a.rows:
            yield row.to_indicator_row()
