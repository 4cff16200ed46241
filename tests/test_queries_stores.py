"""Every canned query on both stores: a small hand-made graph with known answers, then parity.

The hand-made graph (`GRAPH`) makes answers checkable for meaning independent of how good the
extractor is; the seed pages (`/work/shared/seeds`, loaded with `kg load` once per store) check
that both stores give the same rows for every query on real extractor output.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from kg.errors import KgError, StoreError
from kg.model import Node, Paper, Relationship, entity_id, relationship_id
from kg.queries import QueryError, WriteRefused, load_queries, run_cypher, run_query

QUERIES = load_queries()


# --------------------------------------------------------------------------------------------
# A small graph with known answers


def _paper(pid: str, title: str, abstract: str, published: str | None, upvotes: int | None):
    return Paper(
        id=pid, title=title, abstract=abstract, published=published, upvotes=upvotes
    ).node()


def _entity(label: str, name: str, **props: Any) -> Node:
    nid = entity_id(label, name)
    return Node(label, nid, {"id": nid, "name": name, **props})


def _rel(rel_type: str, start: str, end: str, paper: str, evidence: str, **props: Any):
    rid = relationship_id(rel_type, start, end, paper, props.get("value"))
    return Relationship(
        rel_type,
        start,
        end,
        rid,
        {"id": rid, "paper_id": paper, "evidence": evidence, "rule": "test", "confidence": 0.9}
        | props,
    )


def build_graph() -> tuple[list[Node], list[Relationship]]:
    p1, p2, p3, p4 = "arxiv:2501.00001", "arxiv:2501.00002", "arxiv:2501.00003", "paper:p4"
    nodes = [
        _paper(
            p1,
            "FastViT: Quantization for GPUs",
            "We quantize ViTs on the V100 GPU.",
            "2025-01-06",
            50,
        ),
        _paper(
            p2,
            "TinyNet on the edge",
            "TinyNet runs on a Raspberry Pi with low latency.",
            "2025-01-08",
            80,
        ),
        _paper(
            p3, "EdgeLLM", "Quantization of LLMs for phones, faster than LLaMA.", "2025-01-15", 10
        ),
        _paper(p4, "Undated", "A paper about pruning.", "--01-15", 999),
        _entity("Method", "FastViT", kind="model", aliases=["FViT"]),
        _entity("Method", "TinyNet", kind="model", aliases=["Tiny-Net"]),
        _entity("Method", "EdgeLLM", kind="method", aliases=["Edge LLM"]),
        _entity("Hardware", "NVIDIA V100 GPU", vendor="NVIDIA", **{"class": "GPU"}),
        _entity("Hardware", "NVIDIA A100 GPU", vendor="NVIDIA", **{"class": "GPU"}),
        _entity("Hardware", "Raspberry Pi", **{"class": "edge"}),
        _entity("Hardware", "Snapdragon 8 Gen 2", vendor="Qualcomm", **{"class": "mobile"}),
        _entity("Metric", "latency", family="speed"),
        _entity("Metric", "memory", family="memory"),
        _entity("Metric", "top-1 accuracy", family="accuracy"),
        _entity("Dataset", "ImageNet-1K"),
        _entity("Task", "image classification"),
    ]
    m = {n: entity_id("Method", n) for n in ("FastViT", "TinyNet", "EdgeLLM")}
    v100, a100 = entity_id("Hardware", "NVIDIA V100 GPU"), entity_id("Hardware", "NVIDIA A100 GPU")
    rpi, phone = entity_id("Hardware", "Raspberry Pi"), entity_id("Hardware", "Snapdragon 8 Gen 2")
    lat, mem, acc = (entity_id("Metric", n) for n in ("latency", "memory", "top-1 accuracy"))
    imnet, cls = entity_id("Dataset", "ImageNet-1K"), entity_id("Task", "image classification")
    rels = [
        _rel("PROPOSES", p1, m["FastViT"], p1, "We propose FastViT.", main=True),
        _rel("PROPOSES", p2, m["TinyNet"], p2, "We propose TinyNet.", main=True),
        _rel("PROPOSES", p3, m["EdgeLLM"], p3, "We propose EdgeLLM.", main=True),
        _rel("TARGETS", m["FastViT"], v100, p1, "FastViT runs on the V100 GPU."),
        _rel("TARGETS", m["FastViT"], a100, p1, "and on the A100 GPU."),
        _rel("TARGETS", m["TinyNet"], rpi, p2, "TinyNet runs on a Raspberry Pi."),
        _rel("TARGETS", m["TinyNet"], v100, p2, "trained on a V100 GPU."),
        _rel("TARGETS", m["EdgeLLM"], phone, p3, "EdgeLLM runs on phones."),
        _rel(
            "IMPROVES",
            m["FastViT"],
            lat,
            p1,
            "FastViT is 3.5x faster than DeiT.",
            value="3.5x",
            number=3.5,
            unit="x",
            direction="lower",
            baseline="DeiT",
        ),
        _rel(
            "IMPROVES",
            m["TinyNet"],
            lat,
            p2,
            "TinyNet cuts latency by 40%.",
            value="40%",
            number=40.0,
            unit="%",
            direction="lower",
            baseline="MobileNetV2",
        ),
        _rel(
            "IMPROVES",
            m["TinyNet"],
            mem,
            p2,
            "and uses 2x less memory.",
            value="2x",
            number=2.0,
            unit="x",
            direction="lower",
        ),
        _rel(
            "IMPROVES",
            m["EdgeLLM"],
            lat,
            p3,
            "EdgeLLM is 5.25 times faster than LLaMA.",
            value="5.25 times",
            number=5.25,
            unit="x",
            direction="lower",
            baseline="LLaMA-7B",
        ),
        _rel(
            "IMPROVES",
            m["EdgeLLM"],
            acc,
            p3,
            "keeping 99% accuracy.",
            value="99%",
            number=99.0,
            unit="%",
            direction="higher",
        ),
        _rel("EVALUATED_ON", m["FastViT"], imnet, p1, "on ImageNet-1K."),
        _rel("EVALUATED_ON", m["TinyNet"], imnet, p2, "on ImageNet-1K too."),
        _rel("ADDRESSES", m["FastViT"], cls, p1, "for image classification."),
    ]
    return nodes, rels


# --------------------------------------------------------------------------------------------
# Stores: the embedded one in tmp_path, Neo4j from the session fixture (or NEO4J_URI)


def neo4j_endpoint(request: pytest.FixtureRequest) -> tuple[str, str, str]:
    """(uri, user, password) of the session's test server (which fails under CI when missing)."""
    server = request.getfixturevalue("neo4j_server")
    return server.uri, server.user, server.password


