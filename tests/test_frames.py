"""DataFrames, the graph picture, graph files and the progress bar: the notebook extras."""

from __future__ import annotations

import doctest
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from notebookfixtures import bibliography_report, seed_report

import claimcheck
from claimcheck import optional
from claimcheck.registry import progress
from claimcheck.report import frames, graphio, views

pd = pytest.importorskip("pandas")
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(scope="module")
def bib() -> claimcheck.Report:
    return bibliography_report()


@pytest.fixture
def no_figures_left() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.mark.parametrize("module", [frames, graphio, optional, progress, views])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# -- DataFrames -------------------------------------------------------------------------------------


def test_findings_frame(bib: claimcheck.Report) -> None:
    df = bib.to_dataframe()
    assert list(df.columns) == list(frames._COLUMNS["findings"])
    assert len(df) == len(bib.findings)
    assert df["severity"].dtype.name == "category" and list(df["severity"].cat.categories) == [
        "error",
        "warning",
        "info",
    ]
    assert str(df["claim_id"].dtype) == "Int64"
    row = df[df["code"] == "uncited-claim"].iloc[0]
    assert row["claim_id"] == 2 and row["claim_text"].startswith("Video visits are here to stay")
    assert pd.isna(df[df["code"] == "doi-not-found"].iloc[0]["claim_id"])


def test_claims_frame_has_states_and_support(bib: claimcheck.Report) -> None:
    df = bib.to_dataframe("claims")
    assert len(df) == len(bib.claims) and list(df["id"]) == [c.id for c in bib.claims]
    assert df.set_index("id")["state"].to_dict() == bib.claim_states()
    assert df.loc[df["id"] == 1, "citations"].iloc[0] == [1]
    assert df["support_score"].notna().sum() >= 4


def test_references_frame(bib: claimcheck.Report) -> None:
    df = bib.to_dataframe("references").set_index("number")
    assert list(df.index) == [1, 2, 3, 4, 5]
    assert df.loc[4, "status"] == "not_found"
    assert df.loc[4, "findings"] == sum(1 for f in bib.findings if f.reference_number == 4)
    assert df.loc[1, "cited_by"] == [1] and df.loc[1, "registered_title"].startswith("Investigating")
    assert df["status"].dtype.name == "category"


def test_an_unknown_table_is_refused(bib: claimcheck.Report) -> None:
    with pytest.raises(ValueError, match="use one of findings, claims, references"):
        bib.to_dataframe("works")


def test_missing_pandas_says_what_to_install(bib: claimcheck.Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match=r'pip install "claimcheck-audit\[notebook\]"'):
        bib.to_dataframe()


def test_missing_matplotlib_says_what_to_install(
    bib: claimcheck.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ModuleNotFoundError, match=r"Report\.draw\(\) needs matplotlib"):
        bib.draw()


# -- the picture -----------------------------------------------------------------------------------


def test_draw_colours_claims_and_references_with_a_worded_legend(
    bib: claimcheck.Report, no_figures_left: None
) -> None:
    ax = bib.draw(title="bibliography")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for entry in ("claim: supported", "claim: uncited", "claim: flagged", "reference: resolved"):
        assert entry in legend
    assert "reference: not_found" in legend and "work: retracted" in legend
    labels = {t.get_text() for t in ax.texts}
    assert {"C2", "[4]", "claims", "references", "works"} <= labels
    assert "10.1016/s0140-6736(…" in labels or any(x.startswith("10.1016/s0140") for x in labels)


def test_draw_on_a_given_axes_and_all_claims(no_figures_left: None) -> None:
    report = seed_report()
    _, ax = plt.subplots()
    assert report.draw(ax=ax) is ax
    few = {n for n in ax.texts if n.get_text().startswith("C")}
    ax2 = report.draw(all_claims=True)
    more = {n for n in ax2.texts if n.get_text().startswith("C")}
    assert len(more) == len(report.claims) > len(few)


# -- graph files ----------------------------------------------------------------------------------


def test_graphml_round_trip(tmp_path: Path, bib: claimcheck.Report) -> None:
    path = bib.to_graphml(tmp_path / "audit.graphml")
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(bib.graph.nodes)
    assert back.number_of_edges() == bib.graph.number_of_edges()
    claim = back.nodes["claim:2"]
    assert json.loads(claim["reasons"]) == bib.graph.nodes["claim:2"]["reasons"]
    assert "support" not in claim  # None is dropped, not written as "None"
    assert back.nodes["ref:4"]["status"] == "not_found"


def test_node_link_json(tmp_path: Path, bib: claimcheck.Report) -> None:
    text = graphio.to_node_link_json(bib.graph, tmp_path / "audit.json")
    data = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert data == json.loads(text) and {"nodes", "links"} <= set(data)
    assert nx.node_link_graph(data, edges="links").number_of_nodes() == bib.graph.number_of_nodes()


# -- progress --------------------------------------------------------------------------------------


def test_progress_bar_is_text_outside_a_notebook(capsys: pytest.CaptureFixture[str]) -> None:
    assert not progress.in_notebook()
    with progress.progress_bar(2, desc="Crossref") as bar:
        bar.update(2)
    assert "Crossref" in capsys.readouterr().err
    with progress.progress_bar(2, desc="Crossref", show=False) as bar:
        bar.update(2)
    assert capsys.readouterr().err == ""


def test_an_imported_ipykernel_is_not_a_notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ipykernel", sys.modules[__name__])  # imported, no kernel running
    assert not progress.in_notebook()
