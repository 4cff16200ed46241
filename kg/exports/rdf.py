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
import io
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from kg.errors import KgError
from kg.files import atomic_writer
from kg.model import (
    NODE_LABELS,
    NODE_PROPERTIES,
    REL_PROPERTIES,
    REL_TYPES,
    Node,
    Relationship,
)

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

# Relationship property -> its declared type (the same for every relationship type that has it).
_REL_PROP_TYPES: dict[str, type] = {
    name: kind for props in REL_PROPERTIES.values() for name, kind in props.items()
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
    """A literal: lexical form and datatype IRI (None for a plain xsd:string literal).

    Internally literals are plain `(lex, dt)` tuples (equal to a `Lit`), IRIs plain `str`s."""

    lex: str
    dt: str | None = None


# An object is an IRI (a plain `str`) or a literal `(lex, datatype or None)`.
Obj = str | tuple[str, str | None]
Block = tuple[str | None, str, list[tuple[str, Obj]]]
"""(named graph or None, subject IRI, [(predicate IRI, object)]): one subject's statements."""

_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text that is valid Unicode: lone surrogates (not encodable as UTF-8) become U+FFFD.
    The streaming writers do this while escaping; `to_graph` calls it."""
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


_UNRESERVED_OR_COLON = re.compile(r"[A-Za-z0-9._~:-]*\Z")


def _pct(text: str) -> str:
    """Percent-encode all but RFC 3986 unreserved characters (UTF-8; lone surrogates kept as
    their bytes, still a valid IRI)."""
    if _UNRESERVED_OR_COLON.match(text):  # the common case, without urllib
        return text.replace(":", "%3A")
    return quote(text, safe="", errors="surrogatepass")


class Minter:
    """Maps stable ids to IRIs under one base IRI (validated once)."""

    def __init__(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.base = check_base_iri(base_iri)
        self.iri = lru_cache(maxsize=1 << 12)(self._iri)
        self.graph = lru_cache(maxsize=1 << 10)(self._graph)

    def _iri(self, id_: str) -> str:
        prefix, sep, rest = id_.partition(":")
        if sep and _ID_PREFIX.match(prefix) and prefix not in _RESERVED_PREFIXES:
            return f"{self.base}{prefix}/{_pct(rest)}"
        return f"{self.base}_/{_pct(id_)}"

    def evidence(self, rel_id: str) -> str:
        return f"{self.base}evidence/{_pct(rel_id)}"

    def _graph(self, paper_id: str) -> str:
        """The N-Quads named graph holding a paper and the claims it makes."""
        return f"{self.base}graph/{_pct(paper_id)}"


# Characters an IRI may not hold (RFC 3987 + N-Triples IRIREF); percent-encoded in URLs we keep.
_IRI_BAD = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f\ud800-\udfff]|%(?![0-9A-Fa-f]{2})")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def url_iri(url: Any) -> str | None:
    """A paper URL as an IRI (bad characters percent-encoded), or None without a scheme."""
    url = str(url).strip()
    if not _URL_SCHEME.match(url):
        return None
    return _IRI_BAD.sub(lambda m: quote(m.group(), safe="", errors="surrogatepass"), url)


_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}\Z"), XSD_DATE),
    (re.compile(r"\d{4}-(0[1-9]|1[0-2])\Z"), XSD_GYEARMONTH),
    (re.compile(r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\Z"), XSD_GMONTHDAY),
)


def date_literal(value: Any) -> Lit:
    """`published` typed as xsd:date / xsd:gYearMonth / xsd:gMonthDay; else a plain string."""
    text = str(value)
    for pattern, datatype in _DATE_FORMS:
        if pattern.match(text):
            if datatype == XSD_DATE:
                try:
                    _dt.date.fromisoformat(text)
                except ValueError:
                    break
            return Lit(text, datatype)
    return Lit(text)


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


_INF = float("inf")


def _str_lit(value: Any) -> tuple[str, None]:
    return (value if value.__class__ is str else str(value), None)


def _int_lit(value: Any) -> tuple[str, str | None]:
    if value.__class__ is int:
        return (str(value), XSD_INTEGER)
    if isinstance(value, float) and value.is_integer():
        return (str(int(value)), XSD_INTEGER)
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
        return (str(int(value)), XSD_INTEGER)
    return (str(value), None)  # kept as written; the shapes flag the datatype


def _float_lit(value: Any) -> tuple[str, str | None]:
    if value.__class__ is float and value == value and -_INF < value < _INF:
        return (repr(value), XSD_DOUBLE)
    lex = None if isinstance(value, bool) else _double(value)
    return (str(value), None) if lex is None else (lex, XSD_DOUBLE)


def _bool_lit(value: Any) -> tuple[str, str | None]:
    if value is True or value is False:
        return ("true" if value else "false", XSD_BOOLEAN)
    text = str(value).strip().lower()
    if text in ("true", "false", "1", "0"):
        return ("true" if text in ("true", "1") else "false", XSD_BOOLEAN)
    return (str(value), None)


_CONVERTERS: dict[type, Callable[[Any], tuple[str, str | None]]] = {
    str: _str_lit,
    list: _str_lit,
    int: _int_lit,
    float: _float_lit,
    bool: _bool_lit,
}


def _literal(value: Any, kind: type) -> Lit:
    """A value as a literal of its declared type; a value that does not fit stays a string."""
    return Lit(*_CONVERTERS[kind](value))


# property -> (predicate, converter returning an object or None, many values?)
_Field = tuple[str, Callable[[Any], Obj | None], bool]
_NODE_FIELDS: dict[str, dict[str, _Field]] = {
    label: {
        key: (
            predicate,
            date_literal
            if key == "published"
            else url_iri
            if key == "url"
            else _CONVERTERS[NODE_PROPERTIES[label][key]],
            NODE_PROPERTIES[label][key] is list,
        )
        for key, predicate in predicates.items()
    }
    for label, predicates in NODE_PREDICATES.items()
}
# relationship property -> (on the evidence?, predicate, converter)
_REL_FIELDS: dict[str, tuple[bool, str, Callable[[Any], tuple[str, str | None]]]] = {
    **{k: (False, p, _CONVERTERS[_REL_PROP_TYPES[k]]) for k, p in CLAIM_PREDICATES.items()},
    **{k: (True, p, _CONVERTERS[_REL_PROP_TYPES[k]]) for k, p in EVIDENCE_PREDICATES.items()},
}
_CLASS = {label: KG + label for label in NODE_LABELS}
_OFFSETS = frozenset({"evidence_start", "evidence_end"})
_OFFSET_PREDICATES = frozenset({KG + "startOffset", KG + "endOffset"})
_KG_SECTION = KG + "section"
_KG_CLAIM = KG + "Claim"
_KG_EVIDENCE_CLASS = KG + "Evidence"
_KG_EVIDENCE = KG + "evidence"
_PROV_ENTITY = PROV + "Entity"
_PROV_DERIVED = PROV + "wasDerivedFrom"
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = RDF + "subject", RDF + "predicate", RDF + "object"


# --- statements ----------------------------------------------------------------------------------


def node_block(node: Node, mint: Minter) -> Block | None:
    """One node's statements; None for a label the model does not know."""
    fields = _NODE_FIELDS.get(node.label)
    if fields is None:
        return None
    subject = mint.iri(node.id)
    pairs: list[tuple[str, Obj]] = [
        (RDF_TYPE, _CLASS[node.label]),
        (DCT_IDENTIFIER, (node.id, None)),
    ]
    append = pairs.append
    for key, value in node.props.items():
        field = fields.get(key)
        if field is None or value is None or value == "":
            continue
        predicate, convert, many = field
        if many and isinstance(value, list | tuple | set | frozenset):
            for item in value:
                if item is not None and item != "":
                    append((predicate, convert(item)))  # type: ignore[arg-type]
        else:
            obj = convert(value)
            if obj is not None:
                append((predicate, obj))
    graph = mint.graph(node.id) if node.label == "Paper" else None
    return graph, subject, pairs


def relationship_blocks(rel: Relationship, mint: Minter) -> list[Block]:
    """The plain triple, the claim and (when there is provenance) its evidence."""
    vocab = REL_VOCAB.get(rel.type)
    if vocab is None:
        return []
    predicate, claim_class = vocab
    iri = mint.iri
    start, end = iri(rel.start), iri(rel.end)
    props = rel.props
    paper_id = props.get("paper_id")
    graph = mint.graph(paper_id) if paper_id else None
    claim_pairs: list[tuple[str, Obj]] = [
        (RDF_TYPE, _KG_CLAIM),
        (RDF_TYPE, claim_class),
        (_RDF_SUBJECT, start),
        (_RDF_PREDICATE, predicate),
        (_RDF_OBJECT, end),
        (DCT_IDENTIFIER, (rel.id, None)),
    ]
    evidence_pairs: list[tuple[str, Obj]] = []
    fields = _REL_FIELDS
    section = None
    for key, value in props.items():
        field = fields.get(key)
        if field is None or value is None or value == "":
            continue
        if key in _OFFSETS:
            # -1/-1 marks evidence taken from the title: no offsets, kg:section "title"
            lit = _int_lit(value)
            if lit[1] is not None and lit[0].startswith("-"):
                section = "title"
                continue
            section = section or "abstract"
        on_evidence, field_predicate, convert = field
        (evidence_pairs if on_evidence else claim_pairs).append((field_predicate, convert(value)))
    if section == "title":
        evidence_pairs = [p for p in evidence_pairs if p[0] not in _OFFSET_PREDICATES]
    if section is not None:
        evidence_pairs.append((_KG_SECTION, (section, None)))
    claim = mint._iri(rel.id)  # unique per relationship: not worth caching
    if not (evidence_pairs or paper_id):
        return [(graph, start, [(predicate, end)]), (graph, claim, claim_pairs)]
    evidence = mint.evidence(rel.id)
    claim_pairs.append((_KG_EVIDENCE, evidence))
    head: list[tuple[str, Obj]] = [(RDF_TYPE, _KG_EVIDENCE_CLASS), (RDF_TYPE, _PROV_ENTITY)]
    if paper_id:
        head.append((_PROV_DERIVED, iri(paper_id)))
    return [
        (graph, start, [(predicate, end)]),
        (graph, claim, claim_pairs),
        (graph, evidence, head + evidence_pairs),
    ]


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
    """Every (subject, predicate, object) of the export; IRIs are `str`, literals tuples."""
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
    0x2028: "\\u2028",
    0x2029: "\\u2029",
    **{c: "\\uFFFD" for c in range(0xD800, 0xE000)},
}
_NT_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f-\x9f\u2028\u2029\ud800-\udfff]')


