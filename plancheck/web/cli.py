"""``plancheck serve``: the self-check web page and API on uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from plancheck.cli import build_settings, context_options, limit_options
from plancheck.errors import PlancheckError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), help="Keep checked uploads in DIR.")
@click.option(
    "--max-upload-mb", default=50, show_default=True, type=click.IntRange(1), help="Largest upload."
)
@click.option(
    "--max-concurrent", "--workers", "max_concurrent", type=click.IntRange(1),
    default=min(2, os.cpu_count() or 1), show_default=True, help="Checks run at once (a worker each).",
)  # fmt: skip
@click.option(
    "--max-queue", default=8, show_default=True, type=click.IntRange(0), help="Checks waiting beyond those."
)
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="A plancheck.toml to use.")
@context_options
@limit_options
def serve(host: str, port: int, keep: Path | None, max_upload_mb: int, max_concurrent: int, max_queue: int,
          config: str | None, **opts: Any) -> None:  # fmt: skip
    """Serve the self-check web page (and POST /api/check) for officers preparing a plan."""
    from plancheck.cli import require_extra

    require_extra("serve", "web")
    import uvicorn

    from plancheck.web.app import create_app
    from plancheck.web.runner import LOOPBACK_HOSTS, WebConfig

    try:
        build_settings(config, None, **opts)  # fail now, not on the first upload
    except PlancheckError as e:
        raise click.ClickException(str(e)) from None
    hosts = LOOPBACK_HOSTS if host in LOOPBACK else ("*",)
    web = WebConfig(
        options=opts,
        config=config,
        keep=keep.resolve() if keep else None,
        max_upload_mb=max_upload_mb,
        max_concurrent=max_concurrent,
        max_queue=max_queue,
        allowed_hosts=hosts,
    )
    if host not in LOOPBACK:
        click.echo(f"plancheck: warning: serving on {host}, reachable beyond this machine", err=True)
    click.echo(f"plancheck: serving on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(web), host=host, port=port, log_level="warning", access_log=False)
