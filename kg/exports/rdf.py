"""RDF export: the graph as linked data, following the vocabulary in `schema/ontology.ttl`.

Every node becomes a resource typed with its `kg:` class; every relationship becomes a plain
triple (`<method> kg:improves <metric>`, so simple SPARQL stays simple) *and* a claim resource
(`kg:ImprovementClaim`, reified with `rdf:subject` / `rdf:predicate` / `rdf:object`) carrying the
relationship's own data and pointing to a `kg:Evidence` (a `prov:Entity`: the sentence, its
offsets, the rule, the confidence, `prov:wasDerivedFrom` the paper).

IRIs are minted from the stable ids under a base IRI (`DEFAULT_BASE_IRI`), percent-encoding
everything but RFC 3986 unreserved characters, so any id yields a valid IRI:

    method:efficientvit   -> <base>method/efficientvit
    arxiv:2406.01234      -> <base>arxiv/2406.01234
    improves:ab12...      -> <base>improves/ab12...            (the claim)
                             <base>evidence/improves%3Aab12... (its evidence)

N-Triples, N-Quads and Turtle are written by streaming writers straight from the node and
relationship iterators (memory stays flat as the graph grows; a relationship needs only the ids
of its ends). JSON-LD and RDF/XML go through an rdflib `Graph`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from kg.errors import KgError
from kg.model import NODE_LABELS, NODE_PROPERTIES, REL_TYPES, Node, Relationship

if TYPE_CHECKING:
    from rdflib import Graph

# --- namespaces ----------------------------------------------------------------------------------

KG = "https://w3id.org/kg/ontology#"
"""The vocabulary namespace (fixed; `schema/ontology.ttl` defines every term in it)."""
ONTOLOGY_IRI = "https://w3id.org/kg/ontology"
DEFAULT_BASE_IRI = "https://w3id.org/kg/id/"
"""Where data resources live unless `--base-iri` says otherwise."""

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "schema": SCHEMA,
}

RDF_TYPE = RDF + "type"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
XSD_DOUBLE = XSD + "double"
XSD_BOOLEAN = XSD + "boolean"
XSD_DATE = XSD + "date"
XSD_GYEARMONTH = XSD + "gYearMonth"
XSD_GMONTHDAY = XSD + "gMonthDay"

DCT_IDENTIFIER = DCTERMS + "identifier"

# Relationship type -> (plain predicate, claim class).
REL_VOCAB: dict[str, tuple[str, str]] = {
    "PROPOSES": (KG + "proposes", KG + "ProposalClaim"),
    "TARGETS": (KG + "targets", KG + "HardwareTargetClaim"),
    "IMPROVES": (KG + "improves", KG + "ImprovementClaim"),
    "EVALUATED_ON": (KG + "evaluatedOn", KG + "EvaluationClaim"),
    "ADDRESSES": (KG + "addresses", KG + "TaskClaim"),
}
assert set(REL_VOCAB) == set(REL_TYPES)

# Node property -> predicate, per label. `id` is written as dcterms:identifier from `Node.id`;
# `published` and `url` have their own term makers (typed dates, IRIs).
NODE_PREDICATES: dict[str, dict[str, str]] = {
    "Paper": {
        "title": DCTERMS + "title",
        "title_plain": KG + "plainTitle",
        "abstract": DCTERMS + "abstract",
        "arxiv_id": KG + "arxivId",
        "url": SCHEMA + "url",
        "published": DCTERMS + "issued",
        "author_count": KG + "authorCount",
        "authors": KG + "authorName",
        "upvotes": KG + "upvotes",
        "source": DCTERMS + "source",
    },
    "Method": {"name": RDFS + "label", "aliases": SKOS + "altLabel", "kind": KG + "kind"},
    "Hardware": {"name": RDFS + "label", "vendor": KG + "vendor", "class": KG + "hardwareClass"},
    "Metric": {"name": RDFS + "label", "family": KG + "metricFamily"},
    "Dataset": {"name": RDFS + "label"},
    "Task": {"name": RDFS + "label"},
}
assert set(NODE_PREDICATES) == set(NODE_LABELS)

# Relationship properties written on the claim resource.
CLAIM_PREDICATES: dict[str, str] = {
    "main": KG + "main",
    "metric_text": KG + "metricText",
    "value": KG + "valueText",
    "number": KG + "number",
    "unit": KG + "unit",
    "direction": KG + "direction",
    "baseline": KG + "baseline",
    "dataset": KG + "datasetName",
}
# Provenance properties written on the evidence resource (`paper_id` -> prov:wasDerivedFrom).
EVIDENCE_PREDICATES: dict[str, str] = {
    "evidence": KG + "sentence",
    "evidence_start": KG + "startOffset",
    "evidence_end": KG + "endOffset",
    "rule": KG + "rule",
    "confidence": KG + "confidence",
}
EVIDENCE_PROPS = frozenset(EVIDENCE_PREDICATES) | {"paper_id"}

# Relationship property -> its declared type (same for every relationship type that has it).
_REL_PROP_TYPES: dict[str, type] = {
    "main": bool,
    "metric_text": str,
    "value": str,
    "number": float,
    "unit": str,
    "direction": str,
    "baseline": str,
    "dataset": str,
    "evidence": str,
    "evidence_start": int,
    "evidence_end": int,
    "rule": str,
    "confidence": float,
}

# Id prefixes that get a readable `<base><prefix>/<rest>` IRI; anything else goes under `_/`.
_RESERVED_PREFIXES = frozenset({"_", "evidence", "graph"})
_ID_PREFIX = re.compile(r"[a-z][a-z0-9_]*\Z")
# Data prefixes declared in Turtle output (a prefixed name is used only when it is valid).
DATA_PREFIXES = (
    "paper",
    "arxiv",
    *(label.lower() for label in NODE_LABELS if label != "Paper"),
    *(t.lower() for t in REL_TYPES),
    "evidence",
)

# --- terms ---------------------------------------------------------------------------------------


class Lit(NamedTuple):
    """A literal: lexical form and datatype IRI (None for a plain xsd:string literal)."""

    lex: str
    dt: str | None = None


# An object is an IRI (a plain `str`) or a `Lit`.
Obj = str | Lit
Block = tuple[str | None, str, list[tuple[str, Obj]]]
"""(named graph or None, subject IRI, [(predicate IRI, object)]): one subject's statements."""

