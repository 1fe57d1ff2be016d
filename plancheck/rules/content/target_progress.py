"""PC128 missing-target-progress: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingTargetProgress(ConceptRule):
    """The plan does not report progress towards its performance targets.

    ## What it checks
    For bvpp-2001 plans: progress against targets (met, missed, on track;
    patterns/articles.yml, target_progress).

    ## Why it matters
    Article 4(2)(f) required the plan to report how the authority was
    doing against the targets it had set.

    ## Passes
    "We met 34 of our 45 targets for 2000/01; the others are explained
    below."

    ## Fails
    Targets listed with no account of progress.

    ## How to fix
    Say, for each target, whether it was met or how far the authority has
    got.
    """

    code = "PC128"
    name = "missing-target-progress"
    requirement = "ART4-F"
    severity = "error"
    citation = "SI 1999/3251 art 4(2)(f)"
    concept_name = "target_progress"
