"""The embedded store's two insert paths (CREATE; COPY for bulk loads), killed at the worst times.

A loader process is SIGKILLed right after a chosen statement of its load (a COPY of nodes or
relationships that has run but not committed, a COMMIT, the checkpoint that ends a bulk load);
the store it leaves must hold whole batches only, and loading the same data again must give
exactly the graph of a clean load, with nothing rewritten. The store guarantees of
`test_stores.py` are checked on the bulk path too (those tests' graphs are small: they take the
CREATE path).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import test_stores as shared

from kg.model import Node, Relationship
from kg.stores import embedded
from kg.stores.embedded import EmbeddedStore

HERE = Path(__file__).resolve().parent
BATCH = 7

# Runs `EmbeddedStore.load` on `graph()` (in bulk or not), killing its own process with SIGKILL
# right after the `nth` statement that starts with `prefix` returned.
LOADER = """
import os, signal, sys
sys.path.insert(0, {here!r})
from test_embedded_store import BATCH, graph
from kg.stores import embedded
from kg.stores.embedded import EmbeddedStore

embedded.BULK_ROWS = 0 if {bulk} else 10**9

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


@pytest.fixture
def bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every load in bulk (COPY), however small."""
    monkeypatch.setattr(embedded, "BULK_ROWS", 0)


@pytest.mark.parametrize(
    ("bulk_load", "prefix", "nth"),
    [
        (True, "COPY", 1),  # the first Paper batch, copied, not committed
        (True, "COPY", 5),  # the second Method batch, after four committed node batches
        (True, "COPY", 8),  # the first PROPOSES batch, copied, not committed
        (True, "COPY", 12),  # the second TARGETS batch, after committed relationship batches
        (True, "COMMIT", 10),  # the last PROPOSES batch committed, the load not checkpointed
        (True, "CHECKPOINT", 1),  # right after the checkpoint that ends the load
        (False, "COMMIT", 5),  # CREATE path: after committed node batches
        (False, "COMMIT", 12),  # CREATE path: after committed relationship batches
    ],
)
def test_killed_mid_load_then_reloaded_equals_a_clean_load(
    tmp_path: Path, clean: tuple[list, list], bulk_load: bool, prefix: str, nth: int
) -> None:
    folder = str(tmp_path / "db")
    code = LOADER.format(here=str(HERE), bulk=bulk_load, prefix=prefix, nth=nth, folder=folder)
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


@pytest.mark.parametrize(
    "check",
    [
        shared.test_load_reads_back_every_property,
        shared.test_loading_twice_changes_nothing,
        shared.test_same_claim_from_two_papers_is_two_pieces_of_evidence,
        shared.test_changed_properties_are_rewritten,
        shared.test_relationship_without_its_end_node_is_skipped,
        shared.test_hostile_strings_are_stored_verbatim_and_delete_nothing,
    ],
    ids=lambda check: check.__name__.removeprefix("test_"),
)
def test_bulk_loads_keep_the_store_guarantees(
    bulk: None, tmp_path: Path, check: Callable[[EmbeddedStore], None]
) -> None:
    with EmbeddedStore(tmp_path / "db") as store:
        check(store)


def test_a_failed_bulk_load_is_checkpointed_so_later_writes_replay(
    bulk: None, tmp_path: Path
) -> None:
    """A bulk load that fails half-way still checkpoints what it copied: a later logged write
    to those rows, then SIGKILL, must leave a log that replays (LadybugDB 0.22 crashes replaying
    a write to rows that were copied and never checkpointed)."""
    folder = tmp_path / "db"
    code = f"""
import os, signal, sys
sys.path.insert(0, {str(HERE)!r})
from test_embedded_store import graph
from kg.errors import StoreError
from kg.stores import embedded
from kg.stores.embedded import EmbeddedStore

embedded.BULK_ROWS = 0
nodes, rels = graph()
store = EmbeddedStore({str(folder)!r})
run = EmbeddedStore._run
def fail_on_relationships(self, cypher, params=None):
    if cypher.startswith("COPY `PROPOSES`"):
        raise StoreError("disk full")
    return run(self, cypher, params)
EmbeddedStore._run = fail_on_relationships
try:
    store.load(nodes, rels)
except StoreError:
    pass
EmbeddedStore._run = run
store.query("MATCH (p:Paper {{id: 'arxiv:2501.00003'}}) SET p.title = 'renamed'", write=True)
os.kill(os.getpid(), signal.SIGKILL)
"""
    loader = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loader.returncode == -9, loader.stderr
    # Reopened in a process of its own: a replay that crashes must fail the test, not pytest.
    reader = f"""
import json
from kg.stores.embedded import EmbeddedStore
with EmbeddedStore({str(folder)!r}) as store:
    titles = store.query("MATCH (p:Paper) RETURN p.id AS id, p.title AS title")
    print(json.dumps([titles, store.stats()]))
"""
    reopened = subprocess.run([sys.executable, "-c", reader], capture_output=True, text=True)
    assert reopened.returncode == 0, reopened.stderr
    titles, stats = json.loads(reopened.stdout)
    assert len(titles) == 20
    assert {"id": "arxiv:2501.00003", "title": "renamed"} in titles
    assert stats["relationships"]["PROPOSES"] == 0
