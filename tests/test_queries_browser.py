"""The Browser guide in a real Neo4j Browser: `:guide URL` shows slides, a click fills the editor.

Needs the test Neo4j server (which serves Neo4j Browser) and headless Chromium via Playwright.
"""

from __future__ import annotations

import shutil
import threading

import pytest
from support import unavailable

from kg import queries

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    unavailable("no Chromium")
    return ""


def _http_url(request: pytest.FixtureRequest) -> str:

    server = request.getfixturevalue("neo4j_server")
    if not server.http_url:
        unavailable("the Neo4j test server has no HTTP address for the Browser")
    return server.http_url.rstrip("/")


def test_guide_plays_in_neo4j_browser(request: pytest.FixtureRequest) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    http_url = _http_url(request)
    found = queries.load_queries()
    server = queries.guide_server(found, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://localhost:{server.server_address[1]}{queries.GUIDE_PATH}"
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(f"{http_url}/browser/", wait_until="networkidle")
                page.locator(".monaco-editor textarea").first.click()
                page.keyboard.type(f":guide {url}")
                page.keyboard.press("Enter")
                page.get_by_text("kg: canned queries").first.wait_for(timeout=20_000)
                page.get_by_text("Next").click()
                first = sorted(found)[0]
                page.get_by_role("heading", name=first).wait_for(timeout=10_000)
                page.locator("pre.runnable").first.click()
                editor = page.locator(".monaco-editor").first
                page.wait_for_timeout(500)
                text = editor.inner_text()
                assert ":param" in text and "MATCH" in text
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert any(r.startswith("GET /kg-queries.html 200") for r in server.requests)
