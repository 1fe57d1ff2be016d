"""``plancheck rules`` and ``plancheck explain`` (placeholder until the rules issue)."""

from __future__ import annotations

import click

from plancheck.catalogue import regimes


@click.command()
def rules() -> None:
    """List the requirement and rule catalogue."""
    for r in regimes().values():
        click.echo(f"{r.id}: {r.title}")
        for q in r.requirements:
            click.echo(f"  {q.id:<16} {q.title}  [{q.citation}]")


@click.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Say what RULE_ID checks, why (citation) and how to fix it."""
    raise click.ClickException(f"unknown rule {rule_id}")
