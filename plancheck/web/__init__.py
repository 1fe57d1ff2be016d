"""The self-check web page (placeholder until the web issue)."""
