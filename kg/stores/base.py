"""The one small interface every graph store implements, and the row helpers both stores share.

Commands and exports talk to a `GraphStore`; only `kg/stores/neo4j.py` knows Neo4j and only
`kg/stores/embedded.py` knows the embedded database.

What a store keeps, in both stores alike:

- only the properties the model declares (`NODE_PROPERTIES`, `REL_PROPERTIES`), coerced to the
  declared type; `None` and empty lists are "absent" and not stored, so a property reads back
  either with a value or not at all; lists hold non-empty strings;
- one internal property `_fp` per node and relationship: a fingerprint of its model properties.
  A re-load compares fingerprints instead of re-writing rows, which is what makes a re-load of
  the same data cheap, and still updates a row whose properties really changed. `nodes()`,
  `relationships()` and `query()` never show it.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol, runtime_checkable

from kg.model import NODE_LABELS, NODE_PROPERTIES, REL_PROPERTIES, REL_TYPES, Node, Relationship

FINGERPRINT = "_fp"
DEFAULT_BATCH_SIZE = 10_000
LIST_SEPARATOR = "\x1f"


@dataclass
class LoadReport:
    """What a load did, per label and type.

    `*_created` were new; `*_present` were already there with the same id (`*_updated` is the part
    of those whose properties changed and were rewritten); `relationships_skipped` had a missing
    start or end node and were not written.
    """

    nodes_created: dict[str, int] = field(default_factory=dict)
    nodes_present: dict[str, int] = field(default_factory=dict)
    nodes_updated: dict[str, int] = field(default_factory=dict)
    relationships_created: dict[str, int] = field(default_factory=dict)
    relationships_present: dict[str, int] = field(default_factory=dict)
    relationships_updated: dict[str, int] = field(default_factory=dict)
    relationships_skipped: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    seconds: float = 0.0

    def add(self, other: LoadReport) -> None:
        """Fold another report into this one (the pipeline sums one report per batch)."""
        for name in (
            "nodes_created",
            "nodes_present",
            "nodes_updated",
            "relationships_created",
            "relationships_present",
            "relationships_updated",
            "relationships_skipped",
        ):
            mine: dict[str, int] = getattr(self, name)
            for key, count in getattr(other, name).items():
                mine[key] = mine.get(key, 0) + count
        self.batches += other.batches
        self.seconds += other.seconds

    def count(self, name: str, key: str, n: int) -> None:
        if n:
            counts: dict[str, int] = getattr(self, name)
            counts[key] = counts.get(key, 0) + n

    def total(self, name: str) -> int:
        return sum(getattr(self, name).values())


@runtime_checkable
class GraphStore(Protocol):
    """Where the graph lives. Writes are idempotent: loading the same rows twice changes nothing."""

    def apply_schema(self) -> None:
        """Create constraints and indexes; safe to call again."""

    def load(
        self,
        nodes: Iterable[Node],
        relationships: Iterable[Relationship],
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> LoadReport:
        """Merge nodes then relationships by id, `batch_size` rows per write.

        A relationship whose start or end node is in neither `nodes` nor the store is skipped and
        counted in `relationships_skipped`. Within one call the last row with a given id wins.
        """

    def stats(self) -> dict[str, dict[str, int]]:
        """`{"nodes": {label: count}, "relationships": {type: count}}` for every label and type."""

    dialect: str
    """`"neo4j"` or `"embedded"`: which Cypher dialect `query` speaks."""

    def query(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
    ) -> list[dict[str, Any]]:
        """Run a Cypher query with parameters; rows as dicts of plain Python values.

        A node or relationship comes back as the dict of its properties (no `_fp`); numbers are
        int or float, lists are lists. Read-only unless `write`: a query that tries to write
        then raises `StoreError`.
        """

    def nodes(self) -> Iterator[Node]:
        """Every node, streamed, by label (model order) then id."""

    def relationships(self) -> Iterator[Relationship]:
        """Every relationship, streamed, by type (model order) then id."""

    def clear(self) -> None:
        """Delete every node and relationship (the schema stays)."""

    def close(self) -> None: ...


# --- shared row handling ----------------------------------------------------------------------


def _coerce(value: Any, kind: type) -> Any:
    if kind is list:
        # No empty items, and no U+001F: the embedded store passes a list as one string joined
        # by that character (its binding mistypes a list column that holds nulls).
        items = [str(v).replace(LIST_SEPARATOR, " ") for v in value if v is not None]
        return [item for item in items if item] or None
    if kind is bool:
        return bool(value)
    if kind is int:
        return int(value)
    if kind is float:
        return float(value)
    return str(value)


def fingerprint(props: dict[str, Any], *extra: str) -> str:
    """A short digest of cleaned properties (and endpoints): equal data, equal fingerprint.

    Properties come in model order (`clean_props`) as exact str/int/float/bool/list values, so
    their marshal serialization is canonical. Format version 2 on purpose: it writes no
    back-references and no "interned" flag (both came in version 3), so equal values always give
    equal bytes whatever object identity or interning they have. About three times cheaper than
    `repr`, which has to escape every character of an abstract.
    """
    data = marshal.dumps((tuple(props.items()), extra), 2)
    return hashlib.blake2b(data, digest_size=10).hexdigest()


@dataclass
class NodeRow:
    id: str
    props: dict[str, Any]
    fp: str


@dataclass
class RelRow:
    id: str
    start: str
    end: str
    props: dict[str, Any]
    fp: str


def latest_nodes(nodes: Iterable[Node]) -> dict[str, list[Node]]:
    """Nodes per label in model order, de-duplicated by id (the last one wins)."""
    groups: dict[str, dict[str, Node]] = {label: {} for label in NODE_LABELS}
    for node in nodes:
        if node.label not in groups:
            raise ValueError(f"unknown node label {node.label!r}")
        groups[node.label][node.id] = node
    return {label: list(rows.values()) for label, rows in groups.items() if rows}


def latest_relationships(rels: Iterable[Relationship]) -> dict[str, list[Relationship]]:
    """Relationships per type in model order, de-duplicated by id (the last one wins)."""
    groups: dict[str, dict[str, Relationship]] = {rel_type: {} for rel_type in REL_TYPES}
    for rel in rels:
        if rel.type not in groups:
            raise ValueError(f"unknown relationship type {rel.type!r}")
        groups[rel.type][rel.id] = rel
    return {rel_type: list(rows.values()) for rel_type, rows in groups.items() if rows}


def clean_props(
    props: dict[str, Any], row_id: str, fields: tuple[tuple[str, type], ...]
) -> dict[str, Any]:
    """The model properties of a row with id `row_id`, coerced to their declared types
    (`fields`: a schema's items, in model order), absent ones dropped."""
    out: dict[str, Any] = {}
    get = props.get
    for name, kind in fields:
        value = row_id if name == "id" else get(name)
        if value is None:
            continue
        if type(value) is not kind or kind is list:
            value = _coerce(value, kind)
            if value is None:
                continue
        out[name] = value
    return out


def node_rows(label: str, nodes: Iterable[Node]) -> list[NodeRow]:
    """Cleaned, fingerprinted rows of nodes of one label."""
    fields = tuple(NODE_PROPERTIES[label].items())
    rows = []
    for node in nodes:
        props = clean_props(node.props, node.id, fields)
        rows.append(NodeRow(node.id, props, fingerprint(props)))
    return rows


def relationship_rows(rel_type: str, rels: Iterable[Relationship]) -> list[RelRow]:
    """Cleaned, fingerprinted rows of relationships of one type (endpoints in the print)."""
    fields = tuple(REL_PROPERTIES[rel_type].items())
    rows = []
    for rel in rels:
        props = clean_props(rel.props, rel.id, fields)
        fp = fingerprint(props, rel.start, rel.end)
        rows.append(RelRow(rel.id, rel.start, rel.end, props, fp))
    return rows


@dataclass
class Batch:
    """One write: `rows` of node label or relationship type `name`."""

    is_node: bool
    name: str
    rows: list[NodeRow] | list[RelRow]


def _node_batch(label: str, nodes: list[Node]) -> Batch:
    return Batch(True, label, node_rows(label, nodes))


def _relationship_batch(rel_type: str, rels: list[Relationship]) -> Batch:
    return Batch(False, rel_type, relationship_rows(rel_type, rels))


def batches(
    nodes: Iterable[Node], relationships: Iterable[Relationship], batch_size: int
) -> Iterator[Batch]:
    """All nodes then all relationships as cleaned batches, each prepared while the store
    writes the one before.

    Cleaning and fingerprinting are most of a load's client time; preparing the next batch in a
    worker thread while the store works on this one (the driver waits on its socket with the GIL
    released) overlaps the two instead of adding them up.
    """
    node_groups = latest_nodes(nodes)
    rel_groups = latest_relationships(relationships)

    def plan() -> Iterator[Callable[[], Batch]]:
        for label, group in node_groups.items():
            for chunk in chunked(group, batch_size):
                yield partial(_node_batch, label, chunk)
        for rel_type, rels in rel_groups.items():
            for chunk in chunked(rels, batch_size):
                yield partial(_relationship_batch, rel_type, chunk)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-batch") as pool:
        pending: Future[Batch] | None = None
        for make in plan():
            following = pool.submit(make)
            if pending is not None:
                yield pending.result()
            pending = following
        if pending is not None:
            yield pending.result()


def chunked(rows: list[Any], size: int) -> Iterator[list[Any]]:
    size = max(1, int(size))
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def public_props(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as users see them: no internal `_...` keys, no nulls."""
    return {k: v for k, v in props.items() if not k.startswith("_") and v is not None}


def empty_stats() -> dict[str, dict[str, int]]:
    return {"nodes": dict.fromkeys(NODE_LABELS, 0), "relationships": dict.fromkeys(REL_TYPES, 0)}