_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text that is valid Unicode: lone surrogates (not encodable as UTF-8) become U+FFFD."""
    if _SURROGATES.search(text):
        return _SURROGATES.sub("\ufffd", text)
    return text


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most C0 control characters (not even as `&#1;`), U+FFFE or U+FFFF:
    RDF/XML output replaces them with U+FFFD. Every other format keeps them."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def check_base_iri(base_iri: str) -> str:
    """The base IRI, ending in `/` or `#` (a `/` is added), or a `KgError` if it is not absolute."""
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f]+\Z", base_iri or ""):
        raise KgError(
            f"--base-iri {base_iri!r} is not an absolute IRI (like {DEFAULT_BASE_IRI}); "
            "it must have a scheme and no spaces, quotes, <, >, {, }, |, \\, ^ or `"
        )
    if not base_iri.endswith(("/", "#")):
        base_iri += "/"
    return base_iri


def _pct(text: str) -> str:
    return quote(text, safe="", errors="surrogatepass")


class Minter:
    """Maps stable ids to IRIs under one base IRI (validated once)."""

    def __init__(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.base = check_base_iri(base_iri)
        self.iri = lru_cache(maxsize=1 << 16)(self._iri)

    def _iri(self, id_: str) -> str:
        prefix, sep, rest = id_.partition(":")
        if sep and _ID_PREFIX.match(prefix) and prefix not in _RESERVED_PREFIXES:
            return f"{self.base}{prefix}/{_pct(rest)}"
        return f"{self.base}_/{_pct(id_)}"

    def evidence(self, rel_id: str) -> str:
        return f"{self.base}evidence/{_pct(rel_id)}"

    def graph(self, paper_id: str) -> str:
        """The N-Quads named graph holding a paper and the claims it makes."""
        return f"{self.base}graph/{_pct(paper_id)}"


# Characters an IRI may not hold (RFC 3987 + N-Triples IRIREF); percent-encoded in URLs we keep.
_IRI_BAD = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f\ud800-\udfff]|%(?![0-9A-Fa-f]{2})")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def url_iri(url: str) -> str | None:
    """A paper URL as an IRI (bad characters percent-encoded), or None without a scheme."""
    url = url.strip()
    if not _URL_SCHEME.match(url):
        return None
    return _IRI_BAD.sub(lambda m: quote(m.group(), safe="", errors="surrogatepass"), url)


_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}\Z"), XSD_DATE),
    (re.compile(r"\d{4}-(0[1-9]|1[0-2])\Z"), XSD_GYEARMONTH),
    (re.compile(r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\Z"), XSD_GMONTHDAY),
)


def date_literal(text: str) -> Lit:
    """`published` typed as xsd:date / xsd:gYearMonth / xsd:gMonthDay; else a plain string."""
    for pattern, datatype in _DATE_FORMS:
        if pattern.match(text):
            if datatype == XSD_DATE:
                try:
                    _dt.date.fromisoformat(text)
                except ValueError:
                    break
            return Lit(text, datatype)
    return Lit(clean_text(text))


def _double(value: Any) -> str | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    return repr(number)


def _literal(value: Any, kind: type) -> Lit | None:
    """A value as a literal of its declared type; a value that does not fit stays a string."""
    if kind is str or kind is list:
        return Lit(clean_text(value if isinstance(value, str) else str(value)))
    if kind is bool:
        if isinstance(value, bool):
            return Lit("true" if value else "false", XSD_BOOLEAN)
        if str(value).lower() in ("true", "false", "1", "0"):
            return Lit("true" if str(value).lower() in ("true", "1") else "false", XSD_BOOLEAN)
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return Lit(str(value), XSD_INTEGER)
        if isinstance(value, float) and value.is_integer():
            return Lit(str(int(value)), XSD_INTEGER)
        if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
            return Lit(str(int(value)), XSD_INTEGER)
    elif kind is float:
        lex = _double(value)
        if lex is not None:
            return Lit(lex, XSD_DOUBLE)
    return Lit(clean_text(str(value)))


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def _values(value: Any) -> Iterable[Any]:
    if isinstance(value, list | tuple | set | frozenset):
        return [v for v in value if not _empty(v)]
    return (value,)


# --- statements ----------------------------------------------------------------------------------


def node_block(node: Node, mint: Minter) -> Block | None:
    """One node's statements; None for a label the model does not know."""
    predicates = NODE_PREDICATES.get(node.label)
    if predicates is None:
        return None
    subject = mint.iri(node.id)
    pairs: list[tuple[str, Obj]] = [
        (RDF_TYPE, KG + node.label),
        (DCT_IDENTIFIER, Lit(clean_text(node.id))),
    ]
    types = NODE_PROPERTIES[node.label]
    for key, value in node.props.items():
        predicate = predicates.get(key)
        if predicate is None or _empty(value):
            continue
        if key == "published":
            pairs.append((predicate, date_literal(str(value))))
        elif key == "url":
            iri = url_iri(str(value))
            if iri:
                pairs.append((predicate, iri))
        else:
            kind = types[key]
            for item in _values(value):
                lit = _literal(item, kind)
                if lit is not None:
                    pairs.append((predicate, lit))
    graph = mint.graph(node.id) if node.label == "Paper" else None
    return graph, subject, pairs


