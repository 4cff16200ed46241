"""Per-document view shared by the rule components.

A doc's text is `title + "\\n\\n" + abstract` (see `pipeline.doc_text`), so every rule sees the
title too. Offsets reported in evidence are relative to the abstract; facts read off the title carry
offsets -1/-1 and the title as their evidence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

TITLE_SEPARATOR = "\n\n"
RESULT_KEY = "kg"
TEXT_KEY = "kg_text"  # the doc text, cached by the first component, dropped by the last
# token char offsets (a list) and sentence start tokens, set by the sentence splitter
TOKENS_KEY = "kg_tokens"


def token_offsets(doc: Doc) -> tuple[list[int], list[int] | None]:
    """(char offset of each token, sentence start tokens or None), read once per doc (the
    sentence splitter caches them) instead of one `to_array` per component."""
    cached = doc.user_data.get(TOKENS_KEY)
    if cached is not None:
        return cached
    if not len(doc):
        return [], None
    return doc.to_array(IDX).tolist(), None


def token_end(text: str, idx: list[int], i: int) -> int:
    """Where token i ends in `text`, given each token's offset: where the next one starts (or
    the text ends), less the space spaCy keeps after a token; a whitespace token keeps none.
    Read where the rules need it, at a few matched tokens, instead of every token's `LENGTH`
    with the offsets (`to_array` costs about as much per attribute and token)."""
    end = idx[i + 1] if i + 1 < len(idx) else len(text)
    if text[end - 1] == " " and not text[idx[i]].isspace():
        return end - 1
    return end


class Sentence(NamedTuple):
    i: int  # its position among the sentences (as `Token.i` of a token)
    start: int  # token offsets in the doc
    end: int
    start_char: int  # char offsets in the doc text
    end_char: int
    text: str
    in_title: bool


class DocContext:
    """Sentences, title/abstract split and the result dict of one doc."""

    __slots__ = ("_starts", "abstract_start", "doc", "result", "sentences", "text", "title_end")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        text = doc.user_data.get(TEXT_KEY)
        if text is None:
            text = doc.text
        self.text = text
        cut = text.find(TITLE_SEPARATOR)
        self.title_end = cut if cut >= 0 else len(text)
        self.abstract_start = cut + len(TITLE_SEPARATOR) if cut >= 0 else len(text)
        sents = []
        n = len(doc)
        if n:
            starts = sentence_starts(doc)
            idx = token_offsets(doc)[0]
            title_end = self.title_end
            new = tuple.__new__  # what Sentence(...) calls, without its Python-level __new__
            for i, (st, en) in enumerate(zip(starts, [*starts[1:], n], strict=True)):
                start_char = idx[st]
                raw = text[start_char : idx[en] if en < n else len(text)]
                stripped = raw.strip()
                if not stripped:
                    continue
                # (a sentence opens at a token, so rarely with whitespace: no lstrip copy)
                sc = start_char + (raw.find(stripped[0]) if raw[0].isspace() else 0)
                sents.append(
                    new(Sentence, (i, st, en, sc, sc + len(stripped), stripped, sc < title_end))
                )
        self.sentences = sents
        self._starts = [s.start_char for s in sents]
        self.result: dict[str, Any] = doc.user_data.setdefault(RESULT_KEY, {})

    @property
    def title(self) -> str:
        return self.text[: self.title_end]

    def sentence_of_char(self, char: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0:
            s = self.sentences[i]
            if s.start_char <= char < s.end_char:
                return s
        return None

    def sentence_of_token(self, i: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= i < s.end:
                return s
        return None

    def evidence(self, sent: Sentence, rule: str, confidence: float) -> dict[str, Any]:
        """Evidence dict: the sentence and its offsets in the abstract (-1/-1 for the title)."""
        if sent.in_title:
            return {
                "text": sent.text,
                "start": -1,
                "end": -1,
                "rule": rule,
                "confidence": confidence,
            }
        return {
            "text": sent.text,
            "start": sent.start_char - self.abstract_start,
            "end": sent.end_char - self.abstract_start,
            "rule": rule,
            "confidence": confidence,
        }


CUES_KEY = "kg_cues"  # cue matches per sentence: [(label, start_char, end_char)]
# the cue phrases matched in the term matcher's pass, [(label, start, end)], read by kg_cues
CUE_MATCHES_KEY = "kg_cue_matches"
TERMS_KEY = "kg_terms"  # matched terms as plain rows, read by the rule components
CTX_KEY = "kg_ctx"  # the DocContext, shared by the components; dropped by the last one


def sentence_starts(doc: Doc) -> list[int]:
    """Sorted token indices that start a sentence (always including 0); the splitter's own list
    when it ran, else read off the doc (one vectorised pass instead of doc.sents)."""
    starts = token_offsets(doc)[1]
    if starts is None:
        arr = doc.to_array([SENT_START])
        starts = np.flatnonzero(arr == 1).tolist()
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
    return starts


def literal_starts(text: str, literals: Iterable[str]) -> list[int]:
    """Where any of `literals` starts in `text`, in order (`str.find`, which is much cheaper than
    a regex search trying a pattern at every position)."""
    found = set()
    for lit in literals:
        at = text.find(lit)
        while at >= 0:
            found.add(at)
            at = text.find(lit, at + 1)
    return sorted(found)


def prefix_free(literals: Iterable[str]) -> tuple[str, ...]:
    """The literals that start with none of the others: where one of `literals` starts in a text
    is where one of these does ("outperform" stands for "outperforms" and "outperformed"), with
    fewer scans of the text (`literal_starts`)."""
    unique = list(dict.fromkeys(literals))
    return tuple(p for p in unique if not any(q != p and p.startswith(q) for q in unique))


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that can only match at one of `starts` (sorted):
    one `match` at each, the next one tried after the end of the last match."""
    end = 0
    for at in starts:
        if at >= end:
            m = pattern.match(text, at)
            if m is not None:
                yield m
                end = m.end()


