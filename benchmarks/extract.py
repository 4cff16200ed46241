"""Extraction speed: abstracts per second, one and two processes, against the tokenizer alone.

    .venv/bin/python benchmarks/extract.py [--n 10000] [--repeat 3] [--seeds ../shared/seeds]
        [--memory | --instructions]

The first line says whether the extraction modules run compiled (by setup.py, with mypyc) or
interpreted. Wall-clock rates depend on what else the machine runs; the CPU-time rates (user +
system time of the process and its workers, counted like the wall clock from after the
pipeline is built) are the steadier figure on a shared machine. The
runs are made in `--repeat` rounds; each ratio is taken within a round and the median round is
shown, with the range over the rounds.

The seed abstracts are repeated (streamed, never held as a corpus-sized list) until `--n`
abstracts. Each measurement runs in a fresh child process so its peak RSS
(`resource.getrusage(...).ru_maxrss`) is its own:

- `tokenizer`: `nlp.tokenizer.pipe` over the same texts (title + abstract) - the floor;
- `extract x1`: `Extractor().extract_all(papers)` (whole pipeline + result objects), one process;
- `extract x2`: the same with `n_process=2`;
- with `--memory`: `extract x1` at 5k, 10k and 20k abstracts, to show memory stays flat;
- with `--instructions` (needs valgrind, about a minute): instructions per abstract of the
  tokenizer and of the extraction, counted by callgrind over `--passes` passes (2) after a
  warm-up pass, which do not drift with the machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seed_papers(seeds: Path) -> list:
    from kg.sources import read_papers

    return list(read_papers(sorted(str(p) for p in seeds.glob("*.txt"))))


def _cpu_seconds() -> float:
    """User + system time of this process and its finished children (the pool's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def child(mode: str, n: int, seeds: Path) -> dict:
    from kg.extraction import Extractor, build_nlp, doc_text

    base = seed_papers(seeds)
    stream = itertools.islice(itertools.cycle(base), n)
    if mode == "tokenizer":
        nlp = build_nlp()
        texts = (doc_text(p.title, p.abstract) for p in stream)
        cpu0 = _cpu_seconds()  # from here on, as the wall clock: building is not counted
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=256))
    else:
        extractor = Extractor()
        procs = 2 if mode == "extract2" else 1
        cpu0 = _cpu_seconds()
        start = time.perf_counter()
        tokens = 0
        for x in extractor.extract_all(stream, n_process=procs, batch_size=128):
            tokens += len(x.improves)
    elapsed = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu0
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"mode": mode, "n": n, "seconds": elapsed, "rate": n / elapsed,
            "cpu_seconds": cpu, "cpu_rate": n / cpu if cpu else 0.0,
            "peak_rss_mb": me.ru_maxrss / 1024,
            "peak_child_rss_mb": kids.ru_maxrss / 1024}  # fmt: skip


def counted_child(mode: str, passes: int, seeds: Path) -> None:
    """One warm-up pass over the seed abstracts, then `passes` more with callgrind's
    instrumentation switched on (`callgrind_control -i`): only those passes are counted."""
    from kg.extraction import Extractor, build_nlp, doc_text

    base = seed_papers(seeds)
    if mode == "tokenizer":
        nlp = build_nlp()
        texts = [doc_text(p.title, p.abstract) for p in base]

        def work() -> None:
            sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=256))
    else:
        extractor = Extractor()

        def work() -> None:
            sum(len(x.improves) for x in extractor.extract_all(base, batch_size=128))

    work()
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], check=True, capture_output=True)
    for _ in range(passes):
        work()
    subprocess.run(["callgrind_control", "-i", "off", pid], check=True, capture_output=True)


