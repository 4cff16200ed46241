"""kg viz without a browser: selection, the cap, the page's text (offline, escaped), the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from viz_graphs import HOSTILE, HOSTILE_SCRIPT, sample_graph, synthetic_graph

from kg.cli import main
from kg.errors import KgError
from kg.views import (
    View,
    initial_positions,
    page_html,
    render_view,
    script_json,
    select_view,
    view_data,
    vis_network_js,
)

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "daily-papers.txt"


@pytest.fixture(scope="module")
def graph():
    return sample_graph()


def ids(items) -> set[str]:
    return {x.id for x in items}


# --- selection ---------------------------------------------------------------------------------


def test_overview_is_everything(graph):
    nodes, rels = graph
    view = select_view(graph)
    assert ids(view.nodes) == ids(nodes)
    assert ids(view.relationships) == ids(rels)
    assert view.title == "Overview"
    got_nodes, got_rels = view  # a View unpacks as (nodes, relationships)
    assert got_nodes is view.nodes and got_rels is view.relationships


def test_method_view_is_the_method_and_its_links(graph):
    _, rels = graph
    view = select_view(graph, method="efficientvit")  # case and punctuation do not matter
    mine = {r.id for r in rels if "method:efficientvit" in (r.start, r.end)}
    assert ids(view.relationships) == mine
    ends = {i for r in rels if r.id in mine for i in (r.start, r.end)}
    assert ids(view.nodes) == ends
    assert view.focus == ("method:efficientvit",)
    assert select_view(graph, method="E-ViT").focus == ("method:efficientvit",)  # an alias
    assert "EfficientViT" in view.title


def test_hardware_view_is_the_methods_targeting_it_and_their_links(graph):
    _, rels = graph
    view = select_view(graph, hardware="Jetson Orin")  # a part of the name
    methods = {
        r.start for r in rels if r.type == "TARGETS" and r.end == "hardware:nvidia-jetson-orin"
    }
    assert methods == {"method:efficientvit", "method:quantboost"}
    expected = {r.id for r in rels if r.start in methods or r.end in methods}
    assert ids(view.relationships) == expected
    assert "paper:" not in " ".join(ids(view.nodes))
    assert {"arxiv:2503.00001", "arxiv:2503.00005", "metric:latency"} <= ids(view.nodes)


def test_paper_view_is_the_claims_of_that_paper(graph):
    _, rels = graph
    for key in ("arxiv:2503.00005", "2503.00005", "Revisiting EfficientViT"):
        view = select_view(graph, paper=key)
        expected = {r.id for r in rels if r.props["paper_id"] == "arxiv:2503.00005"}
        assert ids(view.relationships) == expected, key
        assert "arxiv:2503.00001" not in ids(view.nodes)  # the other paper's claims stay out


def test_selection_errors(graph):
    with pytest.raises(KgError, match="no Method matches 'nothing-like-it'"):
        select_view(graph, method="nothing-like-it")
    with pytest.raises(KgError, match="did you mean 'TinyLM'"):
        select_view(graph, method="TinyLN")
    with pytest.raises(KgError, match="choose one"):
        select_view(graph, method="TinyLM", hardware="V100")
    with pytest.raises(KgError, match="needs a graph store"):
        select_view(graph, query="methods-for-hardware")


# --- the cap -----------------------------------------------------------------------------------


def test_cap_keeps_limit_and_says_so():
    nodes, rels = synthetic_graph(400)
    data, report = view_data(nodes, rels, limit=100)
    assert report.nodes_shown == len(data["nodes"]) == 100
    assert report.nodes_total == len(nodes)
    assert report.capped
    assert report.message().startswith(f"showing 100 of {len(nodes)} nodes")
    assert "narrow with --method/--hardware/--paper or raise --limit" in report.message()
    shown = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in shown and e["to"] in shown for e in data["edges"])
    # Grown from the best-connected node outwards: the kept part hangs together.
    assert report.relationships_shown >= 99


def test_cap_keeps_the_focus_first():
    nodes, rels = synthetic_graph(400)
    focus = "method:synth-method-77"
    data, _ = view_data(nodes, rels, limit=5, focus=[focus])
    shown = {n["id"] for n in data["nodes"]}
    assert focus in shown
    neighbours = {r.end for r in rels if r.start == focus} | {
        r.start for r in rels if r.end == focus
    }
    assert shown - {focus} <= neighbours


def test_uncapped_when_under_limit(graph):
    nodes, rels = graph
    _, report = view_data(nodes, rels)
    assert not report.capped
    assert report.message() == (
        f"showing {len(nodes)} of {len(nodes)} nodes and {len(rels)} of {len(rels)} relationships"
    )


def test_same_claim_from_two_papers_is_one_edge_with_both_claims(graph):
    data, report = view_data(*graph)
    edge = next(
        e
        for e in data["edges"]
        if e["from"] == "method:efficientvit" and e["to"] == "hardware:nvidia-jetson-orin"
    )
    assert edge["n"] == 2
    assert {c["paper"] for c in edge["claims"]} == {"arxiv:2503.00001", "arxiv:2503.00005"}
    assert report.edges_drawn == report.relationships_shown - 1


def test_initial_positions_place_every_node_apart():
    nodes, rels = synthetic_graph(300)
    spots = initial_positions([n.id for n in nodes], [(r.start, r.end) for r in rels])
    assert set(spots) == ids(nodes)
    assert len(set(spots.values())) > 0.95 * len(nodes)
    assert spots == initial_positions([n.id for n in nodes], [(r.start, r.end) for r in rels])


# --- the page ----------------------------------------------------------------------------------


def test_script_json_cannot_end_the_script_element():
    text = script_json({"t": HOSTILE_SCRIPT, "u": "a\u2028b\u2029c & <b>"})
    for bad in ("</script", "<!--", "<script", "\u2028", "\u2029", "<", ">", "&"):
        assert bad not in text
    assert json.loads(text) == {"t": HOSTILE_SCRIPT, "u": "a\u2028b\u2029c & <b>"}


@pytest.fixture(scope="module")
def page(graph) -> str:
    data, _ = view_data(*graph, title=f"Overview {HOSTILE}")
    return page_html(data)


def test_page_is_self_contained(page):
    assert not re.search(r"<(link|img|iframe|object|embed|base)\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "sourceMappingURL" not in page
    assert vis_network_js().strip()[:-200] in page  # the vendored vis-network, inline
    assert "Content-Security-Policy" in page


def test_page_never_carries_hostile_text_as_markup(page):
    for bad in (HOSTILE, HOSTILE_SCRIPT, "<img src=x", "window.__pwned=2</script>"):
        assert bad not in page
    assert "Overview &lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in page  # the title


def test_render_view_writes_the_page(tmp_path, graph):
    path = tmp_path / "sub" / "view.html"
    report = render_view(*graph, path, title="T")
    assert report.path == path
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    payload = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    data = json.loads(payload.group(1))
    assert len(data["nodes"]) == report.nodes_shown == len(graph[0])
    names = {n["name"] for n in data["nodes"]}
    assert HOSTILE in names and HOSTILE_SCRIPT in names  # intact as data


# --- the CLI, on the embedded store ------------------------------------------------------------


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, graph):
    from kg.stores import open_store

    path = tmp_path_factory.mktemp("viz-store") / "kg-data"
    store = open_store(db_path=path)
    try:
        store.apply_schema()
        store.load(*graph)
    finally:
        store.close()
    return path


@pytest.fixture
def run(store_path):
    def run(*args: str):
        return CliRunner().invoke(main, ["viz", "--db", str(store_path), *args])

    return run


def _payload(path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    return json.loads(found.group(1))


def test_cli_views_match_the_in_memory_selection(run, tmp_path, graph):
    cases = {
        "overview": [],
        "method": ["--method", "EfficientViT"],
        "hardware": ["--hardware", "NVIDIA V100 GPU"],
        "paper": ["--paper", "2503.00002"],
    }
    for name, args in cases.items():
        out = tmp_path / f"{name}.html"
        result = run(*args, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert f"Wrote {out}: showing" in result.output
        key = dict(zip(args[::2], args[1::2], strict=True))
        expected = select_view(graph, **{k.lstrip("-"): v for k, v in key.items()})
        data = _payload(out)
        assert {n["id"] for n in data["nodes"]} == ids(expected.nodes), name
        assert sum(e["n"] for e in data["edges"]) == len(expected.relationships), name


def test_cli_query_view(run, tmp_path):
    out = tmp_path / "q.html"
    result = run("--query", "methods-for-hardware", "--param", "hardware=edge", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = _payload(out)
    shown = {n["id"] for n in data["nodes"]}
    assert {"method:efficientvit", "method:quantboost", "hardware:nvidia-jetson-orin"} <= shown
    assert "hardware:nvidia-v100-gpu" not in shown
    assert data["title"] == "Query: methods-for-hardware"


def test_cli_says_when_a_query_has_nothing_to_draw(run, tmp_path):
    out = tmp_path / "o.html"
    result = run("--query", "overview", "-o", str(out))
    assert result.exit_code == 2
    assert "no node ids" in result.output and "nothing to draw" in result.output
    assert not out.exists()


def test_cli_limit_message(run, tmp_path):
    out = tmp_path / "l.html"
    result = run("--limit", "5", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "showing 5 of 22 nodes" in result.output
    assert "narrow with --method/--hardware/--paper or raise --limit" in result.output


def test_cli_errors(run, tmp_path):
    assert "name it FILE.html" in run("-o", str(tmp_path / "x.png")).output
    assert "does not exist" in run("-o", str(tmp_path / "no" / "x.html")).output
    assert (
        "--param goes with --query" in run("--param", "a=1", "-o", str(tmp_path / "x.html")).output
    )
    result = run("--method", "nope-nope", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2 and "no Method matches 'nope-nope'" in result.output


def test_view_dataclass_defaults():
    view = View([], [])
    assert view.title == "Knowledge graph" and view.focus == ()


def test_load_html_writes_the_overview(tmp_path):
    out = tmp_path / "graph.html"
    result = CliRunner().invoke(
        main,
        ["load", str(SAMPLE), "--db", str(tmp_path / "db"), "--html", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: showing" in result.output
    data = _payload(out)
    assert data["title"] == "Overview"
    assert data["summary"]["nodesShown"] == data["summary"]["nodesTotal"] > 0
    labels = {n["group"] for n in data["nodes"]}
    assert {"Paper", "Method"} <= labels


def test_load_html_checks_the_path_before_loading(tmp_path):
    result = CliRunner().invoke(
        main, ["load", str(SAMPLE), "--db", str(tmp_path / "db"), "--html", "x.txt"]
    )
    assert result.exit_code == 2 and "name it FILE.html" in result.output
    assert not (tmp_path / "db").exists()


# --- the same views from Neo4j -----------------------------------------------------------------

SELECTIONS = [
    {},
    {"method": "EfficientViT"},
    {"method": "e-vit"},
    {"hardware": "NVIDIA V100 GPU"},
    {"hardware": "jetson"},
    {"paper": "2503.00005"},
    {"paper": "TinyLM"},
]


def _same_view(store, graph) -> None:
    for selection in SELECTIONS:
        got = select_view(store, **selection)
        want = select_view(graph, **selection)
        assert ids(got.nodes) == ids(want.nodes), selection
        assert ids(got.relationships) == ids(want.relationships), selection
        assert got.focus == want.focus, selection
        by_id = {r.id: r for r in want.relationships}
        for rel in got.relationships:  # properties come back whole, lists as lists
            assert rel.props["evidence"] == by_id[rel.id].props["evidence"]
    node = next(n for n in select_view(store, method="EfficientViT").nodes if n.id.endswith("vit"))
    assert node.props["aliases"] == ["E-ViT"]
    query = select_view(store, query="methods-for-hardware", params={"hardware": "GPU"})
    assert {"method:scriptnet", "hardware:nvidia-v100-gpu"} <= ids(query.nodes)


def test_embedded_store_views_match_memory(store_path, graph):
    from kg.stores import open_store

    store = open_store(db_path=store_path, read_only=True)
    try:
        _same_view(store, graph)
    finally:
        store.close()


def test_neo4j_views_match_memory(neo4j_server, graph):
    from kg.stores import open_store

    store = open_store(neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    try:
        store.clear()
        store.apply_schema()
        store.load(*graph)
        _same_view(store, graph)
    finally:
        store.close()
