# ruff: noqa: RUF001
"""PROPOSES rules: which named things the paper itself contributes.

Rules (each result records the rule that fired):

- `title_prefix`: the title's "NAME: ..." prefix when it looks like a name (mixed case, digits,
  all caps, or one capitalised word), or "NAME Technical Report".
- `acronym_definition`: "Long Form (LF)" / "LF (Long Form)" in a sentence where the paper speaks
  of its own work (we/our/this paper or a name already found) and introduces something (a proposal
  verb, a naming cue or a component word such as module/block/components).
- `proposal_object`: the object of "we propose/introduce/present/develop ... NAME" (a name-shaped
  word, a capitalised multi-word name, or an acronym definition), and list continuations
  ("NAME1, NAME2 and NAME3").
- `naming_cue`: "called/dubbed/named/termed/coined NAME".
- `enumerated_component`: "(1) Dynamic Range Expansion, which ..." items in a sentence about the
  paper's own components.
- `own_name`, `passive_proposal`, `appositive`: names introduced without a proposal object:
  "our TinyNet", "NAME (is|are) proposed/devised/...", "NAME, a novel encoder".
- `own_final_name`: "our final method, NAME", "our full model, NAME": a main method.
- `family_member`: "EfficientViT-M5" written in the abstract becomes an alias of "EfficientViT"
  (and so does a later name that extends a found one).
- `unnamed_proposal`: no name at all but "we propose/present ... a <description>": one unnamed
  method (name None) with the description; none for a study, survey or problem.

No proposal comes from a question. The word lists are in the lexicon (`proposal_words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import ascii_lowercase, ascii_uppercase, digits
from typing import Any

from kg.extraction.context import CaselessSearch, DocContext, Sentence
from kg.extraction.normalise import (
    acronym_letters,
    aligned_casefold,
    clean_alias,
    clean_name,
    long_form_of,
    method_key,
    name_shaped,
)
from kg.extraction.vocab import Vocabulary, alternation

_STRIP = ".,;:!?\"'“”‘’()[]{}"
_LETTER_PREFIXED = re.compile(r"[A-Z]{1,2}-[a-z]{4,}$")  # "B-skiplist", "R-tree" (not "X-ray")
_QUOTES = "\"'“”‘’"
_TITLE_PREFIX = re.compile(r"^\s*([^:]{1,48}?)\s*:\s+\S")
# "PatDNN is an end-to-end framework", "PowerInfer, a ... engine" (not "In DIMAT, each agent")
_COPULA = re.compile(r"(?:,|:|\s+(?:is|are))\s+(?=(?:a|an)\s)")
_NEXT_CAPWORD = re.compile(r" ([A-Z][\w\-]*)")
_TITLE_DASH = re.compile(r"^(\S{2,40}) [-\u2013\u2014] (?=\S)")
_WORD = re.compile(r"[^\s.,;:!?\"'“”‘’()\[\]{}]+")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
_PAREN_AFTER = re.compile(r"\s?\(([^()]{1,40})\)")  # "X (NAME)", matched where X ends
# the cue labels these rules read (`terms.cue_phrases`)
_PROPOSAL_CUES = frozenset({"PROPOSE", "NAMING", "ACRO", "SELF", "NOVEL"})
# what a family member adds to its family's name: "-M5", "-L", "v2"
_FAMILY_SUFFIX = re.compile(r"(?:-[A-Za-z0-9.]{1,8}|\s?[vV]\d+(?:\.\d+)?)")
# more members written after one, "FernNet-S/M/L", "RT-DETR-R50 / R101": each a suffix
_MORE_MEMBERS = re.compile(r"(?:\s?/\s?[A-Za-z0-9.]{1,8}(?![\w-]))+")
# a vendor's prefix on a name: "PP-" of "PP-PicoDet" (not "RT-" of "RT-DETR", a name itself)
_VENDOR_PREFIX = re.compile(r"[A-Z]{1,3}-(?=[A-Z][a-z]{2})")
_CAPSEQ_WORD = re.compile(r"^[A-Z][\w\-+.]*$")
# a version after a name: "V2" ("LLaMA-Adapter V2 can ..."), or a number that ends the phrase
# ("PaLM 2, a new ...", not "FernNet 2 times faster")
_VERSION_NUMBER = re.compile(r"[vV]?\d{1,2}(?:\.\d{1,2})?")  # "1.0" of "MInference 1.0"
_VERSION = re.compile(r"^(?:[vV]\d{1,2}(?:\.\d)?[,;:.]?|\d{1,2}(?:\.\d)?[,;:.])$")


_SHAPE_CLASSES = str.maketrans(
    ascii_uppercase + ascii_lowercase + digits, "A" * 26 + "a" * 26 + "9" * 10
)
_SHAPE_RUNS = re.compile(r"(.)\1+")


def _shape(word: str) -> str:
    """A word's letters and digits as classes ("R101" -> "A9", "S" -> "A", "16" -> "9")."""
    return _SHAPE_RUNS.sub(r"\1", word.translate(_SHAPE_CLASSES))


def _balanced(word: str, bare: str) -> str:
    """`bare` (the word without edge punctuation) with the closing brace it lost, so that
    "FMT^{x}," is "FMT^{x}" and not "FMT^{x"."""
    if bare.count("{") > bare.count("}") and word.find(bare + "}") >= 0:
        return bare + "}"
    return bare


_OR_ACRONYM = re.compile(r",\s+or\s+([A-Z][\w\-]*[A-Z0-9][\w\-]*)(?=[\s,;:.)])")
# "Performance-Improving Edits, PIE, with ...": an all-caps acronym set off by commas (or ending
# the sentence)
_COMMA_ACRONYM = re.compile(r",\s+([A-Z][A-Z0-9\-]*[A-Z0-9])(?=[,;:.]|$)")


@dataclass
class MethodCandidate:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "method"
    main: bool = False
    evidence: dict[str, Any] | None = None
    order: int = 0
    description: str | None = None

    def keys(self) -> set[str]:
        keys = set(map(method_key, [self.name, *self.aliases]))  # (no comprehension frame)
        keys.discard("")
        return keys

    def reads_longer(self, long_form: str) -> bool:
        """Whether an alias already reads this long form with more words before it (the
        widened "Iterative Initialization and Retraining ..." of "Initialization and ...")."""
        return any(a.endswith(f" {long_form}") for a in self.aliases)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": self.aliases,
            "kind": self.kind,
            "main": self.main,
            "description": self.description,
            "evidence": self.evidence,
        }


_SPLIT_WORD = re.compile(r"\S+")
# a word ends at a dash between words as at a space ("LiteGS—a high-performance framework"),
# and before a parenthesis glued to it ("module(MPSD)"): the pieces of a word holding one
_WORD_PIECE = re.compile(r"\(?(?:[^—–(-]+|-(?!-))+")


def _split(word: str) -> bool:
    """Whether a dash or a glued parenthesis splits a word into pieces."""
    return word.find("(", 1) >= 0 or "\u2014" in word or "\u2013" in word or "--" in word


def _pieces(start: int, word: str) -> list[tuple[int, str]]:
    """The pieces of the word at `start`, as (start, piece) pairs."""
    return [(start + m.start(), m.group(0)) for m in _WORD_PIECE.finditer(word)]


def _add_word(words: list[tuple[int, str]], m: re.Match[str]) -> None:
    """Append the (start, word) matched by `m`, or its pieces where a dash or a glued
    parenthesis splits it."""
    w = m.group(0)
    if _split(w):
        words.extend(_pieces(m.start(), w))
    else:
        words.append((m.start(), w))


def _plural_acronym(short: str, long: str | None) -> bool:
    """Whether an acronym and its long form are written in the plural ("FCRNs", "early exits
    (EEs)"): they name a kind of thing."""
    return (
        short.endswith("s")
        and sum(c.isupper() for c in short) >= 2
        and (long is None or long.endswith("s"))
    )


