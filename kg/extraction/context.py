"""Per-document view shared by the rule components.

A doc's text is `title + "\\n\\n" + abstract` (see `pipeline.doc_text`), so every rule sees the
title too. Offsets reported in evidence are relative to the abstract; facts read off the title carry
offsets -1/-1 and the title as their evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

TITLE_SEPARATOR = "\n\n"
RESULT_KEY = "kg"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # token offsets in the doc
    end: int
    start_char: int  # char offsets in the doc text
    end_char: int
    text: str
    in_title: bool


class DocContext:
    """Sentences, title/abstract split and the result dict of one doc."""

    __slots__ = ("abstract_start", "doc", "result", "sentences", "text", "title_end")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        text = doc.text
        self.text = text
        cut = text.find(TITLE_SEPARATOR)
        self.title_end = cut if cut >= 0 else len(text)
        self.abstract_start = cut + len(TITLE_SEPARATOR) if cut >= 0 else len(text)
        sents = []
        for i, s in enumerate(doc.sents):
            raw = text[s.start_char : s.end_char]
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            start_char = s.start_char + lead
            sents.append(
                Sentence(
                    i,
                    s.start,
                    s.end,
                    start_char,
                    start_char + len(stripped),
                    stripped,
                    start_char < self.title_end,
                )
            )
        self.sentences = sents
        self.result: dict[str, Any] = doc.user_data.setdefault(RESULT_KEY, {})

    @property
    def title(self) -> str:
        return self.text[: self.title_end]

    def sentence_of_char(self, char: int) -> Sentence | None:
        for s in self.sentences:
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


def context(doc: Doc) -> DocContext:
    """The DocContext of a doc (cheap: a pass over the sentence boundaries)."""
    return DocContext(doc)
