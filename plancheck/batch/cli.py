"""``plancheck batch`` (placeholder until the batch issue)."""

from __future__ import annotations

import click


@click.command()
@click.argument("directory", required=False)
def batch(directory: str | None) -> None:
    """Check every plan under DIRECTORY (or in --manifest) in parallel."""
    raise click.ClickException("batch is not built yet")