def fresh_neo4j(request: pytest.FixtureRequest):
    from kg.stores import open_store

    uri, user, password = neo4j_endpoint(request)
    store = open_store(uri, user=user, password=password)
    store.clear()
    store.apply_schema()
    return store


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory):
    from kg.stores import open_store

    path = tmp_path_factory.mktemp("queries") / "embedded"
    store = open_store(db_path=path)
    store.load(*build_graph())
    store.path_for_tests = path
    yield store
    store.close()


@pytest.fixture(scope="module")
def neo4j(request: pytest.FixtureRequest):
    store = fresh_neo4j(request)
    store.load(*build_graph())
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest):
    return request.getfixturevalue(request.param)


def approx_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with floats rounded and list cells sorted, for comparing two stores."""

    def norm(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 6) + 0.0 if math.isfinite(v) else v
        if isinstance(v, list):
            return sorted((norm(x) for x in v), key=repr)
        return v

    return [{k: norm(v) for k, v in row.items()} for row in rows]


# Parameters that make each query answer something on the small graph.
SMALL_PARAMS: dict[str, list[dict[str, Any]]] = {
    "method-claims": [{"method": "fvit"}, {"method": "method:edgellm"}],
    "paper-claims": [{"paper": "tinynet"}, {"paper": "arxiv:2501.00001"}],
    "related-methods": [{}, {"method": "TinyNet"}],
    "search-papers": [{}, {"terms": "quantization,llm"}, {"terms": ["edge"]}],
    "methods-for-hardware": [{}, {"hardware": "edge"}, {"hardware": "v100"}],
    "largest-speedups": [{}, {"family": "", "limit": 1}],
    "top-papers-per-week": [{}, {"per_week": 1, "since": "2025-01-07"}],
    "methods-vs-baseline": [{}, {"baseline": "mobilenet"}],
    "papers-on-dataset": [{}],
}


def param_sets(name: str) -> list[dict[str, Any]]:
    return SMALL_PARAMS.get(name, [{}])


# --------------------------------------------------------------------------------------------
# Every query, both stores, same rows


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_runs(store, name: str) -> None:
    for values in param_sets(name):
        rows = run_query(store, name, values)
        assert isinstance(rows, list)
        if name not in {"methods-vs-baseline"} or values:
            assert rows, f"{name} {values}: no rows on the small graph"


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_parity_on_the_small_graph(embedded, neo4j, name: str) -> None:
    for values in param_sets(name):
        a = approx_rows(run_query(embedded, name, values))
        b = approx_rows(run_query(neo4j, name, values))
        assert a == b, f"{name} {values}"


# --------------------------------------------------------------------------------------------
# Answers checked for meaning (on each store)


def test_methods_for_gpu_target_gpu_class_hardware(store) -> None:
    rows = run_query(store, "methods-for-hardware", {"hardware": "GPU"})
    assert {(r["method"], r["hardware"]) for r in rows} == {
        ("FastViT", "NVIDIA V100 GPU"),
        ("FastViT", "NVIDIA A100 GPU"),
        ("TinyNet", "NVIDIA V100 GPU"),
    }
    for row in rows:
        check = store.query(
            "MATCH (m:Method {id: $m})-[:TARGETS]->(h:Hardware {id: $h}) RETURN h.class AS c",
            {"m": row["method_id"], "h": row["hardware_id"]},
        )
        assert check == [{"c": "GPU"}]
        assert row["evidence"] and row["paper_id"].startswith("arxiv:")
    edge = run_query(store, "methods-for-hardware", {"hardware": "edge"})
    assert [r["method"] for r in edge] == ["TinyNet"]


def test_largest_speedups_are_x_factors_of_speed_metrics_largest_first(store) -> None:
    rows = run_query(store, "largest-speedups")
    assert [(r["method"], r["speedup"]) for r in rows] == [("EdgeLLM", 5.25), ("FastViT", 3.5)]
    assert rows[0]["baseline"] == "LLaMA-7B" and rows[0]["paper"] == "EdgeLLM"
    everything = run_query(store, "largest-speedups", {"family": ""})
    assert ("TinyNet", 2.0) in {(r["method"], r["speedup"]) for r in everything}  # memory 2x
    assert run_query(store, "largest-speedups", {"limit": 1})[0]["method"] == "EdgeLLM"


def test_edge_efficiency(store) -> None:
    rows = run_query(store, "edge-efficiency")
    assert {(r["method"], r["hardware"], r["metric"]) for r in rows} == {
        ("TinyNet", "Raspberry Pi", "latency"),
        ("TinyNet", "Raspberry Pi", "memory"),
        ("EdgeLLM", "Snapdragon 8 Gen 2", "latency"),
    }
    only_memory = run_query(store, "edge-efficiency", {"families": "memory"})
    assert [(r["method"], r["metric"]) for r in only_memory] == [("TinyNet", "memory")]


def test_method_claims_by_alias_with_evidence(store) -> None:
    rows = run_query(store, "method-claims", {"method": "FVIT"})
    assert {(r["claim"], r["target"]) for r in rows} == {
        ("TARGETS", "NVIDIA V100 GPU"),
        ("TARGETS", "NVIDIA A100 GPU"),
        ("IMPROVES", "latency"),
        ("EVALUATED_ON", "ImageNet-1K"),
        ("ADDRESSES", "image classification"),
    }
    assert all(r["evidence"] and r["method_id"] == "method:fastvit" for r in rows)


def test_related_methods_share_hardware_and_metrics(store) -> None:
    rows = run_query(store, "related-methods", {"method": "TinyNet"})
    assert [(r["related"], r["shared_hardware"], r["shared_metrics"]) for r in rows] == [
        ("FastViT", 1, 1),
        ("EdgeLLM", 0, 1),
    ]


def test_rankings(store) -> None:
    top = run_query(store, "most-targeted-hardware")
    assert (top[0]["hardware"], top[0]["methods"], top[0]["papers"]) == ("NVIDIA V100 GPU", 2, 2)
    pairs = run_query(store, "co-occurring-hardware")
    assert {(r["hardware_id"], r["other_hardware_id"]) for r in pairs} == {
        ("hardware:nvidia-a100-gpu", "hardware:nvidia-v100-gpu"),
        ("hardware:nvidia-v100-gpu", "hardware:raspberry-pi"),
    }
    per_family = run_query(store, "hardware-by-metric-family", {"family": "speed"})
    assert per_family[0]["hardware"] == "NVIDIA V100 GPU" and per_family[0]["methods"] == 2
    assert {r["family"] for r in per_family} == {"speed"}


def test_papers_on_dataset_and_baselines(store) -> None:
    rows = run_query(store, "papers-on-dataset", {"dataset": "imagenet"})
    assert [r["paper_id"] for r in rows] == ["arxiv:2501.00001", "arxiv:2501.00002"]
    rows = run_query(store, "methods-vs-baseline", {"baseline": "llama"})
    assert [(r["method"], r["baseline"]) for r in rows] == [("EdgeLLM", "LLaMA-7B")]


def test_search_and_weekly_top(store) -> None:
    rows = run_query(store, "search-papers", {"terms": "quantization"})
    assert [r["paper_id"] for r in rows] == ["arxiv:2501.00001", "arxiv:2501.00003"]  # title hit
    assert run_query(store, "search-papers", {"terms": "quantization,phones"})[0]["paper"] == (
        "EdgeLLM"
    )
    weeks = run_query(store, "top-papers-per-week")
    assert [(r["week"], r["rank"], r["upvotes"]) for r in weeks] == [
        ("2025-01-13", 1, 10),
        ("2025-01-06", 1, 80),
        ("2025-01-06", 2, 50),
    ]  # the undated paper with 999 upvotes is left out
    assert len(run_query(store, "top-papers-per-week", {"per_week": 1})) == 2


def test_overview_matches_stats(store) -> None:
    [row] = run_query(store, "overview")
    stats = store.stats()
    assert row["papers"] == stats["nodes"]["Paper"] == 4
    assert row["hardware"] == stats["nodes"]["Hardware"]
    assert row["improves"] == stats["relationships"]["IMPROVES"] == 5
    assert row["papers_with_methods"] == 3


# --------------------------------------------------------------------------------------------
# Writes: refused unless asked for, on both stores


WRITE = "CREATE (t:Task {id: 'task:scratch', name: 'scratch'}) RETURN t.id AS id"


def test_writes_are_refused_by_the_guard_and_by_the_store(store) -> None:
    with pytest.raises(WriteRefused):
        run_cypher(store, WRITE)
    # Past the guard, the read-only transaction refuses it too.
    with pytest.raises(StoreError):
        store.query(WRITE)
    with pytest.raises(StoreError):
        store.query("MATCH (t:Task) SET t.name = 'changed' RETURN t.id AS id")
    assert run_cypher(store, "MATCH (t:Task) RETURN t.name AS name") == [
        {"name": "image classification"}
    ]


def test_write_flag_allows_writes(store) -> None:
    assert run_cypher(store, WRITE, write=True) == [{"id": "task:scratch"}]
    try:
        assert run_cypher(store, "MATCH (t:Task {id: 'task:scratch'}) RETURN t.name AS n") == [
            {"n": "scratch"}
        ]
    finally:
        run_cypher(store, "MATCH (t:Task {id: 'task:scratch'}) DELETE t", write=True)
    assert run_cypher(store, "MATCH (t:Task) RETURN count(t) AS n") == [{"n": 1}]


def test_syntax_errors_are_one_line_user_errors(store) -> None:
    with pytest.raises(KgError) as info:
        run_cypher(store, "MATCH (n RETURN n")
    assert "\n" not in str(info.value)


def test_missing_parameter_is_refused_before_running(store) -> None:
    with pytest.raises(QueryError, match="has no parameter"):
        run_query(store, "methods-for-hardware", {"gpu": "x"})


# --------------------------------------------------------------------------------------------
# The CLI on both stores


def _store_args(request: pytest.FixtureRequest, which: str, path: Path | None = None) -> list:
    if which == "embedded":
        return ["--db", str(path)]
    uri, user, password = neo4j_endpoint(request)
    return ["--neo4j", uri, "--user", user, "--password", password]


@pytest.mark.parametrize("which", ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_cli_query_and_cypher(request: pytest.FixtureRequest, which: str) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    graph = request.getfixturevalue(which)
    args = _store_args(request, which, getattr(graph, "path_for_tests", None))
    runner = CliRunner()
    result = runner.invoke(
        main, ["query", "methods-for-hardware", "-p", "hardware=gpu", "--format", "json", *args]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["method"] for r in rows} == {"FastViT", "TinyNet"}
    result = runner.invoke(main, ["query", "largest-speedups", "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("method_id,method,metric_id")
    result = runner.invoke(main, ["query", "overview", *args])
    assert result.exit_code == 0 and "(1 row)" in result.output
    result = runner.invoke(
        main, ["cypher", "MATCH (h:Hardware {`class`: $c}) RETURN h.id AS id", "-p", "c=GPU", *args]
    )
    assert result.exit_code == 0, result.output
    assert "hardware:nvidia-v100-gpu" in result.output
    refused = runner.invoke(main, ["cypher", WRITE, *args])
    assert refused.exit_code == 2 and "--write" in refused.output
    bad = runner.invoke(main, ["cypher", "MATCH (n RETURN n", *args])
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1, bad.output
    assert "Traceback" not in bad.output


@pytest.mark.neo4j
def test_cli_write_flag_on_neo4j(request: pytest.FixtureRequest, neo4j) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    args = _store_args(request, "neo4j")
    result = CliRunner().invoke(main, ["cypher", WRITE, "--write", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"id": "task:scratch"}]
    neo4j.query("MATCH (t:Task {id: 'task:scratch'}) DELETE t", write=True)


def test_cli_write_flag_on_the_embedded_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main
    from kg.stores import open_store

    path = tmp_path / "db"
    open_store(db_path=path).close()
    runner = CliRunner()
    result = runner.invoke(main, ["cypher", WRITE, "--write", "--db", str(path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["cypher", "MATCH (t:Task) RETURN t.id AS id", "--db", str(path), "--format", "json"]
    )
    assert json.loads(result.output) == [{"id": "task:scratch"}]
