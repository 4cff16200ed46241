# ruff: noqa: RUF001, RUF002
"""Quantities as abstracts write them: "5.8x", "2.6 times", "40.4%", "12 ms", "up to 3.7x".

`find_quantities` finds them in a sentence; `parse_quantity` turns the text as written into a
number and a normalised unit. Units are normalised so values can be compared and queried:
multiplicative factors ("x", "×", "times", "-fold", "fourfold") become `x`; "percent" and LaTeX
`\\%` become `%`; time units become `ms`, `s`, `min`, `h`; `fps` becomes `FPS`; memory sizes keep
`GB`, `MB`, ...; FLOP rates ("225 TFLOPs/s", "1 PFLOPS") become `TFLOP/s`, `PFLOP/s`. The
spellings are data (`quantities.json`). A value listing several numbers ("49.7/53.5/55.4/57.0",
"1.5x-2x", "108 / 74 FPS") parses to its first number and keeps all of them in `numbers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from string import digits

from kg.extraction.context import literal_starts, matches_at
from kg.extraction.vocab import alternation, load_vocabulary

# the spellings of units, hedges, joiners and word factors (quantities.json)
_DATA = load_vocabulary().quantities
_UNIT_MAP: dict[str, str] = _DATA["units"]
_WORD_NUMBERS: dict[str, int] = _DATA["word_numbers"]
_FRACTIONS: dict[str, float] = _DATA["fractions"]
_MAGNITUDES: dict[str, int | None] = _DATA["orders_of_magnitude"]
_MULTIPLES: dict[str, int] = _DATA["multiples"]  # "twice as fast": a factor
# unit -> (quantity it measures, its size in that quantity's base unit)
_DIMENSIONS: dict[str, tuple[str, float]] = {
    unit: (dimension, size)
    for dimension, units in _DATA["dimensions"].items()
    for unit, size in units.items()
}


def _unit_alternation(units: list[str]) -> str:
    """Units, longest first; one ending in a letter or digit must end a word ("5 ms", not
    "5 mse")."""
    return "|".join(
        rf"{u}\b" if u[-1].isalnum() else u for u in alternation(units, any_space=True).split("|")
    )


# a number, or a power of ten ("10^5", "10^{5}")
_NUM = r"10\^\{?\d{1,2}\}?|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_UNIT = _unit_alternation(list(_UNIT_MAP))
_HEDGE = rf"(?:(?:{alternation(_DATA['hedges'])})\s*)"
_WORD_FACTOR = (
    rf"(?:{alternation(list(_WORD_NUMBERS))})-?fold|(?:{alternation(list(_FRACTIONS))})(?![\w-])"
    rf"|(?:{alternation(list(_MULTIPLES))})(?![\w-])"  # not "half-precision", "double-buffered"
    rf"|(?:{alternation(list(_MAGNITUDES))})[\s-]+orders?[\s-]+of[\s-]+magnitude"
)

_FACTOR_KEYS = tuple(_DATA["factor_keys"])


def _core_pattern(units: list[str], joiners: list[str]) -> str:
    """Values, single or joined ("1.5x-2x"). A value starts with a digit or a dot: the leading
    lookahead says so before the lookbehinds are tried, and `_values` tries the pattern only at
    such positions."""
    single = rf"(?:{_NUM})\+?\s?(?:{_unit_alternation(units)})?"  # "10+%": at least
    join = rf"\s*(?:{alternation(joiners)})\s*"
    return rf"(?=[\d.])(?:(?<![\w.])|(?<=sim)|(?<=~))(?:{single})(?:{join}(?:{single}))*"


_NEXT_NUMBER = re.compile(r"(?<![\d.,])\d")  # the start of a number after the first
_CORE_RE = re.compile(_core_pattern(list(_UNIT_MAP), _DATA["joiners"]), re.IGNORECASE)
# `_CORE_RE` for an ASCII text, matched against its lowercased copy: re.IGNORECASE folds each
# character compared, which costs more than lowering the text once. (A non-ASCII text keeps
# `_CORE_RE`: there the long s and the Kelvin sign match "s" and "k", which lowering does not give.)
_CORE_LOWER_RE = re.compile(
    _core_pattern([u.lower() for u in _UNIT_MAP], [j.lower() for j in _DATA["joiners"]])
)
# where a value can start (what the lookahead of `_CORE_RE` admits); in an ASCII text a `\d` is
# one of 0-9
_VALUE_START_RE = re.compile(r"[\d.]")
_ASCII_VALUE_STARTS = (*digits, ".")
_FACTOR_ONLY_RE = re.compile(rf"(?<![\w.])(?:{_WORD_FACTOR})", re.IGNORECASE)
_HEDGE_BEFORE_RE = re.compile(rf"(?<![\w.]){_HEDGE}$", re.IGNORECASE)

_NUM_RE = re.compile(_NUM)
_NUM_UNIT_RE = re.compile(rf"(?P<n>{_NUM})\+?\s?(?P<u>{_UNIT})?", re.IGNORECASE)
_FOLD_RE = re.compile(r"(\w+)-?fold")
_MAGNITUDE_RE = re.compile(
    rf"({alternation(list(_MAGNITUDES))})[\s-]+orders?[\s-]+of[\s-]+magnitude"
)
_TRAILING_JOINER_RE = re.compile(rf"(\s*(?:{alternation(_DATA['joiners'])}))+$", re.I)
_FRACTION_RE = re.compile(r"(?<![\d.])(\d+)\s*/\s*(\d+)(?![\d.])")
_DIGIT_RE = re.compile(r"\d")
# what a value with a trailing joiner ends with (a necessary condition for `_TRAILING_JOINER_RE`)
_JOINER_ENDS = frozenset(c for j in _DATA["joiners"] for c in (j[-1], j[-1].upper()))
_SPACES_RE = re.compile(r"\s+")
_SIZE_BEFORE = re.compile(r"\d\s?(?:[xX\u00d7]|\$?\\times\$?)\s?$")
_SIZE_AFTER = re.compile(r"\s?(?:[xX\u00d7]|\$?\\times\$?)\s?\d")
# what a hedge can end with (a necessary condition for `_HEDGE_BEFORE_RE`, checked first)
_HEDGE_ENDS = tuple(_DATA["hedges"])


@dataclass(frozen=True)
class Quantity:
    """A value as written plus what it parses to."""

    text: str
    number: float | None
    unit: str | None
    numbers: tuple[float, ...] = ()

    @property
    def has_unit(self) -> bool:
        return self.unit is not None


def _norm_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    u = _SPACES_RE.sub(" ", unit.strip())
    if u in ("X", "x", "×"):
        return "x"
    return _UNIT_MAP.get(u.casefold(), _UNIT_MAP.get(u, u))


def _number(written: str) -> float:
    """ "1,024" -> 1024.0, "10^5" or "10^{5}" -> 100000.0."""
    if "^" in written:
        return float(10 ** int(written[3:].strip("{}")))
    return float(written.replace(",", ""))


def numbers_in(text: str) -> tuple[float, ...]:
    """All numbers written in `text`, in order ("1,024" is one number)."""
    return tuple(_number(n) for n in _NUM_RE.findall(text))


@lru_cache(maxsize=8192)
def parse_quantity(text: str) -> Quantity:
    """Parse a value as written: `parse_quantity("up to 5.8x")` -> number 5.8, unit "x".

    Cached: values such as "2x" or "10%" recur across abstracts, and `Quantity` is immutable."""
    raw = text.strip()
    low = raw.casefold()
    if not raw:
        return Quantity(text, None, None)
    m = _FOLD_RE.search(low) if "fold" in low else None
    if m and m.group(1) in _WORD_NUMBERS:
        n = float(_WORD_NUMBERS[m.group(1)])
        return Quantity(raw, n, "x", (n,))
    if low in _MULTIPLES:
        n = float(_MULTIPLES[low])
        return Quantity(raw, n, "x", (n,))
    m = _MAGNITUDE_RE.search(low) if "magnitude" in low else None
    if m:
        k = _MAGNITUDES.get(m.group(1))
        if not k:
            return Quantity(raw, None, "x", ())
        return Quantity(raw, float(10**k), "x", (float(10**k),))
    if _DIGIT_RE.search(low) is None:
        for word, value in _FRACTIONS.items():
            if word in low and re.search(rf"\b{word}\b", low):
                return Quantity(raw, value, "fraction", (value,))
    fm = _FRACTION_RE.search(raw) if "/" in raw else None
    nums = numbers_in(raw)
    if (
        fm
        and len(nums) == 2
        and fm.end() == len(raw)  # "108 / 74 FPS" is two rates
        and "." not in raw
        and "%" not in raw
        and int(fm.group(2))
    ):
        return Quantity(raw, int(fm.group(1)) / int(fm.group(2)), "fraction", nums)
    first = _NUM_UNIT_RE.search(raw)
    if not first:
        return Quantity(raw, None, None, nums)
    number = _number(first.group("n"))
    unit = _norm_unit(first.group("u"))
    if unit is None:
        # "2x-9x" writes the unit once per number, "2-9x" once at the end: take the first unit seen
        for later in _NUM_UNIT_RE.finditer(raw):
            if later.group("u"):
                unit = _norm_unit(later.group("u"))
                break
    if unit == "orders of magnitude":  # "4-5 orders of magnitude": a factor of 10^4 (at least)
        factors = tuple(float(10**n) for n in nums if n <= 30)
        return Quantity(raw, factors[0], "x", factors) if factors else Quantity(raw, None, "x")
    return Quantity(raw, number, unit, nums)


def _unit_parts(text: str) -> list[tuple[int, int, str | None]]:
    """The numbers of a value as written, each with its own unit (None where it writes none)."""
    return [(m.start(), m.end(), _norm_unit(m.group("u"))) for m in _NUM_UNIT_RE.finditer(text)]


def base_numbers(value: Quantity) -> tuple[float, ...]:
    """The numbers of a value in one unit ("3 hours to 30 minutes" -> 10800, 1800), so that a
    change written in two units of one quantity compares; as written otherwise."""
    parts = _unit_parts(value.text)
    if len(parts) != len(value.numbers) or len({u for _s, _e, u in parts} - {None}) < 2:
        return value.numbers
    sizes = [_DIMENSIONS.get(u or value.unit or "", ("", 1.0))[1] for _s, _e, u in parts]
    return tuple(n * size for n, size in zip(value.numbers, sizes, strict=True))


@lru_cache(maxsize=4096)
def _split_dimensions(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the values in a joined value whose units measure different quantities
    ("30 FPS and 2 W", "12.5 TOPS/W and 4 TOPS"): two values, not a range, the first with the
    hedge written before it; () when it is one. Cached: joined values ("2x-9x") recur."""
    parts = _unit_parts(text)
    units = {u for _s, _e, u in parts if u is not None}
    if len(units) < 2 or len({_DIMENSIONS.get(u, (u, 1.0))[0] for u in units}) < 2:
        return ()
    return tuple((0 if i == 0 else s, e) for i, (s, e, _u) in enumerate(parts))


