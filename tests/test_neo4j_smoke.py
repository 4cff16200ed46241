"""The real Neo4j test server: Bolt with auth, the expected version and edition, Browser."""

from __future__ import annotations

import urllib.request
import uuid

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError

pytestmark = pytest.mark.neo4j


def test_write_and_read_back_with_parameters(neo4j_driver: Driver) -> None:
    key = uuid.uuid4().hex
    neo4j_driver.execute_query(
        "CREATE (:SmokeTest {key: $key, title: $title, year: $year})",
        key=key,
        title="Attention Is All You Need",
        year=2017,
    )
    try:
        records, _, _ = neo4j_driver.execute_query(
            "MATCH (n:SmokeTest {key: $key}) RETURN n.title AS title, n.year AS year", key=key
        )
        assert [(r["title"], r["year"]) for r in records] == [("Attention Is All You Need", 2017)]
    finally:
        neo4j_driver.execute_query("MATCH (n:SmokeTest {key: $key}) DETACH DELETE n", key=key)


def test_server_is_neo4j_5_26_community(neo4j_driver: Driver) -> None:
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
    )
    kernel = next(r for r in records if r["name"] == "Neo4j Kernel")
    assert kernel["versions"][0].startswith("5.26"), kernel["versions"]
    assert kernel["edition"] == "community"


def test_wrong_password_is_refused(neo4j_server) -> None:
    auth = (neo4j_server.user, "wrong-password")
    with GraphDatabase.driver(neo4j_server.uri, auth=auth) as d, pytest.raises(AuthError):
        d.verify_connectivity()


def test_clean_neo4j_empties_the_database(neo4j_driver: Driver, request) -> None:
    neo4j_driver.execute_query("CREATE (:SmokeTest)-[:LINK]->(:SmokeTest)")
    driver = request.getfixturevalue("clean_neo4j")
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_browser_is_served(neo4j_server) -> None:
    if not neo4j_server.http_url:
        pytest.skip("external server without NEO4J_TEST_HTTP_URL")
    with urllib.request.urlopen(f"{neo4j_server.http_url}/browser/", timeout=30) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "text/html"
        body = response.read().decode("utf-8", "replace")
    assert "<title>Neo4j Browser</title>" in body
