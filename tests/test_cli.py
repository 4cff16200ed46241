"""The command-line surface every command shares."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "daily-papers.txt"


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_help_lists_commands_with_an_example() -> None:
    result = CliRunner().invoke(main, ["papers", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "kg papers" in result.output


@pytest.mark.parametrize(
    ("command", "written"),
    [
        (["load", "--db", "{tmp}/db", "--html", "{tmp}/v.html", "--rdf", "{tmp}/g.ttl"], "db"),
        (["extract", "-o", "{tmp}/out.jsonl"], "out.jsonl"),
    ],
)
def test_a_broken_later_input_writes_nothing(
    tmp_path: Path, command: list[str], written: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"title": "x"', encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = subprocess.run(
        [sys.executable, "-m", "kg", *args, str(SAMPLE), str(bad)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"Error: {bad}: line 1, column 15: invalid JSON (Expecting ',' delimiter)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]
