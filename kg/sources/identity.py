"""Paper identity: the same paper read from any source, or twice, gets the same id."""

from __future__ import annotations

import re
import unicodedata

from pylatexenc.latex2text import LatexNodes2Text

from kg.model import stable_hash

_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
ARXIV_ID = re.compile(rf"^(?:arxiv:)?({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.IGNORECASE)
ARXIV_IN_URL = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf|html)|huggingface\.co/papers)/({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?",
    re.IGNORECASE,
)

_latex = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def clean_text(text: str) -> str:
    """One line, single spaces, no control characters: the form every field is stored in."""
    text = "".join(ch if ch.isprintable() else " " for ch in unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def plain_title(title: str) -> str:
    """The title without LaTeX markup (`FMT$^{x}$` -> `FMT^x`), for search and display."""
    if "$" not in title and "\\" not in title:
        return clean_text(title)
    try:
        return clean_text(_latex.latex_to_text(re.sub(r"(?<!\\)%", r"\\%", title)))
    except Exception:  # pylatexenc is lenient, but a title must never stop a load
        return clean_text(title)


def normalise_arxiv_id(value: str | None) -> str | None:
    """`arXiv:2406.01234v2` -> `2406.01234`; anything that is not an arXiv id -> None."""
    if not value:
        return None
    value = value.strip()
    match = ARXIV_ID.match(value) or ARXIV_IN_URL.search(value)
    return match.group(1) if match else None


def title_key(title: str) -> str:
    """Without case, accents, LaTeX or punctuation, so listings differing in those still match."""
    text = unicodedata.normalize("NFKD", plain_title(title)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", text))


def paper_id(title: str, arxiv_id: str | None = None) -> str:
    if arxiv_id:
        return f"arxiv:{arxiv_id}"
    return f"paper:{stable_hash(title_key(title))}"
