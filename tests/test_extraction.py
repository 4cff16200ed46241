# ruff: noqa: RUF001
"""Extraction pipeline: normalisation, quantities, rules, bad input, serialisation, graph."""

from __future__ import annotations

import gc
import json
import random
import re
import subprocess
import sys

import pytest
import spacy
from spacy.attrs import IDX, LENGTH

from kg.extraction import Extraction, Extractor, build_nlp
from kg.extraction.context import (
    CaselessSearch,
    cue_starts,
    literal_starts,
    matches_at,
    token_end,
    word_matches,
    word_starts,
)
from kg.extraction.context_terms import (
    _DATASET_HEAD,
    _LEAD_WORDS,
    _LIST_AFTER,
    _LIST_BEFORE,
    _MODEL_PROCESS,
    _SIBLING_LIST,
    _model_processes,
    _sibling_lists,
)
from kg.extraction.improves import (
    ImprovementRules,
    _first_words,
    _last_words,
    _stripped_end,
    _words,
)
from kg.extraction.normalise import (
    acronym_letters,
    aligned_casefold,
    canonical_hardware,
    canonical_hardware_name,
    canonical_metric,
    method_key,
    name_shaped,
)
from kg.extraction.proposes import ProposalRules
from kg.extraction.quantities import (
    _CORE_RE,
    _values,
    find_quantities,
    holds_digit,
    parse_quantity,
)
from kg.extraction.targets import _COMPARED, _SELF
from kg.extraction.terms import _longest_first
from kg.extraction.vocab import load_vocabulary
from kg.model import NODE_PROPERTIES, REL_PROPERTIES, REL_TYPES, Paper


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def paper(title: str, abstract: str, pid: str = "paper:test") -> Paper:
    return Paper(id=pid, title=title, abstract=abstract, source="test.txt", position="1")


def fern(extractor: Extractor, sentence: str) -> Extraction:
    """What the extractor reads in `sentence` after the proposal of the method FernNet."""
    return extractor.extract(
        paper("FernNet: Fast Ferns", f"We propose FernNet, a compact detector. {sentence}")
    )


# ---------------------------------------------------------------------------------- normalisation
@pytest.mark.parametrize(
    ("word", "shaped"),
    [
        ("FlashAttention", True),
        ("GPT4", True),
        ("llama.cpp", True),
        ("llm.npu", True),
        ("Multi-Head", False),
        ("e.g", False),
        ("i.e", False),
        ("model.", False),
        ("simple", False),
    ],
)
def test_name_shaped(word: str, shaped: bool) -> None:
    assert name_shaped(word) is shaped


@pytest.mark.parametrize("text", ["V100", "NVIDIA V100 GPU", "Tesla V100", "V100s"])
def test_v100_is_one_hardware(text: str) -> None:
    entry = canonical_hardware(text)
    assert entry is not None
    assert (entry.canonical, entry.vendor, entry.hw_class) == ("NVIDIA V100 GPU", "NVIDIA", "GPU")


@pytest.mark.parametrize(
    ("text", "hw_class"),
    [
        ("Apple M2 Pro", "CPU"),
        ("MacBook Air", "mobile"),
        ("Skylake-X", "CPU"),
        ("U55C", "FPGA"),
        # microcontroller boards and edge accelerators named by their part numbers
        ("STM32F746", "microcontroller"),
        ("STM32H743", "microcontroller"),
        ("nRF52840", "microcontroller"),
        ("Apollo4", "microcontroller"),
        ("Hailo-8", "accelerator"),
        # laptop NPUs are NPUs, not the CPU they share a name with
        ("Intel Core Ultra NPU", "NPU"),
        ("Ryzen AI NPU", "NPU"),
        ("OnePlus 13R", "mobile"),
        ("Xiaomi 14", "mobile"),
        # edge boards and SoCs, neuromorphic chips; a Kirin is a phone SoC, not an Ascend NPU
        ("KV260", "FPGA"),
        ("Kendryte K210", "edge"),
        ("RK3588", "edge"),
        ("MAX78000", "microcontroller"),
        ("Akida", "accelerator"),
        ("SpiNNaker", "accelerator"),
        ("Kirin 990", "mobile"),
        ("Huawei Mate 40", "mobile"),
        ("Apollo4b", "microcontroller"),
        ("Pixel EdgeTPU", "edge"),
        ("Coral devices", "edge"),
        ("MTK processors", "mobile"),
    ],
)
def test_hardware_class(text: str, hw_class: str) -> None:
    entry = canonical_hardware(text)
    assert entry is not None and entry.hw_class == hw_class


@pytest.mark.parametrize(
    ("sentence", "hardware"),
    [
        ("FernNet trains on 8xH100 GPUs.", "NVIDIA H100 GPU"),
        ("FernNet trains on 8\u00d7A100 GPUs.", "NVIDIA A100 GPU"),
        ("FernNet trains on a cluster (48xGH200).", "NVIDIA GH200 Grace Hopper Superchip"),
    ],
)
def test_device_counts_written_onto_the_model(
    extractor: Extractor, sentence: str, hardware: str
) -> None:
    assert hardware in {t.hardware for t in fern(extractor, sentence).targets}


@pytest.mark.parametrize(
    ("sentence", "hardware"),
    [
        ("FernNet is 2x faster on NVIDIA and AMD GPUs.", {"NVIDIA GPU", "AMD GPU"}),
        ("FernNet runs on Intel, NVIDIA or AMD GPUs.", {"Intel GPU", "NVIDIA GPU", "AMD GPU"}),
    ],
)
def test_vendors_share_a_class_word(
    extractor: Extractor, sentence: str, hardware: set[str]
) -> None:
    assert {t.hardware for t in fern(extractor, sentence).targets} == hardware


def test_a_devices_part_is_the_target(extractor: Extractor) -> None:
    p = paper("Fern", "We propose FernNet. It renders at 30 FPS on a laptop GPU.")
    assert [t.hw_class for t in extractor.extract(p).targets] == ["GPU"]


def test_microcontroller_part_numbers_are_targets(extractor: Extractor) -> None:
    x = fern(extractor, "FernNet runs at 12 FPS on an STM32H743 MCU and an nRF52840 board.")
    assert {"STM32H743 microcontroller", "nRF52840 microcontroller"} <= {
        t.hardware for t in x.targets
    }


@pytest.mark.parametrize(
    ("sentence", "metric", "value"),
    [
        ("FernNet improves the mIoUs on Cityscapes by 2.3.", "mIoU", "2.3"),
        ("FernNet improves the APs of small objects by 1.9.", "AP", "1.9"),
        ("FernNet improves the mAPs on COCO by 2.1 points.", "mAP", "2.1 points"),
    ],
)
def test_pluralised_metric_codes(
    extractor: Extractor, sentence: str, metric: str, value: str
) -> None:
    assert canonical_metric(metric + "s").canonical == metric
    assert [(c.metric, c.value) for c in fern(extractor, sentence).improves] == [(metric, value)]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # a value with no unit is a gain only next to a claim word
        ("FernNet raised AP by 2.1 on COCO.", ("AP", "2.1", "higher")),
        ("FernNet raises BLEU by 1.2.", ("BLEU", "1.2", "higher")),
        ("FernNet slashes FID by 3.2.", ("FID", "3.2", "lower")),
        ("FernNet trims perplexity by 0.4.", ("perplexity", "0.4", "lower")),
        # ... or signed as one
        ("FernNet improves mIoU by +2.3 on ADE20K.", ("mIoU", "2.3", "higher")),
        ("FernNet outperforms DETR by a large margin (+3.1 AP).", ("AP", "3.1", "higher")),
        # energy efficiency written as work per energy: higher is better
        ("FernNet improves tokens per joule by 5.6x.", ("energy", "5.6x", "higher")),
        ("FernNet achieves 12.1 TOPS/W.", ("energy", "12.1 TOPS/W", "higher")),
        ("FernNet doubles the performance per watt.", ("energy", "doubles", "higher")),
        # "more than" bounds the value of a comparative metric word
        (
            "FernNet is more than 60 times smaller yet on par with SAM.",
            ("parameters", "more than 60 times", "lower"),
        ),
        # the metric as the subject of a passive claim verb, far from the value
        (
            "The speed on a single CPU thread was improved by 7.45 times.",
            ("speed", "7.45 times", "higher"),
        ),
        # a speed metric before "speedup" says what is sped up: one claim
        ("FernNet achieves a latency speedup ratio of 2.7x.", ("speedup", "2.7x", "higher")),
        # a factor by which the method outperforms another, with no metric named: a speedup
        (
            "FernNet outperforms llama.cpp by up to 11.69x while retaining model accuracy.",
            ("speedup", "up to 11.69x", "higher"),
        ),
        (
            "On a Pixel 4, FernNet beats dense models by 1.3-2.4times.",
            ("speedup", "1.3-2.4times", "higher"),
        ),
        # a bare number after "speedup (factor) of"
        ("FernNet gives a speedup factor of 2.3 over dense loops.", ("speedup", "2.3", "higher")),
        ("FernNet reaches a speedup of up to 4.1.", ("speedup", "up to 4.1", "higher")),
        # a speed written as a time: lower is better
        ("FernNet gets 26.8 AP at a speed of 130 ms/pic on a CPU.", ("speed", "130 ms", "lower")),
        # task metrics of other fields than vision and language
        ("FernNet improves the Dice score by 2.1% over nnU-Net.", ("Dice", "2.1%", "higher")),
        ("FernNet lowers the minADE by 8% over prior forecasters.", ("ADE", "8%", "lower")),
        # an energy per inference in microjoules, and a bound written "under"
        (
            "FernNet has an energy consumption of only 196\u03bcJ per inference.",
            ("energy", "only 196\u03bcJ", "lower"),
        ),
        ("FernNet reduces the power consumption to under 10 W.", ("power", "under 10 W", "lower")),
        # memory before another metric says what it is of: one claim, on the head
        ("FernNet achieves 45.8% memory energy savings.", ("energy", "45.8%", "lower")),
        ("FernNet gives a 9.8x memory latency speedup.", ("speedup", "9.8x", "higher")),
        # a cost lower "at" is a gain, unlike "at the cost of"
        ("FernNet matches vLLM's throughput at 20% lower cost.", ("cost", "20%", "lower")),
        # the tokens a reasoning model spends are a (token) cost
        ("FernNet reduces reasoning tokens by 40% on GSM8K.", ("cost", "40%", "lower")),
        ("With FernNet, the reasoning length can be reduced by half.", ("cost", "half", "lower")),
        # decoding steps are a speed
        ("FernNet reduces the number of decoding steps by 2.3x.", ("runtime", "2.3x", "lower")),
        # a vague head word after a metric is that metric's: one claim
        (
            "FernNet improves the time-to-accuracy performance by 2.4x.",
            ("training time", "2.4x", "lower"),
        ),
        ("FernNet enhances runtime performance by about 15%.", ("runtime", "about 15%", "lower")),
        ("FernNet cuts the computational requirement by 30%.", ("FLOPs", "30%", "lower")),
        # "compress" is a model-size verb, unless it names what it compresses
        (
            "FernNet can compress BERT by 4x with minimal accuracy loss.",
            ("parameters", "4x", "lower"),
        ),
        ("FernNet compresses the KV cache by 4x.", ("memory", "4x", "lower")),
        ("FernNet doubles the throughput of ViT-L.", ("throughput", "doubles", "higher")),
        ("System latency is halved.", ("latency", "halved", "lower")),
        ("FernNet improves throughput by 10+%.", ("throughput", "10+%", "higher")),
        (
            "FernNet achieves 3.5x compression with no loss in BLEU.",
            ("parameters", "3.5x", "higher"),
        ),
    ],
)
def test_claim_verbs(extractor: Extractor, sentence: str, claim: tuple[str, str, str]) -> None:
    got = [(c.metric, c.value, c.direction) for c in fern(extractor, sentence).improves]
    assert got == [claim]


@pytest.mark.parametrize(
    ("text", "canonical", "family"),
    [
        ("FPS", "FPS", "speed"),
        ("frames per second", "FPS", "speed"),
        ("frame rate", "FPS", "speed"),
        # ANNOTATION: storage is a model size, not memory
        ("storage", "model size", "model_size"),
        ("storage cost", "model size", "model_size"),
        ("AbsRel", "AbsRel", "quality"),
        ("absolute relative error", "AbsRel", "quality"),
        ("average endpoint error", "EPE", "quality"),
        ("end-point error", "EPE", "quality"),
        ("absolute trajectory error", "ATE", "quality"),
        ("job completion time", "runtime", "speed"),
        ("AUC@5", "AUC", "quality"),
        ("HPWL", "wirelength", "quality"),
        ("real-time factor", "runtime", "speed"),
        # a diffusion model's sampling steps are its inference's, not its training's
        ("sampling steps", "runtime", "speed"),
        ("denoising steps", "runtime", "speed"),
        ("SRAM", "memory", "memory"),
        ("power consumption", "power", "energy"),
        ("communication rounds", "communication cost", "cost"),
    ],
)
def test_metric_names_and_families(text: str, canonical: str, family: str) -> None:
    entry = canonical_metric(text)
    assert entry is not None and (entry.canonical, entry.family) == (canonical, family)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("FID", "FID"),
        ("Frechet Inception Distance", "FID"),
        ("sFID", "sFID"),
        ("FVD", "FVD"),
        ("Fréchet Video Distance", "FVD"),
        ("KID", "KID"),
        ("CIDEr", "CIDEr"),
        ("METEOR", "METEOR"),
        ("SPICE", "SPICE"),
        # the task metrics of segmentation, tracking, forecasting, speech and calibration
        ("Dice score", "Dice"),
        ("DSC", "Dice"),
        ("HD95", "Hausdorff distance"),
        ("panoptic quality", "PQ"),
        ("MOTA", "MOTA"),
        ("minADE", "ADE"),
        ("final displacement error", "FDE"),
        ("expected calibration error", "ECE"),
        ("equal error rate", "EER"),
        ("PESQ", "PESQ"),
        ("Spearman correlation", "correlation"),
        ("coefficient of determination", "R2"),
        ("CRPS", "CRPS"),
        ("bits/dim", "bits per dimension"),
    ],
)
def test_named_task_metrics_keep_their_name(text: str, name: str) -> None:
    """ANNOTATION: a quality metric is put by its exact name (FVD is not FID)."""
    entry = canonical_metric(text)
    assert entry is not None and (entry.canonical, entry.family) == (name, "quality")


def test_hardware_spans_share_an_id(extractor: Extractor) -> None:
    x = extractor.extract(
        paper(
            "FastNet: Fast Inference",
            "We propose FastNet. FastNet runs at 30 FPS on a Tesla V100 and reaches 2x higher "
            "frames per second than prior work on an NVIDIA V100 GPU.",
        )
    )
    hw = {t.hardware for t in x.targets}
    assert hw == {"NVIDIA V100 GPU"}


# ---------------------------------------------------------------------------------- quantities
@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("5.8x", 5.8, "x"),
        ("2.6 times", 2.6, "x"),
        ("40.4%", 40.4, "%"),
        ("12 ms", 12.0, "ms"),
        ("48 Hz", 48.0, "Hz"),
        ("3.7x overall", 3.7, "x"),
        ("49.7/53.5/55.4/57.0", 49.7, None),
        ("up to 41%", 41.0, "%"),
        ("46\\%", 46.0, "%"),
        ("1.8times", 1.8, "x"),
        ("fourfold", 4.0, "x"),
        ("30 FPS", 30.0, "FPS"),
        ("2.5 percentage points", 2.5, "pp"),
        ("12 tokens  per second", 12.0, "tokens/s"),
        ("95 percentile", 95.0, None),  # a unit ends a word: not "95 percent"
        ("two orders of magnitude", 100.0, "x"),
        ("a quarter", 0.25, "fraction"),
        ("up to 5.18\\times", 5.18, "x"),  # LaTeX as written in the listing
        ("2.4$\\times$", 2.4, "x"),
        ("225 TFLOPs/s", 225.0, "TFLOP/s"),
        ("1.2 PFLOPS", 1.2, "PFLOP/s"),
        ("108 / 74 FPS", 108.0, "FPS"),  # two rates, not the fraction 108/74
        ("1/3", 1 / 3, "fraction"),
        ("3 orders of magnitude", 1000.0, "x"),
        ("twice", 2.0, "x"),
        # verbs of a factor, a lower bound and a spelled-out percent
        ("doubles", 2.0, "x"),
        ("halved", 2.0, "x"),
        ("10+%", 10.0, "%"),
        ("more than 96 per cent", 96.0, "%"),
        # energies and times of microcontrollers and accelerators (the micro sign or a mu)
        ("196\u03bcJ", 196.0, "\u00b5J"),
        ("3.5 \u00b5J", 3.5, "\u00b5J"),
        ("12 nJ", 12.0, "nJ"),
        ("1.2 kWh", 1.2, "kWh"),
        ("40 ns", 40.0, "ns"),
        ("under 10 W", 10.0, "W"),
        # a time per token, and "up to a"
        ("0.60 s/token", 0.6, "s/token"),
        ("12 ms per token", 12.0, "ms/token"),
        ("4-5 orders of magnitude", 10_000.0, "x"),
        # the peak rates of accelerators, spelled out or in operations per second
        ("15 Petaflops", 15.0, "PFLOP/s"),
        ("4.2 TOPS", 4.2, "TOPS"),
        ("102 GOPS", 102.0, "GOPS"),
        ("3 days", 3.0, "days"),
        # the accelerator time a search or a training run costs
        ("200 GPU-hours", 200.0, "GPU hours"),
        ("8 GPU days", 8.0, "GPU days"),
        ("30 TPU-hours", 30.0, "TPU hours"),
        # a power of ten; frames per second spelled out
        ("10^5 FPS", 100_000.0, "FPS"),
        ("10^{6} tokens/s", 1_000_000.0, "tokens/s"),
        ("345 frames per second", 345.0, "FPS"),
        ("10^4 frames/second", 10_000.0, "FPS"),
        # rates of items per second, and microseconds written in ASCII
        ("1,200 images per second", 1200.0, "images/s"),
        ("2000 inferences per second", 2000.0, "inferences/s"),
        ("450 requests/s", 450.0, "requests/s"),
        ("0.31 us", 0.31, "\u00b5s"),
    ],
)
def test_parse_quantity(text: str, number: float, unit: str | None) -> None:
    q = parse_quantity(text)
    assert q.number == pytest.approx(number)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a number hyphened to a word is part of a name, unless it has a unit
        ("CacheBlend-2 cuts latency by 2.8-3.9x on CIFAR-10.", ["2.8-3.9x"]),
        ("Llama-2 with top-5 accuracy of 91", ["91"]),
        ("Chamfer-15%, P2S-18%", ["15%", "18%"]),
        # ... or a year; a value joined to it is a value of its own
        ("50.1 mAP on COCO-2017 and 3.1 FID on CIFAR-10", ["50.1", "3.1"]),
        ("on COCO 2017 and 3.1 FID", ["3.1"]),
        ("on CIFAR-10 and 5% on SVHN", ["5%"]),
        # a word factor in a compound is no value
        ("a speedup using half-precision hardware units", []),
        ("double-buffered pipelines cut latency by half", ["half"]),
        # a hedge with an article keeps its words
        ("throughput grows by up to a 525% in simulations", ["up to a 525%"]),
        # a size is not a factor
        ("71.26 FPS on 256 × 256 images", ["71.26 FPS"]),
        ("rendering one $1008\\times756$ image", []),
        # a range written with a tilde, in LaTeX or Unicode, is one value
        ("saving $15\\times \\sim 24\\times$ storage", ["15\\times \\sim 24\\times"]),
        ("1.53×∼20.57× higher throughput", ["1.53×∼20.57×"]),
        ("uses $\\sim$40% less memory", ["$\\sim$40%"]),
    ],
)
def test_numbers_of_names_are_not_values(text: str, values: list[str]) -> None:
    assert [q.text for _s, _e, q in find_quantities(text)] == values