def list_items(value: Quantity) -> list[tuple[int, int, Quantity]]:
    """The items of a listed value ("40%, 30% and 20%") as (start, end, Quantity) in its text,
    each with the list's unit where it writes none ("40, 30 and 20%"); one item for a value
    that lists nothing."""
    found = list(_NUM_UNIT_RE.finditer(value.text))
    units = {_norm_unit(m.group("u")) for m in found} - {None}
    if len(found) < 2 or len(units) > 1 or not (value.unit is None or value.unit in units):
        return [(0, len(value.text), value)]
    items = []
    for m in found:
        number = _number(m.group("n"))
        items.append((m.start(), m.end(), Quantity(m.group(0), number, value.unit, (number,))))
    return items


def _values(text: str) -> Iterator[tuple[int, int]]:
    """The spans of `_CORE_RE.finditer(text)`: a match is tried only where a value can start. In
    an ASCII text those are found with `str.find` for each of the eleven characters, which is
    cheaper than a regex scan (a search would try the lookahead at every position, and a scan
    for the character class tests each character)."""
    if text.isascii():
        subject = text.lower()
        starts = literal_starts(subject, _ASCII_VALUE_STARTS)
        for found in matches_at(_CORE_LOWER_RE, subject, starts):
            yield found.span()
        return
    pos = 0
    while (start := _VALUE_START_RE.search(text, pos)) is not None:
        at = start.start()
        m = _CORE_RE.match(text, at)
        if m is None:
            pos = at + 1
        else:
            pos = m.end()
            yield at, pos


