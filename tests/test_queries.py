"""Canned query files: header parsing, parameter binding, the read-only guard, listing, guides."""

from __future__ import annotations

import html
import io
import json
import re
import threading
import urllib.request
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import queries
from kg.cli import main
from kg.queries import (
    Param,
    QueryError,
    WriteRefused,
    check_read_only,
    infer_value,
    load_queries,
    parse_param_args,
    parse_query,
    write_clauses,
)

ROOT = Path(__file__).resolve().parent.parent
CYPHER = ROOT / "cypher"


# --- the files in cypher/ ----------------------------------------------------------------------


def test_at_least_twelve_queries_each_with_a_header() -> None:
    found = load_queries(CYPHER)
    assert len(found) >= 12
    for name, q in found.items():
        assert q.path is not None and q.path.name == f"{name}.cypher"
        assert q.description and len(q.description) > 20, name
        text = q.path.read_text(encoding="utf-8")
        assert text.startswith(f"// name: {name}\n// description: "), name
        for p in q.params:
            assert f"${p.name}" in q.cypher, f"{name}: {p.name} declared but unused"
        used = set(re.findall(r"\$([A-Za-z_]\w*)", queries.strip_literals(q.cypher)))
        assert used <= {p.name for p in q.params}, f"{name}: undeclared {used}"


def test_every_query_returns_ids_and_has_a_total_order() -> None:
    for name, q in load_queries(CYPHER).items():
        if name == "overview":
            continue  # one row of counts
        for dialect in ("neo4j", "embedded"):
            text = q.text_for(dialect)
            assert re.search(r"\bAS \w+_id\b", text), f"{name}: no *_id column"
            assert "ORDER BY" in text.split("RETURN")[-1], f"{name}: no final ORDER BY"


def test_canned_queries_pass_the_read_only_guard() -> None:
    for q in load_queries(CYPHER).values():
        for dialect in ("neo4j", "embedded"):
            assert write_clauses(q.text_for(dialect)) == [], q.name


def test_variants_are_picked_per_dialect() -> None:
    q = load_queries(CYPHER)["top-papers-per-week"]
    assert "date.truncate" in q.text_for("neo4j")
    assert "date_trunc" in q.text_for("embedded")
    assert q.text_for(None) == q.cypher
    assert "embedded" in q.variant_paths


# --- parsing -----------------------------------------------------------------------------------


QUERY = """\
// name: sample
// description: A sample query for the tests.
// param: hardware = "GPU"  # a class or name
// param: limit = 10
// param: ratio = 0.5
// param: strict = false
// param: classes = ["edge", "mobile"]
// param: sizes = [1, 2]
// param: method  # required
// a free comment in the header
MATCH (m:Method) // trailing comment
RETURN m.id AS method_id LIMIT $limit
"""


def test_header_parsing() -> None:
    q = parse_query(QUERY, "sample.cypher")
    assert q.name == "sample"
    assert q.description == "A sample query for the tests."
    assert [p.name for p in q.params] == [
        "hardware",
        "limit",
        "ratio",
        "strict",
        "classes",
        "sizes",
        "method",
    ]
    assert q.param("hardware") == Param("hardware", "GPU", help="a class or name")
    assert q.param("method").required and q.param("method").help == "required"
    assert q.cypher.startswith("MATCH (m:Method)")
    assert "free comment" not in q.cypher


