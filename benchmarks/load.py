"""Load speed: kg's stores against neo4j-graphrag's Neo4jWriter on the same triples.

    .venv/bin/python benchmarks/load.py [--relationships 100000] [--batch-size 10000]
                                        [--seeds ../shared/seeds] [--skip-peer] [--skip-embedded]
                                        [--skip-neo4j] [--no-warm-up]

The triples are the seed pages' (read and extracted as `kg load` does), copied with distinct ids
until there are at least `--relationships` of them: papers, methods and relationships get a
`~copyN` suffix, while hardware, metrics, datasets and tasks stay shared, as in a real corpus
where many papers name the same GPU. Without the extractor (or with `--synthetic`) it builds
triples of the same shape itself.

Measured, each on an empty graph:

- kg into Neo4j: first load, then the same data again (re-load). By default after a warm-up
  (the same load and re-load once, then the graph cleared): a server people load into has been
  running, while on a fresh one the first load also pays for the JVM compiling Neo4j's write
  path, about twice as long (`--no-warm-up` shows it);
- the floor, on the same server: the same relationships as bare `CREATE`s between the same
  nodes (no properties, no uniqueness index, no existence check), the least a transactional
  Cypher load of them costs there;
- kg into the embedded store (a temporary folder): first load and re-load, once as one
  `store.load` call (at least `BULK_ROWS` rows, so new rows go in with COPY) and once in calls
  of `--batch-size` rows, as `kg load` streams them (CREATE);
- the peer: `neo4j_graphrag.experimental.components.kg_writer.Neo4jWriter` with the same batch
  size, fed the same nodes and relationships as a `Neo4jGraph`.

The peer merges relationships with `apoc.merge.relationship`. Without APOC on the server (the test
server has none), its relationship statement is replaced by the plain-Cypher equivalent that
Neo4j 5.26 allows, `MERGE (start)-[rel:$(row.type)]->(end) SET rel += row.properties`; everything
else (its node statement, batching, index, clean-up) is the peer's own code.

Neo4j: NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD when set, else a server started with
`scripts/neo4j-local start` in a temporary state dir with a 512 MiB page cache (stopped and
removed afterwards). The graph in that database is cleared between runs: do not point this at a
database you care about.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.model import NODE_LABELS, REL_TYPES, Node, Relationship  # noqa: E402

COPIED_LABELS = {"Paper", "Method"}
NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"


# --- data ---------------------------------------------------------------------------------


def seed_graph(seeds: Path) -> tuple[list[Node], list[Relationship]]:
    from kg.extraction import Extractor
    from kg.sources import read_papers

    nodes: dict[tuple[str, str], Node] = {}
    rels: dict[str, Relationship] = {}
    papers = list(read_papers(sorted(str(p) for p in seeds.glob("*.txt"))))
    for extraction in Extractor().extract_all(papers):
        ns, rs = extraction.graph()
        for n in ns:
            nodes[(n.label, n.id)] = n
        for r in rs:
            rels[r.id] = r
    return list(nodes.values()), list(rels.values())


def synthetic_graph() -> tuple[list[Node], list[Relationship]]:
    """About the seed pages' shape: 232 papers, a method each, a few claims per method."""
    nodes: list[Node] = []
    rels: list[Relationship] = []
    shared = {
        "Hardware": [f"hardware:gpu-{i}" for i in range(40)],
        "Metric": [f"metric:m-{i}" for i in range(60)],
        "Dataset": [f"dataset:d-{i}" for i in range(120)],
        "Task": [f"task:t-{i}" for i in range(150)],
    }
    for label, ids in shared.items():
        nodes += [Node(label, i, {"id": i, "name": i.split(":")[1].upper()}) for i in ids]
    for p in range(232):
        pid, mid = f"arxiv:2501.{p:05d}", f"method:m{p}"
        abstract = "We propose a method. " * 40
        nodes.append(Node("Paper", pid, {"id": pid, "title": f"Paper {p}", "abstract": abstract}))
        nodes.append(Node("Method", mid, {"id": mid, "name": f"M{p}", "aliases": [f"m{p}"]}))
        claims = [("PROPOSES", pid, mid)]
        claims += [("TARGETS", mid, shared["Hardware"][(p + k) % 40]) for k in range(2)]
        claims += [("IMPROVES", mid, shared["Metric"][(p + k) % 60]) for k in range(3)]
        claims += [("EVALUATED_ON", mid, shared["Dataset"][(p + k) % 120]) for k in range(2)]
        claims += [("ADDRESSES", mid, shared["Task"][p % 150])]
        for k, (rel_type, start, end) in enumerate(claims):
            rid = f"{rel_type.lower()}:{p}-{k}"
            props = {
                "id": rid,
                "paper_id": pid,
                "evidence": "Our method runs 2.1x faster on the V100 GPU than the baseline.",
                "evidence_start": 10 * k,
                "evidence_end": 10 * k + 60,
                "rule": "synthetic",
                "confidence": 0.8,
            }
            if rel_type == "IMPROVES":
                props |= {"value": "2.1x", "number": 2.1, "unit": "x", "direction": "higher"}
            rels.append(Relationship(rel_type, start, end, rid, props))
    return nodes, rels


