"""`kg load` as a library function: papers -> extraction -> graph -> store, streamed in batches.

Memory stays flat: papers are read lazily, extracted one after another, and their nodes and
relationships are written every `batch_size` rows. Within a batch a node seen twice (the same
method named by several papers) is written once, the last reading winning; a relationship is never
merged with another paper's, because its id includes the paper.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.model import Node, Paper, Relationship
from kg.stores.base import DEFAULT_BATCH_SIZE, GraphStore, LoadReport

log = logging.getLogger(__name__)


@dataclass
class LoadSummary:
    """What `load` did: papers read, and per label / type what was created or already there."""

    papers: int = 0
    report: LoadReport = field(default_factory=LoadReport)
    seconds: float = 0.0

    @property
    def papers_created(self) -> int:
        return self.report.nodes_created.get("Paper", 0)

    @property
    def entities_created(self) -> int:
        return self.report.total("nodes_created") - self.papers_created

    @property
    def entities_present(self) -> int:
        return self.report.total("nodes_present") - self.report.nodes_present.get("Paper", 0)

    @property
    def relationships_created(self) -> int:
        return self.report.total("relationships_created")

    @property
    def relationships_present(self) -> int:
        return self.report.total("relationships_present")

    @property
    def relationships_skipped(self) -> int:
        return self.report.total("relationships_skipped")

    def to_dict(self) -> dict[str, Any]:
        r = self.report
        return {
            "papers": self.papers,
            "papers_created": self.papers_created,
            "entities_created": self.entities_created,
            "entities_present": self.entities_present,
            "relationships_created": self.relationships_created,
            "relationships_present": self.relationships_present,
            "relationships_updated": r.total("relationships_updated"),
            "relationships_skipped": self.relationships_skipped,
            "nodes_updated": r.total("nodes_updated"),
            "batches": r.batches,
            "seconds": round(self.seconds, 3),
            "nodes": {
                "created": dict(r.nodes_created),
                "present": dict(r.nodes_present),
                "updated": dict(r.nodes_updated),
            },
            "relationships": {
                "created": dict(r.relationships_created),
                "present": dict(r.relationships_present),
                "updated": dict(r.relationships_updated),
                "skipped": dict(r.relationships_skipped),
            },
        }


# Called after every paper with the number of papers extracted so far and the summary so far.
Progress = Callable[[int, LoadSummary], None]


class _Batch:
    """Nodes and relationships waiting to be written, de-duplicated by id."""

    def __init__(self) -> None:
        self.nodes: dict[tuple[str, str], Node] = {}
        self.relationships: dict[str, Relationship] = {}

    def add(self, nodes: Iterable[Node], relationships: Iterable[Relationship]) -> None:
        for node in nodes:
            self.nodes[(node.label, node.id)] = node
        for rel in relationships:
            self.relationships[rel.id] = rel

    def __len__(self) -> int:
        return len(self.nodes) + len(self.relationships)


def load_graphs(
    graphs: Iterable[tuple[Iterable[Node], Iterable[Relationship]]],
    store: GraphStore,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> LoadSummary:
    """Write a stream of per-paper `(nodes, relationships)` to `store`, `batch_size` rows a time.

    `papers` in the summary counts the graphs consumed.
    """
    started = time.perf_counter()
    summary = LoadSummary()
    batch = _Batch()

    def flush() -> None:
        nonlocal batch
        if len(batch):
            report = store.load(
                list(batch.nodes.values()), list(batch.relationships.values()), batch_size
            )
            summary.report.add(report)
            log.info(
                "batch written: %d papers so far, %d nodes and %d relationships in this batch "
                "(%d relationships new)",
                summary.papers,
                len(batch.nodes),
                len(batch.relationships),
                report.total("relationships_created"),
            )
            batch = _Batch()

    for nodes, relationships in graphs:
        summary.papers += 1
        batch.add(nodes, relationships)
        if len(batch) >= batch_size:
            flush()
        if progress is not None:
            summary.seconds = time.perf_counter() - started
            progress(summary.papers, summary)
    flush()
    summary.seconds = time.perf_counter() - started
    if progress is not None:
        progress(summary.papers, summary)
    return summary


def extract_graphs(
    papers: Iterable[Paper], n_process: int = 1
) -> Iterable[tuple[list[Node], list[Relationship]]]:
    """Each paper's nodes (its Paper node included) and relationships, as extraction finds them."""
    from kg.extraction import Extractor

    for extraction in Extractor().extract_all(papers, n_process=n_process):
        yield extraction.graph()


def load(
    inputs: Iterable[str | Path] | Iterable[Paper],
    store: GraphStore,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    n_process: int = 1,
    fmt: str | None = None,
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Read `inputs` (paths, or `Paper`s already read), extract, and merge the graph into `store`.

    Loading the same input again creates nothing and changes nothing; the summary then counts
    everything as present.
    """
    items = iter(inputs)
    first = next(items, None)
    if first is None:
        return LoadSummary()
    if isinstance(first, Paper):
        papers: Iterable[Paper] = _chain(first, items)  # type: ignore[arg-type]
    else:
        from kg.sources import read_papers

        papers = read_papers(_chain(first, items), fmt=fmt, strict=strict, warn=warn)  # type: ignore[arg-type]
    return load_graphs(
        extract_graphs(papers, n_process=n_process),
        store,
        batch_size=batch_size,
        progress=progress,
    )


def _chain(first: Any, rest: Iterable[Any]) -> Iterable[Any]:
    yield first
    yield from rest
