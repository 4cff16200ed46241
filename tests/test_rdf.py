"""RDF export from hand-built nodes and relationships: IRIs, escaping, formats, shapes, ontology."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD
from support import PARSE, parse_rdf

from kg.errors import KgError
from kg.exports import rdf
from kg.exports.rdf import (
    DEFAULT_BASE_IRI,
    KG,
    Minter,
    escape_literal,
    export_rdf,
    iter_ntriples,
    iter_turtle,
    to_graph,
    write_rdf,
)
from kg.model import Node, Relationship

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "schema" / "shapes.ttl"
ONTOLOGY = ROOT / "schema" / "ontology.ttl"
OWL = "http://www.w3.org/2002/07/owl#"
K = {name: URIRef(KG + name) for name in ("Paper", "Method", "Metric", "improves", "number")}
FORMATS = list(PARSE)

HOSTILE = [
    "quote \" and 'single'",
    "new\nline and\r\nCRLF and tab\t",
    "angle <brackets> & ampersand ]]>",
    "control \x00 \x01 \x07 \x1b \x7f \x85 chars",
    "emoji 😀 and CJK 漢字 and RTL \u202e",
    "back\\slash \\n \\u0041 not escapes",
    "   spaces   ",
    "ends with backslash \\",
    "line sep \u2028 para \u2029 bom \ufeff",
]


def sample(name: str = "EfficientViT", paper_title: str = "A paper") -> tuple[list, list]:
    """A small graph in the model's shape, with `name` on every text field that can hold it."""
    paper = "arxiv:2406.01234"
    sentence = f"We propose {name}."
    nodes = [
        Node(
            "Paper",
            paper,
            {
                "id": paper,
                "title": paper_title,
                "title_plain": paper_title,
                "abstract": f"{sentence} It runs 2.6x faster on V100.",
                "arxiv_id": "2406.01234",
                "url": "https://arxiv.org/abs/2406.01234",
                "published": "2024-06-03",
                "author_count": 3,
                "authors": ["Ada", "Grace"],
                "upvotes": 12,
                "source": "daily",
            },
        ),
        Node("Paper", "paper:0a1b2c", {"title": "Second", "published": "--06-03"}),
        Node(
            "Method", f"method:{name}", {"name": name, "aliases": [name, "EViT"], "kind": "model"}
        ),
        Node("Method", "method:resnet", {"name": "ResNet", "kind": "model"}),
        Node("Hardware", "hardware:nvidia-v100-gpu", {"name": "NVIDIA V100 GPU", "class": "GPU"}),
        Node("Metric", "metric:fps", {"name": "FPS", "family": "speed"}),
        Node("Dataset", "dataset:imagenet", {"name": "ImageNet"}),
        Node("Task", "task:image-classification", {"name": "image classification"}),
    ]
    prov = {
        "paper_id": paper,
        "evidence": sentence,
        "evidence_start": 0,
        "evidence_end": len(sentence),
        "rule": "propose-verb",
        "confidence": 0.9,
    }
    m = f"method:{name}"
    title_prov = {**prov, "evidence": "paper", "evidence_start": -1, "evidence_end": -1}
    rels = [
        Relationship("PROPOSES", paper, m, "proposes:1", {**prov, "main": True}),
        Relationship("TARGETS", m, "hardware:nvidia-v100-gpu", "targets:1", dict(prov)),
        Relationship(
            "IMPROVES",
            m,
            "metric:fps",
            "improves:1",
            {
                **prov,
                "metric_text": "faster",
                "value": "2.6x",
                "number": 2.6,
                "unit": "x",
                "direction": "higher",
                "baseline": name,
                "dataset": "ImageNet",
            },
        ),
        # the same claim from a second paper: a second claim, one plain triple
        Relationship(
            "IMPROVES",
            m,
            "metric:fps",
            "improves:2",
            {**prov, "paper_id": "paper:0a1b2c", "number": 3.0, "direction": "higher"},
        ),
        Relationship("EVALUATED_ON", m, "dataset:imagenet", "evaluated_on:1", dict(prov)),
        Relationship("ADDRESSES", m, "task:image-classification", "addresses:1", title_prov),
        Relationship("PROPOSES", "paper:0a1b2c", "method:resnet", "proposes:2", {"main": False}),
    ]
    return nodes, rels


