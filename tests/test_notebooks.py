"""The example notebooks run top to bottom from a clean kernel, with no network, and keep their outputs.

Each notebook in ``notebooks/`` is executed with nbclient in a fresh kernel whose environment
is offline: ``CLAIMCHECK_OFFLINE=1`` and every registry URL pointing at a closed loopback port.
A cell that raises, or that writes a warning or a traceback, fails the test.

Refresh the saved outputs after changing a notebook or the views::

    python tests/test_notebooks.py          # executes every notebook and saves it in place
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
if importlib.util.find_spec("ipykernel") is None:  # not imported here: the kernel runs it
    pytest.skip("ipykernel is not installed", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
CLOSED = "http://127.0.0.1:9"  # the discard port: a connection is refused at once


def offline_env(env: MutableMapping[str, str], store: Path) -> None:
    """Point a kernel's environment away from the internet and at this checkout's package."""
    env["CLAIMCHECK_OFFLINE"] = "1"
    for name in ("CLAIMCHECK_CROSSREF_URL", "CLAIMCHECK_PUBMED_URL", "CLAIMCHECK_DATACITE_URL"):
        env[name] = CLOSED
    env["CLAIMCHECK_STORE"] = str(store)
    env.pop("CLAIMCHECK_MAILTO", None)
    env.pop("MPLBACKEND", None)  # the kernel draws inline
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)


def execute(path: Path) -> Any:
    """Run a notebook from a clean kernel in ``notebooks/``; return it with its new outputs."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        record_timing=False,  # saved notebooks keep no timestamps
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return nb


def _outputs(nb: Any) -> Iterator[dict[str, Any]]:
    for cell in nb.cells:
        if cell.cell_type == "code":
            yield from cell.get("outputs", [])


@pytest.fixture
def kernel_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env: dict[str, str] = {}
    offline_env(env, tmp_path / "records.sqlite3")
    monkeypatch.delenv("CLAIMCHECK_MAILTO", raising=False)
    monkeypatch.delenv("MPLBACKEND", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def test_there_are_example_notebooks() -> None:
    assert [p.name for p in PATHS] == [
        "01-audit-the-seed-article.ipynb",
        "02-verify-a-bibliography.ipynb",
        "03-explore-the-graph.ipynb",
    ]


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs_offline_from_a_clean_kernel(path: Path, kernel_env: None) -> None:
    nb = execute(path)
    streams = [o for o in _outputs(nb) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not streams, f"{path.name} wrote to stderr: {streams}"
    assert not [o for o in _outputs(nb) if o.get("output_type") == "error"]


def test_saved_outputs_show_the_report_article_dataframe_and_picture() -> None:
    saved = {p.name: [o.get("data", {}) for o in _outputs(nbformat.read(p, as_version=4))] for p in PATHS}
    html = {name: " ".join(d.get("text/html", "") for d in data) for name, data in saved.items()}
    seed = html["01-audit-the-seed-article.ipynb"]
    assert 'class="claimcheck cc-report"' in seed  # the report
    assert 'class="claimcheck cc-annotated"' in seed  # the annotated article
    assert 'class="dataframe"' in seed  # a DataFrame
    assert any("image/png" in d for d in saved["01-audit-the-seed-article.ipynb"])  # the graph
    assert "cc-claim-flagged" in html["02-verify-a-bibliography.ipynb"]
    assert any("image/png" in d for d in saved["03-explore-the-graph.ipynb"])
    for name, data in saved.items():
        text = " ".join(str(d) for d in data)
        assert "/work/" not in text and "/tmp/" not in text, f"{name} saved a machine's path"


def main() -> int:
    """Execute every notebook offline and save it with its outputs."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        offline_env(os.environ, Path(tmp) / "records.sqlite3")
        for path in PATHS:
            nb = execute(path)
            nbformat.write(nb, path)
            print(f"executed and saved {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
