"""The embedded default store: a LadybugDB database in a local folder (`./kg-data`).

One node table per label and one relationship table per type, with the columns the model
declares (`kg/model.py`), plus the internal fingerprint column `_fp` (see `kg/stores/base.py`).

How writes work, and why:

- Parameters are passed column-wise (`$c0[i]`, one Python list per property) instead of as a list
  of maps: LadybugDB's Python binding converts a list of maps about fifteen times slower.
- A load first reads the fingerprints of the ids it is about to write, then CREATEs the new rows,
  rewrites the changed ones, and leaves identical ones alone. No MERGE: it is slow on relationship
  tables and there is nothing to race with, since LadybugDB allows one writing process per
  database (a second one fails with a lock error).
- Each batch (`batch_size` rows of one label or type) is one transaction. A killed loader
  leaves a write-ahead log that the next
  open replays up to the last commit, so a re-run after SIGKILL ends with the same graph as a
  clean load.

Dialect notes for `query()`: LadybugDB speaks Cypher with a few differences from Neo4j. `type(r)`
is rewritten to LadybugDB's `label(r)`; `labels(n)` returns one string, not a list; `sum()` over
integers returns a decimal, converted to float here; there is no full-text index offline.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import ladybug

from kg.errors import StoreError
from kg.model import NODE_LABELS, NODE_PROPERTIES, REL_PROPERTIES, REL_TYPES, Node, Relationship
from kg.stores.base import (
    DEFAULT_BATCH_SIZE,
    FINGERPRINT,
    LIST_SEPARATOR,
    LoadReport,
    NodeRow,
    RelRow,
    chunked,
    empty_stats,
    group_nodes,
    group_relationships,
    public_props,
)

DB_FILE = "graph.lbug"
_TYPES = {str: "STRING", int: "INT64", float: "DOUBLE", bool: "BOOLEAN", list: "STRING[]"}


def _q(name: str) -> str:
    """A backquoted identifier; names only ever come from the model, never from data."""
    return f"`{name}`"


def _columns(schema: dict[str, type]) -> str:
    return ", ".join(f"{_q(name)} {_TYPES[kind]}" for name, kind in schema.items())


def schema_statements() -> list[str]:
    """The DDL for every node and relationship table (idempotent)."""
    statements = []
    for label in NODE_LABELS:
        cols = _columns(NODE_PROPERTIES[label])
        statements.append(
            f"CREATE NODE TABLE IF NOT EXISTS {_q(label)}"
            f"({cols}, {_q(FINGERPRINT)} STRING, PRIMARY KEY ({_q('id')}))"
        )
    for rel_type, (start, end) in REL_TYPES.items():
        cols = _columns(REL_PROPERTIES[rel_type])
        statements.append(
            f"CREATE REL TABLE IF NOT EXISTS {_q(rel_type)}"
            f"(FROM {_q(start)} TO {_q(end)}, {cols}, {_q(FINGERPRINT)} STRING)"
        )
    return statements


def _plain(value: Any) -> Any:
    """LadybugDB values as plain Python: decimals to numbers, nodes/relationships to dicts."""
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and "." not in str(value)
            else float(value)
        )
    if isinstance(value, dict):
        if "_LABEL" in value and ("_ID" in value or "_SRC" in value):
            return {k: _plain(v) for k, v in public_props(value).items()}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


_TYPE_CALL = re.compile(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`)|\btype\s*\(""", re.I)


def translate(cypher: str) -> str:
    """Neo4j Cypher to LadybugDB Cypher for the little that differs: `type(r)` -> `label(r)`."""
    return _TYPE_CALL.sub(lambda m: m.group(1) or "label(", cypher)


