"""kg viz pages in headless Chromium: drawn counts, offline, escaped, filters; a screenshot each.

Every request the page makes is intercepted: anything that is not the page's own file (or a
data:/blob: URL) fails the test. Screenshots go to test-artifacts/ (git-ignored).

Chromium: `CHROMIUM` or `/usr/bin/chromium` (Debian: `apt-get install -y chromium`); Playwright
drives it, no `playwright install`. Without it the tests skip, except under CI=true: they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from support import unavailable
from viz_graphs import HOSTILE, HOSTILE_SCRIPT, sample_graph, synthetic_graph

from kg.views import render_view, select_view

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
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
READY_TIMEOUT_MS = 90_000  # generous: CI machines are slow and shared


def _unavailable(reason: str) -> None:
    unavailable(f"headless Chromium unavailable: {reason}")


def _chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright is not installed ({exc})")
    executable = _chromium_path()
    if executable is None:
        _unavailable("no chromium binary (apt-get install -y chromium, or set CHROMIUM)")
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as exc:
            _unavailable(f"{executable} did not start: {exc}")
        yield browser
        browser.close()


class Opened:
    """A page opened offline, with what it tried to fetch and what it complained about."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.outside: list[str] = []
        self.errors: list[str] = []
        page_url = path.resolve().as_uri()

        def route(r) -> None:
            url = r.request.url
            scheme = urlparse(url).scheme
            local_http = scheme in ("http", "https") and urlparse(url).hostname == "127.0.0.1"
            if url == page_url or scheme in ("data", "blob") or local_http:
                r.continue_()
            else:
                self.outside.append(url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("websocket", lambda ws: self.outside.append(ws.url))
        self.page.goto(page_url, wait_until="load")
        self.page.wait_for_function("() => window.kg && window.kg.ready", timeout=READY_TIMEOUT_MS)

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def counts(self) -> dict:
        return self.eval("() => kg.counts()")

    def drawn(self) -> dict:
        return self.eval("() => kg.drawnCounts()")

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(ARTIFACTS / f"viz-{name}.png"))

    def check_clean(self) -> None:
        assert self.outside == [], f"requests left the machine: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.eval("() => window.__pwned === undefined"), "hostile text ran as code"

    def node_point(self, node_id: str) -> tuple[float, float]:
        point = self.eval(
            """(id) => {
                const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                const box = document.getElementById('network').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""",
            node_id,
        )
        return point[0], point[1]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Opened] = []

    def open_(path: Path) -> Opened:
        page = Opened(browser, path)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def _expected(nodes, rels) -> tuple[int, int]:
    """Nodes and drawn edges (claims with the same type and ends share one edge)."""
    ids = {n.id for n in nodes}
    edges = {(r.type, r.start, r.end) for r in rels if r.start in ids and r.end in ids}
    return len(ids), len(edges)


GRAPH = sample_graph()
VIEWS = {
    "overview": {},
    "method": {"method": "EfficientViT"},
    "hardware": {"hardware": "Jetson Orin"},
    "paper": {"paper": "2503.00003"},  # the hostile paper
}


@pytest.mark.parametrize("name", list(VIEWS))
def test_view_draws_expected_graph_offline(name, opened, tmp_path):
    view = select_view(GRAPH, **VIEWS[name])
    path = tmp_path / f"{name}.html"
    report = render_view(view.nodes, view.relationships, path, title=view.title, focus=view.focus)
    n_nodes, n_edges = _expected(view.nodes, view.relationships)
    assert (report.nodes_shown, report.edges_drawn) == (n_nodes, n_edges)
    page = opened(path)
    assert page.counts() == {"nodes": n_nodes, "edges": n_edges}
    assert page.drawn() == {"nodes": n_nodes, "edges": n_edges}
    assert page.eval("() => kg.nodes.length") == n_nodes
    page.screenshot(name)
    page.check_clean()


def test_capped_view_says_how_much_it_shows(opened, tmp_path):
    nodes, rels = synthetic_graph(600)
    path = tmp_path / "capped.html"
    report = render_view(nodes, rels, path, title="Overview", limit=150)
    assert report.nodes_shown == 150 < report.nodes_total
    page = opened(path)
    assert page.drawn() == {"nodes": 150, "edges": report.edges_drawn}
    notice = page.page.locator("#cap-notice").inner_text()
    assert f"showing 150 of {report.nodes_total:,} nodes" in notice
    assert "narrow with --method/--hardware/--paper or raise --limit" in notice
    page.screenshot("capped")
    page.check_clean()


