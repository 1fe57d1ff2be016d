"""Batch runs over many plans: isolated parallel checks, a results database, a dashboard, cross-year checks.

Modules: ``jobs`` (what to check), ``runner`` (skip, check, store), ``schema``
and ``db`` (the results database), ``cluster`` (Dask), ``outputs`` and
``dashboard`` (files under --out), ``crossyear`` (targets against outturns),
``progress`` and ``cli``.
"""
