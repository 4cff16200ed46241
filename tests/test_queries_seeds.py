"""Every canned query on the seed pages, loaded with `kg load` into both stores: same rows.

The seeds are the Daily Papers pages in `shared/seeds/` beside the repository (or `$KG_SEEDS`);
each store is loaded once for this module.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support import unavailable

from kg.cli import main
from kg.queries import load_queries, run_cypher, run_query

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("KG_SEEDS") or ROOT.parent / "shared" / "seeds")
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
QUERIES = load_queries()

if not SEED_FILES:
    unavailable(f"no seed pages in {SEEDS}", module=True)


def _load(args: list[str]) -> None:
    result = CliRunner().invoke(
        main, ["-q", "load", *map(str, SEED_FILES), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output


def _neo4j_endpoint(request: pytest.FixtureRequest) -> tuple[str, str, str]:
    from test_queries_stores import neo4j_endpoint

    return neo4j_endpoint(request)


@pytest.fixture(scope="module")
def seeded_embedded(tmp_path_factory: pytest.TempPathFactory):
    from kg.stores import open_store

    path = tmp_path_factory.mktemp("seeds") / "embedded"
    _load(["--db", str(path)])
    store = open_store(db_path=path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def seeded_neo4j(request: pytest.FixtureRequest):
    from test_queries_stores import fresh_neo4j

    store = fresh_neo4j(request)  # an empty database, then the same `kg load` as the other
    uri, user, password = _neo4j_endpoint(request)
    _load(["--neo4j", uri, "--user", user, "--password", password])
    yield store
    store.close()


def approx(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def norm(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 6) + 0.0 if math.isfinite(v) else v
        if isinstance(v, list):
            return sorted((norm(x) for x in v), key=repr)
        return v

    return [{k: norm(v) for k, v in row.items()} for row in rows]


def _first(store, cypher: str) -> Any:
    rows = run_cypher(store, cypher)
    return next(iter(rows[0].values())) if rows else None


def seed_param_sets(store, name: str) -> list[dict[str, Any]]:
    """Defaults, plus parameters picked from the data so each query has something to say."""
    sets: list[dict[str, Any]] = [{}]
    picks = {
        "method-claims": (
            "method",
            "MATCH (m:Method)-[r]->() WITH m, count(r) AS n "
            "RETURN m.name AS v ORDER BY n DESC, m.id LIMIT 1",
        ),
        "related-methods": (
            "method",
            "MATCH (m:Method)-[:TARGETS|IMPROVES]->() WITH m, count(*) AS n "
            "RETURN m.id AS v ORDER BY n DESC, m.id LIMIT 1",
        ),
        "paper-claims": (
            "paper",
            "MATCH (p:Paper)-[:PROPOSES]->(m:Method)-[r]->() WITH p, count(r) AS n "
            "RETURN p.id AS v ORDER BY n DESC, p.id LIMIT 1",
        ),
        "papers-on-dataset": (
            "dataset",
            "MATCH (:Method)-[:EVALUATED_ON]->(d:Dataset) WITH d, count(*) AS n "
            "RETURN d.name AS v ORDER BY n DESC, d.id LIMIT 1",
        ),
        "methods-vs-baseline": (
            "baseline",
            "MATCH ()-[i:IMPROVES]->() WHERE i.baseline IS NOT NULL "
            "RETURN i.baseline AS v ORDER BY v LIMIT 1",
        ),
        "methods-for-hardware": (
            "hardware",
            "MATCH ()-[:TARGETS]->(h:Hardware) WITH h.`class` AS c, count(*) AS n "
            "WHERE c <> 'GPU' RETURN c AS v ORDER BY n DESC, c LIMIT 1",
        ),
    }
    if name in picks:
        key, cypher = picks[name]
        value = _first(store, cypher)
        if value is not None:
            sets.append({key: value})
    if name == "search-papers":
        sets += [{"terms": ["efficient", "model"]}, {"terms": ["gpu"]}]
    if name in {"largest-speedups", "hardware-by-metric-family"}:
        sets.append({"family": ""})
    if name == "top-papers-per-week":
        sets.append({"per_week": 1})
    return sets


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_seed_parity(seeded_embedded, seeded_neo4j, name: str) -> None:
    for values in seed_param_sets(seeded_embedded, name):
        a = approx(run_query(seeded_embedded, name, values))
        b = approx(run_query(seeded_neo4j, name, values))
        assert a == b, f"{name} {values}: {len(a)} rows on embedded, {len(b)} on Neo4j"


def test_every_query_runs_on_the_seeds(seeded_embedded) -> None:
    answered = set()
    for name in QUERIES:
        for values in seed_param_sets(seeded_embedded, name):
            if run_query(seeded_embedded, name, values):
                answered.add(name)
    [overview] = run_query(seeded_embedded, "overview")
    assert overview["papers"] == seeded_embedded.stats()["nodes"]["Paper"] > 100
    if overview["targets"] and overview["improves"]:
        assert {"overview", "search-papers", "most-targeted-hardware"} <= answered


def test_seed_answers_mean_what_they_say(seeded_embedded) -> None:
    store = seeded_embedded
    for row in run_query(store, "methods-for-hardware", {"hardware": "GPU"}):
        [hw] = run_cypher(
            store,
            "MATCH (m:Method {id: $m})-[t:TARGETS]->(h:Hardware {id: $h}) "
            "RETURN h.`class` AS c, h.name AS name, count(t) AS n",
            {"m": row["method_id"], "h": row["hardware_id"]},
        )
        assert hw["n"] >= 1
        assert hw["c"] == "GPU" or "gpu" in hw["name"].lower()
    for row in run_query(store, "largest-speedups", {"limit": 50}):
        assert row["family"] == "speed" and row["speedup"] is not None
    speedups = [r["speedup"] for r in run_query(store, "largest-speedups", {"limit": 50})]
    assert speedups == sorted(speedups, reverse=True)
    for row in run_query(store, "search-papers", {"terms": ["efficient"]}):
        [text] = run_cypher(
            store,
            "MATCH (p:Paper {id: $id}) RETURN toLower(p.title + ' ' + p.abstract) AS t",
            {"id": row["paper_id"]},
        )
        assert "efficient" in text["t"]


def test_cli_json_rows_carry_node_ids(seeded_embedded) -> None:
    from kg.queries import row_node_ids

    rows = run_query(seeded_embedded, "search-papers", {"terms": ["model"]})
    ids = row_node_ids(rows)
    assert ids and all(i.startswith(("arxiv:", "paper:")) for i in ids)
    assert json.loads(json.dumps(rows)) == rows
