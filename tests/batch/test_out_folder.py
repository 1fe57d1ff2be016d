"""The --out folder: one batch at a time, a run left unfinished is marked so, a folder that cannot be used is
named with the cause - one line, exit 2, never a library's words."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from plancheck.batch import db, schema
from plancheck.batch.lock import folder_problem, out_folder_lock
from tests.batch.conftest import run_cli
from tests.conftest import FIXTURES

EXAMPLE = FIXTURES / "example"


def _one_line(proc_stderr: str) -> str:
    lines = proc_stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc_stderr, proc_stderr
    return lines[0]


def test_a_second_batch_into_the_same_out_stops_at_once_naming_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with out_folder_lock(out):  # this test process is "the first batch"
        proc = run_cli(str(EXAMPLE), "--out", str(out), "--jobs", "1", timeout=120)
    assert proc.returncode == 2
    line = _one_line(proc.stderr)
    assert f"another batch is using {out} (pid " in line and "use another --out" in line
    assert not (out / "plancheck.sqlite").exists()


def test_a_run_left_running_is_marked_abandoned_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    engine = schema.open_db(f"sqlite:///{out / 'plancheck.sqlite'}")
    db.start_run(engine, ruleset="x", version="0", source="killed", total=3)  # killed: never finished
    engine.dispose()
    proc = run_cli(str(EXAMPLE), "--out", str(out), "--jobs", "1", timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    assert "1 earlier run(s) left unfinished marked abandoned" in proc.stderr.strip().splitlines()[-1]
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        statuses = [s for (s,) in conn.execute("select status from runs order by id")]
    assert statuses == ["abandoned", "finished"]


def test_an_out_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("not a folder", encoding="utf-8")
    proc = run_cli(str(EXAMPLE), "--out", str(out), timeout=120)
    # click's own usage error for the option: exit 2, the option and the cause named
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "'--out'" in proc.stderr and f"'{out}' is a file" in proc.stderr


@pytest.mark.parametrize(
    ("code", "cause"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "permission denied")],
)
def test_folder_problems_name_the_folder_and_the_cause(code: int, cause: str) -> None:
    message = folder_problem(Path("/data/results"), OSError(code, "raw"))
    assert message.startswith("--out /data/results: cannot write there: ") and cause in message
