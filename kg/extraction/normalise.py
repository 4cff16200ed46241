# ruff: noqa: RUF001
"""Canonical names: methods, hardware, metrics, datasets.

- Methods: `method_key` compares names ignoring case, spaces, hyphens and a generic trailing word
  ("EfficientViT family" == "EfficientViT"); `long_form_of` finds an acronym's definition
  (Schwartz & Hearst 2003: the acronym's letters, in order, starting words of the long form).
- Hardware: `canonical_hardware("Tesla V100")` -> the `NVIDIA V100 GPU` entry (vendor, class).
- Metrics: `canonical_metric("frames per second")` -> the `FPS` entry (family `speed`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.extraction.vocab import DatasetEntry, HardwareEntry, MetricEntry, load_vocabulary

_KEY_DROP = re.compile(r"[\s\-‐–_.'’`$]+")  # "FMT$^{x}$" is "FMT^{x}"


@lru_cache(maxsize=65_536)
def clean_name(name: str) -> str:
    """Strip punctuation and generic trailing words from a name as written."""
    generic = load_vocabulary().words("generic_trailing")
    name = unicodedata.normalize("NFKC", name).strip().strip(".,;:()[]\"'“”")
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in generic:
        words.pop()
    return " ".join(words)


def _fold_char(c: str) -> str:
    """One character's casefold, or its lowercase, or itself: whichever is one character."""
    folded = c.casefold()
    if len(folded) == 1:
        return folded
    lower = c.lower()
    return lower if len(lower) == 1 else c


def aligned_casefold(text: str) -> str:
    """`text.casefold()`, one character for each of `text`'s, so that an offset found in one is
    the same place in the other (the rules find words in the casefolded text and read the
    original there). A character that casefolds to several ("ß" -> "ss", "İ") is lowercased
    instead, or kept as written."""
    low = text.casefold()
    if len(low) == len(text):  # no character grew (none shrinks): aligned
        return low
    return "".join(map(_fold_char, text))


_ALIAS_LEAD = re.compile(r"^(?:i\.e\.|e\.g\.|or|aka|a\.k\.a\.)[,\s]+", re.I)


def clean_alias(name: str) -> str:
    """Strip punctuation from a name as written, keeping every word (an acronym's long form),
    and a lead such as "i.e.," ("MC-SMoE (i.e., Merge, then Compress SMoE)")."""
    name = unicodedata.normalize("NFKC", name).strip().strip(".,;:()[]\"'“”")
    return _ALIAS_LEAD.sub("", name)


@lru_cache(maxsize=65_536)
def method_key(name: str | None) -> str:
    """Comparison key of a method name: case-, space- and hyphen-insensitive, plural-tolerant."""
    if not name:
        return ""
    key = _KEY_DROP.sub("", clean_name(name).casefold())
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    return key


_HYPHENS = re.compile(r"[-‐]")
# "iPhone X", "iPhone XS", "Titan Xp", "Titan RTX" (not a class word: "Quadro GPU")
_MODEL_LETTERS = re.compile(r"\S \b[A-Z][A-Za-z]{0,2}$")
_DOTTED = re.compile(r"[a-z][a-z0-9]+(?:\.[a-z][a-z0-9]+)+")  # "llama.cpp", "llm.npu"


def name_shaped(word: str) -> bool:
    """A word shaped like a coined name: inner capitals ("FlashAttention", "M^3ViT"), letters
    and digits after a capital ("GPT4"), or all caps, or lowercase words joined by dots
    ("llama.cpp"; not "e.g"); not a capitalised compound ("Multi-Head").
    A LaTeX symbol may open it ("$\\alpha$-RoPE"), when the rest is so shaped."""
    if word[:1] == "$":
        close = word.find("$", 1)
        return close > 1 and name_shaped(word[close + 1 :].lstrip("-"))
    if not word or not word[0].isalnum() or not any(c.isalpha() for c in word):
        return False
    if any(c.isupper() for c in word[1:]):
        parts = _HYPHENS.split(word)
        return not (len(parts) > 1 and all(p[:1].isupper() and p[1:].islower() for p in parts if p))
    if any(c.isdigit() for c in word) and word[0].isupper():
        return True
    return "." in word and _DOTTED.fullmatch(word) is not None