def test_list_value_keeps_all_numbers() -> None:
    assert parse_quantity("49.7/53.5/55.4/57.0").numbers == (49.7, 53.5, 55.4, 57.0)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("2.1x, 2.4x and 2.2x speedups on A, B and C", ["2.1x, 2.4x and 2.2x"]),
        ("by 1.2%, 0.8%, and 2.0% on A, B and C", ["1.2%, 0.8%, and 2.0%"]),
        ("gains of 1%, 2%, 3% or 4%", ["1%, 2%, 3% or 4%"]),
        # with "respectively", a list needs no "and"
        (
            "1.6x, 3.0x, 162x, 347x speedup over A, B, C, D, respectively",
            ["1.6x, 3.0x, 162x, 347x"],
        ),
        # no list: no "and" closes it, or the units differ
        ("reduces latency by 20%, 30% fewer parameters", ["20%", "30%"]),
        ("by 20%, 2x and 3x", ["20%", "2x and 3x"]),
        # joined values in units of different quantities are two values; of one, a range
        ("runs at 30 FPS and 2 W", ["30 FPS", "2 W"]),
        ("reaches up to 4 TOPS and 12.5 TOPS/W", ["up to 4 TOPS", "12.5 TOPS/W"]),
        ("from 3 hours to 30 minutes", ["3 hours to 30 minutes"]),
    ],
)
def test_comma_lists_of_values(text: str, values: list[str]) -> None:
    assert [q.text for _s, _e, q in find_quantities(text)] == values


# the scans written for speed find what the regexes they stand for find
_TRICKY = [
    "",
    "...",
    "e.g. 3.5x faster.. than (ours) [1]; a,b:c",
    "Speed\u00a0up\u2003over\tTHAN\nvs. 2x .5 ~3 sim4 T5 1,024\u00d7",
    "outperforms Outperforming over-the-top, compared against compared to thanks moreover.",
    "\u0661\u0662 percent \uff15x \u017f\u212a \u0130\u0131.",
    "UP TO 5.8X, 12 MS, 3 Percent  Points vs. 2 TIMES-4 Fold and SIM4 ~.5 GB/s",
    "2X FASTER THAN GPT-4 AND Compared To BASELINES ON COCO, Relative To Dense Models.",
    "than FedAvg---improving, versus ours—the best–today -- vs. -",
]


@pytest.mark.parametrize("text", _TRICKY)
def test_word_and_value_scans_match_the_regexes(text: str) -> None:
    words = re.compile(r"[^\s,;:()\[\]]*[^\s.,;:()\[\]]")
    assert _words(text) == words.findall(text)
    assert list(_values(text)) == [m.span() for m in _CORE_RE.finditer(text)]
    assert holds_digit(text) == (re.search(r"\d", text) is not None)


@pytest.mark.parametrize(
    "text", [*_TRICKY, "a " + "x" * 60 + " b (c, d;e) " + "y" * 50 + " z", "a" + " " * 40 + "b"]
)
def test_word_reads_in_windows_match_the_whole_splits(text: str) -> None:
    """The words around a metric read in windows (and from the casefolded text) are those the
    whole splits give, at every offset, with windows small enough to need the fallback."""
    clause = re.compile(r"[,;()]")
    for at in range(len(text) + 1):
        assert _last_words(text, at, 2, window=8) == text[:at].rsplit(None, 2)[-2:]
        assert _first_words(text, at, 1, window=8) == text[at:].split(None, 1)[:1]
        assert _stripped_end(text, at) == len(text[:at].rstrip())
        left = clause.split(text[max(0, at - 48) : at])[-1]
        right = clause.split(text[at + 1 : at + 49], maxsplit=1)[0]
        near = (_words(left.casefold())[-4:], _words(right.casefold())[:4])
        assert ImprovementRules._near_words(text, "", at, at + 1) == near
        if len(text.casefold()) == len(text):
            assert ImprovementRules._near_words(text, text.casefold(), at, at + 1) == near


@pytest.mark.parametrize("text", [t for t in _TRICKY if t.isascii()])
def test_baselines_matched_at_cues_as_searched(text: str) -> None:
    rules = ImprovementRules(load_vocabulary())
    starts = literal_starts(text.casefold(), rules.baseline_cues)
    found = [m.span("b") for m in matches_at(rules.ascii_baseline, text.lower(), starts)]
    assert found == [m.span("b") for m in rules.baseline.finditer(text)]


# ---------------------------------------------------------------------------------- proposes
@pytest.mark.parametrize(
    "sentence",
    [
        "We present one-step distillation for visuomotor policies, yielding OneDP.",
        "We distil the policy into one step, resulting in OneDP, a fast visuomotor policy.",
    ],
)
def test_named_as_the_result_of_a_proposal(extractor: Extractor, sentence: str) -> None:
    x = extractor.extract(paper("Policy distillation for fast control", sentence))
    assert [m.name for m in x.methods] == ["OneDP"]


@pytest.mark.parametrize(
    ("abstract", "names"),
    [
        ("We propose AlphaNet and BetaNet.", {"AlphaNet": "method", "BetaNet": "method"}),
        (
            "We present AlphaNet, BetaNet, and GammaNet for image classification.",
            {"AlphaNet": "method", "BetaNet": "method", "GammaNet": "method"},
        ),
        (
            "We introduce two models, AlphaNet and BetaNet, for image classification.",
            {"AlphaNet": "model", "BetaNet": "model"},
        ),
        (
            "We propose RouteBench, a benchmark of 120K queries with responses from 11 LLMs, and "
            "RouterX, a learned router that predicts which model can answer a query.",
            {"RouteBench": "benchmark", "RouterX": "method"},
        ),
        (
            "We introduce RouterX, a learned router, and RouteBench, a benchmark for routers.",
            {"RouterX": "method", "RouteBench": "benchmark"},
        ),
        # a name of several words joined by "and" is two when an appositive counts them
        (
            "We propose Clip-Higher and Dynamic Sampling, two simple fixes for training.",
            {"Clip-Higher": "method", "Dynamic Sampling": "method"},
        ),
        (
            "We propose Segment and Track Anything, a tracker.",
            {"Segment and Track Anything": "model"},
        ),
        # a name after the appositive that opens a clause of its own is not in the list
        (
            "We propose RouteBench, a benchmark of queries, and GPT-4 solves only 30% of them.",
            {"RouteBench": "benchmark"},
        ),
    ],
)
def test_proposed_lists(extractor: Extractor, abstract: str, names: dict[str, str]) -> None:
    """Every item of a list of proposed names, past "and" and past an item's appositive, each
    with the kind its own words give."""
    x = extractor.extract(paper("A study of routing and recognition", abstract))
    assert {m.name: m.kind for m in x.methods} == names


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        ("We present AlphaNet, a fast LLM inference engine supporting mainstream LLMs.", "system"),
        ("We present AlphaNet, a diffusion model compression framework that prunes steps.",
         "framework"),
        ("We present AlphaNet, a family of compact language models (AlphaNet-1B, AlphaNet-3B).",
         "model"),
        ("We present AlphaNet, a benchmark of 812 agent tasks.", "benchmark"),
        # a gerund before a kind word modifies it
        ("We present AlphaNet, an LLM serving system that batches requests.", "system"),
        ("We present AlphaNet, a low-latency multi-FPGA appliance for GPT-2.", "system"),
        ("We present AlphaNet, an accelerator design methodology for FPGAs.", "method"),
        # an appositive set off by a colon; one of a plural kind named before
        ("We introduce AlphaNet: a tiny, sparse and efficient engine for edge devices.",
         "system"),
        ("We have developed a new family of object detectors, called AlphaNet, which is fast.",
         "model"),
        # an architecture family's name as the head
        ("We introduce AlphaNet, a simple and effective ViT which performs well.", "model"),
        # a spelled-out acronym in the phrase is no head of it
        ("We present AlphaNet, a high-speed Large Language Model (LLM) inference engine on a PC.",
         "system"),
        # a variant of a kind is of that kind, before the name or in its appositive
        ("We introduce a novel efficient model variant dubbed AlphaNet.", "model"),
        ("We present AlphaNet, a sparse attention variant for long inputs.", "method"),
        ("We present AlphaNet, a network variant for long inputs.", "model"),
        ("We present AlphaNet, a highly scalable stack design for MoE.", "system"),
    ],
)  # fmt: skip
def test_kind_is_the_head_of_the_appositive(extractor: Extractor, abstract: str, kind: str) -> None:
    """An appositive's kind is its head, the last kind word of its noun phrase ("an LLM
    inference engine" is a system, not a model)."""
    x = extractor.extract(paper("A study of routing and recognition", abstract))
    assert [(m.name, m.kind) for m in x.methods] == [("AlphaNet", kind)]


@pytest.mark.parametrize(
    ("abstract", "named"),
    [
        # the head of the long form an acronym spells, where nothing around says the kind
        ("We propose Latent Alpha Models (LAMs), enabling swift inference.", ("LAM", "model")),
        ("We present a deep learning recommendation model (DLRM) for click prediction.",
         ("DLRM", "model")),
        ("We propose Deep Semantic Injector (DSI) for retrieval.", ("DSI", "method")),
        # a quoted name takes the appositive after its closing quote
        ('We present the "Alpha Factory", a high-throughput training system.',
         ("Alpha Factory", "system")),
        ("We present “AlphaNet”, a toolkit for ferns.", ("AlphaNet", "system")),
    ],
)  # fmt: skip
def test_kind_of_a_spelled_or_quoted_name(
    extractor: Extractor, abstract: str, named: tuple[str, str]
) -> None:
    x = extractor.extract(paper("A study of routing and recognition", abstract))
    assert [(m.name, m.kind) for m in x.methods] == [named]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("AlphaNet: A GCN Accelerator with Hybrid Architecture", "system"),
        ("AlphaNet: A Temporal Fusion Framework for Model Parallel Inference", "framework"),
        ("AlphaNet: An Efficient Transformer for Speech Recognition", "model"),
        ("AlphaNet: a Compact Task-Agnostic BERT for Resource-Limited Devices", "model"),
        # what the method works on is not what it is
        ("AlphaNet: Efficient Serving of Large Language Models", "method"),
        ("AlphaNet: Efficient LLM Inference via Sentence-Level Caching", "method"),
        ("AlphaNet: Accelerating Large Language Models via Sparsity", "method"),
        ("AlphaNet: Memory Optimizations Toward Training Trillion Parameter Models", "method"),
        ("AlphaNet: Benchmarking Multimodal Agents in Real Computer Environments", "benchmark"),
    ],
)
def test_kind_from_the_title(extractor: Extractor, title: str, kind: str) -> None:
    """The title's kind is the head of the first noun phrase after the name."""
    x = extractor.extract(paper(title, "AlphaNet is evaluated on many tasks."))
    assert [(m.name, m.kind) for m in x.methods] == [("AlphaNet", kind)]


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        ("The proposed AlphaNet is an end-to-end framework to run DNNs on phones.", "framework"),
        ("AlphaNets, a family of models found by search, surpass MobileNetV2.", "model"),
        ("AlphaNet: a tiny inference engine for microcontrollers.", "system"),
        # a clause after the name describes nothing
        ("In AlphaNet, each agent is trained on its local data.", "method"),
        # a naming cue with a kind word before it, in a sentence with no "we"; a new name
        # there is not the paper's
        ("The training-time model is converted, so that the model is named AlphaNet.", "model"),
        ("A model called BetaNet is slow to train.", "method"),
        # the words before its first mention, not those of a long form it abbreviates
        ("We describe a new mobile architecture, AlphaNet, that improves detection.", "model"),
    ],
)
def test_kind_where_the_abstract_describes_the_title_name(
    extractor: Extractor, abstract: str, kind: str
) -> None:
    """A title name the title gives no kind takes the kind of the abstract's description."""
    x = extractor.extract(paper("AlphaNet: Achieving Real-Time DNN Execution", abstract))
    assert [(m.name, m.kind) for m in x.methods] == [("AlphaNet", kind)]


def test_a_long_form_before_the_title_name_gives_it_no_kind(extractor: Extractor) -> None:
    x = extractor.extract(paper(
        "AMC: AutoML for Phones",
        "In this paper, we propose AutoML for Model Compression (AMC) which uses reinforcement "
        "learning.",
    ))  # fmt: skip
    assert [(m.name, m.kind) for m in x.methods] == [("AMC", "method")]


def test_the_abstract_says_what_a_benchmarking_title_name_is(extractor: Extractor) -> None:
    x = extractor.extract(
        paper(
            "AlphaRAG: Benchmarking Retrieval-Augmented Generation for Multi-Hop Queries",
            "We develop a novel dataset, AlphaRAG, of multi-hop queries.",
        )
    )
    assert [(m.name, m.kind) for m in x.methods] == [("AlphaRAG", "dataset")]


@pytest.mark.parametrize(
    ("title", "abstract", "name", "alias"),
    [
        (
            "Semantic injection for retrieval",
            "We propose a Deep Semantic Injector (DSI) that injects semantics into retrievers.",
            "DSI",
            "Deep Semantic Injector",
        ),
        (
            "EfficientViT: Memory Efficient Vision Transformer",
            "We present EfficientViT, a family of fast models. EfficientViT-M5 surpasses "
            "MobileNetV3-Large by 1.9% in accuracy.",
            "EfficientViT",
            "EfficientViT-M5",
        ),
        (
            "Fast planning",
            "In this paper, we introduce a planner called Trajectory Diffuser, which plans fast.",
            "Trajectory Diffuser",
            None,
        ),
        (
            "Sparse kernels",
            "We present a novel mobile inference framework SparseByteNN, which uses sparsity.",
            "SparseByteNN",
            None,
        ),
        (
            "A study of KV cache eviction",
            "We benchmark ten policies. We further contribute a new policy, H2OX, which lowers "
            "memory by 45%.",
            "H2OX",
            None,
        ),
        (
            # a capitalised compound is a name when an appositive follows it
            "Streaming speech recognition",
            "We propose Conformer-Lite, a streaming encoder with 40% fewer parameters.",
            "Conformer-Lite",
            None,
        ),
        (
            "On-device language models",
            "We open-source PocketLLM, a library for running quantized models on phones.",
            "PocketLLM",
            None,
        ),
        # a title's capitalised word and version
        (
            "Octopus v2: On-device language model for super agent",
            "This paper presents a new method that empowers an on-device model.",
            "Octopus v2",
            None,
        ),
        # a name opening with a LaTeX symbol
        (
            "Rethinking positional encoding",
            "We propose $\\alpha$-RoPE, a rotary encoding with a learned frequency schedule.",
            "$\\alpha$-RoPE",
            None,
        ),
        # a name ends at a dash as at a space
        (
            "Splatting training",
            "In this paper, we present LiteGS—a high-performance, modular framework.",
            "LiteGS",
            None,
        ),
        (
            "Weather forecasting",
            'We introduce a simulator--called "GraphCast"–which predicts the weather.',
            "GraphCast",
            None,
        ),
        # a title's name that is also a known dataset's (or hardware's) is the paper's own
        (
            "GPQA: A Graduate-Level Google-Proof Q&A Benchmark",
            "We present GPQA, a challenging dataset of 448 multiple-choice questions.",
            "GPQA",
            None,
        ),
        # a long name set before the title's name in parentheses is its alias
        (
            "O1-Pruner: Length-Harmonizing Fine-Tuning for O1-Like Reasoning Pruning",
            "To address this, we propose Length-Harmonizing Fine-Tuning (O1-Pruner), aiming at "
            "minimizing reasoning overhead.",
            "O1-Pruner",
            "Length-Harmonizing Fine-Tuning",
        ),
        # a technical report's model, not the report
        (
            "Phi-3 Technical Report: A Highly Capable Language Model Locally on Your Phone",
            "We train a small language model on 3.3 trillion tokens.",
            "Phi-3",
            None,
        ),
        # a name written without its version is the same method
        (
            "MInference 1.0: Accelerating pre-filling for long-context LLMs",
            "We present MInference (Milliontokens Inference), a sparse method.",
            "MInference 1.0",
            "MInference",
        ),
        # a name written without its kind word is the same method
        (
            "ORSIm Detector: Object detection in remote sensing",
            "We propose the ORSIm detector. ORSIm is fast.",
            "ORSIm Detector",
            "ORSIm",
        ),
        # an acronym glued to the word before it
        (
            "Long sequences",
            "We introduce a novel series-decomposition module(MPSD) for long inputs.",
            "MPSD",
            None,
        ),
        # one capitalised word named before an appositive, or after its head word
        (
            "Stateful serving",
            "In this paper, we design Pensieve, a system optimized for multi-turn serving.",
            "Pensieve",
            None,
        ),
        (
            "Serving at scale",
            "We introduce an efficient LLM inference scheduler, Sarathi-Serve, to address this.",
            "Sarathi-Serve",
            None,
        ),
        # the naming cue before the acronym is not part of its long form
        (
            "Real-time segmentation",
            "In this paper, we design an efficient symmetric network, called (ESNet), for this.",
            "ESNet",
            "efficient symmetric network",
        ),
        # a name of two words the title spells together
        (
            "MLPerf Tiny Benchmark",
            "We present MLPerf Tiny, the first industry-standard benchmark suite for TinyML.",
            "MLPerf Tiny",
            None,
        ),
        # a lowercase name with dots in it
        (
            "Fast On-device LLM Inference with NPUs",
            "In this work, we present llm.npu, the first LLM inference system using the NPU.",
            "llm.npu",
            None,
        ),
    ],
)
def test_proposes(extractor: Extractor, title: str, abstract: str, name: str, alias) -> None:
    x = extractor.extract(paper(title, abstract))
    found = {method_key(m.name): m for m in x.methods if m.name}
    assert method_key(name) in found
    m = found[method_key(name)]
    assert m.main
    assert set(found) == {method_key(name)}
    if alias:
        assert alias in m.aliases


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("We address this problem by introducing FernServe, a serving system.", ["FernServe"]),
        ("To this end, we go further by proposing FernServe, which batches requests.",
         ["FernServe"]),
        ("Prior work improved accuracy by introducing BERT, a pre-trained encoder.", []),
        # a verb joined to the verbs of a sentence that "we" opens, in the form "we" takes
        ("We observe that most requests are short and introduce FernServe, a serving system.",
         ["FernServe"]),
        ("We profile vLLM, find its scheduler idle, and propose FernServe, which batches.",
         ["FernServe"]),
        ("We note that Meta trained OPT and introduced LLaMA, a family of models.", []),
        # other ways to state a contribution
        ("We put forward FernServe, a serving system.", ["FernServe"]),
        ("Our key contribution is FernServe, a serving system.", ["FernServe"]),
    ],
)  # fmt: skip
def test_proposal_in_a_gerund_after_by(
    extractor: Extractor, sentence: str, names: list[str]
) -> None:
    methods = extractor.extract(paper("Serving at scale", sentence)).methods
    assert [m.name for m in methods if m.name] == names


def test_background_acronyms_are_not_methods(extractor: Extractor) -> None:
    x = extractor.extract(
        paper(
            "Better decoding",
            "Large Language Models (LLMs) are slow. We propose SpecX, a decoding method.",
        )
    )
    assert [m.name for m in x.methods] == ["SpecX"]


