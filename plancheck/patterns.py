"""Find and load the rule data in ``patterns/`` (YAML), validated on load.

In a checkout the data lives in ``<repo>/patterns``; in an installed wheel it
is shipped as ``plancheck/_patterns``. Every load error names the file and key.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from plancheck.errors import PatternError


@functools.cache
def patterns_dir() -> Path:
    """The directory holding the pattern files."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_patterns", here.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise PatternError(str(here / "_patterns"), None, "pattern directory not found (broken install?)")


@functools.cache
def load_yaml(name: str) -> Any:
    """Parse ``patterns/<name>`` once per process."""
    path = patterns_dir() / name
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.safe_load(f)
    except FileNotFoundError:
        raise PatternError(str(path), None, "file not found") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise PatternError(str(path), where, f"not valid YAML: {getattr(e, 'problem', e)}") from None


def regex(source: str, key: str, text: object, flags: int = re.I) -> re.Pattern[str]:
    """``text`` compiled, else a PatternError naming the file and key (case-insensitive by default)."""
    if not isinstance(text, str):
        raise PatternError(source, key, "expected a regular expression string")
    try:
        return re.compile(text, flags)
    except re.error as e:
        raise PatternError(source, key, f"not a valid regular expression: {e}") from None


def require(data: Any, key: str, kind: type | tuple[type, ...], source: str) -> Any:
    """``data[key]`` checked to be of ``kind``, else a PatternError naming file and key."""
    if not isinstance(data, dict) or key not in data:
        raise PatternError(source, key, "missing")
    value = data[key]
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise PatternError(source, key, f"expected {names}, got {type(value).__name__}")
    return value
