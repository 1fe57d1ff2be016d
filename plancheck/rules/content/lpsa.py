"""PC113 missing-lpsa-progress: one required-content rule."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Assessment, Output, RuleContext
from plancheck.rules.content.presence import ConceptRule


class MissingLpsaProgress(ConceptRule):
    """The 2003/04 plan does not report progress against the Local Public Service Agreement.

    ## What it checks
    For bvpp-2003 plans: progress against the Local PSA targets
    (patterns/lpsa.yml). Applies only where the authority has a Local PSA:
    a plan that never mentions one is `not_required`, with a note that
    this was assumed.

    ## Why it matters
    Circular 03/2003 asked authorities with a Local PSA to report progress
    on its stretch targets.

    ## Passes
    "Local Public Service Agreement: we are on track for 9 of our 12
    stretch targets."

    ## Fails
    "We signed a Local PSA in 2002" with no progress (partial).

    ## How to fix
    Report each LPSA stretch target with progress to date.
    """

    code = "PC113"
    name = "missing-lpsa-progress"
    requirement = "LPSA-PROGRESS"
    severity = "error"
    citation = "Circular 03/2003 (as reported); Circular 02/2004 para 10"
    concept_name = "lpsa"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """As for every content rule, except that a plan silent on any Local PSA is taken to have none."""
        outputs = list(super().check(ctx))
        first = outputs[0]
        if isinstance(first, Assessment) and first.status == "missing":
            detail = (
                "The plan never mentions a Local Public Service Agreement: assumed the authority has none "
                "(if it has one, report progress against it)."
            )
            return [Assessment(first.requirement, "not_required", (), detail, first.searched)]
        return outputs
