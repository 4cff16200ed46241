"""Shared pytest fixtures.

Neo4j (this first section): a real Neo4j 5.26 Community server for the tests that need one.

- ``neo4j_server`` (session): a :class:`Neo4jServer` with ``uri``, ``user``, ``password`` and
  ``http_url``. It is the server named by ``NEO4J_TEST_URI`` (+ ``NEO4J_TEST_USER``,
  ``NEO4J_TEST_PASSWORD``, optional ``NEO4J_TEST_HTTP_URL``) when that is set; otherwise the
  session starts its own through ``scripts/neo4j-local`` in a temporary state dir (never the
  developer's ``.cache/neo4j``) and stops it at the end. The first run builds the server with
  Maven (``scripts/neo4j-local build`` does that ahead of time). When no server can be had the
  tests are skipped, except under ``CI=true``, where they fail.
- ``neo4j_driver`` (function): a ``neo4j`` driver for that server, closed after the test.
- ``clean_neo4j`` (function): the same driver, after deleting every node and relationship of the
  default database (indexes and constraints stay).

Tests that use ``neo4j_server`` (directly or through the other two) get the ``neo4j`` marker
automatically, so ``pytest -m "not neo4j"`` runs everything else.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from support import unavailable

if TYPE_CHECKING:
    from neo4j import Driver

# --------------------------------------------------------------------------------------------
# Neo4j

REPO_ROOT = Path(__file__).resolve().parents[1]
NEO4J_LOCAL = REPO_ROOT / "scripts" / "neo4j-local"
# A cold first run downloads ~200 MB with Maven and builds before the server starts.
NEO4J_START_TIMEOUT_S = 1800


@dataclass(frozen=True)
class Neo4jServer:
    """Where the test server is. ``state_dir`` is None for an external server."""

    uri: str
    user: str
    password: str
    http_url: str | None = None
    state_dir: Path | None = None

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    @property
    def log(self) -> Path | None:
        return self.state_dir / "server.log" if self.state_dir else None


def _unavailable(reason: str) -> NoReturn:
    unavailable(f"Neo4j test server unavailable: {reason}")


def _external_server() -> Neo4jServer | None:
    uri = os.environ.get("NEO4J_TEST_URI")
    if not uri:
        return None
    from neo4j import GraphDatabase

    server = Neo4jServer(
        uri=uri,
        user=os.environ.get("NEO4J_TEST_USER", "neo4j"),
        password=os.environ.get("NEO4J_TEST_PASSWORD", ""),
        http_url=os.environ.get("NEO4J_TEST_HTTP_URL") or None,
    )
    try:
        with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
            driver.verify_connectivity()
    except Exception as e:
        _unavailable(f"NEO4J_TEST_URI={uri}: {type(e).__name__}: {e}")
    return server


def _neo4j_local(state_dir: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEO4J_LOCAL), "--state-dir", str(state_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _start_own_server(state_dir: Path) -> Neo4jServer:
    try:
        # --watch-pid: the server also goes away if this test run is killed before teardown.
        done = _neo4j_local(
            state_dir, "--watch-pid", str(os.getpid()), "start", timeout=NEO4J_START_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        _neo4j_local(state_dir, "stop", timeout=120)
        _unavailable(f"scripts/neo4j-local start took over {NEO4J_START_TIMEOUT_S} s")
    except OSError as e:
        _unavailable(f"cannot run {NEO4J_LOCAL}: {e}")
    if done.returncode != 0:
        _unavailable(
            f"scripts/neo4j-local start failed ({done.returncode}):\n{done.stderr.strip()}"
        )
    exports: dict[str, str] = {}
    for line in done.stdout.splitlines():
        words = shlex.split(line)
        if words[:1] == ["export"]:
            exports.update(word.split("=", 1) for word in words[1:] if "=" in word)
    if "NEO4J_URI" not in exports:
        _unavailable(f"no NEO4J_URI in the output of scripts/neo4j-local start: {done.stdout!r}")
    return Neo4jServer(
        uri=exports["NEO4J_URI"],
        user=exports.get("NEO4J_USER", "neo4j"),
        password=exports.get("NEO4J_PASSWORD", ""),
        http_url=exports.get("NEO4J_HTTP_URL"),
        state_dir=state_dir,
    )


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """The Neo4j server for this test session (external via NEO4J_TEST_URI, or our own)."""
    external = _external_server()
    if external is not None:
        yield external
        return
    state_dir = tmp_path_factory.mktemp("neo4j-server")
    server = _start_own_server(state_dir)
    try:
        yield server
    finally:
        _neo4j_local(state_dir, "stop", timeout=120)


@pytest.fixture
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[Driver]:
    """A driver for the session's Neo4j server; closed after the test."""
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_neo4j(neo4j_driver: Driver) -> Driver:
    """The driver, on an emptied default database (all nodes and relationships deleted)."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    return neo4j_driver


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A module holds one function per name: extend this one rather than adding a second.
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)
