"""The Hugging Face Daily Papers listing, saved from the browser as plain text.

Per paper: a title line, the abstract on one line, and, on most pages, an author-count line
(`  • 5 authors`), a `·` line and a date line (`Aug 25 1`: date, then upvotes; `May 29, 2024`
carries a year). Blank lines separate them; a header precedes the first paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.sources.base import Broken, Entry, Record, reader

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
DATE_LINE = re.compile(
    r"^(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<day>\d{1,2})"
    r"(?:, (?P<year>\d{4}))?(?: (?P<upvotes>\d+))?$"
)
AUTHORS_LINE = re.compile(r"^•\s*(?P<n>\d+)\s+authors?$")
SEPARATOR_LINE = re.compile(r"^·$")
HEADER_END = re.compile(r"^by\s*AK and the research community$", re.IGNORECASE)
HEADER_LINES = {"new", "get trending papers in your email inbox!", "subscribe", "daily papers"}


def looks_like_listing(text: str) -> bool:
    head = [line.strip().casefold() for line in text[:2000].splitlines() if line.strip()][:8]
    return any(HEADER_END.match(line) for line in head) or (
        len(head) >= 2 and head[0] in HEADER_LINES and head[1] in HEADER_LINES
    )


def _is_metadata(lines: list[tuple[int, str]], i: int) -> bool:
    """Author count, `·`, date, or an organisation name (a short line right before a `·`)."""
    line = lines[i][1]
    if AUTHORS_LINE.match(line) or SEPARATOR_LINE.match(line) or DATE_LINE.match(line):
        return True
    following = lines[i + 1][1] if i + 1 < len(lines) else ""
    return bool(SEPARATOR_LINE.match(following)) and not _is_abstract(line)


def _is_abstract(line: str) -> bool:
    """Abstracts are long prose; titles are short and rarely end in a full stop."""
    words = len(line.split())
    return words >= 25 or (words >= 8 and line.endswith((".", "!", "?")))


def _date(match: re.Match[str]) -> str:
    month, day = MONTHS[match["mon"]], int(match["day"])
    if match["year"]:
        return f"{match['year']}-{month:02d}-{day:02d}"
    return f"--{month:02d}-{day:02d}"


def _skip_header(lines: list[tuple[int, str]]) -> int:
    """Index of the first title: after the `byAK ...` line and the page's own date line."""
    for i, (_, line) in enumerate(lines[:12]):
        if HEADER_END.match(line):
            j = i + 1
            if j < len(lines) and DATE_LINE.match(lines[j][1]):
                j += 1
            return j
    i = 0
    while i < len(lines) and lines[i][1].casefold() in HEADER_LINES:
        i += 1
    return i


@reader("daily")
def read_daily(text: str, source: str) -> Iterator[Entry]:
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    i = _skip_header(lines)
    index = 0
    while i < len(lines):
        lineno, title = lines[i]
        index += 1
        i += 1
        if _is_metadata(lines, i - 1):
            yield Broken(
                f"line {lineno}", "author, organisation or date line without a title before it"
            )
            while i < len(lines) and _is_metadata(lines, i):
                i += 1
            continue
        if i >= len(lines) or _is_metadata(lines, i) or not _is_abstract(lines[i][1]):
            yield Broken(f"line {lineno}", f"no abstract after the title {title[:60]!r}")
        else:
            fields: dict[str, object] = {"title": title, "abstract": lines[i][1]}
            i += 1
            while i < len(lines) and _is_metadata(lines, i):
                line = lines[i][1]
                if m := AUTHORS_LINE.match(line):
                    fields["author_count"] = int(m["n"])
                elif m := DATE_LINE.match(line):
                    fields["published"] = _date(m)
                    if m["upvotes"]:
                        fields["upvotes"] = int(m["upvotes"])
                i += 1
            yield Record(index, f"line {lineno}", fields)
            continue
        while i < len(lines) and _is_metadata(lines, i):
            i += 1