def test_binding_coerces_command_line_strings() -> None:
    q = parse_query(QUERY, "sample.cypher")
    bound = q.bind(
        parse_param_args(
            [
                "limit=5",
                "ratio=2",
                "strict=yes",
                "classes=edge, npu",
                "sizes=3,4",
                "method=A=B",
                "hardware=123",
            ]
        )
    )
    assert bound == {
        "hardware": "123",  # a string parameter stays a string
        "limit": 5,
        "ratio": 2.0,
        "strict": True,
        "classes": ["edge", "npu"],
        "sizes": [3, 4],
        "method": "A=B",
    }
    assert q.bind({"method": "x", "classes": '["a,b"]'})["classes"] == ["a,b"]
    assert q.bind({"method": "x", "classes": ""})["classes"] == []
    assert q.bind({"method": "x"})["limit"] == 10  # defaults
    assert q.bind({"method": 7})["method"] == 7  # Python values pass through


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "needs parameter 'method'"),
        ({"method": "x", "limit": "ten"}, "'limit' expects an int"),
        ({"method": "x", "ratio": "fast"}, "'ratio' expects a float"),
        ({"method": "x", "strict": "maybe"}, "'strict' expects a bool"),
        ({"method": "x", "nope": "1"}, "has no parameter 'nope'"),
    ],
)
def test_binding_errors(values: dict, message: str) -> None:
    q = parse_query(QUERY, "sample.cypher")
    with pytest.raises(QueryError, match=message):
        q.bind(values)


def test_inferred_values_for_undeclared_types() -> None:
    assert infer_value("12") == 12
    assert infer_value("-3") == -3
    assert infer_value("0.5") == 0.5
    assert infer_value("1e3") == 1000.0
    assert infer_value("true") is True and infer_value("False") is False
    assert infer_value("null") is None
    assert infer_value('"12"') == "12"
    assert infer_value("[1, 2]") == [1, 2]
    assert infer_value("GPU") == "GPU"
    assert infer_value("2025-01-06") == "2025-01-06"


@pytest.mark.parametrize("bad", ["noequals", "=x", "bad key=1"])
def test_param_args_need_key_value(bad: str) -> None:
    with pytest.raises(QueryError, match="key=value"):
        parse_param_args([bad])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("MATCH (n) RETURN n", "no '// name:'"),
        ("// name: x\nMATCH (n) RETURN n", "no '// description:'"),
        ("// name: Bad_Name\n// description: d\nRETURN 1", "bad query name"),
        ("// name: x\n// description: d\n", "no Cypher"),
        ("// name: x\n// description: d\n// param: a = GPU\nRETURN $a", "JSON literal"),
        ("// name: x\n// description: d\n// param: a = 1 junk\nRETURN $a", "unexpected text"),
        ("// name: x\n// description: d\n// param: a = 1\n// param: a = 2\nRETURN $a", "twice"),
    ],
)
def test_malformed_files(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(text, "x.cypher")


def test_folder_loading_checks_names_and_variants(tmp_path: Path) -> None:
    (tmp_path / "one.cypher").write_text("// name: one\n// description: d\nRETURN 1 AS x\n")
    (tmp_path / "variants" / "embedded").mkdir(parents=True)
    (tmp_path / "variants" / "embedded" / "one.cypher").write_text("// note\nRETURN 2 AS x\n")
    found = load_queries(tmp_path)
    assert found["one"].text_for("embedded") == "RETURN 2 AS x"
    assert found["one"].text_for("neo4j") == "RETURN 1 AS x"
    (tmp_path / "variants" / "embedded" / "two.cypher").write_text("RETURN 3\n")
    with pytest.raises(QueryError, match="unknown query 'two'"):
        load_queries(tmp_path)
    (tmp_path / "variants" / "embedded" / "two.cypher").unlink()
    (tmp_path / "three.cypher").write_text("// name: four\n// description: d\nRETURN 1\n")
    with pytest.raises(QueryError, match="differs from the file name"):
        load_queries(tmp_path)


def test_unknown_query_name_suggests() -> None:
    with pytest.raises(QueryError, match=r"unknown query 'speedups'.*largest-speedups"):
        queries.get_query("speedups", CYPHER)


# --- read-only guard ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n) RETURN n",
        "MATCH (n) WHERE n.name = 'CREATE (x)' RETURN n // DELETE everything",
        'MATCH (n) WHERE n.name = "it\'s; SET" RETURN n /* MERGE */',
        "MATCH (n) RETURN n.set AS set_, {merge: 1} AS m, n.`delete` AS d",
        "MATCH (n) WHERE n.name STARTS WITH 'a' RETURN n",
        "CALL db.labels() YIELD label RETURN label",
        "CALL db.index.fulltext.queryNodes('paper_text', 'int8') YIELD node RETURN node.id",
        "CALL show_tables() RETURN *",
        "MATCH (n) CALL { WITH n RETURN n.id AS id } RETURN id",
        "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
        "MATCH (n) RETURN n;",
        "MATCH (n:Method) WHERE n.id = $id RETURN n",
    ],
)
def test_reads_pass_the_guard(cypher: str) -> None:
    assert write_clauses(cypher) == []
    check_read_only(cypher)


