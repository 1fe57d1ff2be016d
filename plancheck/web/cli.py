"""``plancheck serve`` (placeholder until the web issue)."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
def serve(host: str, port: int) -> None:
    """Serve the self-check web page."""
    raise click.ClickException("serve is not built yet")