def word_matches(
    pattern: re.Pattern[str], text: str, firsts: Iterable[str]
) -> Iterator[re.Match[str]]:
    """The matches `finditer` finds in `text` of `\\b` + `pattern`, for a pattern each of whose
    matches opens with one of the literal words `firsts` (all starting with a word character):
    the pattern is tried only where `str.find` sees one of them with no word character before it
    (a regex search tries it at every position the words' first letters allow)."""
    return matches_at(pattern, text, word_starts(text, literal_starts(text, firsts)))


def word_starts(text: str, starts: list[int]) -> list[int]:
    """Those of `starts` with no word character before them in `text`: where `\\b` + a pattern
    opening with a word character can match."""
    out = []
    for at in starts:
        # a regex `\\w` is a letter, digit or numeric character, or "_" (cheaper tested here
        # than by a lookbehind match per start)
        if at == 0:
            out.append(at)
        else:
            c = text[at - 1]
            if not (c.isalnum() or c == "_"):
                out.append(at)
    return out


def cue_starts(doc: Doc, label: str) -> list[int]:
    """Where the cue phrases of `label` start in the doc text (`kg_cues`, which has them from the
    term matcher's token pass): where patterns opening with those words can match, found
    without a scan of the text."""
    cues: dict[int, list[tuple[str, int, int]]] = doc.user_data.get(CUES_KEY, {})
    return [start for i in sorted(cues) for lab, start, _e in cues[i] if lab == label]


class CaselessSearch:
    """A case-insensitive search (`re.I`, opening with `\\b`) with a cheaper way for ASCII
    texts. `re.I` makes the regex engine fold each letter it compares and a leading `\\b` makes
    it try the whole pattern at every position, so an ASCII text (where folding is `str.lower`)
    is searched lowercased, by the pattern of lowercased words with no `re.I` and no `\\b`, from
    where one of the words its matches open with (`firsts`, lowercased) starts a word
    (`word_matches`). Lowering keeps an ASCII text's offsets: a match's spans are the text's."""

    def __init__(self, folded: re.Pattern[str], lower: re.Pattern[str], firsts: Iterable[str]):
        self.folded = folded
        self.lower = lower
        self.firsts = prefix_free(firsts)

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            return next(word_matches(self.lower, text.lower(), self.firsts), None)
        return self.folded.search(text)


def context(doc: Doc) -> DocContext:
    """The DocContext of a doc, built once (after sentence splitting) and shared."""
    ctx = doc.user_data.get(CTX_KEY)
    if ctx is None or ctx.doc is not doc:
        ctx = DocContext(doc)
        doc.user_data[CTX_KEY] = ctx
    return ctx
