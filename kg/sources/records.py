"""Tabular and JSON inputs: JSON arrays, JSON Lines, CSV, and the Hugging Face papers API.

All of them are records with `title` and `abstract` (optional `id`, `arxiv_id`, `url`, `authors`,
`published`, `upvotes`). The Hugging Face API nests the paper (`{"paper": {"id", "title",
"summary", "authors": [{"name"}], "publishedAt", "upvotes"}, ...}`) and calls the abstract
`summary`; `_flatten` maps it onto the same fields.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.sources.base import Broken, Entry, Record, reader

ALIASES = {
    "summary": "abstract",
    "publishedAt": "published",
    "published_at": "published",
    "date": "published",
    "arxiv": "arxiv_id",
    "arxivId": "arxiv_id",
    "link": "url",
    "likes": "upvotes",
}


def _flatten(obj: dict[str, Any]) -> dict[str, Any]:
    """One flat record from a plain object or a Hugging Face daily-papers item."""
    fields: dict[str, Any] = {}
    nested = obj.get("paper")
    if isinstance(nested, dict):
        fields.update(_flatten(nested))
        fields.setdefault("arxiv_id", nested.get("id"))
    for key, value in obj.items():
        if key == "paper":
            continue
        name = ALIASES.get(key, key)
        if fields.get(name) in (None, "", []):
            fields[name] = value
    return fields


def _records(items: list[Any], source: str) -> Iterator[Entry]:
    for n, item in enumerate(items, 1):
        if isinstance(item, dict):
            yield Record(n, f"entry {n}", _flatten(item))
        else:
            yield Broken(f"entry {n}", f"expected an object, found {type(item).__name__}")


def _json_error(source: str, exc: json.JSONDecodeError, line_offset: int = 0) -> InputError:
    place = f"line {exc.lineno + line_offset}, column {exc.colno}"
    return InputError(source, f"invalid JSON ({exc.msg})", place)


@reader("json")
def read_json(text: str, source: str) -> Iterator[Entry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_error(source, exc) from None
    if isinstance(data, dict):
        for key in ("papers", "dailyPapers", "items", "results", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        raise InputError(source, f"expected a JSON array of papers, found {type(data).__name__}")
    yield from _records(data, source)


@reader("jsonl")
def read_jsonl(text: str, source: str) -> Iterator[Entry]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Broken(f"line {n}", f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if isinstance(item, dict):
            yield Record(n, f"line {n}", _flatten(item))
        else:
            yield Broken(f"line {n}", f"expected an object, found {type(item).__name__}")


@reader("csv")
def read_csv(text: str, source: str) -> Iterator[Entry]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = [ALIASES.get(h.strip(), h.strip()) for h in rows.fieldnames or []]
    except csv.Error as exc:
        raise InputError(source, f"invalid CSV ({exc})", "line 1") from None
    missing = [c for c in ("title", "abstract") if c not in header]
    if missing:
        found = ", ".join(repr(h) for h in header[:8]) or "nothing"
        raise InputError(
            source, f"CSV header lacks column(s) {', '.join(missing)} (found {found})", "line 1"
        )
    rows.fieldnames = header
    try:
        for n, row in enumerate(rows, 1):
            place = f"line {rows.line_num}"
            if None in row:
                yield Broken(place, "more cells than header columns")
                continue
            yield Record(n, place, dict(row))
    except csv.Error as exc:
        raise InputError(source, f"invalid CSV ({exc})", f"line {rows.line_num}") from None
