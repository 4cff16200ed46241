"""The extraction modules setup.py compiles with mypyc: built, current, and extracting exactly
what the same modules extract interpreted."""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import subprocess
import sys
import tomllib

import pytest
from support import ROOT, seed_pages

MYPYC = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["kg"]["mypyc"]
SOURCES = MYPYC["modules"]
PURE = bool(os.environ.get("KG_PURE_PYTHON"))

# run in a child process: kg's compiled modules are imported from their sources instead
INTERPRETED = """
import importlib.util, sys

class Sources:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name in {names!r}:
            return importlib.util.spec_from_file_location(
                name, {root!r} + "/" + name.replace(".", "/") + ".py"
            )
        return None

sys.meta_path.insert(0, Sources)
from kg.cli import main
import kg.extraction.pipeline
assert kg.extraction.pipeline.__file__.endswith(".py"), kg.extraction.pipeline.__file__
sys.argv[0] = "kg"
main()
"""


def _module_name(source: str) -> str:
    return source.removesuffix(".py").replace("/", ".")


@pytest.mark.parametrize("source", SOURCES)
def test_module_is_compiled_and_current(source: str) -> None:
    module = importlib.import_module(_module_name(source))
    compiled = module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    if PURE:
        assert not compiled, f"KG_PURE_PYTHON is set, yet {module.__file__} is compiled"
        return
    assert compiled, (
        f"{source} runs interpreted: the mypyc build fell back (no C compiler, or a type error "
        "in the module: see .venv/pip.log); run scripts/setup, or set KG_PURE_PYTHON=1"
    )
    # the module is a stub: its code is in the group's library, built again on any edit
    library = importlib.import_module(f"{MYPYC['group']}__mypyc").__file__
    assert os.path.getmtime(library) >= (ROOT / source).stat().st_mtime, (
        f"{library} is older than {source}: run scripts/setup to compile the edit"
    )


def test_compiled_and_interpreted_extract_the_same(tmp_path) -> None:
    """Compiled code checks the declared types at run time where Python does not: the two must
    still agree on every seed abstract."""
    out = {}
    names = sorted(_module_name(s) for s in SOURCES)
    for mode, code in (
        ("compiled", "from kg.cli import main; import sys; sys.argv[0] = 'kg'; main()"),
        ("interpreted", INTERPRETED.format(names=names, root=str(ROOT))),
    ):
        target = tmp_path / f"{mode}.jsonl"
        subprocess.run(
            [sys.executable, "-c", code, "extract", *map(str, seed_pages()), "-o", str(target)],
            check=True, capture_output=True, cwd=tmp_path,
        )  # fmt: skip
        out[mode] = target.read_text("utf-8")
    assert out["compiled"].strip()
    assert out["compiled"] == out["interpreted"]
