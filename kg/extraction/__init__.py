"""Extraction: abstracts -> PROPOSES / TARGETS / IMPROVES / EVALUATED_ON / ADDRESSES triples."""

from kg.extraction.pipeline import PIPELINE_NAME, build_nlp, doc_text

__all__ = ["PIPELINE_NAME", "build_nlp", "doc_text"]
