"""Graph stores: Neo4j when one is configured, else the embedded database in a local folder.

`open_store` is the one way in; commands never import a store module directly, so only
`kg/stores/neo4j.py` needs the Neo4j driver and only `kg/stores/embedded.py` needs LadybugDB.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.stores.base import DEFAULT_BATCH_SIZE, GraphStore, LoadReport

DEFAULT_DB_PATH = "kg-data"

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_DB_PATH",
    "GraphStore",
    "LoadReport",
    "StoreOptions",
    "open_store",
]


def open_store(
    neo4j_uri: str | None = None,
    db_path: str | Path | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    read_only: bool = False,
) -> GraphStore:
    """Open the graph store the arguments (or the environment) point at.

    - `neo4j_uri` given: Neo4j there (`bolt://`, `neo4j://`, `neo4j+s://`, ...);
    - else `db_path` given: the embedded store in that folder;
    - else `NEO4J_URI` set: Neo4j there;
    - else the embedded store in `./kg-data`.

    `user`, `password` and `database` default to `NEO4J_USER` (else `neo4j`), `NEO4J_PASSWORD`
    and `NEO4J_DATABASE` (else the server's default). `read_only` opens the embedded store for
    reading only (and fails if there is no graph yet instead of creating an empty one); Neo4j
    ignores it. A server that cannot be reached or refuses the login raises `StoreError` before
    anything is written anywhere.
    """
    if neo4j_uri is None and db_path is None:
        neo4j_uri = os.environ.get("NEO4J_URI") or None
    if neo4j_uri:
        from kg.stores.neo4j import Neo4jStore

        return Neo4jStore(
            neo4j_uri,
            user=user or os.environ.get("NEO4J_USER") or "neo4j",
            password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
            database=database or os.environ.get("NEO4J_DATABASE") or None,
        )
    from kg.stores.embedded import EmbeddedStore

    return EmbeddedStore(db_path or DEFAULT_DB_PATH, read_only=read_only)


@dataclass(frozen=True)
class StoreOptions:
    """Which store a command uses, resolved but not yet opened (so a bad input fails first).

    Exactly one of `neo4j_uri` and `db_path` is set.
    """

    neo4j_uri: str | None = None
    db_path: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None

    @classmethod
    def resolve(
        cls,
        neo4j_uri: str | None = None,
        db_path: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        environ: dict[str, str] | None = None,
    ) -> StoreOptions:
        """Flags first, then the environment and kg.toml (`kg.config`): `--db` beats a Neo4j URI
        from the environment, `--neo4j` beats everything; both flags at once is an error."""
        from kg import config
        from kg.errors import KgError

        if neo4j_uri and db_path:
            raise KgError("--neo4j and --db exclude each other: pick one store")
        flags: dict[str, Any] = {
            "neo4j": neo4j_uri,
            "db": db_path,
            "user": user,
            "password": password,
            "database": database,
        }
        values = {name: v.value for name, v in config.resolve(flags, environ).items()}
        uri = neo4j_uri or (None if db_path else values["neo4j"])
        if uri:
            return cls(uri, None, values["user"], values["password"], values["database"])
        return cls(None, str(values["db"] or DEFAULT_DB_PATH))

    def open(self, read_only: bool = False) -> GraphStore:
        if self.neo4j_uri:
            return open_store(
                self.neo4j_uri,
                user=self.user,
                password=self.password,
                database=self.database,
            )
        return open_store(db_path=self.db_path or DEFAULT_DB_PATH, read_only=read_only)

    def describe(self) -> str:
        if self.neo4j_uri:
            where = f"Neo4j at {self.neo4j_uri}"
            return f"{where} (database {self.database})" if self.database else where
        return f"the embedded store in {self.db_path}"