def holds_digit(text: str) -> bool:
    """Whether `text` holds a digit (a regex `\\d`, any decimal digit); an ASCII text is tested
    for each of the ten with `in`, which is cheaper than a regex scan."""
    if text.isascii():
        for d in digits:  # noqa: SIM110  (a loop is cheaper than `any` over a generator)
            if d in text:
                return True
        return False
    return _DIGIT_RE.search(text) is not None


def has_factor_words(low: str) -> bool:
    """Whether a casefolded text holds a word factor key, a condition for a word factor."""
    for k in _FACTOR_KEYS:  # noqa: SIM110  (a loop is cheaper than `any` over a generator)
        if k in low:
            return True
    return False


def find_quantities(
    text: str, *, has_digit: bool | None = None, factor_words: bool | None = None
) -> list[tuple[int, int, Quantity]]:
    """Quantities in `text` as (start, end, Quantity), skipping years and bare numbers glued to
    words (or hyphened to them: "Llama-2"). Numbers are found first (a pattern that starts with a
    digit is cheap to scan for); a hedge written before one ("up to", "nearly") is then taken in
    by looking back.

    A caller that has already tested `text` for a digit or for a word factor key ("fold",
    "half", ...; see `has_factor_words`) passes the answers instead of having them recomputed."""
    out: list[tuple[int, int, Quantity]] = []
    if has_digit is None:
        has_digit = holds_digit(text)
    spans = [(s, text[s:e]) for s, e in _values(text)] if has_digit else []
    if factor_words is None:
        factor_words = has_factor_words(text.casefold())
    if factor_words:
        spans += [(m.start(), m.group(0)) for m in _FACTOR_ONLY_RE.finditer(text)]
        spans.sort()
    k = 0
    while k < len(spans):
        start, q = spans[k]
        k += 1
        q = q.rstrip()
        lo = max(0, start - 16)
        hedge = (
            _HEDGE_BEFORE_RE.search(text, lo, start)
            if text[lo:start].rstrip().casefold().endswith(_HEDGE_ENDS)
            else None
        )
        if hedge:
            start = hedge.start()
            q = text[start : start + len(q) + (hedge.end() - hedge.start())]
        end = start + len(q)
        # strip a trailing joiner left by the greedy pattern ("5x and")
        # (only when q ends like one: a dash, "~", "/", "to", "and", "or", "vs.")
        trimmed = _TRAILING_JOINER_RE.sub("", q) if q[-1] in _JOINER_ENDS else q
        end -= len(q) - len(trimmed)
        q = trimmed
        if not q:
            continue
        # the match must end at a word boundary ("3D", "T5", "7B model" are handled by callers)
        if end < len(text) and (text[end].isalpha() and not q[-1].isalpha()):
            continue
        parsed = parse_quantity(q)
        if len(parsed.numbers) > 1 and parsed.unit is not None:
            split = _split_dimensions(q)
            if split:
                out.extend((start + s, start + e, parse_quantity(q[s:e])) for s, e in split)
                continue
        if parsed.unit == "x" and text[end : end + 2].lstrip()[:1].isdigit():
            continue  # "256 x 256 images": a size, not a factor
        if parsed.number is not None:
            n = parsed.number
            year = parsed.unit is None and 1900 <= n <= 2100 and float(n).is_integer()
            glued = start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()
            joined = len(parsed.numbers) > 1
            if year or (glued and (joined or parsed.unit is None)):
                # a year, or part of a name ("CacheBlend-2", "CIFAR-10"; "Chamfer-15%" is a
                # value), which a value joined to it is not: "COCO-2017 and 3.1 FID"
                if joined and (rest := _NEXT_NUMBER.search(q, 1)) is not None:
                    spans.insert(k, (start + rest.start(), q[rest.start() :]))
                continue
        if (
            parsed.number is not None
            and parsed.unit is None
            and (
                _SIZE_BEFORE.search(text, max(0, start - 12), start) or _SIZE_AFTER.match(text, end)
            )
        ):
            continue  # a side of a size, "256 x 256"
        out.append((start, end, parsed))
    return _comma_lists(text, out) if len(out) > 1 else out