def relationship_blocks(rel: Relationship, mint: Minter) -> list[Block]:
    """The plain triple, the claim and (when there is provenance) its evidence."""
    vocab = REL_VOCAB.get(rel.type)
    if vocab is None:
        return []
    predicate, claim_class = vocab
    start, end = mint.iri(rel.start), mint.iri(rel.end)
    props = rel.props
    paper_id = props.get("paper_id")
    graph = mint.graph(paper_id) if paper_id else None
    claim = mint.iri(rel.id)
    claim_pairs: list[tuple[str, Obj]] = [
        (RDF_TYPE, KG + "Claim"),
        (RDF_TYPE, claim_class),
        (RDF + "subject", start),
        (RDF + "predicate", predicate),
        (RDF + "object", end),
        (DCT_IDENTIFIER, Lit(clean_text(rel.id))),
    ]
    evidence_pairs: list[tuple[str, Obj]] = []
    for key, value in props.items():
        if _empty(value):
            continue
        if key in CLAIM_PREDICATES:
            lit = _literal(value, _REL_PROP_TYPES[key])
            if lit is not None:
                claim_pairs.append((CLAIM_PREDICATES[key], lit))
        elif key in EVIDENCE_PREDICATES:
            lit = _literal(value, _REL_PROP_TYPES[key])
            if lit is not None:
                evidence_pairs.append((EVIDENCE_PREDICATES[key], lit))
    blocks: list[Block] = [(graph, start, [(predicate, end)])]
    if evidence_pairs or paper_id:
        evidence = mint.evidence(rel.id)
        claim_pairs.append((KG + "evidence", evidence))
        head: list[tuple[str, Obj]] = [(RDF_TYPE, KG + "Evidence"), (RDF_TYPE, PROV + "Entity")]
        if paper_id:
            head.append((PROV + "wasDerivedFrom", mint.iri(paper_id)))
        blocks.append((graph, claim, claim_pairs))
        blocks.append((graph, evidence, head + evidence_pairs))
    else:
        blocks.append((graph, claim, claim_pairs))
    return blocks


