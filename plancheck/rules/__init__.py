"""The rules: one module per rule, registered in registry.py; each reads the document model and context."""
