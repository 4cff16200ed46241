"""What the test modules share: a missing prerequisite skips locally and fails under CI=true."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest
from rdflib import Dataset, Graph

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str, module: bool = False) -> NoReturn:
    """Skip, or fail in CI, where a missing server, browser or data set must never pass silently."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: failing, not skipping)", pytrace=False)
    pytest.skip(reason, allow_module_level=module)


def seed_pages() -> list[Path]:
    """The three Daily Papers pages of ../shared/seeds, which CI always has."""
    pages = sorted((SHARED / "seeds").glob("*.txt"))
    if len(pages) != 3:
        unavailable(f"needs the 3 seed pages in {SHARED / 'seeds'}", module=True)
    return pages


PARSE = {
    "turtle": "turtle",
    "ntriples": "nt",
    "nquads": "nquads",
    "jsonld": "json-ld",
    "xml": "xml",
}
"""Our RDF format names -> rdflib's parser names."""


def parse_rdf(text: str, fmt: str) -> Graph:
    """An export read back with rdflib; N-Quads flattened to one graph to compare triples."""
    if fmt == "nquads":
        dataset = Dataset()
        dataset.parse(data=text, format="nquads")
        graph = Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return Graph().parse(data=text, format=PARSE[fmt])
