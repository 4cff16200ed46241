"""Scoring against gold, the floors on the dev gold files, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import unavailable

from kg.cli import main
from kg.extraction.evaluate import evaluate, load_gold

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = sorted((SHARED / "eval").glob("gold-dev-*.json"))
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))

LISTING = """Daily Papers

byAK and the research community

Dec 11

TurboNet: Fast Detection on the Edge

We propose TurboNet for edge devices. On a Jetson Orin, TurboNet runs 5.8x faster than YOLOv8.

  • 3 authors
·
Jun 18
"""


def test_scoring_criteria() -> None:
    gold = [{
        "id": "000-001", "title": "T",
        "methods": [{"name": "TurboNet", "aliases": ["Turbo Network"], "kind": "model",
                     "main": True}],
        "targets": [{"method": "TurboNet", "hardware": "NVIDIA A100 GPU", "class": "GPU"}],
        "improves": [{"method": "TurboNet", "metric": "inference speedup", "family": "speed",
                      "value": "2.5% (83.3% vs. 80.8%)"}],
        "datasets": ["COCO"], "tasks": [],
    }]  # fmt: skip
    pred = {
        "source": "seeds/000_x.txt", "position": "1", "title": "T",
        "methods": [{"name": "Turbo-Net", "aliases": [], "kind": "method", "main": True}],
        "targets": [{"method": "Turbo-Net", "hardware": "GPU", "class": "GPU"}],
        "improves": [{"method": "Turbo-Net", "metric": "speedup", "metric_text": "speedup",
                      "family": "speed", "value": "2.5%"},
                     {"method": "Turbo-Net", "metric": "FLOPs", "metric_text": "FLOPs",
                      "family": "compute", "value": None}],
        "datasets": ["COCO"], "tasks": ["detection"],
    }  # fmt: skip
    r = evaluate(gold, [pred])
    assert r.papers == 1
    assert (r.relations["PROPOSES"].tp, r.relations["PROPOSES"].fp) == (1, 0)
    assert r.relations["TARGETS"].tp == 1
    assert (r.relations["IMPROVES"].tp, r.relations["IMPROVES"].fp) == (1, 1)
    assert r.value_accuracy == 1.0 and r.main_recall == 1.0
    assert r.relations["ADDRESSES"].fp == 1
    # the method is matched, its kind is not the gold one
    assert (r.kinds_total, r.kind_accuracy) == (1, 0.0)
    assert r.kind_errors == [
        {"paper": "000-001", "method": "TurboNet", "gold": "model", "predicted": "method"}
    ]


def test_phrase_misses_are_listed_in_order() -> None:
    gold = [{"id": "000-001", "title": "T", "methods": [], "targets": [], "improves": [],
             "datasets": ["MMLU", "COCO", "GLUE"], "tasks": []}]  # fmt: skip
    pred = {"source": "seeds/000_x.txt", "position": "1", "title": "T", "methods": [],
            "targets": [], "improves": [], "datasets": [], "tasks": []}  # fmt: skip
    misses = evaluate(gold, [pred]).relations["EVALUATED_ON"].misses
    assert [m["datasets"] for m in misses] == ["COCO", "GLUE", "MMLU"]


@pytest.mark.timeout(300)
def test_dev_gold_floors() -> None:
    if not GOLD or not SEEDS:
        unavailable("shared/eval gold files or seed pages not present")
    from kg.extraction import Extractor
    from kg.sources import read_papers

    report = evaluate(
        load_gold(GOLD), (x.to_dict() for x in Extractor().extract_all(read_papers(SEEDS)))
    )
    assert report.papers == 58
    rel = report.relations
    figures = {k: round(v.f1, 3) for k, v in rel.items()}
    assert rel["PROPOSES"].f1 >= 0.90, figures
    assert rel["TARGETS"].f1 >= 0.85, figures
    assert rel["IMPROVES"].f1 >= 0.80, figures
    assert report.value_accuracy >= 0.90, report.value_accuracy


def test_cli_extract_and_eval(tmp_path) -> None:
    listing = tmp_path / "000_listing.txt"
    listing.write_text(LISTING, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(listing), "-o", str(tmp_path / "out.jsonl")])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert rows[0]["methods"][0]["name"] == "TurboNet"
    assert rows[0]["improves"][0]["value"] == "5.8x"
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([{
        "id": "000-001", "title": "TurboNet: Fast Detection on the Edge",
        "methods": [{"name": "TurboNet", "aliases": [], "kind": "model", "main": True}],
        "targets": [{"method": "TurboNet", "hardware": "NVIDIA Jetson Orin", "class": "edge"}],
        "improves": [{"method": "TurboNet", "metric": "speed", "family": "speed", "value": "5.8x"}],
        "datasets": [], "tasks": [],
    }]))  # fmt: skip
    res = runner.invoke(main, ["eval", "--gold", str(gold), str(listing), "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["relations"]["PROPOSES"]["f1"] == 1.0
    assert report["relations"]["IMPROVES"]["f1"] == 1.0
    assert report["value_accuracy"] == 1.0


def test_cli_eval_bad_gold(tmp_path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("{not json")
    res = CliRunner().invoke(main, ["eval", "--gold", str(bad), str(bad)])
    assert res.exit_code == 2


def test_cli_eval_gold_glob(tmp_path) -> None:
    """`kg eval --gold gold-*.json seeds/*.txt`: the shell puts the second gold file among INPUT."""
    listing = tmp_path / "000_listing.txt"
    listing.write_text(LISTING, encoding="utf-8")
    entry = {
        "id": "000-001", "title": "TurboNet: Fast Detection on the Edge",
        "methods": [{"name": "TurboNet", "aliases": [], "kind": "model", "main": True}],
        "targets": [], "improves": [], "datasets": [], "tasks": [],
    }  # fmt: skip
    (tmp_path / "gold-1.json").write_text(json.dumps([entry]))
    (tmp_path / "gold-2.json").write_text(json.dumps([{**entry, "id": "001-001"}]))
    args = ["eval", "--gold", str(tmp_path / "gold-1.json"), str(tmp_path / "gold-2.json")]
    res = CliRunner().invoke(main, [*args, str(listing), "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["papers"] == 1 and report["unmatched_gold"] == ["001-001"]
