"""Term spotting: hardware, metrics, datasets and tasks from the vocabularies, with PhraseMatchers.

Matches go to `doc.spans` groups (`kg_hardware`, `kg_metric`, `kg_dataset`, `kg_task`); each span's
`kb_id_` is the canonical name of its vocabulary entry. Hardware spans are widened over vendor words
and a following class word ("NVIDIA" + "A100" + "GPU cards").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extraction.vocab import Vocabulary

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


class TermMatcher:
    def __init__(self, nlp: Language, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        strings = nlp.vocab.strings
        self.info: dict[int, tuple[str, str]] = {}  # match id -> (label, canonical)
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
            self.lower.add(key, [make(a) for a in dict.fromkeys(aliases)])
        for key, aliases in pending_orth.items():
            self.orth.add(key, [make(a) for a in dict.fromkeys(aliases)])
        self.vendor_words = frozenset(vocab.vendors)
        self.class_words = frozenset(
            {"gpu", "gpus", "cpu", "cpus", "card", "cards", "device", "devices", "board", "boards",
             "processor", "processors", "chip", "chips", "soc", "npu", "tpu", "fpga"}
        )  # fmt: skip

    def __call__(self, doc: Doc) -> Doc:
        matches = self.lower(doc) + self.orth(doc)
        by_label: dict[str, list[Span]] = {k: [] for k in SPAN_KEYS}
        for match_id, start, end in matches:
            label, canonical = self.info[match_id]
            if label == "HARDWARE":
                while start > 0 and doc[start - 1].text in self.vendor_words:
                    start -= 1
            by_label[label].append(Span(doc, start, end, label=label, kb_id=canonical))
        hw = self._merge_hardware(doc, filter_spans(by_label["HARDWARE"]))
        doc.spans[SPAN_KEYS["HARDWARE"]] = hw
        for label in ("METRIC", "DATASET", "TASK"):
            doc.spans[SPAN_KEYS[label]] = filter_spans(by_label[label])
        return doc

    def _merge_hardware(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "A100" + "GPU" -> one span with the specific canonical name."""
        by_alias = self.vocab.hardware_by_alias
        out: list[Span] = []
        for span in spans:
            if out and out[-1].end == span.start:
                prev = out[-1]
                prev_entry = by_alias.get(prev.kb_id_.casefold())
                cur_entry = by_alias.get(span.kb_id_.casefold())
                if prev_entry and cur_entry and cur_entry.vendor is None and prev_entry.vendor:
                    out[-1] = Span(doc, prev.start, span.end, label="HARDWARE", kb_id=prev.kb_id_)
                    continue
            out.append(span)
        return out
