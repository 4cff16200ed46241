# ruff: noqa: RUF001
"""EVALUATED_ON and ADDRESSES: datasets the method is evaluated on and tasks it addresses.

- `dataset_vocabulary`: a known dataset / benchmark name in the abstract (not a proposed one).
- `dataset_head`: "the NAME benchmark/dataset" with a name-shaped NAME.
- `dataset_list`: the names of "benchmarks such as A, B and C" or "on the A, B and C datasets"
  (not data the method is trained on), and the other names of a list after "on", "across",
  "including", ... that holds a known dataset ("on both Biographies and WikiQA").
- `dataset_variant`: a known dataset with an edition or resolution ("AIME'24", "ImageNet-64x64"),
  under the dataset's name.
- `task_vocabulary`: a known task phrase in the title or abstract.
- `title_for_phrase`: the title's "... for <task>" phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from kg.extraction.context import (
    DocContext,
    Sentence,
    cue_starts,
    literal_starts,
    matches_at,
    prefix_free,
    word_matches,
    word_starts,
)
from kg.extraction.normalise import method_key
from kg.extraction.terms import terms_of
from kg.extraction.vocab import alternation, load_vocabulary

_LEXICON = load_vocabulary().lexicon
_METRICS = load_vocabulary().metric_by_alias
_WORDS = _LEXICON["context_words"]
# the list and head patterns are read as if they opened with `\b`, from where one of their
# first words is (`word_matches`)
# "on the X dataset", and a sentence opening with one ("On the HPatches benchmark, ...")
# "code generation-based optimizations": a task word as a modifier, not a task addressed
_TASK_MODIFIERS = tuple(_WORDS["task_modifier_suffixes"])
_LEAD_WORDS = [*_WORDS["dataset_leads"], *(w.capitalize() for w in _WORDS["dataset_leads"])]
_LEADS = prefix_free(_LEAD_WORDS)
# a name with a capital and a capital or digit after it, lowercase letters before it allowed
# ("fastMRI", "iNat2018"), and a year after it ("ISPD 2015"); or a capitalised word after "the"
# mid-sentence ("on the Vicuna benchmark")
_DATASET_HEAD = re.compile(
    rf"(?:{alternation(_LEAD_WORDS)})\s+(?:the\s+)?"
    r"(?P<n>[a-z]*[A-Z][\w\-.]*[A-Z0-9][\w\-.]*(?:\s(?:19|20)\d\d)?|(?<=the\s)[A-Z][a-z]{2,})"
    rf"\s+(?:{alternation(_LEXICON['dataset_heads'])})\b"
)
_TITLE_FOR = re.compile(
    r"\bfor\s+(?:the\s+)?(?P<t>[\w\-’' ]{4,60}?)"
    rf"(?=\s*(?:$|:|,|\b(?:{alternation(_WORDS['title_task_ends'])})\b(?!-)))",
    re.I,
)
# dataset lists: "benchmarks such as A, B and C", "on the A, B, and C datasets"
_NAME = r"[A-Z0-9][\w\-.'+*&]*(?:\s+[A-Z0-9][\w\-.'+*&]*){0,2}"
_LIST_HEADS = alternation(_WORDS["dataset_list_heads"])
_LIST_HEAD_WORDS = prefix_free(_WORDS["dataset_list_heads"])
_LIST_OPENERS = tuple(_WORDS["dataset_list_openers"])
_TRAINING_VERBS = frozenset(_WORDS["training_verbs"])
_LIST_AFTER = re.compile(
    rf"(?:{_LIST_HEADS})\s*,?\s*(?:{alternation(_WORDS['dataset_list_openers'])})\s*"
    r"(?P<l>[^.;:)]+)"
)
_LIST_BEFORE = re.compile(
    rf"(?:{alternation(_LEAD_WORDS)})\s+(?:the\s+)?"
    rf"(?P<l>{_NAME}(?:\s*(?:,\s*and|,\s*or|,|and|or)\s+{_NAME})+)\s+(?:{_LIST_HEADS})\b"
)
# a name that may start in lowercase when a capital or digit follows ("xbench-DeepSearch",
# "iNat2018", "xView3-SAR")
_SIBLING = r"(?:[a-z]+-?)?" + _NAME
# "on two public datasets, HECKTOR21 and PI-CAI22", "on the largest SAR vessel dataset,
# xView3-SAR, ...": names set off after a head word, closing
# the sentence or a clause (a comma and a lowercase word), so that a subject after the comma
# ("On both benchmarks, GPT-4o and Claude fail") is not taken for a list
_APPOSED_HEADS = prefix_free(_WORDS["dataset_apposition_heads"])
_LIST_APPOSED = re.compile(
    rf"(?:{alternation(_WORDS['dataset_apposition_heads'])}),\s+"
    rf"(?P<l>{_SIBLING}(?:\s*(?:,\s*and|,\s*or|,|and|or)\s+{_SIBLING})*)"
    r"(?=\s*(?:[;)]|\.?$|,\s+(?!(?:and|or)\s+[A-Z0-9])[a-z]))"
)
# "on both A and B", "including A, B, and C": a list that holds a known dataset
_LIST_SEPARATORS = (", ", " and ", " or ", ",")
_SIBLING_ITEM = re.compile(rf"(?:the\s+)?({_SIBLING})")
_SIBLING_LIST = re.compile(
    rf"(?:\b(?:{alternation([*_LEAD_WORDS, *_LIST_OPENERS])})|[:(]"
    rf"|\b(?:{_LIST_HEADS}),)\s*"
    rf"(?:(?:{alternation(_WORDS['dataset_list_fillers'])})\s+)*"
    rf"(?P<l>{_SIBLING}(?:\s*(?:,\s*and|,\s*or|,|and|or)\s+{_SIBLING})+)"
)
# an edition or resolution after a dataset's name: "AIME'24", "ImageNet-64x64" (years written
# on are aliases: "COCO2014"). An edition's quote is rare and occurs nowhere else in a match, so
# that pattern is tried only where `str.find` sees one; the resolution's "x" is common, and its
# pattern, opening with that literal, is left to the regex engine's fast scan. The digits before
# a resolution's "x" are read by `_variant_suffixes`.
_SUFFIXES = [(q, re.compile(rf"{q}\s?\d{{2}}(?![\w'’-])")) for q in "'’"]
_RESOLUTION = re.compile(r"x\d{2,4}(?![\w'’-])")
_YEAR = re.compile(r"(?:19|20)\d\d(?![\w'’-])")  # "ImageNet-2012", "COCO 2017"
_YEAR_STARTS = ("-19", "-20", " 19", " 20")
_COMMON_ACRONYMS = frozenset(_LEXICON["not_method_acronyms"])
_LIST_SPLIT = re.compile(r"\s*(?:,\s*and\b|,\s*or\b|,|\band\b|\bor\b|/)\s*")
# "for Accelerating X", "for Better X": the task is X
_LEAD_MODIFIER = re.compile(
    rf"^(?:(?:{alternation(_WORDS['task_lead_modifiers'])}|(?!parameter-)\w+-efficient)\s+"
    r"(?:and\s+(?:\w+)\s+)?)+"
)
# "for Large Language Models", "for Vision Transformers": a model class the method applies to,
# not a task it addresses
_MODEL_CLASS_HEADS = frozenset(_WORDS["model_class_heads"])
_LEAD_WORDS_ONLY = frozenset(_WORDS["task_lead_modifiers"])
_BAD_STARTS = frozenset(_WORDS["task_bad_starts"])
# "FP8 Formats for Deep Learning": the field the work is in, not a task it addresses
_FIELDS = frozenset(_WORDS["task_fields"])


# "LLM inference", "FP8 training", "KV cache compression": a model class or number format
# followed by the process it is about (the words are in the lexicon, `model_process`). The
# pattern has no leading `\b`: `_model_processes` tests the boundary where a model word starts
# (the "MODEL" cues).
def _model_process_pattern(lexicon: dict[str, Any]) -> re.Pattern[str]:
    words = lexicon["model_process"]
    models = alternation(words["models"])
    processes = alternation(words["processes"])
    return re.compile(rf"(?P<m>{models})s?\)?\s+(?P<p>{processes})\b")


_MODEL_PROCESS = _model_process_pattern(_LEXICON)
_MODEL_WORDS = tuple(_LEXICON["model_process"]["models"])


def _model_processes(text: str, starts: list[int]) -> list[re.Match[str]]:
    """The matches of `\\b` + `_MODEL_PROCESS` in `text`, given where the tokens that are model
    words start (the "MODEL" cues; every match opens with one). A model word glued to an opening
    bracket ("Model(LLM) training") is inside a token: it is tried after each bracket."""
    glued = [at + 1 for at in literal_starts(text, "([") if text.startswith(_MODEL_WORDS, at + 1)]
    if glued:
        starts = sorted({*starts, *glued})
    return list(matches_at(_MODEL_PROCESS, text, word_starts(text, starts)))


def _variant_suffixes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each edition ("'24", "-2012") or resolution ("-64x64") after a letter in
    `text`."""
    out = [
        m.span()
        for quote, edition in _SUFFIXES
        for m in matches_at(edition, text, literal_starts(text, (quote,)))
    ]
    for at in literal_starts(text, _YEAR_STARTS):
        # a year after a word and a dash or space ("ImageNet-2012", "COCO 2017")
        if text[at - 1 : at].isalpha() and (m := _YEAR.match(text, at + 1)) is not None:
            out.append((at, m.end()))
    for m in _RESOLUTION.finditer(text):
        at = m.start()
        k = at
        while k > 0 and text[k - 1].isdigit():
            k -= 1
        if 2 <= at - k <= 4 and text[k - 1 : k] == "-":
            out.append((k - 1, m.end()))
    return [(a, b) for a, b in out if text[a - 1 : a].isalpha()]