def export_text(nodes, rels, fmt: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    buffer = io.StringIO()
    write_rdf(nodes, rels, buffer, fmt, base_iri)
    return buffer.getvalue()


def shacl(graph: Graph) -> tuple[bool, str]:
    conforms, _report, text = pyshacl.validate(
        graph, shacl_graph=Graph().parse(SHAPES), inference="none", advanced=True
    )
    return conforms, text


# --- IRIs ----------------------------------------------------------------------------------------

IRI_CHARS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*\Z")


def test_ids_map_to_readable_iris() -> None:
    mint = Minter()
    assert mint.iri("method:efficientvit") == "https://w3id.org/kg/id/method/efficientvit"
    assert mint.iri("arxiv:2406.01234") == "https://w3id.org/kg/id/arxiv/2406.01234"
    assert mint.iri("paper:ab12cd") == "https://w3id.org/kg/id/paper/ab12cd"
    assert mint.iri("hardware:nvidia-v100-gpu").endswith("/hardware/nvidia-v100-gpu")
    assert Minter("http://example.org/g").iri("task:x") == "http://example.org/g/task/x"
    assert Minter("urn:x:kg#").iri("task:x") == "urn:x:kg#task/x"


ODD_IDS = [
    "method:efficient vit",
    'method:"quoted"',
    "method:<angle>",
    "method:a/b",
    "method:a%2Fb",
    "method:ünïcödé-漢字",
    "method:emoji😀",
    "method:ctl\x00\x01\n",
    "method:",
    "arxiv:cs/0112017",
    "no-prefix",
    "UPPER:x",
    "evidence:x",
    "graph:x",
    "_:x",
    ":x",
    "method:lone\ud800surrogate",
    "method:a:b",
    "",
]


def test_any_id_gives_a_distinct_valid_iri() -> None:
    mint = Minter()
    iris = [mint.iri(i) for i in ODD_IDS] + [mint.evidence(i) for i in ODD_IDS]
    iris += [mint.graph(i) for i in ODD_IDS]
    for iri in iris:
        assert IRI_CHARS.match(iri), iri
    assert len(set(iris)) == len(iris)


@pytest.mark.parametrize("bad", ["", "relative/path/", "http://exa mple.org/", "http://x/<y>", "x"])
def test_bad_base_iri_is_a_user_error(bad: str) -> None:
    with pytest.raises(KgError, match="base-iri"):
        Minter(bad)


def test_base_iri_changes_every_data_iri_but_not_the_vocabulary() -> None:
    nodes, rels = sample()
    graph = parse_rdf(export_text(nodes, rels, "ntriples", "https://example.org/data/"), "ntriples")
    subjects = {str(s) for s in graph.subjects()}
    assert subjects and all(s.startswith("https://example.org/data/") for s in subjects)
    assert (None, RDF.type, K["Method"]) in graph


def test_paper_url_with_bad_characters_stays_an_iri() -> None:
    assert rdf.url_iri('https://x.org/a b<c>?q="1"') == "https://x.org/a%20b%3Cc%3E?q=%221%22"
    assert rdf.url_iri("https://x.org/%41%zz") == "https://x.org/%41%25zz"
    assert rdf.url_iri("not a url") is None


# --- literals ------------------------------------------------------------------------------------


def test_escape_literal() -> None:
    assert escape_literal("plain ünï 😀") == "plain ünï 😀"
    assert escape_literal('a"b\\c') == 'a\\"b\\\\c'
    assert escape_literal("\n\r\t\b\f") == "\\n\\r\\t\\b\\f"
    assert escape_literal("\x00\x01\x1f\x7f\x85") == "\\u0000\\u0001\\u001F\\u007F\\u0085"
    assert escape_literal("lone \ud800") == "lone \\uFFFD"
    assert escape_literal("\u2028\u2029") == "\\u2028\\u2029"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_ntriples_lines_are_whole_triples_without_raw_control_characters(hostile: str) -> None:
    nodes, rels = sample(hostile)
    lines = list(iter_ntriples(nodes, rels))
    for line in lines:
        assert line.endswith(" .\n") and line.count("\n") == 1
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", line[:-1]), line
        assert len(Graph().parse(data=line, format="nt")) == 1
    assert len(lines) == len(to_graph(nodes, rels)) + 1  # the plain triple two papers state


def test_typed_literals() -> None:
    nodes, rels = sample()
    graph = to_graph(nodes, rels)
    paper = URIRef(DEFAULT_BASE_IRI + "arxiv/2406.01234")
    issued = graph.value(paper, URIRef("http://purl.org/dc/terms/issued"))
    assert issued.datatype == XSD.date
    second_issued = graph.value(
        URIRef(DEFAULT_BASE_IRI + "paper/0a1b2c"), URIRef("http://purl.org/dc/terms/issued")
    )
    assert second_issued.datatype == XSD.gMonthDay
    numbers = sorted(o.toPython() for o in graph.objects(None, K["number"]))
    assert numbers == [2.6, 3.0]
    assert all(o.datatype == XSD.double for o in graph.objects(None, K["number"]))
    count = graph.value(paper, URIRef(KG + "authorCount"))
    assert count.datatype == XSD.integer and count.toPython() == 3
    main = set(graph.objects(None, URIRef(KG + "main")))
    assert main == {Literal(True), Literal(False)}


@pytest.mark.parametrize(
    ("published", "datatype"),
    [
        ("2024-06-03", XSD.date),
        ("2024-06", XSD.gYearMonth),
        ("--06-03", XSD.gMonthDay),
        ("2024-02-30", None),
        ("Jun 3", None),
    ],
)
def test_published_is_typed_when_it_is_a_date(published: str, datatype) -> None:
    assert rdf.date_literal(published).dt == (None if datatype is None else str(datatype))


def test_special_doubles_are_valid_xsd() -> None:
    assert rdf._literal(float("inf"), float).lex == "INF"
    assert rdf._literal(float("-inf"), float).lex == "-INF"
    assert rdf._literal(float("nan"), float).lex == "NaN"
    assert rdf._literal("1.5", float) == rdf.Lit("1.5", str(XSD.double))
    assert rdf._literal("n/a", float) == rdf.Lit("n/a")  # kept; the shapes flag the type


# --- every format --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_names_survive_every_format(fmt: str, hostile: str) -> None:
    nodes, rels = sample(hostile, paper_title=hostile)
    graph = parse_rdf(export_text(nodes, rels, fmt), fmt)
    expected = rdf.xml_safe(hostile) if fmt == "xml" else hostile
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert expected in labels
    titles = {str(o) for o in graph.objects(None, URIRef("http://purl.org/dc/terms/title"))}
    assert expected in titles
    sentences = {str(o) for o in graph.objects(None, URIRef(KG + "sentence"))}
    assert f"We propose {expected}." in sentences
    # the odd name is in the method's id too: its IRI is valid and the identifier round-trips
    ids = {str(o) for o in graph.objects(None, URIRef("http://purl.org/dc/terms/identifier"))}
    assert f"method:{expected}" in ids
    for s in graph.subjects():
        assert IRI_CHARS.match(str(s)), s


def test_control_characters_in_xml_become_replacement_characters() -> None:
    assert rdf.xml_safe("a\x00b\x01c\td\ne\rf\ufffeg") == "a\ufffdb\ufffdc\td\ne\rf\ufffdg"


@pytest.mark.parametrize("fmt", ["ntriples", "nquads", "turtle", "jsonld"])
@pytest.mark.parametrize("hostile", ["plain", HOSTILE[3], HOSTILE[4], HOSTILE[1]])
def test_every_format_is_isomorphic_to_the_rdflib_graph(fmt: str, hostile: str) -> None:
    nodes, rels = sample(hostile, paper_title=hostile)
    reference = to_graph(nodes, rels)
    assert isomorphic(parse_rdf(export_text(nodes, rels, fmt), fmt), reference)


def test_xml_is_isomorphic_to_the_xml_safe_graph() -> None:
    nodes, rels = sample(HOSTILE[3])
    reference = to_graph(nodes, rels, for_xml=True)
    assert isomorphic(parse_rdf(export_text(nodes, rels, "xml"), "xml"), reference)


def test_streaming_ntriples_equal_rdflib_serialisation() -> None:
    nodes, rels = sample(HOSTILE[0])
    reference = to_graph(nodes, rels)
    ours = Graph().parse(data="".join(iter_ntriples(nodes, rels)), format="nt")
    theirs = Graph().parse(data=reference.serialize(format="nt"), format="nt")
    assert isomorphic(ours, theirs)


def test_nquads_put_claims_in_the_graph_of_their_paper() -> None:
    nodes, rels = sample()
    dataset = Dataset()
    dataset.parse(data=export_text(nodes, rels, "nquads"), format="nquads")
    mint = Minter()
    first = dataset.graph(URIRef(mint.graph("arxiv:2406.01234")))
    second = dataset.graph(URIRef(mint.graph("paper:0a1b2c")))
    claim1, claim2 = URIRef(mint.iri("improves:1")), URIRef(mint.iri("improves:2"))
    assert (claim1, RDF.type, URIRef(KG + "ImprovementClaim")) in first
    assert (claim2, RDF.type, URIRef(KG + "ImprovementClaim")) in second
    assert (claim2, None, None) not in first
    plain = (URIRef(mint.iri("method:EfficientViT")), K["improves"], URIRef(mint.iri("metric:fps")))
    assert plain in first and plain in second


def test_turtle_uses_prefixed_names() -> None:
    nodes, rels = sample()
    text = "".join(iter_turtle(nodes, rels))
    assert "\narxiv:2406.01234 a kg:Paper ;" in text
    assert "method:EfficientViT kg:improves metric:fps ." in text
    assert "@prefix kg: <https://w3id.org/kg/ontology#> ." in text


def test_writers_stream() -> None:
    """The first lines come out before the input is exhausted: nothing is collected first."""
    nodes, rels = sample()

    def endless():
        yield from nodes
        raise AssertionError("read past what was needed")

    lines = iter_ntriples(endless(), rels)
    assert [next(lines) for _ in range(3)]
    blocks = iter_turtle(endless(), rels)
    assert [next(blocks) for _ in range(3)]


def test_claims_and_plain_triples() -> None:
    nodes, rels = sample()
    graph = to_graph(nodes, rels)
    claims = list(graph.subjects(RDF.type, URIRef(KG + "Claim")))
    assert len(claims) == len(rels)
    # one plain triple for two papers' claims of the same improvement
    assert len(list(graph.triples((None, K["improves"], None)))) == 1
    rows = graph.query(
        """
        PREFIX kg: <https://w3id.org/kg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?number ?paper ?sentence WHERE {
            ?c a kg:ImprovementClaim ; rdf:subject ?m ; rdf:object ?metric ; kg:number ?number ;
               kg:evidence ?e .
            ?e prov:wasDerivedFrom ?paper ; kg:sentence ?sentence .
            ?m kg:improves ?metric .
        } ORDER BY DESC(?number)
        """
    )
    got = [(r.number.toPython(), str(r.paper).rsplit("/", 1)[1]) for r in rows]
    assert got == [(3.0, "0a1b2c"), (2.6, "2406.01234")]


def test_unknown_labels_types_and_properties_are_left_out() -> None:
    nodes = [Node("Person", "person:x", {"name": "X"}), Node("Task", "task:t", {"colour": "red"})]
    rels = [Relationship("LIKES", "task:t", "task:t", "likes:1", {})]
    graph = to_graph(nodes, rels)
    assert set(graph.predicates()) == {RDF.type, URIRef("http://purl.org/dc/terms/identifier")}


# --- SHACL ---------------------------------------------------------------------------------------


def test_sample_conforms_to_the_shapes() -> None:
    nodes, rels = sample(HOSTILE[0])
    conforms, text = shacl(to_graph(nodes, rels))
    assert conforms, text


def _without_plain_triple(graph: Graph) -> None:
    graph.remove((None, K["improves"], None))


def _bad_family(graph: Graph) -> None:
    metric = next(graph.subjects(RDF.type, K["Metric"]))
    graph.set((metric, URIRef(KG + "metricFamily"), Literal("speediness")))


def _claim_subject_wrong_class(graph: Graph) -> None:
    claim = next(graph.subjects(RDF.type, URIRef(KG + "HardwareTargetClaim")))
    paper = next(graph.subjects(RDF.type, K["Paper"]))
    graph.set((claim, RDF.subject, paper))
    graph.add((paper, URIRef(KG + "targets"), graph.value(claim, RDF.object)))


def _confidence_above_one(graph: Graph) -> None:
    evidence = next(graph.subjects(RDF.type, URIRef(KG + "Evidence")))
    graph.set((evidence, URIRef(KG + "confidence"), Literal(1.5)))


def _offsets_reversed(graph: Graph) -> None:
    evidence = next(graph.subjects(RDF.type, URIRef(KG + "Evidence")))
    graph.set((evidence, URIRef(KG + "startOffset"), Literal(50)))


def _typo_property(graph: Graph) -> None:
    method = next(graph.subjects(RDF.type, K["Method"]))
    graph.add((method, URIRef(KG + "lable"), Literal("x")))


def _number_as_string(graph: Graph) -> None:
    claim = next(graph.subjects(K["number"], None))
    graph.set((claim, K["number"], Literal("2.6x")))


def _dangling_method(graph: Graph) -> None:
    method = next(graph.subjects(RDF.type, K["Method"]))
    graph.remove((method, None, None))


def _evidence_of_unknown_paper(graph: Graph) -> None:
    prov = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    evidence = next(graph.subjects(RDF.type, URIRef(KG + "Evidence")))
    graph.set((evidence, prov, URIRef("https://elsewhere.org/p")))


def _two_titles(graph: Graph) -> None:
    paper = next(graph.subjects(RDF.type, K["Paper"]))
    graph.add((paper, URIRef("http://purl.org/dc/terms/title"), Literal("another")))


def _published_not_a_date(graph: Graph) -> None:
    paper = next(graph.subjects(RDF.type, K["Paper"]))
    graph.set((paper, URIRef("http://purl.org/dc/terms/issued"), Literal("Jun 3")))


def _claim_without_class(graph: Graph) -> None:
    claim = next(graph.subjects(RDF.type, URIRef(KG + "TaskClaim")))
    graph.remove((claim, RDF.type, URIRef(KG + "TaskClaim")))


def _sentence_not_at_offsets(graph: Graph) -> None:
    evidence = next(graph.subjects(URIRef(KG + "section"), Literal("abstract")))
    graph.set((evidence, URIRef(KG + "startOffset"), Literal(1)))


def _title_evidence_not_in_title(graph: Graph) -> None:
    evidence = next(graph.subjects(URIRef(KG + "section"), Literal("title")))
    graph.set((evidence, URIRef(KG + "sentence"), Literal("not in any title")))


def _offsets_on_title_evidence(graph: Graph) -> None:
    evidence = next(graph.subjects(URIRef(KG + "section"), Literal("title")))
    graph.set((evidence, URIRef(KG + "startOffset"), Literal(0)))
    graph.set((evidence, URIRef(KG + "endOffset"), Literal(5)))


BREAKAGES = [
    (_without_plain_triple, "plain triple is not asserted"),
    (_bad_family, "InConstraintComponent"),
    (_claim_subject_wrong_class, "ClassConstraintComponent"),
    (_confidence_above_one, "MaxInclusiveConstraintComponent"),
    (_offsets_reversed, "LessThanOrEqualsConstraintComponent"),
    (_typo_property, "ClosedConstraintComponent"),
    (_number_as_string, "DatatypeConstraintComponent"),
    (_dangling_method, "ClassConstraintComponent"),
    (_evidence_of_unknown_paper, "ClassConstraintComponent"),
    (_two_titles, "MaxCountConstraintComponent"),
    (_published_not_a_date, "OrConstraintComponent"),
    (_claim_without_class, "XoneConstraintComponent"),
    (_sentence_not_at_offsets, "not the paper's abstract between the offsets"),
    (_title_evidence_not_in_title, "not part of the paper's title"),
    (_offsets_on_title_evidence, "Offsets go with"),
]


@pytest.mark.parametrize(
    ("breakage", "component"), BREAKAGES, ids=[f.__name__.strip("_") for f, _c in BREAKAGES]
)
def test_broken_graphs_do_not_conform(breakage, component: str) -> None:
    nodes, rels = sample()
    graph = to_graph(nodes, rels)
    breakage(graph)
    conforms, text = shacl(graph)
    assert not conforms, f"{breakage.__name__} was not caught"
    assert component in text, text


# --- ontology ------------------------------------------------------------------------------------


def test_every_term_the_export_uses_is_declared_in_the_ontology() -> None:
    ontology = Graph().parse(ONTOLOGY)
    nodes, rels = sample()
    graph = to_graph(nodes, rels)
    used = {p for p in graph.predicates() if str(p).startswith(KG)}
    used |= {o for o in graph.objects(None, RDF.type) if str(o).startswith(KG)}
    used |= {o for o in graph.objects(None, RDF.predicate)}
    declared = set(ontology.subjects(RDF.type, None))
    assert used and used <= declared, used - declared
    assert (URIRef(rdf.ONTOLOGY_IRI), RDF.type, URIRef(OWL + "Ontology")) in ontology


def test_ontology_gives_relationships_domains_and_ranges() -> None:
    ontology = Graph().parse(ONTOLOGY)
    for rel_type, (start, end) in rdf.REL_TYPES.items():
        predicate = URIRef(rdf.REL_VOCAB[rel_type][0])
        assert ontology.value(predicate, RDFS.domain) == URIRef(KG + start)
        assert ontology.value(predicate, RDFS.range) == URIRef(KG + end)
    for label in rdf.NODE_LABELS:
        assert (URIRef(KG + label), RDF.type, URIRef(OWL + "Class")) in ontology


def test_shapes_graph_is_valid_shacl() -> None:
    """pyshacl checks the shapes graph itself against SHACL-SHACL first (meta_shacl)."""
    nodes, rels = sample()
    conforms, _report, text = pyshacl.validate(
        to_graph(nodes, rels),
        shacl_graph=Graph().parse(SHAPES),
        meta_shacl=True,
        inference="none",
        advanced=True,
    )
    assert conforms, text


# --- files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_file(tmp_path: Path, fmt: str) -> None:
    nodes, rels = sample()
    target = tmp_path / "out.rdf"
    report = export_rdf((nodes, rels), target, fmt)
    assert report.format == fmt and report.path == str(target)
    graph = parse_rdf(target.read_text(encoding="utf-8"), fmt)
    assert len(graph) > 0
    assert report.triples >= len(graph)
    assert [p.name for p in tmp_path.iterdir()] == ["out.rdf"]


def test_format_is_guessed_from_the_suffix(tmp_path: Path) -> None:
    nodes, rels = sample()
    for name, fmt in [("a.nt", "ntriples"), ("a.jsonld", "jsonld"), ("a.ttl", "turtle")]:
        assert export_rdf((nodes, rels), tmp_path / name).format == fmt
    with pytest.raises(KgError, match="unknown RDF format"):
        export_rdf((nodes, rels), tmp_path / "x", "n3")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_nothing_half_written(tmp_path: Path, fmt: str) -> None:
    nodes, rels = sample()

    def failing():
        yield from rels[:3]
        raise RuntimeError("store went away")

    fresh = tmp_path / "fresh.out"
    with pytest.raises(RuntimeError):
        export_rdf((nodes, failing()), fresh, fmt)
    assert not fresh.exists()

    old = tmp_path / "old.out"
    old.write_text("previous export\n")
    with pytest.raises(RuntimeError):
        export_rdf((nodes, failing()), old, fmt)
    assert old.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.out"]


def test_export_to_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="does not exist"):
        export_rdf(sample(), tmp_path / "nope" / "out.nt")


def test_export_to_a_stream() -> None:
    buffer = io.StringIO()
    report = export_rdf(sample(), buffer, "ntriples")
    assert report.triples == buffer.getvalue().count("\n")


def test_title_evidence_has_a_section_and_no_offsets() -> None:
    nodes, rels = sample()
    graph = to_graph(nodes, rels)
    evidence = URIRef(Minter().evidence("addresses:1"))
    assert graph.value(evidence, URIRef(KG + "section")) == Literal("title")
    assert graph.value(evidence, URIRef(KG + "startOffset")) is None
    other = URIRef(Minter().evidence("improves:1"))
    assert graph.value(other, URIRef(KG + "section")) == Literal("abstract")
    assert graph.value(other, URIRef(KG + "startOffset")) == Literal(0)