_LIST_GAPS = frozenset(_DATA["list_gaps"])
_LIST_WORDS = frozenset(_DATA["list_words"])


def _comma_lists(
    text: str, found: list[tuple[int, int, Quantity]]
) -> list[tuple[int, int, Quantity]]:
    """Values of one unit listed with commas are one list, as "and" joins two: "2.1x, 2.4x and
    2.2x speedups on A, B and C respectively" (read from the end, where the list closes with
    "and" or "or", or the sentence says "respectively"; "by 20%, 30% fewer" lists nothing)."""
    out = [found[-1]]
    listed = False  # whether out[-1] is a list
    # "1.6x, 3.0x, 162x, 347x speedup over A, B, C, D, respectively": a list with no "and"
    respectively = "respectively" in text
    for start, end, q in reversed(found[:-1]):
        s2, e2, q2 = out[-1]
        gap = " ".join(text[end:s2].split())
        joined = gap in _LIST_GAPS and q.unit is not None and q.unit == q2.unit
        if joined and (
            listed or gap != "," or respectively or not _LIST_WORDS.isdisjoint(q2.text.split())
        ):
            out[-1] = (start, e2, parse_quantity(text[start:e2]))
            listed = True
        else:
            out.append((start, end, q))
            listed = False
    out.reverse()
    return out