class EmbeddedStore:
    """The graph in a LadybugDB database under `path` (a folder, created on first write)."""

    dialect = "embedded"

    def __init__(self, path: str | Path = "kg-data", read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        db_file = self.path / DB_FILE
        if read_only and not db_file.exists():
            raise StoreError(f"no graph in {self.path} yet (run `kg load` first)")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} is not a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(str(db_file), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except (RuntimeError, OSError) as exc:
            raise StoreError(f"cannot open the graph in {self.path}: {_one_line(exc)}") from exc
        if not read_only:
            self.apply_schema()

    # --- plumbing ---

    def _run(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        try:
            result = self._conn.execute(cypher, params or {})
        except RuntimeError as exc:
            raise StoreError(f"embedded store: {_one_line(exc)}") from exc
        results = result if isinstance(result, list) else [result]
        rows: list[list[Any]] = []
        for res in results:
            rows = res.get_all()
            res.close()
        return rows

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> Iterator[list[Any]]:
        try:
            result = self._conn.execute(cypher, params or {})
        except RuntimeError as exc:
            raise StoreError(f"embedded store: {_one_line(exc)}") from exc
        assert not isinstance(result, list)
        try:
            while result.has_next():
                yield result.get_next()
        finally:
            result.close()

    # --- GraphStore ---

    def apply_schema(self) -> None:
        for statement in schema_statements():
            self._run(statement)

    def load(
        self,
        nodes: Iterable[Node],
        relationships: Iterable[Relationship],
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> LoadReport:
        if self.read_only:
            raise StoreError(f"the graph in {self.path} is open read-only")
        started = time.perf_counter()
        node_groups = group_nodes(nodes)
        rel_groups = group_relationships(relationships)
        report = LoadReport()
        for label, node_rows in node_groups.items():
            for chunk in chunked(list(node_rows.values()), batch_size):
                self._in_transaction(self._load_nodes, label, chunk, report)
        for rel_type, rel_rows in rel_groups.items():
            for chunk in chunked(list(rel_rows.values()), batch_size):
                self._in_transaction(self._load_relationships, rel_type, chunk, report)
        report.seconds = time.perf_counter() - started
        return report

    def _in_transaction(self, work, name: str, rows: list, report: LoadReport) -> None:
        """One batch, one transaction: counted only once it committed."""
        batch = LoadReport(batches=1)
        self._run("BEGIN TRANSACTION")
        try:
            work(name, rows, batch)
            self._run("COMMIT")
        except BaseException:
            with contextlib.suppress(StoreError):
                self._run("ROLLBACK")
            raise
        report.add(batch)

    def _load_nodes(self, label: str, rows: list[NodeRow], report: LoadReport) -> None:
        existing = dict(
            self._run(
                f"UNWIND $ids AS i MATCH (n:{_q(label)} {{id: i}}) "
                f"RETURN n.id, n.{_q(FINGERPRINT)}",
                {"ids": [row.id for row in rows]},
            )
        )
        new = [row for row in rows if row.id not in existing]
        changed = [row for row in rows if row.id in existing and existing[row.id] != row.fp]
        schema = NODE_PROPERTIES[label]
        if new:
            cols, params = _column_params(schema, new)
            props = ", ".join(f"{_q(name)}: {expr}" for name, expr in cols)
            self._run(
                f"UNWIND range(1, size($n)) AS i CREATE (n:{_q(label)} {{{props}}})",
                {**params, "n": [0] * len(new)},
            )
        if changed:
            cols, params = _column_params(schema, changed, keep_empty=True)
            sets = ", ".join(f"n.{_q(name)} = {expr}" for name, expr in cols if name != "id")
            self._run(
                f"UNWIND range(1, size($n)) AS i WITH i, $ids[i] AS id "
                f"MATCH (n:{_q(label)} {{id: id}}) SET {sets}",
                {**params, "n": [0] * len(changed), "ids": [row.id for row in changed]},
            )
        report.count("nodes_created", label, len(new))
        report.count("nodes_present", label, len(rows) - len(new))
        report.count("nodes_updated", label, len(changed))

    def _load_relationships(self, rel_type: str, rows: list[RelRow], report: LoadReport) -> None:
        start, end = REL_TYPES[rel_type]
        match = (
            f"UNWIND range(1, size($ids)) AS i WITH i, $src[i] AS s, $dst[i] AS e "
            f"MATCH (a:{_q(start)} {{id: s}})-[x:{_q(rel_type)}]->(b:{_q(end)} {{id: e}}) "
            f"WHERE x.id = $ids[i] "
        )
        keys = {
            "ids": [row.id for row in rows],
            "src": [row.start for row in rows],
            "dst": [row.end for row in rows],
        }
        existing = dict(self._run(match + f"RETURN x.id, x.{_q(FINGERPRINT)}", keys))
        new = [row for row in rows if row.id not in existing]
        changed = [row for row in rows if row.id in existing and existing[row.id] != row.fp]
        schema = REL_PROPERTIES[rel_type]
        created = 0
        if new:
            cols, params = _column_params(schema, new)
            props = ", ".join(f"{_q(name)}: {expr}" for name, expr in cols)
            result = self._run(
                f"UNWIND range(1, size($src)) AS i WITH i, $src[i] AS s, $dst[i] AS e "
                f"MATCH (a:{_q(start)} {{id: s}}) WITH i, a, e MATCH (b:{_q(end)} {{id: e}}) "
                f"CREATE (a)-[x:{_q(rel_type)} {{{props}}}]->(b) RETURN count(*)",
                {
                    **params,
                    "src": [row.start for row in new],
                    "dst": [row.end for row in new],
                },
            )
            created = int(result[0][0]) if result else 0
        if changed:
            cols, params = _column_params(schema, changed, keep_empty=True)
            sets = ", ".join(f"x.{_q(name)} = {expr}" for name, expr in cols if name != "id")
            self._run(
                match + f"SET {sets}",
                {
                    **params,
                    "ids": [row.id for row in changed],
                    "src": [row.start for row in changed],
                    "dst": [row.end for row in changed],
                },
            )
        report.count("relationships_created", rel_type, created)
        report.count("relationships_skipped", rel_type, len(new) - created)
        report.count("relationships_present", rel_type, len(rows) - len(new))
        report.count("relationships_updated", rel_type, len(changed))

    def stats(self) -> dict[str, dict[str, int]]:
        stats = empty_stats()
        for label in NODE_LABELS:
            stats["nodes"][label] = int(self._run(f"MATCH (n:{_q(label)}) RETURN count(n)")[0][0])
        for rel_type in REL_TYPES:
            stats["relationships"][rel_type] = int(
                self._run(f"MATCH ()-[r:{_q(rel_type)}]->() RETURN count(r)")[0][0]
            )
        return stats

    def query(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
    ) -> list[dict[str, Any]]:
        """Rows as dicts of plain values, in a read-only transaction unless `write`."""
        if write and self.read_only:
            raise StoreError(f"the graph in {self.path} is open read-only")
        self._run("BEGIN TRANSACTION" if write else "BEGIN TRANSACTION READ ONLY")
        try:
            try:
                result = self._conn.execute(translate(cypher), params or {})
            except RuntimeError as exc:
                raise StoreError(f"query failed: {_one_line(exc)}") from exc
            if isinstance(result, list):
                result = result[-1]
            names = result.get_column_names()
            rows = [dict(zip(names, _plain(row), strict=True)) for row in result.get_all()]
            result.close()
        except BaseException:
            with contextlib.suppress(StoreError):
                self._run("ROLLBACK")
            raise
        self._run("COMMIT" if write else "ROLLBACK")
        return rows

    def nodes(self) -> Iterator[Node]:
        for label in NODE_LABELS:
            names = list(NODE_PROPERTIES[label])
            columns = ", ".join(f"n.{_q(name)}" for name in names)
            for row in self._rows(f"MATCH (n:{_q(label)}) RETURN {columns} ORDER BY n.id"):
                props = public_props(dict(zip(names, row, strict=True)))
                yield Node(label, props["id"], props)

    def relationships(self) -> Iterator[Relationship]:
        for rel_type, (start, end) in REL_TYPES.items():
            names = list(REL_PROPERTIES[rel_type])
            columns = ", ".join(f"x.{_q(name)}" for name in names)
            cypher = (
                f"MATCH (a:{_q(start)})-[x:{_q(rel_type)}]->(b:{_q(end)}) "
                f"RETURN a.id, b.id, {columns} ORDER BY x.id"
            )
            for row in self._rows(cypher):
                props = public_props(dict(zip(names, row[2:], strict=True)))
                yield Relationship(rel_type, row[0], row[1], props["id"], props)

    def clear(self) -> None:
        for rel_type in REL_TYPES:
            self._run(f"MATCH ()-[r:{_q(rel_type)}]->() DELETE r")
        for label in NODE_LABELS:
            self._run(f"MATCH (n:{_q(label)}) DELETE n")

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        if conn is not None:
            conn.close()
            self._conn = None
        if db is not None:
            db.close()
            self._db = None

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"


def _column_params(
    schema: dict[str, type], rows: list[NodeRow] | list[RelRow], keep_empty: bool = False
) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """Column-wise parameters: `[(property, Cypher value expression)]` and the parameters.

    A column with no value in any row is left out (LadybugDB cannot type a list of nulls), or,
    with `keep_empty`, written as NULL. A list column travels as strings joined by U+001F and is
    split back in the query: the binding mistypes a list of lists that also holds nulls.
    """
    cols: list[tuple[str, str]] = []
    params: dict[str, Any] = {}
    for index, name in enumerate([*schema, FINGERPRINT]):
        kind = schema.get(name, str)
        if name == FINGERPRINT:
            values: list[Any] = [row.fp for row in rows]
        else:
            values = [row.props.get(name) for row in rows]
        if all(v is None for v in values):
            if keep_empty:
                cols.append((name, "NULL"))
            continue
        key = f"c{index}"
        if kind is list:
            values = [None if v is None else LIST_SEPARATOR.join(v) for v in values]
            params["sep"] = LIST_SEPARATOR
            cols.append((name, f"string_split(${key}[i], $sep)"))
        else:
            cols.append((name, f"${key}[i]"))
        params[key] = values
    return cols, params


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
