"""HTML reading looks at each tag and paragraph once: no subtree search per tag, no scan per citation."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from bs4.element import Tag

from claimcheck.read.html_clean import drop_boilerplate


def test_no_find_per_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(f"<div class='para'><p>Claim {k} <sup>{k}</sup>.</p></div>" for k in range(200))
    soup = BeautifulSoup(f"<html><body><nav class='menu'>Home</nav>{body}</body></html>", "html.parser")
    calls: list[str] = []
    real = Tag.find

    def counting(self: Tag, *args: object, **kwargs: object) -> object:
        calls.append(str(args[:1]))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Tag, "find", counting)
    drop_boilerplate(soup)
    assert soup.find("nav") is None and len(soup.find_all("p")) == 200
    assert len(calls) <= 2  # the two finds of the line above


def test_a_paragraph_is_read_for_markers_once_not_once_per_citation(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck
    import claimcheck.read.html as html

    calls: list[str] = []
    real = html.find_markers

    def counting(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(html, "find_markers", counting)
    cites = " ".join(f"Finding {k} held.<sup>{k}</sup>" for k in range(1, 9))
    entries = "".join(f"<li>Doe J. Trial {k}. J Med. 2020;1:{k}.</li>" for k in range(1, 9))
    page = f"<html><body><p>{cites}</p><h2>References</h2><ol>{entries}</ol></body></html>"
    article, refs = claimcheck.parse(page)
    assert len(refs) == 8 and "held.1" in article.text.replace(" ", "")
    assert len([t for t in calls if t.startswith("Finding 1")]) <= 2  # was 8 (one per citation)
