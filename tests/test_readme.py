"""The README's command reference and limits table are generated from the code and must not go stale."""

from __future__ import annotations

from plancheck.clidoc import END, LIMITS_END, LIMITS_START, START, refresh
from tests.conftest import REPO


def test_cli_reference_in_readme_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert START in readme and END in readme and LIMITS_START in readme and LIMITS_END in readme
    assert refresh(readme) == readme, "README is stale: run `python -m plancheck.clidoc --write`"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("##", readme.index("\n"))]
    assert "make demo" in head and "make test" in head
