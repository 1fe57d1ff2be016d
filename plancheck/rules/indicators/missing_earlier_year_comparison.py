"""PC209 missing-earlier-year-comparison: no comparison with the authority's own earlier years."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from plancheck.indicators.analysis import Analysis
from plancheck.indicators.columns import Column
from plancheck.indicators.patterns import vocabulary
from plancheck.indicators.tables import IndicatorEntry
from plancheck.rules.base import Assessment, Output, Rule, RuleContext
from plancheck.rules.indicators.assess import no_tables
from plancheck.rules.indicators.common import indicator_analysis, searched, table_evidence

_PAST_ROLES = ("outturn", "estimate", "year")


class MissingEarlierYearComparison(Rule):
    """Indicator results are not compared with the authority's earlier years (SI 1999/3251 art 4(2)(b)).

    ## What it checks
    The 2001/02 and 2002/03 plans had to compare the previous year's
    performance with the authority's performance in earlier years. Read from
    the tables: met when at least the `met_share` of indicator rows give
    figures for two or more past years (e.g. `Actual 1999/00` and
    `Actual 2000/01`); partial when fewer do or the tables show one past
    year only; missing when there is no indicator table.

    ## Why it matters
    A trend over several years shows whether services are improving, which
    is what article 4(2)(b) asks the plan to show.

    ## Passes
    `BV 12 | Sickness absence | 1999/00: 11.2 | 2000/01: 10.4 | Target 2001/02: 9.5`

    ## Fails
    A table with one year of results only.

    ## How to fix
    Add the earlier years' results beside the previous year's.
    """

    code = "PC209"
    name = "missing-earlier-year-comparison"
    requirement = "ART4-B"
    severity = "error"
    citation = "SI 1999/3251 art 4(2)(b)"
    regimes = ("bvpp-2001",)

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the ART4-B verdict from the number of past years with figures per row."""
        a = indicator_analysis(ctx)
        req = self.requirement or "ART4-B"
        missing = no_tables(a, req)
        if missing is not None:
            yield missing
            return
        trend = [r for r in a.rows if len(_past_years(r.entry, a)) >= 2]
        tables = [t for t in a.found.tables if len(_table_past_years(a, t.columns)) >= 2]
        share = len(trend) / len(a.rows)
        status: Literal["met", "partial"] = "met" if share >= vocabulary().met_share and tables else "partial"
        detail = f"{len(trend)} of {len(a.rows)} indicator rows give figures for two or more past years."
        yield Assessment(req, status, table_evidence(a, tables or a.found.tables), detail, searched(a))


def _past_years(entry: IndicatorEntry, a: Analysis) -> set[str]:
    current = a.years.current if a.years else ""
    return {
        c.column.year
        for c in entry.cells
        if c.column.role in _PAST_ROLES and c.column.year and c.column.year < current and c.value.present
    }


def _table_past_years(a: Analysis, columns: Iterable[Column]) -> set[str]:
    current = a.years.current if a.years else ""
    return {c.year for c in columns if c.role in _PAST_ROLES and c.year and c.year < current}