def _variant(name: str) -> bool:
    """Whether `name` is a known dataset with an edition or resolution ("AIME'24")."""
    return any(
        name[:start].casefold() in load_vocabulary().dataset_by_alias
        for start, _ in _variant_suffixes(name)
    )


def _trained_on(text: str, start: int) -> bool:
    """ "we train the models on SA-1B and SA-V datasets": data the method learns from, not data
    it is evaluated on (a training verb in the four words before)."""
    words = text[:start].rsplit(None, 4)[-4:]  # the rest of the text is left in a fifth part
    return not _TRAINING_VERBS.isdisjoint(w.casefold() for w in words)


def _title_for(title: str) -> re.Match[str] | None:
    """`_TITLE_FOR.search(title)`, tried only where an ASCII title has a "for" (in any case), the
    one place a match can start: a search tries the pattern at every position. Other titles are
    searched (`re.I` takes some non-ASCII letters for ASCII ones)."""
    if not title.isascii():
        return _TITLE_FOR.search(title)
    return next(matches_at(_TITLE_FOR, title, literal_starts(title.lower(), ("for",))), None)


# "for CPU-only Devices": the last word of a title's "for" phrase that says it names hardware
_HARDWARE_HEADS = frozenset(_LEXICON["hardware_words"]["class_words"]) | frozenset(
    _LEXICON["hardware_words"]["device_words"]
)


