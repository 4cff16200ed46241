"""The one small interface every graph store implements.

Commands and exports talk to a `GraphStore`; only `kg/stores/neo4j.py` knows Neo4j and only
`kg/stores/embedded.py` knows the embedded database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kg.model import Node, Relationship


@dataclass
class LoadReport:
    """What a load did: counts created versus already present, per label and type."""

    nodes_created: dict[str, int] = field(default_factory=dict)
    nodes_present: dict[str, int] = field(default_factory=dict)
    relationships_created: dict[str, int] = field(default_factory=dict)
    relationships_present: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    seconds: float = 0.0


@runtime_checkable
class GraphStore(Protocol):
    """Where the graph lives. Writes are idempotent: loading the same rows twice changes nothing."""

    def apply_schema(self) -> None:
        """Create constraints and indexes; safe to call again."""

    def load(
        self,
        nodes: Iterable[Node],
        relationships: Iterable[Relationship],
        batch_size: int = 1000,
    ) -> LoadReport:
        """Merge nodes then relationships by id."""

    def stats(self) -> dict[str, dict[str, int]]:
        """`{"nodes": {label: count}, "relationships": {type: count}}` for every label and type."""

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read-only Cypher query with parameters; rows as dicts."""

    def nodes(self) -> Iterator[Node]:
        """Every node, streamed (for exports and canonical dumps)."""

    def relationships(self) -> Iterator[Relationship]:
        """Every relationship, streamed."""

    def close(self) -> None: ...
