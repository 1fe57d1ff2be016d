"""``--format json``: the report of docs/report-format.md (schema: plancheck/schema/report-1.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from plancheck.report import Report


def write(reports: Sequence[Report], stream: TextIO, *, single: bool | None = None, **_: object) -> None:
    """One object for one document, an array for several (as the contract says)."""
    one = len(reports) == 1 if single is None else single
    data = reports[0].to_dict() if one else [r.to_dict() for r in reports]
    json.dump(data, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
