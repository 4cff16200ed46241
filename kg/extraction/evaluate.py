"""`kg eval`: score extractions against hand-checked gold files (ANNOTATION.md).

Gold entries are matched to papers by id ("000-005" = the 5th entry of the seed file whose name
starts with "000"), falling back to the normalised title.

Matching criteria (one-to-one: each gold item is matched at most once, each prediction too):

- PROPOSES: a predicted method matches a gold method when their names or any of their aliases are
  equal after normalisation (`method_key`: case, spaces, hyphens, a generic trailing word and a
  plural "s" ignored). An unnamed gold method (name null) matches an unnamed prediction.
- Relation methods: a relation's method agrees with the gold one when it is the predicted method
  matched to the gold method under PROPOSES (or their keys overlap); a null gold method agrees with
  an unnamed prediction (null).
- TARGETS: method agrees and the hardware is the same canonical entry, or the same class (GPU,
  CPU, edge, ...). Exact canonical matches are paired first.
- IMPROVES: method agrees, the metric family is the same, and the metric heads overlap: the
  content words of the predicted metric (as written and canonical) share a word with the gold
  metric, ignoring modifiers such as "inference" or "average" (spellings of one head count as
  one: "faster", "speedup", "acceleration" = "speed"); or both name the same canonical metric.
- Value accuracy: over matched IMPROVES, a value is right when both are null, or when the numbers
  written in the predicted value all occur in the gold value (so "2.5%" is right for gold
  "2.5% (83.3% vs. 80.8%)", "1.5x" is wrong for gold "2.6x").
- Main-method recall: gold main methods matched by a predicted method marked main.
- Kind accuracy: over matched PROPOSES whose gold method has a kind, the predicted kind is the
  same (`model`, `system`, `benchmark`, ...).
- datasets / tasks: set match on normalised phrases (reported, no floor).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.extraction.normalise import canonical_hardware_name, canonical_metric, method_key
from kg.extraction.quantities import numbers_in
from kg.extraction.vocab import load_vocabulary

# spellings of one metric head ("2x faster" and "2x speedup" both claim speed)
_HEAD_SYNONYMS = {
    "faster": "speed", "speedup": "speed", "speed-up": "speed", "quicker": "speed",
    "acceleration": "speed", "parameter": "parameters", "param": "parameters",
}  # fmt: skip
RELATIONS = ("PROPOSES", "TARGETS", "IMPROVES", "EVALUATED_ON", "ADDRESSES")


@dataclass
class RelationScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_hits: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    papers: int = 0
    unmatched_gold: list[str | None] = field(default_factory=list)
    relations: dict[str, RelationScore] = field(
        default_factory=lambda: {r: RelationScore() for r in RELATIONS}
    )
    main_total: int = 0
    main_found: int = 0
    values_total: int = 0
    values_right: int = 0
    value_errors: list[dict[str, Any]] = field(default_factory=list)
    kinds_total: int = 0
    kinds_right: int = 0
    kind_errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def main_recall(self) -> float:
        return self.main_found / self.main_total if self.main_total else 1.0

    @property
    def value_accuracy(self) -> float:
        return self.values_right / self.values_total if self.values_total else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.kinds_right / self.kinds_total if self.kinds_total else 1.0

    def to_dict(self, verbose: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "papers": self.papers,
            "unmatched_gold": self.unmatched_gold,
            "relations": {},
            "main_method_recall": round(self.main_recall, 4),
            "value_accuracy": round(self.value_accuracy, 4),
            "values_matched": self.values_total,
            "kind_accuracy": round(self.kind_accuracy, 4),
            "kinds_matched": self.kinds_total,
        }
        for name, s in self.relations.items():
            entry: dict[str, Any] = {
                "tp": s.tp, "fp": s.fp, "fn": s.fn,
                "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }  # fmt: skip
            if verbose:
                entry["misses"] = s.misses
                entry["false_hits"] = s.false_hits
            out["relations"][name] = entry
        if verbose:
            out["value_errors"] = self.value_errors
            out["kind_errors"] = self.kind_errors
        return out


# ---------------------------------------------------------------------------------- gold
def load_gold(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    gold: list[dict[str, Any]] = []
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(str(path), f"cannot read gold file: {exc.strerror or exc}") from exc
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not JSON: {exc.msg}", f"{exc.lineno}") from exc
        if not isinstance(data, list):
            raise InputError(str(path), "a gold file is a JSON list of papers")
        gold.extend(data)
    return gold


def is_gold_file(path: str | Path) -> bool:
    """A JSON list of annotated papers (entries with `id` and `methods`), as in ANNOTATION.md."""
    p = Path(path)
    if p.suffix.casefold() != ".json" or not p.is_file():
        return False
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and {"id", "methods"} <= data[0].keys()
    )


def split_gold(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    """(gold files, paper inputs): so `--gold gold-dev-*.json seeds/*.txt` works once the shell
    has expanded the glob into several files after `--gold`."""
    gold: list[str] = []
    papers: list[str] = []
    for item in inputs:
        (gold if is_gold_file(item) else papers).append(item)
    return gold, papers


def paper_key(source: str | None, position: str | None) -> str | None:
    """ "000-005" for the 5th entry of seeds/000_....txt."""
    if not source or not position or not str(position).isdigit():
        return None
    return f"{Path(source).name[:3]}-{int(position):03d}"


def _title_key(title: str) -> str:
    return re.sub(r"\W+", "", (title or "").casefold())


# ---------------------------------------------------------------------------------- matching
def _keys(name: str | None, aliases: Iterable[str] = ()) -> set[str]:
    return {k for k in (method_key(n) for n in [name, *aliases] if n) if k}


def _head_words(*texts: str | None) -> set[str]:
    modifiers = load_vocabulary().metric_modifiers | {
        "of", "the", "and", "in", "per", "rate", "time", "score", "number", "a",
    }  # fmt: skip
    words: set[str] = set()
    for t in texts:
        for w in re.findall(r"[\w@\-]+", (t or "").casefold()):
            w = w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            w = _HEAD_SYNONYMS.get(w, w)
            if w not in modifiers:
                words.add(w)
    return words


def _value_right(pred: str | None, gold: str | None) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    if " ".join(pred.split()).casefold() == " ".join(gold.split()).casefold():
        return True
    pn, gn = numbers_in(pred), numbers_in(gold)
    if not pn:
        return False
    return all(any(abs(p - g) < 1e-9 for g in gn) for p in pn)


class _MethodMap:
    """Agreement between a gold relation's method and a predicted one."""

    def __init__(self, gold_methods: list[dict], pred_methods: list[dict], pairs: dict) -> None:
        self.gold = {m.get("name"): m for m in gold_methods}
        self.pairs = pairs  # gold name -> predicted name
        self.pred = {m.get("name"): m for m in pred_methods}

    def agree(self, gold_name: str | None, pred_name: str | None) -> bool:
        if gold_name is None or pred_name is None:
            return gold_name is None and pred_name is None
        if gold_name in self.pairs and self.pairs[gold_name] == pred_name:
            return True
        g = self.gold.get(gold_name, {})
        p = self.pred.get(pred_name, {})
        return bool(_keys(gold_name, g.get("aliases", [])) & _keys(pred_name, p.get("aliases", [])))


