"""The one table of rules. Add a rule by adding its class here, in code order."""

from __future__ import annotations

from plancheck.rules.base import Rule

ALL_RULES: tuple[type[Rule], ...] = ()


def by_code() -> dict[str, type[Rule]]:
    """Rules keyed by code and by name."""
    out: dict[str, type[Rule]] = {}
    for r in ALL_RULES:
        out[r.code] = r
        out[r.name] = r
    return out


def select(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[type[Rule]]:
    """The rules a run uses: ``select`` (codes, names or code prefixes; empty = all) minus ``ignore``."""

    def hit(rule: type[Rule], keys: tuple[str, ...]) -> bool:
        return any(rule.code.startswith(k) or rule.name == k for k in keys)

    return [r for r in ALL_RULES if (not select or hit(r, select)) and not hit(r, ignore)]
