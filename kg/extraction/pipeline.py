# ruff: noqa: RUF001
"""The spaCy pipeline `kg_extractor`: a blank English pipeline with rule components only.

    kg_title_boundary -> kg_sentences -> kg_terms -> kg_cues -> kg_proposes -> kg_targets
    -> kg_improves -> kg_context

Each doc's text is `title + "\\n\\n" + abstract` (`doc_text`). Components leave their results in
`doc.user_data["kg"]` as plain JSON-like dicts, so docs survive multiprocessing and `Doc.to_bytes`.
No statistical model is needed; the pipeline is built by name (`build_nlp()`), saved with
`nlp.to_disk` and loaded back with `spacy.load`: the factories are spaCy entry points
(`spacy_factories` in pyproject.toml), so loading needs no prior import of kg.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex, compile_suffix_regex

from kg.extraction.context import (
    CTX_KEY,
    CUE_MATCHES_KEY,
    CUES_KEY,
    RESULT_KEY,
    TERMS_KEY,
    TEXT_KEY,
    TITLE_SEPARATOR,
    TOKENS_KEY,
    context,
    literal_starts,
    matches_at,
    sentence_starts,
    token_end,
    token_offsets,
)
from kg.extraction.context_terms import extract_datasets, extract_tasks, link_claim_datasets
from kg.extraction.improves import ImprovementRules
from kg.extraction.proposes import ProposalRules
from kg.extraction.targets import MethodResolver, extract_targets
from kg.extraction.terms import TermMatcher, cue_phrases, terms_of
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
    """Cache the doc text for the other components, when the caller did not hand it over (the
    splitter starts a sentence at the abstract, so the title is a sentence of its own)."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text  # built once here: Doc.text joins every token
    return doc


_SECOND = operator.itemgetter(1)
_NOT_START = np.uint64(2**64 - 1)  # SENT_START -1 in the uint64 array `Doc.from_array` takes
_SENT_END = re.compile(r"[.!?](?:[\"'”’)\]]*)\s+(?=[\"'“‘(\[]*[A-Z0-9$\\])")
_END_MARKS = ".!?"
_ABBREVIATIONS = load_vocabulary().words("abbreviations")
# the last two letters of each abbreviation, with its period: a set lookup per period
_ABBREVIATION_ENDS = frozenset(a[-3:] for a in _ABBREVIATIONS)


def _sentence_ends(text: str) -> Iterator[re.Match[str]]:
    """The `_SENT_END` matches in `text`, each tried only where `str.find` sees an end mark: a
    regex search would test its character class at every position (about a tenth of the
    splitter's instructions)."""
    return matches_at(_SENT_END, text, literal_starts(text, _END_MARKS))


def _abbreviation_before(text: str, end: int) -> bool:
    """Whether the word ending at `end` (with its period) is an abbreviation ("e.g.", "vs.")."""
    tail = text[max(0, end - 3) : end].casefold()
    if tail[-3:] not in _ABBREVIATION_ENDS and tail[-2:] not in _ABBREVIATION_ENDS:
        return False  # (a two-letter abbreviation, "a.", ends in two)
    return text[text.rfind(" ", 0, end) + 1 : end].lstrip("([").casefold() in _ABBREVIATIONS


@Language.component("kg_sentences")
def sentence_splitter(doc: Doc) -> Doc:
    """Split sentences at ". " / "? " / "! " before a capital or digit (not after an abbreviation
    such as "e.g." or "vs."), and after the title.

    Works on the text with one regex and writes all boundaries with one `Doc.from_array`, so no
    Token objects are built (the stock sentencizer makes one per token)."""
    n = len(doc)
    if not n:
        return doc
    text = doc.user_data.get(TEXT_KEY) or doc.text
    idx: list[int] = doc.to_array(IDX).tolist()
    found = {0}
    cut = text.find(TITLE_SEPARATOR)
    if cut >= 0:
        found.add(bisect.bisect_left(idx, cut + 1))
    left = bisect.bisect_left
    for m in _sentence_ends(text):
        # "e.g. GPUs", "(19.2GB vs. 24.2GB)": an abbreviation, not a sentence end
        if text[m.start()] != "." or not _abbreviation_before(text, m.start() + 1):
            found.add(left(idx, m.end()))
    starts = sorted(k for k in found if k < n)
    values: Any = np.full((n, 1), _NOT_START, dtype="uint64")  # thinc types it as Ints2d
    for k in starts:  # a few: item by item is cheaper than a fancy index (a list converted)
        values[k, 0] = 1
    doc.from_array([SENT_START], values)
    # the token offsets and sentence starts, for the components after this one
    doc.user_data[TOKENS_KEY] = (idx, starts)
    return doc


@Language.factory("kg_terms", default_config={"spans": False})
def make_terms(nlp: Language, name: str, spans: bool) -> TermMatcher:
    """`spans=True` also writes the matches to `doc.spans` (kg_hardware, kg_metric, ...)."""
    return TermMatcher(nlp, load_vocabulary(), spans)


