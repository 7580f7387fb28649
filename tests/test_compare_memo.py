"""An entry compared twice with the same record (DOI suggestion, then the metadata check) is compared once,
and never answered from another record that is equal but for its registry message."""

from __future__ import annotations

from claimcheck.model import Reference, Work
from claimcheck.verify import compare
from claimcheck.verify.compare import compare_reference

REF = Reference(
    1, "1. Una prueba del ketamina. Rev Med. 2020;5:12.", title="Una prueba del ketamina", year=2020
)


def test_the_same_record_is_compared_once(monkeypatch) -> None:
    work = Work("10.1/x", title="Una prueba del ketamina", years=(2020,))
    calls = []
    real = compare._compare
    monkeypatch.setattr(compare, "_compare", lambda r, w: calls.append(w) or real(r, w))
    first = compare_reference(REF, work)
    assert compare_reference(REF, work) == first
    assert calls == [work]


def test_an_equal_record_with_another_message_is_compared_anew() -> None:
    translated = Work(
        "10.1/y", title="A trial of ketamine", years=(2020,), raw={"original-title": [REF.title]}
    )
    bare = Work("10.1/y", title="A trial of ketamine", years=(2020,))
    assert translated == bare  # the message is not part of a record's equality
    assert [d.field for d in compare_reference(REF, translated)] == []
    assert [d.field for d in compare_reference(REF, bare)] == ["title"]