def iter_blocks(
    nodes: Iterable[Node], relationships: Iterable[Relationship], base_iri: str = DEFAULT_BASE_IRI
) -> Iterator[Block]:
    """Every statement of the export, one subject at a time, nodes first; streams."""
    mint = Minter(base_iri)
    for node in nodes:
        block = node_block(node, mint)
        if block is not None:
            yield block
    for rel in relationships:
        yield from relationship_blocks(rel, mint)


def iter_triples(
    nodes: Iterable[Node], relationships: Iterable[Relationship], base_iri: str = DEFAULT_BASE_IRI
) -> Iterator[tuple[str, str, Obj]]:
    """Every (subject, predicate, object) of the export; IRIs are `str`, literals `Lit`."""
    for _graph, subject, pairs in iter_blocks(nodes, relationships, base_iri):
        for predicate, obj in pairs:
            yield subject, predicate, obj


# --- N-Triples / N-Quads -------------------------------------------------------------------------

_NT_ESCAPES = {
    **{c: f"\\u{c:04X}" for c in (*range(0x20), *range(0x7F, 0xA0))},
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
    **{c: "\\uFFFD" for c in range(0xD800, 0xE000)},
}
_NT_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f-\x9f\ud800-\udfff]')


def escape_literal(text: str) -> str:
    """A lexical form escaped for an N-Triples / Turtle `"..."` string: `"` `\\` and line breaks
    as ECHARs, every other control character (C0, DEL, C1) as `\\uXXXX`; the rest stays UTF-8."""
    if _NT_NEEDS_ESCAPE.search(text) is None:
        return text
    return text.translate(_NT_ESCAPES)


def nt_term(obj: Obj) -> str:
    """An object in N-Triples syntax."""
    if isinstance(obj, Lit):
        if obj.dt is None:
            return f'"{escape_literal(obj.lex)}"'
        return f'"{escape_literal(obj.lex)}"^^<{obj.dt}>'
    return f"<{obj}>"


def iter_ntriples(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    base_iri: str = DEFAULT_BASE_IRI,
    quads: bool = False,
) -> Iterator[str]:
    """N-Triples lines (or N-Quads with `quads=True`: a paper's statements and the claims it makes
    are in the named graph of that paper; other nodes are in the default graph). Streams.

    A plain triple stated by several papers is written once per paper (N-Triples allows
    duplicates; a parser keeps one), so no memory of what was already written is needed.
    """
    escape = escape_literal
    for graph, subject, pairs in iter_blocks(nodes, relationships, base_iri):
        tail = f" <{graph}> .\n" if quads and graph else " .\n"
        head = f"<{subject}> <"
        for predicate, obj in pairs:
            if obj.__class__ is str:
                yield f"{head}{predicate}> <{obj}>{tail}"
            elif obj[1] is None:
                yield f'{head}{predicate}> "{escape(obj[0])}"{tail}'
            else:
                yield f'{head}{predicate}> "{escape(obj[0])}"^^<{obj[1]}>{tail}'


