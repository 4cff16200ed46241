"""How fast a `kg viz` page settles in headless Chromium, against pyvis's default page.

For views of 500, 2,000 and 5,000 nodes (a synthetic graph shaped like the real one: papers
propose methods, methods point at a long-tailed set of hardware, metrics, datasets and tasks),
write the kg page and a pyvis page with pyvis's default settings for the same graph, open each
from file:// in headless Chromium with every non-local request refused, and time from navigation
start to the first drawing after vis-network's stabilisation ('stabilizationIterationsDone').
The same hook on `vis.Network` times both pages.

    .venv/bin/python benchmarks/viz.py                 # 500, 2000, 5000 nodes, 3 runs each
    .venv/bin/python benchmarks/viz.py --sizes 2000 --runs 5 --no-peer
    CHROMIUM=/usr/bin/chromium .venv/bin/python benchmarks/viz.py --json results.json

Target: the 2,000-node kg view drawn, stabilised, in under 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.model import Node, Relationship, entity_id, relationship_id
from kg.views import render_view

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Wraps vis.Network as the page's vis-network build defines it, so the same code times any page.
HOOK = """
(() => {
  const T = (window.__bench = { errors: [] });
  let visObj;
  Object.defineProperty(window, "vis", {
    configurable: true,
    get() { return visObj; },
    set(v) {
      visObj = v;
      let wrapped;
      Object.defineProperty(v, "Network", {
        configurable: true,
        enumerable: true,
        get() { return wrapped; },
        set(Real) {
          wrapped = function (...args) {
            T.created = performance.now();
            const net = new Real(...args);
            T.constructed = performance.now();
            net.once("stabilizationIterationsDone", () => {
              T.stabilized = performance.now();
              net.once("afterDrawing", () => { T.drawn = performance.now(); });
            });
            return net;
          };
          wrapped.prototype = Real.prototype;
        },
      });
    },
  });
})();
"""


def synthetic_graph(n_nodes: int, seed: int = 0) -> tuple[list[Node], list[Relationship]]:
    """About `n_nodes` nodes: 35% papers, 45% methods, the rest long-tailed entities."""
    rnd = random.Random(seed)
    counts = {
        "Hardware": max(3, n_nodes * 3 // 100),
        "Metric": max(3, n_nodes * 4 // 100),
        "Dataset": max(3, n_nodes * 8 // 100),
        "Task": max(3, n_nodes * 5 // 100),
    }
    n_papers = max(1, n_nodes * 35 // 100)
    n_methods = n_nodes - n_papers - sum(counts.values())
    nodes: list[Node] = []
    hubs: dict[str, list[str]] = {}
    for label, count in counts.items():
        ids = []
        for i in range(count):
            name = f"{label} {i}"
            node_id = entity_id(label, name)
            props = {"id": node_id, "name": name}
            nodes.append(Node(label, node_id, props))
            ids.append(node_id)
        hubs[label] = ids
    weights = {label: [1 / (i + 1) ** 0.9 for i in range(len(ids))] for label, ids in hubs.items()}
    rels: list[Relationship] = []
    papers = [f"arxiv:2501.{i:05d}" for i in range(n_papers)]
    for pid in papers:
        title = f"Paper {pid}: efficient inference for model family {rnd.randint(1, 99)}"
        props = {"id": pid, "title": title, "title_plain": title, "published": "2025-01-01"}
        nodes.append(Node("Paper", pid, props))

    def rel(rel_type: str, start: str, end: str, pid: str, **extra: object) -> None:
        rid = relationship_id(rel_type, start, end, pid)
        evidence = f"We show that {start} improves {end} on our benchmark suite."
        props = {"id": rid, "paper_id": pid, "evidence": evidence, "confidence": 0.8, **extra}
        rels.append(Relationship(rel_type, start, end, rid, props))

    for i in range(n_methods):
        name = f"Method {i}"
        mid = entity_id("Method", name)
        nodes.append(Node("Method", mid, {"id": mid, "name": name, "kind": "method"}))
        pid = papers[i % n_papers]
        rel("PROPOSES", pid, mid, pid, main=True)
        for rel_type, label, most in (
            ("TARGETS", "Hardware", 2),
            ("IMPROVES", "Metric", 3),
            ("EVALUATED_ON", "Dataset", 2),
            ("ADDRESSES", "Task", 1),
        ):
            k = rnd.randint(1 if rel_type != "EVALUATED_ON" else 0, most)
            for end in set(rnd.choices(hubs[label], weights[label], k=k)):
                extra = {"value": f"{rnd.randint(11, 40) / 10}x"} if rel_type == "IMPROVES" else {}
                rel(rel_type, mid, end, pid, **extra)
    return nodes, rels


def pyvis_default_page(nodes: list[Node], rels: list[Relationship], path: Path) -> None:
    """The page pyvis gives by default: `add_node` / `add_edge` per item, titles as text."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for n in nodes:
        name = str(n.props.get("name") or n.props.get("title") or n.id)
        net.add_node(n.id, label=name[:30], title=name, group=n.label)
    for r in rels:
        net.add_edge(r.start, r.end, title=str(r.props.get("evidence", r.type)))
    net.write_html(str(path))