def test_unnamed_method(extractor: Extractor) -> None:
    x = extractor.extract(
        paper("Faster training", "We propose a simple sampling strategy that cuts padding.")
    )
    assert len(x.methods) == 1 and x.methods[0].name is None and x.methods[0].description


# ---------------------------------------------------------------------------------- relations
def test_targets_and_improves(extractor: Extractor) -> None:
    x = extractor.extract(
        paper(
            "TurboNet: Fast Detection on the Edge",
            "We propose TurboNet for edge devices. On a Jetson Orin, TurboNet runs 5.8x faster "
            "than YOLOv8 and reduces latency by 40.4% on COCO.",
        )
    )
    hw = {(t.method, t.hw_class) for t in x.targets}
    assert ("TurboNet", "edge") in hw
    by_metric = {i.metric: i for i in x.improves}
    assert by_metric["speed"].value == "5.8x" and by_metric["speed"].baseline == "YOLOv8"
    lat = by_metric["latency"]
    assert (lat.number, lat.unit, lat.direction, lat.dataset) == (40.4, "%", "lower", "COCO")
    ev = lat.evidence
    abstract = x.paper.abstract
    assert abstract[ev.start : ev.end] == ev.text
    assert ev.rule and 0 < ev.confidence <= 1


def test_a_result_of_another_method_of_a_benchmark_paper(extractor: Extractor) -> None:
    """With no main method of its own making, a result goes to the paper's method named with it."""
    x = extractor.extract(
        paper(
            "ChartBench-X: Chart Understanding",
            "We present ChartBench-X, a benchmark of 12,000 chart questions. GPT-4o reaches only "
            "61.3% accuracy on it. We further propose ChartCoT, a prompting method that improves "
            "the accuracy of open models by 7.4% on average.",
        )
    )
    assert [(c.method, c.metric, c.value) for c in x.improves] == [("ChartCoT", "accuracy", "7.4%")]


@pytest.mark.parametrize(
    "sentence",
    [
        "We evaluate 21 models and find that even the best model, GPT-4o, reaches only 61.3% "
        "accuracy, far below human performance of 93.5%.",
        "On ChartBench-X, GPT-4o reaches 61.3% accuracy, 12% higher than LLaVA.",
    ],
)
def test_a_proposed_benchmark_improves_nothing(extractor: Extractor, sentence: str) -> None:
    """Results stated on a benchmark the paper proposes are the evaluated models' findings."""
    x = extractor.extract(
        paper(
            "ChartBench-X: Chart Understanding",
            f"We present ChartBench-X, a benchmark of 12,000 chart questions. {sentence}",
        )
    )
    assert [m.name for m in x.methods] == ["ChartBench-X"]
    assert x.improves == []


@pytest.mark.parametrize(
    ("sentence", "datasets"),
    [
        ("FernNet achieves a PSNR of 33.1 dB on the Synthetic-NeRF dataset, 0.4 dB higher than "
         "Instant-NGP.", {"PSNR": "Synthetic-NeRF"}),
        ("FernNet reaches 71.2% accuracy and a 2.1 higher BLEU score on the FernText "
         "benchmark.", {"accuracy": "FernText", "BLEU": "FernText"}),
        ("FernNet improves the BLEU score by 2.1 on WMT14 and on the FernText benchmark.",
         {"BLEU": "WMT14"}),
        # a found dataset written before the vocabulary's one: the claim's is the first
        ("FernNet reduces AbsRel by 12% on the FernDepth and Waymo benchmarks.",
         {"AbsRel": "FernDepth"}),
        ("FernNet reaches 65.9% accuracy on AIME'24 and MATH500.", {"accuracy": "AIME'24"}),
        # a year edition, also where the plain name is found in another sentence
        ("FernNet reaches 84.4% top-1 accuracy on ImageNet-2012. ImageNet is large.",
         {"top-1 accuracy": "ImageNet-2012"}),
    ],
)  # fmt: skip
def test_claims_take_the_datasets_of_their_sentence(
    extractor: Extractor, sentence: str, datasets: dict[str, str]
) -> None:
    """A dataset found by the context patterns ("on the X dataset"), not only one in the
    vocabulary, is where a claim in its sentence was measured."""
    assert {c.metric: c.dataset for c in fern(extractor, sentence).improves} == datasets


@pytest.mark.parametrize(
    "motivation",
    [
        "Existing LLMs require expensive GPUs.",
        "Training large models takes thousands of GPUs.",
        "Their memory requirements make LLMs feasible only with multiple high-end accelerators.",
        "Deploying LLMs on edge devices is challenging due to their memory requirements.",
        "Serving LLMs on a single GPU is only feasible with offloading.",
        "Real-time segmentation matters due to the growing demand for mobile devices.",
        "Federated learning uses data distributed over a massive number of edge devices.",
        "Motivated by scenarios on mobile and mixed reality devices, we study prompts.",
    ],
)
def test_motivation_hardware_is_not_a_target(extractor: Extractor, motivation: str) -> None:
    x = extractor.extract(
        paper(
            "Better prompts",
            f"{motivation} We propose PromptX, a prompting method that improves accuracy by 3%.",
        )
    )
    assert x.targets == []


# ---------------------------------------------------------------------------------- bad input
BAD_INPUTS = {
    "empty": "",
    "one_word": "Transformers",
    "huge": ("We propose HugeNet. It runs 2x faster on A100 GPUs. " * 25_000)[:1_000_000],
    "non_english": "我们提出了一种新的方法，在GPU上速度提高了2倍。Wir schlagen eine Methode vor.",
    "latex": r"We propose $\mathcal{X}$-Net (X$^2$) achieving 3.2$\times$ speedup and 46\% less "
    r"latency \cite{foo} on \textbf{V100}.",
    "odd_unicode": "We propose Ｆａｓｔ‐Net\u200b with 2×  speed\ufeff on 📱 phones \x00 ∞ FPS.",
    "only_punct": "((((((((( ))))) ::: ... %%% xxx 1e9999 ////",
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input(extractor: Extractor, kind: str) -> None:
    x = extractor.extract(paper("Some title", BAD_INPUTS[kind]))
    d = x.to_dict()
    json.dumps(d)
    nodes, rels = x.graph()
    assert nodes[0].label == "Paper"
    for r in rels:
        assert (r.start_label, r.end_label) == REL_TYPES[r.type]
    for ev in d["improves"] + d["targets"]:
        if ev["evidence_start"] >= 0:
            assert ev["evidence_end"] <= len(x.paper.abstract)
    if kind == "huge":
        assert x.truncated


def test_empty_title_and_abstract(extractor: Extractor) -> None:
    x = extractor.extract(paper("", ""))
    assert x.methods == [] and x.graph()[1] == []


# ---------------------------------------------------------------------------------- graph
def test_graph_contract(extractor: Extractor) -> None:
    p = paper(
        "TurboNet: Fast Detection",
        "We propose TurboNet. TurboNet is 2x faster than YOLOv8 on an RTX 4090 on COCO for "
        "object detection.",
    )
    x = extractor.extract(p)
    nodes, rels = x.graph()
    for n in nodes:
        assert set(n.props) == set(NODE_PROPERTIES[n.label]), n.label
    ids = {n.id for n in nodes}
    types = {r.type for r in rels}
    assert {"PROPOSES", "TARGETS", "IMPROVES", "EVALUATED_ON", "ADDRESSES"} <= types
    for r in rels:
        assert set(r.props) == set(REL_PROPERTIES[r.type]), r.type
        assert r.start in ids and r.end in ids
    # stable ids; another paper making the same claim gets its own relationships
    assert [r.id for r in extractor.extract(p).graph()[1]] == [r.id for r in rels]
    other = extractor.extract(paper(p.title, p.abstract, pid="paper:other")).graph()[1]
    assert not {r.id for r in other} & {r.id for r in rels}


def test_unnamed_method_gets_a_synthetic_node(extractor: Extractor) -> None:
    x = extractor.extract(
        paper("A study", "We propose a training recipe. It reduces memory by 30% on GPUs.")
    )
    nodes, rels = x.graph()
    method_ids = {n.id for n in nodes if n.label == "Method"}
    assert method_ids == {"method:paper:test#unnamed"}
    assert {r.type for r in rels} >= {"PROPOSES", "IMPROVES", "TARGETS"}


def test_extract_all_streams_in_order(extractor: Extractor) -> None:
    papers = [paper(f"Net{i}: x", f"We propose Net{i}.", pid=f"paper:{i}") for i in range(5)]
    out = list(extractor.extract_all(iter(papers), batch_size=2))
    assert [x.paper.id for x in out] == [p.id for p in papers]


@pytest.mark.parametrize("host", [(700, 10, 10), (0, 10, 10), (50_000, 5, 5)])
def test_extract_all_leaves_the_hosts_gc_setting(extractor: Extractor, host: tuple) -> None:
    """A batch runs with fewer young-generation collections, but the host's thresholds are back
    whenever the stream hands over a paper."""
    papers = [paper(f"Net{i}: x", f"We propose Net{i}.", pid=f"paper:{i}") for i in range(3)]
    old = gc.get_threshold()
    seen = []
    try:
        gc.set_threshold(*host)
        for _ in extractor.extract_all(iter(papers), batch_size=2):
            seen.append(gc.get_threshold())
    finally:
        gc.set_threshold(*old)
    assert seen == [host] * len(papers)


# ---------------------------------------------------------------------------------- serialisation
def test_to_disk_round_trip(tmp_path, extractor: Extractor) -> None:
    nlp = build_nlp()
    nlp.to_disk(tmp_path / "kg_extractor")
    loaded = spacy.load(tmp_path / "kg_extractor")
    assert loaded.pipe_names == nlp.pipe_names
    p = paper("TurboNet: Fast", "We propose TurboNet. It is 2x faster on A100 GPUs.")
    assert Extractor(loaded).extract(p).to_dict() == extractor.extract(p).to_dict()


def test_saved_pipeline_loads_without_importing_kg(tmp_path) -> None:
    """The factories are spaCy entry points (pyproject.toml), so `spacy.load` finds them in a fresh
    interpreter that never imported kg."""
    path = tmp_path / "kg_extractor"
    build_nlp().to_disk(path)
    code = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({str(path)!r})\n"
        "doc = nlp('TurboNet: Fast\\n\\nWe propose TurboNet. It is 2x faster on A100 GPUs.')\n"
        "print(json.dumps([nlp.pipe_names, doc.user_data['kg']['improves'][0]['value'],"
        " 'kg.extraction' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    names, value, imported = json.loads(out.stdout.strip().splitlines()[-1])
    assert names == build_nlp().pipe_names
    assert value == "2x"
    assert imported  # loaded by spaCy through the entry points, not by the caller


@pytest.mark.parametrize(
    ("written", "name"),
    [
        # one id per product, however it is written
        ("V100", "NVIDIA V100 GPU"),
        ("Tesla V100", "NVIDIA V100 GPU"),
        ("NVIDIA V100 GPU", "NVIDIA V100 GPU"),
        ("A100", "NVIDIA A100 GPU"),
        # families of models keep the model written, with vendor (and class word)
        ("iPhone 15 Pro", "Apple iPhone 15 Pro"),
        ("Apple iPhone 12", "Apple iPhone 12"),
        ("iPhones", "Apple iPhone"),
        ("Samsung Galaxy S23", "Samsung Galaxy S23"),
        ("Galaxy S23", "Samsung Galaxy S23"),
        ("Snapdragon 8 Gen 2", "Qualcomm Snapdragon 8 Gen 2"),
        ("Qualcomm 855", "Qualcomm Snapdragon 855"),
        ("TPU v5e", "Google TPU v5e"),
        ("TPUv5e", "Google TPU v5e"),
        ("NVIDIA Jetson Orin", "NVIDIA Jetson Orin"),
        # boards of one generation are distinct products
        ("Jetson AGX Orin", "NVIDIA Jetson AGX Orin"),
        ("Orin Nano", "NVIDIA Jetson Orin Nano"),
        ("NVIDIA Jetson Orin NX", "NVIDIA Jetson Orin NX"),
        ("Jetson Thor", "NVIDIA Jetson Thor"),
        ("Cortex-M4", "Arm Cortex-M4"),
        ("ARM Cortex-M7", "Arm Cortex-M7"),
        ("Cortex-A76", "Arm Cortex-A76 CPU"),
        ("M2 Max", "Apple M2 Max"),
        ("RTX3090", "NVIDIA RTX 3090 GPU"),
        ("GeForce RTX 4090", "NVIDIA RTX 4090 GPU"),
        ("2080 Ti", "NVIDIA RTX 2080 Ti GPU"),
        ("GTX 1070", "NVIDIA GTX 1070 GPU"),
        ("Raspberry Pi 4", "Raspberry Pi 4"),
        ("STM32H743", "STM32H743 microcontroller"),
        ("STM32", "STM32 microcontroller"),
        ("ESP32-S3", "ESP32-S3 microcontroller"),
        ("Edge TPUs", "Google Edge TPU"),
        ("Core i7", "Intel Core i7 CPU"),
        ("nRF52840", "nRF52840 microcontroller"),
        # CPU micro-architectures are their own entries, not a product line ("Xeon")
        ("Zen 2", "AMD Zen 2 CPU"),
        ("Broadwell", "Intel Broadwell CPU"),
        ("Xilinx Alveo U280", "Xilinx Alveo U280 FPGA"),
        ("Kria KV260", "Xilinx Kria KV260 FPGA"),
        ("GTX 1660 Ti", "NVIDIA GTX 1660 Ti GPU"),
        ("Quadro RTX 8000", "NVIDIA Quadro RTX 8000 GPU"),
        ("STM32H7A3", "STM32H7A3 microcontroller"),
        ("M2-Ultra", "Apple M2 Ultra"),
        # a model named by letters
        ("iPhone X", "Apple iPhone X"),
        ("iPhone XS", "Apple iPhone XS"),
        ("Xeon CPU", "Intel Xeon CPU"),
        ("Titan XP", "NVIDIA Titan Xp GPU"),
        ("TITAN RTX", "NVIDIA Titan RTX GPU"),
        ("Quadro GPU", "NVIDIA Quadro GPU"),
        ("Jetson Tegra X2", "NVIDIA Tegra X2"),
        ("ZC706", "Xilinx ZC706 FPGA"),
        ("Ultra96", "Xilinx Ultra96 FPGA"),
    ],
)
def test_hardware_models_keep_their_name(written: str, name: str) -> None:
    assert canonical_hardware_name(written) == name


@pytest.mark.parametrize(
    ("sentence", "hardware", "hw_class"),
    [
        ("On Apple M2 GPUs, FernNet reaches 50 FPS.", "Apple M2 GPU", "GPU"),
        ("FernNet runs on the Apple M-series GPU.", "Apple M-series GPU", "GPU"),
        ("FernNet runs on the Snapdragon 8 Gen 3 NPU.", "Qualcomm Snapdragon 8 Gen 3 NPU", "NPU"),
        ("FernNet runs on the Snapdragon 8 Gen 3 CPU.", "Qualcomm Snapdragon 8 Gen 3 CPU", "CPU"),
        # the SoC itself, and a class word naming the product's own class, add no part
        ("FernNet runs on an Apple M3 Max.", "Apple M3 Max", "CPU"),
        ("FernNet runs on an Intel Xeon Platinum 8380 CPU.", "Intel Xeon Platinum 8380 CPU", "CPU"),
    ],
)
def test_soc_part_is_the_target(
    extractor: Extractor, sentence: str, hardware: str, hw_class: str
) -> None:
    x = extractor.extract(paper("FernNet: fast", f"We propose FernNet. {sentence}"))
    assert [(t.hardware, t.hw_class) for t in x.targets] == [(hardware, hw_class)]


@pytest.mark.parametrize(
    ("sentence", "hardware"),
    [
        # a product named in a cost is where the method ran; a class in one says nothing
        ("Training FernNet takes only 32 A100 GPU hours.", ["NVIDIA A100 GPU"]),
        ("Training FernNet takes only 32 GPU hours.", []),
        # a phone model written onto its series' name
        ("On Jetson Nano and Galaxy Note8, FernNet runs at 30 FPS.",
         ["NVIDIA Jetson Nano", "Samsung Galaxy Note8"]),
    ],
)  # fmt: skip
def test_products_in_costs_and_phone_series(
    extractor: Extractor, sentence: str, hardware: list[str]
) -> None:
    assert [t.hardware for t in fern(extractor, sentence).targets] == hardware


@pytest.mark.parametrize(
    ("sentence", "hardware"),
    [
        # qualified classes are targets apart, a shared head included
        ("FernNet runs on both desktop and mobile GPUs.", {"consumer GPU", "mobile GPU"}),
        ("FernNet runs on desktop GPUs and on mobile GPUs.", {"consumer GPU", "mobile GPU"}),
        # a bare class adds nothing to a qualified one
        ("FernNet runs on mobile GPUs. The GPU kernels are fused.", {"mobile GPU"}),
    ],
)  # fmt: skip
def test_qualified_classes_are_kept_apart(
    extractor: Extractor, sentence: str, hardware: set[str]
) -> None:
    assert {t.hardware for t in fern(extractor, sentence).targets} == hardware


@pytest.mark.parametrize(
    ("sentence", "hardware"),
    [
        # a model number hyphened onto the family's model, and class words after it
        ("FernNet runs on a single core of an Intel Core i7-1260P CPU.", "Intel Core i7-1260P CPU"),
        ("FernNet runs on a Core i7 laptop.", "Intel Core i7 CPU"),
        ("FernNet runs on an NVIDIA RTX 3080 laptop GPU.", "NVIDIA RTX 3080 laptop GPU"),
        ("FernNet runs on an STM32H743 MCU.", "STM32H743 microcontroller"),
        ("FernNet runs on an Arm Cortex-M4 microcontroller.", "Arm Cortex-M4"),
        # a hyphened word is no model number
        ("FernNet runs on an RTX 4090-class GPU.", "NVIDIA RTX 4090 GPU"),
    ],
)
def test_model_numbers_written_onto_the_family(
    extractor: Extractor, sentence: str, hardware: str
) -> None:
    assert [t.hardware for t in fern(extractor, sentence).targets] == [hardware]


@pytest.mark.parametrize(
    ("title", "hardware"),
    [
        # of two overlapping names as long, the later holds the head noun
        ("FernNet: Detection on Mobile GPUs", "mobile GPU"),
        ("FernNet: Detection on Mobile Platforms", "mobile devices"),
    ],
)
def test_overlapping_hardware_names_keep_the_head(
    extractor: Extractor, title: str, hardware: str
) -> None:
    x = extractor.extract(paper(title, "We propose FernNet. FernNet reaches 50 FPS."))
    assert [t.hardware for t in x.targets] == [hardware]


def test_hardware_model_in_targets(extractor: Extractor) -> None:
    p = paper(
        "PhoneNet: Fast",
        "We propose PhoneNet, which runs at 30 FPS on an iPhone 15 Pro and a Samsung Galaxy S23 "
        "and uses the Snapdragon 8 Gen 2 NPU. PhoneNet also runs on a Xilinx U55C FPGA and "
        "Google TPUv5e chips, and on an Intel Xeon Platinum 8380 CPU, an AMD EPYC 7763 and a "
        "Ryzen 9 7950X.",
    )
    got = {t.hardware for t in extractor.extract(p).targets}
    assert {
        "Apple iPhone 15 Pro",
        "Samsung Galaxy S23",
        # an SoC's part: the class word names it
        "Qualcomm Snapdragon 8 Gen 2 NPU",
        # the class word after the model ("FPGA", "chips") is not part of the model's name
        "Xilinx U55C FPGA",
        "Google TPU v5e",
        # server and desktop CPUs keep their model numbers too
        "Intel Xeon Platinum 8380 CPU",
        "AMD EPYC 7763 CPU",
        "AMD Ryzen 9 7950X CPU",
    } <= got


def test_a_metric_trailed_on_is_not_improved(extractor: Extractor) -> None:
    sentence = "FernNet is 1.9x faster than Conformer but trails by 0.4 WER on LibriSpeech."
    assert [c.metric for c in fern(extractor, sentence).improves] == ["speed"]


def test_a_class_one_vendor_makes_gives_way_to_its_product(extractor: Extractor) -> None:
    p = paper(
        "Block-Sparse Kernels on TPUs",
        "We design BlockSpark, a compiler pass for TPUs, and run it on TPU v5e chips.",
    )
    assert [t.hardware for t in extractor.extract(p).targets] == ["Google TPU v5e"]


def test_baseline_is_the_comparison_nearest_the_value(extractor: Extractor) -> None:
    p = paper(
        "OneSR: One-Step Super-Resolution",
        "We propose OneSR, which outperforms the previous best one-step method in quality and "
        "runs 10 times faster than the 50-step teacher.",
    )
    speed = [c for c in extractor.extract(p).improves if c.value == "10 times"]
    assert speed and speed[0].baseline == "the 50-step teacher"


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("FernNet is faster than FlashAttention and uses less memory than xFormers.",
         {("speed", "FlashAttention"), ("memory", "xFormers")}),
        ("FernNet is 2x faster than FlashAttention and uses 30% less memory than xFormers.",
         {("speed", "FlashAttention"), ("memory", "xFormers")}),
        # a level in a clause after the comparison is not compared; a change there still is
        ("FernNet has 5x fewer parameters than CLIP and achieves 61.3% top-1 accuracy.",
         {("parameters", "CLIP"), ("top-1 accuracy", None)}),
        ("FernNet runs 5.8x faster than YOLOv8 and reduces latency by 40.4% on COCO.",
         {("speed", "YOLOv8"), ("latency", "YOLOv8")}),
        # the baseline ends where a pronoun opens the clause's subject
        ("Compared to LION it reduces sampling time from 27 s to 3.1 s.", {("runtime", "LION")}),
        # a participle's phrase is the baseline's, up to the next word that ends one
        ("FernNet improves F1 by 14 points over detectors trained on simulated data.",
         {("F1", "detectors trained on simulated data")}),
        ("FernNet is 2x faster than the teacher distilled from GPT-4 on MMLU.",
         {("speed", "the teacher distilled from GPT-4")}),
        ("FernNet outperforms models designed for internal memory with 6% higher accuracy.",
         {("accuracy", "models designed for internal memory")}),
        # the named owner of a metric changed from one value to another
        ("FernNet improves the FID of DDIM from 9.65 to 6.07 on LSUN.", {("FID", "DDIM")}),
        # the measure of the baseline named before it is not the baseline
        ("FernNet surpasses the performance of GPT-4 in latency by 2x.", {("latency", "GPT-4")}),
        ("FernNet's throughput is 2x higher than that of vLLM.", {("throughput", "vLLM")}),
        # a comparison closing the next coordinated clause is that clause's
        ("FernNet gets an 8x compression ratio as compared to DNAS, and up to 1% higher accuracy "
         "with up to 14% smaller models, compared to RVQuant and HAQ.",
         {("parameters", "DNAS"), ("accuracy", "RVQuant and HAQ")}),
    ],
)  # fmt: skip
def test_each_claim_takes_the_comparison_after_it(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str]]
) -> None:
    assert {(c.metric, c.baseline) for c in fern(extractor, sentence).improves} == claims


