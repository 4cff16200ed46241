"""Compiles the extraction stage with mypyc (the modules in pyproject.toml's `tool.kg.mypyc`).

Everything else is in pyproject.toml. The modules are plain typed Python: where no C compiler is
at hand the build goes on without them (`optional`), and `KG_PURE_PYTHON=1` skips compiling.
"""

import os
import tomllib
from pathlib import Path

from setuptools import setup


def extensions() -> list:
    if os.environ.get("KG_PURE_PYTHON"):
        return []
    from mypyc.build import mypycify

    config = tomllib.loads(Path(__file__).with_name("pyproject.toml").read_text("utf-8"))
    mypyc = config["tool"]["kg"]["mypyc"]
    # spaCy is not in the build environment: its types are taken as Any
    modules = mypycify(["--ignore-missing-imports", *mypyc["modules"]], group_name=mypyc["group"])
    for module in modules:
        module.optional = True  # no compiler: the same modules, interpreted
    return modules


setup(ext_modules=extensions())
