"""``plancheck batch``: check every plan under a folder or in a manifest, in parallel, resumably."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from plancheck.cli import context_options, limit_options
from plancheck.settings_file import build_settings


@click.command()
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--manifest",
    type=click.Path(path_type=Path),
    metavar="CSV",
    help="A CSV of path, authority, authority_type, cpa, previous_cpa, year (all but path optional).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=None,
    help="Documents checked at once (default: all cores).",
)
@click.option("--db", "db_url", metavar="URL", help="SQLAlchemy database URL (default: sqlite under --out).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("plancheck-out"),
    show_default=True,
    help="Folder for summary.csv, index.html and the reports.",
)
@click.option("--force", is_flag=True, help="Check again documents that already have a result.")
@click.option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster, e.g. tcp://HOST:8786.")
@click.option(
    "--progress",
    type=click.Choice(("auto", "bar", "jsonl", "none")),
    default="auto",
    show_default=True,
    help="A bar on a terminal; JSON lines per document (stdout) or nothing when piped.",
)
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="A plancheck.toml to use.")
@context_options
@limit_options
def batch(
    directory: Path | None,
    manifest: Path | None,
    jobs: int | None,
    db_url: str | None,
    out: Path,
    force: bool,
    scheduler: str | None,
    progress: str,
    config: str | None,
    **opts: Any,
) -> None:
    """Check every plan under DIRECTORY (or in --manifest) in parallel, into a results database.

    Documents already checked (same content, context and rules) are skipped,
    so a run stopped with Ctrl-C resumes where it stopped. Exit status: 0 all
    compliant, 1 any not, 2 any unreadable or a bad manifest, 130 interrupted.
    """
    from plancheck.cli import require_extra

    if scheduler:
        require_extra("batch --scheduler", "cluster")
    require_extra("batch", "batch")
    from plancheck.batch.jobs import jobs_from_directory, jobs_from_manifest
    from plancheck.batch.progress import choose
    from plancheck.batch.runner import BatchOptions, default_db_url, run_batch
    from plancheck.errors import PlancheckError

    if (directory is None) == (manifest is None):
        _fail("give a DIRECTORY or --manifest CSV (one of them)")
    try:
        settings = build_settings(config, directory or (manifest.parent if manifest else None), **opts)
        if manifest is not None:
            job_list = jobs_from_manifest(manifest, settings)
            source = str(manifest)
        else:
            assert directory is not None
            job_list = jobs_from_directory(directory, settings)
            source = str(directory)
    except PlancheckError as e:
        _fail(str(e))
    options = BatchOptions(
        out=out,
        db_url=db_url or default_db_url(out),
        jobs=jobs or os.cpu_count() or 1,
        force=force,
        scheduler=scheduler,
        source=source,
    )
    try:
        result = run_batch(job_list, options, choose(progress))
    except PlancheckError as e:
        _fail(str(e))
    except Exception as e:  # a database or cluster that cannot be reached: one line, not a traceback
        _fail(f"batch failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    click.echo(f"plancheck batch: {result.line(out)}", err=True)
    sys.exit(result.exit_code)


def _fail(message: str) -> None:
    click.echo(f"plancheck batch: {message}", err=True)
    sys.exit(2)