def acronym_letters(acronym: str) -> str:
    folded = acronym.casefold()
    if folded.isalnum():  # the common case: nothing to drop (a test in C, not a call per letter)
        return folded
    return "".join(filter(str.isalnum, folded))


def long_form_of(acronym: str, before: str) -> str | None:
    """The long form of `acronym` at the end of `before` (the text preceding "(ACRONYM)").

    Schwartz & Hearst: walk the acronym's characters right to left through the preceding words;
    the first character must start a word. At most min(len+5, 2*len) words are considered.
    """
    letters = acronym_letters(acronym)
    if len(letters) < 2 or not (letters.isalpha() or any(map(str.isalpha, letters))):
        return None
    limit = min(len(letters) + 5, 2 * len(letters))
    window = before.rsplit(None, limit)[-limit:]  # the last `limit` words, without splitting all
    if not window:
        return None
    text = " ".join(window)
    # not across an earlier parenthesis: "architecture (TinyNAS) and the lightweight inference
    # engine (TinyEngine)"
    cut = max(text.rfind(")"), text.rfind("("))
    if cut >= 0:
        text = text[cut + 1 :]
    low = aligned_casefold(text)
    # each letter, last to first, at its previous occurrence (str.rfind, not a Python loop per
    # character)
    ti = len(low)
    for c in letters[:0:-1]:
        ti = low.rfind(c, 0, ti)
        if ti < 0:
            return None
    # the first letter must also start a word
    first = letters[0]
    ti = low.rfind(first, 0, ti)
    while ti > 0 and low[ti - 1].isalnum():
        ti = low.rfind(first, 0, ti)
    if ti < 0:
        return None
    start = low.rfind(" ", 0, ti) + 1
    long_form = text[start:].strip(" ,;:")
    if not long_form or long_form.casefold() == acronym.casefold():
        return None
    if len(long_form.split()) < 2 and "-" not in long_form and len(long_form) <= len(acronym) + 2:
        return None
    return long_form


# ---------------------------------------------------------------------------------- hardware
def canonical_hardware(text: str) -> HardwareEntry | None:
    """The hardware entry named by `text` ("V100", "NVIDIA V100 GPU", "Tesla V100", "GPUs")."""
    vocab = load_vocabulary()
    key = " ".join(text.split()).casefold()
    if key in vocab.hardware_by_alias:
        return vocab.hardware_by_alias[key]
    # strip vendor words and trailing class words, then retry ("NVIDIA V100 GPU" -> "V100")
    words = text.split()
    while words and words[0] in vocab.vendors:
        words = words[1:]
    trailing = vocab.words("hardware_words", "lookup_trailing_words")
    while len(words) > 1 and words[-1].casefold() in trailing:
        words = words[:-1]
    key = " ".join(words).casefold()
    return vocab.hardware_by_alias.get(key)


_MODEL_KEY_DROP = re.compile(r"[\s\-‐_]+")
_DIGIT = re.compile(r"\d")


def _model_keys(words: list[str]) -> list[str]:
    """Lookup keys of a model name: from its first word with a digit on ("RTX 2080 Ti" and
    "2080 Ti" -> "2080ti", "Snapdragon 855" and "Qualcomm 855" -> "855"), then the whole name."""
    keys = []
    first = next((i for i, w in enumerate(words) if _DIGIT.search(w)), None)
    if first is not None:
        keys.append(_MODEL_KEY_DROP.sub("", " ".join(words[first:]).casefold()))
    keys.append(_MODEL_KEY_DROP.sub("", " ".join(words).casefold()))
    return keys