def test_two_processes_give_the_same_result(extractor: Extractor) -> None:
    papers = [
        paper(f"Net{i}: x", f"We propose Net{i}. It is {i + 2}x faster on A100 GPUs.", f"p:{i}")
        for i in range(6)
    ]
    one = [x.to_dict() for x in extractor.extract_all(papers)]
    two = [x.to_dict() for x in extractor.extract_all(iter(papers), n_process=2, batch_size=2)]
    assert one == two


# ---------------------------------------------------------------------------------- tasks
def _tasks(extractor: Extractor, title: str, abstract: str) -> set[str]:
    return {t.casefold() for t in extractor.extract(paper(title, abstract)).to_dict()["tasks"]}


@pytest.mark.parametrize(
    "technique",
    ["fine-tuning", "quantization", "pruning", "knowledge distillation", "reinforcement learning"],
)
def test_bare_technique_words_are_not_tasks(extractor: Extractor, technique: str) -> None:
    got = _tasks(
        extractor,
        "GlowNet: Compact Detectors",
        f"We propose GlowNet, trained with {technique}, for object detection on drones.",
    )
    assert technique not in got
    assert "object detection" in got


@pytest.mark.parametrize(
    ("sentence", "task"),
    [
        ("GlowNet combines compiler- and code generation-based optimizations.", None),
        ("GlowNet speeds up code generation on phones.", "code generation"),
        ("GlowNet uses object detection-aware pruning.", None),
    ],
)
def test_a_task_word_as_a_modifier_is_no_task(
    extractor: Extractor, sentence: str, task: str | None
) -> None:
    got = _tasks(extractor, "Tiny Nets", sentence)
    assert got == ({task} if task else set())


@pytest.mark.parametrize("task", ["keyword spotting", "visual wake words", "anomaly detection"])
def test_tinyml_tasks(extractor: Extractor, task: str) -> None:
    got = _tasks(extractor, "Tiny Nets", f"We evaluate GlowNet on {task} with microcontrollers.")
    assert task in got


@pytest.mark.parametrize(
    ("title", "expected", "absent"),
    [
        ("QuickDiff: Fast Sampling for Accelerating Audio Synthesis", "audio synthesis", None),
        ("LoomNet: Sparse Kernels for Large Language Models", None, "large language models"),
        ("Tessa: Routing for Better Graph Matching", "graph matching", "better graph matching"),
        (
            "Pano: One Encoder for Scene Parsing and Depth Completion",
            "depth completion",
            "scene parsing and depth completion",
        ),
        # what it runs on is not a task
        ("LiteASR: Distilling Whisper for Commodity CPUs", None, "commodity cpus"),
        ("Fern: Pruning for Mobile Devices", None, "mobile devices"),
        ("Fern: A Lightweight Detector for CPU-only Devices", None, "cpu-only devices"),
        # nor is a metric it improves or the data it works on
        ("Fern: Asymmetric 2bit Quantization for KV Cache", None, "kv cache"),
        ("Fern: KV Prediction for Improved Time to First Token", None, "time to first token"),
        # a time, not a task
        ("Fern: The Model Knows What You are Looking for Before Generation", None,
         "before generation"),
        # the field the work is in, not a task
        ("Fern: FP8 Formats for Deep Learning", None, "deep learning"),
        # a hyphened word opening with an end word does not end the task
        ("Fern: Compiling Transformers for Analog In-Memory Computing",
         "analog in-memory computing", "analog"),
        # a lone modifier is no task; "fast" and "at scale" say how, not what
        ("Fern: A Framework for Fast, Scalable Binarized Network Inference", None, "fast"),
        ("Fern: Token Merging for Fast Image Synthesis", "image synthesis",
         "fast image synthesis"),
        ("Fern: Learning to Route Tokens for Mixture-of-Experts Training at Scale",
         "mixture-of-experts training", "mixture-of-experts training at scale"),
    ],
)  # fmt: skip
def test_title_for_phrase_tasks(
    extractor: Extractor, title: str, expected: str | None, absent: str | None
) -> None:
    got = _tasks(extractor, title, "We evaluate the method on three benchmarks.")
    if expected:
        assert expected in got
    if absent:
        assert absent not in got


def test_title_for_phrase_is_not_the_method_itself(extractor: Extractor) -> None:
    got = _tasks(extractor, "Searching for FernNetV3", "We present FernNetV3, a mobile model.")
    assert "fernnetv3" not in got


@pytest.mark.parametrize(
    "adjective", ["GPU-friendly", "SIMD-aware", "MatMul-free", "KV-based", "non-Markovian"]
)
def test_compound_adjectives_are_not_method_names(extractor: Extractor, adjective: str) -> None:
    x = extractor.extract(
        paper(
            "RillNet: Fast Sequence Mixing",
            f"We propose RillNet and introduce {adjective} kernels that cut latency.",
        )
    )
    names = [m.name for m in x.methods]
    assert "RillNet" in names
    assert adjective not in names


@pytest.mark.parametrize(
    ("sentence", "used", "own"),
    [
        ("We propose MeshNet, which mixes tokens with Fast Fourier Convolution (FFC) layers.",
         "FFC", None),
        ("We introduce MeshNet, trained via low-rank gradient projection (LGP).", "LGP", None),
        ("We propose MeshNet, equipped with a novel Token Mixing Block (TMB).", None, "TMB"),
        # written in the plural: a kind of thing, unless said to be new
        ("We present MeshNet, a system that applies and manages early exits (EEs) in models.",
         "EEs", None),
        ("We propose MeshNet, which leverages two innovative components: learnable scale factors "
         "(LSFs) and a token mixer.", None, "LSF"),
    ],
)  # fmt: skip
def test_acronyms_of_used_techniques_are_not_proposed(
    extractor: Extractor, sentence: str, used: str | None, own: str | None
) -> None:
    names = [m.name for m in extractor.extract(paper("Mesh mixing", sentence)).methods]
    assert "MeshNet" in names
    if used:
        assert used not in names
    if own:
        assert own in names


@pytest.mark.parametrize(
    ("title", "sentence", "name", "aliases"),
    [
        # the long form starts where the proposed phrase starts, not where the letters do
        ("Spiking Nets", "We propose an Iterative Initialization and Retraining method for SNNs "
         "(IIR-SNN) for single-shot inference.", "IIR-SNN",
         ["Iterative Initialization and Retraining method for SNNs"]),
        ("Residuals", "We introduce Mixture of Multi-rate Residuals (M2R2), a framework.", "M2R2",
         ["Mixture of Multi-rate Residuals"]),
        # a generic last word stays when every word gives the acronym a letter
        ("Molecules", "We propose the polarizable atom interaction neural network (PaiNN).",
         "PaiNN", ["polarizable atom interaction neural network"]),
        ("Adapters", "We propose Mixture of Sparse Adapters, or MoSA, as a new tuning method.",
         "MoSA", ["Mixture of Sparse Adapters"]),
        # a title's subtitle that spells the acronym
        ("CAAD: Context-Aware Adaptive Decoding for Truthful Text Generation",
         "We propose a decoding method.", "CAAD", ["Context-Aware Adaptive Decoding"]),
        ("LST: Ladder Side-Tuning for Transfer Learning", "We propose a tuning method.", "LST",
         ["Ladder Side-Tuning"]),
        ("FlashNet-2: Faster Attention with Better Parallelism", "We propose a kernel.",
         "FlashNet-2", []),  # not an acronym
        ("INT v.s. FP: A Study of Formats", "We propose FormatBench, a benchmark.",
         "FormatBench", []),  # a title comparing two things names neither
        ("PaLM 2 Technical Report", "We introduce PaLM 2, a new language model that is more "
         "compute-efficient than its predecessor PaLM.", "PaLM 2", []),
        ("Adapters", "Compared to the original FernAdapter, our FernAdapter V2 needs 14M "
         "parameters.", "FernAdapter V2", []),
        ("Ferns", "We propose FernNet 2 times faster than ResNet.", "FernNet", []),
        ("FMT$^{x}$: Fast Replanning", "This paper introduces FMT^{x}, an extension of FMT.",
         "FMT$^{x}$", []),  # one name, written with and without its dollars
        ("MeshNet: Meshes", "We propose MeshNet with a simple CNN-Transformer fusion module.",
         "MeshNet", []),  # common words joined
        ("MeshNet: Meshes", "We propose MeshNet and three solutions: (S1) Rational basis.",
         "MeshNet", []),  # a label, not an acronym
        # a plural name is the kind's name in the singular
        ("Tracking", "We propose EfficientTAMs, lightweight track anything models.",
         "EfficientTAM", ["EfficientTAMs"]),
        # an acronym set off by commas, after a run of capitalised words that spell it
        ("Code edits", "We curate a dataset of Performance-Improving Edits, PIE, with 77K pairs.",
         "PIE", ["Performance-Improving Edits"]),
        ("Code edits", "We introduce a dataset of Performance-Improving Edits (PIE).", "PIE",
         ["Performance-Improving Edits"]),
        # family members listed after one, when written alike ("-B/16" is a patch size)
        ("Detectors", "We propose FernDet. FernDet-S/M/L reach 40.1/45.2/48.3 AP.", "FernDet",
         ["FernDet-S", "FernDet-M", "FernDet-L"]),
        ("Detectors", "We propose FernDet. FernDet-R50 / R101 reach 53.1% / 54.3% AP.", "FernDet",
         ["FernDet-R50", "FernDet-R101"]),
        ("Detectors", "We propose FernDet. FernDet-B/16 uses large patches.", "FernDet",
         ["FernDet-B"]),
        # a name set off by a spaced dash; "the latest generation of" names the older family
        ("FernNetV4 - Universal Models for the Mobile Ecosystem", "We present the latest "
         "generation of FernNets, known as FernNetV4 (FNv4).", "FernNetV4", ["FNv4"]),
        # a title's version of the name found, when the abstract writes it too
        ("Searching for FernNetV3", "We create two new FernNet models for release: "
         "FernNetV3-Large and FernNetV3-Small.", "FernNetV3",
         ["FernNetV3-Large", "FernNetV3-Small"]),
        # the members of a name with a vendor's prefix may be written without it
        ("PP-FernDet: A Detector", "We propose PP-FernDet. FernDet-S reaches 30.6% mAP, and "
         "RT-DETR-L does not.", "PP-FernDet", ["FernDet-S"]),
        # a size word is a member; a name with a digit has members written in lowercase
        ("Fern-2: A Small Model", "We introduce fern-2-mini and Fern-2-large, not a "
         "Fern-2-based agent.", "Fern-2", ["Fern-2-large", "fern-2-mini"]),
    ],
)  # fmt: skip
def test_proposed_name_and_long_form(
    extractor: Extractor, title: str, sentence: str, name: str, aliases: list[str]
) -> None:
    methods = extractor.extract(paper(title, sentence)).methods
    assert [(m.name, list(m.aliases)) for m in methods] == [(name, aliases)]


def test_a_common_acronym_defined_is_no_method(extractor: Extractor) -> None:
    x = extractor.extract(
        paper(
            "Performance Analysis of a Unit",
            "This paper evaluates a custom ASIC that accelerates the inference phase of neural "
            "networks (NN).",
        )
    )
    assert "NN" not in [m.name for m in x.methods]


@pytest.mark.parametrize(
    ("abstract", "component"),
    [
        ("We present T10, a compiler. To formulate tensor operators, T10 introduces a "
         "distributed tensor abstraction rTensor.", "rTensor"),
        ("We present FernServe, a serving system. To cut memory, FernServe proposes "
         "FernPaging for adapters.", "FernPaging"),
        ("We present FernLoRA. To make it practical, we collect a dataset, FernQA, for "
         "supervised fine-tuning.", "FernQA"),
    ],
)  # fmt: skip
def test_a_component_the_method_introduces(
    extractor: Extractor, abstract: str, component: str
) -> None:
    """ "T10 introduces rTensor": the paper's own method as the subject of a proposal verb."""
    methods = {m.name: m.main for m in extractor.extract(paper("A study", abstract)).methods}
    assert methods.get(component) is False


def test_hardware_a_paper_names_as_its_own_is_the_method(extractor: Extractor) -> None:
    """ "LPU: A Latency-Optimized Processor": the paper's LPU, not Groq's, and no target."""
    x = extractor.extract(
        paper(
            "LPU: A Latency-Optimized and Highly Scalable Processor for LLM Inference",
            "We introduce the latency processing unit (LPU). LPU-based servers achieve 1.33x "
            "energy efficiency over NVIDIA H100 servers.",
        )
    )
    assert [(m.name, m.main) for m in x.methods] == [("LPU", True)]
    assert x.targets == []
    assert x.datasets == []


def test_components_of_a_name_written_in_another_case(extractor: Extractor) -> None:
    x = extractor.extract(
        paper(
            "Fernformer: Forward Ferns",
            "To achieve this, the FernFormer leverages two innovative components: learnable "
            "scale factors (LSFs) and a token merge module (TMM).",
        )
    )
    assert [m.name for m in x.methods] == ["Fernformer", "LSF", "TMM"]


def test_example_in_parentheses_is_not_a_name(extractor: Extractor) -> None:
    x = extractor.extract(
        paper(
            "MeshNet: Fast Meshes",
            "We propose MeshNet, a module that we evaluate on Vision-Language Models "
            "(Qwen2.5-VL) and that uses end-to-end training of quantization parameters (E2E-QP).",
        )
    )
    names = [m.name for m in x.methods]
    assert "Qwen2.5-VL" not in names
    assert "E2E-QP" in names


@pytest.mark.parametrize(
    ("sentence", "platform", "baseline"),
    [
        ("Running on an FPGA, CoilNet is 4x more energy efficient than commercial GPUs.",
         "FPGA", "GPU"),
        ("CoilNet beats the Intel Xeon CPU with 3x higher throughput on an FPGA.", "FPGA", "CPU"),
        ("On edge devices CoilNet gives a 2x speedup over the GPU baseline.", "edge", "GPU"),
        ("On an FPGA CoilNet is 3x more efficient comparing with GPU.", "FPGA", "GPU"),
        ("On an FPGA CoilNet gives a 7.3x speedup over a CPU baseline (Intel Xeon 8380).",
         "FPGA", "CPU"),
        ("Implemented on a Xilinx Alveo U280, CoilNet is 9.3x more energy efficient than a PyG "
         "implementation on an NVIDIA A100.", "FPGA", "GPU"),
        ("On a Xilinx ZCU102, CoilNet achieves a 3x speedup over the reference code running on an "
         "Intel Core i7 CPU.", "FPGA", "CPU"),
        # a baseline named with its owner's name ("XGBoost's CPU predictor")
        ("On an AMD MI250X, CoilNet is 2.6x faster than XGBoost's CPU predictor on a 64-core AMD "
         "EPYC 7763.", "GPU", "CPU"),
        # the own product named in an earlier sentence
        ("CoilNet is implemented on a Xilinx Alveo U280. It is 9.3x more energy efficient than "
         "a PyG implementation on an NVIDIA A100.", "FPGA", "GPU"),
        # later items of a list of baselines
        ("On an FPGA, CoilNet achieves 1.6x, 3.0x, 162x speedup over A3, TITAN Xp GPU, Xeon "
         "CPU, respectively.", "FPGA", "GPU"),
        ("On an FPGA, CoilNet shows speedups over CPUs (3255x), GPUs (80.3x), and A3 (5.1x).",
         "FPGA", "GPU"),
        # the platform of the baseline a sentence opens with a comparison to
        ("CoilNet is an FPGA accelerator. Compared with the software framework running on Intel "
         "Xeon CPU and NVIDIA V100 GPU, our work achieves a 6.5x speedup.", "FPGA", "GPU"),
        # a factor of the hardware's own figure
        ("CoilNet is an FPGA accelerator. It raises TOPS/Watt to nearly 70X the GPU and 200X "
         "the CPU.", "FPGA", "GPU"),
        # the hardware a method is compared to, and the hardware listed with it
        ("CoilNet is an FPGA accelerator. We compare CoilNet to a server-class Intel Haswell "
         "CPU and an Nvidia K80 GPU.", "FPGA", "GPU"),
        ("CoilNet is an FPGA accelerator. We compare CoilNet to a server-class Intel Haswell "
         "CPU and an Nvidia K80 GPU.", "FPGA", "CPU"),
    ],
)  # fmt: skip
def test_compared_against_hardware_is_not_a_target(
    extractor: Extractor, sentence: str, platform: str, baseline: str
) -> None:
    p = paper("CoilNet: Compact Inference", f"We present CoilNet, a compact network. {sentence}")
    classes = {t.hw_class for t in extractor.extract(p).targets}
    assert platform in classes
    assert baseline not in classes


