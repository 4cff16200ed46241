"""The Neo4j store: batched, idempotent writes over the official driver.

How a load writes, per label or relationship type and per batch of `batch_size` rows, inside one
managed write transaction (`session.execute_write`: the driver retries transient errors):

1. one pre-check statement compares the batch's ids and fingerprints with the store and returns
   two lists of row numbers: ids not there yet, and ids whose fingerprint differs (an index seek
   per id on the uniqueness constraints, pinned with `USING INDEX SEEK`: replanning on
   statistics gathered mid-load otherwise picks an index scan per id and a first load goes
   quadratic);
2. new rows are written with `CREATE` (endpoints matched by id with `USING INDEX SEEK`), changed
   rows with `MATCH ... SET`, parameters column-wise (one list per property); identical rows are
   not sent at all, so a re-load of the same data only sends ids and fingerprints. CREATE is safe
   because the pre-check ran in the same transaction and the uniqueness constraints still hold:
   if a concurrent writer created one of the ids in between, the constraint fails the
   transaction and the batch runs again with `MERGE`.

A label or type that had no rows when the load began skips step 1 (every id is new; the same
constraint guards against a concurrent writer). The full-text index is eventually consistent, so
Lucene works after commit instead of inside it; the load waits for it before returning.

Labels, relationship types and property names come from the model (`kg/model.py`), never from
data; every value travels as a query parameter.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node as Neo4jNode
from neo4j.graph import Path as Neo4jPath
from neo4j.graph import Relationship as Neo4jRelationship

from kg.errors import StoreError
from kg.model import NODE_LABELS, NODE_PROPERTIES, REL_PROPERTIES, REL_TYPES, Node, Relationship
from kg.stores.base import (
    DEFAULT_BATCH_SIZE,
    FINGERPRINT,
    LoadReport,
    NodeRow,
    RelRow,
    batches,
    empty_stats,
    public_props,
)

FULLTEXT_INDEX = "paper_text"

# The driver logs connection trouble as warnings; we raise one StoreError line instead.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
NAME_INDEXED = ("Method", "Hardware", "Metric", "Dataset", "Task")


def schema_statements() -> list[str]:
    """Constraints and indexes, all `IF NOT EXISTS` (the same as schema/constraints.cypher)."""
    statements = []
    for label in NODE_LABELS:
        statements.append(
            f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        )
    for rel_type in REL_TYPES:
        statements.append(
            f"CREATE CONSTRAINT {rel_type.lower()}_id IF NOT EXISTS "
            f"FOR ()-[r:{rel_type}]-() REQUIRE r.id IS UNIQUE"
        )
    for label in NAME_INDEXED:
        statements.append(
            f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)"
        )
    statements += [
        "CREATE INDEX hardware_class IF NOT EXISTS FOR (n:Hardware) ON (n.`class`)",
        "CREATE INDEX metric_family IF NOT EXISTS FOR (n:Metric) ON (n.family)",
        "CREATE INDEX paper_arxiv_id IF NOT EXISTS FOR (n:Paper) ON (n.arxiv_id)",
        "CREATE INDEX paper_published IF NOT EXISTS FOR (n:Paper) ON (n.published)",
    ]
    for rel_type in REL_TYPES:
        statements.append(
            f"CREATE INDEX {rel_type.lower()}_paper_id IF NOT EXISTS "
            f"FOR ()-[r:{rel_type}]-() ON (r.paper_id)"
        )
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        "FOR (n:Paper) ON EACH [n.title, n.title_plain, n.abstract] "
        "OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}}"
    )
    return statements


def _plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships become their property dicts."""
    if isinstance(value, Neo4jNode | Neo4jRelationship):
        return {k: _plain(v) for k, v in public_props(dict(value.items())).items()}
    if isinstance(value, Neo4jPath):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    iso = getattr(value, "iso_format", None)  # neo4j.time types
    if callable(iso):
        return iso()
    return value


def _one_line(exc: BaseException) -> str:
    """The gist of a driver error on one line (the driver's own messages span several)."""
    message = str(getattr(exc, "message", None) or exc or type(exc).__name__).strip()
    reason = re.search(r"\(reason ([^)]*)\)", message)
    if reason:
        return reason.group(1)
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return " ".join(lines)[:300] if lines else type(exc).__name__