def _escape_match(match: re.Match[str]) -> str:
    return _NT_ESCAPES[ord(match.group())]


def escape_literal(text: str) -> str:
    """A lexical form escaped for an N-Triples / Turtle `"..."` string: `"` `\\` and line breaks
    as ECHARs, every other control character (C0, DEL, C1) and the Unicode line and paragraph
    separators as `\\uXXXX`, a lone surrogate as `\\uFFFD`; the rest stays as it is (UTF-8)."""
    return _NT_NEEDS_ESCAPE.sub(_escape_match, text)


def nt_term(obj: Obj) -> str:
    """An object in N-Triples syntax."""
    if obj.__class__ is str:
        return f"<{obj}>"
    lex, dt = obj  # type: ignore[misc]
    if dt is None:
        return f'"{escape_literal(lex)}"'
    return f'"{escape_literal(lex)}"^^<{dt}>'


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
    for chunk in _ntriples_chunks(nodes, relationships, base_iri, quads):
        if not chunk:
            continue
        for line in chunk[:-1].split("\n"):  # only "\n" ends a line; str.splitlines knows more
            yield line + "\n"


def _ntriples_chunks(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    base_iri: str,
    quads: bool = False,
    counter: list[int] | None = None,
) -> Iterator[str]:
    """N-Triples / N-Quads, one string per subject block (the fast path of `write_rdf`)."""
    escape = _NT_NEEDS_ESCAPE.sub
    match = _escape_match
    count = 0
    for graph, subject, pairs in iter_blocks(nodes, relationships, base_iri):
        tail = f" <{graph}> .\n" if quads and graph else " .\n"
        head = f"<{subject}> <"
        count += len(pairs)
        yield "".join(
            [
                f"{head}{predicate}> <{obj}>{tail}"
                if obj.__class__ is str
                else f'{head}{predicate}> "{escape(match, obj[0])}"{tail}'
                if obj[1] is None
                else f'{head}{predicate}> "{escape(match, obj[0])}"^^<{obj[1]}>{tail}'
                for predicate, obj in pairs
            ]
        )
        if counter is not None and count >= 4096:
            counter[0] += count
            count = 0
    if counter is not None:
        counter[0] += count