def test_a_bound_is_no_comparison_with_other_hardware(extractor: Extractor) -> None:
    """ "in less than 2 seconds on an iPhone" bounds a time; it compares with nothing."""
    p = paper(
        "CoilNet: Compact Inference",
        "We present CoilNet. CoilNet runs in 3.8 ms on a Jetson Nano. CoilNet generates an "
        "image in less than 2 seconds on an iPhone.",
    )
    assert {t.hw_class for t in extractor.extract(p).targets} == {"edge", "mobile"}


@pytest.mark.parametrize(
    ("sentence", "hardware"),
    [
        ("CoilNet is 2x faster than FlashAttention on an NVIDIA H100.", "NVIDIA H100 GPU"),
        ("CoilNet is 3.3x and 2.4x faster than MobileViT on an NVIDIA A100 and an iPhone 12.",
         "NVIDIA A100 GPU"),
        ("On mobile devices, CoilNet runs 2x faster than prior models on a Jetson Orin.",
         "NVIDIA Jetson Orin"),
    ],
)  # fmt: skip
def test_hardware_both_sides_of_a_comparison_ran_on_is_a_target(
    extractor: Extractor, sentence: str, hardware: str
) -> None:
    """ "faster than B on HW": both were measured on HW, unless the method's own product of
    another class is named before it."""
    p = paper("CoilNet: Compact Inference", f"We present CoilNet, a compact network. {sentence}")
    assert hardware in {t.hardware for t in extractor.extract(p).targets}


@pytest.mark.parametrize(
    ("sentence", "baseline"),
    [
        ("FernNet runs 3.1x faster than sliding attention and 2.2x faster than dense attention.",
         "sliding attention"),
        ("FernNet gives a 2.5x speedup over grouped convolution and up to 6x over naive loops.",
         "grouped convolution"),
        ("FernNet is 40% faster than pruned detectors but also more accurate.",
         "pruned detectors"),
        ("FernNet improves accuracy by 3.2 points over single LoRA and by 1.1 points over a "
         "dense mixture.", "single LoRA"),
        # a comparison "against X shows that ..." ends at the verb; the nearer one is the claim's
        ("The comparison against the state-of-the-art shows that FernNet outperformed "
         "DeepSpeed with 33% higher throughput in training.", "DeepSpeed"),
        # "more/less than" and a number bound a value; the comparison comes after
        ("FernNet is more than 60 times smaller than the original SAM.", "the original SAM"),
        ("FernNet trains in less than one day and runs 3x faster than SAM.", "SAM"),
        ("FernNet runs 3x faster over three leading inference systems.",
         "three leading inference systems"),
        # "twice as fast as X"
        ("FernNet is twice as fast as dense attention at 8K tokens.", "dense attention"),
        # a dash ends the baseline as a comma does
        ("FernNet converges more stably relative to FedAvg---improving absolute test accuracy "
         "by 22.2% on average.", "FedAvg"),
        ("FernNet is 2.1x faster than FlashAttention—the fastest kernel today—on A100 GPUs.",
         "FlashAttention"),
    ],
)  # fmt: skip
def test_baseline_stops_at_the_next_comparison(
    extractor: Extractor, sentence: str, baseline: str
) -> None:
    bases = [c.baseline for c in fern(extractor, sentence).improves if c.baseline]
    assert bases and bases[0] == baseline


@pytest.mark.parametrize(
    ("sentence", "baseline"),
    [
        ("FernNet gives a 2.9x speedup, compared with 2.3x for Medusa and 2.5x for EAGLE.",
         "Medusa"),
        ("FernNet reaches 71.2% accuracy versus 65.3% by the best baseline.", "the best baseline"),
        # "more than" and "over" hedge a value: no comparison
        ("FernNet cuts the training cost by more than 30% of its original cost.", None),
        ("FernNet gives speedups of over 2.5x for most programs.", None),
        # a comparison set in a parenthesis of its own
        ("FernNet scores 77.7 on GLUE (0.6 lower than BERT_BASE), and 62 ms latency on a Pixel 4.",
         None),
    ],
)  # fmt: skip
def test_baseline_is_the_owner_of_a_compared_value(
    extractor: Extractor, sentence: str, baseline: str | None
) -> None:
    claims = fern(extractor, sentence).improves
    assert claims and claims[0].baseline == baseline


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # "more X-efficient" is a gain of X, and a suspended hyphen names a second metric
        ("FernNet is more energy-efficient than YOLOv8.", {("energy", None, "YOLOv8")}),
        ("FernNet is 3x more memory-efficient than YOLOv8.", {("memory", "3x", "YOLOv8")}),
        ("FernNet is much more memory- and time-efficient than standard Transformers.",
         {("memory", None, "standard Transformers"),
          ("runtime", None, "standard Transformers")}),
    ],
)  # fmt: skip
def test_efficiency_adjectives(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str | None, str | None]]
) -> None:
    found = fern(extractor, sentence).improves
    assert {(c.metric, c.value, c.baseline) for c in found} == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # energy, energy efficiency and power are claimed apart: the first does not hide the rest
        ("FernNet gives a 120x energy saving; it is 3,400x more energy efficient than a GPU, "
         "with a power dissipation of only 600mW.",
         {("energy", "120x"), ("energy", "3,400x"), ("power", "only 600mW")}),
        # a count of parameters and a size in bytes are two measures
        ("FernNet has 50x fewer parameters than AlexNet. We compress FernNet to less than 0.5MB.",
         {("parameters", "50x"), ("model size", "less than 0.5MB")}),
        ("FernNet reduces the model size by 4x and the parameters by 3x.",
         {("model size", "4x"), ("parameters", "3x")}),
        # memory types are memory
        ("FernNet uses 3.5x less SRAM than MobileNetV2.", {("memory", "3.5x")}),
        ("FernNet reduces DRAM access by 10.0x.", {("memory", "10.0x")}),
        # a machine's processing power is its throughput, not its power draw
        ("FernNet has a processing power of 102 GOPS/s.", {("throughput", "102 GOPS/s")}),
    ],
)  # fmt: skip
def test_metrics_claimed_apart(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str]]
) -> None:
    assert {(c.metric, c.value) for c in fern(extractor, sentence).improves} == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # a power with no energy metric named is the power the method draws ...
        ("All processing is done with only 64 mW on average.", {("power", "only 64 mW")}),
        ("FernNet consumes 2.1 W on a Jetson Nano.", {("power", "2.1 W")}),
        ("FernNet reaches 30 FPS at 2 W.", {("FPS", "30 FPS"), ("power", "2 W")}),
        # ... not a device's rating
        ("FernNet runs on the Jetson Nano, a 10 W device.", set()),
    ],
)  # fmt: skip
def test_power_drawn(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str | None]]
) -> None:
    assert {(c.metric, c.value) for c in fern(extractor, sentence).improves} == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # a named cost cut is claimed with no value; a bare computation or cost is too vague
        ("FernNet uses depthwise convolutions to greatly reduce computation cost.",
         {("FLOPs", None)}),
        ("FernNet incurs lower communication overhead.", {("communication cost", None)}),
        ("FernNet needs less computation.", set()),
        ("FernNet reaches greater accuracy at lower cost.", {("accuracy", None)}),
    ],
)  # fmt: skip
def test_cost_cuts_with_no_value(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str | None]]
) -> None:
    assert {(c.metric, c.value) for c in fern(extractor, sentence).improves} == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # a value that is a condition the method works under is no result
        ("Within a strict 6 fps real-time constraint, FernNet reaches 45 mAP.", {("mAP", "45")}),
        ("Under a 300M FLOPs budget, FernNet achieves 77.1% top-1 accuracy.",
         {("top-1 accuracy", "77.1%")}),
        ("FernNet meets a 30 FPS requirement while reaching 45 mAP.", {("mAP", "45")}),
        # ... but the requirement a value cuts is the metric
        ("FernNet reduces by 4x the memory requirement.", {("memory", "4x")}),
        # a value with its own noun, before "with": not the value of a metric after it
        ("FernNet removes 60% of the heads with lower perplexity than SparseGPT.",
         {("perplexity", None)}),
    ],
)  # fmt: skip
def test_conditions_are_no_results(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str]]
) -> None:
    assert {(c.metric, c.value) for c in fern(extractor, sentence).improves} == claims


def test_a_claim_about_the_method_wins_over_one_about_its_part(extractor: Extractor) -> None:
    """Claims about a named part are the main method's (ANNOTATION.md), but a later claim of the
    same metric about the method itself is its headline."""
    x = extractor.extract(paper(
        "FernNet: Tiny Detection",
        "We propose FernNet. We also introduce FernEngine, a lightweight inference engine. "
        "FernEngine accelerates the inference by 1.7x compared to TF-Lite Micro. FernNet runs "
        "2.4x faster than MobileNetV2.",
    ))  # fmt: skip
    assert [(c.method, c.value, c.baseline) for c in x.improves] == [
        ("FernNet", "2.4x", "MobileNetV2")
    ]


@pytest.mark.parametrize(
    ("abstract", "claims"),
    [
        # the background before the paper speaks of itself states the problem
        ("Microcontrollers are tiny: their memory is 2-3 orders of magnitude smaller than mobile "
         "phones. We propose FernNet, a compact detector.", []),
        ("Prior detectors run at 10 FPS on phones. In this paper we propose FernNet, a compact "
         "detector.", []),
        # ... a value after it is the paper's own, named or not
        ("We propose FernNet, a compact detector. The resulting detector reduces memory by 4.8x "
         "compared to YOLOv8.", [("memory", "4.8x")]),
    ],
)  # fmt: skip
def test_background_values_are_no_claims(
    extractor: Extractor, abstract: str, claims: list[tuple[str, str]]
) -> None:
    x = extractor.extract(paper("Fast ferns on microcontrollers", abstract))
    assert [(c.metric, c.value) for c in x.improves] == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("FernNet reaches a 78% success rate, compared with 52% for policies trained with sparse "
         "rewards.", [("success rate", "78%", "policies trained with sparse rewards")]),
        ("FernNet gives a 2.9x speedup versus 2.3x for Medusa.", [("speedup", "2.9x", "Medusa")]),
        # a relative clause describing the baseline, with its values, is the baseline's
        ("FernNet sustains 15.1 PetaFLOPs when compared to a strong single GPU baseline that "
         "sustains 39 TeraFLOPs, which is 30% of peak FLOPs.",
         [("throughput", "15.1 PetaFLOPs", "a strong single GPU baseline")]),
        # ... up to the comma that ends it; "shows that" opens no relative clause
        ("Compared to YOLOv8 that uses 8 GPUs, FernNet cuts latency by 30%.",
         [("latency", "30%", "YOLOv8")]),
        ("The comparison against YOLOv8 shows that FernNet has 33% higher throughput.",
         [("throughput", "33%", "YOLOv8")]),
    ],
)  # fmt: skip
def test_a_baselines_value_and_words_are_not_claimed(
    extractor: Extractor, sentence: str, claims: list[tuple[str, str, str]]
) -> None:
    got = fern(extractor, sentence).improves
    assert [(c.metric, c.value, c.baseline) for c in got] == claims


@pytest.mark.parametrize(
    ("sentence", "field", "by_metric"),
    [
        ("FernNet surpasses ResNet by 5.5 mAP on COCO detection and 7.7% mIoU on ADE20K.",
         "dataset", {"mAP": "COCO", "mIoU": "ADE20K"}),
        ("Experiments on SNLI-VE and COCO show that FernNet cuts latency by 40%.",
         "dataset", {"latency": "SNLI-VE"}),
        ("FernNet gives a 2.9x speedup over cuBLAS and a 2.1x throughput gain compared to vLLM "
         "from a serving perspective.", "baseline", {"speedup": "cuBLAS", "throughput": "vLLM"}),
        ("Compared with ResNet, FernNet has 55% fewer parameters, and runs at 1.7x the FPS.",
         "baseline", {"parameters": "ResNet", "FPS": "ResNet"}),
        # a "than" completes the comparative before it, not a level in an earlier clause
        ("FernNet reaches 95.3% accuracy on COCO, and runs 3.1x faster than YOLOv8.",
         "baseline", {"accuracy": None, "speed": "YOLOv8"}),
        ("FernNet speeds up decoding by 1.8x, while using 10x fewer parameters than Medusa.",
         "baseline", {"speedup": None, "parameters": "Medusa"}),
        # ... but a list's closing comparison, or one after an aside, compares all of it
        ("FernNet reaches a 1.55x speedup, and cuts latency by 36%, compared to YOLOv8.",
         "baseline", {"speedup": "YOLOv8", "latency": "YOLOv8"}),
        ("FernNet is 2x faster (e.g., 6x higher FPS) than YOLOv8.",
         "baseline", {"speed": "YOLOv8", "FPS": "YOLOv8"}),
        ("FernNet is 1.3% more accurate, and 2x faster than YOLOv8.",
         "baseline", {"accuracy": "YOLOv8", "speed": "YOLOv8"}),
        # a part of the sentence with a value of its own keeps its comparison and dataset
        ("FernNet achieves 4.70 FID on CIFAR10, and a 4x speedup compared with DDIM on various "
         "datasets.", "baseline", {"FID": None, "speedup": "DDIM"}),
        ("FernNet achieves 4.70 FID on CIFAR10, and a 4x speedup compared with DDIM on various "
         "datasets.", "dataset", {"FID": "CIFAR10", "speedup": None}),
        ("FernNet reduces model size by up to 3.7x, and a highly optimized inference system that "
         "provides 7.3x lower latency compared to Tutel.",
         "baseline", {"model size": None, "latency": "Tutel"}),
        ("FernNet reaches 84.4% top-1 accuracy on ImageNet, (ii) 2x higher throughput on 100 "
         "languages than all bilingual models.",
         "baseline", {"top-1 accuracy": None, "throughput": "all bilingual models"}),
        ("FernNet achieves 3.5x lower latency compared to other skiplists and between 0.85x-64x "
         "lower latency compared to tree-based indices.",
         "baseline", {"latency": "other skiplists"}),
        # a share of a baseline's performance names the baseline
        ("FernNet achieves more than 96.8% the performance of its teacher BERT-Base on GLUE, "
         "while being 7.5x smaller and 9.4x faster on inference.",
         "baseline", {"performance": "its teacher BERT-Base", "parameters": "its teacher BERT-Base",
                      "speed": "its teacher BERT-Base"}),
        ("FernNet improves the accuracy of BERT by 3%.", "baseline", {"accuracy": None}),
        # "with respect to" compares; a parity with a baseline's metric names the baseline
        ("FernNet reduces memory by 60% with respect to full fine-tuning.", "baseline",
         {"memory": "full fine-tuning"}),
        ("FernNet matches the accuracy of BERT-Large while being 4x smaller.", "baseline",
         {"parameters": "BERT-Large"}),
        # a factor of another's metric names its owner
        ("FernNet reaches 3x the throughput of vLLM on an A100.", "baseline",
         {"throughput": "vLLM"}),
        ("FernNet doubles the decoding speed of FlashAttention-2.", "baseline",
         {"speed": "FlashAttention-2"}),
        # each value's own "over": the first one's ends before the next value
        ("FernNet enables training speedups of up to 40% over MoEs trained with the Tutel library "
         "and 2.4x over DNNs trained with Megatron-LM.",
         "baseline", {"speedup": "MoEs trained with the Tutel library"}),
        # ... but a comparison opening the sentence, or closing it after a comma, is every
        # part's; a short list's last item, or a list in a parenthesis, is no part of its own
        ("FernNet improves throughput by 1.2x on A100, 1.4x on L40S; and by 2.4x on H100, "
         "compared to TensorRT-LLM.", "baseline", {"throughput": "TensorRT-LLM"}),
        ("Compared to existing systems, FernNet reduces memory by up to 8x, and the end-to-end "
         "latency by up to 36%.",
         "baseline", {"memory": "existing systems", "latency": "existing systems"}),
        ("FernNet gives 2x speedup, 3x less memory, and 30% less energy compared to YOLOv8.",
         "baseline", {"speedup": "YOLOv8", "memory": "YOLOv8", "energy": "YOLOv8"}),
        ("FernNet reduces FLOPs by about 44% while improving the accuracy (+0.5%, and +0.3%) "
         "over the base model.",
         "baseline", {"FLOPs": "the base model", "accuracy": "the base model"}),
    ],
)  # fmt: skip
def test_each_value_keeps_its_dataset_and_comparison(
    extractor: Extractor, sentence: str, field: str, by_metric: dict[str, str]
) -> None:
    claims = fern(extractor, sentence).improves
    assert {c.metric: getattr(c, field) for c in claims} == by_metric


@pytest.mark.parametrize(
    ("sentence", "metric_word", "wrong"),
    [
        ("FernNet reaches higher throughput on a single 24GB card.", "throughput", "24GB"),
        ("FernNet improves FPS while drawing only 2.5 W of power.", "FPS", "2.5 W"),
        ("FernNet cuts memory usage within a 30 ms budget.", "memory", "30 ms"),
    ],
)  # fmt: skip
def test_value_unit_must_fit_the_metric(
    extractor: Extractor, sentence: str, metric_word: str, wrong: str
) -> None:
    for c in fern(extractor, sentence).improves:
        if metric_word.casefold() in (c.metric_text or c.metric).casefold():
            assert c.value != wrong


@pytest.mark.parametrize(
    ("sentence", "task"),
    [
        ("We propose PikeKV to speed up LLM inference on long prompts.", "llm inference"),
        ("PikeKV makes FP4 training of transformers stable.", "fp4 training"),
        ("PikeKV targets Mixture-of-Experts (MoE) serving at scale.", "moe serving"),
    ],
)
def test_model_process_phrases_are_tasks(extractor: Extractor, sentence: str, task: str) -> None:
    assert task in _tasks(extractor, "PikeKV: Cache Tricks", sentence)


def _model_process_texts() -> list[str]:
    """Every model word before every process word, glued to a word, in parentheses, in a
    hyphenated word, each pair after the others: texts where a match glued to a word overlaps
    one that is not."""
    words = load_vocabulary().lexicon["model_process"]
    pairs = [(m, p) for m in words["models"] for p in words["processes"]]
    forms = ["{m} {p}", "x{m} {p}", "x{m} {p} {p}", "({m}s) {p}", "{m}-{m} {p}-{p}", "{m} {m} {p}"]
    return [", ".join(f.format(m=m, p=p) for m, p in pairs) for f in forms]


@pytest.mark.parametrize(
    "text",
    [
        "xLLM inference and LLM inference; (LLMs) training, ViTs inference.",
        "We speed up LLM  serving: MoE) training-free LLM inference",
        "Large Language Model(LLM) training, a[KV cache] compression, ((CNNs) inference",
        " ".join(_model_process_texts()),
        *_model_process_texts(),
    ],
)
def test_model_process_scan_equals_the_bounded_search(extractor: Extractor, text: str) -> None:
    """The scan from the model words' tokens (and opening brackets) finds what the bounded
    pattern finds, whatever the lexicon's words."""
    doc = extractor.nlp.make_doc(text)
    for name, proc in extractor.nlp.pipeline:
        if name in ("kg_title_boundary", "kg_sentences", "kg_terms", "kg_cues"):
            doc = proc(doc)
    bounded = re.compile(rf"\b{_MODEL_PROCESS.pattern}")
    spans = [m.span() for m in _model_processes(text, cue_starts(doc, "MODEL"))]
    assert spans == [m.span() for m in bounded.finditer(text)]


