"""Graph stores on a small hand-made graph: the same assertions on Neo4j and the embedded store.

Neo4j is the real server of the session fixture (`neo4j_server`); the embedded store lives in
`tmp_path`. `dump` is the canonical form both stores must agree on: sorted nodes and
relationships with all their properties.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.errors import StoreError
from kg.model import NODE_LABELS, REL_TYPES, Node, Paper, Relationship, entity_id, relationship_id
from kg.stores import StoreOptions, open_store
from kg.stores.base import GraphStore
from kg.stores.embedded import EmbeddedStore
from kg.stores.neo4j import Neo4jStore, schema_statements

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = [
    "x'}) DETACH DELETE n //",
    'x"}) DETACH DELETE n //',
    "`x`) MATCH (m) DETACH DELETE m //",
    "back\\slash \\' \\\" \\n",
    "new\nline\r\nand\ttab",
    "$param {rows} $$ ${x}",
    "unicode: é ü ß 中文 ✓ 🚀 \u2028 \u200b",
    "; MATCH (n) DETACH DELETE n; //",
]


def dump(store: GraphStore) -> tuple[list, list]:
    """Every node and relationship with its properties, sorted: equal dumps, equal graphs."""

    def canon(props: dict[str, Any]) -> str:
        return json.dumps(props, sort_keys=True, ensure_ascii=False)

    nodes = sorted((n.label, n.id, canon(n.props)) for n in store.nodes())
    rels = sorted((r.type, r.start, r.end, r.id, canon(r.props)) for r in store.relationships())
    return nodes, rels


def entity(label: str, name: str, **props: Any) -> Node:
    nid = entity_id(label, name)
    return Node(label, nid, {"id": nid, "name": name, **props})


def rel(rel_type: str, start: str, end: str, paper: str, **props: Any) -> Relationship:
    rid = relationship_id(rel_type, start, end, paper, props.get("value"))
    base = {
        "id": rid,
        "paper_id": paper,
        "evidence": f"{paper} says so.",
        "evidence_start": 0,
        "evidence_end": 12,
        "rule": "test",
        "confidence": 0.75,
    }
    return Relationship(rel_type, start, end, rid, base | props)


def small_graph() -> tuple[list[Node], list[Relationship]]:
    p1 = Paper(
        id="arxiv:2501.00001",
        title="FastViT$^{2}$: fast",
        abstract="We propose FastViT. It runs 2.1x faster on the V100 GPU.",
        title_plain="FastViT2: fast",
        arxiv_id="2501.00001",
        authors=("Ada Lovelace", "Alan Turing"),
        author_count=2,
        published="2025-01-06",
        upvotes=12,
        source="daily",
    ).node()
    p2 = Paper(id="paper:abc", title="Second", abstract="FastViT on the V100 GPU again.").node()
    method = entity("Method", "FastViT", aliases=["Fast-ViT", "FViT"], kind="model")
    gpu = entity("Hardware", "NVIDIA V100 GPU", vendor="NVIDIA", **{"class": "GPU"})
    fps = entity("Metric", "FPS", family="speed")
    data = entity("Dataset", "ImageNet")
    task = entity("Task", "image classification")
    m = method.id
    rels = [
        rel("PROPOSES", p1.id, m, p1.id, main=True),
        rel("TARGETS", m, gpu.id, p1.id),
        # The same claim by a second paper: a second relationship, its own evidence.
        rel("TARGETS", m, gpu.id, p2.id),
        rel(
            "IMPROVES",
            m,
            fps.id,
            p1.id,
            metric_text="throughput",
            value="2.1x",
            number=2.1,
            unit="x",
            direction="higher",
            baseline="ViT-B",
            dataset="ImageNet",
        ),
        rel("EVALUATED_ON", m, data.id, p1.id),
        rel("ADDRESSES", m, task.id, p1.id),
    ]
    return [p1, p2, method, gpu, fps, data, task], rels


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "embedded":
        opened: GraphStore = EmbeddedStore(tmp_path / "kg-data")
    else:
        server = request.getfixturevalue("neo4j_server")
        opened = Neo4jStore(server.uri, server.user, server.password)
        opened.clear()
    try:
        yield opened
    finally:
        opened.close()


def test_load_reads_back_every_property(store: GraphStore) -> None:
    nodes, rels = small_graph()
    report = store.load(nodes, rels)
    assert report.total("nodes_created") == len(nodes)
    assert report.total("relationships_created") == len(rels)
    assert report.total("relationships_present") == 0

    by_id = {n.id: n for n in store.nodes()}
    paper = by_id["arxiv:2501.00001"]
    assert paper.label == "Paper"
    assert paper.props["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert paper.props["upvotes"] == 12 and paper.props["author_count"] == 2
    assert "url" not in paper.props  # None is not stored
    assert "authors" not in by_id["paper:abc"].props  # nor is an empty list
    gpu = by_id[entity_id("Hardware", "NVIDIA V100 GPU")]
    assert gpu.props["class"] == "GPU"
    assert by_id[entity_id("Method", "FastViT")].props["aliases"] == ["Fast-ViT", "FViT"]

    improves = [r for r in store.relationships() if r.type == "IMPROVES"]
    assert len(improves) == 1
    props = improves[0].props
    assert props["number"] == 2.1 and props["direction"] == "higher"
    assert props["evidence_start"] == 0 and props["confidence"] == 0.75
    proposes = next(r for r in store.relationships() if r.type == "PROPOSES")
    assert proposes.props["main"] is True
    assert all("_fp" not in n.props for n in store.nodes())


def test_stats_lists_every_label_and_type(store: GraphStore) -> None:
    assert store.stats() == {
        "nodes": dict.fromkeys(NODE_LABELS, 0),
        "relationships": dict.fromkeys(REL_TYPES, 0),
    }
    nodes, rels = small_graph()
    store.load(nodes, rels)
    stats = store.stats()
    assert stats["nodes"] == {
        "Paper": 2,
        "Method": 1,
        "Hardware": 1,
        "Metric": 1,
        "Dataset": 1,
        "Task": 1,
    }
    assert stats["relationships"] == {
        "PROPOSES": 1,
        "TARGETS": 2,
        "IMPROVES": 1,
        "EVALUATED_ON": 1,
        "ADDRESSES": 1,
    }


def test_loading_twice_changes_nothing(store: GraphStore) -> None:
    nodes, rels = small_graph()
    store.load(nodes, rels)
    before = dump(store)
    report = store.load(nodes, rels, batch_size=2)
    assert report.total("nodes_created") == 0 and report.total("relationships_created") == 0
    assert report.total("nodes_updated") == 0 and report.total("relationships_updated") == 0
    assert report.total("relationships_present") == len(rels)
    assert dump(store) == before


@pytest.mark.neo4j
@pytest.mark.parametrize("stale", ["precheck", "empty-at-start"])
def test_neo4j_create_falls_back_to_merge_when_a_concurrent_writer_got_there_first(
    neo4j_server, monkeypatch: pytest.MonkeyPatch, stale: str
) -> None:
    """New rows are CREATEd after the pre-check, or without one when the label or type was
    empty as the load began; if another writer created the same ids in between, the uniqueness
    constraint fails that transaction and the batch is MERGEd instead."""
    import kg.stores.neo4j as neo4j_store

    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    try:
        store.clear()
        empty = store.stats()
        nodes, rels = small_graph()
        store.load(nodes, rels)  # the other writer
        before = dump(store)
        if stale == "precheck":  # what a pre-check saw before the other writer

            def seen_nothing(tx, pattern, hint, rows):
                return list(rows), []

            monkeypatch.setattr(neo4j_store, "_precheck", seen_nothing)
        else:  # the counts this load read before the other writer

            def empty_stats() -> dict[str, dict[str, int]]:
                return empty

            monkeypatch.setattr(store, "stats", empty_stats)
        report = store.load(nodes, rels)  # CREATE fails on the constraint, MERGE succeeds
        assert report.total("nodes_created") == 0
        assert report.total("relationships_created") == 0
        assert dump(store) == before
        monkeypatch.undo()
        assert sum(store.stats()["relationships"].values()) == len(rels)
    finally:
        store.close()


def test_same_claim_from_two_papers_is_two_pieces_of_evidence(store: GraphStore) -> None:
    nodes, rels = small_graph()
    store.load(nodes, rels)
    targets = [r for r in store.relationships() if r.type == "TARGETS"]
    assert sorted(r.props["paper_id"] for r in targets) == ["arxiv:2501.00001", "paper:abc"]
    assert len({(r.start, r.end) for r in targets}) == 1


def test_changed_properties_are_rewritten(store: GraphStore) -> None:
    nodes, rels = small_graph()
    store.load(nodes, rels)
    method = next(n for n in nodes if n.label == "Method")
    renamed = Node("Method", method.id, {"id": method.id, "name": "FastViT v2"})  # aliases gone
    target = next(r for r in rels if r.type == "TARGETS")
    surer = Relationship(target.type, target.start, target.end, target.id, target.props | {})
    surer.props["confidence"] = 0.99
    report = store.load([renamed], [surer])
    assert report.nodes_updated == {"Method": 1}
    assert report.relationships_updated == {"TARGETS": 1}
    got = next(n for n in store.nodes() if n.id == method.id)
    assert got.props == {"id": method.id, "name": "FastViT v2"}
    got_rel = next(r for r in store.relationships() if r.id == target.id)
    assert got_rel.props["confidence"] == 0.99
    assert sum(store.stats()["relationships"].values()) == len(rels)


def test_relationship_without_its_end_node_is_skipped(store: GraphStore) -> None:
    nodes, rels = small_graph()
    store.load(nodes, rels)
    dangling = rel("TARGETS", nodes[2].id, "hardware:nowhere", "paper:abc")
    report = store.load([], [dangling])
    assert report.relationships_skipped == {"TARGETS": 1}
    assert store.stats()["relationships"]["TARGETS"] == 2


def test_hostile_strings_are_stored_verbatim_and_delete_nothing(store: GraphStore) -> None:
    nodes, rels = small_graph()
    store.load(nodes, rels)
    before = store.stats()
    hostile_nodes: list[Node] = []
    hostile_rels: list[Relationship] = []
    method_id = entity_id("Method", "FastViT")
    for i, text in enumerate(HOSTILE):
        paper = Paper(
            id=f"paper:hostile-{i}", title=text, abstract=text, authors=(text, "b")
        ).node()
        m = Node("Method", f"method:hostile-{i}", {"name": text, "aliases": [text]})
        hostile_nodes += [paper, m]
        hostile_rels.append(rel("PROPOSES", paper.id, m.id, paper.id, evidence=text, rule=text))
    hostile_rels.append(rel("TARGETS", method_id, entity_id("Hardware", "NVIDIA V100 GPU"), "x"))
    store.load(hostile_nodes, hostile_rels)

    after = store.stats()
    assert after["nodes"]["Paper"] == before["nodes"]["Paper"] + len(HOSTILE)
    assert after["nodes"]["Method"] == before["nodes"]["Method"] + len(HOSTILE)
    assert after["relationships"]["PROPOSES"] == before["relationships"]["PROPOSES"] + len(HOSTILE)
    by_id = {n.id: n for n in store.nodes()}
    for i, text in enumerate(HOSTILE):
        assert by_id[f"paper:hostile-{i}"].props["title"] == text
        assert by_id[f"paper:hostile-{i}"].props["authors"] == [text, "b"]
        assert by_id[f"method:hostile-{i}"].props["aliases"] == [text]
    evidence = {r.props["evidence"] for r in store.relationships() if r.type == "PROPOSES"}
    assert set(HOSTILE) <= evidence
    # Hostile values as query parameters too.
    rows = store.query(
        "MATCH (p:Paper) WHERE p.title = $t RETURN p.id AS id, p.title AS title", {"t": HOSTILE[0]}
    )
    assert rows == [{"id": "paper:hostile-0", "title": HOSTILE[0]}]


def test_query_is_read_only_and_returns_plain_values(store: GraphStore) -> None:
    nodes, rels = small_graph()
    store.load(nodes, rels)
    rows = store.query(
        "MATCH (m:Method)-[r:IMPROVES]->(x:Metric) "
        "RETURN m AS method, r AS claim, r.number AS number, count(*) AS n"
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["method"] == {
        "id": entity_id("Method", "FastViT"),
        "name": "FastViT",
        "aliases": ["Fast-ViT", "FViT"],
        "kind": "model",
    }
    assert row["claim"]["value"] == "2.1x" and "_fp" not in row["claim"]
    assert row["number"] == 2.1 and row["n"] == 1
    counted = store.query("MATCH ()-[r:TARGETS]->() RETURN type(r) AS t, count(r) AS n")
    assert counted == [{"t": "TARGETS", "n": 2}]
    with pytest.raises(StoreError):
        store.query("MATCH (n) DETACH DELETE n")
    with pytest.raises(StoreError):
        store.query("CREATE (:Paper {id: 'paper:new'})")
    assert store.stats()["nodes"]["Paper"] == 2


def test_clear_empties_the_graph(store: GraphStore) -> None:
    nodes, rels = small_graph()
    store.load(nodes, rels)
    store.clear()
    assert sum(store.stats()["nodes"].values()) == 0
    assert list(store.nodes()) == [] and list(store.relationships()) == []
    store.load(nodes, rels)  # the schema survives
    assert store.stats()["nodes"]["Paper"] == 2


@pytest.mark.neo4j
def test_both_stores_hold_the_same_graph(tmp_path: Path, neo4j_server) -> None:
    nodes, rels = small_graph()
    with EmbeddedStore(tmp_path / "db") as embedded:
        embedded.load(nodes, rels)
        expected = dump(embedded)
    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as neo:
        neo.clear()
        neo.load(nodes, rels)
        assert dump(neo) == expected


# --- Neo4j specifics ---------------------------------------------------------------------


def test_constraints_file_matches_the_code() -> None:
    text = (ROOT / "schema" / "constraints.cypher").read_text(encoding="utf-8")
    statements = [
        " ".join(s.split()) for s in re.sub(r"//[^\n]*", "", text).split(";") if s.strip()
    ]
    assert statements == [" ".join(s.split()) for s in schema_statements()]


@pytest.mark.neo4j
def test_schema_has_constraints_and_fulltext_index(neo4j_server) -> None:
    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as neo:
        neo.apply_schema()
        neo.apply_schema()  # IF NOT EXISTS: a second time is fine
        constraints = {r["name"] for r in neo.query("SHOW CONSTRAINTS YIELD name RETURN name")}
        assert {f"{label.lower()}_id" for label in NODE_LABELS} <= constraints
        assert {f"{t.lower()}_id" for t in REL_TYPES} <= constraints
        indexes = {
            r["name"]: r["type"] for r in neo.query("SHOW INDEXES YIELD name, type RETURN *")
        }
        assert indexes.get("paper_text") == "FULLTEXT"
        neo.clear()
        neo.load(*small_graph())
        hits = neo.query(
            "CALL db.index.fulltext.queryNodes('paper_text', $q) YIELD node RETURN node.id AS id",
            {"q": "V100"},
        )
        assert {h["id"] for h in hits} == {"arxiv:2501.00001", "paper:abc"}


@pytest.mark.neo4j
def test_wrong_password_is_a_store_error(neo4j_server) -> None:
    with pytest.raises(StoreError, match="refused the login"):
        Neo4jStore(neo4j_server.uri, neo4j_server.user, "wrong-password")


def test_unreachable_neo4j_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot reach Neo4j"):
        Neo4jStore("bolt://127.0.0.1:1", "neo4j", "x")


# --- choosing a store ----------------------------------------------------------------------


def test_open_store_prefers_neo4j_uri_then_db_then_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    store = open_store(db_path=tmp_path / "a")
    assert isinstance(store, EmbeddedStore) and store.path == tmp_path / "a"
    store.close()
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    with pytest.raises(StoreError):
        open_store()  # NEO4J_URI set: Neo4j (unreachable here)
    store = open_store(db_path=tmp_path / "b")  # an explicit folder wins over the environment
    assert isinstance(store, EmbeddedStore)
    store.close()
    assert not (tmp_path / "kg-data").exists()


def test_store_options_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"NEO4J_URI": "neo4j+s://example.databases.neo4j.io", "NEO4J_PASSWORD": "pw"}
    opts = StoreOptions.resolve(environ=env)
    assert opts.neo4j_uri == env["NEO4J_URI"] and opts.password == "pw"
    assert opts.user == "neo4j"
    assert StoreOptions.resolve(db_path="x", environ=env) == StoreOptions(db_path="x")
    assert StoreOptions.resolve(environ={}) == StoreOptions(db_path="kg-data")
    with pytest.raises(Exception, match="exclude each other"):
        StoreOptions.resolve("bolt://h:7687", "x", environ={})


def test_read_only_embedded_store_needs_an_existing_graph(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph"):
        EmbeddedStore(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()