def _names_hardware(phrase: str, hardware: list[str]) -> bool:
    """Whether a (casefolded) phrase is a hardware mention with at most one word before it
    ("commodity cpus", "mobile devices"), or ends in a hardware class word ("cpu-only
    devices")."""
    last = phrase.rsplit(None, 1)[-1:]
    if last and last[0] in _HARDWARE_HEADS:
        return True
    for written in hardware:
        if phrase.endswith(written) and len(phrase[: -len(written)].split()) <= 1:
            return True
    return False


def title_task_phrases(raw: str) -> list[str]:
    """Task phrases from a title's "for <phrase>": leading gerunds/evaluative adjectives dropped,
    "X and Y" split when both sides are multi-word, model classes and "efficient ..." skipped."""
    phrase = _LEAD_MODIFIER.sub("", raw.strip(" -").casefold()).strip()
    words = phrase.split()
    if not 1 <= len(words) <= 6 or words[0] in _BAD_STARTS or phrase in _LEAD_WORDS_ONLY:
        return []  # (a lone modifier: "for Fast, Scalable ...")
    left, sep, right = phrase.partition(" and ")
    parts = [left, right] if sep and len(left.split()) >= 2 else [phrase]
    out = []
    for i, part in enumerate(parts):
        pw = part.split()
        if not pw or pw[-1] in _MODEL_CLASS_HEADS or (i and len(pw) < 2) or part in _FIELDS:
            continue
        out.append(part)
    return out


# where a `_SIBLING_LIST` match can open besides a colon or parenthesis: a word of these
_SIBLING_FIRSTS = prefix_free(
    w for w in [*_LEAD_WORDS, *_LIST_OPENERS, *_LIST_HEAD_WORDS] if re.match(r"\w", w)
)


def _sibling_lists(text: str) -> Iterator[re.Match[str]]:
    """`_SIBLING_LIST.finditer(text)`, the pattern tried only where a match can open: where one
    of its words starts a word, or at a colon or an opening parenthesis (a search tries the
    pattern at every position)."""
    words = word_starts(text, literal_starts(text, _SIBLING_FIRSTS))
    marks = literal_starts(text, ":(")
    return matches_at(_SIBLING_LIST, text, sorted({*words, *marks}) if marks else words)