def _pick(d: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: d.get(k) for k in keys}


def score_paper(gold: dict[str, Any], pred: dict[str, Any], report: EvalReport) -> None:
    pid = gold.get("id")
    rel = report.relations
    # PROPOSES
    pairs: dict[str | None, str | None] = {}
    used: set[int] = set()
    for g in gold.get("methods", []):
        gk = _keys(g.get("name"), g.get("aliases", []))
        hit = None
        for i, p in enumerate(pred.get("methods", [])):
            if i in used:
                continue
            if g.get("name") is None:
                ok = p.get("name") is None
            else:
                ok = bool(gk & _keys(p.get("name"), p.get("aliases", [])))
            if ok:
                hit = i
                break
        if g.get("main"):
            report.main_total += 1
        if hit is None:
            rel["PROPOSES"].fn += 1
            rel["PROPOSES"].misses.append({"paper": pid, "method": g.get("name")})
            continue
        used.add(hit)
        rel["PROPOSES"].tp += 1
        p = pred["methods"][hit]
        pairs[g.get("name")] = p.get("name")
        if g.get("main") and p.get("main"):
            report.main_found += 1
        if g.get("kind"):
            report.kinds_total += 1
            if g["kind"] == p.get("kind"):
                report.kinds_right += 1
            else:
                report.kind_errors.append(
                    {"paper": pid, "method": g.get("name"), "gold": g["kind"],
                     "predicted": p.get("kind")}
                )  # fmt: skip
    for i, p in enumerate(pred.get("methods", [])):
        if i not in used:
            rel["PROPOSES"].fp += 1
            rel["PROPOSES"].false_hits.append({"paper": pid, "method": p.get("name")})
    mm = _MethodMap(gold.get("methods", []), pred.get("methods", []), pairs)

    # TARGETS
    gold_t = list(gold.get("targets", []))
    pred_t = list(pred.get("targets", []))
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold_t):
            if gi in taken_g:
                continue
            ge = canonical_hardware_name(g.get("hardware") or "")
            for pi, p in enumerate(pred_t):
                if pi in taken_p or not mm.agree(g.get("method"), p.get("method")):
                    continue
                if exact:
                    ok = ge is not None and ge == p.get("hardware")
                else:
                    ok = (g.get("class") or "").casefold() == (p.get("class") or "").casefold()
                if ok:
                    taken_g.add(gi)
                    taken_p.add(pi)
                    break
    rel["TARGETS"].tp += len(taken_g)
    for gi, g in enumerate(gold_t):
        if gi not in taken_g:
            rel["TARGETS"].fn += 1
            rel["TARGETS"].misses.append({"paper": pid, **_pick(g, "method", "hardware", "class")})
    for pi, p in enumerate(pred_t):
        if pi not in taken_p:
            rel["TARGETS"].fp += 1
            rel["TARGETS"].false_hits.append(
                {"paper": pid, **_pick(p, "method", "hardware", "class", "text")}
            )

    # IMPROVES
    gold_i = list(gold.get("improves", []))
    pred_i = list(pred.get("improves", []))
    taken_p = set()
    matched = 0
    for g in gold_i:
        gm = canonical_metric(g.get("metric") or "")
        gh = _head_words(g.get("metric"))
        hit = None
        for pi, p in enumerate(pred_i):
            if pi in taken_p or not mm.agree(g.get("method"), p.get("method")):
                continue
            if (g.get("family") or "") != (p.get("family") or ""):
                continue
            same = gm is not None and gm.canonical == p.get("metric")
            if same or gh & _head_words(p.get("metric_text"), p.get("metric")):
                hit = pi
                break
        if hit is None:
            rel["IMPROVES"].fn += 1
            rel["IMPROVES"].misses.append(
                {"paper": pid, **_pick(g, "method", "metric", "family", "value")}
            )
            continue
        taken_p.add(hit)
        matched += 1
        p = pred_i[hit]
        report.values_total += 1
        if _value_right(p.get("value"), g.get("value")):
            report.values_right += 1
        else:
            report.value_errors.append(
                {"paper": pid, "metric": g.get("metric"), "gold": g.get("value"),
                 "predicted": p.get("value")}
            )  # fmt: skip
    rel["IMPROVES"].tp += matched
    for pi, p in enumerate(pred_i):
        if pi not in taken_p:
            rel["IMPROVES"].fp += 1
            rel["IMPROVES"].false_hits.append(
                {"paper": pid, **_pick(p, "method", "metric", "metric_text", "value")}
            )

    # EVALUATED_ON / ADDRESSES: phrase sets
    for name, gkey, pkey in (
        ("EVALUATED_ON", "datasets", "datasets"),
        ("ADDRESSES", "tasks", "tasks"),
    ):
        gs = {method_key(x): x for x in gold.get(gkey, []) if x}
        ps = {method_key(x): x for x in pred.get(pkey, []) if x}
        s = rel[name]
        s.tp += len(gs.keys() & ps.keys())
        s.fn += len(gs.keys() - ps.keys())
        s.fp += len(ps.keys() - gs.keys())
        s.misses += [{"paper": pid, gkey: gs[k]} for k in sorted(gs.keys() - ps.keys())]
        s.false_hits += [{"paper": pid, pkey: ps[k]} for k in sorted(ps.keys() - gs.keys())]


def evaluate(gold: list[dict[str, Any]], predictions: Iterable[dict[str, Any]]) -> EvalReport:
    """Score predicted `Extraction.to_dict()`s against gold entries."""
    by_id = {g["id"]: g for g in gold if g.get("id")}
    by_title = {_title_key(g.get("title", "")): g for g in gold}
    report = EvalReport()
    seen: set[Any] = set()
    for pred in predictions:
        g = by_id.get(paper_key(pred.get("source"), pred.get("position")) or "")
        if g is None:
            g = by_title.get(_title_key(pred.get("title", "")))
        if g is None or g.get("id") in seen:
            continue
        seen.add(g.get("id"))
        report.papers += 1
        score_paper(g, pred, report)
    report.unmatched_gold = [g.get("id") for g in gold if g.get("id") not in seen]
    return report
