"""TARGETS rules: the hardware a method is designed for, deployed on, or measured on.

- `hardware_model`: a specific product ("A100", "Jetson Orin", "Snapdragon 855"), confidence 0.9.
- `hardware_class`: a class or device class ("GPUs", "edge devices"), confidence 0.7.
An SoC or phone named with a part's class word ("Apple M2 GPUs") targets that part (class GPU).
Mentions that only measure cost ("GPU hours", "GPU days") are skipped (a product's, "32 A100 GPU
hours", is where the method ran), and a sentence about
other work (a cue such as "existing", "traditional", "however" and no reference to this paper) only
counts when the paper's own title or main method is about that hardware class. So does a
problem stated about hardware ("not efficient for", "future accelerators") or hardware given as
an example ("accelerators (e.g., Apple M4)") in a sentence not about this paper; a comparison
baseline ("faster than GPUs"), the platform a baseline ran on when the abstract has named the
method's own product of another class before ("on an Alveo U280 ... than PyG on an A100") and a
count ("the number of accelerators") never count. Each method gets one target per hardware; a
generic class mention is dropped when the same method already has a specific product of that
class.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from kg.extraction.context import CaselessSearch, DocContext
from kg.extraction.normalise import hardware_name, method_key
from kg.extraction.terms import terms_of
from kg.extraction.vocab import HardwareEntry, Vocabulary, alternation, load_vocabulary

_WORDS = load_vocabulary().lexicon["hardware_words"]
_CLAUSE_WORDS = load_vocabulary().lexicon["clause_coordinators"]  # lowercase already
_RESULT = re.compile(  # a measured result
    rf"\d(?:\.\d+)?\s?(?:{alternation(_WORDS['result_units'])})(?!\w)", re.I
)


def _lowered(key: str) -> list[str]:
    return [w.lower() for w in _WORDS[key]]


# "6x more energy-efficient than commercial GPUs", "speedup over the A100 GPU", "over a CPU
# baseline (Intel Xeon 8380)": hardware that is the comparison baseline, not the platform (an
# "on/using/with" in between keeps it)
def _compared(words: Callable[[str], list[str]]) -> str:
    return (
        rf"(?:{alternation(words('comparison_cues'), any_space=True)})\s+"
        rf"(?:(?!(?:{alternation(words('platform_words'))})\b)[\w\-.'\u2019]+\s+){{0,6}}\(?$"
    )


# "(Implemented on a Xilinx Alveo U280, it is) 9.3x more energy efficient than a PyG
# implementation on an NVIDIA A100": the baseline's platform, when the sentence has named the
# method's own product of another class before it
def _compared_on(words: Callable[[str], list[str]]) -> str:
    return (
        rf"(?:{alternation(words('comparison_cues'), any_space=True)})\s+"
        rf"(?:(?!(?:{alternation(_CLAUSE_WORDS)})\b)[\w\-.'\u2019]+\s+){{1,4}}"
        rf"(?:{alternation(words('baseline_platform_words'), any_space=True)})"
        rf"\s+(?:[\w\-.]+\s+){{0,2}}$"
    )


# the hedges that end in a comparison word, as (the words before it, it): "less than 2
# seconds on an iPhone" bounds a value, it compares nothing
_BOUNDS = [
    (h.rsplit(" ", 1)[0], f"{h.rsplit(' ', 1)[1]} ")
    for h in load_vocabulary().quantities["hedges"]
    if " " in h and h.rsplit(" ", 1)[1] in _lowered("comparison_cues")
]


def _bound(text: str, at: int) -> bool:
    """Whether the comparison word at `at` in `text` ends a hedge before a number."""
    head = text[:at].rstrip().casefold()
    for words, cue in _BOUNDS:
        after = at + len(cue)
        if text.startswith(cue, at) and head.endswith(words) and text[after : after + 1].isdigit():
            return True
    return False


def _self(words: Callable[[str], list[str]]) -> str:
    return rf"(?:{alternation(words('self_words'))})\b"


_COMPARED = CaselessSearch(
    re.compile(r"\b" + _compared(_WORDS.__getitem__), re.I),
    re.compile(_compared(_lowered)),
    (w.split()[0] for w in _lowered("comparison_cues")),
)
_COMPARED_ON = CaselessSearch(
    re.compile(r"\b" + _compared_on(_WORDS.__getitem__), re.I),
    re.compile(_compared_on(_lowered)),
    (w.split()[0] for w in _lowered("comparison_cues")),
)
_SELF = CaselessSearch(
    re.compile(r"\b" + _self(_WORDS.__getitem__), re.I),
    re.compile(_self(_lowered)),
    _lowered("self_words"),
)


_MOTIVATION_CUES = tuple(_WORDS["motivation_cues"])
_EXAMPLE_CUES = tuple(_WORDS["example_cues"])
# a sentence opening with a comparison ("Compared to the framework running on Intel Xeon CPU and
# NVIDIA V100 GPU, our work ..."): the hardware before its first comma is the baseline's
_COMPARISON_OPENERS = tuple(_WORDS["comparison_openers"])
_OPENER_CHARS = max(map(len, _COMPARISON_OPENERS))  # how much of a sentence start to fold


def _in_opening_comparison(sent_text: str, at: int) -> bool:
    """Whether position `at` of the sentence is in a comparison it opens with."""
    if not sent_text[:_OPENER_CHARS].casefold().startswith(_COMPARISON_OPENERS):
        return False
    comma = sent_text.find(",")
    return 0 <= at < comma


_NEGATIONS = frozenset(_WORDS["negations"])
_MOTIVATION_CLAUSES = tuple(_WORDS["motivation_clauses"])
_MOTIVATION_LAST_WORDS = tuple({c.rsplit(None, 1)[-1] for c in _MOTIVATION_CLAUSES})
_DEVICE_PARTS = frozenset(_WORDS["device_parts"])


def _in_motivation_clause(before: str) -> bool:
    """Whether the hardware after `before` is in a clause saying what motivates the work:
    "Motivated by scenarios on mobile devices, we propose ..." (no comma since the cue)."""
    if not any(w in before for w in _MOTIVATION_LAST_WORDS):
        return False  # (the common case, tested before the text is casefolded)
    low = before.casefold()
    return any((at := low.rfind(c)) >= 0 and "," not in low[at:] for c in _MOTIVATION_CLAUSES)


_COMPARISON_CUE = re.compile(
    rf"\b(?:{alternation(_lowered('comparison_cues'), any_space=True)})\s", re.I
)
_PLATFORM_WORDS = frozenset(_lowered("platform_words"))
_PARENTHESES = re.compile(r"\([^()]*\)")


def _listed_baseline(text: str, lo: int, hi: int) -> bool:
    """Whether the hardware at `hi` is a later item of a list of baselines begun after `lo`:
    "speedups over CPUs (3255x), GPUs", "over A3 accelerator, MNNFast accelerator, TITAN Xp GPU"
    (items of at most four words after a comparison cue, with no platform word such as "on"
    among them)."""
    last = max(text.rfind(",", lo, hi), text.rfind(" and ", lo, hi))
    if last < 0 or len(text[last:hi].split()) > 3:  # the separator and two words
        return False  # (tested first: the cue search is dearer)
    before = text[lo:hi]
    cues = list(_COMPARISON_CUE.finditer(before))
    if not cues:
        return False
    rest = _PARENTHESES.sub("", before[cues[-1].end() :])
    items = [i.strip() for i in rest.replace(" and ", ",").split(",")]
    if len(items) < 2 or len(items[-1].split()) > 2:
        return False  # the hardware is in an item after a comma or an "and" of the list
    return all(
        0 < len(words) <= 4
        and any(map(str.isalpha, item))  # "over 16 and 2,048 A100 GPUs": a count, not a list
        and _PLATFORM_WORDS.isdisjoint(w.casefold() for w in words)
        for item, words in ((i, i.split()) for i in items[:-1])
    )


def _negated(before: str) -> bool:
    """Whether the hardware after `before` is denied: "runs in real time without (a) GPU", "no
    dedicated accelerator" (a negation among the three words before it)."""
    tail = before[-24:].casefold()
    if not any(n in tail for n in _NEGATIONS):
        return False  # (the common case, tested before the words are split)
    words = tail.split()[-3:]
    return any(w in _NEGATIONS for w in words) and not any(c in tail for c in ",;(")


