"""The embedded store's bulk path: COPY inside each batch's transaction, killed at the worst times.

A loader process is SIGKILLed right after a chosen statement of its load (a COPY of nodes or
relationships that has run but not committed, a COMMIT, the final CHECKPOINT); the store it
leaves must hold whole batches only, and loading the same data again must give exactly the graph
of a clean load, with nothing rewritten.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Node, Relationship
from kg.stores.embedded import EmbeddedStore

HERE = Path(__file__).resolve().parent
BATCH = 7

# Runs `EmbeddedStore.load` on `graph()`, killing its own process with SIGKILL right after the
# `nth` statement that starts with `prefix` returned.
LOADER = """
import os, signal, sys
sys.path.insert(0, {here!r})
from test_embedded_store import BATCH, graph
from kg.stores.embedded import EmbeddedStore

prefix, nth = {prefix!r}, {nth}
seen = 0
run = EmbeddedStore._run

def run_then_die(self, cypher, params=None):
    global seen
    rows = run(self, cypher, params)
    if cypher.startswith(prefix):
        seen += 1
        if seen == nth:
            os.kill(os.getpid(), signal.SIGKILL)
    return rows

EmbeddedStore._run = run_then_die
store = EmbeddedStore({folder!r})
store.load(*graph(), batch_size=BATCH)
"""


def graph() -> tuple[list[Node], list[Relationship]]:
    """Papers, methods and shared hardware; every property type; several batches per table."""
    nodes: list[Node] = []
    rels: list[Relationship] = []
    gpus = [f"hardware:gpu-{k}" for k in range(3)]
    nodes += [Node("Hardware", h, {"id": h, "name": h.upper(), "class": "GPU"}) for h in gpus]
    for p in range(20):
        pid, mid = f"arxiv:2501.{p:05d}", f"method:m{p}"
        paper = {"id": pid, "title": f"Paper {p}", "authors": ["A", f"B{p}"], "upvotes": p}
        nodes.append(Node("Paper", pid, paper))
        nodes.append(Node("Method", mid, {"id": mid, "name": f"M{p}", "aliases": [f"m-{p}"]}))
        claim = {"paper_id": pid, "evidence": f"It's {p}x faster.\n", "confidence": 0.5}
        rid = f"proposes:{p}"
        rels.append(Relationship("PROPOSES", pid, mid, rid, {"id": rid, "main": True, **claim}))
        for k in range(2):
            rid = f"targets:{p}-{k}"
            gpu = gpus[(p + k) % 3]
            rels.append(Relationship("TARGETS", mid, gpu, rid, {"id": rid, **claim}))
    return nodes, rels


def dump(store: EmbeddedStore) -> tuple[list, list]:
    nodes = sorted((n.label, n.id, json.dumps(n.props, sort_keys=True)) for n in store.nodes())
    rels = sorted(
        (r.type, r.start, r.end, r.id, json.dumps(r.props, sort_keys=True))
        for r in store.relationships()
    )
    return nodes, rels


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list]:
    with EmbeddedStore(tmp_path_factory.mktemp("clean") / "db") as store:
        store.load(*graph(), batch_size=BATCH)
        return dump(store)


@pytest.mark.parametrize(
    ("prefix", "nth"),
    [
        ("COPY", 1),  # the first Paper batch, copied, not committed
        ("COPY", 5),  # the second Method batch, after four committed node batches
        ("COPY", 8),  # the first PROPOSES batch, copied, not committed
        ("COPY", 12),  # the second TARGETS batch, after committed relationship batches
        ("COMMIT", 10),  # right after the last PROPOSES batch committed, before any checkpoint
        ("CHECKPOINT", 1),  # right after the checkpoint that ends the load
    ],
)
def test_killed_during_the_copy_path_then_reloaded_equals_a_clean_load(
    tmp_path: Path, clean: tuple[list, list], prefix: str, nth: int
) -> None:
    folder = str(tmp_path / "db")
    code = LOADER.format(here=str(HERE), prefix=prefix, nth=nth, folder=folder)
    loader = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loader.returncode == -9, loader.stderr  # it died by SIGKILL where it was meant to

    with EmbeddedStore(folder) as store:
        nodes, rels = dump(store)
        # What survived is whole batches of the clean graph: no duplicate, no partial batch.
        assert set(nodes) <= set(clean[0]) and len(set(nodes)) == len(nodes)
        assert set(rels) <= set(clean[1]) and len(set(rels)) == len(rels)
        whole_batches = {
            "Hardware": [3],
            "Paper": [7, 14, 20],
            "Method": [7, 14, 20],
            "PROPOSES": [7, 14, 20],
            "TARGETS": [7, 14, 21, 28, 35, 40],
        }
        stats = store.stats()
        for name, count in {**stats["nodes"], **stats["relationships"]}.items():
            assert count == 0 or count in whole_batches[name], (name, count)

        report = store.load(*graph(), batch_size=BATCH)
        assert report.total("nodes_updated") == report.total("relationships_updated") == 0
        assert report.total("relationships_skipped") == 0
        assert dump(store) == clean
