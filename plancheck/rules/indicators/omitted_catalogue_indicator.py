"""PC206 omitted-catalogue-indicator: a BVPI that applied to the authority is not in the plan."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.indicators.catalogue import CatalogueEntry, covered, expected
from plancheck.indicators.codes import base_number
from plancheck.indicators.patterns import vocabulary
from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.rules.indicators.common import indicator_analysis, located


class OmittedCatalogueIndicator(Rule):
    """A BVPI collected from this type of authority for the outturn year is missing from the plan.

    ## What it checks
    The BVPI catalogue (`patterns/bvpi/catalogue.csv`) says which indicators
    were collected from which types of authority in which years. For the
    authority type (given or detected) and the plan's outturn year, each
    catalogue indicator that no row of the plan's indicator tables reports
    (by its code, a sub-part such as BV82a(i), or its parent) is listed, with
    its catalogue evidence grade, in one warning; grade C rows (from general
    knowledge, unverified) are listed apart, in an info finding, and never
    raise the severity. Satisfaction
    survey indicators are not expected outside survey years. Nothing is
    checked when the authority type is unknown, a parish or police authority,
    or when the plan has no BVPI table at all (PC201 reports that).

    ## Why it matters
    The plan must report outturn on *all* BVPIs that apply to the authority
    (Circular 02/2004 Annex A, fn 9); a silently dropped indicator is easy to
    miss in a long table.

    ## Passes
    A district council's 2004/05 plan that reports BV 199a.

    ## Fails
    A district council's 2004/05 plan with no row for BV 199a (street
    cleanliness, collected from 2003/04).

    ## How to fix
    Add the indicator with its outturn and targets, or say why it does not
    apply to the authority.
    """

    code = "PC206"
    name = "omitted-catalogue-indicator"
    requirement = "PI-OUTTURN"
    severity = "warning"
    citation = "Circular 02/2004 Annex A(a) 2(a), fn 9; BVPI orders (SI 2003/530, 2005/598)"
    regimes = ("bvpp-2003", "bvpp-2004", "bvpp-2008")

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield a finding for each applicable catalogue indicator the plan omits."""
        a = indicator_analysis(ctx)
        if a.years is None or a.counts_local or not a.rows:
            return
        past = a.years.past
        vocab = vocabulary()
        plan_codes = {r.entry.code for r in a.rows}
        first = a.rows[0].entry
        omitted = [
            e
            for e in expected(ctx.context.authority_type, past)
            if not covered(e.code, plan_codes)
            and not (base_number(e.code) in vocab.survey_numbers and past not in vocab.survey_years)
        ]
        # BV82a(i) is not listed again when BV82a itself is omitted.
        codes = {e.code for e in omitted}
        omitted = [e for e in omitted if not covered(e.code, {c for c in codes if len(c) < len(e.code)})]
        sure = [e for e in omitted if e.grade != "C"]
        unsure = [e for e in omitted if e.grade == "C"]
        where = located(first.page, first.table)
        who = f"{ctx.context.authority_type} authorities for {past} outturn"
        if sure:
            yield self.finding(
                f"The plan omits {len(sure)} BVPIs that applied to {who}: {_listing(sure)}.",
                location=where,
                suggestion=_SUGGESTION,
            )
        if unsure:
            yield self.finding(
                f"The plan omits {len(unsure)} BVPIs that may have applied to {who} (catalogue grade C, "
                f"from general knowledge, unverified): {_listing(unsure)}.",
                location=where,
                severity="info",
                suggestion=_SUGGESTION,
            )


_SUGGESTION = (
    "Report each with its outturn and targets, or say why it does not apply "
    "(e.g. housing indicators after a stock transfer)."
)


def _listing(entries: list[CatalogueEntry]) -> str:
    return "; ".join(f"{e.code} {e.title} (grade {e.grade})" for e in entries)
