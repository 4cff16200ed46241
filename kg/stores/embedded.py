"""The embedded default store: a LadybugDB database in a local folder (`./kg-data`).

One node table per label and one relationship table per type, with the columns the model
declares (`kg/model.py`), plus the internal fingerprint column `_fp` (see `kg/stores/base.py`).

How writes work, and why:

- Parameters are passed column-wise (`$c0[i]`, one Python list per property) instead of as a list
  of maps: LadybugDB's Python binding converts a list of maps about fifteen times slower.
- Each batch (`batch_size` rows of one label or type) is one transaction. It first asks the
  store which of its rows are new and which have a different fingerprint (an index MATCH; the
  store compares the fingerprints and answers with row numbers and booleans; a table empty when
  the load began is not asked), then inserts the new rows, rewrites the changed ones with
  `SET`, and leaves identical ones alone. No MERGE: it is slow on relationship tables, and there
  is nothing to race with, since LadybugDB allows one writing process per database.
  Relationships with a missing endpoint are left out and counted.
- Inserts: `CREATE`, or for a load of at least `BULK_ROWS` rows `COPY ... FROM (UNWIND
  <parameters> RETURN ...)`, several times cheaper per row. COPY merges nothing (the pre-check of
  the same transaction makes sure its rows are new) and writes no log: its rows become durable
  at a checkpoint. Auto-checkpointing would run one at every COMMIT after a COPY, so it is off
  during a bulk load, which checkpoints once at its end (also when it fails: until then, a later
  logged write touching those rows would leave a log that LadybugDB 0.22 crashes replaying).
- A killed loader leaves a write-ahead log that the next open replays up to the last commit, so
  a re-run after SIGKILL ends with the same graph as a clean load. A bulk load killed before its
  checkpoint leaves none of its inserts, only its logged `SET`s of rows that were already there
  (the re-run finds the rest missing and writes them).

Dialect notes for `query()`: LadybugDB speaks Cypher with a few differences from Neo4j. `type(r)`
is rewritten to LadybugDB's `label(r)`; `labels(n)` returns one string, not a list; `sum()` over
integers returns a decimal, converted to float here; there is no full-text index offline.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, cast

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
    batches,
    empty_stats,
    public_props,
)

DB_FILE = "graph.lbug"
# A load of at least this many nodes and relationships inserts with COPY, checkpointing once at
# its end; a smaller one with CREATE. COPY is several times cheaper per row, but its rows are
# durable only after a checkpoint, which costs about a second on a graph of 100k relationships:
# more than CREATE would for the few thousand rows of one `kg load` batch.
BULK_ROWS = 50_000
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
        """Run one statement; rows as lists.

        With parameters the statement is prepared afresh, from a one-value sample of each
        list parameter (enough to type them), then run once with the real ones. That skips the
        binding's own statement cache, whose key walks every value of every list (about a
        second per re-load of 100k rows) and whose reuse of a prepared COPY crashes LadybugDB
        0.22 (SIGSEGV).
        """
        try:
            if params:
                statement = ladybug.PreparedStatement(self._conn, cypher, _type_sample(params))
                result = self._conn.execute(statement, params)
            else:
                result = self._conn.execute(cypher)
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
        report = LoadReport()
        nodes, relationships = list(nodes), list(relationships)
        bulk = len(nodes) + len(relationships) >= BULK_ROWS
        # A table empty now holds only rows of this call when one of its batches is written,
        # and those have other ids: its batches need no pre-check.
        empty = {name for name, count in self._counts().items() if not count}
        # Node ids this call has written (committed, or we raised): endpoints known to exist.
        written: dict[str, set[str]] = {}
        if bulk:
            self._run("CALL auto_checkpoint=false")
        try:
            for batch in batches(nodes, relationships, batch_size):
                fresh = batch.name in empty
                if batch.is_node:
                    rows = cast(list[NodeRow], batch.rows)
                    work = partial(self._load_nodes, batch.name, rows, fresh, bulk)
                    self._in_transaction(work, report)
                    written.setdefault(batch.name, set()).update(row.id for row in rows)
                else:
                    rels = cast(list[RelRow], batch.rows)
                    work = partial(self._load_relationships, batch.name, rels, fresh, bulk, written)
                    self._in_transaction(work, report)
        finally:
            if bulk:
                # COPY writes no log: its rows are durable, and safe for later logged writes
                # to touch, only once checkpointed.
                self._run("CHECKPOINT")
                self._run("CALL auto_checkpoint=true")
        report.seconds = time.perf_counter() - started
        return report

    def _in_transaction(self, work: Callable[[LoadReport], None], report: LoadReport) -> None:
        """One batch, one transaction: counted only once it committed."""
        batch = LoadReport(batches=1)
        self._run("BEGIN TRANSACTION")
        try:
            work(batch)
            self._run("COMMIT")
        except BaseException:
            # A failed COPY has already rolled the transaction back: nothing left to roll back.
            with contextlib.suppress(StoreError):
                self._run("ROLLBACK")
            raise
        report.add(batch)

    def _differences(
        self, probe: str, params: dict[str, Any], n: int, fresh: bool
    ) -> dict[int, bool]:
        """Which of a batch's `n` rows differ from the store: row index -> True if new, False if
        its fingerprint changed; identical rows are left out.

        Runs inside the batch's transaction, so the answer holds for its writes. The store
        compares the fingerprints and answers with row numbers and booleans, not ids; a `fresh`
        table (empty when the load began) is not asked. `probe` matches by index (a plain
        MATCH: OPTIONAL MATCH cost about twice as much) and binds `i` (1-based) and `fp`.
        """
        if fresh:
            return dict.fromkeys(range(n), True)
        same = dict(self._run(f"{probe} RETURN i - 1, fp IS NOT NULL AND fp = $fps[i]", params))
        return {k: True for k in range(n) if k not in same} | {
            k: False for k, unchanged in same.items() if not unchanged
        }

    def _load_nodes(
        self, label: str, rows: list[NodeRow], fresh: bool, bulk: bool, report: LoadReport
    ) -> None:
        differ = self._differences(
            f"UNWIND range(1, size($ids)) AS i WITH i, $ids[i] AS id "
            f"MATCH (n:{_q(label)} {{id: id}}) WITH i, n.{_q(FINGERPRINT)} AS fp",
            {"ids": [row.id for row in rows], "fps": [row.fp for row in rows]},
            len(rows),
            fresh,
        )
        new = [row for k, row in enumerate(rows) if differ.get(k) is True]
        changed = [row for k, row in enumerate(rows) if differ.get(k) is False]
        schema = NODE_PROPERTIES[label]
        if new:
            cols, params = _column_params(schema, new)
            if bulk:
                insert = (
                    f"COPY {_q(label)} ({', '.join(_q(name) for name, _ in cols)}) "
                    f"FROM (UNWIND range(1, size($n)) AS i "
                    f"RETURN {', '.join(e for _, e in cols)})"
                )
            else:
                props = ", ".join(f"{_q(name)}: {expr}" for name, expr in cols)
                insert = f"UNWIND range(1, size($n)) AS i CREATE (n:{_q(label)} {{{props}}})"
            self._run(insert, {**params, "n": [0] * len(new)})
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

    def _load_relationships(
        self,
        rel_type: str,
        rows: list[RelRow],
        fresh: bool,
        bulk: bool,
        written: dict[str, set[str]],
        report: LoadReport,
    ) -> None:
        start, end = REL_TYPES[rel_type]
        match = (
            f"UNWIND range(1, size($ids)) AS i WITH i, $src[i] AS s, $dst[i] AS e "
            f"MATCH (a:{_q(start)} {{id: s}})-[x:{_q(rel_type)}]->(b:{_q(end)} {{id: e}}) "
            f"WHERE x.id = $ids[i] "
        )
        differ = self._differences(
            f"{match}WITH i, x.{_q(FINGERPRINT)} AS fp",
            {
                "ids": [row.id for row in rows],
                "src": [row.start for row in rows],
                "dst": [row.end for row in rows],
                "fps": [row.fp for row in rows],
            },
            len(rows),
            fresh,
        )
        new = [row for k, row in enumerate(rows) if differ.get(k) is True]
        changed = [row for k, row in enumerate(rows) if differ.get(k) is False]
        schema = REL_PROPERTIES[rel_type]
        # Rows with a missing endpoint are left out and counted (COPY would fail the batch).
        missing_starts = self._missing(start, {row.start for row in new}, written.get(start, set()))
        missing_ends = self._missing(end, {row.end for row in new}, written.get(end, set()))
        writable = [
            row for row in new if row.start not in missing_starts and row.end not in missing_ends
        ]
        if writable:
            cols, params = _column_params(schema, writable)
            if bulk:
                insert = (
                    f"COPY {_q(rel_type)} ({', '.join(_q(name) for name, _ in cols)}) "
                    f"FROM (UNWIND range(1, size($src)) AS i "
                    f"RETURN $src[i], $dst[i], {', '.join(e for _, e in cols)})"
                )
            else:
                props = ", ".join(f"{_q(name)}: {expr}" for name, expr in cols)
                insert = (
                    f"UNWIND range(1, size($src)) AS i WITH i, $src[i] AS s, $dst[i] AS e "
                    f"MATCH (a:{_q(start)} {{id: s}}) WITH i, a, e MATCH (b:{_q(end)} {{id: e}}) "
                    f"CREATE (a)-[x:{_q(rel_type)} {{{props}}}]->(b)"
                )
            self._run(
                insert,
                {
                    **params,
                    "src": [row.start for row in writable],
                    "dst": [row.end for row in writable],
                },
            )
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
        report.count("relationships_created", rel_type, len(writable))
        report.count("relationships_skipped", rel_type, len(new) - len(writable))
        report.count("relationships_present", rel_type, len(rows) - len(new))
        report.count("relationships_updated", rel_type, len(changed))

    def _missing(self, label: str, ids: set[str], written: set[str]) -> set[str]:
        """Which of `ids` are not nodes of `label` (ids this load wrote are known to be)."""
        unknown = [i for i in ids if i not in written]
        if not unknown:
            return set()
        found = self._run(
            f"UNWIND $ids AS i MATCH (n:{_q(label)} {{id: i}}) RETURN n.id", {"ids": unknown}
        )
        return set(unknown) - {row[0] for row in found}

    def stats(self) -> dict[str, dict[str, int]]:
        stats = empty_stats()
        counts = self._counts()
        for kind in stats.values():
            for name in kind:
                kind[name] = counts[name]
        return stats

    def _counts(self) -> dict[str, int]:
        """Rows per node label and relationship type (names never clash: labels are nouns,
        types verbs)."""
        counts = {}
        for label in NODE_LABELS:
            counts[label] = int(self._run(f"MATCH (n:{_q(label)}) RETURN count(n)")[0][0])
        for rel_type in REL_TYPES:
            counts[rel_type] = int(
                self._run(f"MATCH ()-[r:{_q(rel_type)}]->() RETURN count(r)")[0][0]
            )
        return counts

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


def _type_sample(params: dict[str, Any]) -> dict[str, Any]:
    """`params` with each list cut to its first non-null value: what preparing needs to type it."""
    return {
        key: [next((v for v in value if v is not None), None)] if isinstance(value, list) else value
        for key, value in params.items()
    }


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
