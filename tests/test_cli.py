"""The command-line surface every command shares."""

from __future__ import annotations

from click.testing import CliRunner

from kg import __version__
from kg.cli import main


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_help_lists_commands_with_an_example() -> None:
    result = CliRunner().invoke(main, ["papers", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "kg papers" in result.output