# --- Turtle --------------------------------------------------------------------------------------

_PN_LOCAL = re.compile(
    r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*(?:[A-Za-z0-9_-]|%[0-9A-Fa-f]{2}))?\Z"
)


class _TurtleNames:
    """Prefixed names for IRIs where they are valid Turtle, `<IRI>` otherwise."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.data_prefixes = {p: f"{base}{p}/" for p in DATA_PREFIXES}
        self.known: dict[str, str] = {}

    def name(self, iri: str) -> str:
        known = self.known.get(iri)
        if known is not None:
            return known
        base = self.base
        if iri.startswith(base):  # data IRIs: many and mostly unique, so not remembered
            prefix, sep, local = iri[len(base) :].partition("/")
            if sep and prefix in self.data_prefixes and _PN_LOCAL.match(local):
                return f"{prefix}:{local}"
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and _PN_LOCAL.match(iri[len(namespace) :]):
                name = f"{prefix}:{iri[len(namespace) :]}"
                if len(self.known) < 4096:  # vocabulary terms: few, so remembered
                    self.known[iri] = name
                return name
        return f"<{iri}>"

    def header(self) -> str:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
        lines += [f"@prefix {p}: <{ns}> ." for p, ns in self.data_prefixes.items()]
        return "\n".join(lines) + "\n"


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
    escape = _NT_NEEDS_ESCAPE.sub
    match = _escape_match
    bare = (XSD_INTEGER, XSD_BOOLEAN)  # `5`, `true`: valid Turtle tokens of those types
    yield names.header()
    for _graph, subject, pairs in iter_blocks(nodes, relationships, names.base):
        if counter is not None:
            counter[0] += len(pairs)
        parts = ["\n", name(subject), " "]
        append = parts.append
        last = None
        for predicate, obj in pairs:
            if predicate == last:
                append(", ")
            else:
                if last is not None:
                    append(" ;\n    ")
                append("a " if predicate == RDF_TYPE else f"{name(predicate)} ")
                last = predicate
            if obj.__class__ is str:
                append(name(obj))  # type: ignore[arg-type]
            elif obj[1] is None:
                append(f'"{escape(match, obj[0])}"')
            elif obj[1] in bare:
                append(obj[0])  # type: ignore[arg-type]
            else:
                append(f'"{escape(match, obj[0])}"^^{name(obj[1])}')  # type: ignore[arg-type]
        append(" .\n")
        yield "".join(parts)


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
            if obj.__class__ is str:
                o: Any = URIRef(obj)  # type: ignore[arg-type]
            else:
                lex, dt = obj  # type: ignore[misc]
                lex = xml_safe(lex) if for_xml else clean_text(lex)
                if dt is not None:
                    dt = datatypes.get(dt) or datatypes.setdefault(dt, URIRef(dt))
                o = Literal(lex, datatype=dt)
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
            chunks = iter_turtle(nodes, relationships, base_iri, statements)
        else:
            chunks = _ntriples_chunks(nodes, relationships, base_iri, fmt == "nquads", statements)
        write = stream.write
        buffer: list[str] = []
        for chunk in chunks:
            buffer.append(chunk)
            if len(buffer) >= 512:
                write("".join(buffer))
                buffer.clear()
        write("".join(buffer))
        return statements[0]
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
    if path is None:
        nodes, relationships = _source(source)
        if out is None or out == "-":
            with _utf8_stdout() as stream:
                count = write_rdf(nodes, relationships, stream, fmt, base_iri)
            where = "-"
        else:
            count = write_rdf(nodes, relationships, out, fmt, base_iri)  # type: ignore[arg-type]
            out.flush()  # type: ignore[union-attr]
            where = getattr(out, "name", "<stream>")
    else:
        target = Path(path)
        with atomic_writer(target) as stream:
            nodes, relationships = _source(source)
            count = write_rdf(nodes, relationships, stream, fmt, base_iri)
        where = str(target)
    return ExportReport(count, fmt, where, time.perf_counter() - started)


@contextlib.contextmanager
def _utf8_stdout() -> Iterator[IO[str]]:
    """Standard output as UTF-8 whatever the locale says (RDF syntaxes are UTF-8)."""
    stdout = sys.stdout
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:  # already a plain text stream (a test's StringIO, say)
        yield stdout
        stdout.flush()
        return
    stdout.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n")
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()