def instructions(mode: str, seeds: Path, passes: int) -> float:
    """Instructions per abstract under callgrind, counted over `passes` passes after a warm-up
    pass (startup and the first, cold pass are not counted). The same count however busy the
    machine is."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no",
             f"--callgrind-out-file={tmp}/cg.out", sys.executable, __file__,
             "--counted", mode, "--passes", str(passes), "--seeds", str(seeds)],
            check=True, capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": "0"},  # set order, so the count, is fixed
        )  # fmt: skip
    count = int(re.search(r"Collected : ([\d,]+)", out.stderr).group(1).replace(",", ""))
    return count / (passes * len(seed_papers(seeds)))


def run(mode: str, n: int, seeds: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--n", str(n), "--seeds", str(seeds)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def build() -> str:
    """How the extraction modules run here: compiled by setup.py, or interpreted."""
    from importlib.machinery import EXTENSION_SUFFIXES

    from kg.extraction import pipeline

    compiled = pipeline.__file__.endswith(tuple(EXTENSION_SUFFIXES))
    return "extraction modules compiled with mypyc" if compiled else "extraction interpreted"


def median_run(runs: list[dict], key: str) -> dict:
    return sorted(runs, key=lambda r: r[key])[len(runs) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--memory", action="store_true", help="also peak RSS at 5k/10k/20k")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the runs (median shown)")
    ap.add_argument(
        "--instructions", action="store_true", help="count instructions with callgrind instead"
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--counted", help=argparse.SUPPRESS)
    ap.add_argument("--passes", type=int, default=2, help="counted passes of --instructions")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.n, args.seeds)))
        return
    if args.counted:
        counted_child(args.counted, args.passes, args.seeds)
        return
    if args.instructions:
        tok, ext = (
            instructions(mode, args.seeds, args.passes) for mode in ("tokenizer", "extract1")
        )
        print(
            f"instructions per abstract (callgrind; the seed abstracts {args.passes}x after a "
            f"warm-up pass; {build()}):"
        )
        print(f"  tokenizer {tok / 1e6:.2f} M, extraction {ext / 1e6:.2f} M: {tok / ext:.1%}")
        return
    # rounds of the three runs one after the other: a ratio is taken within a round, where
    # the machine's speed drifts least, and the median round is reported
    rounds = [
        {mode: run(mode, args.n, args.seeds) for mode in ("tokenizer", "extract1", "extract2")}
        for _ in range(max(1, args.repeat))
    ]
    print(
        f"abstracts: {args.n} (seed abstracts repeated), {len(rounds)} rounds, median shown; "
        f"{build()}"
    )
    print(f"{'run':<14}{'abstracts/s':>12}{'per CPU-s':>11}{'seconds':>9}{'peak RSS MB':>13}")
    for name, mode in (
        ("tokenizer", "tokenizer"),
        ("extract x1", "extract1"),
        ("extract x2", "extract2"),
    ):
        r = median_run([rd[mode] for rd in rounds], "cpu_rate")
        rss = max(r["peak_rss_mb"], r["peak_child_rss_mb"])
        print(f"{name:<14}{r['rate']:>12.0f}{r['cpu_rate']:>11.0f}{r['seconds']:>9.1f}{rss:>13.0f}")
    for label, key, a, b in (
        ("extract x1 / tokenizer (wall clock)", "rate", "extract1", "tokenizer"),
        ("extract x1 / tokenizer (CPU time)  ", "cpu_rate", "extract1", "tokenizer"),
    ):
        ratios = sorted(rd[a][key] / rd[b][key] for rd in rounds)
        spread = f" (rounds {ratios[0]:.1%}-{ratios[-1]:.1%})" if len(ratios) > 1 else ""
        print(f"{label}: {statistics.median(ratios):.1%}{spread}")
    speedups = [rd["extract2"]["rate"] / rd["extract1"]["rate"] for rd in rounds]
    print(f"extract x2 / extract x1 (wall clock): {statistics.median(speedups):.2f}x")
    one = median_run([rd["extract1"] for rd in rounds], "cpu_rate")
    if args.memory:
        print("peak RSS of extract x1 as the corpus grows:")
        for n in (5_000, 10_000, 20_000):
            r = one if n == args.n else run("extract1", n, args.seeds)
            print(f"  {n:>6} abstracts: {r['peak_rss_mb']:.0f} MB ({r['rate']:.0f} abstracts/s)")


if __name__ == "__main__":
    main()
