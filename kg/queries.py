"""Canned Cypher queries: files in `cypher/`, parsed, listed, bound and run on any graph store.

A canned query is one `cypher/NAME.cypher` file whose header comments say what it is:

    // name: methods-for-hardware
    // description: Methods that target a hardware class or name, with evidence.
    // param: hardware = "GPU"  # a class (GPU, edge, ...) or part of a name
    // param: limit = 50

Defaults are JSON literals (`"text"`, `12`, `0.5`, `true`, `["edge", "mobile"]`); a parameter
without `= default` is required. The default's type is the parameter's type, so `--param
limit=5` binds the integer 5 and `--param classes=edge,mobile` a list. Where one store's dialect
cannot run the shared text, `cypher/variants/<dialect>/NAME.cypher` replaces its body for that
store only (`neo4j` or `embedded`); the header of the shared file stays authoritative.

Everything here is data-driven: adding a query is adding a file.
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import io
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kg.errors import KgError

DIALECTS = ("neo4j", "embedded")
FORMATS = ("table", "json", "csv")
ID_COLUMN_SUFFIX = "_id"

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PARAM_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEADER_RE = re.compile(r"^\s*//\s*([A-Za-z_-]+)\s*:\s*(.*?)\s*$")


class QueryError(KgError):
    """An unknown query, a bad parameter, a malformed query file, or a query the store refused."""


class WriteRefused(QueryError):
    """A read-only run was asked to write."""


# --------------------------------------------------------------------------------------------
# Parameters


@dataclass(frozen=True)
class Param:
    """One declared parameter; `required` when the header gives no default."""

    name: str
    default: Any = None
    required: bool = False
    help: str = ""

    @property
    def type_name(self) -> str:
        return _type_name(self.default) if not self.required else "any"

    def coerce(self, raw: Any) -> Any:
        """The value bound for `raw`; strings from the command line are converted to our type."""
        if not isinstance(raw, str):
            return raw
        kind = self.type_name
        try:
            if kind == "bool":
                return _parse_bool(raw)
            if kind == "int":
                return int(raw.strip())
            if kind == "float":
                return float(raw.strip())
            if kind == "list":
                return _parse_list(raw, self.default)
            if kind == "str":
                return raw
        except ValueError:
            raise QueryError(
                f"parameter {self.name!r} expects {_ARTICLE[kind]} {kind}, got {raw!r}"
            ) from None
        return infer_value(raw)


_ARTICLE = {"bool": "a", "int": "an", "float": "a", "list": "a", "str": "a", "any": "a"}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "str"
    return "any"


def _parse_bool(raw: str) -> bool:
    text = raw.strip().lower()
    if text in {"true", "yes", "y", "on", "1"}:
        return True
    if text in {"false", "no", "n", "off", "0"}:
        return False
    raise ValueError(raw)


def _parse_list(raw: str, like: Sequence[Any] | None = None) -> list[Any]:
    text = raw.strip()
    if text.startswith("["):
        value = json.loads(text)
        if not isinstance(value, list):
            raise ValueError(raw)
        return value
    if not text:
        return []
    items = [part.strip() for part in text.split(",")]
    element = Param("item", like[0]) if like else None
    if element is not None and element.type_name != "str":
        return [element.coerce(item) for item in items]
    return items


def infer_value(raw: str) -> Any:
    """A `--param` value with no declared type: int, float, bool, JSON list/string, else text."""
    text = raw.strip()
    lowered = text.lower()
    if lowered in {"true", "false"}:
        return lowered == "true"
    if lowered == "null":
        return None
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?", text):
        return float(text)
    if text[:1] in {"[", '"'}:
        try:
            return json.loads(text)
        except ValueError:
            pass
    return raw


def parse_param_args(pairs: Iterable[str]) -> dict[str, str]:
    """`["k=v", "x=1"]` from repeated `--param` options to `{"k": "v", "x": "1"}` (still text)."""
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not _PARAM_NAME_RE.match(key):
            raise QueryError(f"--param expects key=value, got {pair!r}")
        result[key] = value
    return result


# --------------------------------------------------------------------------------------------
# Query files


@dataclass(frozen=True)
class CannedQuery:
    """One query file: header metadata, the shared Cypher text and per-dialect variants."""

    name: str
    description: str
    params: tuple[Param, ...]
    cypher: str
    path: Path | None = None
    variants: dict[str, str] = field(default_factory=dict, compare=False)
    variant_paths: dict[str, Path] = field(default_factory=dict, compare=False)

    def text_for(self, dialect: str | None = None) -> str:
        """The Cypher for `dialect` (`neo4j` / `embedded`): its variant, else the shared text."""
        if dialect and dialect in self.variants:
            return self.variants[dialect]
        return self.cypher

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def bind(self, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overlaid with `values` (coerced); unknown or missing parameters are errors."""
        values = dict(values or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            expected = ", ".join(sorted(known)) or "none"
            raise QueryError(
                f"query {self.name!r} has no parameter {unknown[0]!r} (parameters: {expected})"
            )
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name in values:
                bound[p.name] = p.coerce(values[p.name])
            elif p.required:
                raise QueryError(
                    f"query {self.name!r} needs parameter {p.name!r}: --param {p.name}=VALUE"
                )
            else:
                bound[p.name] = p.default
        return bound

    def signature(self) -> str:
        parts = []
        for p in self.params:
            parts.append(p.name if p.required else f"{p.name}={json.dumps(p.default)}")
        return " ".join(parts)


def parse_query(text: str, source: str | Path = "<query>") -> CannedQuery:
    """Parse one query file's text; the header is the leading block of `//` comment lines."""
    source_name = str(source)
    meta: dict[str, str] = {}
    params: list[Param] = []
    body_lines: list[str] = []
    in_header = True
    for lineno, line in enumerate(text.splitlines(), start=1):
        if in_header:
            stripped = line.strip()
            if not stripped:
                continue
            if stripped.startswith("//"):
                match = _HEADER_RE.match(line)
                if not match:
                    continue  # a free comment in the header block
                key, value = match.group(1).lower(), match.group(2)
                if key == "param":
                    params.append(_parse_param(value, source_name, lineno))
                elif key in {"name", "description"}:
                    if key in meta:
                        raise QueryError(f"{source_name}:{lineno}: {key} given twice")
                    meta[key] = value
                continue
            in_header = False
        body_lines.append(line)
    body = "\n".join(body_lines).strip()
    name = meta.get("name") or (Path(source_name).stem if isinstance(source, Path) else "")
    if not name:
        raise QueryError(f"{source_name}: no '// name:' header")
    if not _NAME_RE.match(name):
        raise QueryError(f"{source_name}: bad query name {name!r} (use lowercase, digits, -)")
    if isinstance(source, Path) and name != source.stem:
        raise QueryError(f"{source_name}: header name {name!r} differs from the file name")
    if not meta.get("description"):
        raise QueryError(f"{source_name}: no '// description:' header")
    if not body:
        raise QueryError(f"{source_name}: no Cypher after the header")
    seen: set[str] = set()
    for p in params:
        if p.name in seen:
            raise QueryError(f"{source_name}: parameter {p.name!r} declared twice")
        seen.add(p.name)
    return CannedQuery(name, meta["description"], tuple(params), body, _as_path(source))


def _as_path(source: str | Path) -> Path | None:
    return source if isinstance(source, Path) else None


def _parse_param(spec: str, source: str, lineno: int) -> Param:
    name, sep, rest = spec.partition("=")
    name = name.strip()
    help_text = ""
    if not sep:
        name, _, help_text = name.partition("#")
        name = name.strip()
        help_text = help_text.strip()
    if not _PARAM_NAME_RE.match(name):
        raise QueryError(f"{source}:{lineno}: bad parameter name {name!r}")
    if not sep:
        return Param(name, None, required=True, help=help_text)
    rest = rest.strip()
    try:
        default, end = json.JSONDecoder().raw_decode(rest)
    except ValueError:
        raise QueryError(
            f"{source}:{lineno}: default of {name!r} must be a JSON literal "
            f'("text", 12, 0.5, true, ["a"]), got {rest!r}'
        ) from None
    tail = rest[end:].strip()
    if tail and not tail.startswith("#"):
        raise QueryError(f"{source}:{lineno}: unexpected text after the default: {tail!r}")
    return Param(name, default, required=False, help=tail.lstrip("#").strip())


def default_query_dir() -> Path:
    """`$KG_CYPHER_DIR`, else the `cypher/` folder of this source tree."""
    env = os.environ.get("KG_CYPHER_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "cypher"


def load_queries(directory: str | Path | None = None) -> dict[str, CannedQuery]:
    """Every `*.cypher` in `directory` with its variants, by name (sorted)."""
    root = Path(directory) if directory is not None else default_query_dir()
    if not root.is_dir():
        raise QueryError(f"{root}: no query folder (set KG_CYPHER_DIR)")
    queries: dict[str, CannedQuery] = {}
    for path in sorted(root.glob("*.cypher")):
        query = parse_query(path.read_text(encoding="utf-8"), path)
        variants: dict[str, str] = {}
        variant_paths: dict[str, Path] = {}
        for dialect in DIALECTS:
            vpath = root / "variants" / dialect / path.name
            if vpath.is_file():
                variant = _parse_variant(vpath, query)
                variants[dialect] = variant
                variant_paths[dialect] = vpath
        queries[query.name] = CannedQuery(
            query.name,
            query.description,
            query.params,
            query.cypher,
            path,
            variants,
            variant_paths,
        )
    for dialect in DIALECTS:
        vdir = root / "variants" / dialect
        for vpath in sorted(vdir.glob("*.cypher")) if vdir.is_dir() else []:
            if vpath.stem not in queries:
                raise QueryError(f"{vpath}: variant of an unknown query {vpath.stem!r}")
    return queries


def _parse_variant(path: Path, shared: CannedQuery) -> str:
    """A variant's body; its header may repeat name/description/params but must agree on them."""
    text = path.read_text(encoding="utf-8")
    try:
        variant = parse_query(text, path)
    except QueryError:
        # A bare variant (no description header) is fine: take everything after the comments.
        body = _strip_header(text).strip()
        if not body:
            raise QueryError(f"{path}: no Cypher in the variant") from None
        return body
    declared = {p.name for p in variant.params}
    if declared and declared != {p.name for p in shared.params}:
        raise QueryError(f"{path}: parameters differ from {shared.path}")
    return variant.cypher


def _strip_header(text: str) -> str:
    lines = text.splitlines()
    index = 0
    while index < len(lines) and lines[index].strip()[:2] in {"", "//"}:
        index += 1
    return "\n".join(lines[index:])


def get_query(name: str, directory: str | Path | None = None) -> CannedQuery:
    queries = load_queries(directory)
    if name in queries:
        return queries[name]
    close = [q for q in queries if name.lower() in q or q in name.lower()]
    hint = f" (did you mean {', '.join(close[:3])}?)" if close else ""
    raise QueryError(f"unknown query {name!r}{hint}; `kg query --list` shows them")


# --------------------------------------------------------------------------------------------
# Read-only guard


# Clauses and commands that change the database, its schema or the files around it. Keywords are
# matched as whole words outside string literals, comments and backquoted names.
_WRITE_WORDS = (
    "CREATE",
    "MERGE",
    "SET",
    "DELETE",
    "DETACH",
    "REMOVE",
    "DROP",
    "ALTER",
    "COPY",
    "LOAD",
    "INSTALL",
    "UNINSTALL",
    "ATTACH",
    "USE",
    "IMPORT",
    "EXPORT",
    "CHECKPOINT",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "FOREACH",
    "GRANT",
    "REVOKE",
    "DENY",
    "START",
    "STOP",
    "TERMINATE",
)
_WRITE_RE = re.compile(r"\b(" + "|".join(_WRITE_WORDS) + r")\b", re.IGNORECASE)
# Procedures that only read. Any other CALL might write (db.create..., apoc.*, gds.* ...).
_READ_PROCEDURES = re.compile(
    r"^(db\.(labels|relationshiptypes|propertykeys|schema\.\w+|indexes|constraints|info|ping"
    r"|index\.fulltext\.querynodes|index\.fulltext\.queryrelationships|index\.vector\.querynodes"
    r"|index\.fulltext\.listavailableanalyzers)"
    r"|dbms\.(components|procedures|functions|info)"
    r"|show_\w+|table_info|db_version|current_setting|show_tables|show_functions)$",
    re.IGNORECASE,
)
_CALL_RE = re.compile(r"\bCALL\b\s*(\{|[A-Za-z_][\w.]*)?\s*(=)?", re.IGNORECASE)


def strip_literals(cypher: str) -> str:
    """`cypher` with string literals, backquoted names and comments blanked out."""
    out: list[str] = []
    i, n = 0, len(cypher)
    while i < n:
        ch = cypher[i]
        if ch in "'\"`":
            j = i + 1
            while j < n:
                if cypher[j] == "\\" and ch != "`":
                    j += 2
                    continue
                if cypher[j] == ch:
                    if j + 1 < n and cypher[j + 1] == ch:  # doubled quote escapes itself
                        j += 2
                        continue
                    break
                j += 1
            out.append(ch + " " * max(0, min(j, n) - i - 1) + (ch if j < n else ""))
            i = j + 1
            continue
        if cypher.startswith("//", i):
            j = cypher.find("\n", i)
            j = n if j == -1 else j
            out.append(" " * (j - i))
            i = j
            continue
        if cypher.startswith("/*", i):
            j = cypher.find("*/", i + 2)
            j = n if j == -1 else j + 2
            out.append(" " * (j - i))
            i = j
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def write_clauses(cypher: str) -> list[str]:
    """Why `cypher` may write: the offending keywords (uppercase), empty when it only reads."""
    code = strip_literals(cypher)
    found: list[str] = []
    for match in _WRITE_RE.finditer(code):
        word = match.group(1).upper()
        before = code[: match.start()].rstrip()[-1:]
        if before in {".", ":", "$"} or re.match(r"\s*:", code[match.end() :]):
            continue  # a property, label, parameter or map key that happens to be a keyword
        if word == "LOAD" and re.match(r"\s+CSV\b", code[match.end() :], re.IGNORECASE):
            continue  # LOAD CSV only reads a file (Neo4j)
        if word not in found:
            found.append(word)
    for match in _CALL_RE.finditer(code):
        target, assign = match.group(1), match.group(2)
        if target is None or target == "{":
            continue  # a subquery: its clauses are checked above
        if assign or not _READ_PROCEDURES.match(target):
            label = f"CALL {target}"
            if label not in found:
                found.append(label)
    body = code.strip().rstrip(";")
    if ";" in body:
        found.append("; (more than one statement)")
    return found


def check_read_only(cypher: str) -> None:
    """Raise `WriteRefused` when `cypher` contains a clause that may write."""
    found = write_clauses(cypher)
    if found:
        raise WriteRefused(
            f"refusing to run a query that may write ({', '.join(found)}); add --write to allow it"
        )


# --------------------------------------------------------------------------------------------
# Running


def store_dialect(store: Any) -> str:
    """`neo4j` or `embedded`, from the store's `dialect` attribute or its module."""
    dialect = getattr(store, "dialect", None)
    if dialect in DIALECTS:
        return dialect
    module = type(store).__module__ + "." + type(store).__name__
    return "neo4j" if "neo4j" in module.lower() else "embedded"


def run_cypher(
    store: Any,
    cypher: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
) -> list[dict[str, Any]]:
    """Run ad-hoc Cypher; refuses anything that may write unless `write`. Rows normalised."""
    if not write:
        check_read_only(cypher)
    return _execute(store, cypher, dict(params or {}), write=write)


def run_query(
    store: Any,
    query: CannedQuery | str,
    values: Mapping[str, Any] | None = None,
    *,
    directory: str | Path | None = None,
) -> list[dict[str, Any]]:
    """Bind `values` to a canned query (by name or object) and run it read-only on `store`."""
    if isinstance(query, str):
        query = get_query(query, directory)
    params = query.bind(values)
    cypher = query.text_for(store_dialect(store))
    check_read_only(cypher)
    return _execute(store, cypher, params, write=False)


def _execute(store: Any, cypher: str, params: dict[str, Any], *, write: bool) -> list[dict]:
    try:
        try:
            rows = store.query(cypher, params, write=write)
        except TypeError as exc:
            if "write" not in str(exc):
                raise
            rows = store.query(cypher, params)  # a store without the write flag: read-only path
    except KgError:
        raise
    except Exception as exc:  # the store's driver error: syntax, semantic, refused write
        raise QueryError(_one_line(exc)) from exc
    return normalise_rows(rows)


def _one_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    message = str(message).strip()
    first = message.splitlines()[0] if message else type(exc).__name__
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code.startswith("Neo."):
        first = f"{first} ({code})"
    return first


# --------------------------------------------------------------------------------------------
# Values and output


def normalise_value(value: Any) -> Any:
    """Plain JSON-able Python: decimals to int/float, dates to ISO text, graph objects to maps."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, Mapping):
        return {str(k): normalise_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [normalise_value(v) for v in value]
    iso = getattr(value, "iso_format", None)  # neo4j.time types
    if callable(iso):
        return iso()
    graph = _graph_object(value)
    if graph is not None:
        return graph
    return str(value)


def _graph_object(value: Any) -> dict[str, Any] | None:
    """Neo4j driver Node / Relationship / Path as a plain map (the embedded store gives maps)."""
    labels = getattr(value, "labels", None)
    items = getattr(value, "items", None)
    if labels is not None and callable(items):
        return {"_labels": sorted(labels), **{k: normalise_value(v) for k, v in items()}}
    rel_type = getattr(value, "type", None)
    if isinstance(rel_type, str) and callable(items):
        return {"_type": rel_type, **{k: normalise_value(v) for k, v in items()}}
    nodes = getattr(value, "nodes", None)
    relationships = getattr(value, "relationships", None)
    if nodes is not None and relationships is not None:
        return {
            "_nodes": [normalise_value(n) for n in nodes],
            "_relationships": [normalise_value(r) for r in relationships],
        }
    return None


def normalise_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{str(k): normalise_value(v) for k, v in row.items()} for row in rows]


def id_columns(columns: Iterable[str]) -> list[str]:
    """Columns holding node ids by the `*_id` convention (`id` itself counts too)."""
    return [c for c in columns if c == "id" or c.endswith(ID_COLUMN_SUFFIX)]


def row_node_ids(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every node id in the id columns of `rows` (scalars or lists), first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        for column in id_columns(row):
            value = row[column]
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and item:
                    seen.setdefault(item, None)
    return list(seen)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list) and all(not isinstance(v, (list, dict)) for v in value):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def format_rows(
    rows: Sequence[Mapping[str, Any]],
    fmt: str = "table",
    columns: Sequence[str] | None = None,
    max_width: int = 60,
) -> str:
    """`rows` as an aligned text table, a JSON array, or CSV (header line first)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    cols = list(columns) if columns is not None else _columns(rows)
    if fmt == "json":
        return json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in cols])
        return buffer.getvalue().rstrip("\n")
    if not cols:
        return "(no rows)"
    table = [[_clip(_cell(row.get(c)), max_width) for c in cols] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in table]) for i, c in enumerate(cols)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for r in table:
        lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    cols: dict[str, None] = {}
    for row in rows:
        for key in row:
            cols.setdefault(key, None)
    return list(cols)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------------------------