# "nearly 70X the GPU": a factor of the hardware's own figure, a baseline
_FACTOR_OF = re.compile(r"\d(?:\.\d+)?\s?[xX\u00d7]\s+(?:that\s+of\s+)?(?:the|an?)\s+$")
# what joins two hardware names of one list: "a Haswell CPU and an Nvidia K80 GPU"
_COORDINATED = re.compile(r"\s*,?\s*(?:and|or)?\s+(?:an?\s+|the\s+)?", re.I)


class MethodResolver:
    """Which method a sentence is about: a main method named in it, else the first main method.

    Facts stated about a named sub-component ("the MCTP module reduces latency") are credited to
    the main method, as the annotation guideline does."""

    def __init__(self, methods: list[dict[str, Any]], mains_only: bool = True) -> None:
        self.methods = methods
        names: list[tuple[str, str | None]] = []
        mains = ([m for m in methods if m.get("main")] or methods[:1]) if mains_only else methods
        for m in mains:
            for n in [m["name"], *m.get("aliases", [])]:
                if n:
                    names.append((n, m["name"]))
        names.sort(key=lambda x: -len(x[0]))
        self.names = [n for n, _ in names]
        self.owner = {n: owner for n, owner in names}
        main = next((m for m in methods if m.get("main")), methods[0] if methods else None)
        self.main = main["name"] if main else None

    def named_in(self, text: str) -> str | None:
        for name in self.names:  # longest first; whole words only
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                if not (before.isalnum() or before == "-") and not after.isalnum():
                    return self.owner[name]
                start = text.find(name, start + 1)
        return None

    def resolve(self, text: str) -> str | None:
        named = self.named_in(text)
        return named if named is not None else self.main


