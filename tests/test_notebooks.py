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
        "04-word-pdf-jats.ipynb",
    ]


#: What each notebook must show when run now, from facts known apart from the code that
#: renders them: the views by their markup, and what the article and the recorded records say
#: (six references in the seed article; in the bibliography, [4]'s DOI is not registered and
#: [5] is the retracted Wakefield paper, 10.1016/S0140-6736(97)11096-0).
EXPECTED = {
    "01-audit-the-seed-article.ipynb": (
        'class="claimcheck cc-report"',  # the report
        'class="claimcheck cc-annotated"',  # the annotated article
        'class="dataframe"',  # a DataFrame
        'id="cc-ref-6"',  # the sixth and last reference's row
        "scripts: 0",  # the saved page runs nothing
        "image/png",  # the graph
    ),
    "02-verify-a-bibliography.ipynb": (
        "cc-claim-flagged",
        "doi-not-found",
        "retracted-source",
        "4: 'unchecked (offline)'",  # offline, only what the store holds is answered
    ),
    "03-explore-the-graph.ipynb": ("retracted works", "10.1016/s0140-6736(97)11096-0", "image/png"),
    "04-word-pdf-jats.ipynb": (
        "Word document, 3 Zotero citations",
        "(year: printed 2018, item 2019)",  # the hand-edited bibliography entry
        "in two columns, 7 superscript citations",
        "('1,2,3,4', (1, 2, 3, 4))",
        "JATS XML, 7 linked citations",
    ),
}


def _shown(nb: Any) -> str:
    """Everything a notebook shows: HTML, text and stream outputs, and the names of image outputs."""
    parts = []
    for o in _outputs(nb):
        data = o.get("data", {})
        parts += [str(data.get("text/html", "")), str(data.get("text/plain", "")), str(o.get("text", ""))]
        parts += [kind for kind in data if kind.startswith("image/")]
    return "\n".join(parts)


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs_offline_from_a_clean_kernel(path: Path, kernel_env: None) -> None:
    nb = execute(path)
    streams = [o for o in _outputs(nb) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not streams, f"{path.name} wrote to stderr: {streams}"
    assert not [o for o in _outputs(nb) if o.get("output_type") == "error"]
    # the outputs of this run (not the saved ones) show the views and what the records say
    shown = _shown(nb)
    missing = [want for want in EXPECTED[path.name] if want not in shown]
    assert not missing, f"{path.name} does not show {missing}"


def test_saved_notebooks_keep_outputs_and_no_machine_path() -> None:
    # the saved outputs are for readers on a code host; their content is checked on a fresh run above
    for path in PATHS:
        nb = nbformat.read(path, as_version=4)
        shown = _shown(nb)
        assert "text/html" not in shown  # sanity: _shown gives the content, not the keys
        assert "image/png" in shown or path.name in (
            "02-verify-a-bibliography.ipynb",
            "04-word-pdf-jats.ipynb",
        )
        assert "/work/" not in shown and "/tmp/" not in shown, f"{path.name} saved a machine's path"


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
