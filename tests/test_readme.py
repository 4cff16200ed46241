"""The README's quick start works as written, in a fresh folder, with the real commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart_lines() -> list[str]:
    block = re.search(r"<!-- quickstart:.*?```bash\n(.*?)```\s*<!-- /quickstart -->", README, re.S)
    assert block, "README lost its quick-start block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quickstart_runs_as_written(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    bin_dir = Path(sys.executable).parent
    (tmp_path / ".venv").symlink_to(bin_dir.parent)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    for name in ("NEO4J_URI", "KG_DB", "KG_CONFIG"):
        env.pop(name, None)
    script = "set -e\n" + "\n".join(quickstart_lines())
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr

    assert (tmp_path / "kg-data").exists()
    view = (tmp_path / "view.html").read_text(encoding="utf-8")
    assert "TinyServe" in view and '<script src="http' not in view
    assert "@prefix" in (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    nt = (tmp_path / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert nt and all(line.endswith(" .") for line in nt)
    csv = (tmp_path / "gpu-methods.csv").read_text(encoding="utf-8").splitlines()
    assert csv[0].startswith("method_id,") and len(csv) > 1
    assert "TinyServe" in (tmp_path / "tinyserve.html").read_text(encoding="utf-8")
    assert "Paper" in result.stdout and "speedup" in result.stdout