def _vendor_class(target: dict[str, Any]) -> bool:
    """Whether a vendor's target names only the vendor's class ("NVIDIA GPU", "TPU")."""
    return target["hardware"] in (f"{target['vendor']} {target['class']}", target["class"])


_SOC_CLASSES = frozenset(_WORDS["soc_classes"])
_SOC_PART_CLASSES = frozenset(_WORDS["soc_part_classes"])


def _soc_part(entry: HardwareEntry, written: str, vocab: Vocabulary) -> str:
    """The class of the hardware a mention names: an SoC's or a phone's part when its class word
    follows ("Apple M2 GPUs", "Snapdragon 8 Gen 3 NPU": GPU, NPU), else the entry's class."""
    if entry.hw_class not in _SOC_CLASSES:
        return entry.hw_class
    part = vocab.hardware_by_alias.get(written.rsplit(maxsplit=1)[-1].casefold())
    if part is None or part.vendor is not None or part.hw_class not in _SOC_PART_CLASSES:
        return entry.hw_class
    return part.hw_class


def _elided(before: str, written: str, vocab: Vocabulary) -> tuple[Any, str] | None:
    """The generic hardware a word coordinated before a qualified class names with the class's
    head ("desktop and mobile GPUs": desktop GPUs), if the vocabulary knows it, and its
    spelling."""
    head = written.rpartition(" ")[2]
    words = before.rstrip().rsplit(None, 2)
    if not head or len(words) < 2 or words[-1].casefold() not in ("and", "or"):
        return None
    spelled = f"{words[-2].strip(',')} {head}"
    entry = vocab.hardware_by_alias.get(spelled.casefold())
    return (entry, spelled) if entry is not None and entry.vendor is None else None


