"""PC1xx rules: the required content of a plan, one module per rule."""
