"""Settings for a check: what the user gave, plus configuration-file defaults.

``Settings`` is the one frozen value every layer reads. The CLI, the batch
runner and the web app build it; ``plancheck.toml`` (or ``[tool.plancheck]``
in pyproject.toml) supplies defaults (see :func:`plancheck.settings_file.load_settings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plancheck.extract import ExtractOptions


@dataclass(frozen=True, slots=True)
class Suppression:
    """An auditor's recorded acceptance of a deviation."""

    reason: str
    rule: str | None = None
    """Rule code (PC101) or name; None matches any rule."""
    requirement: str | None = None
    document: str | None = None
    """A glob matched against the document path; None matches any."""
    authority: str | None = None
    """An authority name (case-insensitive, globs allowed) matched against the detected or given name."""
    key: str = ""
    """Where it was recorded (``plancheck.toml: suppress[2]``), so an unused one can be named."""
    base: str | None = None
    """The configuration file's directory: relative document globs are matched from there."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that shapes a check besides the document itself."""

    authority_type: str | None = None
    cpa: str | None = None
    previous_cpa: str | None = None
    year: str | None = None
    regime: str | None = None
    kind: str | None = None
    """``plan`` or ``not_plan`` given by the user, overriding the classifier (for its rare miss)."""
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    select: tuple[str, ...] = ()
    """Rule codes/names (or prefixes) to run; empty means all."""
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    """Severity overrides by rule code or name."""
    fail_on: str = "error"
    """Lowest severity of an unsuppressed finding that makes the exit status 1."""
    suppressions: tuple[Suppression, ...] = ()
    star_threshold: int = 3
    """CPA stars at or above this count as excellent/good (configurable: no official mapping exists)."""
    config_path: str | None = None
