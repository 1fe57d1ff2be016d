"""``plancheck serve``: the self-check web page and API on uvicorn."""

from __future__ import annotations

import copy
import errno
import os
import sys
from pathlib import Path
from typing import Any

import click

from plancheck.cli import context_options, limit_options
from plancheck.errors import PlancheckError
from plancheck.settings_file import build_settings

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
@click.option("-q", "--quiet", is_flag=True, help="No access log (one line per request, on by default).")
@context_options
@limit_options
def serve(host: str, port: int, keep: Path | None, max_upload_mb: int, max_concurrent: int, max_queue: int,
          config: str | None, quiet: bool, **opts: Any) -> None:  # fmt: skip
    """Serve the self-check web page (and POST /api/check) for officers preparing a plan."""
    from plancheck.cli import require_extra

    require_extra("serve", "web")
    import uvicorn

    from plancheck.web.app import create_app
    from plancheck.web.runner import LOOPBACK_HOSTS, WebConfig

    try:
        build_settings(config, None, **opts)  # fail now, not on the first upload
    except PlancheckError as e:
        _fail(str(e))
    if (busy := port_problem(host, port)) is not None:
        _fail(busy)
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
    # The access log (one line a request) is on unless --quiet; uvicorn's own chatter stays at warnings.
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["uvicorn.error"]["level"] = "WARNING"
    log_config["loggers"]["uvicorn.access"]["level"] = "INFO"
    log_config["handlers"]["access"]["stream"] = "ext://sys.stderr"  # with serve's other messages
    uvicorn.run(create_app(web), host=host, port=port, log_config=log_config, access_log=not quiet)


def port_problem(host: str, port: int) -> str | None:
    """Why serve cannot listen on ``host:port`` (in use, not allowed, no such address), or None."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                return f"{host}:{port} is already in use: stop what is using it, or give another --port"
            return f"cannot listen on {host}:{port}: {e.strerror or e}"
    return None


def _fail(message: str) -> None:
    click.echo(f"plancheck: serve: {message}", err=True)
    sys.exit(2)
