"""The rules-*.yml fixture plans and their expectations, for the rule tests and the docs meta-test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plancheck.config import Settings
from tests.conftest import FIXTURES

GENERATED = FIXTURES / "generated"


@dataclass(frozen=True)
class FixturePlan:
    """One generated fixture document and what the rules must say about it."""

    name: str
    expect: dict[str, Any]

    def path(self, fmt: str) -> Path:
        """The generated file of format ``fmt`` (docx or pdf)."""
        return GENERATED / f"{self.name}.{fmt}"

    def settings(self) -> Settings:
        """Settings the expectation was written for."""
        return Settings(**self.expect.get("settings", {}))


def fixture_plans(prefix: str = "rules-") -> list[FixturePlan]:
    """Every document of every fixtures/specs/<prefix>*.yml spec that has an ``expect`` block."""
    out = []
    for spec in sorted((FIXTURES / "specs").glob(f"{prefix}*.yml")):
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        defaults = data.get("defaults", {})
        for doc in data.get("documents", [data]):
            merged = {**defaults, **doc}
            if "expect" in merged:
                out.append(FixturePlan(merged["name"], merged["expect"]))
    return out