@pytest.mark.parametrize(
    ("cypher", "why"),
    [
        ("CREATE (n:Paper {id: 'x'})", "CREATE"),
        ("MATCH (n) SET n.x = 1", "SET"),
        ("match (n) detach delete n", "DETACH"),
        ("MERGE (n:Method {id: 'm'})", "MERGE"),
        ("MATCH (n) REMOVE n.name", "REMOVE"),
        ("DROP TABLE Paper", "DROP"),
        ("ALTER TABLE Paper ADD x INT64", "ALTER"),
        ("COPY Paper FROM 'x.csv'", "COPY"),
        ("COPY (MATCH (n) RETURN n) TO 'out.csv'", "COPY"),
        ("EXPORT DATABASE 'dump'", "EXPORT"),
        ("INSTALL fts", "INSTALL"),
        ("LOAD fts", "LOAD"),
        ("ATTACH 'other' AS o (dbtype lbug)", "ATTACH"),
        ("CALL apoc.create.node(['X'], {})", "CALL apoc.create.node"),
        ("CALL db.createLabel('X')", "CALL db.createLabel"),
        ("CALL threads=4", "CALL threads"),
        ("MATCH (n) RETURN n; MATCH (m) RETURN m", "more than one statement"),
        ("COMMIT", "COMMIT"),
        ("MATCH (n) FOREACH (x IN [1] | SET n.a = x)", "FOREACH"),
        ("MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS", "DELETE"),
        ("MATCH (n)\n/* harmless */ CREATE (m)", "CREATE"),
    ],
)
def test_writes_are_refused(cypher: str, why: str) -> None:
    assert any(why in reason for reason in write_clauses(cypher)), write_clauses(cypher)
    with pytest.raises(WriteRefused, match="--write"):
        check_read_only(cypher)


def test_strip_literals_keeps_length_and_blanks_strings() -> None:
    text = "RETURN 'a''b' AS x, \"c\\\"d\" AS y, `we ird` AS z // c\n"
    stripped = queries.strip_literals(text)
    assert len(stripped) == len(text)
    assert "a" not in stripped.split("RETURN")[1].split("AS")[0]
    assert "we ird" not in stripped and "// c" not in stripped


# --- output ------------------------------------------------------------------------------------


ROWS = [
    {"method_id": "method:a", "method": "A", "speedup": 3.5, "papers": ["p1", "p2"], "n": None},
    {"method_id": "method:b", "method": "B, the second", "speedup": 2.0, "papers": [], "n": 1},
]


def test_formats() -> None:
    table = queries.format_rows(ROWS, "table")
    assert table.splitlines()[0].split() == ["method_id", "method", "speedup", "papers", "n"]
    assert "p1; p2" in table and table.endswith("(2 rows)")
    assert json.loads(queries.format_rows(ROWS, "json")) == ROWS
    csv_text = queries.format_rows(ROWS, "csv")
    assert csv_text.splitlines()[0] == "method_id,method,speedup,papers,n"
    assert '"B, the second"' in csv_text
    assert queries.format_rows([], "table") == "(no rows)"
    assert queries.format_rows([], "json") == "[]"


def test_normalise_values() -> None:
    from decimal import Decimal

    rows = queries.normalise_rows([{"a": Decimal("2"), "b": Decimal("2.5"), "c": [Decimal("1")]}])
    assert rows == [{"a": 2, "b": 2.5, "c": [1]}]
    assert isinstance(rows[0]["a"], int)


def test_row_node_ids_follow_the_id_column_convention() -> None:
    rows = [
        {"method_id": "method:a", "hardware_id": "hardware:gpu", "paper": "x", "n": 1},
        {"method_id": "method:a", "other_hardware_id": ["hardware:tpu"], "id": "task:t"},
    ]
    assert queries.row_node_ids(rows) == ["method:a", "hardware:gpu", "hardware:tpu", "task:t"]