def extract_targets(
    doc: Doc, ctx: DocContext, vocab: Vocabulary, resolver: MethodResolver
) -> list[dict[str, Any]]:
    lex = vocab.lexicon
    units = frozenset(lex["not_target_units"])
    other = frozenset(lex["other_work_cues"])
    title_low = ctx.title.casefold()
    out: dict[tuple[str | None, str], dict[str, Any]] = {}
    about_self_in: dict[int, bool] = {}  # by sentence index: a sentence often names several
    # "LPU: A Latency-Optimized ... Processor": hardware named as the paper's own method is
    # what it proposes, not a device it runs on (nor the vendor's product of that name)
    own = {method_key(n) for m in resolver.methods for n in [m["name"], *m["aliases"]] if n}
    compared_end = -1  # where the last hardware compared against ends
    for canonical, _s, _e, start_char, end_char, written in terms_of(doc, "HARDWARE"):
        entry = vocab.hardware_by_alias.get(canonical.casefold())
        if entry is None or (own and method_key(written) in own):
            continue
        following = ctx.text[end_char : end_char + 24].lstrip(" -").split(maxsplit=1)
        if following and following[0].strip(".,;:()").casefold() in units and entry.vendor is None:
            continue  # "GPU hours", "GPU-days": a cost, not a platform ("32 A100 GPU hours" is)
        if (
            following
            and entry.hw_class == "mobile"
            and following[0].strip(".,;:()").casefold() in _DEVICE_PARTS
        ):
            continue  # "a laptop GPU": the GPU is the target (its own mention)
        sent = ctx.sentence_of_char(start_char)
        if sent is None:
            continue
        text = sent.text
        specific = entry.vendor is not None
        about_self = about_self_in.get(sent.i)
        if about_self is None:
            about_self = about_self_in[sent.i] = (
                _SELF.search(text) is not None or resolver.named_in(text) is not None
            )
        # motivation about other work counts only when the paper itself is about this hardware
        # (the sentence's words are only split when that question arises)
        if (
            not about_self
            and not sent.in_title
            and not other.isdisjoint(w.strip(".,;:()").casefold() for w in text.split())
            and not _RESULT.search(text)
            and entry.hw_class.casefold() not in title_low
            and written.casefold() not in title_low
        ):
            continue
        before = ctx.text[max(sent.start_char, start_char - 60) : start_char]
        if (
            _COMPARED.search(before) is not None
            or _FACTOR_OF.search(before)
            or (
                compared_end >= sent.start_char
                and _COORDINATED.fullmatch(ctx.text, compared_end, start_char) is not None
            )
        ):
            # a baseline ("faster than GPUs"), or one listed with it ("compare X to a Haswell
            # CPU and an Nvidia K80 GPU")
            compared_end = end_char
            continue
        if before.rstrip().casefold().endswith("number of"):
            continue  # a count ("the number of accelerators")
        if _in_opening_comparison(text, start_char - sent.start_char):
            continue  # "Compared to X running on an Intel Xeon CPU, ...": the baseline's platform
        if _negated(before) or _in_motivation_clause(before):
            continue  # "without GPU", "motivated by scenarios on mobile devices"
        if "," in before and _listed_baseline(
            ctx.text, max(sent.start_char, start_char - 120), start_char
        ):
            continue  # "over A3 accelerator, MNNFast accelerator, TITAN Xp GPU"
        # a problem stated about hardware ("GPUs are not efficient for ...", "future
        # accelerators"), or hardware given as an example ("accelerators (e.g., Apple M4)"),
        # unless the paper is about it: its title names it (a product by its own name)
        if not about_self and not sent.in_title:
            low = text.casefold()
            named_in_title = written.casefold() in title_low or (
                not specific and entry.hw_class.casefold() in title_low
            )
            example = before.rstrip(" (").casefold().endswith(_EXAMPLE_CUES)
            if not named_in_title and (example or any(c in low for c in _MOTIVATION_CUES)):
                continue
        method = resolver.resolve(text)
        rule = "hardware_model" if specific else "hardware_class"
        name = hardware_name(entry, written)
        hw_class = _soc_part(entry, written, vocab)
        if hw_class != entry.hw_class:
            name = f"{name} {hw_class}"
        key = (method_key(method) if method else None, name)
        if key in out:
            continue
        compared = _COMPARED_ON.search(before)
        if (
            compared is not None
            and not _bound(before, compared.start())
            and any(
                k[0] == key[0] and t["vendor"] and t["class"] != hw_class for k, t in out.items()
            )
        ):
            continue  # the method's own product is named before it
        evidence = ctx.evidence(sent, rule, 0.9 if specific else 0.7)
        out[key] = {
            "method": method,
            "hardware": name,
            "vendor": entry.vendor,
            "class": hw_class,
            "text": written,
            "evidence": evidence,
        }
        elided = None if specific else _elided(before, written, vocab)
        if elided is not None and (key[0], elided[0].canonical) not in out:
            # "desktop and mobile GPUs": the head is shared
            out[(key[0], elided[0].canonical)] = {
                "method": method,
                "hardware": elided[0].canonical,
                "vendor": None,
                "class": elided[0].hw_class,
                "text": elided[1],
                "evidence": evidence,
            }
    # qualified classes are kept apart ("desktop and mobile GPUs"); of the other generic
    # wordings of a class, the longest; a bare class ("GPU") is dropped when a qualified one
    # ("mobile GPU") or a product of that class is named
    targets = list(out.values())
    specific_classes = {(t["method"], t["class"]) for t in targets if t["vendor"]}
    qualified = {
        id(t): (t["method"], t["class"])
        for t in targets
        if not t["vendor"] and t["hardware"].endswith(f" {t['class']}")
    }
    best_generic: dict[tuple[str | None, str], dict[str, Any]] = {}
    for t in targets:
        if t["vendor"] or id(t) in qualified:
            continue
        key = (t["method"], t["class"])
        if key in best_generic and len(best_generic[key]["hardware"]) >= len(t["hardware"]):
            continue
        best_generic[key] = t
    qualified_classes = set(qualified.values())
    # "NVIDIA GPU" adds nothing when "NVIDIA Blackwell GPU" is named too, nor "TPU" (a class one
    # vendor makes) when "Google TPU v5e" is
    products = {
        (t["method"], t["class"], t["vendor"])
        for t in targets
        if t["vendor"] and not _vendor_class(t)
    }
    kept = []
    for t in targets:
        if t["vendor"]:
            if not (_vendor_class(t) and (t["method"], t["class"], t["vendor"]) in products):
                kept.append(t)
            continue
        key = (t["method"], t["class"])
        if id(t) in qualified:
            kept.append(t)
            continue
        if best_generic.get(key) is not t:
            continue
        if t["hardware"] == t["class"] and (key in specific_classes or key in qualified_classes):
            continue
        kept.append(t)
    return kept
