"""`Extractor`: holds the spaCy pipeline once and turns papers into `Extraction`s."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction.context import RESULT_KEY, TEXT_KEY
from kg.extraction.pipeline import DEFAULT_MAX_CHARS, PIPELINE_NAME, build_nlp, doc_text
from kg.extraction.result import Extraction
from kg.model import Paper

log = logging.getLogger("kg.extraction")


class Extractor:
    """Build (or take) the `kg_extractor` pipeline once; extract one paper or a stream.

    `max_chars` caps the abstract length read (a longer one is cut there and the extraction is
    marked `truncated`), which keeps time and memory bounded on runaway input.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        pipeline: str = PIPELINE_NAME,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        self.nlp = nlp if nlp is not None else build_nlp(pipeline)
        self.max_chars = max_chars
        self.nlp.max_length = max(self.nlp.max_length, max_chars + 10_000)

    def _text(self, paper: Paper) -> tuple[str, bool]:
        abstract = paper.abstract or ""
        truncated = len(abstract) > self.max_chars
        if truncated:
            log.warning("%s: abstract cut to %d characters", paper.id, self.max_chars)
            abstract = abstract[: self.max_chars]
        title = (paper.title or "")[:2000]
        return doc_text(title, abstract), truncated

    def extract(self, paper: Paper) -> Extraction:
        text, truncated = self._text(paper)
        doc = self.nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text
        doc = self.nlp(doc)
        return Extraction.from_result(paper, doc.user_data.get(RESULT_KEY, {}), truncated)

    def extract_all(
        self, papers: Iterable[Paper], n_process: int = 1, batch_size: int = 64
    ) -> Iterator[Extraction]:
        """Extract a stream of papers lazily (nlp.pipe with as_tuples), in input order."""

        make_doc = self.nlp.make_doc
        in_process = n_process == 1

        def tuples() -> Iterator[tuple[str | Doc, tuple[Paper, bool]]]:
            for paper in papers:
                text, truncated = self._text(paper)
                if in_process:
                    # hand the text over with the doc: Doc.text would rebuild it token by token
                    doc = make_doc(text)
                    doc.user_data[TEXT_KEY] = text
                    yield doc, (paper, truncated)
                else:
                    yield text, (paper, truncated)

        for doc, (paper, truncated) in self.nlp.pipe(
            tuples(), as_tuples=True, n_process=n_process, batch_size=batch_size
        ):
            yield Extraction.from_result(paper, doc.user_data.get(RESULT_KEY, {}), truncated)
