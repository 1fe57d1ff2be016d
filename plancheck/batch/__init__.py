"""Batch runs over many plans (placeholder until the batch issue)."""
