"""Find and read plancheck.toml / [tool.plancheck] (placeholder until the reports issue)."""

from __future__ import annotations

from pathlib import Path

from plancheck.config import Settings


def load_settings(config: str | None, start: Path | None) -> Settings:
    """Settings from ``config`` or the nearest plancheck.toml above ``start``; defaults otherwise."""
    return Settings(config_path=config)
