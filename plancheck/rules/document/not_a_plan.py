"""PC002 not-a-plan: the document is a paper about a plan (report, guidance) or something else entirely."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.classify import classified
from plancheck.rules.base import Output, Rule, RuleContext


class NotAPlan(Rule):
    """The document is not a performance plan: it is a paper about one, guidance, or unrelated.

    ## What it checks
    The document's structure and voice (patterns/classify.yml): committee
    report furniture (recommendations, purpose of the report, background
    papers, report of an officer, agenda item, implications), guidance
    furniture (circular numbers, "authorities should"), against the plan's
    own voice and its BVPI tables. Too little text, or no mention of Best
    Value or performance indicators at all, is not a plan either.

    ## Why it matters
    Cabinet reports and guidance use the plan's vocabulary ("the Plan must
    include a statement on contracts"). Describing a requirement does not
    fulfil it: such a paper must never pass as a compliant plan.

    ## Passes
    A plan: it names itself, sets out objectives, carries indicator tables.

    ## Fails
    A cabinet report recommending approval of the BVPP; ODPM Circular
    02/2004 itself; an unrelated PDF.

    ## How to fix
    Check the plan itself (often the appendix to the report), not the
    covering paper.
    """

    code = "PC002"
    name = "not-a-plan"
    severity = "error"
    citation = "spec §6: describing is not fulfilling"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield one finding, with the reasons, when the document is not a plan."""
        c = classified(ctx)
        if c.kind == "not_plan":
            yield self.finding(
                "This is not a performance plan: " + "; ".join(c.reasons) + ".",
                suggestion="Check the plan itself, not a paper about it.",
            )
