"""Exports of the graph to other worlds; `kg.exports.rdf` is the linked-data one."""

from kg.exports.rdf import (
    DEFAULT_BASE_IRI,
    FORMATS,
    ExportReport,
    export_rdf,
    iter_ntriples,
    iter_triples,
    iter_turtle,
    to_graph,
    write_rdf,
)

__all__ = [
    "DEFAULT_BASE_IRI",
    "FORMATS",
    "ExportReport",
    "export_rdf",
    "iter_ntriples",
    "iter_triples",
    "iter_turtle",
    "to_graph",
    "write_rdf",
]