# --- Turtle --------------------------------------------------------------------------------------

_PN_LOCAL = re.compile(r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*\Z")


class _TurtleNames:
    """Prefixed names for IRIs where they are valid Turtle, `<IRI>` otherwise."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.data_prefixes = {p: f"{base}{p}/" for p in DATA_PREFIXES}
        self.vocab: dict[str, str] = {RDF_TYPE: "a"}
        self.name = lru_cache(maxsize=1 << 16)(self._name)

    def _name(self, iri: str) -> str:
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if _PN_LOCAL.match(local) and not local.endswith("."):
                    return f"{prefix}:{local}"
        if iri.startswith(self.base):
            prefix, sep, local = iri[len(self.base) :].partition("/")
            if (
                sep
                and prefix in self.data_prefixes
                and _PN_LOCAL.match(local)
                and not local.endswith(".")
            ):
                return f"{prefix}:{local}"
        return f"<{iri}>"

    def header(self) -> str:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
        lines += [f"@prefix {p}: <{ns}> ." for p, ns in self.data_prefixes.items()]
        return "\n".join(lines) + "\n"


def _turtle_object(obj: Obj, name: Callable[[str], str]) -> str:
    if obj.__class__ is str:
        return name(obj)  # type: ignore[arg-type]
    lex, dt = obj  # type: ignore[misc]
    if dt is None:
        return f'"{escape_literal(lex)}"'
    if dt in (XSD_INTEGER, XSD_BOOLEAN):
        return lex  # `5`, `true`: valid Turtle tokens of those types
    return f'"{escape_literal(lex)}"^^{name(dt)}'


def iter_turtle(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    base_iri: str = DEFAULT_BASE_IRI,
    counter: list[int] | None = None,
) -> Iterator[str]:
    """Turtle, one subject block at a time (`;` between predicates, `,` between objects). Streams;
    a subject may appear in several blocks, which Turtle allows. `counter[0]` (if given) is
    increased by the number of statements written."""
    names = _TurtleNames(check_base_iri(base_iri))
    name = names.name
    yield names.header()
    for _graph, subject, pairs in iter_blocks(nodes, relationships, names.base):
        if counter is not None:
            counter[0] += len(pairs)
        parts: list[str] = []
        last = None
        for predicate, obj in pairs:
            term = _turtle_object(obj, name)
            if predicate == last:
                parts.append(f", {term}")
            else:
                if last is not None:
                    parts.append(" ;\n    ")
                parts.append(f"{'a' if predicate == RDF_TYPE else name(predicate)} {term}")
                last = predicate
        yield f"\n{name(subject)} {''.join(parts)} .\n"


# --- rdflib --------------------------------------------------------------------------------------


def to_graph(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    base_iri: str = DEFAULT_BASE_IRI,
    for_xml: bool = False,
) -> Graph:
    """The export as an rdflib `Graph` (prefixes bound). `for_xml` replaces characters XML 1.0
    cannot hold with U+FFFD (see `xml_safe`)."""
    from rdflib import Graph, Literal, URIRef

    graph = Graph()
    mint_base = check_base_iri(base_iri)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for prefix in DATA_PREFIXES:
        graph.bind(prefix, f"{mint_base}{prefix}/", override=True, replace=True)
    datatypes: dict[str, URIRef] = {}
    add = graph.add
    for _g, subject, pairs in iter_blocks(nodes, relationships, mint_base):
        s = URIRef(subject)
        for predicate, obj in pairs:
            if isinstance(obj, Lit):
                lex = xml_safe(obj.lex) if for_xml else obj.lex
                dt = None
                if obj.dt is not None:
                    dt = datatypes.get(obj.dt) or datatypes.setdefault(obj.dt, URIRef(obj.dt))
                o: Any = Literal(lex, datatype=dt)
            else:
                o = URIRef(obj)
            add((s, URIRef(predicate), o))
    return graph


# --- export --------------------------------------------------------------------------------------

FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "ttl": "turtle",
    "ntriples": "ntriples",
    "nt": "ntriples",
    "nquads": "nquads",
    "nq": "nquads",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "xml": "xml",
    "rdfxml": "xml",
}
"""Format names and aliases -> canonical name."""

STREAMING_FORMATS = frozenset({"turtle", "ntriples", "nquads"})
FORMAT_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}


@dataclass
class ExportReport:
    """What an export wrote: statements written (N-Triples/N-Quads count lines, so a plain
    triple stated by two papers counts twice), format and destination."""

    triples: int
    format: str
    path: str
    seconds: float = 0.0


def format_for(name: str | None, path: str | os.PathLike[str] | None = None) -> str:
    """The canonical format for a name or alias; with no name, guessed from the file suffix."""
    if not name:
        suffix = Path(path).suffix.lower() if path not in (None, "-") else ""
        return FORMAT_SUFFIXES.get(suffix, "turtle")
    canonical = FORMATS.get(name.lower())
    if canonical is None:
        choices = ", ".join(sorted({*FORMATS.values()}))
        raise KgError(f"unknown RDF format {name!r} (choose from {choices})")
    return canonical


def _source(source: Any) -> tuple[Iterable[Node], Iterable[Relationship]]:
    if hasattr(source, "nodes") and hasattr(source, "relationships"):
        return source.nodes(), source.relationships()
    nodes, relationships = source
    return nodes, relationships


def write_rdf(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    stream: IO[str],
    format: str = "turtle",
    base_iri: str = DEFAULT_BASE_IRI,
) -> int:
    """Write the export to a text stream; returns the number of statements written."""
    fmt = format_for(format)
    base_iri = check_base_iri(base_iri)
    if fmt in STREAMING_FORMATS:
        statements = [0]
        if fmt == "turtle":
            lines = iter_turtle(nodes, relationships, base_iri, statements)
        else:
            lines = iter_ntriples(nodes, relationships, base_iri, quads=fmt == "nquads")
        count = 0
        write = stream.write
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= 4096:
                write("".join(buffer))
                count += len(buffer)
                buffer.clear()
        write("".join(buffer))
        count += len(buffer)
        return statements[0] if fmt == "turtle" else count
    graph = to_graph(nodes, relationships, base_iri, for_xml=fmt == "xml")
    if fmt == "jsonld":
        context = {p: ns for p, ns in PREFIXES.items()}
        data = graph.serialize(format="json-ld", context=context, auto_compact=True)
    else:
        data = graph.serialize(format="xml")
    stream.write(data)
    return len(graph)


def export_rdf(
    source: Any,
    out: str | os.PathLike[str] | IO[str] | None = None,
    format: str | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
) -> ExportReport:
    """Export a graph as RDF.

    `source` is a `GraphStore` (anything with `nodes()` and `relationships()`) or a
    `(nodes, relationships)` pair of iterables. `out` is a path (written atomically: a temp file in
    the same folder renamed into place, so a failure leaves nothing half-written), a text stream,
    or `None` / `"-"` for stdout. `format` is `turtle`, `ntriples`, `nquads`, `jsonld` or `xml`
    (or an alias); with none it is guessed from the file suffix, defaulting to Turtle.
    """
    import time

    started = time.perf_counter()
    path = None if out is None or out == "-" or hasattr(out, "write") else out
    fmt = format_for(format, path)
    base_iri = check_base_iri(base_iri)
    nodes, relationships = _source(source)
    if path is None:
        stream = sys.stdout if out is None or out == "-" else out
        count = write_rdf(nodes, relationships, stream, fmt, base_iri)  # type: ignore[arg-type]
        stream.flush()  # type: ignore[union-attr]
        where = "-" if stream is sys.stdout else getattr(stream, "name", "<stream>")
    else:
        target = Path(path)
        with atomic_writer(target) as stream:
            count = write_rdf(nodes, relationships, stream, fmt, base_iri)
        where = str(target)
    return ExportReport(count, fmt, where, time.perf_counter() - started)


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[IO[str]]:
    """A UTF-8 text stream to a temp file beside `target`, renamed over it only on success."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise KgError(f"{target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
