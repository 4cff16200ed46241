"""RDF export of the seed pages in the real embedded store: shapes, counts, SPARQL vs Cypher.

The store is loaded once for the module with `kg load ... --rdf` (so the main job's export is
tested too); every other export reads the same store.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pyshacl
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from support import PARSE, parse_rdf, unavailable

from kg.cli import main
from kg.exports.rdf import DEFAULT_BASE_IRI, KG, Minter, to_graph, write_rdf
from kg.queries import run_cypher, run_query

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("KG_SEEDS") or ROOT.parent / "shared" / "seeds")
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
SHAPES = ROOT / "schema" / "shapes.ttl"
CLAIM_CLASSES = {
    "PROPOSES": "ProposalClaim",
    "TARGETS": "HardwareTargetClaim",
    "IMPROVES": "ImprovementClaim",
    "EVALUATED_ON": "EvaluationClaim",
    "ADDRESSES": "TaskClaim",
}
PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

if not SEED_FILES:
    unavailable(f"no seed pages in {SEEDS}", module=True)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory):
    """(store folder, the Turtle `kg load --rdf` wrote); the store is closed again."""
    folder = tmp_path_factory.mktemp("rdf-seeds")
    db, ttl = folder / "db", folder / "load.ttl"
    result = CliRunner().invoke(
        main,
        ["-q", "load", *map(str, SEED_FILES), "--db", str(db), "--rdf", str(ttl)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return db, ttl


@pytest.fixture(scope="module")
def store(seeded):
    from kg.stores import open_store

    handle = open_store(db_path=seeded[0], read_only=True)
    yield handle
    handle.close()


@pytest.fixture(scope="module")
def exports(store) -> dict[str, str]:
    texts = {}
    for fmt in PARSE:
        buffer = io.StringIO()
        write_rdf(store.nodes(), store.relationships(), buffer, fmt)
        texts[fmt] = buffer.getvalue()
    return texts


@pytest.fixture(scope="module")
def graph(exports) -> Graph:
    """The streamed N-Triples export, parsed."""
    return parse_rdf(exports["ntriples"], "ntriples")


def local(iri: object) -> str:
    """The id back from an IRI minted by the exporter (`.../method/x` -> `method:x`)."""
    from urllib.parse import unquote

    prefix, _, rest = str(iri)[len(DEFAULT_BASE_IRI) :].partition("/")
    return f"{prefix}:{unquote(rest)}"


# --- validity ------------------------------------------------------------------------------------


def test_export_of_the_seeds_conforms_to_the_shapes(graph: Graph) -> None:
    conforms, _report, text = pyshacl.validate(
        graph, shacl_graph=Graph().parse(SHAPES), inference="none", advanced=True
    )
    assert conforms, text[:5000]


def test_load_rdf_writes_the_same_graph(seeded, graph: Graph) -> None:
    assert isomorphic(Graph().parse(seeded[1], format="turtle"), graph)


def test_streaming_ntriples_equal_the_rdflib_graph(store, graph: Graph) -> None:
    assert isomorphic(graph, to_graph(store.nodes(), store.relationships()))


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld", "xml"])
def test_every_format_parses_to_the_same_graph(store, exports, graph: Graph, fmt: str) -> None:
    reference = graph
    if fmt == "xml":
        reference = to_graph(store.nodes(), store.relationships(), for_xml=True)
    assert isomorphic(parse_rdf(exports[fmt], fmt), reference)


def test_nquads_have_one_named_graph_per_paper(store, exports) -> None:
    dataset = Dataset()
    dataset.parse(data=exports["nquads"], format="nquads")
    mint = Minter()
    named = {str(g.identifier) for g in dataset.graphs() if len(g)}
    papers = {n.id for n in store.nodes() if n.label == "Paper"}
    assert {mint.graph(p) for p in papers} <= named


# --- counts and queries --------------------------------------------------------------------------


def test_counts_match_kg_stats(seeded, graph: Graph) -> None:
    import json

    result = CliRunner().invoke(main, ["stats", "--db", str(seeded[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    for label, count in stats["nodes"].items():
        rows = graph.query(
            f"{PREFIXES} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a kg:{label} }}"
        )
        found = int(next(iter(rows))[0])
        assert found == count, label
    for rel_type, count in stats["relationships"].items():
        cls = CLAIM_CLASSES[rel_type]
        rows = graph.query(
            f"{PREFIXES} SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a kg:{cls} }}"
        )
        assert int(next(iter(rows))[0]) == count, rel_type
    assert sum(stats["nodes"].values()) > 0 and stats["relationships"]["IMPROVES"] > 0


def test_plain_triples_match_distinct_relationships_in_cypher(store, graph: Graph) -> None:
    for rel_type, (start, end) in {
        "PROPOSES": ("Paper", "Method"),
        "TARGETS": ("Method", "Hardware"),
        "IMPROVES": ("Method", "Metric"),
        "EVALUATED_ON": ("Method", "Dataset"),
        "ADDRESSES": ("Method", "Task"),
    }.items():
        rows = run_cypher(
            store,
            f"MATCH (a:{start})-[:{rel_type}]->(b:{end}) RETURN DISTINCT a.id AS a, b.id AS b",
        )
        cypher = {(r["a"], r["b"]) for r in rows}
        predicate = URIRef(KG + {"EVALUATED_ON": "evaluatedOn"}.get(rel_type, rel_type.lower()))
        sparql = {(local(s), local(o)) for s, o in graph.subject_objects(predicate)}
        assert sparql == cypher, rel_type


def test_methods_targeting_hardware(store, graph: Graph) -> None:
    """Canned `methods-for-hardware` (class GPU) against the same question in SPARQL."""
    rows = run_query(store, "methods-for-hardware", {"hardware": "GPU", "limit": 100000})
    cypher = {(r["method_id"], r["hardware_id"], r["paper_id"]) for r in rows}
    sparql_rows = graph.query(
        PREFIXES
        + """
        SELECT ?m ?h ?paper WHERE {
            ?m kg:targets ?h .
            ?h rdfs:label ?name .
            OPTIONAL { ?h kg:hardwareClass ?class }
            FILTER (LCASE(COALESCE(?class, "")) = "gpu" || CONTAINS(LCASE(?name), "gpu"))
            ?c a kg:HardwareTargetClaim ; rdf:subject ?m ; rdf:object ?h ; kg:evidence ?e .
            ?e prov:wasDerivedFrom ?paper .
        }
        """
    )
    sparql = {(local(r.m), local(r.h), local(r.paper)) for r in sparql_rows}
    assert cypher and sparql == cypher


def test_largest_speedups(store, graph: Graph) -> None:
    """Canned `largest-speedups` (every family) against SPARQL, order included."""
    rows = run_query(store, "largest-speedups", {"family": "", "limit": 15})
    cypher = [(r["method_id"], r["metric_id"], float(r["speedup"]), r["paper_id"]) for r in rows]
    sparql_rows = graph.query(
        PREFIXES
        + """
        SELECT ?m ?x ?number ?paper ?id WHERE {
            ?c a kg:ImprovementClaim ; rdf:subject ?m ; rdf:object ?x ; kg:number ?number ;
               kg:unit ?unit ; dcterms:identifier ?id ; kg:evidence ?e .
            ?e prov:wasDerivedFrom ?paper .
            FILTER (LCASE(?unit) IN ("x", "times", "\u00d7"))
        }
        ORDER BY DESC(?number) ?m ?x ?paper ?id
        LIMIT 15
        """
    )
    sparql = [(local(r.m), local(r.x), float(r.number), local(r.paper)) for r in sparql_rows]
    assert cypher and sparql == cypher


def test_papers_proposing_methods_evaluated_on_a_dataset(store, graph: Graph) -> None:
    """Canned `papers-on-dataset` against SPARQL: paper, method, dataset and evidence paper."""
    (top,) = run_cypher(
        store,
        "MATCH (:Method)-[:EVALUATED_ON]->(d:Dataset) "
        "RETURN d.name AS name, count(*) AS n ORDER BY n DESC, name LIMIT 1",
    )
    wanted = top["name"].lower()[:5]
    rows = run_query(store, "papers-on-dataset", {"dataset": wanted})
    cypher = {
        (r["paper_id"], r["method_id"], r["dataset_id"], r["evidence_paper_id"]) for r in rows
    }
    sparql_rows = graph.query(
        PREFIXES
        + """
        SELECT ?p ?m ?d ?evidencePaper WHERE {
            ?p kg:proposes ?m . ?m kg:evaluatedOn ?d . ?d rdfs:label ?name .
            FILTER (CONTAINS(LCASE(?name), ?wanted))
            ?c a kg:EvaluationClaim ; rdf:subject ?m ; rdf:object ?d ; kg:evidence ?e .
            ?e prov:wasDerivedFrom ?evidencePaper .
        }
        """,
        initBindings={"wanted": Literal(wanted)},
    )
    sparql = {(local(r.p), local(r.m), local(r.d), local(r.evidencePaper)) for r in sparql_rows}
    assert cypher and sparql == cypher


def test_overview_counts(store, graph: Graph) -> None:
    (row,) = run_query(store, "overview")
    rows = graph.query(
        PREFIXES
        + """
        SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kg:Paper ; kg:proposes ?m . ?m a kg:Method }
        """
    )
    assert int(next(iter(rows))[0]) == row["papers_with_methods"]


def test_evidence_points_to_papers_of_the_store(store, graph: Graph) -> None:
    papers = {n.id for n in store.nodes() if n.label == "Paper"}
    derived = {
        local(o) for o in graph.objects(None, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    }
    assert derived and derived <= papers


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("ntriples", "g.nt"), ("jsonld", "g.json")])
def test_kg_export_command(seeded, tmp_path: Path, graph: Graph, fmt: str, name: str) -> None:
    target = tmp_path / name
    result = CliRunner().invoke(
        main, ["export", "--db", str(seeded[0]), "--format", fmt, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert isomorphic(parse_rdf(target.read_text(encoding="utf-8"), fmt), graph)


def test_kg_export_to_stdout_with_a_base_iri(seeded) -> None:
    result = CliRunner().invoke(
        main,
        ["export", "--db", str(seeded[0]), "--format", "ntriples", "--base-iri", "urn:x:kg"],
    )
    assert result.exit_code == 0, result.output
    exported = Graph().parse(data=result.stdout, format="nt")
    subjects = {str(s) for s in exported.subjects()}
    assert subjects and all(s.startswith("urn:x:kg/") for s in subjects)


def test_kg_export_with_a_bad_base_iri_writes_nothing(seeded, tmp_path: Path) -> None:
    target = tmp_path / "g.ttl"
    result = CliRunner().invoke(
        main, ["export", "--db", str(seeded[0]), "-o", str(target), "--base-iri", "not an iri"]
    )
    assert result.exit_code == 2
    assert "base-iri" in result.output and "Traceback" not in result.output
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_kg_export_base_iri_from_the_environment(seeded, monkeypatch) -> None:
    monkeypatch.setenv("KG_BASE_IRI", "https://example.org/kg/")
    result = CliRunner().invoke(main, ["export", "--db", str(seeded[0]), "--format", "turtle"])
    assert result.exit_code == 0
    assert "@prefix method: <https://example.org/kg/method/> ." in result.stdout


# --- Neo4j ---------------------------------------------------------------------------------------


def test_neo4j_export_equals_the_embedded_export(neo4j_server, graph: Graph) -> None:
    """The same seeds loaded into Neo4j export to the same RDF graph: the export only sees the
    GraphStore interface, whichever store is behind it."""
    from kg.stores import open_store

    auth = ["--neo4j", neo4j_server.uri, "--user", neo4j_server.user]
    auth += ["--password", neo4j_server.password]
    neo4j = open_store(neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    try:
        neo4j.clear()
    finally:
        neo4j.close()
    loaded = CliRunner().invoke(main, ["-q", "load", *map(str, SEED_FILES), *auth])
    assert loaded.exit_code == 0, loaded.output
    result = CliRunner().invoke(main, ["export", *auth, "--format", "ntriples"])
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(data=result.stdout, format="nt"), graph)
