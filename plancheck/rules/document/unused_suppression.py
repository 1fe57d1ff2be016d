"""PC900 unused-suppression: a suppression in the configuration matched no finding in this document."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.suppress import UNUSED_NAME, UNUSED_RULE


class UnusedSuppression(Rule):
    """A suppression in the configuration covers this document but matched none of its findings.

    ## What it checks
    Nothing in the document: after the rules have run, the engine matches
    each `[[suppress]]` entry that covers the document (by its `document`
    glob and `authority`) against the findings. An entry that matched none
    is reported here, naming where it was recorded (`plancheck.toml:
    suppress[2]`), at severity info.

    ## Why it matters
    An auditor's accepted deviation should stay tied to a real finding.
    When the plan is corrected, or the rule or requirement named in the
    entry is misspelt or renamed, a stale acceptance would otherwise linger
    and could hide a later, different finding.

    ## Passes
    Every suppression that covers the document suppresses at least one finding.

    ## Fails
    A suppression of PC104 for a plan whose workforce statement is present.

    ## How to fix
    Remove the entry, or correct its rule, requirement, document or
    authority; `ignore = ["PC900"]` turns the check off.
    """

    code = UNUSED_RULE
    name = UNUSED_NAME
    severity = "info"
    citation = "plancheck configuration: suppressions with reasons"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Nothing to do here: the engine reports unused suppressions once findings are known."""
        return ()
