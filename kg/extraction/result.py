"""What extraction returns for one paper: `Extraction`, its parts, and the graph they make.

The parts (`MethodMention`, `Improvement`, ... and their `Evidence`) are named tuples: immutable
values like frozen dataclasses, but made by the thousand at a fraction of the cost (a frozen
dataclass's `__init__` sets each field with `object.__setattr__`, in interpreted code even when
this module is compiled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kg.model import Node, Paper, Relationship, entity_id, relationship_id


class Evidence(NamedTuple):
    """The sentence that supports a fact; offsets are into the abstract (-1/-1: the title)."""

    text: str
    start: int
    end: int
    rule: str
    confidence: float

    def props(self) -> dict[str, Any]:
        return {
            "evidence": self.text,
            "evidence_start": self.start,
            "evidence_end": self.end,
            "rule": self.rule,
            "confidence": self.confidence,
        }


class MethodMention(NamedTuple):
    """A PROPOSES fact. `name` is None for an unnamed contribution (see `description`)."""

    name: str | None
    aliases: tuple[str, ...]
    kind: str
    main: bool
    evidence: Evidence
    description: str | None = None


class HardwareTarget(NamedTuple):
    method: str | None
    hardware: str  # canonical name
    vendor: str | None
    hw_class: str
    text: str  # as written
    evidence: Evidence


class Improvement(NamedTuple):
    method: str | None
    metric: str  # canonical name
    metric_text: str  # as written
    family: str
    value: str | None
    number: float | None
    unit: str | None
    direction: str
    baseline: str | None
    dataset: str | None
    evidence: Evidence


class TermMention(NamedTuple):
    """A dataset the method is evaluated on, or a task it addresses."""

    name: str
    evidence: Evidence


@dataclass
class Extraction:
    paper: Paper
    methods: list[MethodMention] = field(default_factory=list)
    targets: list[HardwareTarget] = field(default_factory=list)
    improves: list[Improvement] = field(default_factory=list)
    datasets: list[TermMention] = field(default_factory=list)
    tasks: list[TermMention] = field(default_factory=list)
    baselines: list[str] = field(default_factory=list)
    truncated: bool = False

    # ------------------------------------------------------------------ building
    @classmethod
    def from_result(
        cls, paper: Paper, result: dict[str, Any], truncated: bool = False
    ) -> Extraction:
        # what the records' constructors call, without their Python-level `__new__`s (every
        # field is given, in order)
        new = tuple.__new__

        def ev(d: dict[str, Any]) -> Evidence:
            return new(
                Evidence,
                (d["text"], int(d["start"]), int(d["end"]), d["rule"], float(d["confidence"])),
            )

        return cls(
            paper=paper,
            methods=[
                new(MethodMention, (
                    m["name"], tuple(m["aliases"]), m["kind"], bool(m["main"]),
                    ev(m["evidence"]), m.get("description"),
                ))
                for m in result.get("methods", [])
            ],
            targets=[
                new(HardwareTarget, (
                    t["method"], t["hardware"], t["vendor"], t["class"], t["text"],
                    ev(t["evidence"]),
                ))
                for t in result.get("targets", [])
            ],
            improves=[
                new(Improvement, (
                    i["method"], i["metric"], i["metric_text"], i["family"], i["value"],
                    i["number"], i["unit"], i["direction"], i["baseline"], i["dataset"],
                    ev(i["evidence"]),
                ))
                for i in result.get("improves", [])
            ],
            datasets=[
                new(TermMention, (d["name"], ev(d["evidence"]))) for d in result.get("datasets", [])
            ],
            tasks=[
                new(TermMention, (t["name"], ev(t["evidence"]))) for t in result.get("tasks", [])
            ],
            baselines=list(result.get("baselines", [])),
            truncated=truncated,
        )  # fmt: skip

    # ------------------------------------------------------------------ ids
    def method_id(self, name: str | None) -> str:
        """`method:<slug>` for a named method; `method:<paper id>#unnamed` for an unnamed one."""
        if name:
            return entity_id("Method", name)
        return f"method:{self.paper.id}#unnamed"

    @property
    def main_methods(self) -> list[MethodMention]:
        return [m for m in self.methods if m.main] or self.methods[:1]

    # ------------------------------------------------------------------ output
    def to_dict(self) -> dict[str, Any]:
        """The ANNOTATION.md schema plus ids, parsed values and evidence offsets."""
        p = self.paper

        def evd(e: Evidence) -> dict[str, Any]:
            return {
                "evidence": e.text,
                "evidence_start": e.start,
                "evidence_end": e.end,
                "rule": e.rule,
                "confidence": e.confidence,
            }

        return {
            "id": p.id,
            "source": p.source,
            "position": p.position,
            "title": p.title,
            "methods": [
                {
                    "name": m.name, "id": self.method_id(m.name), "aliases": list(m.aliases),
                    "kind": m.kind, "main": m.main,
                    **({"description": m.description} if m.name is None else {}),
                    **evd(m.evidence),
                }
                for m in self.methods
            ],
            "targets": [
                {
                    "method": t.method, "hardware": t.hardware,
                    "hardware_id": entity_id("Hardware", t.hardware), "vendor": t.vendor,
                    "class": t.hw_class, "text": t.text, **evd(t.evidence),
                }
                for t in self.targets
            ],
            "improves": [
                {
                    "method": i.method, "metric": i.metric, "metric_text": i.metric_text,
                    "metric_id": entity_id("Metric", i.metric), "family": i.family,
                    "value": i.value, "number": i.number, "unit": i.unit,
                    "direction": i.direction, "baseline": i.baseline, "dataset": i.dataset,
                    **evd(i.evidence),
                }
                for i in self.improves
            ],
            "datasets": [d.name for d in self.datasets],
            "tasks": [t.name for t in self.tasks],
            "baselines": list(self.baselines),
            "evaluated_on": [{"dataset": d.name, **evd(d.evidence)} for d in self.datasets],
            "addresses": [{"task": t.name, **evd(t.evidence)} for t in self.tasks],
            "truncated": self.truncated,
        }  # fmt: skip

    def graph(self) -> tuple[list[Node], list[Relationship]]:
        """The paper's nodes (its Paper node first) and relationships, ids stable across runs."""
        paper = self.paper
        nodes: dict[str, Node] = {}
        rels: list[Relationship] = []
        paper_node = paper.node()
        nodes[paper_node.id] = paper_node

        def rel(kind: str, start: str, end: str, ev: Evidence, *claim: object, **own: Any) -> None:
            rid = relationship_id(kind, start, end, paper.id, ev.start, ev.end, *claim)
            props = {"id": rid, "paper_id": paper.id, **ev.props(), **own}
            rels.append(Relationship(kind, start, end, rid, props))

        method_ids: dict[str | None, str] = {}
        for m in self.methods:
            mid = self.method_id(m.name)
            method_ids[m.name] = mid
            name = m.name or (
                m.description or f"unnamed method of {paper.title_plain or paper.title}"
            )
            nodes.setdefault(mid, Node("Method", mid, {
                "id": mid, "name": name, "aliases": list(m.aliases), "kind": m.kind,
            }))  # fmt: skip
            rel("PROPOSES", paper.id, mid, m.evidence, main=m.main)

        def method_for(name: str | None) -> str:
            if name in method_ids:
                return method_ids[name]
            if name is None and self.main_methods:
                return self.method_id(self.main_methods[0].name)
            mid = self.method_id(name)
            if mid not in nodes:
                label = name or f"unnamed method of {paper.title_plain or paper.title}"
                nodes[mid] = Node(
                    "Method", mid, {"id": mid, "name": label, "aliases": [], "kind": "method"}
                )
            method_ids[name] = mid
            return mid

        for t in self.targets:
            hid = entity_id("Hardware", t.hardware)
            nodes.setdefault(hid, Node("Hardware", hid, {
                "id": hid, "name": t.hardware, "vendor": t.vendor, "class": t.hw_class,
            }))  # fmt: skip
            rel("TARGETS", method_for(t.method), hid, t.evidence, t.text)
        for i in self.improves:
            mid = entity_id("Metric", i.metric)
            nodes.setdefault(
                mid, Node("Metric", mid, {"id": mid, "name": i.metric, "family": i.family})
            )
            rel(
                "IMPROVES", method_for(i.method), mid, i.evidence, i.metric_text, i.value,
                metric_text=i.metric_text, value=i.value, number=i.number, unit=i.unit,
                direction=i.direction, baseline=i.baseline, dataset=i.dataset,
            )  # fmt: skip
        mains = [method_for(m.name) for m in self.main_methods] if self.methods else []
        if not mains and (self.datasets or self.tasks):
            mains = [method_for(None)]
        for label, kind, items in (
            ("Dataset", "EVALUATED_ON", self.datasets),
            ("Task", "ADDRESSES", self.tasks),
        ):
            for item in items:
                nid = entity_id(label, item.name)
                nodes.setdefault(nid, Node(label, nid, {"id": nid, "name": item.name}))
                for mid in mains:
                    rel(kind, mid, nid, item.evidence, item.name)
        return list(nodes.values()), rels
