"""What every reader shares: decoding files safely, the reader registry, and turning raw records
into `Paper`s with one set of validation rules."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kg.errors import InputError
from kg.model import Paper
from kg.sources.identity import clean_text, normalise_arxiv_id, paper_id, plain_title

MAX_LINE_BYTES = 8 * 1024 * 1024
MAX_FIELD_CHARS = 2 * 1024 * 1024


@dataclass
class Record:
    """A paper as a reader found it, before validation.

    `index` is its 1-based position among the file's entries; `place` says where for messages
    (`line 12`, `entry 3`).
    """

    index: int
    place: str
    fields: dict[str, Any]


@dataclass
class Broken:
    """An entry a reader could not use; skipped with a warning unless reading strictly."""

    place: str
    reason: str


Entry = Record | Broken
ReaderFn = Callable[[str, str], Iterator[Entry]]
READERS: dict[str, ReaderFn] = {}


def reader(name: str) -> Callable[[ReaderFn], ReaderFn]:
    """Register a reader by format name, so formats can be listed, chosen and added in one place."""

    def register(fn: ReaderFn) -> ReaderFn:
        READERS[name] = fn
        return fn

    return register


def decode(data: bytes, source: str) -> str:
    """Bytes to text, or a one-line error naming the file and the line of the first bad byte."""
    if not data.strip():
        raise InputError(source, "file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid UTF-16 text ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "looks like a binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            source,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
            f"line {line}",
        ) from None
    _check_line_lengths(data, source)
    return text


def _check_line_lengths(data: bytes, source: str) -> None:
    if len(data) <= MAX_LINE_BYTES:
        return
    start = 0
    line = 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > MAX_LINE_BYTES:
            size = (end - start) / 1024 / 1024
            raise InputError(
                source,
                f"line is {size:.1f} MB long; lines over {MAX_LINE_BYTES // 1024 // 1024} MB "
                "are not paper listings",
                f"line {line}",
            )
        start = end + 1
        line += 1


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = clean_text(value)
    return value or None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return None


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        parts = re.split(r"\s*(?:;|,|\band\b)\s*", value)
    elif isinstance(value, list):
        parts = [a.get("name") if isinstance(a, dict) else a for a in value]
    else:
        return ()
    return tuple(t for t in (_text(p) for p in parts) if t)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def _date(value: Any) -> str | None:
    """ISO `YYYY-MM-DD` (or `YYYY-MM`) from timestamps like `2024-06-03T17:59:59Z`."""
    text = _text(value)
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        return "-".join(g for g in match.groups() if g)
    return text if re.fullmatch(r"--\d{2}-\d{2}", text) else None


def make_paper(record: Record, source: str) -> Paper | Broken:
    """One validation for every format: a paper needs a title and an abstract of sane size."""
    f = record.fields
    title = _text(f.get("title"))
    abstract = _text(f.get("abstract"))
    if not title:
        return Broken(record.place, "no title")
    if not abstract:
        return Broken(record.place, "no abstract")
    if len(title) > MAX_FIELD_CHARS or len(abstract) > MAX_FIELD_CHARS:
        return Broken(record.place, f"title or abstract longer than {MAX_FIELD_CHARS} characters")
    url = _text(f.get("url"))
    arxiv = (
        normalise_arxiv_id(_text(f.get("arxiv_id")))
        or normalise_arxiv_id(_text(f.get("id")))
        or normalise_arxiv_id(url)
    )
    authors = _authors(f.get("authors"))
    author_count = _int(f.get("author_count"))
    if author_count is None and authors:
        author_count = len(authors)
    if url is None and arxiv:
        url = f"https://arxiv.org/abs/{arxiv}"
    return Paper(
        id=paper_id(title, arxiv),
        title=title,
        title_plain=plain_title(title),
        abstract=abstract,
        arxiv_id=arxiv,
        url=url,
        authors=authors,
        author_count=author_count,
        published=_date(f.get("published")),
        upvotes=_int(f.get("upvotes")),
        source=source,
        position=str(record.index),
    )
