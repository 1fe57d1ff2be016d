"""The same batch into PostgreSQL, and on a Dask LocalCluster, gives the local SQLite run's results."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batch.conftest import _results, results_by_document, run_cli

pytestmark = pytest.mark.slow


def _ruleset_sqlite(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("select ruleset from runs order by id limit 1").fetchone()[0])


@pytest.mark.postgres
def test_postgresql_matches_sqlite(
    sqlite_baseline: tuple[Path, subprocess.CompletedProcess[str]],
    mixed_manifest: Path,
    postgres_url: str,
    tmp_path: Path,
) -> None:
    import sqlalchemy

    base_out, base = sqlite_baseline
    proc = run_cli(
        "--manifest", str(mixed_manifest), "--out", str(tmp_path), "--jobs", "2", "--db", postgres_url
    )
    assert proc.returncode == base.returncode, proc.stderr
    assert not (tmp_path / "plancheck.sqlite").exists()  # it really went to the server
    engine = sqlalchemy.create_engine(postgres_url)
    with engine.connect() as conn:
        ruleset = conn.exec_driver_sql("select ruleset from runs order by id limit 1").scalar_one()
        got = _results(conn.exec_driver_sql)
        tables = set(sqlalchemy.inspect(conn).get_table_names())
    assert {"runs", "documents", "requirement_results", "indicators", "findings", "crossyear"} <= tables
    if ruleset != _ruleset_sqlite(base_out / "plancheck.sqlite"):
        pytest.skip("the ruleset changed between the two runs (rules edited meanwhile): not comparable")
    assert got == results_by_document(base_out / "plancheck.sqlite")


_CLUSTER = """
from distributed import LocalCluster
import sys
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
    print(c.scheduler_address, flush=True)
    sys.stdin.read()
"""


def test_dask_localcluster_matches_local(
    sqlite_baseline: tuple[Path, subprocess.CompletedProcess[str]], mixed_manifest: Path, tmp_path: Path
) -> None:
    # The cluster lives in its own process: its threads must not share this one, which forks workers later.
    cluster = subprocess.Popen(
        [sys.executable, "-c", _CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert cluster.stdout is not None
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://"), address
        base_out, base = sqlite_baseline
        proc = run_cli("--manifest", str(mixed_manifest), "--out", str(tmp_path), "--scheduler", address)
    finally:
        cluster.communicate(timeout=60)  # closing stdin shuts the cluster down
    assert proc.returncode == base.returncode, proc.stderr
    db = tmp_path / "plancheck.sqlite"
    if _ruleset_sqlite(db) != _ruleset_sqlite(base_out / "plancheck.sqlite"):
        pytest.skip("the ruleset changed between the two runs (rules edited meanwhile): not comparable")
    assert results_by_document(db) == results_by_document(base_out / "plancheck.sqlite")
    assert (tmp_path / "index.html").is_file()


def test_unreachable_scheduler_is_one_line(plan_corpus: Path, tmp_path: Path) -> None:
    proc = run_cli("--manifest", str(plan_corpus), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("plancheck batch: batch failed: "), proc.stderr