def test_query_view_from_the_embedded_store(opened, tmp_path):
    from kg.stores import open_store

    store = open_store(db_path=tmp_path / "kg-data")
    try:
        store.apply_schema()
        store.load(*GRAPH)
        view = select_view(store, query="methods-for-hardware", params={"hardware": "GPU"})
    finally:
        store.close()
    path = tmp_path / "query.html"
    report = render_view(view.nodes, view.relationships, path, title=view.title, focus=view.focus)
    assert {"method:scriptnet", "hardware:nvidia-v100-gpu"} <= {n.id for n in view.nodes}
    page = opened(path)
    assert page.drawn() == {"nodes": report.nodes_shown, "edges": report.edges_drawn}
    page.screenshot("query")
    page.check_clean()


def test_hostile_text_is_shown_as_text(opened, tmp_path):
    path = tmp_path / "hostile.html"
    render_view(*GRAPH, path, title=f"Overview {HOSTILE}")
    page = opened(path)
    assert page.page.locator("#view-title").inner_text() == f"Overview {HOSTILE}"
    assert page.eval("() => document.title").startswith(f"Overview {HOSTILE}")
    for node_id, text in (("arxiv:2503.00003", HOSTILE), ("arxiv:2503.00004", "</script>")):
        page.eval("(id) => kg.network.focus(id, {scale: 1.5})", node_id)
        x, y = page.node_point(node_id)
        page.page.mouse.move(x, y)
        tooltip = page.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=10_000)
        assert text in tooltip.inner_text()
        assert tooltip.locator("img, script").count() == 0
        page.page.mouse.click(x, y)
        heading = page.page.locator("#details h3")
        expected = HOSTILE if text == HOSTILE else HOSTILE_SCRIPT.replace("\u2028", "").strip()
        assert heading.inner_text().replace("\u2028", "").replace("\u2029", "").strip() in (
            expected,
            expected.replace("\u2029", "").strip(),
        )
        assert page.page.locator("#details img, #details script").count() == 0
        page.page.mouse.move(5, 5)
    # Evidence and values in the edge details are text too.
    page.eval("() => kg.network.fit()")
    page.page.fill("#search", "hardware:nvidia-v100-gpu")
    page.page.wait_for_function("() => kg.counts().nodes < 22")
    page.screenshot("hostile")
    page.check_clean()


def test_filters_and_search(opened, tmp_path):
    nodes, rels = GRAPH
    path = tmp_path / "filters.html"
    render_view(nodes, rels, path)
    page = opened(path)
    n_nodes, n_edges = _expected(nodes, rels)
    papers = sum(1 for n in nodes if n.label == "Paper")
    proposes = len({(r.start, r.end) for r in rels if r.type == "PROPOSES"})

    page.page.locator('input[data-node-type="Paper"]').uncheck()
    page.page.wait_for_function(f"() => kg.counts().nodes === {n_nodes - papers}")
    assert page.drawn() == {"nodes": n_nodes - papers, "edges": n_edges - proposes}

    page.page.locator('input[data-node-type="Paper"]').check()
    targets = len({(r.start, r.end) for r in rels if r.type == "TARGETS"})
    page.page.locator('input[data-rel-type="TARGETS"]').uncheck()
    page.page.wait_for_function(f"() => kg.counts().edges === {n_edges - targets}")
    assert page.drawn() == {"nodes": n_nodes, "edges": n_edges - targets}
    page.page.locator('input[data-rel-type="TARGETS"]').check()

    # Text search: the matches and their neighbours.
    page.page.fill("#search", "tinylm")
    page.page.wait_for_function("() => kg.counts().nodes < 10")
    tiny = {"method:tinylm"}
    around = {r.start for r in rels if r.end in tiny} | {r.end for r in rels if r.start in tiny}
    papers_matching = {"arxiv:2503.00002"}  # the paper titled "TinyLM: ..."
    around_paper = {r.end for r in rels if r.start in papers_matching}
    expected = tiny | around | papers_matching | around_paper
    assert page.counts()["nodes"] == len(expected)
    assert page.page.locator("#search-count").inner_text() == "2 matches"
    page.screenshot("search")
    page.page.click("#reset")
    page.page.wait_for_function(f"() => kg.counts().nodes === {n_nodes}")

    # Physics and edge-label controls work without errors.
    labelled = """() => Object.values(kg.network.body.edges)
        .filter((e) => String(e.options.label || "").trim() !== "").length"""
    assert page.eval(labelled) == n_edges  # small views start with edge labels on
    page.page.locator("#edge-labels").uncheck()
    assert page.eval(labelled) == 0
    page.page.locator("#edge-labels").check()
    assert page.eval(labelled) == n_edges
    page.page.locator("#physics").check()
    page.page.click("#fit")
    page.check_clean()
