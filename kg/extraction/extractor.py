"""`Extractor`: holds the spaCy pipeline once and turns papers into `Extraction`s."""

from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from spacy.language import Language

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
        result, truncated = self._result(paper)
        return Extraction.from_result(paper, result, truncated)

    def _result(self, paper: Paper) -> tuple[dict, bool]:
        text, truncated = self._text(paper)
        doc = self.nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text
        doc = self.nlp(doc)
        return doc.user_data.get(RESULT_KEY, {}), truncated

    def extract_all(
        self, papers: Iterable[Paper], n_process: int = 1, batch_size: int = 64
    ) -> Iterator[Extraction]:
        """Extract a stream of papers lazily, in input order.

        One process: `nlp.pipe` over (doc, paper) tuples. Several: a process pool where each
        worker runs this extractor's pipeline on batches of papers and sends back the plain result
        dicts (much cheaper than shipping spaCy Docs); at most 2 batches per worker are in flight,
        so memory stays flat however long the stream.
        """
        if n_process > 1:
            yield from self._extract_parallel(papers, n_process, batch_size)
            return
        for batch in _batches(papers, batch_size):
            results = self._results(batch)
            for paper, (result, truncated) in zip(batch, results, strict=True):
                yield Extraction.from_result(paper, result, truncated)

    def _results(self, batch: list[Paper]) -> list[tuple[dict, bool]]:
        """Run the pipeline over a batch stage by stage: tokenize every paper, then each component
        over the whole batch. Each stage's code and tables stay warm in the CPU caches, which is
        markedly faster than taking one doc through all the stages at a time (as `nlp.pipe` does
        with components that have no `pipe` method)."""
        with _fewer_young_collections():
            return self._run_stages(batch)

    def _run_stages(self, batch: list[Paper]) -> list[tuple[dict, bool]]:
        make_doc = self.nlp.make_doc
        docs = []
        flags = []
        for paper in batch:
            text, truncated = self._text(paper)
            doc = make_doc(text)
            # hand the text over with the doc: Doc.text would rebuild it token by token
            doc.user_data[TEXT_KEY] = text
            docs.append(doc)
            flags.append(truncated)
        for _name, proc in self.nlp.pipeline:
            docs = [proc(doc) for doc in docs]
        return [
            (doc.user_data.get(RESULT_KEY, {}), truncated)
            for doc, truncated in zip(docs, flags, strict=True)
        ]

    def _extract_parallel(
        self, papers: Iterable[Paper], n_process: int, batch_size: int
    ) -> Iterator[Extraction]:
        global _WORKER_EXTRACTOR
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            _WORKER_EXTRACTOR = self  # inherited by the forked workers: no rebuild, no pickling
            mp: multiprocessing.context.BaseContext = multiprocessing.get_context("fork")
            init: Callable[[int], None] | None = None
            initargs: tuple[int, ...] = ()
        else:  # pragma: no cover - spawn platforms build the pipeline in each worker
            mp = multiprocessing.get_context("spawn")
            init, initargs = _init_worker, (self.max_chars,)
        batches = _batches(papers, batch_size)
        with mp.Pool(n_process, initializer=init, initargs=initargs) as pool:
            pending: deque = deque()
            for batch in itertools.islice(batches, 2 * n_process):
                pending.append((batch, pool.apply_async(_work, (batch,))))
            while pending:
                batch, job = pending.popleft()
                results = job.get()
                nxt = next(batches, None)
                if nxt is not None:
                    pending.append((nxt, pool.apply_async(_work, (nxt,))))
                for paper, (result, truncated) in zip(batch, results, strict=True):
                    yield Extraction.from_result(paper, result, truncated)


@contextmanager
def _fewer_young_collections(threshold: int = 20_000) -> Iterator[None]:
    """Raise the collector's first threshold while a batch runs. The rules make many short-lived
    objects; at Python's default (700 allocations) the young generation is collected thousands
    of times per batch, though almost nothing it holds survives (measured: 2 % of the
    instructions, 5 % of the time). The host's setting is restored after the batch, and a
    threshold of 0 (collection switched off) is left alone."""
    old = gc.get_threshold()
    if 0 < old[0] < threshold:
        gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


_WORKER_EXTRACTOR: Extractor | None = None


def _init_worker(max_chars: int) -> None:  # pragma: no cover - spawn platforms only
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = Extractor(max_chars=max_chars)


def _work(batch: list[Paper]) -> list[tuple[dict, bool]]:
    assert _WORKER_EXTRACTOR is not None
    return _WORKER_EXTRACTOR._results(batch)


def _batches(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    it = iter(papers)
    while batch := list(itertools.islice(it, max(1, size))):
        yield batch
