"""Term spotting: hardware, metrics, datasets and tasks from the vocabularies, with PhraseMatchers.

The rule components read the matches as plain rows (`terms_of`), which is much cheaper than Span
objects. With `spans=True` (`build_nlp(spans=True)`, or the `kg_terms` factory's `spans` setting)
they also go to `doc.spans` groups (`kg_hardware`, `kg_metric`, `kg_dataset`, `kg_task`), each
span's `kb_id_` the canonical name of its vocabulary entry; building those Spans costs about half
of this component, so it is off by default. Hardware
spans are widened over vendor words and a following class word ("NVIDIA" + "A100" + "GPU cards").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extraction.context import CUE_MATCHES_KEY, TERMS_KEY, TEXT_KEY, token_end, token_offsets
from kg.extraction.vocab import Vocabulary

_MODEL_NUMBER = re.compile(r"(?:\d{1,4}|[A-Z]\d{1,4})[a-zA-Z]?$")
# a matched term: (canonical, start token, end token, start char, end char, text as written)
TermRow = tuple[str, int, int, int, int, str]

SPAN_KEYS = {
    "HARDWARE": "kg_hardware",
    "METRIC": "kg_metric",
    "DATASET": "kg_dataset",
    "TASK": "kg_task",
}


def _is_short_code(alias: str) -> bool:
    """Short all-caps codes ("AP", "EM", "MAE") are matched case-sensitively."""
    letters = [c for c in alias if c.isalpha()]
    return (
        len(alias) <= 5 and bool(letters) and sum(c.isupper() for c in letters) >= len(letters) - 1
    )


def _glued_to_name(text: str, idx: list[int], end: int) -> bool:
    """Whether the match ending before token `end` is hyphened to a capitalised word or a
    number after it, as a part of a name ("Faster-MoE")."""
    if end + 1 >= len(idx):
        return False
    at = idx[end]
    return (
        text[at] == "-"
        and idx[end + 1] == at + 1
        and text[at - 1 : at].isalpha()
        and (text[at + 1].isupper() or text[at + 1].isdigit())
    )


def cue_phrases(vocab: Vocabulary) -> dict[str, list[str]]:
    """The cue phrases by label (matched on LOWER): proposal verbs, naming cues, the acronym
    parenthesis, self-reference, novelty ("a novel"), dataset head words ("benchmarks"), the
    model words of "LLM inference" and their plurals (where that pattern can start), and the
    words of outperforming ("outperforms", "beats") and the time units a time taken is written
    in ("seconds")."""
    models = vocab.lexicon["model_process"]["models"]
    return {
        "PROPOSE": sorted(vocab.words("proposal_verbs")),
        "NAMING": list(vocab.lexicon["naming_cues"]),
        "ACRO": ["("],  # the rules read the parenthesis from the text
        "SELF": list(vocab.lexicon["self_reference"]),
        "NOVEL": list(vocab.lexicon["novelty_phrases"]),
        "DATASET": sorted(
            {*vocab.lexicon["dataset_heads"], *vocab.lexicon["context_words"]["dataset_list_heads"]}
        ),
        "MODEL": sorted({*models, *(f"{m}s" for m in models)}),
        "OUTPERFORM": list(vocab.lexicon["outperform_in_cues"]),
        "TIME": list(vocab.lexicon["time_taken"]["unit_words"]),
    }


class TermMatcher:
    """One LOWER PhraseMatcher pass for the terms and the cue phrases (each pass walks every
    token, so one pass instead of three). Case-sensitive aliases are matched on their lowercase
    form under keys of their own and kept only when the tokens are written exactly as an alias;
    the cue matches are left in `doc.user_data` for `kg_cues`."""

    def __init__(self, nlp: Language, vocab: Vocabulary, spans: bool = False) -> None:
        self.vocab = vocab
        self.spans = spans
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        strings = nlp.vocab.strings
        self.info: dict[int, tuple[str, str]] = {}  # match id -> (label, canonical)
        # match id of a case-sensitive key -> (label, canonical, the aliases' token texts)
        self.orth_info: dict[int, tuple[str, str, frozenset[tuple[str, ...]]]] = {}
        pending_lower: dict[str, list[str]] = {}
        pending_orth: dict[str, list[str]] = {}

        def register(label: str, canonical: str, alias: str, case_sensitive: bool) -> None:
            key = f"{label}|{canonical}"
            self.info[strings.add(key)] = (label, canonical)
            target = pending_orth if case_sensitive else pending_lower
            target.setdefault(key, []).append(alias)

        for hw in vocab.hardware:
            for alias in hw.aliases:
                register("HARDWARE", hw.canonical, alias, hw.case_sensitive)
        for m in vocab.metrics:
            for alias in m.aliases:
                register("METRIC", m.canonical, alias, _is_short_code(alias))
        for d in vocab.datasets:
            for alias in d.aliases:
                register("DATASET", d.canonical, alias, True)
                if len(alias) >= 6 and any(c.islower() for c in alias):
                    register("DATASET", d.canonical, alias, False)
        for t in vocab.tasks:
            register("TASK", t, t, False)
        make = nlp.make_doc
        for key, aliases in pending_lower.items():
            self.matcher.add(key, [make(a) for a in dict.fromkeys(aliases)])
        for key, aliases in pending_orth.items():
            docs = [make(a) for a in dict.fromkeys(aliases)]
            label, canonical = self.info[strings[key]]
            forms = frozenset(tuple(t.text for t in d) for d in docs)
            self.orth_info[strings.add(f"ORTH|{key}")] = (label, canonical, forms)
            self.matcher.add(f"ORTH|{key}", docs)
        self.cue_labels: dict[int, str] = {}  # match id -> cue label
        for label, phrases in cue_phrases(vocab).items():
            self.cue_labels[strings.add(label)] = label
            self.matcher.add(label, [make(p) for p in phrases])
        # the hedges of more than one word, by their first word: a metric alias ending in one
        # ("speed up") before the rest of it and a number is the hedge ("speed up to 18%")
        self.hedges: dict[str, list[str]] = {}
        for hedge in vocab.quantities["hedges"]:
            first, _sep, rest = hedge.partition(" ")
            if rest:
                self.hedges.setdefault(first, []).append(f" {rest} ")
        self.vendor_words = frozenset(vocab.vendors)
        self.coordinations = frozenset(vocab.lexicon["hardware_words"]["vendor_coordinations"])
        self.designators = frozenset(vocab.lexicon["hardware_words"]["model_designators"])

    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.get(TEXT_KEY) or doc.text
        idx = token_offsets(doc)[0]
        info = self.info
        cue_labels = self.cue_labels
        # (start, end, canonical) by label, in match order
        loose: dict[str, list[tuple[int, int, str]]] = {k: [] for k in SPAN_KEYS}
        exact: dict[str, list[tuple[int, int, str]]] = {k: [] for k in SPAN_KEYS}  # more specific
        cues: list[tuple[str, int, int]] = []
        for match_id, start, end in self.matcher(doc):
            term = info.get(match_id)
            if term is not None:
                if term[0] == "METRIC" and (
                    _glued_to_name(text, idx, end) or self._ends_in_hedge(text, idx, end)
                ):
                    continue  # "Faster-MoE", "Accurate-Net": a name, not a metric
                loose[term[0]].append((start, end, term[1]))
                continue
            cue = cue_labels.get(match_id)
            if cue is not None:
                cues.append((cue, start, end))
                continue
            label, canonical, forms = self.orth_info[match_id]
            written = tuple(_word(text, idx, i) for i in range(start, end))
            if written in forms:
                exact[label].append((start, end, canonical))
        doc.user_data[CUE_MATCHES_KEY] = cues
        found = exact  # each label's exact matches, then its loose ones: exact wins a tie
        for label, items in found.items():
            items += loose[label]
        hardware = found["HARDWARE"]
        shared: list[tuple[int, int, str]] = []  # "NVIDIA and AMD GPUs": NVIDIA's GPUs too
        for k, (start, end, canonical) in enumerate(hardware):
            first = start  # widened over the vendor words before it ("NVIDIA" + "A100")
            while first > 0 and _word(text, idx, first - 1) in self.vendor_words:
                first -= 1
            if first != start:
                hardware[k] = (first, end, canonical)
            else:
                while first > 1 and _word(text, idx, first - 1) in self.coordinations:
                    other = self._coordinated_vendor(_word(text, idx, first - 2), canonical)
                    if other is None:
                        break
                    first -= 2
                    shared.append((first, first + 1, other))
        hardware += shared
        terms: dict[str, list[TermRow]] = {}
        for label, items in found.items():
            kept = _longest_first(items)
            if label == "HARDWARE" and kept:
                kept = self._merge_hardware(kept, text, idx)
            rows: list[TermRow] = []
            for start, end, canonical in kept:
                sc = idx[start]
                ec = token_end(text, idx, end - 1)
                rows.append((canonical, start, end, sc, ec, text[sc:ec]))
            terms[label] = rows
            if rows and self.spans:
                doc.spans[SPAN_KEYS[label]] = [
                    Span(doc, r[1], r[2], label=label, kb_id=r[0]) for r in rows
                ]
        doc.user_data[TERMS_KEY] = terms
        return doc

    def _ends_in_hedge(self, text: str, idx: list[int], end: int) -> bool:
        """Whether the match ending before token `end` ends in the first word of a hedge that
        the text goes on with, before a number: "speed up" + " to 18%"."""
        rests = self.hedges.get(_word(text, idx, end - 1).casefold())
        if rests is None:
            return False
        at = token_end(text, idx, end - 1)
        for rest in rests:
            after = at + len(rest)
            if text.startswith(rest, at) and text[after : after + 1].isdigit():
                return True
        return False

    def _merge_hardware(
        self, spans: list[tuple[int, int, str]], text: str, idx: list[int]
    ) -> list[tuple[int, int, str]]:
        """ "A100" + "GPU" -> one span with the specific canonical name; "FPGA accelerator" ->
        the FPGA; a model family's span takes in the model written after it ("Snapdragon" +
        "835"). `idx`: the token offsets in `text`."""
        by_alias = self.vocab.hardware_by_alias
        n = len(idx)
        out: list[tuple[int, int, str]] = []
        for i, (start, end, canonical) in enumerate(spans):
            cur_entry = by_alias.get(canonical.casefold())
            if out and out[-1][1] == start:
                prev = out[-1]
                prev_entry = by_alias.get(prev[2].casefold())
                if (
                    prev_entry
                    and cur_entry
                    and cur_entry.vendor is None
                    and (prev_entry.vendor or cur_entry.hw_class == "accelerator")
                ):
                    out[-1] = (prev[0], end, prev[2])
                    continue
            if cur_entry is not None and cur_entry.models:
                limit = spans[i + 1][0] if i + 1 < len(spans) else n
                while end < limit:
                    if self._designator(_word(text, idx, end)):
                        end += 1
                    elif self._hyphened_designator(text, idx, end, limit):
                        end += 2  # "Core i7" + "-1260P"
                    else:
                        break
            out.append((start, end, canonical))
        return out

    def _hyphened_designator(self, text: str, idx: list[int], k: int, limit: int) -> bool:
        """Whether tokens k and k + 1 are a hyphen and a designator written onto the token
        before: "i7" + "-" + "1260P"."""
        return (
            k + 1 < limit
            and _word(text, idx, k) == "-"
            and idx[k] == token_end(text, idx, k - 1)
            and idx[k + 1] == idx[k] + 1
            and self._designator(_word(text, idx, k + 1))
        )

    def _coordinated_vendor(self, vendor: str, canonical: str) -> str | None:
        """The entry of `vendor`'s own kind of the vendor entry `canonical` ("NVIDIA" before
        "and AMD GPUs" -> "NVIDIA GPU"), if the vocabulary has one."""
        if vendor not in self.vendor_words:
            return None
        by_alias = self.vocab.hardware_by_alias
        entry = by_alias.get(canonical.casefold())
        if entry is None or entry.vendor is None:
            return None
        other = by_alias.get(f"{vendor} {entry.hw_class}".casefold())
        if other is None or other.vendor != self.vocab.vendors[vendor]:
            return None
        return other.canonical

    def _designator(self, word: str) -> bool:
        """A word that names a model in a family: "835", "S23", "Gen", "Pro", "Ultra"."""
        return word in self.designators or bool(_MODEL_NUMBER.match(word))


def _word(text: str, idx: list[int], i: int) -> str:
    """The text of token i (`idx`: the token offsets in `text`)."""
    return text[idx[i] : token_end(text, idx, i)]


def _longest_first(items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, longer ones first (as spacy.util.filter_spans), in text order."""
    if len(items) < 2:
        return items
    ordered = sorted(items)
    end = -1
    for start, stop, _c in ordered:
        if start < end:
            break  # an overlap: resolve it below
        end = stop
    else:
        return ordered  # the common case: nothing overlaps
    kept: list[tuple[int, int, str]] = []
    # longest first, then the later of two as long (the head of an English noun phrase is its
    # last word: "on Mobile GPUs" names mobile GPUs, not "on mobile"), then in the given order
    # (a decorated sort: no key call per item); a span is kept when it overlaps none kept
    # before (a few: a loop over them is cheaper than a set of their tokens)
    for _length, _later, k in sorted([(s - e, -s, k) for k, (s, e, _c) in enumerate(items)]):
        item = items[k]
        start, end = item[0], item[1]
        for kept_start, kept_end, _c in kept:
            if kept_start < end and start < kept_end:
                break
        else:
            kept.append(item)
    kept.sort()
    return kept


def terms_of(doc: Doc, label: str) -> list[TermRow]:
    """Matched terms of a label as (canonical, start, end, start_char, end_char, text) rows."""
    return doc.user_data.get(TERMS_KEY, {}).get(label, [])
