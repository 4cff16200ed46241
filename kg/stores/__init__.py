"""Graph stores: Neo4j when one is configured, else the embedded database in a local folder.

`open_store` is the one way in; commands never import a store module directly, so only
`kg/stores/neo4j.py` needs the Neo4j driver and only `kg/stores/embedded.py` needs LadybugDB.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.stores.base import DEFAULT_BATCH_SIZE, GraphStore, LoadReport

DEFAULT_DB_PATH = "kg-data"

__all__ = ["DEFAULT_BATCH_SIZE", "DEFAULT_DB_PATH", "GraphStore", "LoadReport", "open_store"]


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
