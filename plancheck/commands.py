"""Attach the commands that live in their own modules to the click group."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add rules, explain, batch and serve to ``group``."""
    from plancheck.batch.cli import batch
    from plancheck.rules_cli import explain, rules
    from plancheck.web.cli import serve

    for command in (rules, explain, batch, serve):
        group.add_command(command)
