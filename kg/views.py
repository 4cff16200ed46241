"""Interactive HTML views of the graph: `kg viz` and `kg load --html`.

Two steps, so either can be reused alone:

- `select_view(source, method=..., hardware=..., paper=..., query=...)` picks the nodes and
  relationships to draw, from a `GraphStore` (parameterised `store.query` calls only) or from
  in-memory `(nodes, relationships)` lists.
- `render_view(nodes, relationships, path, title=..., limit=...)` writes one self-contained HTML
  page: vis-network (vendored under `kg/data/vendor/`) and the page's own script and style are
  inlined, so the page works offline and never asks the network for anything.

The page is a pyvis `Network` (nodes, edges, options; see `build_network`) rendered through our
own template with a legend, filters by node type, relationship type and text, physics controls and
a details panel. All text from the graph reaches the browser as JSON data and is put on the page
with `textContent` / vis-network's plain-text tooltips, never as HTML.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KgError
from kg.files import atomic_writer
from kg.model import (
    NODE_LABELS,
    NODE_PROPERTIES,
    REL_PROPERTIES,
    REL_TYPES,
    Node,
    Relationship,
    slug,
)

if TYPE_CHECKING:
    from pyvis.network import Network

    from kg.stores.base import GraphStore

DEFAULT_LIMIT = 1000
SEED_LAYOUT_ABOVE = 40  # nodes; smaller views use vis-network's own improvedLayout

# Colour, shape and legend order per node label. Shapes differ too, so the legend reads without
# colour vision; all of these shapes scale with `value` (size by degree).
NODE_STYLE: dict[str, dict[str, str]] = {
    "Paper": {"color": "#8d99ae", "shape": "square"},
    "Method": {"color": "#2f6fdb", "shape": "dot"},
    "Hardware": {"color": "#e4572e", "shape": "hexagon"},
    "Metric": {"color": "#17a673", "shape": "diamond"},
    "Dataset": {"color": "#9b59b6", "shape": "triangle"},
    "Task": {"color": "#f2a541", "shape": "star"},
}
# An edge takes the colour of the kind of node it points at.
EDGE_COLOR: dict[str, str] = {t: NODE_STYLE[end]["color"] for t, (_, end) in REL_TYPES.items()}
EDGE_COLOR["PROPOSES"] = "#6c7a91"

_VENDOR_JS = ("vendor", "vis-network", "vis-network.min.js")
_TEMPLATE_DIR = ("templates",)
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")


# --------------------------------------------------------------------------- selection


@dataclass
class View:
    """What to draw: nodes, relationships, a title, and the ids the view is about."""

    nodes: list[Node]
    relationships: list[Relationship]
    title: str = "Knowledge graph"
    focus: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Any]:
        """`nodes, rels = select_view(...)` works."""
        yield self.nodes
        yield self.relationships


class _Source:
    """The few reads a view needs; one implementation over a store, one over lists."""

    def candidates(self, label: str) -> list[dict[str, Any]]:
        raise NotImplementedError

    def rels_touching(self, ids: Sequence[str]) -> list[Relationship]:
        raise NotImplementedError

    def rels_of_paper(self, paper_id: str) -> list[Relationship]:
        raise NotImplementedError

    def nodes_by_id(self, ids: Iterable[str]) -> list[Node]:
        raise NotImplementedError

    def rels_by_id(self, ids: Iterable[str]) -> list[Relationship]:
        raise NotImplementedError

    def rels_among(self, ids: Iterable[str]) -> list[Relationship]:
        raise NotImplementedError

    def everything(self) -> tuple[list[Node], list[Relationship]]:
        raise NotImplementedError


class _MemorySource(_Source):
    def __init__(self, nodes: Iterable[Node], rels: Iterable[Relationship]) -> None:
        self.nodes = {n.id: n for n in nodes}
        self.rels = {r.id: r for r in rels}

    def candidates(self, label: str) -> list[dict[str, Any]]:
        return [dict(n.props, id=n.id) for n in self.nodes.values() if n.label == label]

    def rels_touching(self, ids: Sequence[str]) -> list[Relationship]:
        wanted = set(ids)
        return [r for r in self.rels.values() if r.start in wanted or r.end in wanted]

    def rels_of_paper(self, paper_id: str) -> list[Relationship]:
        return [
            r
            for r in self.rels.values()
            if r.props.get("paper_id") == paper_id or (r.type == "PROPOSES" and r.start == paper_id)
        ]

    def nodes_by_id(self, ids: Iterable[str]) -> list[Node]:
        return [self.nodes[i] for i in dict.fromkeys(ids) if i in self.nodes]

    def rels_by_id(self, ids: Iterable[str]) -> list[Relationship]:
        return [self.rels[i] for i in dict.fromkeys(ids) if i in self.rels]

    def rels_among(self, ids: Iterable[str]) -> list[Relationship]:
        wanted = set(ids)
        return [r for r in self.rels.values() if r.start in wanted and r.end in wanted]

    def everything(self) -> tuple[list[Node], list[Relationship]]:
        return list(self.nodes.values()), list(self.rels.values())


def _q(name: str) -> str:
    return f"`{name}`"


class _StoreSource(_Source):
    """Reads through `store.query` with parameters; labels and property names come from the model.

    Queries return plain values only (no node or relationship objects, no label functions), so the
    same text runs on Neo4j and on the embedded store.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def candidates(self, label: str) -> list[dict[str, Any]]:
        keys = [
            k
            for k in ("id", "name", "aliases", "title", "title_plain", "arxiv_id")
            if k in NODE_PROPERTIES[label]
        ]
        ret = ", ".join(f"n.{_q(k)} AS {_q('p_' + k)}" for k in keys)
        rows = self.store.query(f"MATCH (n:{label}) RETURN {ret}", {})
        return [{k: row.get("p_" + k) for k in keys} for row in rows]

    def _nodes(self, label: str, where: str, params: dict[str, Any]) -> list[Node]:
        keys = list(NODE_PROPERTIES[label])
        ret = ", ".join(f"n.{_q(k)} AS {_q('p_' + k)}" for k in keys)
        rows = self.store.query(f"MATCH (n:{label}) WHERE {where} RETURN {ret}", params)
        out = []
        for row in rows:
            props = {k: row.get("p_" + k) for k in keys}
            out.append(Node(label, props["id"], props))
        return out

    def _rels(self, rel_type: str, where: str, params: dict[str, Any]) -> list[Relationship]:
        start, end = REL_TYPES[rel_type]
        keys = list(REL_PROPERTIES[rel_type])
        ret = ", ".join(f"r.{_q(k)} AS {_q('p_' + k)}" for k in keys)
        cypher = (
            f"MATCH (a:{start})-[r:{rel_type}]->(b:{end}) WHERE {where} "
            f"RETURN a.id AS start_id, b.id AS end_id, {ret}"
        )
        out = []
        for row in self.store.query(cypher, params):
            props = {k: row.get("p_" + k) for k in keys}
            out.append(Relationship(rel_type, row["start_id"], row["end_id"], props["id"], props))
        return out

    def rels_touching(self, ids: Sequence[str]) -> list[Relationship]:
        ids = list(dict.fromkeys(ids))
        out: list[Relationship] = []
        for rel_type in REL_TYPES:
            out += self._rels(rel_type, "a.id IN $ids OR b.id IN $ids", {"ids": ids})
        return out

    def rels_of_paper(self, paper_id: str) -> list[Relationship]:
        out: list[Relationship] = []
        for rel_type in REL_TYPES:
            out += self._rels(rel_type, "r.paper_id = $pid OR a.id = $pid", {"pid": paper_id})
        return out

    def nodes_by_id(self, ids: Iterable[str]) -> list[Node]:
        ids = list(dict.fromkeys(ids))
        prefixes = {label: f"{label.lower()}:" for label in NODE_LABELS}
        out: list[Node] = []
        for label in NODE_LABELS:
            # ids carry their label as prefix except papers (`arxiv:`, `paper:`); ask each
            # label only for the ids that can be its own.
            mine = [i for i in ids if label == "Paper" or i.startswith(prefixes[label])]
            if mine:
                out += self._nodes(label, "n.id IN $ids", {"ids": mine})
        return out

    def rels_by_id(self, ids: Iterable[str]) -> list[Relationship]:
        ids = list(dict.fromkeys(ids))
        out: list[Relationship] = []
        for rel_type in REL_TYPES:
            mine = [i for i in ids if i.startswith(f"{rel_type.lower()}:")]
            if mine:
                out += self._rels(rel_type, "r.id IN $ids", {"ids": mine})
        return out

    def rels_among(self, ids: Iterable[str]) -> list[Relationship]:
        ids = list(dict.fromkeys(ids))
        out: list[Relationship] = []
        for rel_type in REL_TYPES:
            out += self._rels(rel_type, "a.id IN $ids AND b.id IN $ids", {"ids": ids})
        return out

    def everything(self) -> tuple[list[Node], list[Relationship]]:
        return list(self.store.nodes()), list(self.store.relationships())