def _sibling_names(text: str, known: list[int]) -> list[str]:
    """The names of a list in `text` that holds a known dataset (starting at one of `known`)."""
    names = []
    for m in _sibling_lists(text):
        if _trained_on(text, m.start()) or not any(m.start("l") <= k < m.end("l") for k in known):
            continue
        for part in _LIST_SPLIT.split(m.group("l")):
            item = _SIBLING_ITEM.match(part)
            name = item.group(1).rstrip(".") if item else ""
            if (
                item
                and item.end() == len(part.rstrip())
                and not name[0].isdigit()
                and not _variant(name)
            ):
                names.append(name)
    return names


def _glued(text: str, end: int) -> str:
    """The word a term ending at `end` is the start of ("AgentBench" + "-Web"): up to the next
    space or clause mark, less a closing period."""
    stop = end
    while stop < len(text) and not text[stop].isspace() and text[stop] not in ",;:()":
        stop += 1
    return text[_word_start(text, end) : stop].rstrip(".")


def _word_start(text: str, at: int) -> int:
    """Where the word holding `at` starts: after a space or an opening parenthesis."""
    return max(text.rfind(" ", 0, at), text.rfind("(", 0, at)) + 1


def extract_datasets(
    doc: Doc, ctx: DocContext, methods: list[dict[str, Any]], heads: set[int]
) -> list[dict[str, Any]]:
    """Datasets named in the vocabulary, and names in dataset patterns in the sentences (by
    index) in `heads`, those with a dataset head word ("benchmarks")."""
    proposed = {method_key(n) for m in methods for n in [m["name"], *m["aliases"]] if n}
    out: dict[str, dict[str, Any]] = {}
    # sentence index -> where the known datasets in a list start ("COCO and LVIS", "A, B, C")
    known: dict[int, list[int]] = {}
    text = ctx.text
    for canonical, _s, _e, start_char, end_char, written in terms_of(doc, "DATASET"):
        sent = ctx.sentence_of_char(start_char)
        if sent is None or sent.in_title:
            continue
        if text.endswith(_LIST_SEPARATORS, 0, start_char) or text.startswith(
            _LIST_SEPARATORS, end_char
        ):
            known.setdefault(sent.i, []).append(start_char - sent.start_char)
        if method_key(canonical) in proposed or (
            text.startswith("-", end_char) and method_key(_glued(text, end_char)) in proposed
        ):
            continue  # the paper's own, or part of its name ("AgentBench" of "AgentBench-Web")
        out.setdefault(canonical.casefold(), {
            "name": canonical, "text": written,
            "evidence": ctx.evidence(sent, "dataset_vocabulary", 0.8),
        })  # fmt: skip
    seen = {method_key(d["text"]) for d in out.values()} | {method_key(k) for k in out}
    vocab = load_vocabulary()

    def add(name: str, sent: Sentence, rule: str) -> None:
        key = method_key(name)
        low = name.casefold()
        if (
            key in proposed
            or key in seen
            or name in _COMMON_ACRONYMS  # "tasks such as RAG and ICL"
            or low in vocab.metric_by_alias
            or low in vocab.hardware_by_alias
            or low in vocab.dataset_by_alias  # the vocabulary rule's, as it decided
            or len(name) > 40
            or not any(map(str.isalpha, name))  # "ISIC 2017/2018": a year of the one before
        ):
            return
        seen.add(key)
        out[low] = {"name": name, "text": name, "evidence": ctx.evidence(sent, rule, 0.6)}

    for at, end in _variant_suffixes(text):
        start = _word_start(text, at)
        entry = vocab.dataset_by_alias.get(text[start:at].casefold())
        sent = ctx.sentence_of_char(start)
        if entry is None or sent is None or sent.in_title:
            continue
        key = method_key(entry.canonical)
        if key not in seen | proposed:
            seen.add(key)
            out[entry.canonical.casefold()] = {
                "name": entry.canonical, "text": text[start:end],
                "evidence": ctx.evidence(sent, "dataset_variant", 0.7),
            }  # fmt: skip
        elif (known_entry := out.get(entry.canonical.casefold())) is not None:
            # "ImageNet-2012" where "ImageNet" is found elsewhere: a claim there is on it too
            known_entry.setdefault("variants", []).append(text[start:end])
    by_index = {sent.i: sent for sent in ctx.sentences}
    for index in sorted(known.keys() | heads):
        sent = by_index.get(index)
        if sent is None or sent.in_title:
            continue
        stext = sent.text
        if index in known:
            for name in _sibling_names(stext, known[index]):
                add(name, sent, "dataset_list")
        if index not in heads:
            continue
        leads = word_starts(stext, literal_starts(stext, _LEADS))  # where both patterns open
        for m in matches_at(_DATASET_HEAD, stext, leads):
            if not _trained_on(stext, m.start()):
                add(m.group("n"), sent, "dataset_head")
        lists = [
            m for m in matches_at(_LIST_BEFORE, stext, leads) if not _trained_on(stext, m.start())
        ]
        if any(o in stext for o in _LIST_OPENERS):
            lists += word_matches(_LIST_AFTER, stext, _LIST_HEAD_WORDS)
        if ", " in stext:
            lists += [
                m
                for m in word_matches(_LIST_APPOSED, stext, _APPOSED_HEADS)
                if not _trained_on(stext, m.start())
            ]
        for m in lists:
            for part in _LIST_SPLIT.split(m.group("l")):
                item = _SIBLING_ITEM.match(part)
                if item and item.end() == len(part.rstrip()):
                    add(item.group(1).rstrip("."), sent, "dataset_list")
    return list(out.values())


