"""Find and read ``plancheck.toml`` (or ``[tool.plancheck]`` in pyproject.toml) into Settings.

The format is documented in docs/configuration.md. Every mistake (bad TOML,
an unknown key, a wrong type, an unknown rule, a suppression without a
reason) is a :class:`~plancheck.errors.ConfigError` naming the file and key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from plancheck.config import Settings, Suppression
from plancheck.errors import ConfigError
from plancheck.extract import ExtractOptions, limit_specs, limit_type
from plancheck.vocabulary import AUTHORITY_TYPES, CPA_CATEGORIES, PLAN_YEAR_SYNTAX, SEVERITIES

CONFIG_NAME = "plancheck.toml"
PYPROJECT = "pyproject.toml"
GIVEN_KINDS = ("plan", "not_plan")

TOP_KEYS = (
    "authority-type", "cpa", "previous-cpa", "year", "regime", "kind", "select", "ignore", "severity",
    "fail-on", "star-threshold", "limits", "suppress",
)  # fmt: skip
DEFAULT_STAR_THRESHOLD = Settings().star_threshold
SUPPRESS_KEYS = ("rule", "requirement", "document", "authority", "reason")


def find_config(start: Path) -> Path | None:
    """The nearest plancheck.toml, or pyproject.toml with [tool.plancheck], at or above ``start``."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and "plancheck" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_settings(config: str | None, start: Path | None) -> Settings:
    """Settings from ``config`` or the nearest configuration above ``start``; defaults otherwise."""
    path = Path(config) if config else (find_config(start) if start is not None else None)
    if path is None:
        return Settings()
    data = _read_toml(path)
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("plancheck")
        if table is None:
            raise ConfigError(str(path), "tool.plancheck", "no [tool.plancheck] table")
        return parse_settings(table, str(path), prefix="tool.plancheck.")
    return parse_settings(data, str(path))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(str(path), None, f"not valid TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(str(path), None, f"cannot read: {e}") from None


class _Reader:
    """Typed access to one table, raising ConfigError with the file and dotted key."""

    def __init__(self, table: dict[str, Any], source: str, prefix: str, allowed: tuple[str, ...]) -> None:
        self.table, self.source, self.prefix = table, source, prefix
        for key in table:
            if key not in allowed:
                self.fail(key, f"unknown key (expected one of: {', '.join(allowed)})")

    def fail(self, key: str, problem: str) -> None:
        raise ConfigError(self.source, self.prefix + key, problem)

    def get(self, key: str, kind: type | tuple[type, ...], what: str) -> Any:
        value = self.table.get(key)
        # bool is an int in Python; a number key must not accept `true`.
        if value is not None and (
            not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind))
        ):
            self.fail(key, f"must be {what}, not {_toml_type(value)}")
        return value

    def choice(self, key: str, options: tuple[str, ...] | list[str]) -> str | None:
        value: str | None = self.get(key, str, "a string")
        if value is not None and value not in options:
            self.fail(key, f"{value!r} is not one of: {', '.join(options)}")
        return value

    def strings(self, key: str, check: Callable[[str], bool], what: str) -> tuple[str, ...]:
        values = self.get(key, list, "a list of strings") or []
        for i, v in enumerate(values):
            if not isinstance(v, str):
                self.fail(f"{key}[{i}]", f"must be a string, not {_toml_type(v)}")
            if not check(v):
                self.fail(f"{key}[{i}]", f"{v!r} is not {what}")
        return tuple(values)

    def number(self, key: str, kind: type | tuple[type, ...], low: float, high: float | None = None) -> Any:
        value = self.get(key, kind, "a whole number" if kind is int else "a number")
        if value is not None and (value < low or (high is not None and value > high)):
            self.fail(key, f"{value} is out of range ({low} to {high if high is not None else 'any'})")
        return value


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _toml_type(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def known_rules() -> dict[str, str]:
    """Every rule code configuration may name, with its name."""
    from plancheck.rules.registry import ALL_RULES

    return {r.code: r.name for r in ALL_RULES}


def is_rule(key: str) -> bool:
    """A rule code or name."""
    rules = known_rules()
    return key in rules or key in rules.values()


def is_rule_selector(key: str) -> bool:
    """A rule code, name or code prefix (``PC1``) that selects at least one rule."""
    rules = known_rules()
    return key in rules.values() or (bool(key) and any(code.startswith(key) for code in rules))


def known_requirements() -> set[str]:
    """Every requirement ID in any regime of the catalogue."""
    from plancheck.catalogue import regimes

    return {q.id for r in regimes().values() for q in r.requirements}


def parse_settings(data: dict[str, Any], source: str, prefix: str = "") -> Settings:
    """Validate one configuration table into Settings; ``source`` names the file in errors."""
    from plancheck.catalogue import plan_year_problem, regimes

    top = _Reader(data, source, prefix, TOP_KEYS)
    year = top.get("year", str, 'a plan year such as "2004/05"')
    if year is not None and (not PLAN_YEAR_SYNTAX.match(year) or plan_year_problem(year)):
        top.fail("year", plan_year_problem(year) or f'{year!r} is not a plan year such as "2004/05"')
    severity_table = top.get("severity", dict, "a table of rule = level") or {}
    severity = _Reader(severity_table, source, f"{prefix}severity.", tuple(severity_table))
    for rule in severity_table:
        if not is_rule(rule):
            severity.fail(rule, "unknown rule code or name")
        severity.choice(rule, SEVERITIES)
    specs = limit_specs()
    limit_keys = tuple(spec.key for spec in specs.values())
    limits = _Reader(top.get("limits", dict, "a table") or {}, source, f"{prefix}limits.", limit_keys)
    settings = Settings(
        authority_type=top.choice("authority-type", AUTHORITY_TYPES),
        cpa=top.choice("cpa", CPA_CATEGORIES),
        previous_cpa=top.choice("previous-cpa", CPA_CATEGORIES),
        year=year,
        regime=top.choice("regime", sorted(regimes())),
        kind=top.choice("kind", GIVEN_KINDS),
        select=top.strings("select", is_rule_selector, "a known rule code, name or code prefix"),
        ignore=top.strings("ignore", is_rule_selector, "a known rule code, name or code prefix"),
        severity=dict(severity_table),
        fail_on=top.choice("fail-on", SEVERITIES) or "error",
        star_threshold=top.number("star-threshold", int, 1, 4) or DEFAULT_STAR_THRESHOLD,
        suppressions=_suppressions(top, source, prefix),
        config_path=source,
    )
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        kind = limit_type(name)
        value = limits.number(spec.key, (int, float) if kind is float else int, spec.minimum)
        if value is not None:
            values[name] = kind(value)
    extract = replace(settings.extract, **values)
    return replace(settings, extract=extract)


def _suppressions(top: _Reader, source: str, prefix: str) -> tuple[Suppression, ...]:
    entries = top.get("suppress", list, "an array of tables ([[suppress]])") or []
    base = str(Path(source).resolve().parent)
    out = []
    for i, entry in enumerate(entries):
        key = f"suppress[{i}]"
        if not isinstance(entry, dict):
            top.fail(key, f"must be a table, not {_toml_type(entry)}")
        s = _Reader(entry, source, f"{prefix}{key}.", SUPPRESS_KEYS)
        reason = s.get("reason", str, "a string")
        if not reason or not reason.strip():
            s.fail("reason", "a suppression needs a reason (why the deviation is accepted)")
        rule = s.get("rule", str, "a rule code or name")
        if rule is not None and not is_rule(rule):
            s.fail("rule", f"{rule!r} is not a known rule code or name")
        requirement = s.get("requirement", str, "a requirement ID")
        if requirement is not None and requirement not in known_requirements():
            s.fail("requirement", f"{requirement!r} is not a requirement ID in the catalogue")
        if rule is None and requirement is None:
            top.fail(key, "a suppression must name a rule or a requirement")
        out.append(
            Suppression(
                reason=reason.strip(),
                rule=rule,
                requirement=requirement,
                document=s.get("document", str, "a glob"),
                authority=s.get("authority", str, "an authority name"),
                key=f"{Path(source).name}: {prefix}{key}",
                base=base,
            )
        )
    return tuple(out)


def extract_options(base: ExtractOptions, opts: dict[str, Any]) -> ExtractOptions:
    """``base`` (defaults or the configuration file's) overlaid with the limit options given."""
    given: dict[str, Any] = dict(opts.get("limits") or ())
    for option, name in (("max_pages", "max_pages"), ("timeout", "timeout_s"), ("memory_mb", "memory_mb")):
        if opts.get(option) is not None:  # a dedicated flag wins over --limit for the same limit
            given[name] = opts[option]
    return replace(
        base,
        password=opts.get("password") or base.password,
        ocr=bool(opts.get("ocr")) or base.ocr,
        **given,
    )


def build_settings(config: str | None, start: Path | None, **opts: Any) -> Settings:
    """Settings from the configuration file (if any) overlaid with the options given."""
    from plancheck.catalogue import plan_year_problem, regime_problem

    base = load_settings(config, start)
    ex = extract_options(base.extract, opts)
    year = opts.get("year")
    checks = (("--year", year, plan_year_problem), ("--regime", opts.get("regime"), regime_problem))
    for option, value, problem_of in checks:
        problem = problem_of(value) if value else None
        if problem:
            raise ConfigError(option, None, problem)
    for option in ("select", "ignore"):
        unknown = [k for k in opts.get(option) or () if not is_rule_selector(k)]
        if unknown:
            raise ConfigError(
                f"--{option}",
                None,
                f"no rule is called {', '.join(map(repr, unknown))}: give a code (PC104), a code prefix "
                "(PC2) or a name (missing-workforce-statement); `plancheck rules` lists them",
            )
    return replace(
        base,
        authority_type=opts.get("authority_type") or base.authority_type,
        cpa=opts.get("cpa") or base.cpa,
        previous_cpa=opts.get("previous_cpa") or base.previous_cpa,
        year=year or base.year,
        regime=opts.get("regime") or base.regime,
        kind=opts.get("kind") or base.kind,
        extract=ex,
        fail_on=opts.get("fail_on") or base.fail_on,
        select=tuple(opts.get("select") or ()) or base.select,
        ignore=tuple(opts.get("ignore") or ()) + base.ignore,
    )
