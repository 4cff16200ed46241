"""IMPROVES rules: a metric the method improves, with value, direction, baseline and dataset.

A sentence yields claims when it (a) names a metric from the vocabulary, (b) makes a claim (an
improvement/comparison word or a quantity) and (c) speaks of the paper's own work (we/our, a method
name, a results opener such as "Experiments show", or a quantified result without a cue about
other work). Generic metric words ("memory", "cost", "performance", ...) need a quantity or a
comparison word right next to them. Rules: `metric_with_value` (0.85) and `metric_claim` (0.6).
One claim is kept per (method, canonical metric), preferring the first one with a value.

No claim comes from a sentence about other work (an opener such as "Although" or "Existing",
or another name as its subject, with no we/our), a level at parity or a stated problem with no
gain word, or a question ("whether"); nor from a metric at parity, lost ("accuracy drop"),
grown ("increases memory by 40%"), traded off or paid ("at the cost of"). A value retained
("retains 96.7% of") is not a gain. Such metrics are set aside before values are paired, so
they take no value from the others. The word lists are in the lexicon.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from kg.extraction.context import (
    CUES_KEY,
    DocContext,
    Sentence,
    literal_starts,
    matches_at,
    prefix_free,
)
from kg.extraction.normalise import aligned_casefold, method_key, name_shaped
from kg.extraction.quantities import (
    Quantity,
    base_numbers,
    find_quantities,
    has_factor_words,
    holds_digit,
    list_items,
)
from kg.extraction.targets import MethodResolver
from kg.extraction.terms import terms_of
from kg.extraction.vocab import Vocabulary, alternation

_BY_END = re.compile(r"\bby\s*\+?$")
_BY_WORD_END = re.compile(r"\bby\b\s*\+?$")
# "the FID of DDIM (from 9.65 to 6.07)": a named owner of the metric
_OF_OWNER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w.+-]*(?:\s[A-Z0-9][\w.+-]*)?)(?=\s+from\s)")
# "(the speed on ...) was improved by": the metric is the subject of a passive claim verb
_PASSIVE_BY = re.compile(r"\b(?:is|are|was|were|been|be)\s+(?:\w+ly\s+)?([\w-]+)\s+by\s+$")
# "a speedup (factor) of 2.3": a bare number after a factor metric
_FACTOR_OF = re.compile(r"\s+(?:factor\s+)?of\s+$")
_CLAUSE = re.compile(r"[,;()]")
_CITATION = re.compile(r"\s*\[[\d,\s\u2013-]*\]?$")  # "[29]", "[29, 30" cut at the comma
_NEXT_CLAUSE = re.compile(r"[,;]\s+and\s")  # ", and": a coordinated clause opens
_CLAUSE_MARKS = ",;()"
# "and" and a verb ("than B and achieves"): where a comparison's clause ends
_AND_VERB = r"\sand\s+[a-z]+s\b"
# where a clause after a comparison opens: a comma, or "and" and a verb
# a comma opening a clause, not the next item of a list of names (", thus speeding up")
_CLAUSE_COMMA = re.compile(r",\s+(?!(?:and|or)\b)[a-z]")
_CLAUSE_AFTER = re.compile(rf"[,;]|{_AND_VERB}")
# what splits words, besides whitespace
_WORD_BREAKS = ",;:()[]"
# how sure each rule is: a change with its value, a score's level, a time taken, a bare claim
_CONFIDENCE = {
    "metric_with_value": 0.85,
    "score_level": 0.75,
    "time_taken": 0.7,
    "power_drawn": 0.7,
    "metric_claim": 0.6,
}
_RATE = re.compile(r"\s*(?:/\s*s\b|per\b)")
# from an "outperforms" cue to the metric it is outperformed in: "... X in both A and ",
# "... X in terms of both A and "
_OUTPERFORMED_IN = re.compile(
    r"[^,;.]{0,80}?\bin\s+(?:terms\s+of\s+)?(?:both\s+|all\s+)?"
    r"(?:[^,;.]{0,40}?(?:,\s+and|,\s+or|,|\sand|\sor)\s+){0,5}$",
    re.I,
)


def _metric_words(metric_text: str) -> list[str]:
    """A metric's words, lowercased, hyphened ones apart ("energy-efficient")."""
    return metric_text.casefold().replace("-", " ").split()


def _words(text: str) -> list[str]:
    """The words of `text` without edge punctuation: runs of characters other than whitespace and
    `_WORD_BREAKS`, trailing dots dropped ("e.g." -> "e.g", "..." -> nothing). Written with `str`
    methods, which are cheaper than a regex `findall` (`str.split` splits at the characters a
    regex `\\s` matches)."""
    for c in _WORD_BREAKS:
        if c in text:
            text = text.replace(c, " ")
    words = text.split()
    if "." in text:
        # only the words ending in a dot are stripped: a method call per word costs more than
        # the test of its last character
        words = [s for w in words if (s := w.rstrip(".") if w[-1] == "." else w)]
    return words


def _last_words(text: str, end: int, n: int, window: int = 80) -> list[str]:
    """`text[:end].rsplit(None, n)[-n:]`, read from a window before `end` when the words fit in
    it (a split of the whole prefix copies it)."""
    lo = end - window
    if lo > 0:
        parts = text[lo:end].rsplit(None, n)
        if len(parts) > n:  # whitespace before the n words: they are whole
            return parts[-n:]
    return text[:end].rsplit(None, n)[-n:]


def _stripped_end(text: str, end: int) -> int:
    """`len(text[:end].rstrip())`, read from a few characters before `end` (a metric follows a
    word and a space or two)."""
    lo = end - 16
    if lo > 0:
        kept = len(text[lo:end].rstrip())
        if kept:
            return lo + kept
    return len(text[:end].rstrip())


def _first_words(text: str, start: int, n: int, window: int = 80) -> list[str]:
    """`text[start:].split(None, n)[:n]`, read from a window after `start` when the words fit in
    it."""
    hi = start + window
    if hi < len(text):
        parts = text[start:hi].split(None, n)
        if len(parts) > n:
            return parts[:n]
    return text[start:].split(None, n)[:n]


def _list_marker(text: str, start: int, end: int) -> bool:
    """Whether the bare number at text[start:end] numbers an item, "1) model convergence" or
    "(2) inference latency": a label, not a value."""
    return (
        end < len(text)
        and text[end] == ")"
        and text[start:end].isdigit()
        and (start == 0 or text[start - 1] in " (")
    )


def _substring_free(phrases: Iterable[str]) -> tuple[str, ...]:
    """The phrases that hold none of the others: a text holds one of `phrases` exactly when it
    holds one of these ("outperform" stands for "outperforms" and "outperformed")."""
    unique = list(dict.fromkeys(phrases))
    return tuple(p for p in unique if not any(q != p and q in p for q in unique))


def _changed_by(text: str, end: int, quantities: list[tuple[int, int, Any]]) -> bool:
    """Whether the metric ending at `end` is changed "by" a value in its own clause ("reduces
    the number of parameters by 50%, while performing comparably to LoRA"): a change, not a
    level at parity."""
    for qs, _qe, _q in quantities:
        if end <= qs < end + 60:
            in_clause = _CLAUSE.search(text, end, qs) is None
            return in_clause and _BY_END.search(text, end, qs) is not None
    return False


def _first_of(text: str, phrases: tuple[str, ...]) -> int:
    """Where the first of `phrases` in `text` starts, or -1."""
    first = -1
    for p in phrases:
        at = text.find(p)
        if at >= 0 and (first < 0 or at < first):
            first = at
    return first


