"""Paper sources: every input format a user has, read into de-duplicated `Paper` records.

`read_papers` is the one entry point: it detects each input's format from its extension and
content, reads `-` as stdin, validates every entry the same way, skips broken entries with one
warning per file (or fails with `strict=True`), and yields each distinct paper once.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Paper
from kg.sources import arxiv, daily, records  # noqa: F401  (importing registers the readers)
from kg.sources.base import READERS, Broken, decode, make_paper

__all__ = ["FORMATS", "Paper", "detect_format", "read_file", "read_papers"]

FORMATS = tuple(READERS)
EXTENSIONS = {
    ".txt": "daily",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".xml": "atom",
    ".atom": "atom",
}
log = logging.getLogger("kg")
Warn = Callable[[str], None]


def detect_format(name: str, text: str) -> str:
    """Content decides where it is unambiguous; the extension breaks ties."""
    head = text.lstrip()[:1]
    by_extension = EXTENSIONS.get(Path(name).suffix.lower())
    if head == "<":
        return "atom"
    if by_extension in ("json", "jsonl", "csv", "atom"):
        return by_extension
    if head and head in "[{":
        first = text.lstrip().split("\n", 1)
        return "jsonl" if head == "{" and len(first) > 1 and first[1].strip() else "json"
    if daily.looks_like_listing(text):
        return "daily"
    first_line = text.split("\n", 1)[0].casefold()
    if "title" in first_line and "abstract" in first_line:
        return "csv"
    return "daily"


def _load(path: str) -> tuple[str, bytes]:
    if path == "-":
        return "<stdin>", sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise InputError(path, "is a directory")
    try:
        return path, p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None


def read_file(
    path: str, fmt: str | None = None, strict: bool = False, warn: Warn | None = None
) -> Iterator[Paper]:
    """Every valid paper in one input, in file order (duplicates included)."""
    name, data = _load(path)
    text = decode(data, name)
    fmt = fmt or detect_format(name, text)
    if fmt not in READERS:
        raise InputError(name, f"unknown format {fmt!r} (known: {', '.join(READERS)})")
    broken: list[Broken] = []
    good = 0
    for entry in READERS[fmt](text, name):
        item = entry if isinstance(entry, Broken) else make_paper(entry, name)
        if isinstance(item, Broken):
            if strict:
                raise InputError(name, item.reason, item.place)
            broken.append(item)
            continue
        good += 1
        yield item
    if broken and not good:
        first = broken[0]
        raise InputError(name, f"no usable paper: {first.reason}", first.place)
    if not broken and not good:
        raise InputError(name, f"no papers found (read as {fmt})")
    if broken:
        reasons = Counter(b.reason.split(" after ")[0] for b in broken)
        summary = ", ".join(f"{n} {r}" for r, n in reasons.most_common())
        places = ", ".join(b.place for b in broken[:5]) + (", ..." if len(broken) > 5 else "")
        (warn or log.warning)(
            f"{name}: skipped {len(broken)} broken entr{'y' if len(broken) == 1 else 'ies'} "
            f"({summary}; at {places}); use --strict to stop instead"
        )


def read_papers(
    paths: Iterable[str | Path],
    fmt: str | None = None,
    strict: bool = False,
    warn: Warn | None = None,
) -> Iterator[Paper]:
    """Distinct papers across all inputs: the first reading of a paper wins."""
    seen: set[str] = set()
    for path in paths:
        for paper in read_file(str(path), fmt=fmt, strict=strict, warn=warn):
            if paper.id not in seen:
                seen.add(paper.id)
                yield paper