# --- CLI without a store -----------------------------------------------------------------------


def test_cli_list() -> None:
    result = CliRunner().invoke(main, ["query", "--list", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = {row["name"]: row for row in json.loads(result.output)}
    assert set(listed) == set(load_queries(CYPHER))
    assert listed["methods-for-hardware"]["parameters"] == 'hardware="GPU" limit=200'
    table = CliRunner().invoke(main, ["query", "--list"])
    assert table.exit_code == 0 and "methods-for-hardware" in table.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "no-such-query"], "unknown query 'no-such-query'"),
        (["query", "largest-speedups", "-p", "limit=many"], "'limit' expects an int"),
        (["query", "largest-speedups", "-p", "nope=1"], "has no parameter 'nope'"),
        (["query", "largest-speedups", "-p", "limit"], "key=value"),
        (["query"], "give a query NAME"),
        (["cypher", "CREATE (n:Paper {id: 'x'})"], "may write (CREATE)"),
        (["cypher", "MATCH (n) DETACH DELETE n"], "--write"),
    ],
)
def test_cli_errors_are_one_line_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [*args, "--db", str(tmp_path / "none")])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "none").exists()  # refused before opening anything


# --- Neo4j Browser guide -----------------------------------------------------------------------


def test_browser_guide_is_escaped_and_runnable(tmp_path: Path) -> None:
    hostile = parse_query(
        '// name: hostile\n// description: <script>alert("x")</script> & more\n'
        '// param: text = "</pre><img src=x onerror=alert(1)>"\n'
        "MATCH (p:Paper) WHERE p.title CONTAINS $text AND 1 < 2 RETURN p.id AS paper_id\n",
        "hostile.cypher",
    )
    page = queries.browser_guide([hostile])
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "1 &lt; 2" in page
    blocks = re.findall(r'<pre class="[^"]*runnable[^"]*">(.*?)</pre>', page, re.S)
    assert len(blocks) == 1
    statement = html.unescape(blocks[0])
    assert statement.startswith(":param text => '</pre><img src=x onerror=alert(1)>';")
    assert statement.endswith("RETURN p.id AS paper_id")

    result = CliRunner().invoke(
        main,
        [
            "query",
            "--browser-guide",
            str(tmp_path / "guide.html"),
            "--browser-favorites",
            str(tmp_path / "fav.zip"),
        ],
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "guide.html").read_text(encoding="utf-8")
    found = load_queries(CYPHER)
    assert page.count("<slide") == len(found) + 1
    assert "<title>" in page
    for q in found.values():
        assert f"<h3>{html.escape(q.name)}</h3>" in page
    with zipfile.ZipFile(io.BytesIO((tmp_path / "fav.zip").read_bytes())) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(f"kg/{n}.cypher" for n in found)
        text = archive.read("kg/methods-for-hardware.cypher").decode()
        assert text.startswith("// methods-for-hardware: ")
        assert ":param hardware => 'GPU';" in text and ":param limit => 200;" in text


def test_cypher_literals() -> None:
    assert queries.cypher_literal("it's \\ fine") == "'it\\'s \\\\ fine'"
    assert queries.cypher_literal([1, 2.5, True, None]) == "[1, 2.5, true, null]"


def test_guide_server_sends_cors() -> None:
    server = queries.guide_server(load_queries(CYPHER), 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{queries.GUIDE_PATH}") as reply:
            assert reply.headers["Access-Control-Allow-Origin"] == "*"
            assert b'class="guide"' in reply.read()
        preflight = urllib.request.Request(
            f"http://127.0.0.1:{port}{queries.GUIDE_PATH}", method="OPTIONS"
        )
        with urllib.request.urlopen(preflight) as reply:
            assert reply.status == 204
            assert reply.headers["Access-Control-Allow-Origin"] == "*"
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/etc/passwd")
    finally:
        server.shutdown()
        server.server_close()