def test_title_for_drops_resource_adjective(extractor: Extractor) -> None:
    got = _tasks(extractor, "Bolt: Kernels for Energy-Efficient Graph Rendering", "We add Bolt.")
    assert "graph rendering" in got


@pytest.mark.parametrize(
    ("sentence", "prior"),
    [
        ("We propose HaloNet and compare it with an existing pruning method called ThinNet.",
         "ThinNet"),
        ("We also introduce a lighter version of GridFormer inside HaloNet.", "GridFormer"),
        # "contribute to" credits the field, not a contribution of the paper
        ("These findings contribute to GPTQ and AWQ research.", "GPTQ"),
        ("We contribute to the understanding of LLaMA quantization.", "LLaMA"),
    ],
)  # fmt: skip
def test_prior_work_after_a_cue_is_not_proposed(
    extractor: Extractor, sentence: str, prior: str
) -> None:
    p = paper("HaloNet: Sparse Halos", f"We propose HaloNet, a sparse network. {sentence}")
    names = [m.name for m in extractor.extract(p).methods]
    assert "HaloNet" in names and prior not in names


def test_improved_version_called_name_is_still_proposed(extractor: Extractor) -> None:
    p = paper("Fast halos", "We release an improved version called HaloNet2 that halves latency.")
    assert "HaloNet2" in [m.name for m in extractor.extract(p).methods]


@pytest.mark.parametrize(
    "sentence",
    [
        "ReedNet cuts GPU memory usage by 40% during training.",
        "ReedNet raises GPU utilization to 90% in our runs.",
        "The search for ReedNet takes only 30 CPU minutes.",
        # hardware the method does without
        "ReedNet trains in real time without GPU.",
        "ReedNet needs no dedicated accelerator at all.",
    ],
)
def test_hardware_as_a_resource_word_is_not_a_target(extractor: Extractor, sentence: str) -> None:
    p = paper("ReedNet: Lean Training", f"We propose ReedNet, a lean trainer. {sentence}")
    assert not extractor.extract(p).targets


@pytest.mark.parametrize(
    ("abstract", "sentences"),
    [
        ("We propose FernNet for accelerators (e.g. GPUs and NPUs). It is fast.", 2),
        ("FernNet needs less memory (19.2GB vs. 24.2GB) than dense models. It is small.", 2),
        ("FernNet follows Smith et al. 2020 closely. It is small.", 2),
        ("FernNet is fast. It is small! Is it accurate? Yes.", 4),
        ('FernNet is "fast." It is small... 2.5x faster?! (It is.) Done.', 5),
        ("FernNet has no end mark", 1),
    ],
)
def test_sentences_do_not_end_at_abbreviations(abstract: str, sentences: int) -> None:
    doc = build_nlp()("FernNet\n\n" + abstract)
    assert len(list(doc.sents)) == 1 + sentences  # the title is a sentence of its own


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("It works on two fronts: 1) model convergence speedup by using a prior; 2) inference "
         "latency by distillation.", {("speedup", None)}),
        ("FernNet gains on two fronts: (1) 2x speedup and (2) 30% less memory.",
         {("speedup", "2x"), ("memory", "30%")}),
    ],
)  # fmt: skip
def test_item_numbers_are_not_values(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str | None]]
) -> None:
    assert {(c.metric, c.value) for c in fern(extractor, sentence).improves} == claims


@pytest.mark.parametrize(
    ("sentence", "value", "baseline"),
    [
        ("FernNet trains 5--12times faster than dense attention.", "5--12times",
         "dense attention"),
        ("FernNet needs less memory (19.2GB vs. 24.2GB) than dense models.", "19.2GB vs. 24.2GB",
         "dense models"),
        ("FernNet matches dense models and outperforms them by 2.1% accuracy.", "2.1%", None),
        ("FernNet transcribes speech 4x faster than real time.", "4x", None),
        ("FernNet raises goodput by 1.9x over vLLM.", "1.9x", "vLLM"),
    ],
)  # fmt: skip
def test_value_ranges_and_pronoun_baselines(
    extractor: Extractor, sentence: str, value: str, baseline: str | None
) -> None:
    claims = fern(extractor, sentence).improves
    assert [(c.value, c.baseline) for c in claims] == [(value, baseline)]


@pytest.mark.parametrize(
    "sentence",
    [
        "FernNet retains 96.7% of the accuracy of dense detectors.",
        "FernNet prunes half the channels while maintaining 99% accuracy.",
        "Adding ferns to the detector hurts accuracy in our experiments.",
        "FernNet increases memory usage by 40% over dense detectors.",
        "FernNet consumes up to 46x more energy than dense detectors.",
        "FernNet reaches 64.3% AP on COCO, comparable to dense detectors.",
        "FernNet finds the best speed-accuracy trade-off among detectors.",
        "FernNet removes attention at the cost of slower convergence.",
        "FernNet prunes the ferns, keeping accuracy within 0.5% of dense detectors.",
        # behind on the metric, whichever way it is better
        "FernNet is compact but lags by 1.2% in accuracy on COCO.",
        # levels at parity, with a claim word elsewhere in the sentence
        "FernNet-L achieves 64.3% AP on COCO without extra data, and 62.1% mIoU on ADE20K, both "
        "of which are comparable to state-of-the-art methods.",
        # "smaller" said of a noun, or of no method named: a description
        "FernNet lets CODEGEN, an open-sourced and 10x smaller model than CODEX, match CODEX.",
        "We distill the ensemble into a student model that is 8x smaller than the teacher.",
        # a cost paid, a metric lost
        "FernNet prunes the ferns at a negligible latency overhead of 2%.",
        "Distilled to one step, FernNet loses less than 2% success rate on RoboMimic.",
        "FernNet runs with less than 3% latency overhead.",
        "FernNet learns each task with 2% extra parameters per task.",
        "Ablating these heads reduces few-shot accuracy by 31%.",
        # a level below the baseline's
        "FernNet reaches a top-1 accuracy of 79.6% (vs. 79.8% for the unpruned model).",
        "FernNet cuts latency to 12 ms, compared with 9 ms for TensorRT.",
        # a share of a cost, not a cut of it
        "With FernNet, the decoding phase consumes 78% of the energy on a Jetson Orin Nano.",
        "In FernNet, attention accounts for nearly 60% of the latency.",
        # a metric word hyphened to a name is part of the name
        "FernNet outperforms Tutel and Faster-MoE by 9%-30%.",
        # "as fast as" with no factor: parity
        "FernNet runs as fast as MobileNetV2 on an iPhone 12.",
        # a cost something needs, stated as the problem
        "Training on a context of 8192 needs 16x computational costs as that of 2048.",
        # another model's result, given as an example
        "For instance, GPT-4o has achieved a 91.0% pass rate on HumanEval.",
    ],
)
def test_no_improvement_claimed(extractor: Extractor, sentence: str) -> None:
    assert fern(extractor, sentence).improves == []


@pytest.mark.parametrize(
    ("sentence", "metric", "value"),
    [
        ("FernNet reaches 6.0x higher energy efficiency than GPUs.", "energy", "6.0x"),
        ("We observe a 1.71x increase in TFLOPS per GPU over ZeRO++.", "throughput", "1.71x"),
        ("Specifically, there is only a marginal 0.05 FID increase after quantization.", "FID",
         "0.05"),
        ("FernNet reaches 64.3% AP, comparable to dense detectors, and runs 2x faster.",
         "speed", "2x"),
        # an overhead reduced is a gain
        ("FernNet reduces the latency overhead of checkpointing by 3x.", "latency", "3x"),
        ("FernNet has a 2x lower latency overhead than checkpointing.", "latency", "2x"),
        # a part of the cost: a level, not a share of it
        ("FernNet needs only 38% of the runtime of tree search.", "runtime", "only 38%"),
        ("FernNet consumes 40% less energy than dense detectors.", "energy", "40%"),
        ("FernNet reduces top-1 error by 2%.", "top-1 accuracy", "2%"),
        ("FernNet reaches 81.2% top-1 accuracy, compared with 79.8% for DeiT-S.",
         "top-1 accuracy", "81.2%"),
        ("FernNet achieves 2.6x lower numerical error than FP8 attention.", "numerical error",
         "2.6x"),
        ("FernNet delivers up to three orders-of-magnitude speedups over CPUs.", "speedup",
         "up to three orders-of-magnitude"),
        ("FernNet gets 4.6 folds training speedup over BarNet.", "speedup", "4.6 folds"),
        ("FernNet is 15X faster, with TOPS/Watt about 30X - 80X higher.", "energy",
         "about 30X - 80X"),
        # a metric word that opens a hedge: "speed" + "up to", not "speed up"
        ("FernNet can improve the inference speed up to 18%.", "speed", "up to 18%"),
    ],
)  # fmt: skip
def test_improvement_claimed(extractor: Extractor, sentence: str, metric: str, value: str) -> None:
    assert (metric, value) in [(c.metric, c.value) for c in fern(extractor, sentence).improves]


@pytest.mark.parametrize(
    ("abstract", "name", "alias"),
    [
        # a coined acronym that is also a metric's name
        ("We propose Memory of Amortized Contexts (MAC), an online adaptation framework.",
         "MAC", "Memory of Amortized Contexts"),
        # a common word written in capitals as a name, with no comma after it
        ("We propose BASED a simple architecture combining two attentions.", "BASED", None),
        # the long form keeps its last word when the acronym spells it ("Block" of NCB) ...
        ("We introduce a Next Convolution Block (NCB) for deployment.", "NCB",
         "Next Convolution Block"),
        # ... and drops a generic one it does not spell
        ("We propose a mixed-precision quantization algorithm (MPQ) for serving.", "MPQ",
         "mixed-precision quantization"),
        # a common word capitalised as the first word of a two-word name
        ("We present FernNet, a serving system. To reduce fragmentation, FernNet proposes "
         "Unified Paging, which pools memory.", "Unified Paging", None),
        # a capitalised word before a component word, after a word saying it is new
        ("This paper proposes a novel Ghost module to generate more feature maps.", "Ghost",
         None),
        # a name said to be the one proposed
        ("Detection is slow. The proposed FernNet achieves a 2x speedup.", "FernNet", None),
        ("Detection is slow. FernNet, our new detector, halves latency.", "FernNet", None),
    ],
)  # fmt: skip
def test_coined_names(extractor: Extractor, abstract: str, name: str, alias: str | None) -> None:
    methods = {m.name: m for m in extractor.extract(paper("Fast Ferns", abstract)).methods}
    assert name in methods
    assert alias is None or alias in methods[name].aliases


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("FernNet consists of FernAttn, a sparse attention kernel, and FernCache, a cache "
         "manager.", ["FernAttn", "FernCache"]),
        ("It comprises three modules, namely FernAttn, FernCache and FernSched.",
         ["FernAttn", "FernCache", "FernSched"]),
        # existing models it is built from are no parts it proposes
        ("FernNet consists of a ResNet-50 backbone and a BERT encoder.", []),
    ],
)  # fmt: skip
def test_parts_a_composition_verb_lists(
    extractor: Extractor, sentence: str, parts: list[str]
) -> None:
    methods = fern(extractor, sentence).methods
    assert [(m.name, m.main) for m in methods] == [
        ("FernNet", True), *((p, False) for p in parts)
    ]  # fmt: skip


def test_a_long_form_does_not_reach_into_an_earlier_parenthesis(extractor: Extractor) -> None:
    x = extractor.extract(paper("Fast Ferns", (
        "We propose FernNet, which designs the neural architecture (FernNAS) and the lightweight "
        "inference engine (FernEngine)."
    )))  # fmt: skip
    methods = {m.name: m.aliases for m in x.methods}
    assert methods["FernEngine"] == ()


def test_a_capitalised_description_is_no_name(extractor: Extractor) -> None:
    x = extractor.extract(
        paper("Fast Ferns", "We introduce FernNet: Large Language Model for Code Efficiency.")
    )
    assert [m.name for m in x.methods] == ["FernNet"]


@pytest.mark.parametrize(
    ("abstract", "acronym"),
    [
        ("Can we design a Convolutional Network (ConvNet) under a latency budget?", "ConvNet"),
        ("We propose a knowledge graph (KG) built from filings.", "KG"),
        # design levels and number formats
        ("We propose FernHLS, which replaces register-transfer level (RTL) design.", "RTL"),
        ("We propose FernQuant, a novel W8A8 quantization for LLMs.", "W8A8"),
        # well-known architectures the paper builds on
        ("We propose an efficient UNet for segmentation on edge devices.", "UNet"),
        ("We design a GCN accelerator with a hybrid architecture.", "GCN"),
        ("Our R50 model reaches 40% NDS.", "R50"),
        (
            "In this paper, we introduce FernMAC, an innovative lookup table(LUT)-based method "
            "designed for efficient low-bit LLM (i.e., weight-quantized LLM) inference on CPUs.",
            "LUT",
        ),
    ],
)
def test_generic_or_questioned_acronyms_are_not_proposed(
    extractor: Extractor, abstract: str, acronym: str
) -> None:
    names = {m.name for m in extractor.extract(paper("Fast Ferns", abstract)).methods}
    assert acronym not in names


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # a unit only some metrics are measured in: the SSIM reached, but no gain in dB
        ("FernNet reaches an SSIM of 0.89, outperforming diffusion by 0.8 dB.", [("SSIM", "0.89")]),
        ("FernNet outperforms diffusion by 0.8 dB in PSNR.", [("PSNR", "0.8 dB")]),
        # a ratio measured at is a setting; the speedup after it is the claim
        ("At 8x acceleration, FernNet is 50x faster than diffusion.", [("speed", "50x")]),
        ("FernNet reconstructs scans at 8x acceleration with 20% lower latency.",
         [("latency", "20%")]),
        # a metric word naming a thing ("a compute engine") is no metric
        ("FernNet gives a 4.79x gain over highly-optimized single compute engine implementations.",
         []),
        # a budget or constraint on a metric is a condition
        ("FernNet serves 7.4x more requests while staying within latency constraints for > 90% "
         "of requests.", [("throughput", "7.4x")]),
        ("FernNet cuts the memory budget by 50%.", []),
        # a benchmark's score is a metric; an importance or attention score is a quantity used
        ("FernNet improves MMLU scores by 3.2% over LLaMA-2.", [("score", "3.2%")]),
        ("FernNet raises the importance scores of salient channels by 20%.", []),
    ],
)  # fmt: skip
def test_values_a_metric_cannot_take(
    extractor: Extractor, sentence: str, claims: list[tuple[str, str]]
) -> None:
    assert [(c.metric, c.value) for c in fern(extractor, sentence).improves] == claims


@pytest.mark.parametrize(
    ("sentence", "dataset"),
    [
        ("On the HPatches benchmark, FernNet reduces latency by 23%.", "HPatches"),
        ("FernNet reduces latency by 23% on the fastMRI dataset.", "fastMRI"),
        ("In the MegaDepth benchmark, FernNet reduces latency by 23%.", "MegaDepth"),
        ("On the ISPD 2015 benchmarks, FernNet reduces latency by 23%.", "ISPD 2015"),
        (
            "On 9 of 12 tasks of the MoleculeNet benchmark, FernNet reduces latency by 23%.",
            "MoleculeNet",
        ),
    ],
)
def test_dataset_named_by_its_head_word(extractor: Extractor, sentence: str, dataset: str) -> None:
    x = fern(extractor, sentence)
    assert [d.name for d in x.datasets] == [dataset]
    assert [c.dataset for c in x.improves] == [dataset]


@pytest.mark.parametrize(
    "sentence",
    [
        "We explore whether we can reduce memory consumption by 2x.",
        # a hope for future work
        "We hope FernNet will inspire future avenues to reduce memory and computation demands.",
        # an expectation, and an assumption challenged
        "With FernNet we can also expect a significant speedup using half-precision units.",
        "We challenge the assumption that sparse methods are more memory-efficient.",
    ],
)
def test_a_question_or_a_hope_is_not_a_result(extractor: Extractor, sentence: str) -> None:
    p = paper("FernNet: Fast Ferns", f"We propose FernNet. {sentence}")
    assert extractor.extract(p).improves == []


@pytest.mark.parametrize(
    ("abstract", "description", "kind"),
    [
        ("We present a comprehensive empirical study of quantized accuracy.", None, None),
        ("In this paper, we address the challenges posed by long videos.", None, None),
        ("We study how reward model size affects overoptimization in RLHF.", None, None),
        ("We introduce a simple, unified framework to handle diverse conditions.",
         "simple unified framework", "framework"),
        ("We propose a new framework to find architectures for efficient Transformers.",
         "framework to find architectures", "framework"),
        ("We then present a novel algorithm for softmax computation in two passes.",
         "algorithm for softmax computation", "method"),
        # a bare head is kept when no sentence says more
        ("Our approach is simple and fast.", "approach", "method"),
        ("Results show that the proposed window-based early-exit approach is accurate.",
         "window-based early-exit approach", "method"),
    ],
)  # fmt: skip
def test_unnamed_proposals(
    extractor: Extractor, abstract: str, description: str | None, kind: str | None
) -> None:
    methods = extractor.extract(paper("On Ferns", abstract)).methods
    if description is None:
        assert methods == []
    else:
        assert [(m.name, m.description, m.kind) for m in methods] == [(None, description, kind)]


@pytest.mark.parametrize(
    ("title", "abstract", "name"),
    [
        # a capitalised phrase the title spells as a name is one
        ("Break the Sequential Dependency of LLM Inference Using Lookahead Decoding",
         "In this paper, we introduce Lookahead decoding, an exact parallel decoding algorithm.",
         "Lookahead Decoding"),
        # not a description that ends in a kind word
        ("A Transformer-based Model for Ferns",
         "In this paper, we introduce a Transformer-based model for fern growth.", None),
        # a head written as a letter-prefixed name the title holds
        ("A Locality-Optimized In-Memory B-Skiplist",
         "In this paper, we present a practical concurrent B-skiplist that enhances locality.",
         "B-skiplist"),
        ("X-Ray Imaging for Ferns", "In this paper, we present a fast X-ray of ferns.", None),
        # the title's prefix, spelled in lowercase (and quoted) in the abstract
        ("Deep Compression: Pruning and Coding of Networks",
         'To address this, we introduce "deep compression", a three stage pipeline.',
         "Deep Compression"),
    ],
)  # fmt: skip
def test_a_described_phrase_the_title_spells_as_a_name(
    extractor: Extractor, title: str, abstract: str, name: str | None
) -> None:
    assert [m.name for m in extractor.extract(paper(title, abstract)).methods] == [name]