def _source(source: Any) -> _Source:
    if isinstance(source, _Source):
        return source
    if hasattr(source, "query") and hasattr(source, "nodes"):
        return _StoreSource(source)
    nodes, rels = source
    return _MemorySource(nodes, rels)


def _names(row: Mapping[str, Any]) -> list[str]:
    names = [row.get("name"), row.get("title_plain"), row.get("title")]
    aliases = row.get("aliases") or []
    names += [aliases] if isinstance(aliases, str) else list(aliases)
    return [str(n) for n in names if n]


def _find(src: _Source, label: str, wanted: str) -> list[str]:
    """Ids of `label` nodes named `wanted`: exact id / name / alias first, else a substring."""
    rows = src.candidates(label)
    key = slug(wanted)
    exact = [
        r["id"]
        for r in rows
        if r["id"] == wanted
        or r["id"] == f"{label.lower()}:{key}"
        or (label == "Paper" and (r.get("arxiv_id") == wanted or r["id"] == f"arxiv:{wanted}"))
        or any(slug(n) == key for n in _names(r))
    ]
    if exact:
        return sorted(set(exact))
    partial = [r["id"] for r in rows if any(key in slug(n) for n in _names(r))]
    if partial:
        return sorted(set(partial))
    all_names = sorted({n for r in rows for n in _names(r)[:1]})
    close = get_close_matches(wanted, all_names, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    if not rows:
        hint = f"; the graph has no {label} nodes (run `kg load` first?)"
    raise KgError(f"no {label} matches {wanted!r}{hint}")


def _graph_of(src: _Source, rels: list[Relationship], extra: Iterable[str] = ()) -> list[Node]:
    ids = list(dict.fromkeys([*extra, *(i for r in rels for i in (r.start, r.end))]))
    return src.nodes_by_id(ids)


def _dedupe(rels: Iterable[Relationship]) -> list[Relationship]:
    return list({r.id: r for r in rels}.values())


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def select_view(
    source: GraphStore | tuple[Iterable[Node], Iterable[Relationship]],
    *,
    method: str | None = None,
    hardware: str | None = None,
    paper: str | None = None,
    query: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> View:
    """The part of the graph one view shows; at most one selector, none for the whole graph.

    - `method`: the matching methods and everything they are linked to.
    - `hardware`: the matching hardware, the methods targeting it and their links.
    - `paper` (id, arXiv id or title): the paper's methods and every claim it makes.
    - `query`: a canned query (`cypher/NAME.cypher`); draws the nodes whose ids its rows return and
      the relationships among them (plus relationships whose ids it returns).
    """
    chosen = [
        k
        for k, v in (("method", method), ("hardware", hardware), ("paper", paper), ("query", query))
        if v
    ]
    if len(chosen) > 1:
        raise KgError(f"choose one of --method, --hardware, --paper, --query (got {chosen})")
    src = _source(source)
    if method:
        ids = _find(src, "Method", method)
        rels = _dedupe(src.rels_touching(ids))
        title = f"Method: {_label_list(src, ids)}"
        return View(_graph_of(src, rels, ids), rels, title, tuple(ids))
    if hardware:
        ids = _find(src, "Hardware", hardware)
        targets = [r for r in src.rels_touching(ids) if r.type == "TARGETS"]
        methods = sorted({r.start for r in targets})
        rels = _dedupe(targets + (src.rels_touching(methods) if methods else []))
        title = f"Hardware: {_label_list(src, ids)}"
        return View(_graph_of(src, rels, ids), rels, title, tuple(ids))
    if paper:
        ids = _find(src, "Paper", paper)
        rels = _dedupe(r for pid in ids for r in src.rels_of_paper(pid))
        title = f"Paper: {_label_list(src, ids)}"
        return View(_graph_of(src, rels, ids), rels, title, tuple(ids))
    if query:
        return _query_view(src, query, params or {})
    nodes, rels = src.everything()
    return View(nodes, rels, "Overview")


def _label_list(src: _Source, ids: Sequence[str], most: int = 3) -> str:
    nodes = src.nodes_by_id(ids[:most])
    names = [_display_name(n) for n in nodes] or list(ids[:most])
    more = f" and {len(ids) - most} more" if len(ids) > most else ""
    return ", ".join(names) + more


def _map_ids(value: Any) -> Iterator[str]:
    """Ids of whole nodes / relationships a query returned (normalised to maps with an `id`)."""
    if isinstance(value, Mapping):
        if isinstance(value.get("id"), str) and (
            "_labels" in value or "_type" in value or "_label" in value or "_id" in value
        ):
            yield value["id"]
        for key in ("_nodes", "_relationships"):
            for item in value.get(key) or ():
                yield from _map_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _map_ids(item)


def _query_view(src: _Source, name: str, params: Mapping[str, Any]) -> View:
    """The nodes a canned query's rows name (`*_id` columns, or whole nodes) and their links."""
    if not isinstance(src, _StoreSource):
        raise KgError("--query needs a graph store")
    from kg import queries

    rows = queries.run_query(src.store, name, dict(params))
    values = list(
        dict.fromkeys(
            [
                *queries.row_node_ids(rows),
                *(i for row in rows for v in row.values() for i in _map_ids(v)),
            ]
        )
    )
    nodes = src.nodes_by_id(values) if values else []
    if not nodes:
        raise KgError(
            f"query {name!r} returned {_plural(len(rows), 'row')} but no node ids (no `*_id` "
            f"column, no whole nodes), so there is nothing to draw; read it with `kg query {name}`"
        )
    node_ids = [n.id for n in nodes]
    rels = _dedupe([*src.rels_by_id(values), *src.rels_among(node_ids)])
    nodes = _dedupe_nodes([*nodes, *_graph_of(src, rels)])
    return View(nodes, rels, f"Query: {name}", tuple(node_ids))


def _dedupe_nodes(nodes: Iterable[Node]) -> list[Node]:
    return list({n.id: n for n in nodes}.values())


# --------------------------------------------------------------------------- page data


@dataclass
class RenderReport:
    """What a rendered page shows, against what the selection held."""

    path: Path | None
    nodes_shown: int
    nodes_total: int
    relationships_shown: int
    relationships_total: int
    edges_drawn: int

    @property
    def capped(self) -> bool:
        return self.nodes_shown < self.nodes_total

    def message(self) -> str:
        text = (
            f"showing {self.nodes_shown:,} of {self.nodes_total:,} nodes and "
            f"{self.relationships_shown:,} of {self.relationships_total:,} relationships"
        )
        if self.capped:
            text += "; narrow with --method/--hardware/--paper or raise --limit"
        return text


def _display_name(node: Node) -> str:
    p = node.props
    if node.label == "Paper":
        return str(p.get("title_plain") or p.get("title") or node.id)
    return str(p.get("name") or node.id)


def _short(text: str, most: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _node_info(node: Node) -> list[list[str]]:
    """(field, value) rows for tooltips and the details panel."""
    p = node.props
    rows: list[tuple[str, Any]] = [("id", node.id)]
    if node.label == "Paper":
        if p.get("title_plain") and p.get("title") and p["title"] != p["title_plain"]:
            rows.append(("title (source)", p["title"]))
        authors = p.get("authors") or []
        rows += [
            ("published", p.get("published")),
            ("authors", ", ".join(authors[:8]) + (" …" if len(authors) > 8 else "")),
            ("author count", p.get("author_count")),
            ("upvotes", p.get("upvotes")),
            ("arXiv", p.get("arxiv_id")),
            ("url", p.get("url")),
        ]
    else:
        for key in NODE_PROPERTIES.get(node.label, {}):
            if key in ("id", "name"):
                continue
            value = p.get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            rows.append((key, value))
    return [[k, str(v)] for k, v in rows if v not in (None, "", [])]


_CLAIM_KEYS = ("value", "metric_text", "baseline", "dataset", "direction")


def _claim(rel: Relationship) -> dict[str, Any]:
    p = rel.props
    claim: dict[str, Any] = {"paper": str(p.get("paper_id") or "")}
    if p.get("evidence"):
        claim["evidence"] = str(p["evidence"])
    facts = [[k, str(p[k])] for k in _CLAIM_KEYS if p.get(k) not in (None, "")]
    if p.get("number") is not None and p.get("value") in (None, ""):
        facts.append(["number", f"{p['number']}{p.get('unit') or ''}"])
    if rel.type == "PROPOSES" and p.get("main") is not None:
        facts.append(["main method", "yes" if p["main"] else "no"])
    if p.get("rule"):
        facts.append(["rule", str(p["rule"])])
    if p.get("confidence") is not None:
        facts.append(["confidence", f"{float(p['confidence']):.2f}"])
    if facts:
        claim["facts"] = facts
    return claim


def _edge_label(rel_type: str, claims: list[Relationship]) -> str:
    if rel_type == "IMPROVES":
        values = list(dict.fromkeys(str(r.props["value"]) for r in claims if r.props.get("value")))
        if values:
            return _short(" / ".join(values[:2]) + (" …" if len(values) > 2 else ""), 24)
    return rel_type.lower().replace("_", " ")


def _cap(
    nodes: list[Node], rels: list[Relationship], limit: int, focus: Sequence[str]
) -> tuple[list[Node], list[Relationship]]:
    """At most `limit` nodes, grown outwards so the kept part stays connected.

    Start from the focus (else the best connected node) and keep adding the best connected node
    next to what is kept, nearest rings first when there is a focus; when a part is used up,
    start again from the best connected node left.
    """
    ids = {n.id for n in nodes}
    rels = [r for r in rels if r.start in ids and r.end in ids]
    if len(nodes) <= limit:
        return nodes, rels
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in rels:
        neighbours[r.start].add(r.end)
        neighbours[r.end].add(r.start)
    order = {label: i for i, label in enumerate(NODE_LABELS)}
    by_id = {n.id: n for n in nodes}

    def rank(node_id: str) -> tuple[int, int, str]:
        return (-len(neighbours[node_id]), order.get(by_id[node_id].label, 99), node_id)

    seeds = sorted(ids, key=rank)
    kept: dict[str, None] = {}
    heap: list[tuple[int, tuple[int, int, str]]] = []
    for i in focus:
        if i in ids:
            heapq.heappush(heap, (0, rank(i)))
    next_seed = 0
    while len(kept) < limit:
        if not heap:
            while seeds[next_seed] in kept:
                next_seed += 1
            heapq.heappush(heap, (0, rank(seeds[next_seed])))
        ring, key = heapq.heappop(heap)
        here = key[2]
        if here in kept:
            continue
        kept[here] = None
        for there in neighbours[here]:
            if there not in kept:
                # With a focus, nearer rings come first; without one, only connectivity counts.
                heapq.heappush(heap, (ring + 1 if focus else 0, rank(there)))
    keep = set(kept)
    return [by_id[i] for i in kept], [r for r in rels if r.start in keep and r.end in keep]


def _components(n: int, neighbours: list[list[int]]) -> list[list[int]]:
    seen = [False] * n
    out = []
    for root in range(n):
        if seen[root]:
            continue
        seen[root] = True
        comp = [root]
        queue = deque([root])
        while queue:
            here = queue.popleft()
            for there in neighbours[here]:
                if not seen[there]:
                    seen[there] = True
                    comp.append(there)
                    queue.append(there)
        out.append(comp)
    return sorted(out, key=len, reverse=True)


def _pivot_mds(
    comp: list[int], neighbours: list[list[int]], pivots: int
) -> list[tuple[float, float]]:
    """2-D coordinates for one connected component (PivotMDS, Brandes & Pich 2006), in hops.

    Breadth-first hop distances from a few far-apart pivots, double-centred, and the top two
    singular vectors: a faithful global shape in O(pivots x edges), which physics then only has
    to tidy locally.
    """
    import numpy as np

    index = {node: i for i, node in enumerate(comp)}
    size = len(comp)
    k = min(pivots, size)
    dist = np.zeros((size, k), dtype=np.float64)
    closest = np.full(size, np.inf)
    pivot = max(comp, key=lambda i: len(neighbours[i]))
    for j in range(k):
        column = np.full(size, -1.0)
        column[index[pivot]] = 0
        queue = deque([pivot])
        while queue:
            here = queue.popleft()
            d = column[index[here]] + 1
            for there in neighbours[here]:
                t = index[there]
                if column[t] < 0:
                    column[t] = d
                    queue.append(there)
        dist[:, j] = column
        closest = np.minimum(closest, column)
        pivot = comp[int(np.argmax(closest))]  # the node farthest from every pivot so far
    squared = dist**2
    centred = (
        squared
        - squared.mean(axis=0, keepdims=True)
        - squared.mean(axis=1, keepdims=True)
        + squared.mean()
    ) * -0.5
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    coords = u[:, :2] * s[:2] if len(s) >= 2 else np.zeros((size, 2))
    # Back to hop units: scale so the coordinates' spread matches the distances' spread.
    spread = float(np.sqrt((coords**2).sum(axis=1).mean())) or 1.0
    target = float(np.sqrt((dist**2).mean() / 2)) or 1.0
    coords *= target / spread
    return [(float(x), float(y)) for x, y in coords]


def initial_positions(
    ids: Sequence[str], edges: Iterable[tuple[str, str]], spacing: float = 70.0, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Starting positions for the browser's physics, so it settles in few iterations.

    Each connected component gets a PivotMDS layout scaled to about `spacing` pixels per node;
    components are packed around the largest one. Needs numpy (a spaCy dependency); returns {}
    without it, and the browser starts from its own random placement.
    """
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with spaCy
        return {}
    position = {node_id: i for i, node_id in enumerate(ids)}
    neighbours: list[list[int]] = [[] for _ in ids]
    for a, b in edges:
        i, j = position.get(a), position.get(b)
        if i is not None and j is not None and i != j:
            neighbours[i].append(j)
            neighbours[j].append(i)
    rng = np.random.default_rng(seed)
    placed: dict[str, tuple[float, float]] = {}
    ring_radius = 0.0
    angle = 0.0
    ring_width = 0.0
    for number, comp in enumerate(_components(len(ids), neighbours)):
        size = len(comp)
        radius = spacing * math.sqrt(size) * 0.6 + spacing * 0.3
        if size >= 3:
            coords = np.array(_pivot_mds(comp, neighbours, 24 if size > 2000 else 32))
            coords -= coords.mean(axis=0)
            extent = float(np.abs(coords).max()) or 1.0
            coords *= radius / extent
            coords += rng.normal(0.0, spacing * 0.15, coords.shape)  # split twins
        elif size == 2:
            coords = np.array([[-spacing / 2, 0.0], [spacing / 2, 0.0]])
        else:
            coords = np.zeros((1, 2))
        if number == 0:
            centre = (0.0, 0.0)
            ring_radius = radius + spacing
        else:
            # Pack smaller components on rings around the largest one.
            step = (radius + spacing * 0.5) / max(ring_radius + radius, 1.0)
            if angle + 2 * step > 2 * math.pi:
                ring_radius += ring_width + spacing
                angle, ring_width = 0.0, 0.0
                step = (radius + spacing * 0.5) / max(ring_radius + radius, 1.0)
            angle += step
            r = ring_radius + radius
            centre = (r * math.cos(angle), r * math.sin(angle))
            angle += step
            ring_width = max(ring_width, 2 * radius)
        for node, (x, y) in zip(comp, coords, strict=True):
            placed[ids[node]] = (round(float(x) + centre[0], 1), round(float(y) + centre[1], 1))
    return placed


def _options(n_nodes: int, n_edges: int, seeded: bool = False) -> dict[str, Any]:
    """vis-network options tuned by size: the big views give up curves and labels for speed.

    Seeded views start from `initial_positions`, so physics only tidies: few iterations.
    """
    big = n_nodes > 300 or n_edges > 600
    if not seeded:
        iterations = 1000 if n_nodes <= 150 else max(120, min(600, 300_000 // max(n_nodes, 1)))
    else:
        # PivotMDS already has the shape; physics untangles locally, and big views keep
        # polishing live for a moment after the first drawing (`settleMs` in the page).
        iterations = max(10, min(200, 25_000 // max(n_nodes, 1)))
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not seeded and n_nodes <= 150},
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "scaling": {
                "min": 8,
                "max": 42 if big else 28,
                "label": {
                    "enabled": True,
                    "min": 12,
                    "max": 44 if big else 18,
                    "drawThreshold": 4.5 if big else 6,
                    "maxVisible": 26,
                },
            },
            "font": {
                "face": "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                "color": "#1f2937",
                "size": 14,
                "strokeWidth": 3,
                "strokeColor": "rgba(255,255,255,0.92)",
            },
        },
        "edges": {
            # Direction follows from the types (each type has fixed ends); thousands of tiny
            # arrowheads cost more to draw than they tell.
            "arrows": {"to": {"enabled": n_edges <= 2000, "scaleFactor": 0.45}},
            "color": {"inherit": False, "opacity": 0.75},
            "width": 1,
            "selectionWidth": 2,
            "hoverWidth": 0.5,
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.35},
            "font": {
                "size": 11,
                "color": "#4b5563",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": True,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60 if big else -90,
                "centralGravity": 0.012,
                "springLength": 90 if big else 120,
                "springConstant": 0.08,
                "damping": 0.6,
                "avoidOverlap": 0 if big else 0.3,
                "theta": 1.2 if big else 0.6,
            },
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "damping": 0.3},
            "maxVelocity": 80,
            "minVelocity": 1.5 if big else 0.75,
            "timestep": 0.6 if big else 0.45,
            "adaptiveTimestep": not big,
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": max(10, iterations // 4),
                "fit": True,
            },
        },
    }


def view_data(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    *,
    title: str = "Knowledge graph",
    limit: int | None = DEFAULT_LIMIT,
    focus: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> tuple[dict[str, Any], RenderReport]:
    """The page's data (vis nodes, edges, options, legend) and what it shows, before HTML."""
    all_nodes = _dedupe_nodes(nodes)
    all_rels = _dedupe(relationships)
    present = {n.id for n in all_nodes}
    # A relationship whose end is missing cannot be drawn; count only the drawable ones.
    all_rels = [r for r in all_rels if r.start in present and r.end in present]
    shown_nodes, shown_rels = _cap(all_nodes, all_rels, limit or len(all_nodes), focus)

    grouped: dict[tuple[str, str, str], list[Relationship]] = defaultdict(list)
    for r in shown_rels:
        grouped[(r.type, r.start, r.end)].append(r)
    degree: Counter[str] = Counter()
    for _type, start, end in grouped:
        degree[start] += 1
        degree[end] += 1

    # Ring the nodes a view is about, when they are a few among many (not every row of a query).
    focus_set = set(focus) if len(set(focus)) <= min(12, len(shown_nodes) // 2) else set()
    vis_nodes = []
    for n in shown_nodes:
        name = _display_name(n)
        item: dict[str, Any] = {
            "id": n.id,
            "label": _short(name, 30 if n.label == "Paper" else 34),
            "group": n.label,
            "value": 1 + degree[n.id],
            "name": name,
            "info": _node_info(n),
            "deg": degree[n.id],
        }
        if n.id in focus_set:
            item["focus"] = True
            item["borderWidth"] = 4
        vis_nodes.append(item)

    edges_big = len(grouped) > 300
    vis_edges = []
    for (r_type, start, end), claims in grouped.items():
        claims.sort(key=lambda r: r.id)
        edge: dict[str, Any] = {
            "id": claims[0].id if len(claims) == 1 else f"{r_type}|{start}|{end}",
            "from": start,
            "to": end,
            "type": r_type,
            "color": {"color": EDGE_COLOR.get(r_type, "#999999")},
            "lbl": _edge_label(r_type, claims),
            "claims": [_claim(r) for r in claims[:20]],
            "n": len(claims),
        }
        if len(claims) > 1:
            edge["width"] = min(1 + math.log2(len(claims)), 5)
        if not edges_big:
            edge["label"] = edge["lbl"]
        vis_edges.append(edge)

    node_counts = Counter(n.label for n in shown_nodes)
    rel_counts = Counter(r.type for r in shown_rels)
    total_counts = Counter(n.label for n in all_nodes)
    # Every type in the selection is in the legend, also when the cap left none of it on show.
    labels = [lab for lab in NODE_LABELS if total_counts[lab]] + sorted(
        lab for lab in total_counts if lab not in NODE_STYLE
    )
    legend_nodes = [
        {
            "label": lab,
            "color": NODE_STYLE.get(lab, {}).get("color", "#999999"),
            "shape": NODE_STYLE.get(lab, {}).get("shape", "dot"),
            "count": node_counts[lab],
            "total": total_counts[lab],
        }
        for lab in labels
    ]
    legend_rels = [
        {
            "type": t,
            "color": EDGE_COLOR.get(t, "#999999"),
            "count": rel_counts[t],
            "ends": " → ".join(REL_TYPES.get(t, ("", ""))),
        }
        for t in [*REL_TYPES, *sorted(set(rel_counts) - set(REL_TYPES))]
        if rel_counts[t]
    ]
    spots: dict[str, tuple[float, float]] = {}
    if len(vis_nodes) > SEED_LAYOUT_ABOVE:
        spots = initial_positions([n["id"] for n in vis_nodes], [(a, b) for _t, a, b in grouped])
        for item in vis_nodes:
            if item["id"] in spots:
                item["x"], item["y"] = spots[item["id"]]
    options = _options(len(vis_nodes), len(vis_edges), seeded=bool(spots))
    options["groups"] = {
        lab: {
            "shape": NODE_STYLE.get(lab, {}).get("shape", "dot"),
            "color": _node_color(NODE_STYLE.get(lab, {}).get("color", "#999999")),
        }
        for lab in labels
    }
    report = RenderReport(
        path=None,
        nodes_shown=len(shown_nodes),
        nodes_total=len(all_nodes),
        relationships_shown=len(shown_rels),
        relationships_total=len(all_rels),
        edges_drawn=len(vis_edges),
    )
    data = {
        "title": title,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": options,
        "legend": {"nodes": legend_nodes, "relationships": legend_rels},
        "edgeLabels": not edges_big,
        "settleMs": 2500 if len(vis_nodes) > 300 else 0,
        "summary": {
            "nodesShown": report.nodes_shown,
            "nodesTotal": report.nodes_total,
            "relsShown": report.relationships_shown,
            "relsTotal": report.relationships_total,
            "edgesDrawn": report.edges_drawn,
            "capped": report.capped,
            "message": report.message(),
        },
        "notes": list(notes),
    }
    return data, report


def _mix(hex_color: str, other: str, amount: float) -> str:
    a = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _node_color(base: str) -> dict[str, Any]:
    border = _mix(base, "#000000", 0.3)
    light = _mix(base, "#ffffff", 0.25)
    return {
        "background": base,
        "border": border,
        "highlight": {"background": light, "border": "#111827"},
        "hover": {"background": light, "border": border},
    }


# --------------------------------------------------------------------------- HTML


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, `<!--`, U+2028 or U+2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _asset(*parts: str) -> str:
    return files("kg").joinpath("data", *parts).read_text(encoding="utf-8")


def vis_network_js() -> str:
    """The vendored vis-network standalone build, without its source-map comment."""
    return _SOURCE_MAP.sub("\n", _asset(*_VENDOR_JS))


def build_network(data: Mapping[str, Any]) -> Network:
    """A pyvis `Network` holding the view's nodes, edges and options (for notebooks and tools)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = list(data["nodes"])
    net.edges = list(data["edges"])
    net.node_ids = [n["id"] for n in net.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    net.options = dict(data["options"])
    return net


def page_html(data: Mapping[str, Any]) -> str:
    """The whole page as one HTML string: our template with the pyvis network's data inlined."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    net = build_network(data)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    payload = dict(data, nodes=nodes, edges=edges, options=json.loads(options))
    template_dir = files("kg").joinpath("data", *_TEMPLATE_DIR)
    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    template = env.get_template("viz.html.j2")
    return template.render(
        title=data["title"],
        summary=data["summary"],
        legend=data["legend"],
        notes=data.get("notes", []),
        data_json=Markup(script_json(payload)),
        vis_js=Markup(vis_network_js()),
        page_js=Markup(_asset(*_TEMPLATE_DIR, "viz.js")),
        page_css=Markup(_asset(*_TEMPLATE_DIR, "viz.css")),
    )


def render_view(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    path: str | Path,
    *,
    title: str = "Knowledge graph",
    limit: int | None = DEFAULT_LIMIT,
    focus: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> RenderReport:
    """Write one self-contained, offline HTML page drawing the nodes and relationships.

    At most `limit` nodes are drawn (None: all): the `focus` ids first, then nodes by distance
    from them, then the best connected. The report says how many were shown of how many.
    """
    data, report = view_data(
        nodes, relationships, title=title, limit=limit, focus=focus, notes=notes
    )
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    page = page_html(data)
    with atomic_writer(path) as out:
        out.write(page)
    report.path = path
    return report


def write_view(view: View, path: str | Path, *, limit: int | None = DEFAULT_LIMIT) -> RenderReport:
    """`render_view` for a `View` from `select_view`."""
    return render_view(
        view.nodes,
        view.relationships,
        path,
        title=view.title,
        limit=limit,
        focus=view.focus,
        notes=view.notes,
    )