@lru_cache(maxsize=256)
def _model_aliases(entry: HardwareEntry) -> tuple[dict[str, str], dict[str, str]]:
    """Model aliases of a family (the ones with a digit or a model letter: "iPhone 12", "iPhone
    X", not "iPhones") by whole-name key and by model-number key (`_model_keys`); the first
    spelling listed wins."""
    whole: dict[str, str] = {}
    number: dict[str, str] = {}
    classes = load_vocabulary().words("hardware_words", "class_words")
    for alias in entry.aliases:
        if _DIGIT.search(alias) or (
            _MODEL_LETTERS.search(alias) and alias.rsplit(None, 1)[-1].casefold() not in classes
        ):
            keys = _model_keys(alias.split())
            whole.setdefault(keys[-1], alias)
            number.setdefault(keys[0], alias)
    return whole, number


def _model_of(entry: HardwareEntry, words: list[str]) -> str | None:
    """The model alias `words` name, spelled as first listed for its model number
    ("TPUv5e" -> "TPU v5e", "2080 Ti" -> "RTX 2080 Ti", "Qualcomm 855" -> "Snapdragon 855")."""
    whole, number = _model_aliases(entry)
    keys = _model_keys(words)
    alias = whole.get(keys[-1]) or (number.get(keys[0]) if len(keys) > 1 else None)
    if alias is None:
        return None
    return number.get(_model_keys(alias.split())[0], alias)


def hardware_name(entry: HardwareEntry, written: str) -> str:
    """Canonical name of a hardware mention. One name per entry ("Tesla V100", "NVIDIA V100 GPU" ->
    "NVIDIA V100 GPU"), except in a family of models (`models` in hardware.tsv), where the model
    written is kept with the vendor (and the class word when the entry's name ends with it):
    "iPhone 15 Pro" -> "Apple iPhone 15 Pro", "Snapdragon 8 Gen 2 NPU" -> "Qualcomm Snapdragon 8
    Gen 2", "RTX3090" -> "NVIDIA RTX 3090 GPU". A mention of the family itself keeps its name."""
    if not entry.models:
        return entry.canonical
    words = written.split()
    class_words = load_vocabulary().words("hardware_words", "class_words")
    if len(words) > 1 and words[-1].casefold() in load_vocabulary().words(
        "hardware_words", "device_words"
    ):
        words.pop()  # "Core i7 laptop": the machine it is in ("RTX 3080 laptop GPU" is a model)
    while len(words) > 1 and words[-1].casefold() in class_words:
        words.pop()
    model = None
    vendors = load_vocabulary().vendors
    while words:  # the shortest match after vendor words: "GeForce RTX 4090" -> "RTX 4090"
        model = _model_of(entry, words) or model
        if words[0] not in vendors:
            break
        words = words[1:]
    if model is None and any(_DIGIT.search(w) for w in words[1:]):
        model = " ".join(words)  # a model the list does not hold: "Snapdragon 835"
    if model is None:
        return entry.canonical
    name = model
    vendor = entry.vendor
    # the vendor leads when the entry's own name starts with it ("Apple iPhone", not "Raspberry Pi")
    if vendor and entry.canonical.startswith(vendor) and not name.startswith(vendor):
        name = f"{vendor} {name}"
    suffix = f" {entry.hw_class}"
    if entry.canonical.endswith(suffix) and not name.endswith(suffix):
        name += suffix
    return name


def canonical_hardware_name(text: str) -> str | None:
    """`hardware_name` of a text naming hardware ("iPhone 12" -> "Apple iPhone 12"), or None."""
    entry = canonical_hardware(text)
    return hardware_name(entry, text) if entry is not None else None


def hardware_id_name(entry: HardwareEntry) -> str:
    return entry.canonical


# ---------------------------------------------------------------------------------- metrics
def canonical_metric(text: str) -> MetricEntry | None:
    """The metric entry named by `text` ("frames per second" -> FPS); modifiers are dropped."""
    vocab = load_vocabulary()
    key = " ".join(text.split()).casefold()
    if key in vocab.metric_by_alias:
        return vocab.metric_by_alias[key]
    words = key.split()
    while len(words) > 1 and words[0] in vocab.metric_modifiers:
        words = words[1:]
        k = " ".join(words)
        if k in vocab.metric_by_alias:
            return vocab.metric_by_alias[k]
    return None


def canonical_dataset(text: str) -> DatasetEntry | None:
    return load_vocabulary().dataset_by_alias.get(" ".join(text.split()).casefold())
