"""Dropping boilerplate looks at each tag once: no subtree search per tag (it was quadratic)."""

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