@pytest.mark.parametrize(
    ("sentence", "claimed"),
    [
        ("M3ViT achieves better accuracy and over 80% computation reduction.", False),
        ("Although recently proposed adapters train 2% of parameters, they reduce memory by 30%.",
         False),
        ("However, existing kernels suffer from 20-90% runtime overhead on GPUs.", False),
        ("With a recently proposed optimizer, we improve accuracy by 5.3% on ImageNet.", True),
        ("Although dense models are slow, we reduce latency by 3x.", True),
        ("FernNet-S improves accuracy by 2.1% over M3ViT.", True),
    ],
)  # fmt: skip
def test_claims_about_other_work(extractor: Extractor, sentence: str, claimed: bool) -> None:
    assert bool(fern(extractor, sentence).improves) is claimed


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("FernNet reduces computational costs by 5.2x and GPU memory by 2-6x without "
         "compromising performance.", {("FLOPs", "5.2x"), ("memory", "2-6x")}),
        ("FernNet shows less than 3% accuracy degradation compared to full precision.", set()),
        ("FernNet speeds up high-performance computing by 2x.", {("speedup", "2x")}),
        ("FernNet is 3.3x faster than MobileViT while being 1.3% more accurate.",
         {("speed", "3.3x"), ("accuracy", "1.3%")}),
        ("FernNet gives 12.1x higher energy efficiency and 2.85x in area efficiency.",
         {("energy", "12.1x"), ("area efficiency", "2.85x")}),
        ("FernNet gives a ~2x speedup on A100 and a ~2.4x parameter reduction.",
         {("speedup", "~2x"), ("parameters", "~2.4x")}),
        # a value after a metric and against its direction is not its gain
        ("FernNet reaches 59.9% top-1 accuracy with only 24M FLOPs, which is about 1.9% higher "
         "than MobileNetV3.", {("top-1 accuracy", "59.9%")}),
        ("FernNet keeps high accuracy, 2% lower than the teacher.", set()),
        # a metric written as the value's unit is that value's metric, unless the rate is the
        # input's ("30 FPS videos")
        ("FernNet achieves 53.1% AP on COCO and 108 FPS on a T4 GPU, outperforming YOLOv8.",
         {("AP", "53.1%"), ("FPS", "108 FPS")}),
        ("FernNet runs at 30 FPS on a Jetson Nano, 3x faster than MobileNetV2.",
         {("FPS", "30 FPS"), ("speed", "3x")}),
        ("FernNet segments 30 FPS videos 2x faster than SAM.", {("speed", "2x")}),
        # a change from one number to another, read in the metric's direction
        ("FernNet lowers perplexity from 12.3 to 10.1 on WikiText-2.",
         {("perplexity", "12.3 to 10.1")}),
        ("FernNet reduces latency from 120 ms to 45 ms.", {("latency", "120 ms to 45 ms")}),
        ("FernNet decreases the mAP of the detector from 0.824 to 0.353.", set()),
        # a change written in two units of one quantity compares in one
        ("FernNet cuts the training time from 3 hours to 30 minutes.",
         {("training time", "3 hours to 30 minutes")}),
        ("FernNet reduces latency from 1.2 s to 300 ms.", {("latency", "1.2 s to 300 ms")}),
        ("FernNet raises latency from 300 ms to 1.2 s.", set()),
        ("FernNet reduces the search cost from 48,000 GPU hours to 200 GPU hours.",
         {("cost", "48,000 GPU hours to 200 GPU hours")}),
        # two values joined, in units of two quantities, are each their metric's
        ("FernNet achieves 12.5 TOPS/W and 4 TOPS.",
         {("energy", "12.5 TOPS/W"), ("throughput", "4 TOPS")}),
        ("FernNet trains models of over 100B parameters on 400 GPUs, achieving throughput of 15 "
         "Petaflops.", {("throughput", "15 Petaflops")}),
        # a FLOP rate is a throughput, not a count of operations
        ("FernNet reaches 225 TFLOPs/s per A100 GPU (72% model FLOPs utilization).",
         {("throughput", "225 TFLOPs/s"), ("efficiency", "72%")}),
        # a change against something wins over a level of the same metric
        ("FernNet reaches 2,100 tokens/s, 1.8x higher throughput than vLLM.",
         {("throughput", "1.8x")}),
        ("FernNet runs at 2,100 tokens/s on an A100 GPU. FernNet gives 1.8x higher throughput "
         "than vLLM.", {("throughput", "1.8x")}),
        # a value in the subject of a claim verb is not the claim's; one after a long list of
        # baselines is
        ("FernNet with 20% heavy hitters improves the throughput over DeepSpeed, Hugging Face "
         "Accelerate, and FlexGen by up to 29x, 29x, and 3x.",
         {("throughput", "up to 29x, 29x, and 3x")}),
        ("FernNet with 20% heavy hitters improves the throughput.", {("throughput", None)}),
        ("FernNet improves the decoding speed of Llama2-7B, Llama2-13B, and Vicuna-33B on an "
         "A100 by up to 4.04x, 3.73x, and 2.27x.", {("speed", "up to 4.04x, 3.73x, and 2.27x")}),
        ("FernNet activates fewer parameters compared to existing methods, thus speeding up "
         "the LLM inference by up to 1.27x.", {("speedup", "up to 1.27x")}),
        # two accuracy words written together are one accuracy, the first one's
        ("FernNet reaches 2.1% better top-5 classification accuracy than MobileNet.",
         {("top-5 accuracy", "2.1%")}),
        # a coordinated metric shares no value it cannot be measured in
        ("FernNet achieves less than 15 ns of inference latency and throughput in the hundreds "
         "of millions of inferences per second.", {("latency", "less than 15 ns")}),
        # metrics coordinated after one claim word are all claimed
        ("FernNet shows significant improvements in latency and accuracy over prior works.",
         {("latency", None), ("accuracy", None)}),
        # ... and so does a saving over a small cost paid in it
        ("FernNet adds only 3.8% memory overhead. FernNet saves the memory by up to 6.5x.",
         {("memory", "up to 6.5x")}),
        ("FernNet reduces the memory overhead by 8x. FernNet saves the memory by up to 36%.",
         {("memory", "8x")}),
        # a value before "at" is the clause's before, not the metric's after it
        ("FernNet reaches 82.9% top-1 accuracy, surpassing Swin-T by 1.6% at lower FLOPs.",
         {("top-1 accuracy", "82.9%")}),
        ("FernNet matches the baseline while generating 45% fewer tokens.", {("cost", "45%")}),
        # a level at parity takes no claim; a gain after it does
        ("FernNet achieves a 95.1% success rate, on par with OpenVLA, while increasing the "
         "control frequency from 5 Hz to 48 Hz.", {("control frequency", "5 Hz to 48 Hz")}),
        ("FernNet runs at 62 Hz, a 40x increase in action frequency.",
         {("control frequency", "40x")}),
        # a metric changed "by" a value is a claim before a parity phrase too
        ("FernNet reduces the number of trainable parameters by 50% and cuts fine-tuning time "
         "by 30%, while achieving performance comparable to full LoRA.",
         {("parameters", "50%"), ("training time", "30%")}),
        ("FernNet is 10x smaller and 14x faster than MedSAM.",
         {("parameters", "10x"), ("speed", "14x")}),
        ("FernNet reduces the communication volume by 16x compared to FedAvg.",
         {("communication cost", "16x")}),
        # a percentile names the latency, it is no value of it
        ("FernNet achieves between 3.5x-103x lower 99% latency compared to Folly.",
         {("latency", "3.5x-103x")}),
    ],
)  # fmt: skip
def test_each_value_goes_to_its_own_metric(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str]]
) -> None:
    assert {(c.metric, c.value) for c in fern(extractor, sentence).improves} == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # a number with no unit written against a score is the level the method reaches
        ("FernNet achieves 28.4 BLEU on WMT14 English-German.", {("BLEU", "28.4", "higher")}),
        ("FernNet reaches a FID of 3.0 on CIFAR-10 in 4 steps.", {("FID", "3.0", "lower")}),
        ("FernNet obtains a perplexity of 10.8 on WikiText103.",
         {("perplexity", "10.8", "lower")}),
        ("FernNet achieves a state-of-the-art test F1 score 99.36 on the PPI dataset.",
         {("F1", "99.36", "higher")}),
        ("FernNet achieves 53.1 AP on COCO, outperforming YOLOv8.", {("AP", "53.1", "higher")}),
        # a change of the score wins over its level
        ("FernNet reaches 24.1 mAP on Pascal VOC, outperforming MCUNet by 3.4 mAP.",
         {("mAP", "3.4", "higher")}),
        # no verb of reaching, or a number that is no score's: no level
        ("The 28.4 BLEU of the teacher is kept by FernNet.", set()),
        ("FernNet achieves 16 steps with 4 GPUs.", set()),
    ],
)  # fmt: skip
def test_levels_of_scores_written_without_a_unit(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str, str]]
) -> None:
    found = fern(extractor, sentence).improves
    assert {(c.metric, c.value, c.direction) for c in found} == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # a time taken, with no metric named: the time of the work before "in"
        ("FernNet achieves 3D content generation in only 10 seconds.",
         {("runtime", "only 10 seconds", None)}),
        ("FernNet runs text-to-image models on mobile devices in less than 2 seconds.",
         {("runtime", "less than 2 seconds", None)}),
        # training: the time is the training time; a later comparison is the other claim's
        ("FernNet is trained on 2048 TPU v3 accelerators in 4 days, with 3% higher accuracy "
         "than GPipe.",
         {("training time", "4 days", None), ("accuracy", "3%", "GPipe")}),
        ("FernNet converges in 10 epochs.", set()),  # an epoch is no time
        ("FernNet reaches 99.3% of the performance of ChatGPT while only requiring 24 hours of "
         "finetuning on a single GPU.",
         {("performance", "99.3%", "ChatGPT"), ("training time", "24 hours", None)}),
        ("In the first 10 seconds of a video, FernNet detects the speaker.", set()),
    ],
)  # fmt: skip
def test_times_taken_with_no_metric_named(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str, str | None]]
) -> None:
    found = fern(extractor, sentence).improves
    assert {(c.metric, c.value, c.baseline) for c in found} == claims
    times = [c for c in found if c.family == "speed"]
    assert all(c.evidence.rule == "time_taken" for c in times)
    assert all(c.metric_text not in ("in", "within") for c in times)  # the metric, named


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("FernNet can outperform previous works in both perplexity and zero-shot accuracy.",
         {("perplexity", "previous works"), ("accuracy", "previous works")}),
        ("FernNet outperforms a CTC-based model in terms of both latency and accuracy.",
         {("latency", "a CTC-based model"), ("accuracy", "a CTC-based model")}),
        # a score named for the model that computes it, in the plural
        ("FernNet achieves better FID and CLIP scores than Stable Diffusion v1.5.",
         {("FID", "Stable Diffusion v1.5"), ("CLIP score", "Stable Diffusion v1.5")}),
        ("FernNet consistently surpasses BP in classification accuracy on MLPs.",
         {("accuracy", "BP")}),
        ("FernNet outperforms prior methods in both efficiency and memory usage.",
         {("memory", "prior methods")}),  # bare "efficiency" stays too vague
        ("FernNet outperforms prior methods, with similar memory usage.", set()),
        # each item of a list of metrics, after a comparative as after a verb
        ("FernNet is more cost-effective in terms of latency, memory, throughput, and energy "
         "consumption.", {("latency", None), ("memory", None), ("throughput", None),
                          ("energy", None)}),
    ],
)  # fmt: skip
def test_metric_it_outperforms_in(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str]]
) -> None:
    assert {(c.metric, c.baseline) for c in fern(extractor, sentence).improves} == claims


def test_a_value_in_parentheses_is_the_metric_s_before_it(extractor: Extractor) -> None:
    sentence = "FernNet improves retrieval (MRR@10: +36.7%) and answer accuracy (F1: +11.6%)."
    claims = {(c.metric, c.value) for c in fern(extractor, sentence).improves}
    assert ("MRR", "36.7%") in claims
    assert not {v for m, v in claims if m != "MRR"} & {"36.7%"}


@pytest.mark.parametrize(
    ("sentence", "family"),
    [
        # "performance" gained by a factor is speed, unless scored on a benchmark
        ("FernNet gives up to 5.35x performance improvement over vLLM.", "speed"),
        ("FernNet has 5x performance improvement on the localization benchmarks.", "accuracy"),
        ("FernNet improves performance by 3.1% over vLLM.", "accuracy"),
    ],
)
def test_family_of_performance(extractor: Extractor, sentence: str, family: str) -> None:
    assert [c.family for c in fern(extractor, sentence).improves] == [family]


@pytest.mark.parametrize(
    ("sentence", "metric", "direction"),
    [
        ("FernNet achieves 6.0x higher energy efficiency than GPUs.", "energy", "higher"),
        ("FernNet gives 1.8x better cost efficiency than GPUs.", "cost", "higher"),
        ("FernNet reduces energy consumption by 30%.", "energy", "lower"),
        ("FernNet shows lower CPU utilization (9.5% vs. 23.2%).", "efficiency", "lower"),
        ("FernNet is 2.5x more cost-effective than vLLM.", "cost", "higher"),
        ("FernNet is 2.5x more energy-efficient than BarChip.", "energy", "higher"),
        ("FernNet reaches 2.5 TOPS/Watt, 30X higher than GPUs.", "energy", "higher"),
        # a compression ratio is a model size that is better higher
        ("FernNet achieves 8x activation compression ratio compared to DNAS.", "parameters",
         "higher"),
    ],
)  # fmt: skip
def test_direction_of_efficiency(
    extractor: Extractor, sentence: str, metric: str, direction: str
) -> None:
    assert [(c.metric, c.direction) for c in fern(extractor, sentence).improves] == [
        (metric, direction)
    ]


def test_cost_effective_said_of_other_hardware_is_no_claim(extractor: Extractor) -> None:
    """ "when using more cost-effective ones (A6000)": said of the GPUs, not of the method."""
    sentence = (
        "FernNet gives speedups over FP16 of around 3.25x when using high-end GPUs (A100) and "
        "4.5x when using more cost-effective ones (A6000)."
    )
    assert "cost" not in [c.family for c in fern(extractor, sentence).improves]


@pytest.mark.parametrize(
    ("sentence", "datasets"),
    [
        ("We evaluate FernNet on benchmarks such as Koala, Self-Instruct, and MT-Bench.",
         {"Koala", "Self-Instruct", "MT-Bench"}),
        ("Experiments on the SNLI-VE and MS COCO datasets show gains.", {"SNLI-VE", "COCO"}),
        ("FernNet solves 80% of MATH500 problems, more than on MATH.", {"MATH500", "MATH"}),
        ("FernNet helps tasks such as RAG and ICL.", set()),
        ("We train the models on the SA-1B and SA-V datasets.", set()),  # training data
        # the other names of a list that holds a known dataset
        ("FernNet leads on five benchmarks, BrowseComp, GAIA, xbench-DeepSearch, and Seal-0.",
         {"BrowseComp", "GAIA", "xbench-DeepSearch", "Seal-0"}),
        ("FernNet scores 65.9% on AIME'24, HMMT-Feb'25, and MATH500.",
         {"AIME", "HMMT-Feb'25", "MATH500"}),
        ("FernNet runs 2.2x faster on A100, H100 and MATH500 at 70.4 FPS.", {"MATH500"}),
        ("FernNet is compared with LLaMA, Vicuna and Alpaca on MMLU.", {"MMLU"}),
        # a known dataset with a year, edition or resolution goes under its name
        ("FernNet reaches 1.20 FID on ImageNet-64x64 and 8.20 on zero-shot COCO2014.",
         {"ImageNet", "COCO"}),
        ("FernNet reaches 84.4% on ImageNet-2012 and 50.1 mAP on COCO 2017.",
         {"ImageNet", "COCO"}),
        # a year after a slash is an edition of the name before it, not a dataset
        ("Evaluations on skin lesion datasets (ISIC 2017/2018: mDice 84.2) show gains.",
         {"ISIC", "ISIC 2017"}),
        # names set off after a plural head word, closing the sentence or a clause
        ("We conduct experiments on two public datasets, HECKTOR21 and PI-CAI22.",
         {"HECKTOR21", "PI-CAI22"}),
        ("FernNet is tested on three benchmarks, Foo-QA, BarBench and Baz3D, and wins.",
         {"Foo-QA", "BarBench", "Baz3D"}),
        # a capitalised word after "the", before a head word
        ("FernNet leads all open models on the Vicuna benchmark.", {"Vicuna"}),
        # editions and short forms of known datasets (not the plain words: "images of flowers")
        ("FernNet reaches 98.8% on Flowers-102 and 80 mIoU on VOC with images of flowers.",
         {"Oxford Flowers", "Pascal VOC"}),
        # a dataset the data is taken from
        ("FernNet builds a k-NN graph on 95 million images from the Yfcc100M dataset.",
         {"Yfcc100M"}),
        # keyword spotting, wake words and LLM serving traces
        ("FernNet reaches 96% on Speech Commands v2 and 88% on VWW, and serves ShareGPT "
         "requests 2x faster.", {"Speech Commands", "Visual Wake Words", "ShareGPT"}),
        # or after a singular head, names that may open in lowercase
        ("Experiments on the largest SAR vessel dataset, xView3-SAR, show gains.",
         {"xView3-SAR"}),
        # a subject after the comma is not a list of datasets
        ("On both benchmarks, GPT-4o and Claude fail.", set()),
        ("Across all benchmarks, GPT-4o, Claude, and Gemini lag behind FernNet.", set()),
    ],
)  # fmt: skip
def test_datasets(extractor: Extractor, sentence: str, datasets: set[str]) -> None:
    assert {d.name for d in fern(extractor, sentence).datasets} == datasets


def test_a_dataset_name_inside_the_papers_own_is_not_evaluated_on(extractor: Extractor) -> None:
    x = extractor.extract(
        paper(
            "AgentBench-Web: Evaluating LLM Agents on Real Websites",
            "We construct AgentBench-Web, a benchmark of 812 tasks on live websites. "
            "The best agent completes 31.5% of the AgentBench-Web tasks.",
        )
    )
    assert [d.name for d in x.datasets] == []


@pytest.mark.parametrize(
    ("sentence", "hardware"),
    [
        ("FernNet runs at 30 FPS on a Snapdragon 835.", {"Qualcomm Snapdragon 835"}),
        ("FernNet runs at 30 FPS on an iPhone 15 Pro Max.", {"Apple iPhone 15 Pro Max"}),
        ("FernNet serves 2x more requests on L40S GPUs.", {"NVIDIA L40S GPU"}),
        ("FernNet is an FPGA accelerator for detection.", {"FPGA"}),
        ("FernNet runs 2x faster on an Arm CPU.", {"ARM CPU"}),
        ("FernNet reaches 79 ms latency on a Pixel 1 phone.", {"Google Pixel 1"}),
        ("FernNet runs at 30 FPS on an iPhone12 mobile device.", {"Apple iPhone 12"}),
        # a vendor and a class name no product line
        ("FernNet runs 2x faster on the Intel CPU.", {"Intel CPU"}),
        ("FernNet runs 2x faster on AMD CPUs.", {"AMD CPU"}),
        ("FernNet reaches 78 ms latency on a Pixel phone.", {"Google Pixel"}),
        ("FernNet reaches 23 ms latency on a Samsung S8 phone.", {"Samsung Galaxy S8"}),
        # the board an edge accelerator is in is hardware of its own
        ("FernNet runs on the Edge TPU in Coral devices.", {"Google Edge TPU", "Google Coral"}),
        # a model letter before the sentence's period
        ("FernNet achieves a 1.4x speedup on an iPhone X. It is small.", {"Apple iPhone X"}),
        # a model number hyphened onto the board; a vendor's name names no product line of it
        ("FernNet runs at 20 FPS on a Raspberry Pi-4.", {"Raspberry Pi 4"}),
        ("FernNet runs on MediaTek chipsets.", {"MediaTek SoC"}),
        # analog in-memory hardware is an accelerator
        ("FernNet is fully implemented on memristor crossbar arrays.", {"accelerator"}),
        # a chip made in a CMOS process is an ASIC
        ("FernNet is fabricated in a 28nm CMOS process.", {"ASIC"}),
        # the hardware of the work a sentence opens by contrasting with is not the method's
        ("Unlike prior methods that require expensive GPUs, FernNet runs on CPUs.", {"CPU"}),
    ],
)
def test_hardware_as_written(extractor: Extractor, sentence: str, hardware: set[str]) -> None:
    assert {t.hardware for t in fern(extractor, sentence).targets} == hardware


