"""Graphs for the view tests (no tests here): hand-built with hostile text, and synthetic."""

from __future__ import annotations

import random

from kg.model import Node, Relationship, entity_id, relationship_id

# An <img> whose onerror sets a flag, and a title that tries to close the data <script>.
HOSTILE = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SCRIPT = "</script><script>window.__pwned=2</script><!-- \u2028 \u2029"


def _entity(label: str, name: str, **props: object) -> Node:
    node_id = entity_id(label, name)
    return Node(label, node_id, {"id": node_id, "name": name, **props})


def _paper(arxiv: str, title: str) -> Node:
    pid = f"arxiv:{arxiv}"
    return Node(
        "Paper",
        pid,
        {
            "id": pid,
            "title": title,
            "title_plain": title,
            "abstract": "An abstract.",
            "arxiv_id": arxiv,
            "url": f"https://arxiv.org/abs/{arxiv}",
            "published": "2025-03-04",
            "authors": ["Ada Lovelace", "Alan Turing"],
            "author_count": 2,
            "upvotes": 7,
        },
    )


def _rel(
    rel_type: str, start: Node, end: Node, paper: Node, evidence: str, **extra
) -> Relationship:
    rid = relationship_id(rel_type, start.id, end.id, paper.id, *sorted(extra.items()))
    props = {
        "id": rid,
        "paper_id": paper.id,
        "evidence": evidence,
        "evidence_start": 0,
        "evidence_end": len(evidence),
        "rule": "test",
        "confidence": 0.9,
        **extra,
    }
    return Relationship(rel_type, start.id, end.id, rid, props)


def sample_graph() -> tuple[list[Node], list[Relationship]]:
    """6 papers, 6 methods, hardware / metrics / datasets / tasks; one claim made twice."""
    p1 = _paper("2503.00001", "EfficientViT: Fast Vision Transformers on the Edge")
    p2 = _paper("2503.00002", "TinyLM: Small Language Models for Phones")
    p3 = _paper("2503.00003", HOSTILE)
    p4 = _paper("2503.00004", HOSTILE_SCRIPT)
    p5 = _paper("2503.00005", "Revisiting EfficientViT on Jetson")
    p6 = _paper("2503.00006", "A paper with no claims")
    vit = _entity("Method", "EfficientViT", aliases=["E-ViT"], kind="model")
    tiny = _entity("Method", "TinyLM", aliases=[], kind="model")
    evil = _entity("Method", HOSTILE, aliases=[], kind="method")
    evil2 = _entity("Method", "ScriptNet", aliases=[HOSTILE_SCRIPT], kind="method")
    quant = _entity("Method", "QuantBoost", aliases=[], kind="method")
    lone = _entity("Method", "LoneMethod", aliases=[], kind="method")
    jetson = _entity("Hardware", "NVIDIA Jetson Orin", vendor="NVIDIA", **{"class": "edge"})
    v100 = _entity("Hardware", "NVIDIA V100 GPU", vendor="NVIDIA", **{"class": "GPU"})
    phone = _entity("Hardware", "Snapdragon 8 Gen 3", vendor="Qualcomm", **{"class": "mobile"})
    fps = _entity("Metric", "FPS", family="speed")
    acc = _entity("Metric", "top-1 accuracy", family="accuracy")
    lat = _entity("Metric", "latency", family="speed")
    imagenet = _entity("Dataset", "ImageNet")
    wiki = _entity("Dataset", "WikiText-103")
    cls = _entity("Task", "image classification")
    lm = _entity("Task", "language modelling")
    nodes = [p1, p2, p3, p4, p5, p6, vit, tiny, evil, evil2, quant, lone]
    nodes += [jetson, v100, phone, fps, acc, lat, imagenet, wiki, cls, lm]
    s1 = "EfficientViT runs at 120 FPS on a Jetson Orin, 2.1x faster than MobileViT."
    s2 = f"We show {HOSTILE} beats everything {HOSTILE_SCRIPT} on V100."
    rels = [
        _rel("PROPOSES", p1, vit, p1, "We propose EfficientViT.", main=True),
        _rel("TARGETS", vit, jetson, p1, s1),
        _rel(
            "IMPROVES",
            vit,
            fps,
            p1,
            s1,
            value="2.1x",
            number=2.1,
            unit="x",
            direction="higher",
            baseline="MobileViT",
        ),
        _rel("EVALUATED_ON", vit, imagenet, p1, "On ImageNet, EfficientViT ..."),
        _rel("ADDRESSES", vit, cls, p1, "for image classification"),
        # The same claim from a second paper: two relationships, one edge drawn.
        _rel("PROPOSES", p5, quant, p5, "We propose QuantBoost.", main=True),
        _rel("TARGETS", vit, jetson, p5, "EfficientViT also runs on Jetson Orin."),
        _rel("TARGETS", quant, jetson, p5, "QuantBoost targets Jetson Orin."),
        _rel(
            "IMPROVES",
            quant,
            lat,
            p5,
            "QuantBoost cuts latency by 30%.",
            value="30%",
            number=30.0,
            unit="%",
            direction="lower",
        ),
        _rel("PROPOSES", p2, tiny, p2, "We propose TinyLM.", main=True),
        _rel("TARGETS", tiny, phone, p2, "TinyLM runs on a Snapdragon 8 Gen 3 phone."),
        _rel(
            "IMPROVES",
            tiny,
            lat,
            p2,
            "TinyLM has 12 ms latency.",
            value="12 ms",
            number=12.0,
            unit="ms",
            direction="lower",
        ),
        _rel("EVALUATED_ON", tiny, wiki, p2, "On WikiText-103 ..."),
        _rel("ADDRESSES", tiny, lm, p2, "language modelling"),
        _rel("PROPOSES", p3, evil, p3, s2, main=True),
        _rel("TARGETS", evil, v100, p3, s2),
        _rel("IMPROVES", evil, acc, p3, s2, value=HOSTILE, number=1.0, unit="%"),
        _rel("PROPOSES", p4, evil2, p4, s2, main=True),
        _rel("TARGETS", evil2, v100, p4, s2),
        _rel("PROPOSES", p6, lone, p6, "We propose LoneMethod.", main=False),
    ]
    return nodes, rels


def synthetic_graph(n_nodes: int, seed: int = 3) -> tuple[list[Node], list[Relationship]]:
    """About `n_nodes` nodes: papers proposing methods that point at a few shared hubs."""
    rnd = random.Random(seed)
    hubs = {
        "Hardware": [_entity("Hardware", f"Chip {i}") for i in range(max(2, n_nodes // 30))],
        "Metric": [_entity("Metric", f"Metric {i}") for i in range(max(2, n_nodes // 25))],
        "Dataset": [_entity("Dataset", f"Data {i}") for i in range(max(2, n_nodes // 15))],
    }
    nodes = [n for group in hubs.values() for n in group]
    rels = []
    i = 0
    while len(nodes) < n_nodes - 1:
        paper = _paper(f"2504.{i:05d}", f"Synthetic paper {i}")
        method = _entity("Method", f"Synth method {i}", aliases=[], kind="method")
        nodes += [paper, method]
        rels.append(_rel("PROPOSES", paper, method, paper, "We propose it.", main=True))
        for rel_type, label in (
            ("TARGETS", "Hardware"),
            ("IMPROVES", "Metric"),
            ("EVALUATED_ON", "Dataset"),
        ):
            for end in rnd.sample(hubs[label], rnd.randint(1, 2)):
                rels.append(_rel(rel_type, method, end, paper, f"Claim {i} about {end.id}."))
        i += 1
    return nodes, rels
