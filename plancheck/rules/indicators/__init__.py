"""The BVPI indicator-table rules (PC2xx): outturn, targets, gaps, stale years, estimates, catalogue."""
