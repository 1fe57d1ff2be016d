"""Output formats: one module per format, each only formatting finished reports."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Protocol, TextIO

from plancheck.report import Report
from plancheck.vocabulary import FORMATS

__all__ = ["FORMATS", "Reporter", "get"]



class Reporter(Protocol):
    """Writes reports to a stream; never filters or re-checks."""

    def __call__(self, reports: Sequence[Report], stream: TextIO, **options: object) -> None:
        """Write ``reports`` to ``stream``."""


def get(fmt: str) -> Reporter:
    """The reporter for ``fmt`` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    module = importlib.import_module(f"plancheck.reporters.{fmt}_report")
    return module.write  # type: ignore[no-any-return]