def time_page(browser, path: Path, timeout_s: float) -> dict[str, float | None]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(HOOK)
    outside: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file://", "data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    result: dict = {}
    # pyvis pages lay out synchronously inside the load event (improvedLayout), so the main
    # thread can be busy for minutes: only the driver-side timeouts below can give up on it.
    try:
        page.goto(path.as_uri(), wait_until="load", timeout=timeout_s * 1000)
        page.wait_for_function(
            "() => window.__bench && window.__bench.drawn", timeout=timeout_s * 1000
        )
        result = page.evaluate("() => Object.assign({}, window.__bench)")
    except PlaywrightTimeout:
        result = {}
    context.close()
    drawn = result.get("drawn")
    return {
        "drawn_s": None if drawn is None else drawn / 1000,
        "stabilized_s": None if result.get("stabilized") is None else result["stabilized"] / 1000,
        "constructed_s": None
        if result.get("constructed") is None
        else result["constructed"] / 1000,
        "outside_requests": len(outside),
        "errors": len(errors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip pyvis's default page")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per kg page load")
    parser.add_argument(
        "--peer-runs", type=int, default=1, help="runs of pyvis's page (it is slow: default 1)"
    )
    parser.add_argument(
        "--peer-timeout", type=float, default=180.0, help="seconds per pyvis page load"
    )
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--keep", type=Path, help="write the pages here instead of a temp dir")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    workdir = Path(args.keep or tempfile.mkdtemp(prefix="kg-viz-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"chromium {browser.version}, {os.cpu_count()} CPUs, load average {load:.1f}, "
            f"{platform.platform()}"
        )
        print(
            f"{'nodes':>6} {'edges':>6}  {'page':<14} {'render':>7} {'drawn (median of runs)':>24}"
        )
        for size in args.sizes:
            nodes, rels = synthetic_graph(size)
            pages = {}
            t = time.perf_counter()
            report = render_view(nodes, rels, workdir / f"kg-{size}.html", limit=None)
            pages["kg"] = (workdir / f"kg-{size}.html", time.perf_counter() - t)
            if not args.no_peer:
                t = time.perf_counter()
                pyvis_default_page(nodes, rels, workdir / f"pyvis-{size}.html")
                pages["pyvis-default"] = (workdir / f"pyvis-{size}.html", time.perf_counter() - t)
            row = {"nodes": len(nodes), "relationships": len(rels), "edges": report.edges_drawn}
            for name, (path, render_s) in pages.items():
                n_runs, timeout = (
                    (args.runs, args.timeout)
                    if name == "kg"
                    else (args.peer_runs, args.peer_timeout)
                )
                runs = [time_page(browser, path, timeout) for _ in range(n_runs)]
                drawn = [r["drawn_s"] for r in runs if r["drawn_s"] is not None]
                median = statistics.median(drawn) if len(drawn) == len(runs) else None
                row[name] = {
                    "render_s": round(render_s, 3),
                    "drawn_s": [
                        None if d is None else round(d, 3) for d in (r["drawn_s"] for r in runs)
                    ],
                    "median_s": None if median is None else round(median, 3),
                    "outside_requests_refused": max(r["outside_requests"] for r in runs),
                    "page_errors": max(r["errors"] for r in runs),
                }
                shown = f"{median:.2f} s" if median is not None else f"> {timeout:.0f} s"
                print(
                    f"{len(nodes):>6} {report.edges_drawn:>6}  {name:<14} {render_s:>6.2f}s "
                    f"{shown:>24}  runs {row[name]['drawn_s']}",
                    flush=True,
                )
            if (
                "pyvis-default" in row
                and row["kg"]["median_s"]
                and row["pyvis-default"]["median_s"]
            ):
                ratio = row["pyvis-default"]["median_s"] / row["kg"]["median_s"]
                row["speedup_vs_pyvis_default"] = round(ratio, 2)
                print(f"{'':>6} {'':>6}  kg is {ratio:.1f}x faster than pyvis's default page")
            results.append(row)
        browser.close()
    two_k = [r for r in results if 1900 <= r["nodes"] <= 2100]
    if two_k and two_k[0]["kg"]["median_s"] is not None:
        verdict = "meets" if two_k[0]["kg"]["median_s"] < 3 else "MISSES"
        print(f"2,000-node view: {two_k[0]['kg']['median_s']:.2f} s, {verdict} the 3 s target")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
