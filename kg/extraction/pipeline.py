"""The spaCy pipeline `kg_extractor`: a blank English pipeline with rule components only.

    title_boundary -> sentencizer -> kg_terms -> kg_cues -> kg_proposes -> kg_targets
    -> kg_improves -> kg_context

Each doc's text is `title + "\\n\\n" + abstract` (`doc_text`). Components leave their results in
`doc.user_data["kg"]` as plain JSON-like dicts, so docs survive multiprocessing and `Doc.to_bytes`.
No statistical model is needed; the pipeline is built by name (`build_nlp()`), saved with
`nlp.to_disk` and loaded back with `spacy.load` as long as `kg.extraction` is imported (the
factories are registered on import).
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from kg.extraction.context import RESULT_KEY, TITLE_SEPARATOR, context
from kg.extraction.context_terms import extract_datasets, extract_tasks
from kg.extraction.improves import ImprovementRules
from kg.extraction.proposes import ProposalRules
from kg.extraction.targets import MethodResolver, extract_targets
from kg.extraction.terms import TermMatcher
from kg.extraction.vocab import load_vocabulary

PIPELINE_NAME = "kg_extractor"
DEFAULT_MAX_CHARS = 100_000


def doc_text(title: str, abstract: str) -> str:
    """The text the pipeline reads: the title (one line) and the abstract."""
    title = " ".join((title or "").split())
    return f"{title}{TITLE_SEPARATOR}{abstract or ''}"


def _result(doc: Doc) -> dict[str, Any]:
    return doc.user_data.setdefault(RESULT_KEY, {})


@Language.component("kg_title_boundary")
def title_boundary(doc: Doc) -> Doc:
    """Start a new sentence at the abstract, so the title is a sentence of its own."""
    cut = doc.text.find(TITLE_SEPARATOR)
    if cut < 0:
        return doc
    for token in doc:
        if token.idx > cut and not token.is_space:
            token.is_sent_start = True
            break
    return doc


@Language.factory("kg_terms")
def make_terms(nlp: Language, name: str) -> TermMatcher:
    return TermMatcher(nlp, load_vocabulary())


class CueMatcher:
    """Token patterns marking sentences worth reading: proposal verbs, naming cues, acronym
    definitions and self-reference. Stores {sentence index: set of cue labels}."""

    def __init__(self, nlp: Language) -> None:
        vocab = load_vocabulary()
        lex = vocab.lexicon
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("PROPOSE", [[{"LOWER": {"IN": sorted(vocab.words("proposal_verbs"))}}]])
        self.matcher.add(
            "NAMING",
            [
                [{"LOWER": {"IN": sorted(vocab.words("naming_cues"))}}],
                [{"LOWER": {"IN": ["call", "name", "term", "dub"]}}, {"IS_ALPHA": True, "OP": "?"}],
                [{"LOWER": "referred"}, {"LOWER": "to"}, {"LOWER": "as"}],
            ],
        )
        self.matcher.add(
            "ACRO",
            [
                [
                    {"ORTH": "("},
                    {"IS_PUNCT": False, "IS_SPACE": False},
                    {"OP": "{0,4}", "IS_PUNCT": False},
                    {"ORTH": ")"},
                ]
            ],
        )
        self_words = [w for w in lex["self_reference"] if " " not in w]
        self.matcher.add(
            "SELF",
            [
                [{"LOWER": {"IN": self_words}}],
                [
                    {"LOWER": "this"},
                    {"LOWER": {"IN": ["paper", "work", "study", "article", "report"]}},
                ],
            ],
        )

    def __call__(self, doc: Doc) -> Doc:
        cues: dict[int, list[str]] = {}
        matches = self.matcher(doc)
        if matches:
            starts = [s.start for s in doc.sents]
            strings = doc.vocab.strings
            import bisect

            for match_id, start, _end in matches:
                si = bisect.bisect_right(starts, start) - 1
                label = strings[match_id]
                lst = cues.setdefault(si, [])
                if label not in lst:
                    lst.append(label)
        _result(doc)["_cues"] = {str(k): v for k, v in cues.items()}
        return doc


@Language.factory("kg_cues")
def make_cues(nlp: Language, name: str) -> CueMatcher:
    return CueMatcher(nlp)


class Proposes:
    def __init__(self) -> None:
        self.rules = ProposalRules(load_vocabulary())

    def __call__(self, doc: Doc) -> Doc:
        ctx = context(doc)
        cue_sents = {int(k): set(v) for k, v in ctx.result.get("_cues", {}).items()}
        ctx.result["methods"] = [c.to_dict() for c in self.rules.extract(ctx, cue_sents)]
        return doc


@Language.factory("kg_proposes")
def make_proposes(nlp: Language, name: str) -> Proposes:
    return Proposes()


class Targets:
    def __init__(self) -> None:
        self.vocab = load_vocabulary()

    def __call__(self, doc: Doc) -> Doc:
        ctx = context(doc)
        methods = ctx.result.get("methods", [])
        if len(doc.spans["kg_hardware"]):
            resolver = MethodResolver(methods)
            ctx.result["targets"] = extract_targets(doc, ctx, self.vocab, resolver)
        else:
            ctx.result["targets"] = []
        return doc


@Language.factory("kg_targets")
def make_targets(nlp: Language, name: str) -> Targets:
    return Targets()


class Improves:
    def __init__(self) -> None:
        self.rules = ImprovementRules(load_vocabulary())

    def __call__(self, doc: Doc) -> Doc:
        ctx = context(doc)
        methods = ctx.result.get("methods", [])
        claims, baselines = self.rules.extract(doc, ctx, MethodResolver(methods), methods)
        ctx.result["improves"] = claims
        ctx.result["baselines"] = list(dict.fromkeys(baselines))
        return doc


@Language.factory("kg_improves")
def make_improves(nlp: Language, name: str) -> Improves:
    return Improves()


class ContextTerms:
    def __call__(self, doc: Doc) -> Doc:
        ctx = context(doc)
        methods = ctx.result.get("methods", [])
        ctx.result["datasets"] = extract_datasets(doc, ctx, methods)
        ctx.result["tasks"] = extract_tasks(doc, ctx)
        ctx.result.pop("_cues", None)
        return doc


@Language.factory("kg_context")
def make_context(nlp: Language, name: str) -> ContextTerms:
    return ContextTerms()


COMPONENTS = (
    "kg_title_boundary",
    "sentencizer",
    "kg_terms",
    "kg_cues",
    "kg_proposes",
    "kg_targets",
    "kg_improves",
    "kg_context",
)


def build_nlp(name: str = PIPELINE_NAME, max_length: int = 2_000_000) -> Language:
    """Build the extraction pipeline. `name` must be `kg_extractor` (the only pipeline)."""
    if name != PIPELINE_NAME:
        raise ValueError(f"unknown pipeline {name!r}; the extraction pipeline is {PIPELINE_NAME!r}")
    nlp = spacy.blank("en")
    nlp.meta["name"] = PIPELINE_NAME.replace("kg_", "kg-")
    nlp.max_length = max_length
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp
