"""Extraction: abstracts -> PROPOSES / TARGETS / IMPROVES / EVALUATED_ON / ADDRESSES triples.

from kg.extraction import Extractor
extraction = Extractor().extract(paper)        # one paper
for x in Extractor().extract_all(papers, n_process=2):  # a stream
    nodes, relationships = x.graph()
"""

from kg.extraction.extractor import Extractor
from kg.extraction.pipeline import PIPELINE_NAME, build_nlp, doc_text
from kg.extraction.result import (
    Evidence,
    Extraction,
    HardwareTarget,
    Improvement,
    MethodMention,
    TermMention,
)

__all__ = [
    "PIPELINE_NAME",
    "Evidence",
    "Extraction",
    "Extractor",
    "HardwareTarget",
    "Improvement",
    "MethodMention",
    "TermMention",
    "build_nlp",
    "doc_text",
]
