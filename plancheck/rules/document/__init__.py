"""PC0xx rules: the document itself (unreadable, not a plan, a rule crashed)."""
