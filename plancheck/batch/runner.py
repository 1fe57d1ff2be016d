"""Run a batch: skip what is done, check the rest in isolated workers, store each result, write the outputs.

The client (this process) alone writes the database, one transaction per
finished document, so an interrupted run keeps everything that finished and
a re-run redoes none of it. Ctrl-C (or SIGTERM) sets a flag the loop checks
between documents; the workers are then killed.
"""

from __future__ import annotations

import hashlib
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from plancheck import __version__
from plancheck.batch import db, schema
from plancheck.batch.jobs import Job, authority_key
from plancheck.batch.lock import FOLDER_CAUSES, folder_problem, out_folder_lock
from plancheck.batch.outputs import report_name, write_report_html, write_summary_csv
from plancheck.batch.progress import Progress, Silent
from plancheck.engine import ruleset_digest
from plancheck.errors import PlancheckError
from plancheck.isolate import Outcome, WorkerPool


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run a batch (the CLI's options, resolved)."""

    out: Path
    db_url: str
    jobs: int = 1
    force: bool = False
    scheduler: str | None = None
    source: str = ""


@dataclass
class BatchResult:
    """What a batch did, for the final summary line and the exit status."""

    total: int = 0
    checked: int = 0
    skipped: int = 0
    duplicates: int = 0
    failures: int = 0
    interrupted: bool = False
    exit_code: int = 0
    run_id: int = 0
    document_ids: list[int] = field(default_factory=list)
    index: Path | None = None
    abandoned: int = 0
    """Earlier runs found still marked running (killed without finishing), now marked abandoned."""

    def line(self, out: Path) -> str:
        """The one-line summary printed at the end."""
        if self.interrupted:
            return (
                f"interrupted: {self.checked} documents finished and saved, "
                f"{self.total - self.skipped - self.checked} not checked; run the same command to resume"
            )
        dup = f", {self.duplicates} duplicates" if self.duplicates else ""
        left = f"; {self.abandoned} earlier run(s) left unfinished marked abandoned" if self.abandoned else ""
        return (
            f"{self.total} documents: {self.checked} checked, {self.skipped} already done{dup}, "
            f"{self.failures} could not be read; dashboard {out / 'index.html'}{left}"
        )


def default_db_url(out: Path) -> str:
    """SQLite under the output folder."""
    return f"sqlite:///{(out / 'plancheck.sqlite').resolve()}"


def _needs_check(job: Job, stored: dict[tuple[str, str], db.StoredResult], force: bool) -> bool:
    if force or job.key is None or job.key not in stored:
        return True
    s = stored[job.key]
    # A document a limit stopped is tried again only under different limits.
    ex = job.settings.extract
    return s.limit_failure and (s.timeout_s, s.memory_mb) != (ex.timeout_s, ex.memory_mb)


@contextmanager
def _stop_flag() -> Iterator[Callable[[], bool]]:
    """SIGINT/SIGTERM set a flag instead of raising mid-write; the previous handlers come back after."""
    hit: list[int] = []

    def handler(signum: int, _frame: FrameType | None) -> None:
        hit.append(signum)

    if threading.current_thread() is not threading.main_thread():  # e.g. called from a web app's thread
        yield lambda: False
        return
    old = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: bool(hit)
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def run_batch(jobs: Sequence[Job], options: BatchOptions, progress: Progress | None = None) -> BatchResult:
    """Check ``jobs`` (skipping finished ones), store results and write the outputs under ``options.out``.

    One batch at a time per output folder (a second one stops at once, naming the first's pid); a
    disk that fills or a folder that cannot be written ends the run with the folder and the cause named.
    """
    with out_folder_lock(options.out):
        try:
            return _run_batch(jobs, options, progress or Silent())
        except OSError as e:
            if e.errno not in FOLDER_CAUSES:
                raise
            raise PlancheckError(folder_problem(options.out, e)) from None
        except DBAPIError as e:
            raise PlancheckError(database_problem(options, e)) from None


def database_problem(options: BatchOptions, e: DBAPIError) -> str:
    """A database error in words: where the results go and why they could not be written."""
    text = str(e.orig or e).splitlines()[0] if str(e.orig or e) else type(e).__name__
    low = text.lower()
    if "full" in low:
        cause = "the disk is full"
    elif "readonly" in low or "read-only" in low:
        cause = "the database cannot be written (read-only)"
    elif "unable to open" in low:
        cause = "the database file cannot be opened or made there"
    else:
        cause = text
    server = "://" in options.db_url and not options.db_url.startswith("sqlite")
    where = options.db_url if server else options.out
    return (
        f"results database at {where}: {cause} (every document finished before this is kept; "
        "a re-run goes on from there)"
    )


def _run_batch(jobs: Sequence[Job], options: BatchOptions, progress: Progress) -> BatchResult:
    engine = schema.open_db(options.db_url)
    # We hold the folder's lock, so a run still marked running was stopped without finishing.
    abandoned = db.mark_abandoned(engine)
    ruleset = ruleset_digest()
    unique: dict[Any, Job] = {}
    for j in jobs:
        unique.setdefault(j.key or ("path", j.path), j)
    result = BatchResult(total=len(unique), duplicates=len(jobs) - len(unique), abandoned=abandoned)
    stored = db.existing(engine, [j.key for j in unique.values() if j.key], ruleset)
    todo = [j for j in unique.values() if _needs_check(j, stored, options.force)]
    result.skipped = result.total - len(todo)
    todo_ids = {id(j) for j in todo}
    done_ids = {j.key: stored[j.key].document_id for j in unique.values() if j.key and id(j) not in todo_ids}
    result.run_id = db.start_run(
        engine, ruleset=ruleset, version=__version__, source=options.source, total=result.total
    )

    def on_outcome(o: Outcome) -> None:
        job: Job = o.job
        did = _store(engine, result.run_id, o, options.out)
        done_ids[job.key or ("path", job.path)] = did
        result.checked += 1
        failed = o.report.summary.verdict == "unreadable"
        result.failures += failed
        progress.done(o.report, failure=failed)

    # Workers fork before the progress bar starts its drawing thread.
    pool = WorkerPool(min(options.jobs, len(todo))) if todo and not options.scheduler else None
    progress.start(len(todo), result.skipped)
    try:
        with _stop_flag() as stopped:
            if pool is not None:
                with pool:
                    finished = _run_local(pool, todo, on_outcome, stopped)
            elif options.scheduler and todo:
                from plancheck.batch import cluster

                finished = cluster.run(options.scheduler, todo, on_outcome, stopped)
            else:
                finished = True
    finally:
        progress.close()
    result.interrupted = not finished
    result.document_ids = sorted(done_ids.values())
    db.finish_run(
        engine,
        result.run_id,
        status="interrupted" if result.interrupted else "finished",
        checked=result.checked,
        skipped=result.skipped,
    )
    if result.interrupted:
        result.exit_code = 130
        return result
    stamp = _outputs_stamp(result.document_ids, ruleset)
    if result.checked == 0 and _outputs_current(options.out, stamp):  # a fully incremental run
        result.index = options.out / "index.html"
        result.exit_code = db.worst_exit_code(engine, result.document_ids)
    else:
        result.index, result.exit_code = write_outputs(engine, result.document_ids, options)
        (options.out / _STAMP).write_text(stamp, encoding="utf-8")
    result.failures = _count_unreadable(engine, result.document_ids)
    return result


def _run_local(
    pool: WorkerPool, todo: Sequence[Job], on_outcome: Callable[[Outcome], None], stopped: Callable[[], bool]
) -> bool:
    queue = deque(todo)
    while queue or pool.busy:
        if stopped():
            return False
        while queue and pool.idle:
            j = queue.popleft()
            pool.submit(j, j.path, j.settings)
        for outcome in pool.results(max_wait=0.2):
            on_outcome(outcome)
    return True


def _store(engine: Engine, run_id: int, o: Outcome, out: Path) -> int:
    job: Job = o.job
    r = o.report
    authority = job.authority or r.context.authority_name
    rec = db.DocumentRecord(
        report=r,
        sha256=job.sha256,
        context_key=job.context_key,
        authority=authority,
        authority_key=authority_key(authority, r.context.authority_type),
        limit_failure=o.limit_failure,
        timeout_s=job.settings.extract.timeout_s,
        memory_mb=job.settings.extract.memory_mb,
        elapsed_s=o.elapsed_s,
    )
    did = db.save(engine, run_id, rec)
    write_report_html(out, r, job.sha256)
    return did


def _count_unreadable(engine: Engine, ids: Sequence[int]) -> int:
    d = schema.documents.c
    n = 0
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            n += len(
                conn.execute(select(d.id).where(d.id.in_(ids[i : i + 500]), d.kind == "unreadable")).all()
            )
    return n


_STAMP = ".plancheck-outputs"
"""Under --out: which documents and ruleset the outputs were last written for."""


def _outputs_stamp(ids: Sequence[int], ruleset: str) -> str:
    return hashlib.sha256(f"{__version__} {ruleset} {sorted(ids)}".encode()).hexdigest()


def _outputs_current(out: Path, stamp: str) -> bool:
    files = [out / _STAMP, out / "index.html", out / "summary.csv"]
    return all(f.is_file() for f in files) and files[0].read_text(encoding="utf-8") == stamp


def write_outputs(engine: Engine, ids: Sequence[int], options: BatchOptions) -> tuple[Path, int]:
    """summary.csv, missing per-document reports, the cross-year table and index.html; the worst exit code."""
    from plancheck.batch import crossyear, dashboard

    stored = db.load_documents(engine, ids)
    rows: list[tuple[db.StoredDocument, str]] = []
    for did in ids:
        doc = stored[did]
        rel = f"reports/{report_name(doc.row['path'], doc.row['sha256'])}"
        if not (options.out / rel).is_file():  # checked in an earlier run with another --out
            rel = write_report_html(options.out, db.load_report(engine, did), doc.row["sha256"])
        rows.append((doc, rel))
    rows.sort(key=lambda t: (t[0].row["authority_key"] or "", t[0].row["plan_year"] or "", t[0].row["path"]))
    plans = [
        crossyear.PlanIndicators(
            d.row["id"], d.row["authority_key"], d.row["authority"], d.row["plan_year"], d.indicators
        )
        for d, _ in rows
        if d.row["authority_key"] and d.row["plan_year"] and d.indicators
    ]
    cross = crossyear.compare(plans)
    db.replace_crossyear(engine, {p.authority_key for p in plans}, cross)
    write_summary_csv(options.out / "summary.csv", rows)
    index = dashboard.write(options.out, rows, cross, source=options.source)
    worst = max((d.exit_code for d, _ in rows), default=0)
    return index, worst