class CueMatcher:
    """Token patterns marking sentences worth reading: proposal verbs, naming cues, acronym
    definitions and self-reference. Stores {sentence index: set of cue labels}.

    The matches come from `kg_terms`, which matches these phrases in its own pass; the matcher
    here runs only when that pass did not (a pipeline without `kg_terms`)."""

    def __init__(self, nlp: Language) -> None:
        # single words and short phrases: a PhraseMatcher on LOWER is the fastest way
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        make = nlp.make_doc
        for label, phrases in cue_phrases(load_vocabulary()).items():
            self.matcher.add(label, [make(p) for p in phrases])
        self.labels: dict[int, str] = {}  # match id -> label

    def _matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        matches = doc.user_data.pop(CUE_MATCHES_KEY, None)
        if matches is not None:
            return matches
        strings = doc.vocab.strings
        labels = self.labels
        out = []
        for match_id, start, end in self.matcher(doc):
            label = labels.get(match_id)
            if label is None:
                label = labels[match_id] = strings[match_id]
            out.append((label, start, end))
        return out

    def __call__(self, doc: Doc) -> Doc:
        cues: dict[int, list[tuple[str, int, int]]] = {}
        matches = self._matches(doc)
        if matches:
            idx = token_offsets(doc)[0]
            text = doc.user_data.get(TEXT_KEY) or doc.text
            starts = sentence_starts(doc)
            right = bisect.bisect_right
            for label, start, end in sorted(matches, key=_SECOND):
                si = right(starts, start) - 1
                row = (label, idx[start], token_end(text, idx, end - 1))
                if si in cues:
                    cues[si].append(row)
                else:
                    cues[si] = [row]
        doc.user_data[CUES_KEY] = cues
        return doc


@Language.factory("kg_cues")
def make_cues(nlp: Language, name: str) -> CueMatcher:
    return CueMatcher(nlp)


class Proposes:
    def __init__(self) -> None:
        self.rules = ProposalRules(load_vocabulary())

    def __call__(self, doc: Doc) -> Doc:
        ctx = context(doc)
        cue_pos = doc.user_data.get(CUES_KEY, {})
        cue_sents = {k: {c[0] for c in v} for k, v in cue_pos.items()}
        methods = self.rules.extract(ctx, cue_sents, cue_pos)
        ctx.result["methods"] = [c.to_dict() for c in methods]
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
        if terms_of(doc, "HARDWARE"):
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
        cues = doc.user_data.get(CUES_KEY, {})
        heads = {i for i, found in cues.items() for c in found if c[0] == "DATASET"}
        ctx.result["datasets"] = extract_datasets(doc, ctx, methods, heads)
        link_claim_datasets(ctx.result.get("improves", []), ctx.result["datasets"])
        ctx.result["tasks"] = extract_tasks(doc, ctx, methods)
        doc.user_data.pop(CUES_KEY, None)
        doc.user_data.pop(CUE_MATCHES_KEY, None)
        doc.user_data.pop(TEXT_KEY, None)
        doc.user_data.pop(CTX_KEY, None)
        doc.user_data.pop(TERMS_KEY, None)
        doc.user_data.pop(TOKENS_KEY, None)
        return doc


@Language.factory("kg_context")
def make_context(nlp: Language, name: str) -> ContextTerms:
    return ContextTerms()


COMPONENTS = (
    "kg_title_boundary",
    "kg_sentences",
    "kg_terms",
    "kg_cues",
    "kg_proposes",
    "kg_targets",
    "kg_improves",
    "kg_context",
)


def build_nlp(
    name: str = PIPELINE_NAME, max_length: int = 2_000_000, spans: bool = False
) -> Language:
    """Build the extraction pipeline. `name` must be `kg_extractor` (the only pipeline).
    `spans=True` also keeps the matched terms as `doc.spans` groups (slower)."""
    if name != PIPELINE_NAME:
        raise ValueError(f"unknown pipeline {name!r}; the extraction pipeline is {PIPELINE_NAME!r}")
    nlp = spacy.blank("en")
    # "on ADE20K.", "Llama-7B.", "12 TOPS/W.": English keeps the period of a word ending in a
    # digit or a slash and a capital (as of "U.S."), so the term matchers would not see the name
    # "8xH100" (or with a multiplication sign): a count of devices, split off so that the model
    # is seen
    lexicon = load_vocabulary().lexicon
    suffixes = [*(nlp.Defaults.suffixes or ()), *lexicon["tokenizer_suffixes"]]
    prefixes = [*lexicon["tokenizer_prefixes"], *(nlp.Defaults.prefixes or ())]
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.meta["name"] = PIPELINE_NAME.replace("kg_", "kg-")
    nlp.max_length = max_length
    for component in COMPONENTS:
        config = {"spans": spans} if component == "kg_terms" else {}
        nlp.add_pipe(component, config=config)
    return nlp
