"""`kg load` end to end on the seed pages: both stores, re-loads, overlaps, SIGKILL, bad servers.

The seed pages are extracted once per module (`seed_graphs`); tests load those graphs with
`kg.pipeline.load_graphs`, except the ones about the command itself, which run `kg` in a
subprocess like a user would.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import unavailable

from kg.model import NODE_LABELS, REL_TYPES
from kg.pipeline import extract_graphs, load_graphs
from kg.sources import read_papers
from kg.stores.base import GraphStore
from kg.stores.embedded import EmbeddedStore
from kg.stores.neo4j import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
if len(SEEDS) != 3:
    unavailable("needs ../shared/seeds (3 pages)", module=True)


@pytest.fixture(scope="module")
def seed_graphs() -> dict[str, tuple[list, list]]:
    """Paper id -> that paper's (nodes, relationships), in reading order."""
    graphs = {}
    for nodes, rels in extract_graphs(read_papers([str(p) for p in SEEDS])):
        graphs[nodes[0].id] = (nodes, rels)
    return graphs


def dump(store: GraphStore) -> tuple[list, list]:
    """Sorted nodes and relationships with their properties (as in test_stores)."""

    def canon(props: dict) -> str:
        return json.dumps(props, sort_keys=True, ensure_ascii=False)

    nodes = sorted((n.label, n.id, canon(n.props)) for n in store.nodes())
    rels = sorted((r.type, r.start, r.end, r.id, canon(r.props)) for r in store.relationships())
    return nodes, rels


def variant_nodes(seed_graphs: dict) -> set[tuple[str, str]]:
    """Nodes that papers give different properties (e.g. two spellings of one task's name)."""
    seen: dict[tuple[str, str], set[str]] = {}
    for nodes, _ in seed_graphs.values():
        for n in nodes:
            seen.setdefault((n.label, n.id), set()).add(json.dumps(n.props, sort_keys=True))
    return {key for key, variants in seen.items() if len(variants) > 1}


def page_graphs(seed_graphs: dict, *pages: Path) -> list[tuple[list, list]]:
    return [seed_graphs[p.id] for p in read_papers([str(p) for p in pages])]


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


def open_kind(kind: str, request: pytest.FixtureRequest, folder: Path) -> GraphStore:
    if kind == "embedded":
        return EmbeddedStore(folder)
    server = request.getfixturevalue("neo4j_server")
    store = Neo4jStore(server.uri, server.user, server.password)
    store.clear()
    return store


def kg(*args: str, cwd: Path, env: dict[str, str] | None = None, **kw) -> subprocess.Popen:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    full_env.update(env or {})
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def store_args(kind: str, request: pytest.FixtureRequest, folder: Path) -> list[str]:
    if kind == "embedded":
        return ["--db", str(folder)]
    server = request.getfixturevalue("neo4j_server")
    return ["--neo4j", server.uri, "--user", server.user, "--password", server.password]


# --- the seeds in both stores ---------------------------------------------------------------


@pytest.mark.neo4j
def test_seed_pages_give_the_same_graph_in_both_stores(
    seed_graphs: dict, tmp_path: Path, neo4j_server
) -> None:
    graphs = list(seed_graphs.values())
    with EmbeddedStore(tmp_path / "db") as embedded:
        summary = load_graphs(graphs, embedded, batch_size=500)
        embedded_stats, embedded_dump = embedded.stats(), dump(embedded)
    assert summary.papers == 232 and embedded_stats["nodes"]["Paper"] == 232
    assert summary.relationships_created == sum(embedded_stats["relationships"].values()) > 0
    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as neo:
        neo.clear()
        load_graphs(graphs, neo, batch_size=500)
        assert neo.stats() == embedded_stats
        assert dump(neo) == embedded_dump


def test_reloads_and_overlapping_pages_merge(
    store_kind: str, seed_graphs: dict, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    first, second, third = SEEDS
    store = open_kind(store_kind, request, tmp_path / "db")
    try:
        summary = load_graphs(page_graphs(seed_graphs, first, second), store, batch_size=300)
        assert summary.papers_created == summary.papers
        summary = load_graphs(page_graphs(seed_graphs, second, third), store, batch_size=300)
        assert summary.papers_created < summary.papers  # page two's papers were there already
        assert store.stats()["nodes"]["Paper"] == 232
        merged = dump(store)

        store.clear()
        load_graphs(list(seed_graphs.values()), store, batch_size=10_000)
        assert dump(store) == merged  # in pieces or at once: the same graph

        again = load_graphs(list(seed_graphs.values()), store, batch_size=10_000)
        assert again.relationships_created == 0 and again.papers_created == 0
        assert again.report.total("nodes_updated") == 0
        assert again.report.total("relationships_updated") == 0
        assert dump(store) == merged

        # In small batches an entity two papers name differently (same id) is rewritten along
        # the way, the last paper winning as in one big batch: the end state is the same.
        small = load_graphs(list(seed_graphs.values()), store, batch_size=7)
        assert small.relationships_created == 0 and small.papers_created == 0
        assert small.report.total("relationships_updated") == 0
        assert small.report.total("nodes_updated") <= 2 * len(variant_nodes(seed_graphs))
        assert dump(store) == merged
    finally:
        store.close()


# --- the command ----------------------------------------------------------------------------


def test_killed_load_then_rerun_equals_a_clean_load(
    store_kind: str, seed_graphs: dict, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    folder = tmp_path / "kg-data"
    args = store_args(store_kind, request, folder)
    if store_kind == "neo4j":
        open_kind(store_kind, request, folder).close()  # start from an empty graph
    seeds = [str(p) for p in SEEDS]

    loader = kg("-v", "load", *seeds, *args, "--batch-size", "20", cwd=tmp_path)
    batches = 0
    assert loader.stderr is not None
    deadline = time.monotonic() + 600
    for line in loader.stderr:
        if "batch written" in line:
            batches += 1
            if batches == 3:
                break
        assert time.monotonic() < deadline, "no batches written"
    loader.send_signal(signal.SIGKILL)
    loader.wait()
    assert batches == 3, "the load ended before it could be killed"

    rerun = kg("load", *seeds, *args, "--format", "json", cwd=tmp_path)
    out, err = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, err
    summary = json.loads(out)
    assert summary["papers"] == 232 and 0 < summary["papers_created"] < 232

    stats = kg("stats", *args, "--format", "json", cwd=tmp_path)
    out, err = stats.communicate(timeout=300)
    assert stats.returncode == 0, err
    counts = json.loads(out)
    assert list(counts["nodes"]) == list(NODE_LABELS)
    assert list(counts["relationships"]) == list(REL_TYPES)

    if store_kind == "embedded":
        with EmbeddedStore(folder) as after_kill:
            survived = dump(after_kill)
        with EmbeddedStore(tmp_path / "clean") as clean:
            load_graphs(list(seed_graphs.values()), clean)
            assert dump(clean) == survived
    else:
        server = request.getfixturevalue("neo4j_server")
        with Neo4jStore(server.uri, server.user, server.password) as neo:
            survived = dump(neo)
            neo.clear()
            load_graphs(list(seed_graphs.values()), neo)
            assert dump(neo) == survived
    assert counts == {
        "nodes": {k: sum(1 for n in survived[0] if n[0] == k) for k in NODE_LABELS},
        "relationships": {k: sum(1 for r in survived[1] if r[0] == k) for k in REL_TYPES},
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_one_line_error(proc: subprocess.Popen, cwd: Path) -> str:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    assert "Traceback" not in err
    assert not (cwd / "kg-data").exists()
    assert sorted(p.name for p in cwd.iterdir()) == []
    return lines[0]


@pytest.mark.parametrize("command", ["load", "stats"])
def test_unreachable_neo4j_is_one_line_and_writes_nothing(tmp_path: Path, command: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    uri = f"bolt://127.0.0.1:{free_port()}"
    args = [str(SEEDS[0])] if command == "load" else []
    line = assert_one_line_error(kg(command, *args, "--neo4j", uri, cwd=work), work)
    assert uri in line
    # The same from the environment.
    line = assert_one_line_error(kg(command, *args, cwd=work, env={"NEO4J_URI": uri}), work)
    assert uri in line


@pytest.mark.neo4j
def test_wrong_password_is_one_line_and_writes_nothing(tmp_path: Path, neo4j_server) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = {
        "NEO4J_URI": neo4j_server.uri,
        "NEO4J_USER": neo4j_server.user,
        "NEO4J_PASSWORD": "not-the-password",
    }
    line = assert_one_line_error(kg("load", str(SEEDS[0]), cwd=work, env=env), work)
    assert "refused the login" in line
