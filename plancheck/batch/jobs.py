"""What a batch checks: files found under a folder or listed in a manifest, each with its settings.

A job's identity for incremental runs is (sha256 of the bytes, context key):
the context key digests every setting that changes a verdict, and nothing
(paths, limits) that does not.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from plancheck.config import Settings
from plancheck.errors import PlancheckError
from plancheck.extract import limit_specs, sha256_of
from plancheck.vocabulary import PLAN_YEAR_SYNTAX

SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".odt", ".rtf", ".html", ".htm", ".txt", ".md"})
MANIFEST_COLUMNS = ("path", "authority", "authority_type", "cpa", "previous_cpa", "year")


class ManifestError(PlancheckError):
    """A manifest row or header is wrong; the message names file, line and column."""

    def __init__(self, source: Path, line: int, column: int, problem: str) -> None:
        super().__init__(f"{source}:{line}:{column}: {problem}")


@dataclass(frozen=True, slots=True)
class Job:
    """One file to check and everything the batch knows about it beforehand."""

    path: str
    settings: Settings
    authority: str | None
    sha256: str | None
    context_key: str

    @property
    def key(self) -> tuple[str, str] | None:
        """The incremental-run key; None for a file that could not be hashed (always checked)."""
        return (self.sha256, self.context_key) if self.sha256 else None


def context_key(settings: Settings) -> str:
    """A digest of the settings that change a result (not limits, paths or the password itself)."""
    data = asdict(settings)
    data.pop("config_path", None)
    ex = data.pop("extract")
    # Time and memory limits are left out: a document they stopped is retried anyway (limit_failure).
    data["extract"] = {
        **{name: ex[name] for name in limit_specs() if name not in ("timeout_s", "memory_mb")},
        "ocr": ex["ocr"],
        "password": ex["password"] is not None,
    }
    blob = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


_AUTHORITY_NOISE = re.compile(
    r"\b(the|council|borough|district|county|city|metropolitan|royal|of|london|mbc|dc|bc|cc)\b"
)


def authority_key(name: str | None, authority_type: str | None) -> str | None:
    """A council's name normalised for grouping its plans across years ("Borsetshire DC" = "Borsetshire")."""
    if not name:
        return None
    text = name.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    words = _AUTHORITY_NOISE.sub(" ", text).split()
    core = " ".join(words) or " ".join(text.split())
    # The type stays in the key: Durham County and Durham City were different councils.
    return f"{core}|{authority_type or ''}"


def discover(directory: Path) -> list[Path]:
    """Every supported file under ``directory``, recursively, skipping hidden files and folders."""
    out = []
    for p in directory.rglob("*"):
        rel = p.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.suffix.lower() in SUFFIXES and (p.is_file() or not p.exists()):
            out.append(p)
    return sorted(out)


def _hash(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None  # the check itself reports why it cannot be opened


def job_for(path: Path, settings: Settings, authority: str | None = None) -> Job:
    """A job for one file (hashed now, in the client)."""
    return Job(str(path), settings, authority, _hash(path), context_key(settings))


def jobs_from_directory(directory: Path, settings: Settings) -> list[Job]:
    """Jobs for every supported file under ``directory``."""
    return [job_for(p, settings) for p in discover(directory)]


def jobs_from_manifest(manifest: Path, settings: Settings) -> list[Job]:
    """Jobs for the rows of a manifest CSV; raise ManifestError naming file, line and column."""
    return [job_for(path, s, authority) for path, s, authority in read_manifest(manifest, settings)]


def read_manifest(manifest: Path, settings: Settings) -> Iterator[tuple[Path, Settings, str | None]]:
    """Parse the manifest; relative paths are resolved against its folder."""
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ManifestError(manifest, 1, 1, f"cannot read the manifest: {e}") from None
    from plancheck.vocabulary import AUTHORITY_TYPES, CPA_CATEGORIES

    rows = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(rows, [])]
    if "path" not in header:
        raise ManifestError(manifest, 1, 1, "the header has no 'path' column")
    for col, name in enumerate(header, 1):
        if name not in MANIFEST_COLUMNS:
            known = ", ".join(MANIFEST_COLUMNS)
            raise ManifestError(manifest, 1, col, f"unknown column {name!r} (use {known})")
    allowed = {"authority_type": AUTHORITY_TYPES, "cpa": CPA_CATEGORIES, "previous_cpa": CPA_CATEGORIES}
    for line, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problem = f"{len(row)} fields but the header has {len(header)}"
            raise ManifestError(manifest, line, len(header) + 1, problem)
        values = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        for col, name in enumerate(header, 1):
            v = values[name]
            if name == "path" and not v:
                raise ManifestError(manifest, line, col, "empty path")
            if v and name in allowed and v.lower() not in allowed[name]:
                choices = ", ".join(allowed[name])
                raise ManifestError(manifest, line, col, f"{name} {v!r} is not one of {choices}")
            if v and name == "year" and not PLAN_YEAR_SYNTAX.match(v):
                raise ManifestError(manifest, line, col, f"year {v!r} is not like 2004 or 2004/05")
        path = Path(values["path"])
        if not path.is_absolute():
            path = manifest.parent / path
        row_settings = replace(
            settings,
            authority_type=values.get("authority_type", "").lower() or settings.authority_type,
            cpa=values.get("cpa", "").lower() or settings.cpa,
            previous_cpa=values.get("previous_cpa", "").lower() or settings.previous_cpa,
            year=values.get("year") or settings.year,
        )
        yield path, row_settings, values.get("authority") or None
