"""Configuration precedence: flags, then the environment, then kg.toml, then defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.config import resolve
from kg.errors import KgError

TOML = """
[neo4j]
uri = "bolt://file-host:7687"
password = "from-file"
[store]
db = "file-db"
batch_size = 100
"""


@pytest.fixture
def toml(tmp_path: Path) -> Path:
    path = tmp_path / "kg.toml"
    path.write_text(TOML, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("flags", "environ", "expected", "origin"),
    [
        ({}, {}, 100, "[store]"),
        ({}, {"KG_BATCH_SIZE": "7"}, 7, "env KG_BATCH_SIZE"),
        ({"batch_size": 3}, {"KG_BATCH_SIZE": "7"}, 3, "flag"),
    ],
)
def test_precedence(toml: Path, flags: dict, environ: dict, expected: int, origin: str) -> None:
    values = resolve(flags, {**environ, "KG_CONFIG": str(toml)})
    assert values["batch_size"].value == expected
    assert values["batch_size"].origin.endswith(origin)


def test_defaults_without_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    values = resolve({}, {})
    assert values["db"].value == "kg-data" and values["db"].origin == "default"
    assert values["neo4j"].value is None


@pytest.mark.parametrize(
    ("content", "message"),
    [("[store]\nbatch_size = 'many'\n", "batch_size must be int"), ("[store", "invalid TOML")],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "kg.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match=message):
        resolve({}, {"KG_CONFIG": str(path)})


def test_kg_config_masks_the_password(toml: Path) -> None:
    result = CliRunner().invoke(
        main, ["config"], env={"KG_CONFIG": str(toml), "NEO4J_PASSWORD": "s3cret-pw"}
    )
    assert result.exit_code == 0, result.output
    assert "s3cret-pw" not in result.output and "from-file" not in result.output
    assert "********" in result.output
    assert "bolt://file-host:7687" in result.output and "env NEO4J_PASSWORD" in result.output