class Neo4jStore:
    """The graph in a Neo4j 5 database. Connects (and checks the login) on construction."""

    dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str | None = "neo4j",
        password: str | None = None,
        database: str | None = None,
        connection_timeout: float = 10.0,
    ) -> None:
        self.uri = uri
        self.database = database or None
        self._schema_applied = False
        auth = (user or "neo4j", password or "") if (user or password) else None
        try:
            self._driver: Driver | None = GraphDatabase.driver(
                uri, auth=auth, connection_timeout=connection_timeout
            )
        except (neo4j_errors.ConfigurationError, ValueError) as exc:
            raise StoreError(
                f"bad Neo4j URI {uri!r}: expected neo4j://, neo4j+s://, bolt:// or bolt+s:// "
                "followed by host[:port]"
            ) from exc
        try:
            self._driver.verify_connectivity()
            if self.database:
                with self._driver.session(database=self.database) as session:
                    session.run("RETURN 1").consume()
        except neo4j_errors.AuthError as exc:
            self.close()
            raise StoreError(
                f"Neo4j at {uri} refused the login for user {user!r}: check NEO4J_USER / "
                "NEO4J_PASSWORD"
            ) from exc
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            self.close()
            raise StoreError(f"cannot reach Neo4j at {uri}: {_one_line(exc)}") from exc

    # --- plumbing ---

    @property
    def driver(self) -> Driver:
        if self._driver is None:
            raise StoreError("the Neo4j store is closed")
        return self._driver

    def _session(self, **kwargs: Any):
        return self.driver.session(database=self.database, **kwargs)

    def _fail(self, exc: Exception, doing: str) -> StoreError:
        return StoreError(f"Neo4j at {self.uri}: {doing} failed: {_one_line(exc)}")

    def _write(self, work, *args: Any) -> Any:
        try:
            with self._session() as session:
                return session.execute_write(work, *args)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._fail(exc, "write") from exc

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        def work(tx: ManagedTransaction) -> list[list[Any]]:
            return [list(record.values()) for record in tx.run(cypher, params or {})]

        try:
            with self._session() as session:
                return session.execute_read(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._fail(exc, "read") from exc

    def _write_batch(self, work, name: str, rows: list, fresh: bool) -> dict[str, int]:
        """One batch in one managed transaction, CREATE for ids the pre-check did not find.

        `fresh`: the label or type had no rows when the load began, so every id of this load is
        new and the pre-check is skipped. If a concurrent writer created one of the ids in
        between, the uniqueness constraint fails the transaction (nothing of it is kept) and the
        batch runs again with the pre-check and MERGE.
        """
        try:
            with self._session() as session:
                try:
                    return session.execute_write(work, name, rows, "fresh" if fresh else "check")
                except neo4j_errors.ConstraintError:
                    return session.execute_write(work, name, rows, "merge")
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._fail(exc, "write") from exc

    # --- GraphStore ---

    def apply_schema(self) -> None:
        try:
            with self._session() as session:
                for statement in schema_statements():
                    session.run(statement).consume()
                session.run("CALL db.awaitIndexes(300)").consume()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._fail(exc, "creating the schema") from exc
        self._schema_applied = True

    def load(
        self,
        nodes: Iterable[Node],
        relationships: Iterable[Relationship],
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> LoadReport:
        started = time.perf_counter()
        if not self._schema_applied:
            self.apply_schema()
        report = LoadReport()
        before = self.stats()
        empty = {name for counts in before.values() for name, n in counts.items() if not n}
        for batch in batches(nodes, relationships, batch_size):
            write = _write_nodes if batch.is_node else _write_relationships
            counts = self._write_batch(write, batch.name, batch.rows, batch.name in empty)
            for name, n in counts.items():
                report.count(name, batch.name, n)
            report.batches += 1
        if report.nodes_created.get("Paper") or report.nodes_updated.get("Paper"):
            self._await_fulltext()
        report.seconds = time.perf_counter() - started
        return report

    def _await_fulltext(self) -> None:
        """Wait until the full-text index has caught up with this load.

        The index is eventually consistent (Lucene work happens after commit, off the write
        path, which took a warm load's paper writes from about 7.3 s to 4.8 s); waiting here keeps
        `kg load` then a search consistent, as with a synchronous index.
        """
        try:
            with self._session() as session:
                session.run(
                    "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"
                ).consume()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._fail(exc, "refreshing the full-text index") from exc

    def stats(self) -> dict[str, dict[str, int]]:
        stats = empty_stats()
        parts = [f"COUNT {{ MATCH (:{label}) }} AS `{label}`" for label in NODE_LABELS]
        parts += [f"COUNT {{ MATCH ()-[:{t}]->() }} AS `{t}`" for t in REL_TYPES]
        (row,) = self._read("RETURN " + ", ".join(parts))
        names = [*NODE_LABELS, *REL_TYPES]
        counts = dict(zip(names, row, strict=True))
        for label in NODE_LABELS:
            stats["nodes"][label] = int(counts[label])
        for rel_type in REL_TYPES:
            stats["relationships"][rel_type] = int(counts[rel_type])
        return stats

    def query(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
    ) -> list[dict[str, Any]]:
        """Rows as dicts of plain values; a read transaction unless `write` (the server refuses
        writes in a read transaction)."""

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(cypher, params or {})
            return [{k: _plain(v) for k, v in record.items()} for record in result]

        try:
            with self._session() as session:
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise StoreError(f"query failed: {_one_line(exc)}") from exc

    def _stream(self, cypher: str) -> Iterator[Any]:
        try:
            with self._session(fetch_size=5000) as session:
                yield from session.run(cypher)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._fail(exc, "read") from exc

    def nodes(self) -> Iterator[Node]:
        for label in NODE_LABELS:
            names = list(NODE_PROPERTIES[label])
            for record in self._stream(f"MATCH (n:{label}) RETURN n ORDER BY n.id"):
                node = record[0]
                props = {k: node[k] for k in names if node.get(k) is not None}
                yield Node(label, props["id"], props)

    def relationships(self) -> Iterator[Relationship]:
        for rel_type, (start, end) in REL_TYPES.items():
            names = list(REL_PROPERTIES[rel_type])
            cypher = (
                f"MATCH (a:{start})-[x:{rel_type}]->(b:{end}) "
                "RETURN a.id, b.id, properties(x) ORDER BY x.id"
            )
            for record in self._stream(cypher):
                raw = record[2]
                props = {k: raw[k] for k in names if raw.get(k) is not None}
                yield Relationship(rel_type, record[0], record[1], props["id"], props)

    def clear(self) -> None:
        def work(tx: ManagedTransaction) -> int:
            cypher = "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n"
            return tx.run(cypher).single()["n"]

        try:
            with self._session() as session:
                while session.execute_write(work):
                    pass
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._fail(exc, "clearing the graph") from exc

    def close(self) -> None:
        driver, self._driver = getattr(self, "_driver", None), None
        if driver is not None:
            driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"


# --- transaction functions: re-run as a whole when the driver retries, so they only return
# counts; the caller adds them to the report once the transaction committed.


def _columns(schema: dict[str, type], rows: list[NodeRow] | list[RelRow]) -> tuple[str, dict]:
    """Properties as one list per column and a map literal reading row `i` of them.

    Column-wise parameters pack about three times faster than a list of maps in the driver (no
    keys repeated per row), which is most of a load's client time. Nulls leave a property unset.
    """
    params: dict[str, list[Any]] = {}
    entries = []
    for index, name in enumerate([*schema, FINGERPRINT]):
        key = f"p{index}"
        if name == FINGERPRINT:
            params[key] = [row.fp for row in rows]
        else:
            params[key] = [row.props.get(name) for row in rows]
        entries.append(f"`{name}`: ${key}[i]")
    return "{" + ", ".join(entries) + "}", params


def _precheck(
    tx: ManagedTransaction, pattern: str, hint: str, rows: list[NodeRow] | list[RelRow]
) -> tuple[list[Any], list[Any]]:
    """(new rows, changed rows): ids not in the store yet, and ids whose fingerprint differs.

    The fingerprints are compared in the server and the answer is one record of two lists of
    row numbers, so a re-load of unchanged data receives two empty lists instead of a record per
    row (receiving records one by one was most of a re-load's client time).

    `USING INDEX SEEK` pins the plan to one seek of the uniqueness constraint's index per id: left
    to itself the planner, replanning on statistics gathered mid-load, picks an index *scan* plus
    filter for a type that is still small, which made a first load quadratic.
    """
    record = tx.run(
        f"UNWIND range(0, size($ids) - 1) AS i "
        f"OPTIONAL MATCH {pattern} USING INDEX SEEK {hint} "
        f"RETURN collect(CASE WHEN x IS NULL THEN i END) AS new, "
        f"collect(CASE WHEN x IS NOT NULL AND coalesce(x.{FINGERPRINT} <> $fps[i], true) "
        f"THEN i END) AS changed",
        ids=[row.id for row in rows],
        fps=[row.fp for row in rows],
    ).single(strict=True)
    return [rows[i] for i in record[0]], [rows[i] for i in record[1]]


def _new_and_changed(
    tx: ManagedTransaction, mode: str, pattern: str, hint: str, rows: list[NodeRow] | list[RelRow]
) -> tuple[list[Any], list[Any]]:
    """The pre-check's answer, or, for a label or type empty when the load began, every row new."""
    if mode == "fresh":
        return list(rows), []
    return _precheck(tx, pattern, hint, rows)


def _write_nodes(
    tx: ManagedTransaction, label: str, rows: list[NodeRow], mode: str
) -> dict[str, int]:
    """`mode`: "check" (pre-check, then CREATE the new ids), "fresh" (the label was empty when
    the load began: all ids are new) or "merge" (after a constraint error)."""
    merge = mode == "merge"
    new, changed = _new_and_changed(
        tx, mode, f"(x:{label} {{id: $ids[i]}})", f"x:{label}(id)", rows
    )
    created = 0
    if new:
        # None of these ids is in the store, so CREATE (no per-row merge lock and lookup); the
        # uniqueness constraint still guards against a concurrent writer, and the caller retries
        # the batch with `mode="merge"` if it fires.
        props, params = _columns(NODE_PROPERTIES[label], new)
        # CREATE with the properties inline: no separate SET pass over a fresh entity.
        write = (
            f"MERGE (n:{label} {{id: $ids[i]}}) SET n = {props}"
            if merge
            else f"CREATE (n:{label} {props})"
        )
        summary = tx.run(
            f"UNWIND range(0, size($ids) - 1) AS i {write}",
            ids=[row.id for row in new],
            **params,
        ).consume()
        created = summary.counters.nodes_created
    if changed:
        props, params = _columns(NODE_PROPERTIES[label], changed)
        tx.run(
            f"UNWIND range(0, size($ids) - 1) AS i "
            f"MATCH (n:{label} {{id: $ids[i]}}) USING INDEX SEEK n:{label}(id) SET n = {props}",
            ids=[row.id for row in changed],
            **params,
        ).consume()
    return {
        "nodes_created": created,
        "nodes_present": len(rows) - created,
        "nodes_updated": len(changed),
    }


def _write_relationships(
    tx: ManagedTransaction, rel_type: str, rows: list[RelRow], mode: str
) -> dict[str, int]:
    """`mode` as in `_write_nodes`."""
    start, end = REL_TYPES[rel_type]
    merge = mode == "merge"
    new, changed = _new_and_changed(
        tx, mode, f"()-[x:{rel_type} {{id: $ids[i]}}]->()", f"x:{rel_type}(id)", rows
    )
    created = 0
    if new:
        # CREATE, not MERGE: none of these ids is in the store (see `_write_nodes`).
        props, params = _columns(REL_PROPERTIES[rel_type], new)
        write = (
            f"MERGE (a)-[x:{rel_type} {{id: $ids[i]}}]->(b) SET x = {props}"
            if merge
            else f"CREATE (a)-[x:{rel_type} {props}]->(b)"
        )
        summary = tx.run(
            f"UNWIND range(0, size($ids) - 1) AS i "
            f"MATCH (a:{start} {{id: $src[i]}}) USING INDEX SEEK a:{start}(id) "
            f"WITH i, a MATCH (b:{end} {{id: $dst[i]}}) USING INDEX SEEK b:{end}(id) "
            f"{write}",
            ids=[row.id for row in new],
            src=[row.start for row in new],
            dst=[row.end for row in new],
            **params,
        ).consume()
        created = summary.counters.relationships_created
    if changed:
        props, params = _columns(REL_PROPERTIES[rel_type], changed)
        tx.run(
            f"UNWIND range(0, size($ids) - 1) AS i "
            f"MATCH ()-[x:{rel_type} {{id: $ids[i]}}]->() USING INDEX SEEK x:{rel_type}(id) "
            f"SET x = {props}",
            ids=[row.id for row in changed],
            **params,
        ).consume()
    return {
        "relationships_created": created,
        "relationships_skipped": len(new) - created,
        "relationships_present": len(rows) - len(new),
        "relationships_updated": len(changed),
    }