def _words(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for m in _SPLIT_WORD.finditer(text):
        _add_word(out, m)
    return out


def _unmatched(initials: str, letters: str) -> int:
    """How many of `initials` do not read, in order, among `letters` (0: a subsequence)."""
    at, missed = 0, 0
    for c in initials:
        k = letters.find(c, at)
        if k < 0:
            missed += 1
        else:
            at = k + 1
    return missed


def title_long_form(short: str, tail: str, connectors: frozenset[str]) -> str | None:
    """The long form a title's subtitle opens with when it spells the title's acronym: "CAAD:
    Context-Aware Adaptive Decoding for ..." -> "Context-Aware Adaptive Decoding".

    The acronym is the name's capitals and digits ("Light-PEFT": LPEFT), and a name with as
    many small letters as those is no acronym. It must read, in order, among the
    initials of the long form's words and word parts, and those initials may hold at most one
    word it does not spell ("Next Generation Vision Transformer" for Next-ViT); the first and
    last words start with its first and last letters."""
    if " " in short.strip():
        return None  # not an acronym (tested before its letters are read)
    letters = "".join([c for c in short if c.isupper() or c.isdigit()]).casefold()
    lower = sum(map(str.islower, short))
    if len(letters) < 2 or lower >= len(letters):
        return None  # not an acronym: "FlashAttention-2: Faster Attention ..."
    most = len(letters) + 3  # the most words a long form reads
    words = tail.split(None, most)[:most]
    # the initials of the first k words, read one word further for each k
    parts = initials = ""
    for k, last in enumerate(words, 1):
        if last.casefold() not in connectors:
            parts += "".join([p[:1] for p in last.split("-") if p]).casefold()
            initials += last[:1].casefold()
        if k < 2:
            continue
        if (
            initials[:1] == letters[0]
            and letters[-1] in {last[:1].casefold(), last.rsplit("-", 1)[-1][:1].casefold()}
            and _unmatched(letters, parts) == 0
            and _unmatched(initials, letters) <= 1
        ):
            return " ".join(words[:k])
    return None


def _found(name: str, found: list[MethodCandidate]) -> MethodCandidate | None:
    """The candidate found before that `name` (as written) is a name of."""
    key = method_key(clean_name(name))
    return next((c for c in found if key in c.keys()), None)  # noqa: SIM118 (not a dict)


def _unnamed_proposal(words: dict[str, list[str]], lower: bool) -> str:
    """ "we propose/present ... <description>" or "our/the proposed ... <head> ...", each branch
    opened by `\\b` (by nothing with `lower`, whose words are lowercased; all open with a word
    character)."""

    def alt(key: str) -> list[str]:
        return [w.lower() for w in words[key]] if lower else words[key]

    bound = "" if lower else r"\b"
    adverbs = "".join(rf"{re.escape(a)}\s+|" for a in alt("unnamed_adverbs"))[:-1]
    modifiers = "".join(rf"{re.escape(a)}\s+|" for a in alt("unnamed_modifiers"))[:-1]
    return (
        rf"{bound}(?:{alternation(alt('unnamed_subjects'))})\s+(?:{adverbs})?"
        rf"(?:{alternation(alt('unnamed_verbs'))})(?:s|d|ed)?"
        r"(?:,[^,]{0,40},)?\s+(.*)"
        rf"|{bound}(?:our|the\s+proposed)\s+(?:{modifiers})?((?:\w+[\s-]){{0,5}}?"
        rf"(?:{alternation(alt('unnamed_heads'))})s?\b.*)"
    )


class _WordScan:
    """The words of a text from a position on, split off only as far as they are read (a scan
    for a name usually stops after a few words)."""

    def __init__(self, text: str, pos: int) -> None:
        self.scan = _SPLIT_WORD.finditer(text, pos)
        self.words: list[tuple[int, str]] = []  # (start, word)

    def have(self, k: int) -> bool:
        """Whether there is a word k (reading the words up to it)."""
        words = self.words
        while len(words) <= k:
            m = next(self.scan, None)
            if m is None:
                return False
            _add_word(words, m)
        return True

    def past(self, k: int, end: int) -> int:
        """The first word from word k on that starts at or after `end`."""
        while self.have(k) and self.words[k][0] < end:
            k += 1
        return k


class ProposalRules:
    def __init__(self, vocab: Vocabulary) -> None:
        lex = vocab.lexicon
        self.not_names = vocab.words("not_names")
        self.not_acronyms = frozenset(lex["not_method_acronyms"])
        self.kind_heads: dict[str, str] = lex["kind_heads"]
        # "a novel model variant": a head that takes the kind of a kind word before it
        self.deferring_kinds = frozenset(lex["deferring_kind_heads"])
        self.kind_gerunds: dict[str, str] = lex["kind_gerunds"]
        self.naming_cues = frozenset(lex["naming_cues"])
        self.component_cues = vocab.words("component_cues")
        self.component_heads = vocab.words("component_heads")
        words = lex["proposal_words"]
        self.connectors = frozenset(words["name_connectors"])
        self.boundaries = frozenset(words["name_boundaries"])
        self.determiners = frozenset(words["description_determiners"])
        self.other_work = frozenset(words["other_work"])
        self.prior_name = self.other_work | frozenset(words["predecessor"])
        self.derived_of = frozenset(words["derived_of"])
        self.uses = frozenset(words["uses"])
        self.new_words = frozenset(words["new"])
        self.name_starts_not = frozenset(words["name_starts_not"])
        self.appositive_stops = frozenset(words["appositive_stops"])
        self.phrase_ends = frozenset(words["noun_phrase_ends"])
        self.further_adverbs = frozenset(words["further_adverbs"])
        self.count_words = frozenset(words["count_words"])
        self.size_words = frozenset(words["size_words"])
        self.list_stops = frozenset(words["list_stops"])
        # "A, B and C": the words that join a list's last item
        self.list_joiners = frozenset(words["list_joiners"])
        self.joined = tuple(f"{j} " for j in words["list_joiners"])
        # "RouteBench, a benchmark of queries, and RouterX, a learned router": a list that goes on
        # after an item's appositive (to a name that opens one of its own, an acronym, or ends
        # the sentence)
        articles = alternation(words["enumeration_articles"])
        joiners = alternation(words["list_joiners"])
        self.after_appositive = re.compile(
            rf",\s+(?:{articles})\s+[^,;:()]{{1,150}}?,\s+(?:{joiners})\s+"
            rf"(?=[^\s,;:()]+(?:,\s+(?:{articles})\s|\s*\(|[.;]?$))"
        )
        self.heads = frozenset(words["unnamed_heads"])
        self.complements = frozenset(words["head_complements"])
        self.study_heads = frozenset(words["study_heads"])
        # "we study how reward model size affects ...": a question, not a thing made
        self.question_openers = frozenset(words["question_openers"])
        # "INT v.s. FP: A Comprehensive Study": two things compared, not a name
        self.comparison_words = frozenset(words["comparison_words"])
        self.prior_before_cue = re.compile(rf"\b({alternation(words['prior_cues'])})\b")
        self.self_before = re.compile(rf"\b({alternation(words['self_before'])})\b")
        # "we address this by introducing NAME": a gerund after one of these, with "we" before
        self.gerund_links = frozenset(words["gerund_links"])
        self.verb_links = frozenset(words["verb_links"])
        # "MPC-friendly", "IO-aware", "MatMul-free": a compound adjective, not a coined name
        self.adjective_compound = re.compile(
            rf"^\S+-(?:{alternation(words['adjective_suffixes'])})$"
            rf"|^(?:{alternation(words['adjective_prefixes'])})-\S+$",  # "non-Markovian"
            re.I,
        )
        self.title_report = re.compile(
            rf"^\s*(\S+?(?:\s\S+?)??)\s+(?:{alternation(words['report_titles'])})\s*$", re.I
        )
        articles = "".join(f"{re.escape(a)} |" for a in words["enumeration_articles"])[:-1]
        connectors = alternation(words["enumeration_connectors"])
        self.enumeration = re.compile(
            rf"\((?:\d|[a-h]|i{{1,3}}|iv|v)\)\s+(?:{articles})?"
            rf"([A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|[A-Za-z]*-[\w\-]+|{connectors})){{0,5}})"
        )
        self.trailing_connector = re.compile(rf"\s+({connectors})$")
        heads = alternation(words["unnamed_heads"])
        self.not_own_heads = frozenset(words["not_own_name_heads"])
        self.not_after = frozenset(words["appositive_not_after"])
        # "our TinyNet", "our ConvFirst model", "our final method, MC-SMoE" (the \b before "our"
        # is the look-behind after its first letter: a pattern that opens with a letter lets the
        # search skip ahead to that letter)
        self.own_name = re.compile(
            rf"[Oo](?<!\w[Oo])ur\s+(?:(?P<a>{alternation(words['own_adjectives'])})\s+)?"
            rf"(?:(?P<h>{heads})s?\s*,\s*)?(?P<n>[^\s,;:()]+)"
        )
        # "The proposed FernNet achieves ...": a name said to be the paper's own
        self.proposed_name = re.compile(r"[Tt](?<!\w[Tt])he\s+proposed\s+(?P<n>[^\s,;:()]+)")
        # "our final method, MC-SMoE", "our full model, X": the paper's principal contribution
        self.final_adjectives = frozenset(words["final_adjectives"])
        # "... (BiFA) module is further proposed", "PyTorch-Direct is devised"
        self.passive_verbs = tuple(words["passive_verbs"])
        self.composition_verbs = tuple(words["composition_verbs"])
        self.passive_subject_breaks = frozenset(words["passive_subject_breaks"])
        self.passive = re.compile(
            rf"\b(?:is|are)\s+(?:(?:{alternation(words['passive_adverbs'])})\s+)?"
            rf"(?:{alternation(words['passive_verbs'])})\b"
        )
        # "FastVLM incorporates FastViTHD, a novel hybrid vision encoder" (the search starts at
        # the comma: a pattern starting with the name would try every position)
        self.appositive = re.compile(
            rf",\s+(?:{alternation(vocab.lexicon['novelty_phrases'])})\b", re.I
        )
        self.unnamed_proposal = CaselessSearch(
            re.compile(_unnamed_proposal(words, lower=False), re.I),
            re.compile(_unnamed_proposal(words, lower=True)),
            (*(w.lower() for w in words["unnamed_subjects"]), "our", "the"),
        )
        known = set(vocab.hardware_by_alias) | set(vocab.metric_by_alias)
        known |= set(vocab.dataset_by_alias)
        self.known_terms = frozenset(known)
        self.appositive_openers = tuple(words["appositive_openers"])
        self._namey: dict[str, bool] = {}
        self._defs: dict[str, list[tuple[int, int, str, str | None]]] = {}

    def prior_name_before(self, before: str) -> bool:
        """Words before a proposed name mark it as existing work: "than its predecessor PaLM",
        "a slimmed-down version of MultiHead Self-Attention"."""
        words = [w.strip(_STRIP) for w in before.rsplit(None, 3)[-3:]]
        if self.prior_name.intersection(words):
            return True
        return len(words) >= 2 and words[-1] == "of" and words[-2] in self.derived_of

    # ------------------------------------------------------------------ word shapes
    def is_namey(self, word: str) -> bool:
        """A word shaped like a coined name: inner capitals, letters+digits, or all caps."""
        cached = self._namey.get(word)
        if cached is None:
            if len(self._namey) > 100_000:
                self._namey.clear()
            cached = self._namey[word] = self._is_namey(word)
        return cached

    def _is_namey(self, word: str) -> bool:
        w = word.strip(_STRIP)
        if len(w) > 40:
            return False
        if len(w) < 2 or w in self.not_acronyms or self._not_name(w):
            return False
        if w.endswith(("'s", "\u2019s")):
            return False  # "a reformulation of NeRF's architecture": an owner, not a name
        if "-" in w and all(
            p in self.not_acronyms or self._not_name(p) or p.casefold() in self.kind_heads
            for p in w.split("-")
        ):
            return False  # "CNN-Transformer": common words joined, not a coined name
        return w.casefold() not in self.known_terms and name_shaped(w)

    def _title_namey(self, word: str) -> bool:
        """A name in a title's prefix, where a known dataset, metric or hardware name is the
        paper's own ("GPQA: A Graduate-Level Google-Proof Q&A Benchmark")."""
        if self.is_namey(word):
            return True
        w = word.strip(_STRIP)
        return w.casefold() in self.known_terms and w not in self.not_acronyms and name_shaped(w)

    def _not_name(self, word: str) -> bool:
        """A common word ("based", "simple"), unless written in capitals as a name ("BASED")."""
        return word.casefold() in self.not_names and not (len(word) >= 4 and word.isupper())

    def is_new_acronym(self, short: str, long: str) -> bool:
        """An acronym coined with a capitalised long form: "we propose Memory of Amortized
        Contexts (MAC)" names a method, though MAC is also a metric's name (a lowercase long
        form, "mixture of experts (MoE)", is a term in general use)."""
        words = [w for w in long.split() if w.casefold() not in self.connectors]
        return (
            len(words) >= 2
            and all(w[:1].isupper() for w in words)
            and self.is_valid_name(long)
            and bool(long_form_of(short, long))
        )

    @staticmethod
    def long_form(short: str, long: str) -> str:
        """An acronym's long form without a generic last word that is not one of its letters:
        "mixed-precision quantization algorithm (FMPQ)" -> "mixed-precision quantization", but
        "Next Convolution Block (NCB)" keeps its Block."""
        long = clean_alias(long)
        trimmed = clean_name(long)
        if trimmed == long:
            return long
        letters = acronym_letters(short)
        initials = "".join(w[0] for w in long.replace("-", " ").split()).casefold()
        if initials == letters:
            return long  # "polarizable atom interaction neural network (PaiNN)": every word
        last = trimmed.rsplit(None, 1)[-1][:1].casefold() if trimmed else ""
        if letters and last == letters[-1] and long_form_of(short, trimmed):
            return trimmed  # the acronym's last letter starts the last word left
        return long

    def is_capword(self, word: str) -> bool:
        w = word.strip(_STRIP)
        # (the pattern's first letter tested first: most words are not capitalised)
        return (
            "A" <= w[:1] <= "Z"
            and bool(_CAPSEQ_WORD.match(w))
            and w.casefold() not in self.not_names
        )

    def is_valid_name(self, name: str, known_ok: bool = False) -> bool:
        """`known_ok`: a known dataset, metric or hardware name may be one (a title's prefix
        names the paper's own: "MMLU-Pro: A More Robust ... Benchmark")."""
        n = name.strip(_STRIP)
        if not n or len(n) > 60 or n in self.not_acronyms or n[0].isdigit():
            return False
        if n.split(None, 1)[0] in self.name_starts_not:
            return False
        if (not known_ok and n.casefold() in self.known_terms) or self._not_name(n):
            return False
        if "-" in n and self.adjective_compound.match(n):
            return False
        return any(map(str.isalpha, n))

    def kind_near(self, text: str, start: int, end: int, long: str | None = None) -> str | None:
        """Kind from a head word right before the name, right after it, or in its appositive,
        else from the head of the long form it spells ("Latent Consistency Models (LCMs)")."""
        # (maxsplit: only the words needed are split off, and only when they are read)
        rest = text[end:]
        after = rest.split(None, 1)[:1]
        if after and (word := after[0].strip(_STRIP).casefold()) in self.kind_heads:
            return self.kind_heads[word]
        # "FooEngine: a tiny, sparse engine", 'the "Foo Factory", a training system'
        if rest.lstrip().lstrip(_QUOTES).startswith((",", ":")):
            head = self._appositive_kind(rest)
            if head is not None:
                return head
        kind = self._kind_before(text, start)
        if kind is None and long:
            return self.kind_heads.get(long.rsplit(None, 1)[-1].strip(_STRIP).casefold())
        return kind

    def _kind_before(self, text: str, start: int) -> str | None:
        """Kind from a head word in the three words before a name ("a new mobile architecture,
        MobileNetV2")."""
        before = text[:start].rsplit(None, 3)[-3:]
        for k in range(len(before) - 1, -1, -1):
            w = before[k].strip(_STRIP).casefold()
            if w in self.kind_heads:
                if k and w in self.deferring_kinds:
                    prev = before[k - 1].strip(_STRIP).casefold()
                    return self.kind_heads.get(prev, self.kind_heads[w])
                return self.kind_heads[w]
            # "a new family of object detectors, called FooDet": one of them
            if w.endswith("s") and before[k].endswith(",") and w[:-1] in self.kind_heads:
                return self.kind_heads[w[:-1]]
            if w in self.list_joiners and k and before[k - 1].endswith(","):
                break  # "RouteBench, a large benchmark, and RouterX": the other item's kind
        return None

    def _appositive_kind(self, rest: str) -> str | None:
        """The kind the head of the phrase opening `rest` says ("a tiny, sparse engine ...")."""
        ahead = rest.split(None, 10)[:10]
        head: str | None = None  # the last kind word of the phrase read so far: its head
        for k, raw in enumerate(ahead):
            w = raw.strip(_STRIP).casefold()
            if raw.startswith("(") and raw.endswith(")"):
                continue  # "a Large Language Model (LLM) inference engine": a spelled acronym
            if w in self.kind_heads:
                if head is None or w not in self.deferring_kinds:
                    head = self.kind_heads[w]
                if raw[-1] in ",.;:)":
                    return head
                continue
            # "a fast LLM inference engine supporting ...": the phrase ends before a
            # participle or a preposition, and its last kind word is its head; a gerund
            # before a kind word is a modifier ("an LLM serving system")
            if head is not None and (
                w in self.phrase_ends
                or (
                    w.endswith("ing")
                    and not (
                        k + 1 < len(ahead)
                        and ahead[k + 1].strip(_STRIP).casefold() in self.kind_heads
                    )
                )
            ):
                return head
            if w in self.appositive_stops:
                break
            if w in self.list_joiners and k + 1 < len(ahead) and self.is_namey(ahead[k + 1]):
                break  # "RouterX, a learned router, and RouteBench, a benchmark": its kind
        return head

    # ------------------------------------------------------------------ title
    def _title_kind(self, tail: str) -> str | None:
        """The kind the title gives after its name: the head (last word) of the tail's first
        noun phrase, which a preposition ends. "A GCN Accelerator with ..." is a system; in
        "Efficient Serving of Large Language Models" or "Optimizing LLM Inference" the models
        are what the method works on, not what it is."""
        words: list[str] = []
        for raw in tail.split():
            w = raw.strip(_STRIP).casefold()
            if w in self.phrase_ends and w not in self.list_joiners:
                break
            words.append(w)
        if not words or words[0].endswith("ing"):
            return None  # a verb phrase: "Accelerating Large Language Models"
        return self.kind_heads.get(words[-1])

    def _title_gerund_kind(self, title: str) -> str | None:
        """The kind a title's subtitle opening with a gerund says ("Benchmarking ...")."""
        words = title.partition(":")[2].split(None, 1)
        return self.kind_gerunds.get(words[0].casefold()) if words else None

    def title_name(self, title: str) -> tuple[str, str | None] | None:
        m = _TITLE_PREFIX.match(title) if ":" in title else None
        if m:
            prefix = m.group(1).strip()
            kind = self._title_kind(title[m.end(1) :].strip(" :"))
            report = self.title_report.match(prefix)
            if report is not None and self._title_namey(report.group(1).split()[0]):
                # "Phi-3 Technical Report: A Highly Capable Language Model ...": Phi-3
                return report.group(1), kind or "model"
            words = prefix.split()
            if not self.comparison_words.isdisjoint(map(str.casefold, words)):
                return None
            gerund = len(words) > 1 and words[0].casefold().endswith("ing")
            if len(words) <= 3 and not gerund and any(map(self._title_namey, words)):
                return prefix, kind
            if (
                (len(words) == 1 or (len(words) == 2 and _VERSION.match(words[1])))
                and self.is_capword(words[0])
                and self.is_valid_name(words[0], known_ok=True)
            ):
                return prefix, kind  # "Octopus v2: On-device language model"
            return None
        m = self.title_report.match(title)
        if m and any(self.is_namey(w) for w in m.group(1).split()):
            return m.group(1), "model"
        return None

    # ------------------------------------------------------------------ sentences
    def acronym_defs(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """(start, end, short, long) for "Long Form (LF)" and "LF (Long Form)" in `text`."""
        cached = self._defs.get(text)  # per document (cleared by `extract`)
        if cached is None:
            cached = self._defs[text] = self._acronym_defs(text)
        return cached

    def _acronym_defs(self, text: str) -> list[tuple[int, int, str, str | None]]:
        out: list[tuple[int, int, str, str | None]] = []
        # "Mixture of Sparse Adapters, or MoSA,"
        for m in _OR_ACRONYM.finditer(text) if ", or " in text else ():
            long = long_form_of(m.group(1), text[: m.start()])
            if long and self.is_namey(m.group(1)) and text.endswith(long, 0, m.start()):
                out.append((m.start() - len(long), m.end(), m.group(1), long))
        # (tried only at a comma before a capital, found with `str.find`: cheaper than a search)
        at = text.find(", ")
        while at >= 0:
            cm = _COMMA_ACRONYM.match(text, at) if "A" <= text[at + 2 : at + 3] <= "Z" else None
            at = text.find(", ", at + 1)
            if cm is None:
                continue
            long = long_form_of(cm.group(1), text[: cm.start()])
            # without a parenthesis or "or", the long form must be a run of capitalised words
            if (
                long
                and text.endswith(long, 0, cm.start())
                and all(map(self.is_capword, long.split()))
            ):
                out.append((cm.start() - len(long), cm.end(), cm.group(1), long))
        if "(" not in text:
            return out
        for m in _PAREN.finditer(text):
            inner = m.group(1).strip()
            before = text[: m.start()]
            if " " not in inner and len(inner) <= 24:
                if inner.startswith(("e.g", "i.e", "see", "http")) or not any(
                    map(str.isupper, inner)
                ):
                    continue
                stripped = before.rstrip()
                if not stripped or stripped[-1] in ":;":
                    continue  # "solutions: (S1) Rational basis": a label that opens an item
                long = long_form_of(inner, self._before_naming(stripped))
                if long is None:
                    # "Convolutional Fusion Block (CFB)": a capitalised phrase right before
                    seq: list[str] = []
                    for w in reversed(before.split()):
                        if self.is_capword(w) and not w.endswith(","):
                            seq.insert(0, w)
                        else:
                            break
                    # ... starting with the acronym's first letter ("Vision-Language Models
                    # (Qwen2.5-VL)" gives an example, not a long form)
                    if len(seq) >= 2 and seq[0][:1].casefold() == acronym_letters(inner)[:1]:
                        long = " ".join(seq)
                if long is None and not self.is_namey(inner):
                    continue
                # "Vision-Language Models (Qwen2.5-VL)": an example of a kind, unlike "end-to-end
                # training of quantization parameters (E2E-QP)"
                if long is None and self._example_of_kind(before, inner):
                    continue
                j = len(stripped)  # where the text before the parenthesis ends
                start = m.start() - (len(long) + 1 if long and text.endswith(long, 0, j) else 0)
                out.append((max(start, 0), m.end(), inner, long))
            else:
                # "COAT (Compressing Optimizer States ...)": the acronym comes first
                prev = before.rsplit(None, 1)[-1:]
                if prev and self.is_namey(prev[0]):
                    short = prev[0].strip(_STRIP)
                    if long_form_of(short, inner) and len(inner.split()) >= 2:
                        out.append((m.start() - len(prev[0]) - 1, m.end(), short, inner))
        return out

    def _before_naming(self, before: str) -> str:
        """`before` without a naming cue at its end: "an efficient symmetric network, called
        (ESNet)" spells out ESNet as "efficient symmetric network"."""
        head, _, last = before.rpartition(" ")
        return head.rstrip(" ,") if last.casefold() in self.naming_cues else before

    @staticmethod
    def _example_of_kind(before: str, inner: str) -> bool:
        """Whether "(inner)" after `before` names an example of a plural kind: "Vision-Language
        Models (Qwen2.5-VL)", unlike "training of quantization parameters (E2E-QP)", where a
        word before starts with the name's first letter."""
        if not before.rstrip().endswith("s"):
            return False
        prev = before.rsplit(None, 6)[-6:]
        first = inner[:1].casefold()
        return not prev[-1].isupper() and not any(w[:1].casefold() == first for w in prev)

    def _own_verb(self, low: str, start: int, end: int) -> bool:
        """Whether the proposal verb at `start`-`end` of the casefolded sentence is the paper's
        own: "we" or "our" among the four words before it; "we address this by introducing",
        a gerund after "by" with "we" earlier in the sentence; or "we observe that most tokens
        are redundant and introduce", a verb in the form "we" takes, joined to the verbs of a
        sentence that opens with "we"."""
        before = low[:start].rsplit(None, 4)[-4:]
        if self.self_before.search(" ".join(before)):
            return True
        if not before:
            return False
        if before[-1] in self.verb_links:
            verb = low[start:end].split(None, 1)[0]
            return not verb.endswith(("s", "ed", "ing")) and "we" in low[:start].split(None, 4)[:4]
        return (
            low.endswith("ing", 0, end)
            and before[-1] in self.gerund_links
            and self.self_before.search(low, 0, start) is not None
        )

    @staticmethod
    def _renamed(text: str, end: int, found: list[MethodCandidate]) -> MethodCandidate | None:
        """The method found before that a parenthesis right after `end` holds: "we propose
        Length-Harmonizing Fine-Tuning (O1-Pruner)" after the title's O1-Pruner, whose long
        name the words before it are."""
        par = _PAREN_AFTER.match(text, end)
        if par is None:
            return None
        key = method_key(par.group(1))
        return next((c for c in found if c.name and method_key(c.name) == key), None)

    @staticmethod
    def _own_name_before(low: str, start: int, found: list[MethodCandidate]) -> bool:
        """Whether the word before the proposal verb at `start` of the casefolded sentence is
        the name of one of the paper's methods found before: "S-LoRA proposes Unified Paging"."""
        before = low[:start].rsplit(None, 1)[-1:]
        return bool(before) and any(
            c.name and before[0].strip(_STRIP) == c.name.casefold() for c in found
        )

    def names_after(
        self, text: str, pos: int, lenient: bool
    ) -> list[tuple[int, int, str, str | None]]:
        """Names introduced after `pos` (the end of a trigger): the first one and list items."""
        defs = [d for d in self.acronym_defs(text) if d[1] > pos]
        if pos > 0 and not text[pos - 1].isspace():
            rest = _SPLIT_WORD.match(text, pos)  # `pos` is inside a word: start after it
            if rest is not None:
                pos = rest.end()
        # the words after `pos`, read from the text only as far as the scan gets (it usually
        # stops after a few words)
        ws = _WordScan(text, pos)
        words = ws.words
        found: list[tuple[int, int, str, str | None]] = []
        i = 0
        skipped = 0
        seen_head = False
        while ws.have(i) and skipped <= 16:
            s, w = words[i]
            bare = w.strip(_STRIP)
            d = next((d for d in defs if d[0] <= s < d[1]), None) if defs else None
            if d:
                found.append(d)
                i = self._goes_on(text, ws, d[1], ws.past(i, d[1]))
                if i < 0:
                    break
                continue
            if self.is_namey(w) and not (w.rstrip(_STRIP) != w.rstrip() and w.endswith(")")):
                bare = _balanced(w, bare)
                s += w.find(bare)  # past an opening quote: '"Sample Factory"'
                end = s + len(bare)
                if ws.have(i + 1) and _VERSION.match(words[i + 1][1]):
                    i += 1
                    bare = f"{bare} {words[i][1].rstrip(_STRIP)}"
                    end = words[i][0] + len(words[i][1].rstrip(_STRIP))
                found.append((s, end, bare, None))
                i = self._goes_on(text, ws, end, i + 1)
                if i < 0:
                    break
                continue
            if seen_head and not lenient:
                # "a dataset of Performance-Improving Edits (PIE)": the head's own name
                if bare == "of" and ws.have(i + 1) and any(d[0] == words[i + 1][0] for d in defs):
                    i += 1
                    continue
                # "an efficient LLM inference scheduler, Sarathi-Serve, ...": a later head
                # word and its name
                k = self._apposed_head_name(ws, i) if "," in text[s : s + 80] else -1
                if k > i:
                    i, seen_head = k, False
                    continue
                break  # "a novel approach enabling ...": the object has no name
            # (`bare` is the word as `is_capword` strips it: its first letter tested first)
            capword = (
                "A" <= bare[:1] <= "Z"
                and (
                    self.is_capword(w)
                    # "Unified Paging": a common word capitalised as the first of a two-word name
                    # (not a capitalised description: "Large Language Model for Code Efficiency")
                    or (
                        w[-1] not in ",;:."
                        and bool(_CAPSEQ_WORD.match(bare))
                        and ws.have(i + 1)
                        and self.is_capword(words[i + 1][1])
                        and words[i + 1][1].strip(_STRIP).casefold() not in self.kind_heads
                        and not (ws.have(i + 2) and words[i + 2][1][:1].isupper())
                    )
                )
            )
            d = self._def_after(text, s, defs) if capword else None
            if d:
                found.append(d)
                i = self._goes_on(text, ws, d[1], ws.past(i, d[1]))
                if i < 0:
                    break
                continue
            # "an efficient LLM inference scheduler, Sarathi-Serve, to ...": a name set off by
            # commas after its head word
            after_head = (
                capword
                and i > 0
                and words[i - 1][1].endswith(",")
                and words[i - 1][1][:-1].casefold() in self.kind_heads
            )
            if capword and (lenient or skipped <= 1 or after_head):
                seq = [(s, w)]
                k = i + 1
                while ws.have(k) and not seq[-1][1].endswith((",", ";", ".", ":")):
                    nw = words[k][1]
                    if nw.startswith("("):
                        break
                    if self.is_capword(nw) or (
                        nw.casefold() in self.connectors
                        and ws.have(k + 1)
                        and self.is_capword(words[k + 1][1])
                    ):
                        seq.append(words[k])
                        k += 1
                    else:
                        break
                name = " ".join(x[1] for x in seq).strip(_STRIP)
                s += len(seq[0][1]) - len(seq[0][1].lstrip(_STRIP))  # '"Sample Factory"'
                # one capitalised word right after the verb names the method when an
                # appositive follows: "we propose Conformer-Lite, a streaming encoder", "we
                # design Pensieve, a system ..."
                apposed = skipped == 0 and text.startswith(self.appositive_openers, s + len(name))
                if after_head:
                    apposed = text.startswith((",", " to ", " that ", " which "), s + len(name))
                if (
                    (len(seq) >= 2 or lenient or apposed)
                    and self.is_valid_name(name)
                    # "open-source MLLMs on CG-Bench": models of a kind, not a name
                    and not (seq[0][1].endswith("s") and seq[0][1] in self.not_acronyms)
                ):
                    items = self._counted_items(text, s, name)
                    found.extend(items)
                    i = self._goes_on(text, ws, s + len(name), k)
                    if i < 0:
                        break
                    continue
            if (
                capword
                and i > 0
                and ws.have(i + 1)
                and words[i - 1][1].casefold() in self.new_words
                and (head := words[i + 1][1].strip(_STRIP)).casefold() in self.component_heads
                and self.is_valid_name(bare)
            ):
                # "a novel Ghost module": a capitalised word naming a new component
                end = words[i + 1][0] + len(head)
                found.append((s, end, f"{bare} {head}", None))
                i = self._goes_on(text, ws, end, i + 2)
                if i < 0:
                    break
                continue
            if found:
                break
            low = bare.casefold()
            if low in self.boundaries:
                break
            if low in self.kind_heads and not w.endswith(","):
                seen_head = True
            skipped += 1
            i += 1
        return found

    def _apposed_head_name(self, ws: _WordScan, i: int) -> int:
        """The word after "HEAD," when it is a capitalised name set off by a comma, within the
        next three words of word i; else -1."""
        words = ws.words
        for k in range(i, i + 3):
            if not ws.have(k + 1):
                return -1
            w = words[k][1]
            if w.endswith(","):
                name = words[k + 1][1]
                if (
                    w[:-1].casefold() in self.kind_heads
                    and name.endswith(",")
                    and self.is_capword(name)
                ):
                    return k + 1
                return -1
        return -1

    def _counted_items(
        self, text: str, start: int, name: str
    ) -> list[tuple[int, int, str, str | None]]:
        """The name at `start`, or its items when an appositive counts them: "Clip-Higher and
        Dynamic Sampling, two simple fixes" names two methods."""
        end = start + len(name)
        one: list[tuple[int, int, str, str | None]] = [(start, end, name, None)]
        if " and " not in name:
            return one
        after = text[end : end + 20].lstrip(" ,").split(None, 1)[:1]
        if not after or after[0].casefold() not in self.count_words:
            return one
        first, _, second = name.partition(" and ")
        if not (self.is_valid_name(first) and self.is_valid_name(second)):
            return one
        items: list[tuple[int, int, str, str | None]] = [
            (start, start + len(first), first, None),
            (end - len(second), end, second, None),
        ]
        return items

    def _goes_on(self, text: str, ws: _WordScan, end: int, k: int) -> int:
        """Where a list goes on after the item ending at `end` (its words before word k): the
        next item's word, past an "and"/"or" or past the item's appositive; -1 if it ends."""
        words = ws.words
        if self._list_continues(text, end):
            while ws.have(k) and words[k][1].casefold() in self.list_joiners:
                k += 1
            return k
        at = self._next_item_after(text, end)
        if at < 0:
            return -1
        return ws.past(k, at)

    @staticmethod
    def _def_after(
        text: str, s: int, defs: list[tuple[int, int, str, str | None]]
    ) -> tuple[int, int, str, str | None] | None:
        """An acronym defined a few words after `s`, in the same phrase and with the same first
        letter, with its long form widened to start at `s`: "an Iterative Initialization and
        Retraining method for SNNs (IIR-SNN)", "Magic 1-For-1 (Magic141)"."""
        for start, end, short, _long in defs:
            if s < start <= s + 60:
                paren = text.rfind("(", start, end)
                long = text[s:paren].strip()
                if (
                    paren > s
                    and not any(c in long for c in ",;:()")
                    and long[:1].casefold() == acronym_letters(short)[:1]
                ):
                    return (s, end, short, long)
        return None

    def _list_continues(self, text: str, end: int) -> bool:
        rest = text[end : end + 12].lstrip()
        if rest.startswith(","):
            return rest[1:].lstrip().split(" ", 1)[0].casefold() not in self.list_stops
        return rest.startswith(self.joined)

    def _next_item_after(self, text: str, end: int) -> int:
        """Where a list goes on after the item ending at `end` and the appositive that follows
        it, or -1."""
        if not text.startswith(",", end):
            return -1
        m = self.after_appositive.match(text, end)
        return m.end() if m is not None else -1

    # ------------------------------------------------------------------ main entry
    def extract(
        self,
        ctx: DocContext,
        cue_sents: dict[int, set[str]],
        cue_pos: dict[int, list[tuple[str, int, int]]] | None = None,
    ) -> list[MethodCandidate]:
        self._defs.clear()
        # "MobileNetV4 - Universal Models ...": a name set off by a spaced dash, as by a colon
        title = _TITLE_DASH.sub(r"\1: ", ctx.title, count=1)
        found: list[MethodCandidate] = []
        order = 0

        def add(
            name: str,
            alias: str | None,
            kind: str | None,
            main: bool,
            ev: tuple[Sentence, str, float],
            known_ok: bool = False,
        ) -> None:
            """Add a name found (or merge it into a candidate found before); `ev` is the
            evidence's (sentence, rule, confidence), made into evidence for a new candidate;
            `known_ok`: the name may be a known dataset, metric or hardware name (a title's)."""
            nonlocal order
            name = clean_name(name)
            if not (
                self.is_valid_name(name, known_ok) or (alias and self.is_new_acronym(name, alias))
            ):
                return
            plural = None
            if len(name) >= 4 and name[-1] == "s" and name[-2].isupper() and " " not in name:
                name, plural = name[:-1], name  # "EfficientTAMs": the name is EfficientTAM
            alias = self.long_form(name, alias) if alias else None
            key = method_key(name)
            alias_key = method_key(alias) if alias else ""
            for c in found:
                ks = c.keys()
                if key in ks or (alias_key and alias_key in ks):
                    if (
                        alias
                        and alias_key not in ks
                        and alias.casefold() != c.name.casefold()
                        and not c.reads_longer(alias)
                    ):
                        # a longer reading replaces a shorter one ("... Reconfigurable Accelerator")
                        c.aliases = [a for a in c.aliases if not alias.startswith(f"{a} ")]
                        c.aliases.append(alias)
                    if key not in ks:
                        c.aliases.append(name)
                    c.main = c.main or main
                    if c.kind == "method" and kind:
                        c.kind = kind
                    return
            for c in found:  # "MInference" after "MInference 1.0": the name less its version
                if c.name.startswith(f"{name} ") and _VERSION_NUMBER.fullmatch(
                    c.name, len(name) + 1
                ):
                    c.aliases += [a for a in (name, alias) if a and a not in c.aliases]
                    return
            for c in found:  # "TinyNet-E" after "TinyNet": a member of its family
                if (
                    c.name
                    and len(c.name) >= 3
                    and _FAMILY_SUFFIX.fullmatch(name, len(c.name))
                    and (name.startswith(c.name))
                ):
                    if name not in c.aliases:
                        c.aliases.append(name)
                    return
            order += 1
            cand = MethodCandidate(name, [], kind or "method", main, ctx.evidence(*ev), order)
            if alias and method_key(alias) != key:
                cand.aliases.append(alias)
            if plural:
                cand.aliases.append(plural)
            found.append(cand)

        title_sent = next((s for s in ctx.sentences if s.in_title), None)
        tn = self.title_name(title)
        if tn and title_sent:
            long = title_long_form(tn[0], title.partition(":")[2], self.connectors)
            add(tn[0], long, tn[1], True, (title_sent, "title_prefix", 0.9), known_ok=True)

        first_proposal = True
        for sent in ctx.sentences:
            if sent.in_title:
                continue
            cues = cue_sents.get(sent.i)
            if not cues or cues.isdisjoint(_PROPOSAL_CUES):
                continue
            text = sent.text
            if text.endswith("?"):
                continue  # "Can we design a ConvNet ...?": a question proposes nothing
            low = aligned_casefold(text)  # offsets in `text` are offsets in `low`
            self_ref = "SELF" in cues
            # the paper's own work: "we"/"our", or a name already found ("FcaFormer", "Fcaformer")
            own = self_ref or any(c.name.casefold() in low for c in found)
            # "S-LoRA proposes Unified Paging": a name found before as the verb's subject
            by_own_name = own and not self_ref and "PROPOSE" in cues
            # "the model is named RepVGG": a name found before, named with its kind
            named_own = own and not self_ref and "NAMING" in cues
            # 1. proposal objects and naming cues
            if (self_ref and ("PROPOSE" in cues or "NAMING" in cues)) or by_own_name or named_own:
                for label, cue_start, cue_end in (cue_pos or {}).get(sent.i, ()):
                    is_verb = label == "PROPOSE"
                    is_naming = label == "NAMING"
                    if not (is_verb or is_naming):
                        continue
                    rel_start = cue_start - sent.start_char
                    rel_end = cue_end - sent.start_char
                    if is_verb and not (
                        self._own_verb(low, rel_start, rel_end)
                        if self_ref
                        else self._own_name_before(low, rel_start, found)
                    ):
                        continue
                    if is_naming and not self_ref and not named_own:
                        continue
                    if is_naming and self.prior_before_cue.search(
                        " ".join(low[:rel_start].rsplit(None, 6)[-6:])
                    ):
                        continue  # "an existing approach called Linformer"
                    names = self.names_after(text, rel_end, lenient=is_naming)
                    names = [
                        n
                        for n in names
                        if not self.prior_name_before(low[max(0, n[0] - 60) : n[0]])
                        and (self_ref or not is_naming or _found(n[2], found) is not None)
                    ]
                    # "We further propose X" / "also introduce": after a main name, an extra
                    further = (
                        bool(found)
                        and (low[:rel_start].rsplit(None, 1)[-1:] or [""])[0]
                        in self.further_adverbs
                    )
                    for s, e, short, long in names:
                        if long is None:
                            e, short = self._title_spelled(text, e, short, ctx.title)
                        renamed = self._renamed(text, e, found) if long is None else None
                        if renamed is not None:  # "Length-Harmonizing Fine-Tuning (O1-Pruner)"
                            if short not in renamed.aliases:
                                renamed.aliases.append(short)
                            continue
                        kind = self.kind_near(text, s, e, long)
                        main = first_proposal and not tn and not further
                        rule = "naming_cue" if is_naming else "proposal_object"
                        add(short, long, kind, main, (sent, rule, 0.85))
                    if names and is_verb:
                        first_proposal = False
            # 2. acronym definitions of the paper's own components
            if "ACRO" in cues and own:
                for s, e, short, long in self.acronym_defs(text):
                    before = low[:s].rsplit(None, 4)[-4:]
                    if any(w.strip(_STRIP) in self.other_work for w in before):
                        continue
                    # "layers with Kolmogorov-Arnold Network (KAN)", "via generative architecture
                    # search (GAS)": an existing technique the method uses, unless marked new
                    bare = {w.strip(_STRIP) for w in before[-3:]}
                    if bare & self.uses and not bare & self.new_words:
                        continue
                    # a component word in the long form or right after it, or earlier on
                    around = (long or "").casefold().split()[-2:] + low[e:].split(None, 2)[:2]
                    cue_here = any(w.strip(_STRIP) in self.component_heads for w in around)
                    if not cue_here and self.component_cues.isdisjoint(_WORD.findall(low[:s])):
                        continue
                    if short in self.not_acronyms or not self.is_valid_name(short):
                        continue
                    if _plural_acronym(short, long) and self.new_words.isdisjoint(
                        _WORD.findall(low[:s])
                    ):
                        continue  # "applies early exits (EEs)": a kind of thing, not a name
                    kind = self.kind_near(text, s, e, long)
                    add(short, long, kind, False, (sent, "acronym_definition", 0.75))
            # 3. enumerated components (in a sentence with a component word, read only when
            # there are items)
            items = list(self.enumeration.finditer(text)) if own and "(" in text else []
            if items and not self.component_cues.isdisjoint(_WORD.findall(low)):
                for m in items:
                    name = m.group(1).strip(_STRIP)
                    name = self.trailing_connector.sub("", name)
                    if len(name.split()) >= 2 or self.is_namey(name):
                        add(
                            name,
                            None,
                            "method",
                            False,
                            (sent, "enumerated_component", 0.6),
                        )

            # 4. names introduced without a proposal object: "our TinyNet", "X is proposed",
            # "X, a novel encoder"
            for n, rule in self.introduced(text, cues):
                add(
                    n[2],
                    n[3],
                    self.kind_near(text, n[0], n[1], n[3]),
                    rule == "own_final_name",
                    (sent, rule, 0.7),
                )

        # 5. the named parts a composition verb lists ("X consists of XAttn, a sparse attention
        # kernel, and XCache, a cache manager"; "two components: XAttn and XCache")
        if found and any(v in ctx.text for v in self.composition_verbs):
            for sent in ctx.sentences:
                if not sent.in_title:
                    for n in self.listed_components(sent.text, found):
                        add(n[2], n[3], self.kind_near(sent.text, n[0], n[1], n[3]), False,
                            (sent, "listed_component", 0.6))  # fmt: skip

        # acronym definitions anywhere that expand a name already found (aliases only)
        if found:
            for sent in ctx.sentences:
                if "(" not in sent.text:
                    continue
                for _s, _e, short, long in self.acronym_defs(sent.text):
                    if not long:
                        continue
                    short_key, long_key = method_key(short), method_key(long)
                    for c in found:
                        ks = c.keys()
                        if short_key in ks and long_key not in ks:
                            if not c.reads_longer(long):
                                c.aliases.append(self.long_form(short, long))
                        elif long_key in ks and short_key not in ks:
                            c.aliases.append(short)
            if not tn:
                self._title_versions(ctx, title, found)
            self.family_members(ctx, found)
            if tn:
                self._described_kind(ctx, tn[0], found)
            if tn and (kind := self._title_gerund_kind(title)):
                # "OSWorld: Benchmarking Multimodal Agents ...": a benchmark, unless the
                # abstract says what it is
                title_key = method_key(clean_name(tn[0]))
                for c in found:
                    ks = c.keys()
                    if c.kind == "method" and title_key in ks:
                        c.kind = kind
            found = self._short_forms_merged(found)
            if not any(c.main for c in found):
                found[0].main = True
        else:
            unnamed = self.unnamed(ctx, cue_sents)
            if unnamed:
                found.append(unnamed)
        return found

    def listed_components(
        self, text: str, found: list[MethodCandidate]
    ) -> list[tuple[int, int, str, str | None]]:
        """The names a composition verb lists after the paper's own method, each set off by an
        appositive or after a component word ("three modules, namely ..."): parts of it, not
        the existing models it is built from ("a ResNet-50 backbone and a BERT encoder")."""
        for verb in self.composition_verbs:
            at = text.find(verb)
            if at < 0:
                continue
            subject = text[:at].casefold()
            last = subject.rstrip().rsplit(None, 1)[-1:]
            if last not in (["it"], ["which"]) and not any(
                c.name.casefold() in subject for c in found
            ):
                return []
            end = at + len(verb)
            names = self.names_after(text, end, False)
            if not names:
                return []
            listed = not self.component_cues.isdisjoint(_WORD.findall(text[end : names[0][0]]))
            return [n for n in names if listed or text.startswith((", a ", ", an "), n[1])]
        return []

    def introduced(
        self, text: str, cues: set[str]
    ) -> list[tuple[tuple[int, int, str, str | None], str]]:
        """Names the sentence introduces without "we propose NAME": "our NAME" (in a sentence
        about the paper's own work), "NAME (is|are) proposed/devised/...", "NAME, a novel ..."."""
        spans: list[tuple[int, int, str]] = []
        if "SELF" in cues and ("our " in text or "Our " in text):
            for m in self.own_name.finditer(text):
                final = m["h"] is not None and m["a"] in self.final_adjectives
                spans.append((m.start("n"), m.end("n"), "own_final_name" if final else "own_name"))
        at = text.find("he proposed ")  # (found with str.find: most sentences hold none)
        while at > 0:
            pm = self.proposed_name.match(text, at - 1)
            if pm is not None:
                spans.append((pm.start("n"), pm.end("n"), "own_name"))
            at = text.find("he proposed ", at + 1)
        if "NOVEL" in cues:
            for m in self.appositive.finditer(text):
                start = text.rfind(" ", 0, m.start()) + 1
                spans.append((start, m.start(), "appositive"))
        out: list[tuple[tuple[int, int, str, str | None], str]] = []
        for start, end, rule in spans:
            word = text[start:end]
            if not self.is_namey(word) or (word.endswith("s") and word[:-1].isupper()):
                continue  # "our INRs": a kind of thing
            after = text[end:].split(None, 1)[:1]
            prev = text[:start].rsplit(None, 1)[-1:]
            if (rule != "appositive" and after and after[0].casefold() in self.not_own_heads) or (
                rule == "appositive" and prev and prev[0].casefold() in self.not_after
            ):
                continue  # "our PyTorch implementation", "uniquely for M3ViT, a novel ..."
            name = word.strip(_STRIP)
            if after and word == name and _VERSION.match(after[0]):
                version = after[0].rstrip(_STRIP)  # "our LLaMA-Adapter V2"
                name = f"{name} {version}"
                end = text.index(version, end) + len(version)
            out.append(((start, end, name, None), rule))
        passive = (
            "PROPOSE" in cues
            and (" is " in text or " are " in text)
            and any(map(text.__contains__, self.passive_verbs))
        )
        for m in self.passive.finditer(text) if passive else ():
            before = text[: m.start()].rstrip()
            # an acronym defined right before (its kind word may follow it: "(BiFA) module")
            defs = [d for d in self.acronym_defs(text) if 0 <= m.start() - d[1] <= 16]
            if defs:
                out.append((defs[-1], "passive_proposal"))
                continue
            words = _words(before)[-8:]
            named = self._capitalised_before_head(words)
            if named is not None:
                out.append((named, "passive_proposal"))
                continue
            for k in range(len(words) - 1, max(len(words) - 4, -1), -1):
                pos, w = words[k]
                if self.is_namey(w):
                    # "the network in NeLF is designed ...": NeLF is not the subject
                    if not (k and words[k - 1][1].casefold() in self.passive_subject_breaks):
                        out.append(((pos, pos + len(w), w.strip(_STRIP), None), "passive_proposal"))
                    break
        return out

    def _capitalised_before_head(
        self, words: list[tuple[int, str]]
    ) -> tuple[int, int, str, None] | None:
        """The capitalised words before a closing component word, as one name: "the Multi-view
        Cross Former module (is proposed)" -> "Multi-view Cross Former" (two words at least, not
        opening with a determiner or a novelty word: "A Novel Fusion module")."""
        if len(words) < 3 or words[-1][1].strip(_STRIP).casefold() not in self.component_heads:
            return None
        run = []
        for pos, w in reversed(words[:-1]):
            low = w.casefold()
            if not w[:1].isupper() or low in self.determiners or low in self.new_words:
                break
            run.append((pos, w))
        if len(run) < 2:
            return None
        start, end = run[-1][0], run[0][0] + len(run[0][1])
        name = " ".join(w for _p, w in reversed(run)).strip(_STRIP)
        return (start, end, name, None)

    def _title_spelled(self, text: str, end: int, name: str, title: str) -> tuple[int, str]:
        """The name with the capitalised word after it when the title spells them together
        ("we present MLPerf Tiny, the first ..." in "MLPerf Tiny Benchmark")."""
        m = _NEXT_CAPWORD.match(text, end)
        if m is None or m.group(1).casefold() in self.kind_heads:
            return end, name
        longer = f"{name} {m.group(1)}"
        at = title.find(longer)
        if at < 0 or title[at + len(longer) : at + len(longer) + 1].isalnum():
            return end, name
        return m.end(1), longer

    def _described_kind(self, ctx: DocContext, name: str, found: list[MethodCandidate]) -> None:
        """The kind the abstract gives the title's name where it first describes it, when the
        title gave none: "PowerInfer, a high-speed ... inference engine", "FBNets, a family of
        models", "PatDNN is an end-to-end framework", else the words before its first mention
        ("a new mobile architecture, MobileNetV2")."""
        cand = _found(name, found)
        if cand is None or cand.kind != "method":
            return
        name = cand.name
        before: str | None = None  # the kind the words before its first mention give
        first = True
        for sent in ctx.sentences:
            if sent.in_title:
                continue
            text = sent.text
            at = text.find(name)  # (a find per sentence: no pattern compiled per paper)
            while at >= 0:
                end = at + len(name)
                if text.startswith("s", end):
                    end += 1  # "FBNets"
                copula = None if text[at - 1 : at].isalnum() else _COPULA.match(text, end)
                if copula is not None:
                    kind = self._appositive_kind(text[copula.end() :]) or before
                    if kind is not None:
                        cand.kind = kind
                    return
                if first and not text[at - 1 : at].isalnum():
                    # "a new mobile architecture, X" (not a long form: "... Model (X)")
                    if not text[:at].rstrip().endswith("("):
                        before = self._kind_before(text, at)
                    first = False
                at = text.find(name, at + 1)
        if before is not None:
            cand.kind = before

    def _short_forms_merged(self, found: list[MethodCandidate]) -> list[MethodCandidate]:
        """A name that another one writes with a kind word after it is that one's alias:
        "ORSIm" of "ORSIm Detector"."""
        out = []
        for c in found:
            longer = next(
                (
                    o
                    for o in found
                    if o is not c
                    and o.name.startswith(c.name + " ")
                    and o.name[len(c.name) + 1 :].casefold() in self.kind_heads
                ),
                None,
            )
            if longer is None or c.main:
                out.append(c)
            elif c.name not in longer.aliases:
                longer.aliases.append(c.name)
        return out

    def family_members(self, ctx: DocContext, found: list[MethodCandidate]) -> None:
        text = ctx.text
        folded = text.casefold() if text.isascii() else ""  # (lowering keeps ASCII offsets)
        for c in found:
            if len(c.name) < 3 or " " in c.name:
                continue
            seen = {a.casefold() for a in c.aliases} | {c.name.casefold()}
            # "PicoDet-S" of "PP-PicoDet": the members of a name with a vendor's prefix may
            # be written without it
            prefix = _VENDOR_PREFIX.match(c.name)
            for stem in (c.name, c.name[prefix.end() :]) if prefix else (c.name,):
                for member in self._members(stem, text, folded):
                    if member.casefold() not in seen:
                        seen.add(member.casefold())
                        c.aliases.append(member)

    def _title_versions(self, ctx: DocContext, title: str, found: list[MethodCandidate]) -> None:
        """ "Searching for MobileNetV3", where the abstract writes "we create two new MobileNet
        models ... MobileNetV3-Large": the name is the title's version of the name found, when
        the abstract writes it too."""
        abstract = ctx.text[ctx.abstract_start :]
        for word in title.split():
            word = word.strip(_STRIP)
            for c in found:
                name = c.name
                if (
                    name
                    and len(word) > len(name)
                    and word.startswith(name)
                    and _FAMILY_SUFFIX.fullmatch(word, len(name))
                    and word in abstract
                ):
                    c.name = word

    def _members(self, stem: str, text: str, folded: str) -> list[str]:
        """The members of the family `stem` written in `text`: "FernDet-S/M/L", "BERT-base",
        "LLaMA v2"; a name with a digit is no word, and its members may be written in lowercase
        ("phi-3-mini" of "Phi-3", when `folded`, the text lowercased, is given)."""
        name, within = stem, text
        if folded and any(map(str.isdigit, stem)):
            name, within = stem.casefold(), folded
        if name + "-" not in within and name + "v" not in within and name + " v" not in within:
            return []
        # the name opens the pattern and the look-behind for what precedes it follows it: a
        # pattern that opens with a literal is searched for by that literal
        escaped = re.escape(name)
        pat = re.compile(rf"{escaped}(?<![\w-]{escaped}){_FAMILY_SUFFIX.pattern}(?![\w-])")
        out = []
        for m in pat.finditer(within):
            member = text[m.start() : m.end()].rstrip(".")
            suffix = member[len(stem) :].lstrip("-").strip()
            if suffix.islower() and len(suffix) > 2 and suffix not in self.size_words:
                continue  # "SPARE-based", "X-style": not a member ("BERT-base" is)
            out.append(member)
            if member[len(stem)] == "-" and (more := _MORE_MEMBERS.match(text, m.end())):
                out += [
                    f"{stem}-{part}"
                    for part in more.group(0).replace(" ", "").split("/")[1:]
                    if _shape(part) == _shape(suffix)  # "ViT-B/16" is one model
                ]
        return out

    def unnamed_match(self, text: str) -> tuple[str | None, str | None] | None:
        """The two groups of `unnamed_proposal`'s search in `text` (None: no match), read off
        `text` by their spans."""
        m = self.unnamed_proposal.search(text)
        if m is None:
            return None
        (s1, e1), (s2, e2) = m.span(1), m.span(2)
        return (text[s1:e1] if s1 >= 0 else None, text[s2:e2] if s2 >= 0 else None)

    def unnamed(self, ctx: DocContext, cue_sents: dict[int, set[str]]) -> MethodCandidate | None:
        head_only: MethodCandidate | None = None
        for sent in ctx.sentences:
            cues = cue_sents.get(sent.i, ())
            text = sent.text
            # "the proposed window-based approach" speaks of the paper's own as "we" does
            own = "SELF" in cues or ("PROPOSE" in cues and "the proposed " in text.casefold())
            if sent.in_title or not own:
                continue
            m = self.unnamed_match(text)
            if not m:
                continue
            described, own_head = m
            words: list[str] = []
            content = 0  # how many of the words are no determiners
            for w in (described or own_head or "").split():
                bare = w.strip(_STRIP).casefold()
                # a boundary ends the description once it has more than its head noun ("an
                # algorithm for softmax computation": the head alone says nothing)
                if (
                    content
                    and bare in self.boundaries
                    and (content > 1 or bare not in self.complements)
                ):
                    break
                words.append(w.strip(_STRIP))
                # "a simple, unified framework": a comma after a lone adjective does not end it
                lone = content == 0 and bare not in self.determiners
                if bare not in self.determiners:
                    content += 1
                if (w.endswith((";", ":", ".")) or (w.endswith(",") and not lone)) or len(
                    words
                ) >= 12:
                    break
            if own_head:  # "our ... method is simple": the noun phrase ends at its head
                head = next(
                    (
                        i
                        for i, w in enumerate(words)
                        if w.casefold().removesuffix("'s").rstrip("s") in self.heads
                    ),
                    None,
                )
                words = words[: head + 1] if head is not None else words
            while words and words[0].casefold() in self.determiners:
                words.pop(0)
            if any(w.casefold() in self.study_heads for w in words[:4]):
                continue  # "a comprehensive empirical study of ...", "the challenges posed by"
            if words and words[0].casefold() in self.question_openers:
                continue
            desc = " ".join(words).strip(_STRIP)
            if not desc:
                continue
            # the head noun comes first: "a framework to find architectures for Transformers"
            kind = next(
                (self.kind_heads[w.casefold()] for w in words if w.casefold() in self.kind_heads),
                "method",
            )
            titled = self._titled_name(words, ctx.title) or self._titled_head(words, ctx.title)
            if titled is not None:
                # "we introduce Lookahead decoding, ..." for the title's "Lookahead Decoding": a
                # name, capitalised where a description is not
                ev = ctx.evidence(sent, "title_phrase_name", 0.6)
                aliases = [desc] if desc.casefold() != titled.casefold() else []
                return MethodCandidate(titled, aliases, kind, True, ev)
            c = MethodCandidate("", [], kind, True, ctx.evidence(sent, "unnamed_proposal", 0.5))
            c.name = None  # type: ignore[assignment]
            c.description = desc
            if len(words) > 1 or words[0].casefold() not in self.kind_heads:
                return c
            # "our approach is ...": a bare head, kept unless a later sentence says more
            head_only = head_only or c
        return head_only

    @staticmethod
    def _titled_head(words: list[str], title: str) -> str | None:
        """The head of a described phrase when it is written as a name the title holds: "a
        practical concurrent B-skiplist" for a title's "... In-Memory B-Skiplist"."""
        head = words[-1] if words else ""
        if _LETTER_PREFIXED.match(head) is None or head.casefold() not in title.casefold():
            return None
        return head

    def _titled_name(self, words: list[str], title: str) -> str | None:
        """The title's spelling of a described phrase of two to four words that opens with a
        capitalised word and does not end in a kind word ("Lookahead decoding" for a title's
        "Lookahead Decoding"; not "Transformer-based model"), when the title holds it; or the
        title's prefix, which the phrase spells in any case ("deep compression")."""
        first = words[0] if words else ""
        prefix = title.partition(":")[0].strip() if ":" in title else ""
        if prefix and " ".join(words).casefold() == prefix.casefold() and len(words) >= 2:
            return prefix  # 'we introduce "deep compression"' for "Deep Compression: ..."
        if not (
            2 <= len(words) <= 4
            and first[:1].isupper()
            and first[1:].islower()
            and words[-1].casefold() not in self.kind_heads
            and title.isascii()
        ):
            return None
        phrase = " ".join(words).lower()
        at = title.lower().find(phrase)
        if at < 0 or title[at + len(phrase) : at + len(phrase) + 1].isalnum():
            return None
        return title[at : at + len(phrase)]


__all__ = ["MethodCandidate", "ProposalRules", "Sentence"]
