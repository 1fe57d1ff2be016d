"""PC003 rule-crashed: a rule raised an error on this document; its requirement could not be judged."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext


class RuleCrashed(Rule):
    """A rule failed with an internal error on this document, so its requirement was not judged.

    ## What it checks
    Nothing itself: the engine emits this finding when another rule raises
    an exception, naming the rule and the error. That rule's requirement
    stays `missing` with the error as its detail; every other rule still runs.

    ## Why it matters
    One faulty rule must not lose the whole report, nor silently pass or fail
    a requirement: the auditor sees which judgement is absent and why.

    ## Passes
    Every document on which all rules run to completion.

    ## Fails
    A document that makes a rule raise (a bug in plancheck: please report it
    with the file).

    ## How to fix
    Nothing in the plan: report the error to the plancheck maintainers; in
    the meantime, judge the named requirement by hand.
    """

    code = "PC003"
    name = "rule-crashed"
    severity = "error"
    citation = "plancheck engine"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Nothing to do: the engine reports crashed rules."""
        return ()
