"""The README's command reference is generated from the CLI itself and must not go stale."""

from __future__ import annotations

from plancheck.clidoc import END, START, render, splice
from tests.conftest import REPO


def test_cli_reference_in_readme_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert START in readme and END in readme
    assert splice(readme, render()) == readme, "README is stale: run `python -m plancheck.clidoc --write`"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("##", readme.index("\n"))]
    assert "make demo" in head and "make test" in head
