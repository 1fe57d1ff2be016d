"""``plancheck rules`` (the catalogue) and ``plancheck explain CODE`` (one rule's documentation)."""

from __future__ import annotations

import sys

import click

from plancheck.catalogue import regimes
from plancheck.rules.base import DOC_SECTIONS, Rule
from plancheck.rules.registry import ALL_RULES


def find_rules(key: str) -> list[type[Rule]]:
    """Rules matching a code (PC104), a name (missing-workforce-statement) or a requirement ID (WORKFORCE)."""
    k = key.strip()
    by_id = [r for r in ALL_RULES if r.code.upper() == k.upper() or r.name == k.lower()]
    return by_id or [r for r in ALL_RULES if k.upper() in r.feeds()]


@click.command()
def rules() -> None:
    """List the requirement and rule catalogue."""
    for r in regimes().values():
        click.echo(f"{r.id}: {r.title}")
        for q in r.requirements:
            codes = ", ".join(x.code for x in ALL_RULES if q.id in x.feeds()) or "-"
            click.echo(f"  {q.id:<16} {codes:<10} {q.title}  [{q.citation}]")
        click.echo("")
    click.echo("rules:")
    for rule in ALL_RULES:
        req = ",".join(rule.feeds()) or "-"
        click.echo(f"  {rule.code}  {rule.name:<34} {req:<16} {rule.severity:<8} {rule.citation}")


@click.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Say what RULE_ID checks, why (citation) and how to fix it."""
    found = find_rules(rule_id)
    if not found:
        # A usage error, as everywhere else: exit 2 with one line.
        click.echo(f"plancheck: unknown rule {rule_id!r}: see `plancheck rules`", err=True)
        sys.exit(2)
    for i, rule in enumerate(found):
        if i:
            click.echo("")
        click.echo(f"{rule.code} {rule.name}")
        if rule.feeds():
            click.echo("requirement: " + ", ".join(rule.feeds()))
        click.echo(f"severity: {rule.severity}")
        if rule.citation:
            click.echo(f"citation: {rule.citation}")
        click.echo("")
        click.echo(rule.summary())
        sections = rule.doc_sections()
        for title in DOC_SECTIONS:
            click.echo(f"\n{title}\n" + sections.get(title, ""))
