"""PC208 missing-indicator-targets-article: the 2000-2002 plans' indicators, standards and targets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from plancheck.indicators.patterns import vocabulary
from plancheck.indicators.tables import SourceCell
from plancheck.rules.base import Assessment, Output, Rule, RuleContext
from plancheck.rules.indicators.assess import no_tables
from plancheck.rules.indicators.common import indicator_analysis, searched, table_evidence


class MissingIndicatorTargetsArticle(Rule):
    """The plan sets no performance targets for its indicators (SI 1999/3251 art 3(e)).

    ## What it checks
    Article 3(e) asks for the performance indicators, standards and targets
    for the authority's functions. Met when the indicator tables give a
    target for the plan year (or a later year) on at least the `met_share`
    of rows (patterns/indicators.yml); partial when indicators are listed but
    fewer rows have targets; missing when there is no indicator table.

    ## Why it matters
    Targets are how a best value authority commits to improvement; the
    order requires them in every plan from 2000/01 to 2002/03.

    ## Passes
    `BV 8 | Invoices paid in 30 days | 1999/00 Actual 88% | 2000/01 Target 92%`

    ## Fails
    An indicator table with past results only.

    ## How to fix
    Add a target for the plan year (and later years) for each indicator.
    """

    code = "PC208"
    name = "missing-indicator-targets-article"
    requirement = "ART3-E"
    severity = "error"
    citation = "SI 1999/3251 art 3(e)"
    regimes = ("bvpp-2000", "bvpp-2001")

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the ART3-E verdict from the target columns."""
        a = indicator_analysis(ctx)
        req = self.requirement or "ART3-E"
        missing = no_tables(a, req)
        if missing is not None:
            yield missing
            return
        current = a.years.current if a.years else ""
        with_target = [r for r in a.rows if any(_future_target(c, current) for c in r.entry.cells)]
        tables = [t for t in a.found.tables if any(c.role == "target" for c in t.columns)]
        share = len(with_target) / len(a.rows)
        status: Literal["met", "partial"] = "met" if share >= vocabulary().met_share and tables else "partial"
        detail = f"{len(with_target)} of {len(a.rows)} indicator rows give a target for {current} or later."
        yield Assessment(req, status, table_evidence(a, tables or a.found.tables), detail, searched(a))


def _future_target(cell: SourceCell, current: str) -> bool:
    """A target figure for the plan year or later (an undated "Target" column counts)."""
    return cell.column.role == "target" and cell.value.present and (cell.column.year or current) >= current
