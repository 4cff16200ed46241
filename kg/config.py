"""Settings from flags, the environment and an optional `kg.toml`, in that order of precedence.

Every setting has one name used in all three places: the flag `--batch-size`, the environment
variable `KG_BATCH_SIZE` (Neo4j's own `NEO4J_URI`, `NEO4J_USER`, ... for the connection) and the
`kg.toml` key `batch_size` in its section. `resolve` says where each value came from, so
`kg config` can show it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError


@dataclass(frozen=True)
class Setting:
    name: str
    section: str
    env: str
    default: Any
    type: type
    secret: bool = False
    help: str = ""
    key: str = ""  # its key in kg.toml, when not its name

    @property
    def toml_key(self) -> str:
        return self.key or self.name


SETTINGS = (
    Setting("neo4j", "neo4j", "NEO4J_URI", None, str, help="Neo4j URI, else embedded", key="uri"),
    Setting("user", "neo4j", "NEO4J_USER", "neo4j", str, help="Neo4j user"),
    Setting("password", "neo4j", "NEO4J_PASSWORD", None, str, secret=True, help="Neo4j password"),
    Setting("database", "neo4j", "NEO4J_DATABASE", None, str, help="Neo4j database"),
    Setting("db", "store", "KG_DB", "kg-data", str, help="embedded store folder"),
    Setting("batch_size", "store", "KG_BATCH_SIZE", 5000, int, help="rows per write batch"),
    Setting("base_iri", "rdf", "KG_BASE_IRI", None, str, help="base IRI of exported RDF"),
)
BY_NAME = {s.name: s for s in SETTINGS}
CONFIG_ENV = "KG_CONFIG"
DEFAULT_FILE = "kg.toml"


@dataclass(frozen=True)
class Value:
    value: Any
    origin: str  # "flag", "env NAME", "kg.toml [section]" or "default"


def _coerce(setting: Setting, raw: Any, origin: str) -> Any:
    if raw is None or setting.type is str:
        return raw if raw is None else str(raw)
    try:
        value = setting.type(raw)
    except (TypeError, ValueError):
        raise KgError(
            f"{origin}: {setting.name} must be {setting.type.__name__}, got {raw!r}"
        ) from None
    if setting.type is int and value < 1:
        raise KgError(f"{origin}: {setting.name} must be at least 1, got {raw!r}")
    return value


def read_file(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], str | None]:
    """The `kg.toml` in effect (`KG_CONFIG`, else `./kg.toml`) and its path; empty when none."""
    environ = os.environ if environ is None else environ
    explicit = path or (Path(environ[CONFIG_ENV]) if environ.get(CONFIG_ENV) else None)
    candidate = explicit or Path(DEFAULT_FILE)
    if not candidate.is_file():
        if explicit:
            raise KgError(f"{candidate}: config file not found")
        return {}, None
    try:
        return tomllib.loads(candidate.read_text(encoding="utf-8")), str(candidate)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KgError(f"{candidate}: invalid TOML ({exc})") from None


def resolve(
    flags: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    config_path: Path | None = None,
) -> dict[str, Value]:
    """Each setting's value and origin: a flag beats the environment, which beats kg.toml."""
    flags = flags or {}
    environ = os.environ if environ is None else environ
    data, file_name = read_file(config_path, environ)
    values: dict[str, Value] = {}
    for s in SETTINGS:
        section = data.get(s.section, {})
        if flags.get(s.name) is not None:
            values[s.name] = Value(_coerce(s, flags[s.name], f"--{s.name}"), "flag")
        elif environ.get(s.env):
            values[s.name] = Value(_coerce(s, environ[s.env], s.env), f"env {s.env}")
        elif isinstance(section, dict) and section.get(s.toml_key) is not None:
            origin = f"{file_name} [{s.section}]"
            values[s.name] = Value(_coerce(s, section[s.toml_key], origin), origin)
        else:
            values[s.name] = Value(s.default, "default")
    return values


def settings(**flags: Any) -> dict[str, Any]:
    """Just the values, for code that only needs them."""
    return {name: v.value for name, v in resolve(flags).items()}


def masked(name: str, value: Any) -> Any:
    if BY_NAME[name].secret and value:
        return "*" * 8
    return value