# the datasets the context patterns found (the claim rules see only the vocabulary's terms)
_CONTEXT_RULES = frozenset({"dataset_list", "dataset_head", "dataset_variant"})


def link_claim_datasets(claims: list[dict[str, Any]], datasets: list[dict[str, Any]]) -> None:
    """A claim takes a dataset that the context patterns found in its sentence ("a PSNR of 33.1
    dB on the Synthetic-NeRF dataset"; the claim rules see only the vocabulary's): with no
    dataset, the first written after its metric, else the first; with one, a found one written
    between its metric and that one ("on the Sintel and Waymo benchmarks": Sintel). A known
    dataset's editions ("ImageNet-2012") count as found too."""
    found_by_context = [d["text"] for d in datasets if d["evidence"]["rule"] in _CONTEXT_RULES]
    found_by_context += [v for d in datasets for v in d.get("variants", ())]
    if not found_by_context:
        return
    for claim in claims:
        sent = claim["evidence"]["text"]
        at = max(0, sent.find(claim["metric_text"]))
        written = [(k, name) for name in found_by_context if (k := _word_at(sent, name)) >= 0]
        if not written:
            continue
        if claim["dataset"] is None:
            claim["dataset"] = min((k if k >= at else len(sent) + k, n) for k, n in written)[1]
            continue
        own = _word_at(sent, claim["dataset"])
        between = [(k, n) for k, n in written if at <= k < own]
        if between:
            claim["dataset"] = min(between)[1]


def _word_at(text: str, word: str) -> int:
    """Where `word` is first written in `text` as a whole word, or -1."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not text[at - 1 : at].isalnum() and not text[end : end + 1].isalnum():
            return at
        at = text.find(word, at + 1)
    return -1


def extract_tasks(doc: Doc, ctx: DocContext, methods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tasks named in the vocabulary, "LLM inference"-like model-process phrases, and the
    title's "for <task>" (not the paper's own method: "Searching for MobileNetV3")."""
    out: dict[str, dict[str, Any]] = {}
    for canonical, _s, _e, start_char, end_char, _text in terms_of(doc, "TASK"):
        sent = ctx.sentence_of_char(start_char)
        if sent is None or ctx.text.startswith(_TASK_MODIFIERS, end_char):
            continue
        out.setdefault(canonical.casefold(), {
            "name": canonical, "evidence": ctx.evidence(sent, "task_vocabulary", 0.7),
        })  # fmt: skip
    # a phrase never spans sentences (it holds no sentence end), so one scan of the whole text
    text = ctx.text
    for m in _model_processes(text, cue_starts(doc, "MODEL")):
        sent = ctx.sentence_of_char(m.start())
        if sent is None:
            continue
        phrase = f"{m.group('m')} {m.group('p')}"
        out.setdefault(phrase.casefold(), {
            "name": phrase, "evidence": ctx.evidence(sent, "model_process_phrase", 0.5),
        })  # fmt: skip
    title_sent = next((s for s in ctx.sentences if s.in_title), None)
    if title_sent is not None:
        title = ctx.title.split(":", 1)[-1]
        found = _title_for(title)
        if found:
            hardware = [row[5].casefold() for row in terms_of(doc, "HARDWARE")]
            proposed = {method_key(n) for m in methods for n in [m["name"], *m["aliases"]] if n}
            for phrase in title_task_phrases(found.group("t")):
                if _names_hardware(phrase, hardware):
                    continue  # "for Commodity CPUs": what it runs on, not a task
                if phrase.casefold() in _METRICS:
                    continue  # "Quantization for KV Cache": what it works on
                if method_key(phrase) in proposed:
                    continue  # "Searching for MobileNetV3": the method itself
                out.setdefault(phrase, {
                    "name": phrase, "evidence": ctx.evidence(title_sent, "title_for_phrase", 0.5),
                })  # fmt: skip
    return list(out.values())
