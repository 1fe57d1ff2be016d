"""Render every command's ``--help`` as Markdown for the README (kept fresh by a test).

``python -m plancheck.clidoc --write`` rewrites the block between the
``<!-- cli-reference:start -->`` and ``<!-- cli-reference:end -->`` markers.
"""

from __future__ import annotations

import sys
from pathlib import Path

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"


def render() -> str:
    """Markdown for ``plancheck --help`` and each subcommand's help."""
    from plancheck.cli import cli
    from plancheck.commands import register

    register(cli)
    parts = []
    # make_context applies each command's context_settings (-h, --help; width), so the text is
    # the same whatever else has run in this process.
    root = cli.make_context("plancheck", [], resilient_parsing=True, terminal_width=100)
    parts.append("```text\n$ plancheck --help\n" + cli.get_help(root) + "\n```")
    for name in sorted(cli.commands):
        command = cli.commands[name]
        ctx = command.make_context(name, [], parent=root, resilient_parsing=True, terminal_width=100)
        parts.append(f"#### `plancheck {name}`\n\n```text\n" + command.get_help(ctx) + "\n```")
    return "\n\n".join(parts)


def splice(readme: str, block: str) -> str:
    """``readme`` with the reference block replaced by ``block``."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{block}\n{END}{tail}"


def main() -> None:
    """Print the reference, or with --write update README.md in place."""
    block = render()
    if "--write" in sys.argv:
        path = Path(__file__).resolve().parent.parent / "README.md"
        path.write_text(splice(path.read_text(encoding="utf-8"), block), encoding="utf-8")
    else:
        sys.stdout.write(block + "\n")


if __name__ == "__main__":
    main()
