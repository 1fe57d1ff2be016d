"""PC206 omitted-catalogue-indicator: a BVPI that applied to the authority is not in the plan."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.indicators.catalogue import covered, expected
from plancheck.indicators.codes import base_number
from plancheck.indicators.patterns import vocabulary
from plancheck.report import Location
from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.rules.indicators.common import indicator_analysis


class OmittedCatalogueIndicator(Rule):
    """A BVPI collected from this type of authority for the outturn year is missing from the plan.

    ## What it checks
    The BVPI catalogue (`patterns/bvpi/catalogue.csv`) says which indicators
    were collected from which types of authority in which years. For the
    authority type (given or detected) and the plan's outturn year, each
    catalogue indicator that no row of the plan's indicator tables reports
    (by its code, a sub-part such as BV82a(i), or its parent) is a warning.
    The catalogue's evidence grade is in the message: grade C rows (from
    general knowledge, unverified) are never more than info. Satisfaction
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
        # One finding per family: BV82a(i) is not reported again when BV82a itself is omitted.
        shorter = {e.code for e in omitted}
        for entry in omitted:
            if covered(entry.code, {c for c in shorter if len(c) < len(entry.code)}):
                continue
            yield self.finding(
                f"{entry.code} ({entry.title}) applied to {ctx.context.authority_type} authorities for "
                f"{past} outturn but no indicator table reports it (catalogue evidence grade {entry.grade}: "
                f"{entry.note}).",
                location=Location(page=first.page, table=first.table),
                severity="info" if entry.grade == "C" else None,
                suggestion=(
                    f"Report {entry.code} with its {past} outturn and targets, or say why it does not apply."
                ),
            )