def _holds_any(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `phrases`."""
    for p in phrases:  # noqa: SIM110  (a loop is cheaper than `any` over a generator)
        if p in text:
            return True
    return False


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


def _following(
    text: str, found: list[tuple[int, str]], at: int, quantities: list[Any]
) -> str | None:
    """Of several comparisons or datasets (position, text) in a sentence, the first after a
    value (or metric) at `at` in its clause, with no other value between: "2.88x over cuBLAS
    and a 2.02x gain compared to TensorRT-LLM", "5.5 mAP on COCO and 7.7% mIoU on ADE20K"."""
    after = [
        f
        for f in found
        if f[0] > at
        and not _CLAUSE.search(text, at, f[0])
        and not any(at < q[0] < f[0] for q in quantities)
    ]
    return min(after)[1] if after else None


# where a sentence's parts meet: a semicolon, an enumerator "(ii) ", a comma before "and"
_PART_MARK = re.compile(r";|\((?:i{1,3}|iv|vi{0,3}|[1-9])\)\s|,\s+and\s")


def _parts(text: str) -> list[int]:
    """Where the parts of a sentence that make claims of their own begin: "4.70 FID on CIFAR10,
    | and a 4~16x speedup compared with B", "(i) ... 84.4% on ImageNet, | (ii) ...". The ", and"
    closing a short list item ("2x speedup, 3x less memory, and 30% less energy than B") joins
    the list's last item, which shares the list's comparison."""
    bounds = []
    for m in _PART_MARK.finditer(text):
        if text[m.start()] == ",":
            prev = text.rfind(",", 0, m.start())
            if prev >= 0 and len(text[prev + 1 : m.start()].split()) <= 6:
                continue
            if text.count("(", 0, m.start()) > text.count(")", 0, m.start()):
                continue  # "(+0.5%, and +0.3%)": a list in a parenthesis
        bounds.append(m.start())
    return bounds


def _elsewhere(text: str, bounds: list[int], ref: int, at: int, values: list[int]) -> bool:
    """Whether a baseline or dataset at `ref` belongs to another part of the sentence than the
    claim at `at`: one that states a value of its own. A comparison that opens the sentence
    ("Compared to B, ...") or closes it after a comma ("..., 3.5x on L40S, compared to B.")
    is every part's."""
    if not any(v < ref for v in values) and len(text[:ref].split()) <= 2:
        return False
    if text[:ref].rstrip().endswith(",") and not any(v > ref for v in values):
        return False
    part = bisect_right(bounds, ref)
    if part == bisect_right(bounds, at):
        return False
    lo = bounds[part - 1] if part else 0
    hi = bounds[part] if part < len(bounds) else 1 << 30
    return any(lo <= v < hi for v in values)


_SUSPENDED = re.compile(r"\b([A-Za-z]+)-\s+(?:and|or)\s+$")  # "memory- and " (time-efficient)
_SHARE_BEFORE = re.compile(r"\d\s?%\s+(?:of\s+)?$")  # "96.8% (of) the performance of B"
_RELATIVE = re.compile(r"\s(?:that|which|whose)\s")


def _describes_baseline(low: str, found: list[tuple[int, str]], at: int) -> bool:
    """Whether a claim written from `at` on lies in a relative clause that describes a
    baseline before it: "compared to a baseline that sustains 39 TeraFLOPs, which is 30% of
    peak FLOPs" (where "compared to B that uses 8 GPUs, X cuts latency by 30%" leaves the
    clause at its comma, and "shows that" opens no relative clause)."""
    for pos, b in found:
        end = low.find(b.casefold(), pos)
        if end < 0 or end >= at:
            continue
        end += len(b)
        end += low.startswith(",", end)
        rel = _RELATIVE.match(low, end)
        if rel is None or rel.end() > at or ";" in low[end:at]:
            continue
        k = low.find(",", rel.end(), at)
        while k >= 0 and _RELATIVE.match(low, k + 1):
            k = low.find(",", k + 1, at)
        if k < 0:
            return True
    return False


def _closing(text: str, found: list[tuple[int, str]], at: int) -> str | None:
    """The comparison after a claim at `at` when the one before it ends an earlier clause: "...
    as compared to DNAS, and up to 1% higher accuracy ..., compared to RVQuant and HAQ"."""
    before = [f for f in found if f[0] < at]
    after = [f for f in found if f[0] > at]
    if before and after and _NEXT_CLAUSE.search(text, max(before)[0], at):
        return min(after)[1]
    return None


def _other_comparative(text: str, at: int, pos: int, others: list[int]) -> bool:
    """Whether the "than" at `pos` completes another claim's comparative: one whose value (at
    one of `others`) lies before `pos` in a later clause than the claim at `at`. "reaches 95.3%
    accuracy on A, and runs 3.1x faster than B" does not compare the accuracy with B (where a
    list's closing "compared to B" or "over B" compares all of it, and "faster (e.g., 6x higher
    FPS) than B" is one comparison). Nor does a level in a clause after the comparison: "5x
    fewer parameters than B and achieves 61.3% accuracy" (where "... and reduces latency by
    40.4%" is a change against B too)."""
    if not text.startswith("than", pos):
        return False
    if pos < at:  # (a change "by 40.4%" there still has the comparison as its reference)
        return (
            any(o < pos for o in others)
            and _CLAUSE_AFTER.search(text, pos, at) is not None
            and _BY_END.search(text, max(0, at - 8), at) is None
        )
    for o in others:
        if (
            at < o < pos
            and (text.find(",", at, o) >= 0 or text.find(";", at, o) >= 0)
            and text.rfind("(", at, o) <= text.rfind(")", at, o)  # not in an aside
        ):
            return True
    return False


def _from_to(text: str, start: int, q: Any) -> bool:
    """Whether the value `q` at `start` is a change written "from 12.3 to 10.1"."""
    return (
        len(q.numbers) == 2
        and " to " in q.text
        and text[max(0, start - 8) : start].rstrip().endswith(" from")
    )


def _behind(
    value: Quantity, at: int, owned: list[tuple[int, Quantity]], direction: str | None
) -> bool:
    """Whether the baseline's value written next after `value` (at `at`), in its unit, is the
    better one: "79.6% (vs. 79.8% for the unpruned model)"."""
    q = next((q for start, q in owned if start > at), None)
    if q is None or q.unit != value.unit or q.number is None or value.number is None:
        return False
    return q.number != value.number and (q.number > value.number) == (direction == "higher")


def _parenthesis_of(text: str, pos: int) -> int:
    """Where the parenthesis holding `pos` opens (-1 when none does)."""
    opened = text.rfind("(", 0, pos)
    return opened if opened >= 0 and text.find(")", opened, pos) < 0 else -1


def _meets(words: frozenset[str], before: list[str], after: list[str]) -> bool:
    """Whether a word before or after is one of `words`."""
    return not (words.isdisjoint(before) and words.isdisjoint(after))


def _baseline_pattern(lexicon: dict[str, Any], fold: bool = True) -> re.Pattern[str]:
    """A comparison cue ("than", "compared to", ...) and the baseline after it, up to the next
    clause (or dash), a word that starts a modifier ("by", "on", ...), or the next comparison. With
    `fold=False`, the same pattern of lowercased words without re.IGNORECASE, for an ASCII
    text's lowercased copy (re.IGNORECASE folds each character compared)."""
    cue_words, end_words = lexicon["baseline_cues"], lexicon["baseline_ends"]
    kept_words = lexicon["baseline_kept_phrases"]  # "training from scratch": not an end
    if not fold:
        cue_words, end_words = [w.lower() for w in cue_words], [w.lower() for w in end_words]
        kept_words = [w.lower() for w in kept_words]
    cues = alternation(cue_words)
    ends = alternation(end_words)
    kept = alternation(kept_words)
    return re.compile(
        rf"\b(?:{cues})\s+(?P<b>.+?)(?=\s*(?:[,;:()\u2014\u2013]|--)|\.(?:\s|$)"
        rf"|\s(?!(?:{kept})\b)(?:{ends})\b|{_AND_VERB}"
        r"|\s(?:and|or)\s+(?:an?\s+|up\s+to\s+|about\s+|nearly\s+|over\s+|between\s+|around\s+)?"
        r"[\d~<>]|$)",
        re.I if fold else 0,
    )


def _participle_tail(lexicon: dict[str, Any], links: list[str]) -> re.Pattern[str]:
    """What a baseline ending in a participle goes on with: "detectors trained" + " on simulated
    data", up to the next clause or the next word that ends a baseline ("distilled from GPT-4"
    + " on MMLU"), or the next value ("trained with Tutel" + " and 2.4x over ...")."""
    ends = alternation(lexicon["baseline_ends"])
    links_alt = alternation(links)
    return re.compile(
        rf"\s+(?:{links_alt})\s+[^,;:()]+?(?=\s*(?:[,;:()\u2014\u2013]|--)|\.(?:\s|$)|\s(?:{ends})\b|{_AND_VERB}|\s(?:and|or)\s+\d|$)"
    )


_HYPHENED_NUMBER = re.compile(r"\d+-[A-Za-z]")  # "8-bit", "16-layer"


_BASELINE_NAME = r"[a-z]*[A-Z0-9][\w\-+]*(?:\.\d+)?(?:\s[A-Z0-9][\w\-+]*){0,2}"  # "vLLM"
# where a list of names closes: the sentence or the clause (a comma and a lowercase word)
_NAMES_CLOSE = r"(?=\s*(?:[;)]|\.?$|,\s+(?!(?:and|or)\s+[A-Z0-9])[a-z]))"


def _parenthesis_inside(lexicon: dict[str, Any]) -> re.Pattern[str]:
    """A short parenthesis inside a baseline's noun phrase, with the phrase's words after it:
    "the fixed bitwidth" + " (8 bits) quantization" (not before a word that ends a baseline,
    "(OpenAI) on MMLU", or another item, "(CNN-based) and DeIT")."""
    stops = alternation([*lexicon["baseline_ends"], "and", "or", "which", "that"])
    return re.compile(rf"\s\([^()]{{1,20}}\)(?:\s(?!(?:{stops})\b)[a-z][\w\-]*)+")


def _baseline_names(lexicon: dict[str, Any]) -> re.Pattern[str]:
    """The names a generic baseline is set off with: "the state-of-the-art systems" + ", such as
    FasterTransformer and Orca", "the existing accelerator" + ", GOBO". The names close the
    sentence or a clause (a comma and a lowercase word): not the subject of the next clause
    (", Zed also ..."), the items of a longer list or the start of a longer name."""
    openers = alternation(lexicon["baseline_example_openers"])
    names = rf"{_BASELINE_NAME}(?:\s*(?:,\s*and|,\s*or|,|and|or)\s+{_BASELINE_NAME})*"
    return re.compile(rf"\s*,\s+(?:(?:{openers})\s+{names}|{_BASELINE_NAME}){_NAMES_CLOSE}")


def _baseline_list(lexicon: dict[str, Any]) -> re.Pattern[str]:
    """The other items of a list of named baselines after its first: "than vLLM" + ", Orca, and
    FasterTransformer", up to the end of the clause or a word that ends a baseline ("by 2%")."""
    ends = alternation(lexicon["baseline_ends"])
    return re.compile(
        rf"(?:\s*(?:,\s*and|,\s*or|,|and|or)\s+{_BASELINE_NAME})+"
        rf"(?:{_NAMES_CLOSE}|(?=\s(?:{ends})\b))"
    )


class ImprovementRules:
    def __init__(self, vocab: Vocabulary) -> None:
        lex = vocab.lexicon
        self.vocab = vocab
        self.claim_words = vocab.words("claim_words")
        self.evaluation_kinds = frozenset(lex["evaluation_kinds"])
        self.lower_words = vocab.words("direction_lower")
        self.higher_words = vocab.words("direction_higher")
        self.time_units = frozenset(lex["time_units"])
        self.factor_metrics = frozenset(lex["factor_metrics"])
        self.factor_only = frozenset(lex["factor_only_metrics"])
        self.example_openers = tuple(lex["example_openers"])
        self.factor_families: dict[str, str] = {
            k: v for k, v in lex["factor_families"].items() if not k.startswith("_")
        }
        self.other = vocab.words("other_work_cues")
        self.self_words = vocab.words("self_words")
        self.comparison_words = vocab.words("comparison_words")
        self.comparatives = vocab.words("comparatives")
        # metric words too vague to stand as a claim without a number
        self.vague = vocab.words("vague_metrics")
        # claims in these families need a number: "with fewer parameters" is a side remark
        self.need_value = frozenset(lex["need_value_families"])
        self.cost_heads = frozenset(lex["cost_heads"])
        bare = lex["bare_levels"]
        self.bare_families = frozenset(bare["families"])
        self.bare_metrics = frozenset(
            m.canonical for m in vocab.metrics if m.family in bare["families"]
        )
        self.level_verbs = frozenset(bare["verbs"])
        self.level_gaps = frozenset(bare["gaps"])
        self.relative_units = frozenset(lex["relative_units"]["units"])
        # "30 FPS videos": a rate written before one of these nouns is the input's, not a result
        self.input_rate_nouns = vocab.words("input_rate_nouns")
        self.contrary_after_value = {
            direction: frozenset(words)
            for direction, words in lex["contrary_after_value"].items()
            if not direction.startswith("_")
        }
        # words that claim only with a number: "accelerates decoding by 2x", "3.4x smaller"
        self.value_only = vocab.words("value_only_metrics")
        # "smaller": a claim only said of a method named ("FernNet is 10x smaller than B"), not
        # of a noun it describes ("a 10x smaller model")
        self.predicative = vocab.words("predicative_metrics")
        self.predicative_followers = vocab.words("predicative_followers")
        self.units = frozenset([None, *lex["claim_units"]])
        # a unit that only fits some families: "80GB" is not a throughput, "1.11 W" not an FPS
        self.unit_families = {
            unit: frozenset(group["families"])
            for group in lex["unit_families"]
            for unit in group["units"]
        }
        # a unit only some metrics are measured in: "0.8 dB" is a PSNR's, not an SSIM's
        self.unit_metrics = {
            unit: frozenset(group["metrics"])
            for group in lex["unit_families"]
            if "metrics" in group
            for unit in group["units"]
        }
        self.baseline = _baseline_pattern(lex)
        self.ascii_baseline = _baseline_pattern(lex, fold=False)
        # "2x the throughput of ViT-L", tried only at each " the " (a search would try every
        # position): the factor before it read by fixed-width look-behinds
        factors = [w for w in vocab.quantities["multiples"] if w.isalpha()]
        behind = "|".join(
            [
                *(rf"(?<={re.escape(f)})" for f in [*factors, "times"]),
                r"(?<=\d[xX\u00d7])",
                r"(?<=\d\s[xX\u00d7])",
            ]
        )
        self.factor_of_baseline = re.compile(
            rf"(?:{behind})\s+the\s+(?:[a-z][\w\-/]*\s+){{1,3}}?"
            rf"of\s+(?P<b>(?:the\s+)?{_BASELINE_NAME})(?![\w\-])"
        )
        # "reaching 99.3% of the performance level of ChatGPT": the baseline of a share
        self.share_baseline = _baseline_pattern(
            {**lex, "baseline_cues": lex["share_baseline_cues"]["cues"]}
        )
        # "over detectors trained on simulated data": the baseline goes on after a participle
        self.baseline_participles = vocab.words("baseline_participles")
        self.participle_tail = _participle_tail(lex, lex["baseline_participle_links"])
        # "lower than that achieved by a server-grade A100 GPU": the baseline is the agent
        self.result_leads = vocab.words("baseline_result_leads")
        self.agent_tail = _participle_tail(lex, ["by"])
        self.baseline_names = _baseline_names(lex)
        self.baseline_list = _baseline_list(lex)
        self.parenthesis_inside = _parenthesis_inside(lex)
        parity = alternation(lex["parity_phrases"])
        as_heads = alternation(lex["parity_as_heads"])
        self.parity_baseline = re.compile(
            rf"\b(?:{parity}|(?:{as_heads})\s[^,;.]{{0,40}}?\bas)\s+(?:both\s+)?"
            rf"(?P<b>(?:the\s+)?(?:(?!both\b)[a-z][\w\-]*\s+){{0,2}}{_BASELINE_NAME}"
            rf"(?:\s+and\s+{_BASELINE_NAME})?(?:\s(?:{alternation(lex['baseline_heads'])}))?)"
            rf"(?![\w\-])"  # "as the FP16 model"
        )
        # a value followed by "reduction in" is the metric's after it
        self.change_in = re.compile(
            rf"\s+(?:{alternation(lex['change_nouns'])})\s+(?:in|of)\b", re.I
        )
        self.baseline_openers = tuple(lex["baseline_example_openers"])
        # "surpass the performance of GPT-4", "higher than that of LoRA": the baseline is GPT-4
        self.baseline_leads = [w.casefold() for w in lex["baseline_lead_words"]]
        self.coordinations = frozenset(lex["metric_coordinations"])
        self.coordinators = vocab.words("clause_coordinators")
        # "surpassing Swin-T by 1.6% at lower computational cost": the value is the clause's
        # before, the metric after it a condition of its own
        self.detachers = vocab.words("value_detachers")
        self.phrase_ends_after_value = vocab.words("value_phrase_ends")
        self.finite_claim_verbs = vocab.words("finite_claim_verbs")
        self.not_metric_after = {
            metric: frozenset(words)
            for metric, words in lex["not_metric_after"].items()
            if not metric.startswith("_")
        }
        self.not_metric_before = {
            metric: frozenset(words)
            for metric, words in lex["not_metric_before"].items()
            if not metric.startswith("_")
        }
        self.not_baseline_starts = tuple(lex["not_baseline_starts"])
        # "compared with 2.3x for Medusa": the baseline is the value's owner (not after "than"
        # or "over", which also hedge a value: "more than 30% of its costs")
        owners = lex["value_owner_words"]
        self.owner_cues = tuple(owners["cues"])
        self.owned_value = re.compile(
            rf"\s*[\d.,]+(?:\s?[^\s\d]+)?\s+(?:{alternation(owners['links'])})\s+"
            r"(?P<b>[^\d\s].*?)(?=\s*[,;:()]|\.(?:\s|$)|\s(?:and|or)\s|$)",
            re.I,
        )
        self.baseline_heads = vocab.words("baseline_heads")
        self.not_baselines = vocab.words("not_baselines")  # pronouns: "outperforms them"
        self.clause_break = re.compile(rf"[;]|\b({alternation(lex['claim_clause_breaks'])})\b")
        # what a clause break holds (tested first: most gaps have none)
        self.clause_marks = _substring_free([";", *lex["claim_clause_breaks"]])
        # a comparison cue is written in the casefolded text of an ASCII sentence where it starts
        # (the case-insensitive regex also takes the dotless and dotted I and the long s as
        # letters of the ASCII words: non-ASCII sentences are always searched)
        self.baseline_cues = prefix_free(c.casefold() for c in lex["baseline_cues"])
        self.cue_heads = tuple(f"{c} " for c in self.baseline_cues)  # a gap opening with one
        self.openers = tuple(w.casefold() for w in lex["results_openers"])
        self.modifiers = vocab.metric_modifiers
        # the vocabulary entry of each canonical metric name (as the terms carry them)
        self.metric_entries = {
            m.canonical: vocab.metric_by_alias[m.canonical.casefold()]
            for m in vocab.metrics
            if m.canonical.casefold() in vocab.metric_by_alias
        }
        self.adjacent = vocab.words("adjacent_claim_words")
        self.loss_words = vocab.words("loss_words")
        self.loss_verbs = vocab.words("loss_verbs")
        # "ablating the heads reduces few-shot accuracy by 31%": a loss ("reduces top-1 error"
        # is not: the metric written is an error)
        self.reduction_verbs = vocab.words("reduction_verbs")
        self.error_words = vocab.words("error_words")
        # "trail by 0.4 WER", "trails GPT-4 in accuracy": behind on the metric, whichever way
        # it is better
        self.behind_words = vocab.words("behind_words")
        self.parity_words = vocab.words("parity_words")
        # "retains 96.7% of the accuracy", "within 0.5% of FedAvg": what is kept, not a gain
        self.retention_words = vocab.words("retention_words")
        self.condition_nouns = frozenset(vocab.lexicon["condition_nouns"]["words"])
        self.any_condition = _substring_free(sorted(self.condition_nouns))
        self.phrase_openers = frozenset(lex["condition_nouns"]["not_after"])
        # whether the text before a value can hold one
        self.any_retention = _substring_free(sorted(self.retention_words))
        # "decoding consumes 78% of the energy": a share of a cost, not a cut of it
        self.share_verbs = vocab.words("share_verbs")
        self.requirement_verbs = vocab.words("requirement_verbs")
        # "with less than 3% latency overhead": a lower word before "than" bounds the value
        self.value_bound_words = vocab.words("value_bound_words")
        # "within less than one day": a bound, not a baseline
        self.bound_number_words = tuple(f"{w} " for w in lex["bound_number_words"])
        # "at 8x acceleration": the setting measured at, not a speedup
        self.operating_point_words = vocab.words("operating_point_words")
        self.rate_families = vocab.words("rate_families")
        # "increases VRAM by 40%", "4600x more energy": a cost that grows is no improvement
        self.increase_words = vocab.words("increase_words")
        self.overhead_words = vocab.words("overhead_words")
        # ... unless it is small ("only a marginal 0.05 sFID increase"), or the words name the
        # metric's good side ("higher energy efficiency", "more memory savings")
        self.minimizers = vocab.words("minimizers")
        self.lower_or_small = self.lower_words | self.minimizers
        # the words that make a sentence at parity on one metric a gain on another ("on par with
        # B, while increasing the control frequency"); a cost that grows is set aside per metric
        self.gain_words = self.adjacent | self.increase_words
        self.inverted_heads = vocab.words("higher_is_better_heads")
        # "6x higher energy efficiency", "better GPU utilization": more is better whatever the
        # metric's own direction, unless a word says it went down ("lower CPU utilization")
        self.efficiency_heads = vocab.words("efficiency_heads")
        self.tradeoff = re.compile(
            rf"(?:-[\w-]+)?\s*(?:{alternation(lex['tradeoff_words'])})\b", re.I
        )
        # whether a casefolded sentence can hold a trade-off at all (most hold none of the
        # words: no case-folding regex match at each metric)
        self.any_tradeoff = _substring_free(w.casefold() for w in lex["tradeoff_words"])
        # "both of which are comparable to the state of the art" (levels at parity), "existing
        # methods suffer from 20-90% runtime overhead" (a problem): no gain
        self.no_gain = _substring_free([*lex["parity_phrases"], *lex["problem_cues"]])
        self.hypothetical = _substring_free(lex["hypothetical_cues"])
        self.other_openers = vocab.words("other_work_openers")
        self.earlier_proposal = _substring_free(lex["earlier_proposal"])
        self.first_person = vocab.words("first_person")
        # "outperforms previous works in both perplexity and ...": the metric it is beaten in
        self.outperform_cues = tuple(c.casefold() for c in lex["outperform_in_cues"])
        self.speedup = vocab.metric_by_alias["speedup"]
        self.parameters = vocab.metric_by_alias["parameters"]
        self.model_size = vocab.metric_by_alias["model size"]
        self.data_units = frozenset(vocab.quantities["dimensions"]["data"])
        taken = lex["time_taken"]
        self.time_leads = frozenset(taken["leads"])
        self.training_words = frozenset(taken["training_words"])
        self.time_default = vocab.metric_by_alias[taken["default"]]
        self.time_training = vocab.metric_by_alias[taken["training"]]
        drawn = lex["power_drawn"]
        self.power_leads = frozenset(drawn["leads"])
        self.power_metric = vocab.metric_by_alias[drawn["metric"]]
        self.power_units = frozenset(vocab.quantities["dimensions"]["power"])
        self.power_marks: tuple[str, ...] = tuple(drawn["unit_marks"])
        self.power_prefixes: tuple[str, ...] = tuple(drawn["unit_prefixes"])
        verbs = alternation([c for c in self.outperform_cues if " " not in c])
        self.outperformed_by_factor = re.compile(
            rf"\b({verbs})\b[^,;:()]{{0,80}}?\bby\s+(?:(?:{alternation(lex['factor_hedges'])})\s+)?"
            r"(?=\.?\d[\d.,]*(?:\s*[-\u2013~]\s*[\d.]+)?\s?(?:x|\u00d7|times|\\times|\$\\times\$)(?![a-z]))"
        )

    def extract(
        self, doc: Doc, ctx: DocContext, resolver: MethodResolver, methods: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[str]]:
        by_sent: dict[int, tuple[Sentence, list[tuple[str, int, int]]]] = {}
        sentence_of_char = ctx.sentence_of_char
        for canonical, _s, _e, start, end, _t in terms_of(doc, "METRIC"):
            sent = sentence_of_char(start)
            if sent is not None and not sent.in_title:
                group = by_sent.get(sent.i)
                if group is None:
                    by_sent[sent.i] = (sent, [(canonical, start, end)])
                else:
                    group[1].append((canonical, start, end))
        # "outperforms llama.cpp by up to 11.69x": a sentence with no metric named can claim a
        # speedup (the sentences with an "outperform" word are known from the cue matches)
        cues: dict[int, list[tuple[str, int, int]]] = doc.user_data.get(CUES_KEY, {})
        outperform = {i for i, rows in cues.items() for r in rows if r[0] == "OUTPERFORM"}
        # the background before the paper first speaks of itself ("we", "this paper") states
        # the problem: a value there with no method named is no claim ("the memory of
        # microcontrollers is 2-3 orders of magnitude smaller than mobile phones")
        first_self = min(
            (i for i, rows in cues.items() for r in rows if r[0] == "SELF"), default=1 << 30
        )
        # "generation in only 10 seconds": a sentence with no metric named can state a time taken,
        # and "done with only 64 mW" a power drawn
        timed = {i for i, rows in cues.items() for r in rows if r[0] == "TIME"}
        powered = (
            {s.i for s in ctx.sentences if self._power_written(s.text)}
            if self._power_written(ctx.text)
            else set()
        )
        extra = [
            s
            for s in ctx.sentences
            if s.i not in by_sent
            and not s.in_title
            and (
                (
                    s.i in outperform
                    and self.outperformed_by_factor.search(s.text.casefold()) is not None
                )
                or s.i in timed
                or s.i in powered
            )
        ]
        if extra:
            for s in extra:
                by_sent[s.i] = (s, [])
            by_sent = dict(sorted(by_sent.items()))
        if not by_sent:
            return [], []
        datasets = [(r[3], r[5]) for r in terms_of(doc, "DATASET")]
        method_keys = {method_key(n) for m in methods for n in [m["name"], *m["aliases"]] if n}
        # a benchmark the paper proposes improves nothing (where a dataset trained on may): a
        # result stated with it is the paper's own model's, or a finding about the models it
        # evaluates
        evaluated = {m["name"] for m in methods if m["name"] and m["kind"] in self.evaluation_kinds}
        producer = next(
            (m["name"] for m in methods if m["main"] and m["name"] not in evaluated), None
        )
        # with none, a result goes to another method of the paper's named with it ("We further
        # propose ChartCoT, a prompting method that improves accuracy by 7.4%")
        others = (
            MethodResolver([m for m in methods if m["name"] not in evaluated], mains_only=False)
            if evaluated and producer is None
            else None
        )
        results: dict[tuple[str, str], dict[str, Any]] = {}
        overheads: set[tuple[str, str]] = set()  # the claims that are a small cost paid
        # the claims credited to the main method from a sentence about a named part of it
        # ("TinyEngine ... accelerating the inference by 1.7-3.3x"): a later one about the
        # method itself is its headline ("MCUNet runs 2.4-3.4x faster")
        parts = MethodResolver([m for m in methods if not m["main"]], mains_only=False)
        of_part: set[tuple[str, str]] = set()
        baselines: list[str] = []
        for sent, spans in by_sent.values():
            text = sent.text
            has_digit = holds_digit(text)
            low = aligned_casefold(text)  # offsets in `text` are offsets in `low`
            # `low` is the casefolded text itself unless a character casefolds to several
            folded = low if text.isascii() or len(text.casefold()) == len(text) else ""
            factor_words = has_factor_words(low)
            has_factor = not has_digit and factor_words
            cands = None
            if not (has_digit or has_factor):
                # reading the words around each metric is cheaper than a prefilter that looks
                # for every claim word in the whole sentence
                cands = self._candidates(sent, text, low, folded, spans, sent.i in outperform)
                if not any(c[5] for c in cands):
                    continue  # no number and no comparison next to a metric: nothing to claim
            wordset = set(_words(low))
            conditioned = _holds_any(low, self.any_condition)
            quantities = (
                [
                    (s, e, q)
                    for s, e, q in find_quantities(
                        text, has_digit=has_digit, factor_words=factor_words
                    )
                    if q.unit in self.units
                    and not self._retained(low, s)
                    and not (conditioned and self._condition(low, e))
                    and not self._share(low, s, e)
                    and not (q.unit is None and _list_marker(text, s, e))
                ]
                if has_digit or has_factor
                else []
            )
            has_claim = not wordset.isdisjoint(self.claim_words) or any(
                q.unit for _, _, q in quantities
            )
            if not has_claim:
                continue
            # a level at parity with others, or a problem stated: no claim before it, and none
            # at all with no gain word ("on par with B, while increasing X" claims X); where it
            # is, read only when a sentence with a gain word has an unclaimed metric
            parity_at: int | None = None
            if wordset.isdisjoint(self.gain_words):
                if _holds_any(low, self.no_gain):
                    continue
                parity_at = -1
            if _holds_any(low, self.hypothetical):
                continue  # "we explore whether we can reduce memory": a question, not a result
            named = resolver.named_in(text)
            about = (
                named is not None
                or not wordset.isdisjoint(self.first_person)
                or "this paper" in low
                or "this work" in low
                or (
                    sent.i > first_self
                    and self._own_work_unnamed(text, low, wordset, quantities, method_keys)
                )
            )
            if not about:
                continue
            if cands is None:
                cands = self._candidates(sent, text, low, folded, spans, sent.i in outperform)
            taken_at: set[int] = set()  # where the metrics of the times taken are
            if quantities and all(c[0].family != "speed" for c in cands):
                times = self._time_taken(text, low, wordset, quantities)
                taken_at = {c[2] for c in times}
                cands += times
            drawn_at: set[int] = set()  # where the leads of the powers drawn are
            if sent.i in powered and all(c[0].family != "energy" for c in cands):
                drawn = self._power_drawn(low, quantities)
                drawn_at = {c[2] for c in drawn}
                cands += drawn
            owned_values: list[tuple[int, Quantity]] = []  # the baselines' values
            if _holds_any(low, self.owner_cues):
                # "compared with 52% for policies trained with sparse rewards": the baseline's
                # value and words are no claim's
                owned = self._owned(text, low)
                owned_values = [(q[0], q[2]) for q in quantities if _inside(q[0], owned)]
                quantities = [q for q in quantities if not _inside(q[0], owned)]
                cands = [c for c in cands if not _inside(c[2], owned)]
            method = named if named is not None else resolver.main
            about_part = named is None and parts.names and parts.named_in(text) is not None
            if method in evaluated:
                method = producer if others is None else others.named_in(text)
                if method is None:
                    continue
            # the comparisons (position, baseline) and the first baseline, read when the sentence
            # yields a claim
            found: list[tuple[int, str]] | None = None
            # where the sentence's parts begin (a claim takes no reference from another part)
            parted = ";" in text or "(" in text or ", and" in text
            relative = " that " in low or " which " in low or " whose " in low
            bounds: list[int] | None = None if parted else []  # read when a claim needs them
            base: str | None = None
            # the datasets named in the sentence, by position in it
            named_sets = [
                (ds_start - sent.start_char, ds_text)
                for ds_start, ds_text in datasets
                if sent.start_char <= ds_start < sent.end_char
            ]
            # metrics that cannot be claimed here take no value from the others
            near_words = {}  # the words around each metric kept, read once
            tradeoff = _holds_any(low, self.any_tradeoff)
            for c in cands:
                if not c[4].isdisjoint(self.parity_words):
                    continue  # "similar AP", "while maintaining accuracy", "latency comparable"
                if not c[5]:
                    if parity_at is None:
                        parity_at = _first_of(low, self.no_gain)
                    if c[3] <= parity_at and not _changed_by(text, c[3], quantities):
                        continue  # "a 95.1% success rate, on par with OpenVLA"
                if c[1].casefold() in self.predicative and (
                    named is None or not self._predicative(low, c[3])
                ):
                    continue  # "CODEGEN, a 10x smaller model than CODEX": a description
                near = self._near_words(text, folded, c[2], c[3])
                if not self._not_claimed(text, c, near, tradeoff):
                    near_words[c[2]] = near
            cands = [c for c in cands if c[2] in near_words]
            # each quantity goes to its nearest metric, nearest pairs first
            pairs = []
            unit_families = self.unit_families
            unit_metrics = self.unit_metrics
            # the word after each value ("1.9% higher"), against which a metric's direction is read
            after_value = [(_first_words(low, qe, 1) or [""])[0] for _qs, qe, _q in quantities]
            for ci, (entry, metric_text, ms, me, _tight, _c, _s) in enumerate(cands):
                fam = entry.family
                contrary = self.contrary_after_value.get(entry.direction or "", frozenset())
                # a verb yields the value to a metric noun as near: "the inference speed is
                # accelerated by 3.6x" is a claim about the inference speed
                yields = 2 * (metric_text.casefold() in self.value_only)
                factor_only = metric_text.casefold() in self.factor_only
                for qi, (qs, qe, q) in enumerate(quantities):
                    if factor_only and not (q.unit == "x" and qe <= ms and not text[qe:ms].strip()):
                        continue  # "twice as fast as": a factor right before ("as fast as X": par)
                    if q.unit in unit_families and fam not in unit_families[q.unit]:
                        continue
                    if q.unit in unit_metrics and entry.canonical not in unit_metrics[q.unit]:
                        continue
                    if (
                        fam == "speed"
                        and q.unit == "x"
                        and qe < ms
                        and not text[qe:ms].strip()
                        and self._operating_point(low, qs)
                    ):
                        continue  # "at 8x acceleration" (but "at 1.7x the FPS")
                    if qs >= me and after_value[qi] in contrary:
                        continue  # "24M FLOPs, which is 1.9% higher": not a FLOPs gain
                    if qe == me and after_value[qi] in self.input_rate_nouns:
                        continue  # "30 FPS videos": the rate of the input, not a result
                    d = self._distance(text, ms, me, qs, qe, q, entry.canonical)
                    if d is not None:
                        pairs.append((d + yields, ci, qi))
            assigned: dict[int, int] = {}
            taken: set[int] = set()
            for _d, ci, qi in sorted(pairs):
                if ci not in assigned and qi not in taken:
                    assigned[ci] = qi
                    taken.add(qi)
            for ci in range(1, len(cands)):
                # "2.8x fewer parameters and FLOPs": coordinated metrics share the value
                if ci not in assigned and ci - 1 in assigned:
                    gap = text[cands[ci - 1][3] : cands[ci][2]].strip().casefold()
                    unit = quantities[assigned[ci - 1]][2].unit
                    if gap in self.coordinations and not (
                        unit in self.time_units and cands[ci][0].direction == "higher"
                    ):  # "15 ns of latency and throughput": a time is no throughput
                        assigned[ci] = assigned[ci - 1]
            if "respectively" in low:
                self._pair_respectively(low, cands, assigned, quantities, after_value, False)
            elif any(len(quantities[qi][2].numbers) > 2 for qi in assigned.values()):
                # "2.9x, 19x and 3x better throughput, energy efficiency and area efficiency":
                # as many values as metrics pair in order, with no "respectively" written
                self._pair_respectively(low, cands, assigned, quantities, after_value, True)
            claimed_at = [quantities[qi][0] for qi in assigned.values()]  # the values taken
            for ci, (entry, metric_text, ms, me, _tight, claimed, own_start) in enumerate(cands):
                vi = assigned.get(ci)
                level = False  # a score's level read from a number with no unit
                if vi is not None and quantities[vi][2].unit is None and not claimed:
                    qs, qe, _q = quantities[vi]
                    if (
                        (text.find("by", 0, qs) < 0 or not _BY_END.search(text, 0, qs))
                        and text[qs - 1 : qs] != "+"  # "(+3.1 AP)", "by +2.3": a gain
                        and not _from_to(text, qs, quantities[vi][2])
                        and not (
                            entry.canonical in self.factor_metrics and _FACTOR_OF.match(text[me:qs])
                        )
                    ):
                        level = self._bare_level(text, entry, ms, me, qs, qe, wordset)
                        if not level:
                            vi = None
                if vi is None and (
                    not claimed
                    or (
                        entry.family in self.need_value
                        and not self._cost_cut(metric_text, near_words[ms][0])
                    )
                    or metric_text.casefold() in self.value_only
                ):
                    continue
                if vi is None and text[own_start:me].casefold() in self.vague:
                    continue  # "improves performance / efficiency" with no number: too vague
                value: Quantity | None = None
                at = ms  # where the value is written, else the metric
                if vi is not None:
                    at, _qe, value = quantities[vi]
                direction = entry.direction
                before, after = near_words[ms]
                if not self.efficiency_heads.isdisjoint([*_metric_words(metric_text), *after[:1]]):
                    direction = "lower" if _meets(self.lower_words, before, after) else "higher"
                if direction == "higher" and value is not None and value.unit in self.time_units:
                    direction = "lower"  # "at a speed of 130 ms per image": a time
                if value is not None and _behind(value, at, owned_values, direction):
                    continue  # "79.6% (vs. 79.8% for the unpruned model)": below the baseline
                if value is not None and _from_to(text, at, value):
                    first, last = base_numbers(value)
                    if first != last and (last > first) != (direction == "higher"):
                        continue  # "decrease the mAP from 0.824 to 0.353": a loss
                if found is None:
                    found = self._baselines(text, low, method_keys) or self._parity_baselines(
                        text, method_keys
                    )
                    base = found[0][1] if found else None
                    if base:
                        baselines.append(base)
                if (
                    value is not None
                    and found
                    and relative
                    and _describes_baseline(low, found, min(ms, at))
                ):
                    continue  # "than a baseline that sustains 39 TFLOPs, which is 30% of peak"
                claim_base = base
                if (
                    len(found) == 1
                    and not self._comparative_at(low, at, vi, after_value)
                    and _other_comparative(low, at, found[0][0], claimed_at)
                ):
                    claim_base = None
                elif len(found) > 1:
                    # else the nearest ("..., and runs 10x faster than the 50-step teacher"
                    # compares with the teacher, not an earlier clause; "is faster than A and
                    # uses less memory than B")
                    claim_base = (
                        _following(text, found, at, quantities)
                        or _closing(text, found, at)
                        or min(found, key=lambda f: abs(f[0] - at))[1]
                    )
                if ms in taken_at and not self._comparative_at(low, at, vi, after_value):
                    claim_base = None  # "in 41 hours, with 3% less accuracy than B": a level
                if claim_base is not None and bounds is None:
                    bounds = _parts(text)
                if (
                    claim_base is not None
                    and bounds
                    and not self._comparative_at(low, at, vi, after_value)
                ):  # (a comparative leaves its comparison to a later "than")
                    values = [q[0] for q in quantities] + [v[0] for v in owned_values]
                    here = [f for f in found if not _elsewhere(text, bounds, f[0], at, values)]
                    if not here:  # "similar accuracy as B but up to 5.2x better efficiency"
                        here = [
                            f
                            for f in self._parity_baselines(text, method_keys)
                            if not _elsewhere(text, bounds, f[0], at, values)
                        ]
                    if len(here) < len(found) and not any(f[1] == claim_base for f in here):
                        claim_base = here[0][1] if here else None  # "..., and 7.3x ... than B"
                if claim_base is None and value is not None and _from_to(text, at, value):
                    # "improve the FID of DDIM from 9.65 to 6.07": the metric's owner
                    owner = _OF_OWNER.match(text, me)
                    if owner is not None and method_key(owner.group(1)) not in method_keys:
                        claim_base = owner.group(1)
                # else the first ("Experiments on A and B show ..."), unless it is set in a
                # parenthesis the claim is not in: "77.7 (0.6 lower than BERT_BASE), and 62 ms
                # latency"
                if (
                    claim_base is not None
                    and len(found) == 1
                    and "(" in text
                    and _parenthesis_of(text, found[0][0]) not in (-1, _parenthesis_of(text, at))
                ):
                    claim_base = None
                dataset = _following(text, named_sets, at, quantities)
                if dataset is None and named_sets:
                    if bounds is None:
                        bounds = _parts(text)
                    values = [q[0] for q in quantities] + [v[0] for v in owned_values]
                    dataset = next(
                        (d for p, d in named_sets if not _elsewhere(text, bounds, p, at, values)),
                        None,
                    )
                rule = (
                    "score_level"
                    if level
                    else "time_taken"
                    if ms in taken_at
                    else "power_drawn"
                    if ms in drawn_at
                    else "metric_with_value"
                    if value
                    else "metric_claim"
                )
                if value is not None and entry is self.parameters and value.unit in self.data_units:
                    entry = self.model_size  # "compresses X to 0.5MB": a size, not a count
                claim = {
                    "method": method,
                    "metric": entry.canonical,
                    "metric_text": metric_text,
                    "family": self._family(entry, value, bool(named_sets), low),
                    "value": value.text if value else None,
                    "number": value.number if value else None,
                    "unit": value.unit if value else None,
                    "direction": direction,
                    "baseline": claim_base,
                    "dataset": dataset,
                    "evidence": ctx.evidence(sent, rule, _CONFIDENCE[rule]),
                }
                # "2x faster" and "2x speedup" claim one thing: speed; "120x energy saving" and
                # "3,400x more energy efficient" two
                head = "speed" if entry.canonical == "speedup" else entry.canonical
                if entry.family != "efficiency" and not self.efficiency_heads.isdisjoint(
                    _metric_words(metric_text)
                ):
                    head += " efficiency"
                key = (method_key(method) if method else "", head)
                prev = results.get(key)
                # "adding only 3.8% memory overhead ... saves the memory (up to 6.5x)": the
                # saving is the claim
                overhead = not self.overhead_words.isdisjoint(
                    [*_metric_words(metric_text), *after[:1]]
                ) and not self._reduced(before[-4:])
                if (
                    prev is None
                    or (prev["value"] is None and value is not None)
                    or self._gain_over_level(prev, claim)
                    or (key in overheads and not overhead)
                    or (key in of_part and not about_part)
                ):
                    results[key] = claim
                    if overhead:
                        overheads.add(key)
                    else:
                        overheads.discard(key)
                    if about_part:
                        of_part.add(key)
                    else:
                        of_part.discard(key)
                    if claim_base and claim_base != base:
                        baselines.append(claim_base)
        return list(results.values()), baselines

    def _pair_respectively(
        self,
        low: str,
        cands: list[tuple[Any, str, int, int, set[str], bool, int]],
        assigned: dict[int, int],
        quantities: list[tuple[int, int, Quantity]],
        after_value: list[str],
        exact: bool,
    ) -> None:
        """ "reduces the model size, MACs, and latency by 40%, 30% and 20%, respectively": the
        i-th metric of a coordinated list takes the i-th item of the listed value its last
        metric took; "gains of 14.8x, 5.5x, and 7.5x in throughput, energy, and density,
        respectively": the value its first metric took, as far as the list's metrics are known
        (the items are added to `quantities`, and the words after them to `after_value`). With
        `exact` (no "respectively" written), only a list of as many items as metrics pairs."""
        taken = dict(assigned)  # the value each metric took before the items are paired
        done: set[int] = set()
        for ci, qi in sorted(taken.items()):
            qs, qe, listed = quantities[qi]
            items = list_items(listed) if ci not in done else []
            if len(items) < 2:
                continue
            if qs >= cands[ci][3]:
                first, last = ci - len(items) + 1, ci
                if first < 0 or (exact and first > 0 and taken.get(first - 1) == qi):
                    continue
            elif qe <= cands[ci][2] and taken.get(ci - 1) != qi:
                first = last = ci
                while last - first + 1 < len(items) and last + 1 < len(cands):
                    if low[cands[last][3] : cands[last + 1][2]].strip() not in self.coordinations:
                        break
                    last += 1
                if last == first or (exact and last - first + 1 != len(items)):
                    continue
                items = items[: last - first + 1]
            else:
                continue
            if any(
                low[cands[j - 1][3] : cands[j][2]].strip() not in self.coordinations
                for j in range(first + 1, last + 1)
            ):
                continue
            for j, (s, e, item) in zip(range(first, last + 1), items, strict=True):
                done.add(j)
                quantities.append((qs + s, qs + e, item))
                after_value.append((_first_words(low, qs + e, 1) or [""])[0])
                assigned[j] = len(quantities) - 1

    def _predicative(self, low: str, end: int) -> bool:
        """Whether the word ending at `end` is said of its subject, not of a noun after it: the
        text ends or a mark or one of `predicative_followers` follows it."""
        after = _first_words(low, end, 1)
        return not after or not after[0][:1].isalpha() or after[0] in self.predicative_followers

    def _comparative_at(self, low: str, at: int, vi: int | None, after_value: list[str]) -> bool:
        """Whether the claim is a comparative ("1.3% more accurate", "more accurate"), which
        leaves its comparison to a later "than" ("..., and 2x faster than B"): the word after
        its value, or else the word before its metric (`at`), is one."""
        if vi is not None:
            return after_value[vi] in self.comparatives
        before = _last_words(low, at, 1)
        return bool(before) and before[0] in self.comparatives

    def _gain_over_level(self, prev: dict[str, Any], claim: dict[str, Any]) -> bool:
        """Whether `claim` states a change ("1.8x higher throughput") where `prev` states only a
        level of the metric ("reaches 2,100 tokens/s", "reaches 24.1 mAP")."""
        if prev["evidence"]["rule"] == "score_level":  # "reaches 24.1 mAP, ... by 3.4 mAP"
            return claim["value"] is not None and claim["evidence"]["rule"] != "score_level"
        units = self.relative_units
        return claim["unit"] in units and prev["unit"] is not None and prev["unit"] not in units

    def _own_work_unnamed(
        self,
        text: str,
        low: str,
        wordset: set[str],
        quantities: list[tuple[int, int, Quantity]],
        method_keys: set[str],
    ) -> bool:
        """Whether a sentence naming none of the paper's methods, with no we/our and no "this
        paper", speaks of the paper's own work (tested only then: it reads the subject)."""
        # "Although recently proposed PETL techniques ...", "M^3ViT achieves ...": a sentence
        # about other work
        if self._opener(low) in self.other_openers or self._other_name(
            self._subject_word(text, low), method_keys
        ):
            return False
        self_words = wordset & self.self_words
        if "proposed" in self_words and _holds_any(low, self.earlier_proposal):
            self_words.discard("proposed")  # "a recently proposed optimizer"
        return (
            bool(self_words)
            or low.startswith(self.openers)
            or (
                any(q.unit for _, _, q in quantities)
                and (not wordset & self.other or bool(wordset & self.comparison_words))
            )
        )

    def _candidates(
        self,
        sent: Any,
        text: str,
        low: str,
        folded: str,
        spans: list[tuple[str, int, int]],
        outperforms: bool,
    ) -> list[tuple[Any, str, int, int, set[str], bool, int]]:
        """The sentence's metric mentions, widened over modifiers, with the words around them,
        whether they are claimed, and where the metric's own words start (`low`: the casefolded
        text; `folded`: the same when it is `text.casefold()` itself, else empty). The words are
        read from `folded` where it is given, in windows of it, which is cheaper than
        casefolding each piece of `text`. `outperforms`: whether the sentence has an
        "outperform" word (a cue match)."""
        cands: list[tuple[Any, str, int, int, set[str], bool, int]] = []
        entries = self.metric_entries
        modifiers = self.modifiers
        adjacent = self.adjacent
        offset = sent.start_char
        for kb_id, span_start, span_end in spans:
            entry = entries.get(kb_id)
            if entry is None:
                continue
            ms = start = span_start - offset
            me = span_end - offset
            if ms and text[ms].isupper() and text[ms:me].casefold() in self.value_only:
                continue  # "Hugging Face Accelerate": a verb capitalised mid-sentence is a name
            h = _stripped_end(text, ms)  # text[:h] is text[:ms].rstrip(), with no copy of it
            while h:  # widen over modifiers written before: "training throughput"
                k = text.rfind(" ", 0, h) + 1
                word = folded[k:h] if folded else text[k:h].casefold()
                if word not in modifiers:
                    break
                ms = k
                h = _stripped_end(text, ms)
            if (
                cands
                and (
                    (entry.canonical in self.vague and cands[-1][0].canonical not in self.vague)
                    or (entry.family == "accuracy" == cands[-1][0].family)
                )
                and not text[cands[-1][3] : start].strip()
            ):
                # "the time-to-accuracy performance": the metric before, with a vague head
                # word; "top-5 classification accuracy": one accuracy, the first one's
                entry, ms, start = cands[-1][0], cands[-1][2], cands.pop()[6]
                h = _stripped_end(text, ms)
            elif (
                cands
                and not text[cands[-1][3] : start].strip()
                and (
                    (
                        entry.family == "speed"
                        and entry.canonical in self.factor_metrics
                        and cands[-1][0].family == "speed"
                    )
                    or (cands[-1][0].family == "memory" and entry.family in ("energy", "speed"))
                )
            ):
                # "a latency speedup of 2.7x": one speedup; "45.8% memory energy savings",
                # "memory latency": the energy and the latency of memory accesses
                ms = cands.pop()[2]
            metric_text = text[ms:me]
            if folded:
                words = _last_words(folded, h, 2)
                words += _first_words(folded, me, 1)
                # casefolding adds and removes no whitespace, nor any of the stripped marks
                tight = {w.strip(".,;:()[]") for w in words}
                own = folded[ms:me].split()
            else:
                words = _last_words(text, h, 2)  # the words of text[:ms]
                words += text[me:].split(None, 1)[:1]
                tight = {w.strip(".,;:()[]").casefold() for w in words}
                own = metric_text.casefold().split()
            if "-" in metric_text and (sus := self._suspended(text, ms, metric_text)):
                cands.append(sus)  # "memory- and time-efficient": the memory efficiency too
            claimed = not (adjacent.isdisjoint(tight) and adjacent.isdisjoint(own))
            if (
                not claimed
                and "more" in tight
                and not self.efficiency_heads.isdisjoint(_metric_words(metric_text))
            ):
                claimed = True  # "more energy-efficient": a gain of an efficiency
            if not claimed:
                claimed = outperforms and self._outperformed_in(text, low, ms)
            if not claimed and cands and cands[-1][5]:
                # "reduces the end-to-end latency and memory footprint": one claim verb for both
                claimed = text[cands[-1][3] : start].strip().casefold() in self.coordinations
            cands.append((entry, metric_text, ms, me, tight, claimed, start))
        if outperforms and all(c[0].family != "speed" for c in cands):
            # "outperforms llama.cpp by up to 11.69x": a factor with no metric named is a speedup
            m = self.outperformed_by_factor.search(low)
            if m is not None:
                cue_start, cue_end = m.span(1)
                cands.append(
                    (
                        self.speedup,
                        text[cue_start:cue_end],
                        cue_start,
                        cue_end,
                        set(),
                        True,
                        cue_start,
                    )
                )
        return cands

    def _outperformed_in(self, text: str, low: str, ms: int) -> bool:
        """Whether the metric at `ms` is what something is outperformed in: "outperforms X in
        both perplexity and ..." (each cue is found with `str.rfind`, and the words from it to
        the metric are matched from there: a regex search for the cues would try every
        position of the text)."""
        lo = max(0, ms - 160)
        for cue in self.outperform_cues:
            at = low.rfind(cue, lo, ms)
            while at >= 0:
                end = at + len(cue)
                if (
                    not low[at - 1 : at].isalnum()
                    and not low[end : end + 1].isalnum()
                    and _OUTPERFORMED_IN.match(text, end, ms)
                ):
                    return True
                at = low.rfind(cue, lo, at)
        return False

    def _suspended(
        self, text: str, ms: int, metric_text: str
    ) -> tuple[Any, str, int, int, set[str], bool, int] | None:
        """The metric a suspended hyphen before a hyphened one names ("memory-" of "memory- and
        time-efficient": memory-efficient, its text as completed), as a candidate, or None."""
        m = _SUSPENDED.search(text, max(0, ms - 40), ms)
        if m is None:
            return None
        written = f"{m.group(1)}-{metric_text.split('-', 1)[1]}"
        entry = self.vocab.metric_by_alias.get(written.casefold())
        if entry is None:
            return None
        s, e = m.start(1), m.end(1) + 1
        tight = {w.strip(".,;:()[]").casefold() for w in _last_words(text, s, 2)}
        claimed = not self.adjacent.isdisjoint(tight) or (
            "more" in tight and not self.efficiency_heads.isdisjoint(_metric_words(written))
        )
        return (entry, written, s, e, tight, claimed, s)

    def _not_claimed(
        self,
        text: str,
        cand: tuple[Any, str, int, int, set[str], bool, int],
        near: tuple[list[str], list[str]],
        tradeoff: bool,
    ) -> bool:
        """A metric mention that states no gain: lost, grown, traded off or paid (one at parity is
        set aside by the caller, before its `near` words are read). `tradeoff`: whether the
        sentence holds a trade-off word at all."""
        entry, metric_text, _ms, me = cand[:4]
        before, after = near
        metric_words = _metric_words(metric_text)
        if before and before[-1].rstrip("-") in self.not_metric_after.get(entry.canonical, ()):
            return True  # "compared to the full precision": a number format
        if after and after[0] in self.not_metric_before.get(entry.canonical, ()):
            return True  # "single compute engine implementations": a thing, not a metric
        if entry.direction == "higher" and (
            _meets(self.loss_words, before[-3:], after[:3])
            or not self.loss_verbs.isdisjoint(before)
        ):
            return True  # "accuracy drop", "negligible loss in accuracy", "loses less than 2% SR"
        if (
            entry.direction == "higher"
            and not self.reduction_verbs.isdisjoint(before[-3:])
            and self.error_words.isdisjoint(metric_words)
            and self.efficiency_heads.isdisjoint(metric_words)
        ):
            return True  # "reduces few-shot accuracy by 31%"
        if not self.behind_words.isdisjoint(before):
            return True  # "trail by 0.4 WER", "lags by 1.2% in accuracy"
        if (
            entry.direction == "lower"
            and not self.requirement_verbs.isdisjoint(before[-3:])
            and not _meets(self.lower_or_small, before, after)
        ):
            return True  # "training on 8192 tokens needs 16x computational costs": a cost paid
        if (
            entry.direction == "lower"
            and after[:1]
            and after[0] in self.overhead_words
            and not self._reduced(before[-4:])
        ):
            return True  # "at a latency overhead of 2%": paid, unless reduced
        if (
            entry.direction == "lower"
            and _meets(self.increase_words, before, after)
            and not (metric_text.casefold() in self.adjacent and self._bound_only(before, after))
            and not _meets(self.lower_or_small, before, after)
            and self.inverted_heads.isdisjoint(metric_words)
            # "TFLOPS per GPU", "tokens/s": a rate grows (not "2% extra parameters per task")
            and not (entry.family in self.rate_families and _RATE.match(text, me))
        ):
            return True  # "increases memory by 40%", "more energy than": a regression
        # "speed-accuracy trade-off", "at the cost of", "at no extra cost"
        return (tradeoff and bool(self.tradeoff.match(text, me))) or (
            entry.family == "cost"
            and "at" in before[-3:]
            and self.lower_or_small.isdisjoint(before[-2:])  # "at 20% lower cost" is a gain
        )

    def _time_taken(
        self, text: str, low: str, wordset: set[str], quantities: list[tuple[int, int, Quantity]]
    ) -> list[tuple[Any, str, int, int, set[str], bool, int]]:
        """Metrics for the times a sentence names no speed metric for: "3D content generation
        in only 10 seconds" (the generation time), "trained on 2048 TPUs in 4 days" or "24 hours
        of finetuning" (a training time); the metric is the word before "in", or "in" itself."""
        out: list[tuple[Any, str, int, int, set[str], bool, int]] = []
        for qs, qe, q in quantities:
            if q.unit not in self.time_units:
                continue
            after = _first_words(low, qe, 2)
            if (
                len(after) == 2
                and after[0] == "of"
                and after[1].strip(",.;") in self.training_words
            ):
                # "only 24 hours of finetuning": a training time
                at = low.find(after[1], qe)
                training_time = self.time_training
                end = at + len(after[1].strip(",.;"))
                out.append((training_time, training_time.canonical, at, end, set(), True, at))
                continue
            words = _last_words(low, qs, 2)
            if len(words) < 2 or words[-1] not in self.time_leads:
                continue
            lead = low.rfind(words[-1], 0, qs)
            word_at = low.rfind(words[0], 0, lead)
            word = words[0].strip(",;:()")
            entry = self.vocab.metric_by_alias.get(f"{word} time")
            if entry is None or entry.family != "speed":
                # no metric named: the claim's text is the metric's name, its place the "in"
                ms, me = lead, lead + len(words[-1])
                training = not self.training_words.isdisjoint(wordset)
                entry = self.time_training if training else self.time_default
                named = entry.canonical
            else:
                ms, me = word_at, word_at + len(word)
                named = text[ms:me]
            out.append((entry, named, ms, me, set(), True, ms))
        return out

    def _power_written(self, text: str) -> bool:
        """Whether a power is written in `text` ("64 mW", "2W", "5 watts"): each unit mark
        found with `str.find` (a case-folding regex would try every position of the text)."""
        for mark in self.power_marks:
            at = text.find(mark)
            while at >= 0:
                end = at + len(mark)
                if len(mark) > 1 and text.startswith("s", end):
                    end += 1  # "watts"
                if not text[end : end + 1].isalnum():  # (most marks open a word: "We")
                    start = at
                    for prefix in self.power_prefixes:
                        if text.endswith(prefix, 0, at):
                            start = at - len(prefix)
                            break
                    before = text[start - 1 : start]
                    if before.isdigit() or (
                        before == " " and text[start - 2 : start - 1].isdigit()
                    ):
                        return True
                at = text.find(mark, at + 1)
        return False

    def _power_drawn(
        self, low: str, quantities: list[tuple[int, int, Quantity]]
    ) -> list[tuple[Any, str, int, int, set[str], bool, int]]:
        """The power metric for each power a lead word gives, in a sentence that names no energy
        metric: "all processing is done with only 64 mW"; its place is the lead's."""
        out: list[tuple[Any, str, int, int, set[str], bool, int]] = []
        for qs, _qe, q in quantities:
            if q.unit not in self.power_units:
                continue
            words = _last_words(low, qs, 1)
            if not words or words[-1] not in self.power_leads:
                continue
            lead = low.rfind(words[-1], 0, qs)
            entry = self.power_metric
            out.append((entry, entry.canonical, lead, lead + len(words[-1]), set(), True, lead))
        return out

    def _bare_level(
        self, text: str, entry: Any, ms: int, me: int, qs: int, qe: int, wordset: set[str]
    ) -> bool:
        """Whether a number with no unit is the level a score reaches: "achieves 28.4 BLEU",
        "reaches a FID of 3.0" (a bare number elsewhere is a count, a step, a size)."""
        if entry.family not in self.bare_families or wordset.isdisjoint(self.level_verbs):
            return False
        if qe <= ms:
            return not text[qe:ms].strip()
        return text[me:qs].strip().casefold() in self.level_gaps

    @staticmethod
    def _first_word(text: str) -> str:
        return text.split(None, 1)[0].strip(".,;:()[]\"'") if text.strip() else ""

    def _family(self, entry: Any, value: Quantity | None, on_dataset: bool, low: str) -> str:
        """The claim's metric family: "5.35x performance improvement" is speed, unless scored on
        a dataset or benchmark ("on the localization benchmarks")."""
        if value is None or value.unit != "x" or on_dataset or "benchmark" in low:
            return entry.family
        return self.factor_families.get(entry.canonical, entry.family)

    def _subject_word(self, text: str, low: str) -> str:
        """The sentence's first word, after an opener such as "For instance,": "For instance,
        GPT-4o has achieved ..." is about GPT-4o."""
        for opener in self.example_openers:
            if low.startswith(opener) and low.startswith(",", len(opener)):
                return self._first_word(text[len(opener) + 1 :])
        return self._first_word(text)

    def _other_name(self, word: str, method_keys: set[str]) -> bool:
        """A name that is not one of the paper's own, nor a metric, hardware or dataset."""
        vocab = self.vocab
        low = word.casefold()
        return (
            name_shaped(word)
            and method_key(word) not in method_keys
            and low not in vocab.metric_by_alias
            and low not in vocab.hardware_by_alias
            and low not in vocab.dataset_by_alias
        )

    def _opener(self, low: str) -> str:
        return self._first_word(low).casefold()

    def _retained(self, low: str, start: int) -> bool:
        """Whether a retention word ("retains", "within") is one of the two words before a value
        at `start`."""
        before = low[max(0, start - 30) : start]
        return _holds_any(before, self.any_retention) and not self.retention_words.isdisjoint(
            _words(before)[-2:]
        )

    def _operating_point(self, low: str, start: int) -> bool:
        """Whether the value at `start` is said as what something runs at ("at 8x")."""
        return not self.operating_point_words.isdisjoint(_last_words(low, start, 1))

    def _condition(self, low: str, end: int) -> bool:
        """Whether the value ending at `end` is a condition: the head of its own phrase, one
        of the two words after it, is a noun of one ("a 6 fps real-time constraint", "a 300M
        FLOPs budget"; not "by 4x the memory requirement")."""
        after = [w.strip(_WORD_BREAKS + ".") for w in _first_words(low, end, 2)]
        if after and after[0] in self.phrase_openers:
            return False
        return not self.condition_nouns.isdisjoint(after)

    def _share(self, low: str, start: int, end: int) -> bool:
        """Whether the value at `start`-`end` is a share ("consumes 78% of the energy")."""
        return low.startswith(" of ", end) and not self.share_verbs.isdisjoint(
            _words(low[max(0, start - 40) : start])[-3:]
        )

    def _bound_only(self, before: list[str], after: list[str]) -> bool:
        """Whether the increase words before a metric only bound its value ("more than 60 times
        smaller", of a metric written as a comparative), with none after it."""
        bounds = self.value_bound_words
        increase = self.increase_words
        return increase.isdisjoint(after) and all(
            i + 1 < len(before) and before[i + 1] in bounds
            for i, w in enumerate(before)
            if w in increase
        )

    def _cost_cut(self, metric_text: str, before: list[str]) -> bool:
        """Whether a named cost is said to be cut ("greatly reduce computation cost"), a claim
        with no value in a family that otherwise needs one ("less computation" and "lower cost"
        say too little)."""
        head, _, last = metric_text.rpartition(" ")
        return bool(head) and last.casefold() in self.cost_heads and self._reduced(before)

    def _reduced(self, before: list[str]) -> bool:
        """Whether one of the words `before` a metric says it is lowered: "lower overhead",
        not "less than 3% overhead" (a bound on the value)."""
        bounds = self.value_bound_words
        return any(
            w in self.lower_words and (i + 1 == len(before) or before[i + 1] not in bounds)
            for i, w in enumerate(before)
        )

    @staticmethod
    def _near_words(
        text: str, folded: str, start: int, end: int, n: int = 4
    ) -> tuple[list[str], list[str]]:
        """Up to n casefolded words before and after, not crossing a comma, semicolon or
        parenthesis (the loss-word test reads the nearest 3 of them, the direction test 4).
        `folded` is `text.casefold()` when that keeps the offsets, else empty. The clause marks
        are found with `str.rfind` and `str.find` in the windows, cheaper than a regex split."""
        lo = left = max(0, start - 12 * n)
        hi = right = min(len(text), end + 12 * n)
        for c in _CLAUSE_MARKS:
            at = text.rfind(c, lo, start)
            if at >= left:
                left = at + 1
            at = text.find(c, end, hi)
            if 0 <= at < right:
                right = at
        if folded:
            return _words(folded[left:start])[-n:], _words(folded[end:right])[:n]
        return _words(text[left:start].casefold())[-n:], _words(text[end:right].casefold())[:n]

    def _distance(
        self, text: str, ms: int, me: int, qs: int, qe: int, q: Quantity, metric: str
    ) -> float | None:
        """Words between a metric and a quantity, or None when they cannot belong together."""
        if qs < me and qe > ms:
            # "108 FPS", "over 40 tokens/s": the metric is the value's own unit
            return 0.0 if qs < ms and qe == me and q.unit is not None else None
        if qe <= ms:
            gap = text[qe:ms]
            words = gap.split(None, 8)  # up to 9 pieces: more than 7 words is too far anyway
            d = float(len(words))
            if q.unit is None and d > 1:
                return None
            if words and words[0] in self.detachers:
                return None
            if d > 1 and any(w in self.phrase_ends_after_value for w in words[1:]):
                return None  # "60% unstructured sparsity with negligible increase in perplexity"
            if d > 1 and not self.finite_claim_verbs.isdisjoint(words):
                return None  # "H2O with 20% heavy hitters improves the throughput": the subject's
            if gap.lstrip().startswith((",", ")")) or (words and words[0] in self.coordinators):
                # "by 5.2x and GPU memory by 2x", "(MRR@10: +36.7%) and answer accuracy": the
                # value ends the clause or parenthesis before
                d += 4
        else:
            gap = text[me:qs]
            words = gap.split(None, 8)
            d = len(words) + 0.5
            if q.unit is None and not (
                ("by" in gap and _BY_WORD_END.search(gap))
                or _from_to(text, qs, q)
                or (metric in self.factor_metrics and _FACTOR_OF.match(gap))
                or (metric in self.bare_metrics and gap.strip().casefold() in self.level_gaps)
            ):
                return None
            if words and words[0] in self.coordinators:
                d += 4  # "... in energy efficiency and 2.85x in area efficiency": the next clause
            elif self.change_in.match(text, qe):
                d += 4  # "54% reduction in FLOPs, 37% decrease in latency": the next metric's
            elif (
                d > 7
                and len(gap) < 120
                and (passive := _PASSIVE_BY.search(gap))
                and passive.group(1).casefold() in self.adjacent
            ):
                d = 3.5  # "The speed on a single CPU thread was improved by 7.45 times"
            elif (
                d > 7
                and gap.endswith(" by ")
                and gap.lstrip().casefold().startswith((*self.cue_heads, "of "))
                and not _CLAUSE_COMMA.search(gap)
            ):
                # "improves the throughput over A, B, and C by up to 29x", "improves the
                # decoding speed of A, B, and C on an A100 by up to 4.04x, ..."
                d = 3.5
        if d > 7 or (_holds_any(gap, self.clause_marks) and self.clause_break.search(gap)):
            return None
        return d

    def _owned(self, text: str, low: str) -> list[tuple[int, int]]:
        """The spans of a value and the baseline owning it after a comparison cue ("compared
        with 2.3x for Medusa")."""
        out = []
        for at in literal_starts(low, self.owner_cues):
            cue_end = next(at + len(c) for c in self.owner_cues if low.startswith(c, at))
            m = self.owned_value.match(text, cue_end)
            if m is not None:
                out.append((cue_end, m.end("b")))
        return out

    def _baseline_matches(self, text: str, low: str, pos: int) -> Iterator[re.Match[str]]:
        """The baseline pattern's matches in `text` from `pos` on (`low` is its casefolded
        copy): in an ASCII text, tried only where a cue starts."""
        if text.isascii():
            starts = [at for at in literal_starts(low, self.baseline_cues) if at >= pos]
            return matches_at(self.ascii_baseline, low, starts)  # `low` is `text.lower()`
        return self.baseline.finditer(text, pos)

    def _numbered_baseline(self, b: str) -> bool:
        """Whether a baseline opening with a number is one, not a bound ("more than 60 times"):
        the number has no unit and is part of a name ("8-bit quantized FSRCNN") or counts
        baselines ("15 baseline methods")."""
        found = find_quantities(b)
        if found and found[0][0] == 0 and found[0][2].unit is not None:
            return False
        return b.rsplit(None, 1)[-1].casefold() in self.baseline_heads or bool(
            _HYPHENED_NUMBER.match(b)
        )

    def _metric_opens(self, phrase: str) -> bool:
        """Whether `phrase` opens with a metric's name ("latency trade-offs")."""
        words = phrase.casefold().split(None, 2)
        aliases = self.vocab.metric_by_alias
        return bool(words) and (words[0] in aliases or " ".join(words[:2]) in aliases)

    def _parity_baselines(self, text: str, method_keys: set[str]) -> list[tuple[int, str]]:
        """The named method a sentence with no comparison cue is at parity with, as its
        baseline: "similar accuracy as MobileFormer while being 38x faster"."""
        m = self.parity_baseline.search(text)
        if m is None or method_key(m.group("b")) in method_keys:
            return []
        b = m.group("b")
        lead = self._baseline_lead(b.casefold())
        # "matches the accuracy of BERT-Large": BERT-Large
        return [(m.start(), b[len(lead) :].lstrip() if lead is not None else b)]

    def _baseline_lead(self, folded: str) -> str | None:
        """The lead words a casefolded baseline opens with ("the performance of"), if any."""
        return next((w for w in self.baseline_leads if folded.startswith(w)), None)

    def _baselines(self, text: str, low: str, method_keys: set[str]) -> list[tuple[int, str]]:
        """The comparisons of a sentence as (position, baseline), in text order; `low` is the
        casefolded text (most sentences hold no comparison cue: no regex search for them)."""
        found = self._cued_baselines(text, low, method_keys)
        if not found and " of " in text:
            # "2x the throughput of ViT-L", "doubles the throughput of vLLM": the metric's owner
            for m in matches_at(self.factor_of_baseline, text, literal_starts(text, (" the ",))):
                if method_key(m.group("b")) not in method_keys:
                    found = [(m.start("b"), m.group("b"))]
                break
        if "%" in text:
            shares = [
                (m.start(), m.group("b").strip(" .,"))
                for m in self.share_baseline.finditer(text)
                if _SHARE_BEFORE.search(text, 0, m.start())
                and method_key(m.group("b")) not in method_keys
            ]
            if shares:
                found = sorted(found + shares)
        return found

    def _cued_baselines(self, text: str, low: str, method_keys: set[str]) -> list[tuple[int, str]]:
        """The comparisons after a comparison cue ("than", "compared to", ...)."""
        if text.isascii():
            starts = literal_starts(low, self.baseline_cues)
            if not starts:
                return []
            matches = matches_at(self.ascii_baseline, low, starts)  # `low` is `text.lower()`
        else:
            matches = self.baseline.finditer(text)
        out = []
        pending = list(matches)
        k = 0
        while k < len(pending):
            m = pending[k]
            k += 1
            b = text[m.start("b") : m.end("b")].strip(" .,")
            more = ""  # the other items of a list of names it opens
            if text.startswith(" (", m.end("b")) and (
                inside := self.parenthesis_inside.match(text, m.end("b"))
            ):
                # "the fixed bitwidth (8 bits) quantization"
                b = text[m.start("b") : inside.end()].strip(" .,")
            folded_b = b.casefold()
            lead = self._baseline_lead(folded_b)
            if lead is not None:
                b = b[len(lead) :].lstrip()
            elif folded_b in self.result_leads:
                agent = self.agent_tail.match(text, m.end("b"))
                if agent is None:
                    continue
                b = agent.group(0).strip(" .,")[3:]
            head, _, last = b.rpartition(" ")
            if head and last.casefold() in self.baseline_participles:
                tail = self.participle_tail.match(text, m.end("b"))
                if tail is not None:
                    b = text[m.start("b") : tail.end()].strip(" .,")
                    head, _, last = b.rpartition(" ")
            if head and last.casefold() in self.coordinators:
                b = head.rstrip(" ,")  # "over single LoRA and by 1.1 points over ...": single LoRA
            elif (
                b.islower()
                and not any(f" {o} " in b for o in self.baseline_openers)
                and (at := text.find(b, m.start("b"))) >= 0
            ):
                # "the state-of-the-art systems, such as FasterTransformer and Orca"
                at += len(b)
                named = self.baseline_names.match(text, at) if text.startswith(",", at) else None
                if named is not None:
                    b = f"{b}{named.group(0).rstrip(' .,')}"
            elif (
                not b.islower()
                and (at := text.find(b, m.start("b")) + len(b)) < len(text)
                and text[at] == ","
                and (items := self.baseline_list.match(text, at)) is not None
            ):
                more = items.group(0).rstrip(" .,")  # "vLLM" + ", Orca, and FasterTransformer"
            if (
                b[:1].isdigit()
                and low.startswith(self.owner_cues, m.start())
                and (owner := self.owned_value.match(text, m.start("b")))
            ):
                b = owner.group("b")
            bound = (b[:1].isdigit() and not self._numbered_baseline(b)) or (
                low.startswith("than", m.start()) and folded_b.startswith(self.bound_number_words)
            )
            if bound:
                # "more than 60 times smaller than SAM": a bound, and the comparison after it
                later = next(self._baseline_matches(text, low, m.start("b")), None)
                if later is not None:
                    pending.insert(k, later)
            if (
                not b
                or bound
                or b[0] in "(["
                or (
                    b.casefold().startswith(self.not_baseline_starts)
                    and b.rsplit(None, 1)[-1].casefold() not in self.baseline_heads
                    and b.islower()
                )
            ):  # "a large margin" is no baseline; "a dense baseline", "an NVIDIA V100 GPU" are
                continue
            if (
                len(b.split()) > 10
                or method_key(b) in method_keys
                or b.casefold() in self.not_baselines
            ):
                continue
            if b.endswith(("'s", "\u2019s")) and not more:
                b = b[:-2]  # "smaller than MnasNet's": MnasNet's result
            if "[" in b:
                b = _CITATION.sub("", b)  # "MobileNetV2 [29]": the reference is not its name
            if low.startswith(("versus", "vs"), m.start()) and self._metric_opens(b):
                # "accuracy versus latency trade-offs": a trade-off, not a baseline (and the
                # comparison after it)
                later = next(self._baseline_matches(text, low, m.start("b")), None)
                if later is not None:
                    pending.insert(k, later)
                continue
            if (
                (" that " in b or " which " in b or " whose " in b)
                and (rel := _RELATIVE.search(b)) is not None
                and holds_digit(b[rel.end() :])
            ):
                b = b[: rel.start()].rstrip(" ,")  # "a baseline that sustains 39 TeraFLOPs"
            out.append((m.start(), b + more))
        return out
