"""Run a batch's documents on a Dask distributed cluster (``--scheduler tcp://HOST:8786``).

Each Dask task checks one document in a forked child of the Dask worker, under
the same time and memory limits as a local run, and returns the report as a
dict. Results come back to the client, which alone writes the database.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from plancheck.batch.jobs import Job
from plancheck.config import Settings
from plancheck.isolate import Outcome

_warmed = False


def check_on_worker(path: str, settings: Settings) -> tuple[dict[str, Any], bool, float]:
    """The Dask task: (report dict, stopped by a limit, seconds)."""
    global _warmed
    from plancheck.isolate import check_isolated, warm_up

    if not _warmed:  # once per Dask worker process: every forked check inherits the loaded models
        warm_up()
        _warmed = True
    outcome = check_isolated(path, settings)
    return outcome.report.to_dict(), outcome.limit_failure, outcome.elapsed_s


def run(
    address: str, jobs: Sequence[Job], on_outcome: Callable[[Outcome], None], stopped: Callable[[], bool]
) -> bool:
    """Check ``jobs`` on the cluster at ``address``; False if stopped before the end."""
    from distributed import Client, as_completed

    from plancheck.engine import unreadable_report
    from plancheck.report import Report

    with Client(address, timeout="10s") as client:  # type: ignore[no-untyped-call]
        futures = {
            client.submit(check_on_worker, j.path, j.settings, pure=False, key=f"plancheck-{i}-{j.sha256}"): j
            for i, j in enumerate(jobs)
        }
        pending = as_completed(futures)  # type: ignore[no-untyped-call]
        while not pending.is_empty():  # type: ignore[no-untyped-call]
            if stopped():
                client.cancel(list(futures))
                return False
            batch = pending.next_batch(block=False)  # type: ignore[no-untyped-call]
            if not batch:
                time.sleep(0.05)
                continue
            for fut in batch:
                job = futures[fut]
                if fut.status == "finished":
                    data, limit_failure, elapsed = fut.result()
                    outcome = Outcome(job, Report.from_dict(data), limit_failure, elapsed)
                else:  # the worker running it died, or the task raised: record why, go on
                    reason = f"the Dask worker failed: {type(fut.exception()).__name__}: {fut.exception()}"
                    outcome = Outcome(job, unreadable_report(job.path, reason, job.settings), True, 0.0)
                on_outcome(outcome)
    return True