# Neo4j Browser guide


def cypher_literal(value: Any) -> str:
    """A Cypher literal for `value`, for pasting a query with its defaults into the Browser."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {value!r}")


def browser_statement(query: CannedQuery) -> str:
    """The Neo4j text with a `:param` line per parameter in front, as the Browser runs it."""
    lines = [f":param {p.name} => {cypher_literal(p.default)};" for p in query.params]
    return "\n".join([*lines, query.text_for("neo4j")])


def browser_guide(
    queries: Mapping[str, CannedQuery] | Iterable[CannedQuery],
    title: str = "kg: canned queries",
) -> str:
    """A Neo4j Browser guide (HTML slides): one slide per query, each a click-to-run code block.

    Serve it over HTTP and run `:guide http://host:port/kg-queries.html` (or `:play URL`) in the
    Browser; the server must list the host in `browser.remote_content_hostname_whitelist`.
    """
    items = list(queries.values()) if isinstance(queries, Mapping) else list(queries)
    esc = html.escape
    toc = "\n".join(f"        <li><b>{esc(q.name)}</b>: {esc(q.description)}</li>" for q in items)
    slides = [
        '<slide class="row-fluid">\n'
        '  <div class="col-sm-12">\n'
        f"    <h3>{esc(title)}</h3>\n"
        "    <p>Canned questions over the paper graph. Click a code block to put it in the"
        " editor, then run it (parameters come first as <code>:param</code> lines; change"
        " them before running).</p>\n"
        "    <ol>\n"
        f"{toc}\n"
        "    </ol>\n"
        "  </div>\n"
        "</slide>"
    ]
    for q in items:
        params = "".join(
            f"<li><code>{esc(p.name)}</code> = <code>{esc(json.dumps(p.default))}</code>"
            + (f": {esc(p.help)}" if p.help else "")
            + "</li>"
            for p in q.params
        )
        param_html = f"    <p>Parameters:</p>\n    <ul>{params}</ul>\n" if params else ""
        slides.append(
            '<slide class="row-fluid">\n'
            '  <div class="col-sm-12">\n'
            f"    <h3>{esc(q.name)}</h3>\n"
            f"    <p>{esc(q.description)}</p>\n"
            f"{param_html}"
            '    <pre class="pre-scrollable code runnable">'
            f"{esc(browser_statement(q))}</pre>\n"
            "  </div>\n"
            "</slide>"
        )
    body = "\n".join(slides)
    return (
        "<!DOCTYPE html>\n"
        f"<title>{esc(title)}</title>\n"
        f'<article class="guide" ng-controller="AppCtrl" title="{esc(title)}">\n'
        '  <carousel class="deck container-fluid">\n'
        f"{body}\n"
        "  </carousel>\n"
        "</article>\n"
    )


def write_browser_guide(queries: Mapping[str, CannedQuery], path: str | Path) -> Path:
    target = Path(path)
    target.write_text(browser_guide(queries), encoding="utf-8")
    return target


def browser_favorites(queries: Mapping[str, CannedQuery] | Iterable[CannedQuery]) -> bytes:
    """A zip of `NAME.cypher` scripts for Neo4j Browser's favorites import.

    Browser names a favorite after its first comment line; each script sets its parameters with
    `:param` and then runs the query (multi-statement editor, on by default).
    """
    import zipfile

    items = list(queries.values()) if isinstance(queries, Mapping) else list(queries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for q in items:
            text = f"// {q.name}: {q.description}\n{browser_statement(q)}\n"
            info = zipfile.ZipInfo(f"kg/{q.name}.cypher", date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def write_browser_favorites(queries: Mapping[str, CannedQuery], path: str | Path) -> Path:
    target = Path(path)
    target.write_bytes(browser_favorites(queries))
    return target


GUIDE_PATH = "/kg-queries.html"


def guide_server(queries: Mapping[str, CannedQuery], port: int, host: str = "127.0.0.1"):
    """An HTTP server with the guide at `GUIDE_PATH`, sending the CORS header Browser needs."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = browser_guide(queries).encode("utf-8")
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_OPTIONS(self) -> None:  # the CORS preflight Browser's fetch may send
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "*")
            self.send_header("Access-Control-Allow-Private-Network", "true")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            if self.path.split("?", 1)[0].split("#", 1)[0] not in {GUIDE_PATH, "/"}:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(page)

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            requests.append(f"{self.command} {self.path} {code}")

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

    server = ThreadingHTTPServer((host, port), Handler)
    server.requests = requests  # type: ignore[attr-defined]
    return server


def serve_browser_guide(
    queries: Mapping[str, CannedQuery], port: int, echo=print, host: str = "127.0.0.1"
) -> None:
    try:
        server = guide_server(queries, port, host)
    except OSError as exc:
        raise QueryError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    url = f"http://localhost:{server.server_address[1]}{GUIDE_PATH}"
    echo(f"Serving the guide: run `:guide {url}` in Neo4j Browser (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
