"""Word lists and vocabularies for extraction, loaded once from `kg/data/extraction/`.

Every list the rules use lives in a data file, so vocabularies grow without touching code:

- `hardware.tsv`: canonical name, vendor, class, case flag, aliases and an optional `models`
  flag (a family whose aliases name distinct models)
- `vendors.tsv`: vendor words that may precede a hardware model
- `metrics.tsv`: canonical metric, family, direction, aliases
- `metric_modifiers.txt`: words that belong to a metric's name when they precede it
- `datasets.tsv`: canonical dataset / benchmark names and aliases
- `tasks.txt`: task phrases
- `lexicon.json`: trigger verbs, naming cues, kind heads, claim and baseline cues, ...
- `quantities.json`: how values are written: unit spellings, hedges, joiners, word factors
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class HardwareEntry:
    canonical: str
    vendor: str | None
    hw_class: str
    case_sensitive: bool
    aliases: tuple[str, ...]
    # a family of models ("iPhone 12", "Snapdragon 8 Gen 2", "TPU v5e"): a mention keeps the model
    # it names in its canonical name (`normalise.hardware_name`)
    models: bool = False


@dataclass(frozen=True)
class MetricEntry:
    canonical: str
    family: str
    direction: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class DatasetEntry:
    canonical: str
    aliases: tuple[str, ...]


@dataclass
class Vocabulary:
    hardware: list[HardwareEntry]
    vendors: dict[str, str]
    metrics: list[MetricEntry]
    metric_modifiers: frozenset[str]
    datasets: list[DatasetEntry]
    tasks: list[str]
    lexicon: dict[str, Any]
    quantities: dict[str, Any]
    # derived lookups (lowercased alias -> entry)
    hardware_by_alias: dict[str, HardwareEntry] = field(default_factory=dict)
    metric_by_alias: dict[str, MetricEntry] = field(default_factory=dict)
    dataset_by_alias: dict[str, DatasetEntry] = field(default_factory=dict)
    _word_sets: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for hw in self.hardware:
            for alias in (hw.canonical, *hw.aliases):
                self.hardware_by_alias.setdefault(alias.casefold(), hw)
        for m in self.metrics:
            for alias in (m.canonical, *m.aliases):
                self.metric_by_alias.setdefault(alias.casefold(), m)
        for d in self.datasets:
            for alias in (d.canonical, *d.aliases):
                self.dataset_by_alias.setdefault(alias.casefold(), d)

    def words(self, *path: str) -> frozenset[str]:
        """A lexicon list as a lowercase set (cached): `words("claim_words")`, or one inside a
        group, `words("hardware_words", "class_words")`."""
        cached = self._word_sets.get(path)
        if cached is None:
            node: Any = self.lexicon
            for key in path:
                node = node[key]
            cached = self._word_sets[path] = frozenset(w.casefold() for w in node)
        return cached


def alternation(words: list[str], any_space: bool = False) -> str:
    """A regex alternation of literal phrases, longest first (so a phrase wins over its prefix),
    for building the rule patterns from the lexicon's word lists; with `any_space`, a space in a
    phrase matches any run of whitespace."""
    escaped = (re.escape(w) for w in sorted(words, key=len, reverse=True))
    if any_space:
        escaped = (w.replace("\\ ", r"\s+") for w in escaped)
    return "|".join(escaped)


def _lines(name: str) -> list[str]:
    return [line for line in _read(name).splitlines() if line.strip() and not line.startswith("#")]


def _read(name: str) -> str:
    return resources.files("kg").joinpath("data", "extraction", name).read_text(encoding="utf-8")


def _json(name: str) -> Any:
    return json.loads(_read(name))


def _split_aliases(field_text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in field_text.split("|") if a.strip())


def _with_code_plurals(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The aliases and the plurals of the capitalised codes among them ("mIoU" -> "mIoUs", "AP"
    -> "APs"): abstracts pluralise codes ("the mIoUs on A and B"), which no list spells out."""
    plurals = [
        f"{a}s"
        for a in aliases
        if a[-1].isupper() and " " not in a and sum(c.isupper() for c in a) >= 2
    ]
    return tuple(dict.fromkeys([*aliases, *plurals]))


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """Read all data files (cached: one copy per process)."""
    hardware = []
    for line in _lines("hardware.tsv"):
        canonical, vendor, hw_class, case, aliases, family = (line.split("\t") + [""] * 6)[:6]
        hardware.append(
            HardwareEntry(
                canonical.strip(),
                vendor.strip() or None,
                hw_class.strip(),
                case.strip() == "1",
                _split_aliases(aliases),
                family.strip() == "models",
            )
        )
    vendors = {}
    for line in _lines("vendors.tsv"):
        word, vendor = line.split("\t")
        vendors[word.strip()] = vendor.strip()
    metrics = []
    for line in _lines("metrics.tsv"):
        canonical, family, direction, aliases = (line.split("\t") + [""] * 4)[:4]
        metrics.append(
            MetricEntry(
                canonical.strip(),
                family.strip(),
                direction.strip(),
                _with_code_plurals(_split_aliases(aliases)),
            )
        )
    modifiers = frozenset(w.strip().casefold() for w in _lines("metric_modifiers.txt"))
    datasets = []
    for line in _lines("datasets.tsv"):
        canonical, aliases = ([*line.split("\t"), ""])[:2]
        datasets.append(DatasetEntry(canonical.strip(), _split_aliases(aliases)))
    tasks = [t.strip() for t in _lines("tasks.txt")]
    lexicon, quantities = (_json(name) for name in ("lexicon.json", "quantities.json"))
    return Vocabulary(hardware, vendors, metrics, modifiers, datasets, tasks, lexicon, quantities)
