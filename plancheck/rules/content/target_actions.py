"""PC129 missing-target-actions: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingTargetActions(ConceptRule):
    """The plan does not outline the action planned to meet its targets.

    ## What it checks
    For bvpp-2001 plans: the action planned to meet the targets
    (patterns/articles.yml, target_actions), linked to targets or
    indicators; without that link, `partial`.

    ## Why it matters
    Article 4(2)(g) required an outline of the action the authority would
    take to meet its targets.

    ## Passes
    "Action plan: to meet the recycling target we will extend kerbside
    collection to 6,000 homes."

    ## Fails
    Targets with no actions.

    ## How to fix
    For each target, outline the actions planned to meet it.
    """

    code = "PC129"
    name = "missing-target-actions"
    requirement = "ART4-G"
    severity = "error"
    citation = "SI 1999/3251 art 4(2)(g)"
    concept_name = "target_actions"
