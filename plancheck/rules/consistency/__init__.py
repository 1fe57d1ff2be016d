"""PC3xx rules: consistency between what the user said and what the document says."""
