"""The data model shared by every stage: papers in, graph nodes and relationships out.

Sources produce `Paper`s; extraction turns a paper into `Node`s and `Relationship`s; stores and
exports consume only those two types, so no stage needs to know how another one works.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

NODE_LABELS = ("Paper", "Method", "Hardware", "Metric", "Dataset", "Task")

# Relationship type -> (start label, end label). Fixed endpoints keep the embedded store's typed
# relationship tables and the RDF ontology's domains and ranges exact.
REL_TYPES: dict[str, tuple[str, str]] = {
    "PROPOSES": ("Paper", "Method"),
    "TARGETS": ("Method", "Hardware"),
    "IMPROVES": ("Method", "Metric"),
    "EVALUATED_ON": ("Method", "Dataset"),
    "ADDRESSES": ("Method", "Task"),
}

# Property names and their types per label / relationship type. Stores create their schema from
# these, so a property is added in one place.
NODE_PROPERTIES: dict[str, dict[str, type]] = {
    "Paper": {
        "id": str,
        "title": str,
        "title_plain": str,
        "abstract": str,
        "arxiv_id": str,
        "url": str,
        "published": str,
        "author_count": int,
        "authors": list,
        "upvotes": int,
        "source": str,
    },
    "Method": {"id": str, "name": str, "aliases": list, "kind": str},
    "Hardware": {"id": str, "name": str, "vendor": str, "class": str},
    "Metric": {"id": str, "name": str, "family": str},
    "Dataset": {"id": str, "name": str},
    "Task": {"id": str, "name": str},
}

PROVENANCE_PROPERTIES: dict[str, type] = {
    "id": str,
    "paper_id": str,
    "evidence": str,
    "evidence_start": int,
    "evidence_end": int,
    "rule": str,
    "confidence": float,
}

REL_PROPERTIES: dict[str, dict[str, type]] = {
    "PROPOSES": {**PROVENANCE_PROPERTIES, "main": bool},
    "TARGETS": dict(PROVENANCE_PROPERTIES),
    "IMPROVES": {
        **PROVENANCE_PROPERTIES,
        "metric_text": str,
        "value": str,
        "number": float,
        "unit": str,
        "direction": str,
        "baseline": str,
        "dataset": str,
    },
    "EVALUATED_ON": dict(PROVENANCE_PROPERTIES),
    "ADDRESSES": dict(PROVENANCE_PROPERTIES),
}


@dataclass(frozen=True)
class Paper:
    """One paper as read from a source; `id` is stable across sources and re-reads."""

    id: str
    title: str
    abstract: str
    title_plain: str = ""
    arxiv_id: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    author_count: int | None = None
    published: str | None = None
    upvotes: int | None = None
    source: str | None = None
    position: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "title_plain": self.title_plain,
            "abstract": self.abstract,
            "arxiv_id": self.arxiv_id,
            "url": self.url,
            "authors": list(self.authors),
            "author_count": self.author_count,
            "published": self.published,
            "upvotes": self.upvotes,
            "source": self.source,
            "position": self.position,
        }

    def node(self) -> Node:
        props = self.to_dict()
        del props["position"]
        return Node("Paper", self.id, props)


@dataclass(frozen=True)
class Node:
    """A graph node; `props` holds `id` too, so a store can write it as one map."""

    label: str
    id: str
    props: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Relationship:
    """A graph relationship; its stable `id` makes re-loading a claim merge, not duplicate.

    Two papers making the same claim give two relationships (their ids differ by paper), so
    provenance is never lost.
    """

    type: str
    start: str
    end: str
    id: str
    props: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def start_label(self) -> str:
        return REL_TYPES[self.type][0]

    @property
    def end_label(self) -> str:
        return REL_TYPES[self.type][1]


def slug(text: str) -> str:
    """A lowercase ASCII-ish key for ids: the same name always gives the same slug."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w.+]+", "-", text, flags=re.UNICODE).strip("-")
    return text or "_"


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts; used for ids that must not change between runs."""
    digest = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


def entity_id(label: str, name: str) -> str:
    """`method:efficientvit`, `hardware:nvidia-v100-gpu`: readable, stable, unique per label."""
    return f"{label.lower()}:{slug(name)}"


def relationship_id(rel_type: str, start: str, end: str, paper_id: str, *extra: object) -> str:
    return f"{rel_type.lower()}:{stable_hash(rel_type, start, end, paper_id, *extra)}"
