"""Mutation fuzzing of every extractor and the whole check.

Seeds are the committed fixtures (PDF, DOCX), the files in ../shared/corpus/wild
and tests/fuzz/seeds (the example plan as HTML, text, ODT, DOC and RTF, made by
make_seeds.py), so every reader gets mutants: pdf, docx, html, text, and odt,
doc and rtf through LibreOffice. Each example first draws a format, then a seed
of it, so a short run still reaches every reader; one fixed example per format
(a byte flipped mid-file) runs on every run whatever hypothesis draws.
hypothesis flips, deletes, inserts, duplicates and truncates bytes (for DOCX and ODT,
half the time inside one XML part of a package that still unzips, so the XML readers
are fuzzed and not only the zip's CRC check). Each mutant is checked
in a worker process (plancheck.isolate) so a hang is caught by the time limit.
A crash is an internal error or a killed reader; a false pass is a mutant of a
../shared/corpus/wild file (none is a plan) reported compliant. (A mutant of a
compliant fixture may well still be compliant.) The bytes of either are saved
to tests/regressions/, where test_regressions.py keeps them.

CI runs FUZZ_EXAMPLES=40 (about a minute); ``make fuzz`` runs 2000.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from plancheck.config import Settings
from plancheck.extract import ExtractOptions
from plancheck.extract.sniff import sniff
from plancheck.isolate import check_path_isolated
from tests.conftest import FIXTURES, REPO, WILD

REGRESSIONS = REPO / "tests" / "regressions"
SEED_DIR = Path(__file__).resolve().parent / "seeds"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
MAX_SEED_BYTES = 400_000
READERS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".txt": "text",
    ".md": "text",
    ".odt": "libreoffice-odt",
    ".doc": "libreoffice-doc",
    ".rtf": "libreoffice-rtf",
}
"""Seed suffix -> the reader its mutants exercise (each seed's content is sniffed to agree: test below)."""


def _seeds() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for root in (FIXTURES, WILD, SEED_DIR):
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*")):
            reader = READERS.get(p.suffix.lower())
            if reader and p.is_file() and 0 < p.stat().st_size <= MAX_SEED_BYTES:
                found.setdefault(reader, []).append(p)
    return found


SEEDS = _seeds()
SETTINGS = Settings(extract=ExtractOptions(timeout_s=15, memory_mb=1500, max_pages=200))


def _is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def _rezip(data: bytes, member: str, content: bytes) -> bytes:
    """The package ``data`` with ``member`` replaced by ``content`` (other members, order kept)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, content if info.filename == member else src.read(info))
    return out.getvalue()


def _main_part(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
    return next((n for n in ("word/document.xml", "content.xml") if n in names), names[-1])


def _flip_middle(seed: Path) -> tuple[str, bytes]:
    """A fixed mutant: one byte flipped mid-file (mid main XML part for DOCX and ODT, whose
    compressed bytes would only fail the CRC check)."""
    data = seed.read_bytes()
    if _is_zip(data):
        member = _main_part(data)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            inner = bytearray(z.read(member))
        inner[len(inner) // 2] ^= 0x20
        return str(seed), _rezip(data, member, bytes(inner))
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0x20
    return str(seed), bytes(flipped)


FIXED = [_flip_middle(paths[0]) for _, paths in sorted(SEEDS.items())]
"""One mutant of each reader's first seed, run on every run."""


def _mutate(draw: st.DrawFn, data: bytearray) -> bytearray:
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        op = draw(st.sampled_from(("flip", "delete", "insert", "truncate", "duplicate")))
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 512))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 4096))]
    return data


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed's bytes mutated; for a DOCX or ODT, often one XML part mutated inside a sound package."""
    reader = draw(st.sampled_from(sorted(SEEDS)))
    seed = draw(st.sampled_from(SEEDS[reader]))
    data = seed.read_bytes()
    if _is_zip(data) and draw(st.booleans()):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                members = [i.filename for i in z.infolist() if i.filename.endswith((".xml", ".rels"))]
                if members:
                    main = _main_part(data)
                    member = draw(st.sampled_from([main, *[m for m in members if m != main]]))
                    inner = _mutate(draw, bytearray(z.read(member)))
                    return str(seed), _rezip(data, member, bytes(inner))
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error):  # a damaged wild package: bytes only
            pass
    return str(seed), bytes(_mutate(draw, bytearray(data)))


def test_seeds_reach_every_reader() -> None:
    """Every reader has seeds, and each seed is sniffed as the format its suffix says."""
    assert set(SEEDS) == set(READERS.values()), sorted(SEEDS)
    for reader, paths in SEEDS.items():
        for p in paths:
            fmt = sniff(p)
            if reader == "text":
                assert fmt in ("txt", "md"), (p, fmt)
            else:
                assert fmt == reader.removeprefix("libreoffice-"), (p, fmt)


def _with_fixed_examples(test: Callable[..., None]) -> Callable[..., None]:
    for mutant in FIXED:
        test = example(mutant=mutant)(test)
    return test


@pytest.mark.skipif(not SEEDS, reason="no seed files (fixtures or ../shared/corpus/wild)")
# Each example is bounded by the worker's time limit; the suite's 300 s timeout would cut a long run short.
@pytest.mark.timeout(300 + EXAMPLES * (SETTINGS.extract.timeout_s + 5))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@_with_fixed_examples
@given(mutants())
def test_mutants_never_crash(tmp_path_factory: pytest.TempPathFactory, mutant: tuple[str, bytes]) -> None:
    seed, data = mutant
    name = Path(seed).name
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    report = check_path_isolated(path, SETTINGS)
    reason = report.document.reason or ""
    outcome = report.document.kind + (f" ({reason.split(':')[0][:40]})" if reason else "")
    event(f"{READERS[Path(name).suffix.lower()]}: {outcome}")
    crashed = reason.startswith(("internal error", "the reader crashed", "the reader exited"))
    false_pass = Path(seed).is_relative_to(WILD) and report.summary.verdict == "compliant"
    if crashed or false_pass:
        REGRESSIONS.mkdir(exist_ok=True)
        tag = "fuzz-pass-" if false_pass else "fuzz-"
        keep = REGRESSIONS / f"{tag}{hashlib.sha256(data).hexdigest()[:12]}{Path(name).suffix}"
        keep.write_bytes(data)
        pytest.fail(f"{name} mutant ({keep.name}): {reason or report.summary.verdict}")