@pytest.mark.parametrize(
    "sentence",
    [
        "Some of these models are impossible to run without a GPU cluster.",
        "However, current kernels only support the Ampere GPUs.",
        "Throughput-oriented architectures such as GPUs are not efficient for decoding.",
        "This points at operations future accelerators should be optimized for.",
        "Results hold even for casual phone captures.",
        "We count the number of accelerators needed to serve the model.",
        # the platform a reference result was reached on
        "FernNet's token rate is only 18% lower than that achieved by a top-tier server-grade "
        "A100 GPU.",
    ],
)
def test_hardware_that_is_not_a_target(extractor: Extractor, sentence: str) -> None:
    assert fern(extractor, sentence).targets == []


def test_hardware_the_paper_is_about_counts_in_motivation(extractor: Extractor) -> None:
    p = paper(
        "FernNet: Fast Ferns for Resource-Constrained Environments",
        "Processing many tokens is challenging on commodity GPUs. We propose FernNet.",
    )
    assert [t.hw_class for t in extractor.extract(p).targets] == ["GPU"]


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("FernNet can accelerate the prefill phase by 2.6times.", {("speedup", "2.6times")}),
        ("Pruning channels, thus speeding up inference by up to 1.27x.",
         {("speedup", "up to 1.27x")}),
        ("FernNet is designed to accelerate inference on phones.", set()),
        ("With FernNet the inference speed is accelerated by 3.6x.", {("speed", "3.6x")}),
    ],
)  # fmt: skip
def test_speed_verbs(extractor: Extractor, sentence: str, claims: set[tuple[str, str]]) -> None:
    assert {(c.metric, c.value) for c in fern(extractor, sentence).improves} == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # a list of values paired "respectively" with a list of metrics, item by item
        ("FernNet reduces the model size, MACs, and latency by 40%, 30% and 20%, respectively.",
         {("model size", "40%"), ("FLOPs", "30%"), ("latency", "20%")}),
        # the list of values before the list of metrics, paired as far as its metrics are known
        ("FernNet yields improvements of 14.8x, 5.5x, and 7.5x in throughput, energy, and "
         "latency, respectively.", {("throughput", "14.8x"), ("energy", "5.5x"),
                                    ("latency", "7.5x")}),
        ("FernNet yields improvements of 14.8x, 5.5x, and 7.5x in throughput, energy, and "
         "wiring density (respectively).", {("throughput", "14.8x"), ("energy", "5.5x")}),
        # with no "respectively", as many values as metrics pair in order
        ("Compared with DaDianNao, FernNet has 2.9x, 19x and 3x better throughput, energy "
         "efficiency and area efficiency.",
         {("throughput", "2.9x"), ("energy", "19x"), ("area efficiency", "3x")}),
        ("FernNet reduces the model size, MACs, and latency by 40%, 30% and 20%.",
         {("model size", "40%"), ("FLOPs", "30%"), ("latency", "20%")}),
        ("FernNet improves FPS by 1.5x, 2x and 3x on A100, H100 and L40S.",
         {("FPS", "1.5x, 2x and 3x")}),
        # one value shared by the metrics of a list, up to its last
        ("FernNet gives a 30%~50% reduction in model size, MACs, and latency.",
         {("model size", "30%~50%"), ("FLOPs", "30%~50%"), ("latency", "30%~50%")}),
        # a value followed by "reduction in" is the metric's after it, not the one before
        ("FernNet achieves 54% reduction in FLOPs, 37% decrease in CUDA latency.",
         {("FLOPs", "54%"), ("latency", "37%")}),
        ("FernNet shows up to 4x increase in throughput and 70% reduction in energy.",
         {("throughput", "up to 4x"), ("energy", "70%")}),
    ],
)  # fmt: skip
def test_values_of_listed_metrics(
    extractor: Extractor, sentence: str, claims: set[tuple[str, str]]
) -> None:
    assert {(c.metric, c.value) for c in fern(extractor, sentence).improves} == claims


@pytest.mark.parametrize(
    ("sentence", "baseline"),
    [
        ("FernNet runs 1.5x faster compared to a full-attention baseline.",
         "a full-attention baseline"),
        ("FernNet is 1.9x more energy efficient than an NVIDIA V100 GPU.", "an NVIDIA V100 GPU"),
        ("FernNet runs 9x faster than ROCKET during inference.", "ROCKET"),
        ("FernNet is 2x faster than dense models by a large margin.", "dense models"),
        # where the baseline runs is not part of its name
        ("FernNet is 7x faster than Stable Diffusion v1.5 running on the same phone.",
         "Stable Diffusion v1.5"),
        ("FernNet is 2x faster than YOLOv8 deployed with TensorRT.", "YOLOv8"),
        # an unnamed baseline is one when its head says what kind of thing it is
        ("FernNet cuts energy by 27% compared to a carbon-agnostic scheduler.",
         "a carbon-agnostic scheduler"),
        ("FernNet is 3x faster than a naive pipeline.", "a naive pipeline"),
        # the names a generic baseline is set off with are part of it
        ("FernNet is 2x faster than the state-of-the-art systems, such as Orca and vLLM.",
         "the state-of-the-art systems, such as Orca and vLLM"),
        ("FernNet is 4.5x faster than the existing outlier-aware accelerator, GOBO.",
         "the existing outlier-aware accelerator, GOBO"),
        # not the next clause's subject, nor the start of a longer name
        ("FernNet is 2x faster than the dense baseline, Zed-7B is not.", "the dense baseline"),
        ("FernNet is 2x faster than prior skiplists, including Facebook's skiplist from Folly.",
         "prior skiplists"),
        # a baseline opening with a number that is part of its name or counts baselines
        ("FernNet can outperform 8-bit quantized FSRCNN by nearly 2dB in terms of PSNR.",
         "8-bit quantized FSRCNN"),
        ("FernNet improves the F1 score by 3.2% compared to 15 baseline methods.",
         "15 baseline methods"),
        # "from scratch" is the point of the comparison; "comparing with" is "compared with"
        ("FernNet needs only 3% of the compute compared to training such models from scratch.",
         "training such models from scratch"),
        ("Comparing with a strong baseline BarNet, FernNet gets a 4.6x training speedup.",
         "a strong baseline BarNet"),
        # a list of named baselines, to the end of its clause
        ("FernNet outperforms LoRA, DoRA, and VeRA by 2% in accuracy.", "LoRA, DoRA, and VeRA"),
        ("FernNet is 2x faster than vLLM, Orca and FasterTransformer on an A100 GPU.",
         "vLLM, Orca and FasterTransformer"),
        ("FernNet is 2x faster than vLLM, Orca is not.", "vLLM"),
        ("FernNet is 2x faster than vLLM, while matching its accuracy.", "vLLM"),
        # a short parenthesis inside the baseline's noun phrase
        ("FernNet reduces the latency by 1.4x compared with the fixed bitwidth (8 bits) "
         "quantization.", "the fixed bitwidth (8 bits) quantization"),
        ("FernNet is 2x faster than GPT-4 (OpenAI) on MMLU.", "GPT-4"),
        # "versus" between two metrics is a trade-off, not a comparison
        ("FernNet achieves better accuracy versus latency trade-offs compared with the "
         "state-of-the-art pruning algorithms.", "the state-of-the-art pruning algorithms"),
        # a citation marker is no part of the name
        ("FernNet is 1.8x faster than MobileNetV2 [29] on a Pixel phone.", "MobileNetV2"),
        # the owner of a result compared with
        ("FernNet's search cost is 420x smaller than MnasNet's.", "MnasNet"),
        # with no comparison word, the named method the claim is at parity with
        ("FernNet obtains similar performance on ImageNet as MobileFormer while being 38x "
         "faster.", "MobileFormer"),
        ("FernNet is comparable to ViT-B while using 4x less memory.", "ViT-B"),
        ("FernNet is 60 times smaller yet performs on par with the original SAM.",
         "the original SAM"),
        ("FernNet matches both EfficientNet and ResNeSt accuracy with 2.0x fewer FLOPs.",
         "EfficientNet and ResNeSt"),
        # the result compared with is the one its agent reached
        ("FernNet's latency is 2x lower than that achieved by a server-grade A100 GPU.",
         "a server-grade A100 GPU"),
    ],
)  # fmt: skip
def test_baseline_spans(extractor: Extractor, sentence: str, baseline: str) -> None:
    assert [c.baseline for c in fern(extractor, sentence).improves] == [baseline]


@pytest.mark.parametrize(
    ("abstract", "name", "alias"),
    [
        ("Our TinyNet performs better than EfficientNets. Our TinyNet-E is small.", "TinyNet",
         "TinyNet-E"),
        ("A novel Bidirectional Feature Aggregation (BiFA) module is further proposed.", "BiFA",
         "Bidirectional Feature Aggregation"),
        ("PyTorch-Direct is devised to cut data movement.", "PyTorch-Direct", None),
        ("FastVLM incorporates FastViTHD, a novel hybrid vision encoder.", "FastViTHD", None),
        ("Hence, our final method, MC-SMoE (i.e., Merge, then Compress SMoE), is small.",
         "MC-SMoE", None),
        ("To solve this, the Multi-view Cross Former module is proposed.",
         "Multi-view Cross Former", None),
    ],
)  # fmt: skip
def test_names_introduced_without_a_proposal_verb(
    extractor: Extractor, abstract: str, name: str, alias: str | None
) -> None:
    methods = {m.name: m for m in extractor.extract(paper("On Ferns", abstract)).methods}
    assert name in methods
    assert alias is None or alias in methods[name].aliases


@pytest.mark.parametrize(
    ("abstract", "main"),
    [
        ("We propose M-SMoE for merging. Hence, our final method, MC-SMoE, compresses it.", True),
        ("We propose FernNet. Our full model, LeafNet, is small.", True),
        ("We propose FernNet. Our proposed module, FernBlock, is small.", False),
        ("We propose FernNet. Our final FernBlock is small.", False),
        # an extra contribution, "further" / "also" proposed after the main one
        ("Our key contribution is FernNet, a pruner. We further propose a sampler, LeafSampler.",
         False),
        ("We present FernNet, a pruner. We also introduce LeafBench, a benchmark.", False),
    ],
)  # fmt: skip
def test_our_final_method_is_a_main_one(extractor: Extractor, abstract: str, main: bool) -> None:
    """Written "our final/full/resulting <method>, NAME", NAME is the principal contribution;
    after another adjective, or with no head word before the name, a part of it."""
    methods = extractor.extract(paper("On Ferns", abstract)).methods
    assert methods[0].main
    assert [m.main for m in methods[1:]] == [main]


@pytest.mark.parametrize(
    "abstract",
    [
        "Our PyTorch implementation is available online.",
        "We augment our INRs with positional encodings.",
        "It adds, uniquely for M3ViT, a novel patch reordering method.",
        "To solve this, A Novel Fusion module is proposed.",
        # an owner is not a name
        "To achieve this, we introduce 1) a reformulation of NeRF's architecture.",
        # models of a kind
        "We evaluate multiple closed-source and open-source MLLMs on CG-Bench.",
        # the object of a preposition is not the subject of "is designed"
        "To match NeRF, the network in NeLF is designed with intensive computation.",
    ],
)
def test_not_introduced(extractor: Extractor, abstract: str) -> None:
    names = {m.name for m in extractor.extract(paper("On Ferns", abstract)).methods}
    not_names = {"PyTorch", "INRs", "M3ViT", "Novel Fusion", "A Novel Fusion", "NeLF", "NeRF's"}
    not_names |= {"MLLMs on CG-Bench", "MLLMs"}
    assert not names & not_names


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("FernNet", "fernnet"),
        ("Straße", "straße"),  # "ss" would move every offset after it
        ("İSTANBUL ist groß", "İstanbul ist groß"),
        ("ﬁne ΣΊΣΥΦΟΣ", "ﬁne σίσυφοσ"),
    ],
)
def test_aligned_casefold_keeps_offsets(text: str, folded: str) -> None:
    assert aligned_casefold(text) == folded
    assert len(aligned_casefold(text)) == len(text)


@pytest.mark.parametrize("before", ["On plain data", "Auf Straßenßßßßßßßß data"])
def test_rules_read_offsets_after_letters_that_casefold_longer(
    extractor: Extractor, before: str
) -> None:
    """Words found in the casefolded sentence are read at the same offsets of the sentence,
    also after a "ß" (casefold "ss")."""
    x = fern(extractor, f"{before}, FernNet retains 96.7% of the accuracy and is 2x faster.")
    assert {c.metric for c in x.improves} == {"speed"}
    p = paper("A study", f"{before} we propose FernNet, a compact detector.")
    assert [m.name for m in extractor.extract(p).methods] == ["FernNet"]


def _word_start_texts(words: list[str], n: int = 3000) -> list[str]:
    """Texts made at random (seeded) of the pattern's opening words, glued to the words before
    them or not, names, head words and punctuation: where a match glued to a word can hide one
    that is not."""
    rnd = random.Random(0)
    vocab = [*words, *(w.title() for w in words), "the", "x", "COCO", "A-", "NQ", "GPU", "A100"]
    vocab += ["datasets", "benchmarks", "such as", "including", "our", "method", "than", "on"]
    glue = [" ", " ", " ", "", "-", ", ", " (", "."]
    return [
        "".join(rnd.choice(vocab) + rnd.choice(glue) for _ in range(rnd.randint(3, 10)))
        for _ in range(n)
    ]


def test_token_ends_are_where_spacy_ends_the_tokens(extractor: Extractor) -> None:
    """Each token's end read from the offsets is its offset plus spaCy's `LENGTH`, in texts made
    at random (seeded) of words, punctuation and runs of spaces, tabs, newlines and other
    whitespace, which spaCy keeps as tokens of their own or as a token's trailing space."""
    rnd = random.Random(1)
    pieces = ["a", "bc", "(x)", "GPU.", "3.5x", " ", "  ", "\t", "\n", "\n\n", "\u00a0"]
    pieces += ["\u2003", "-", ",", "e.g.", "U.S.", "\u200b", "\r\n", "x\u0301", "'s", "n't"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        doc = extractor.nlp.make_doc(text)
        if not len(doc):
            continue
        idx, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
        ends = [token_end(text, idx, i) for i in range(len(idx))]
        assert ends == [i + n for i, n in zip(idx, lengths, strict=True)], repr(text)


def test_word_starts_follow_the_regex_word_boundary() -> None:
    """A start follows a word character exactly when the regex `\\w` matches the one before:
    every character of the Basic Multilingual Plane and some beyond it."""
    points = [*range(0xD800), *range(0xE000, 0x10000), 0x1D7CE, 0x10400, 0x1F600]
    chars = [chr(i) for i in points]
    text = "".join(c + "a" for c in chars)
    starts = list(range(1, len(text), 2))
    lookbehind = re.compile(r"(?<!\w)")
    assert word_starts(text, starts) == [at for at in starts if lookbehind.match(text, at)]
    assert word_starts("a", [0]) == [0]


def test_sibling_list_scan_equals_the_search() -> None:
    """The sibling lists found from their opening words and marks are those a search finds."""
    words = load_vocabulary().lexicon["context_words"]
    for text in _word_start_texts([*words["dataset_list_openers"], "COCO", "A", ":", "("]):
        assert [m.span() for m in _sibling_lists(text)] == [
            m.span() for m in _SIBLING_LIST.finditer(text)
        ]


@pytest.mark.parametrize(
    ("pattern", "lexicon"),
    [
        (_DATASET_HEAD, _LEAD_WORDS),
        (_LIST_BEFORE, _LEAD_WORDS),
        (_LIST_AFTER, load_vocabulary().lexicon["context_words"]["dataset_list_heads"]),
    ],
)
def test_word_start_scan_equals_the_bounded_search(
    pattern: re.Pattern[str], lexicon: list[str]
) -> None:
    """`word_matches` finds what `\\b` + the pattern finds, when every match opens with one of
    the words (the lexicon's, and the leads capitalised), each starting with a word character."""
    assert all(re.match(r"\w", w) for w in lexicon)
    bounded = re.compile(rf"\b{pattern.pattern}", pattern.flags)
    for text in _word_start_texts(lexicon):
        got = [m.span() for m in word_matches(pattern, text, lexicon)]
        assert got == [m.span() for m in bounded.finditer(text)]


@pytest.mark.parametrize(
    ("patterns", "words"), [(_SELF, "self_words"), (_COMPARED, "comparison_cues")]
)
def test_lowercased_ascii_search_equals_the_case_insensitive_one(
    patterns: CaselessSearch, words: str
) -> None:
    lexicon = load_vocabulary().lexicon["hardware_words"][words]
    assert all(re.match(r"\w", w) for w in lexicon)
    for text in _word_start_texts(lexicon):
        for tail in (text, text[-40:], text[-25:]):
            found = patterns.search(tail) is not None
            assert found == (patterns.folded.search(tail) is not None)


def test_unnamed_proposal_lowercased_search_equals_the_case_insensitive_one() -> None:
    """An ASCII sentence's unnamed proposal is searched lowercased, without `re.I` or `\\b`;
    the groups read off the sentence are those of the case-insensitive search (which a
    non-ASCII one keeps: the long s and the Kelvin sign fold to ASCII letters)."""
    rules = ProposalRules(load_vocabulary())
    words = load_vocabulary().lexicon["proposal_words"]
    lexicon = [w for k in ("unnamed_subjects", "unnamed_verbs", "unnamed_heads") for w in words[k]]
    lexicon += ["the proposed", "our", "novel", "further", "\u017ftudy", "\u212a", "a simple, new"]
    assert all(re.match(r"\w", w) for w in lexicon)
    for text in _word_start_texts(lexicon):
        for case in (text, text.upper(), text.title()):
            m = rules.unnamed_proposal.folded.search(case)
            expected = None if m is None else (m.group(1), m.group(2))
            assert rules.unnamed_match(case) == expected


def test_longest_first_keeps_what_the_greedy_longest_first_filter_keeps() -> None:
    """`_longest_first` (sorted once, a decorated sort when spans overlap) keeps what a greedy
    filter keeps: longest first, ties by the later start and then in the given order (an exact
    match, given first, wins over a loose one), no token taken twice."""

    def reference(items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        taken: set[int] = set()
        kept = []
        for start, end, c in sorted(items, key=lambda x: (x[0] - x[1], -x[0])):
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                kept.append((start, end, c))
        return sorted(kept)

    rnd = random.Random(0)
    for _ in range(5000):
        items = []
        for _ in range(rnd.randint(0, 8)):
            start = rnd.randint(0, 12)
            items.append((start, start + rnd.randint(1, 4), rnd.choice("abc")))
        assert _longest_first(items) == reference(items)


@pytest.mark.parametrize(
    "acronym",
    ["MoE", "E2E-QP", "Qwen2.5-VL", "\u0130SA", "\u017fN", "\u212aD", "SS\u00dfA", "\u00bd", ""],
)
def test_acronym_letters_are_the_casefolded_alphanumerics(acronym: str) -> None:
    """The all-alphanumeric shortcut gives the filtered casefold ("İ" folds to "i" and a
    combining dot, which is dropped)."""
    assert acronym_letters(acronym) == "".join(filter(str.isalnum, acronym.casefold()))
