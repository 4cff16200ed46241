"""arXiv API Atom feeds (`export.arxiv.org/api/query` responses).

Entries carry `<id>http://arxiv.org/abs/2406.01234v1</id>`, `<title>`, `<summary>`, `<published>`,
`<author><name>` and `<link rel="alternate">`. Parsed with defusedxml: feeds are untrusted input.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element
from xml.parsers.expat import ExpatError

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from kg.errors import InputError
from kg.sources.base import Entry, Record, reader

ATOM = "{http://www.w3.org/2005/Atom}"


def _text(entry: Element, tag: str) -> str | None:
    node = entry.find(ATOM + tag)
    return node.text if node is not None and node.text else None


def _url(entry: Element) -> str | None:
    for link in entry.findall(ATOM + "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("type", "text/html"):
            return link.get("href")
    return _text(entry, "id")


@reader("atom")
def read_atom(text: str, source: str) -> Iterator[Entry]:
    try:
        root = ElementTree.fromstring(text)
    except (ElementTree.ParseError, ExpatError) as exc:
        line, col = getattr(exc, "position", None) or (exc.lineno, exc.offset)
        reason = str(exc).split(":")[0]
        raise InputError(source, f"invalid XML ({reason})", f"line {line}, column {col}") from None
    except DefusedXmlException as exc:
        raise InputError(source, f"refused unsafe XML ({exc})") from None
    if root.tag != ATOM + "feed":
        raise InputError(source, f"expected an Atom <feed>, found <{root.tag.split('}')[-1]}>")
    for n, entry in enumerate(root.findall(ATOM + "entry"), 1):
        authors = [name.text for name in entry.findall(f"{ATOM}author/{ATOM}name") if name.text]
        yield Record(
            n,
            f"entry {n}",
            {
                "title": _text(entry, "title"),
                "abstract": _text(entry, "summary"),
                "id": _text(entry, "id"),
                "url": _url(entry),
                "authors": authors,
                "published": _text(entry, "published"),
            },
        )