def scale(
    nodes: list[Node], rels: list[Relationship], target: int
) -> tuple[list[Node], list[Relationship]]:
    copies = max(1, -(-target // max(1, len(rels))))
    copied = {n.id for n in nodes if n.label in COPIED_LABELS}

    def cid(node_id: str, k: int) -> str:
        return f"{node_id}~copy{k}" if node_id in copied and k else node_id

    out_nodes = [n for n in nodes if n.label not in COPIED_LABELS]
    out_rels: list[Relationship] = []
    for k in range(copies):
        for n in nodes:
            if n.label in COPIED_LABELS:
                out_nodes.append(Node(n.label, cid(n.id, k), {**n.props, "id": cid(n.id, k)}))
        for r in rels:
            rid = f"{r.id}~copy{k}" if k else r.id
            props = {**r.props, "id": rid, "paper_id": cid(str(r.props.get("paper_id")), k)}
            out_rels.append(Relationship(r.type, cid(r.start, k), cid(r.end, k), rid, props))
    return out_nodes, out_rels


# --- Neo4j server ----------------------------------------------------------------------------


def neo4j_connection(state_dir: Path) -> tuple[dict[str, str], bool]:
    """(uri, user, password) from the environment, else from `scripts/neo4j-local start`.

    Our own server lives in `state_dir` (a temporary folder: the benchmark clears the graph, so
    not the developer's `.cache/neo4j`), with a 512 MiB page cache unless
    NEO4J_LOCAL_PAGECACHE_MB says otherwise (the script's 64 MiB default makes index seeks hit
    the disk at this size).
    """
    if os.environ.get("NEO4J_URI"):
        return {
            "uri": os.environ["NEO4J_URI"],
            "user": os.environ.get("NEO4J_USER", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD", ""),
        }, False
    env = {
        **os.environ,
        "NEO4J_LOCAL_PAGECACHE_MB": os.environ.get("NEO4J_LOCAL_PAGECACHE_MB", "512"),
    }
    out = subprocess.run(
        [str(NEO4J_LOCAL), "--state-dir", str(state_dir), "start"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    found = {k: v.strip("'\"") for k, v in re.findall(r"(NEO4J_\w+)=(\S+)", out)}
    conn = {"uri": found["NEO4J_URI"], "user": found["NEO4J_USER"]}
    return conn | {"password": found["NEO4J_PASSWORD"]}, True


# --- runs ------------------------------------------------------------------------------------


def timed_load(store, nodes, rels, batch_size: int, calls_of: int | None) -> tuple[float, object]:
    """One `store.load` call with everything, or (`calls_of`) calls of that many nodes, then of
    that many relationships, as `kg load` streams them."""
    from kg.stores.base import LoadReport

    started = time.perf_counter()
    if calls_of is None:
        report = store.load(nodes, rels, batch_size=batch_size)
    else:
        report = LoadReport()
        for k in range(0, len(nodes), calls_of):
            report.add(store.load(nodes[k : k + calls_of], [], batch_size=batch_size))
        for k in range(0, len(rels), calls_of):
            report.add(store.load([], rels[k : k + calls_of], batch_size=batch_size))
    return time.perf_counter() - started, report


def run_kg(store, nodes, rels, batch_size: int, calls_of: int | None = None) -> dict[str, float]:
    store.clear()
    store.apply_schema()
    first, report = timed_load(store, nodes, rels, batch_size, calls_of)
    created = report.total("relationships_created")
    assert created == len(rels), (created, len(rels), report.relationships_skipped)
    again, report2 = timed_load(store, nodes, rels, batch_size, calls_of)
    assert report2.total("relationships_created") == 0
    assert report2.total("relationships_updated") == 0
    stats = store.stats()
    assert sum(stats["relationships"].values()) == len(rels)
    return {"first_s": first, "reload_s": again}


FLOOR_QUERY = (
    "UNWIND range(0, size($src) - 1) AS i "
    "MATCH (a:{start} {{id: $src[i]}}) USING INDEX SEEK a:{start}(id) "
    "WITH i, a MATCH (b:{end} {{id: $dst[i]}}) USING INDEX SEEK b:{end}(id) "
    "CREATE (a)-[:KG_BENCH_FLOOR]->(b)"
)


def run_floor(store, nodes, rels, batch_size: int) -> dict[str, float]:
    """The server's own floor for this write: the same relationships as bare `CREATE`s.

    Endpoints found by id exactly as kg does, but no properties, no id, no uniqueness index and
    no existence check: the least work a transactional Cypher load of these relationships can
    do on this server, so kg's rate is shown as a share of it.
    """
    store.clear()
    store.load(nodes, [], batch_size=batch_size)
    started = time.perf_counter()
    for rel_type, (start, end) in REL_TYPES.items():
        typed = [r for r in rels if r.type == rel_type]
        cypher = FLOOR_QUERY.format(start=start, end=end)
        for k in range(0, len(typed), batch_size):
            chunk = typed[k : k + batch_size]
            store.query(
                cypher, {"src": [r.start for r in chunk], "dst": [r.end for r in chunk]}, write=True
            )
    seconds = time.perf_counter() - started
    created = store.query("MATCH ()-[r:KG_BENCH_FLOOR]->() RETURN count(r) AS n")[0]["n"]
    assert created == len(rels), (created, len(rels))
    store.clear()
    return {"first_s": seconds}


PEER_REL_QUERY = (
    "UNWIND $rows AS row "
    "MATCH (start:__KGBuilder__ {__tmp_internal_id: row.start_node_id}), "
    "      (end:__KGBuilder__ {__tmp_internal_id: row.end_node_id}) "
    "WITH start, end, row "
    "MERGE (start)-[rel:$(row.type)]->(end) "
    "SET rel += row.properties "
    "RETURN elementId(rel)"
)


def run_peer(conn: dict[str, str], nodes, rels, batch_size: int) -> dict[str, object]:
    import neo4j

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from neo4j_graphrag.experimental.components.kg_writer import Neo4jWriter
        from neo4j_graphrag.experimental.components.types import (
            Neo4jGraph,
            Neo4jNode,
            Neo4jRelationship,
        )

    driver = neo4j.GraphDatabase.driver(conn["uri"], auth=(conn["user"], conn["password"]))
    try:
        has_apoc = bool(
            driver.execute_query(
                "SHOW PROCEDURES YIELD name WHERE name = 'apoc.merge.relationship' RETURN name"
            ).records
        )
        writer = Neo4jWriter(driver, batch_size=batch_size)
        if not has_apoc:

            def upsert_relationships(batch: list) -> None:
                rows = writer._relationships_to_rows(batch)
                driver.execute_query(PEER_REL_QUERY, parameters_={"rows": rows})

            writer._upsert_relationships = upsert_relationships  # type: ignore[method-assign]
        graph = Neo4jGraph(
            nodes=[
                Neo4jNode(id=n.id, label=n.label, properties=_peer_props(n.props)) for n in nodes
            ],
            relationships=[
                Neo4jRelationship(
                    start_node_id=r.start,
                    end_node_id=r.end,
                    type=r.type,
                    properties=_peer_props(r.props),
                )
                for r in rels
            ],
        )
        started = time.perf_counter()
        result = asyncio.run(writer.run(graph))
        seconds = time.perf_counter() - started
        if result.status != "SUCCESS":
            raise RuntimeError(f"peer failed: {result.metadata}")
        written = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
        return {"first_s": seconds, "apoc": has_apoc, "relationships_in_graph": written}
    finally:
        driver.close()


def _peer_props(props: dict) -> dict:
    return {k: v for k, v in props.items() if v is not None and v != []}


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--synthetic", action="store_true", help="Skip extraction.")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="Measure on a fresh server (its JIT compiler still cold) instead of after a warm-up.",
    )
    parser.add_argument("--json", action="store_true", help="Print the results as JSON only.")
    args = parser.parse_args()

    started = time.perf_counter()
    source = "seeds"
    try:
        if args.synthetic:
            raise ImportError
        base_nodes, base_rels = seed_graph(args.seeds)
    except ImportError:
        source = "synthetic"
        base_nodes, base_rels = synthetic_graph()
    nodes, rels = scale(base_nodes, base_rels, args.relationships)
    log = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr))
    log(
        f"data: {source}, {len(base_rels)} relationships x copies = {len(rels)} relationships, "
        f"{len(nodes)} nodes (prepared in {time.perf_counter() - started:.1f}s)"
    )
    results: dict[str, object] = {
        "source": source,
        "nodes": len(nodes),
        "relationships": len(rels),
        "batch_size": args.batch_size,
        "per_type": {t: sum(1 for r in rels if r.type == t) for t in REL_TYPES},
        "per_label": {lab: sum(1 for n in nodes if n.label == lab) for lab in NODE_LABELS},
    }

    if not args.skip_embedded:
        from kg.stores.embedded import EmbeddedStore

        folder = Path(tempfile.mkdtemp(prefix="kg-bench-"))
        try:
            store = EmbeddedStore(folder / "db")
            try:
                log("embedded: loading in one call ...")
                results["embedded"] = run_kg(store, nodes, rels, args.batch_size)
                log(f"embedded: loading in calls of {args.batch_size} rows, as kg load does ...")
                results["embedded_kg_load"] = run_kg(
                    store, nodes, rels, args.batch_size, calls_of=args.batch_size
                )
            finally:
                store.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    if not args.skip_neo4j:
        state_dir = Path(tempfile.mkdtemp(prefix="kg-bench-neo4j-"))
        conn, started_server = neo4j_connection(state_dir)
        try:
            from kg.stores.neo4j import Neo4jStore

            store = Neo4jStore(conn["uri"], conn["user"], conn["password"])
            try:
                if not args.no_warm_up:
                    log("neo4j: warm-up (the same load once, then cleared) ...")
                    run_kg(store, nodes, rels, args.batch_size)
                log(f"neo4j ({conn['uri']}): loading ...")
                results["neo4j"] = run_kg(store, nodes, rels, args.batch_size)
                log("neo4j floor (bare CREATEs of the same relationships): loading ...")
                results["neo4j_floor"] = run_floor(store, nodes, rels, args.batch_size)
            finally:
                store.close()
            if not args.skip_peer:
                log("peer (neo4j-graphrag Neo4jWriter): loading ...")
                results["peer"] = run_peer(conn, nodes, rels, args.batch_size)
                cleaner = Neo4jStore(conn["uri"], conn["user"], conn["password"])
                try:
                    cleaner.clear()
                    cleaner.query("DROP INDEX __entity__tmp_internal_id IF EXISTS", write=True)
                finally:
                    cleaner.close()
        finally:
            if started_server:
                subprocess.run(
                    [str(NEO4J_LOCAL), "--state-dir", str(state_dir), "stop"], check=False
                )
            shutil.rmtree(state_dir, ignore_errors=True)

    n = len(rels)
    for name in ("neo4j", "neo4j_floor", "embedded", "embedded_kg_load", "peer"):
        r = results.get(name)
        if isinstance(r, dict):
            r["first_rels_per_s"] = round(rate(n, r["first_s"]))
            if "reload_s" in r:
                r["reload_rels_per_s"] = round(rate(n, r["reload_s"]))
                r["reload_speedup"] = round(r["first_s"] / r["reload_s"], 1)
            r["first_s"] = round(r["first_s"], 3)
            if "reload_s" in r:
                r["reload_s"] = round(r["reload_s"], 3)
    if isinstance(results.get("neo4j"), dict) and isinstance(results.get("peer"), dict):
        results["neo4j_vs_peer"] = round(
            results["peer"]["first_s"] / results["neo4j"]["first_s"], 1
        )
    if isinstance(results.get("neo4j"), dict) and isinstance(results.get("neo4j_floor"), dict):
        results["neo4j_share_of_floor"] = round(
            results["neo4j_floor"]["first_s"] / results["neo4j"]["first_s"], 2
        )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
