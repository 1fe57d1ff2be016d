"""Fixtures for batch tests: 200 generated DOCX plans, the wild corpus, a SQLite baseline run, PostgreSQL."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.batch.plans import make_corpus
from tests.conftest import REPO, WILD

PLANCHECK = [sys.executable, "-m", "plancheck"]


@pytest.fixture(scope="session")
def plan_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 small DOCX plans and their manifest (plans.csv, relative paths)."""
    folder = tmp_path_factory.mktemp("plans")
    return make_corpus(folder, 200)


@pytest.fixture(scope="session")
def mixed_manifest(plan_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 200 plans plus every file of shared/corpus/wild, as one manifest with absolute paths."""
    out = tmp_path_factory.mktemp("mixed") / "mixed.csv"
    with plan_corpus.open(newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    for row in body:
        row[0] = str(plan_corpus.parent / row[0])
    wild = sorted(p for p in WILD.rglob("*") if p.is_file() and p.suffix in (".pdf", ".docx"))
    body += [[str(p), "", "", "", "", ""] for p in wild]
    with out.open("w", newline="") as f:
        csv.writer(f).writerows([header, *body])
    return out


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``plancheck batch ...`` as a real subprocess (stdout is a pipe: JSON lines progress)."""
    return subprocess.run(
        [*PLANCHECK, "batch", *args], capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False
    )


def results_by_document(db_file: Path) -> dict[str, tuple[str, str | None, tuple[tuple[str, str], ...]]]:
    """sha256 (or path) -> (verdict, reason, requirement statuses) from a SQLite results database."""
    with sqlite3.connect(db_file) as conn:
        return _results(conn.execute)


def _results(execute: object) -> dict[str, tuple[str, str | None, tuple[tuple[str, str], ...]]]:
    run = execute  # a DB-API cursor.execute or connection.execute
    docs = run("select id, coalesce(sha256, path), verdict, reason from documents").fetchall()  # type: ignore[operator]
    reqs: dict[int, list[tuple[str, str]]] = {}
    for did, rid, status in run(
        "select document_id, requirement, status from requirement_results"
    ).fetchall():  # type: ignore[operator]
        reqs.setdefault(did, []).append((rid, status))
    return {key: (verdict, reason, tuple(sorted(reqs.get(did, [])))) for did, key, verdict, reason in docs}


@pytest.fixture(scope="session")
def sqlite_baseline(
    mixed_manifest: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The mixed batch run once, locally, with 2 jobs, into SQLite: (out folder, the finished process)."""
    out = tmp_path_factory.mktemp("baseline")
    proc = run_cli("--manifest", str(mixed_manifest), "--out", str(out), "--jobs", "2")
    return out, proc


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A private PostgreSQL cluster on 127.0.0.1 (initdb'd in a temp dir, run as a non-root user)."""
    bins = sorted(str(p) for p in Path("/usr/lib/postgresql").glob("*/bin"))
    if not bins or not Path(bins[-1], "initdb").exists():
        pytest.skip("PostgreSQL is not installed (Debian postgresql: make system-deps)")
    bindir = Path(bins[-1])
    # Not under pytest's tmp (mode 0700, owned by the test user): the server's user must reach it.
    base = Path(tempfile.mkdtemp(prefix="plancheck-pg-"))
    data = base / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres user
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
        shutil.chown(base, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        [
            *prefix,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "plancheck",
            "--no-sync",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *prefix,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-l",
            str(base / "log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        url = f"postgresql+psycopg://plancheck@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        import sqlalchemy

        while True:
            try:
                sqlalchemy.create_engine(url).connect().close()
                break
            except sqlalchemy.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(base, ignore_errors=True)
