"""The resolver seam: one status per reference, whatever the resolver does."""

from __future__ import annotations

import pytest

from claimcheck.model import Reference, Resolution, Status, Work
from claimcheck.registry.resolve import OfflineResolver, resolve_references


def refs() -> list[Reference]:
    return [
        Reference(1, "one", doi="10.1000/a", doi_raw="10.1000/a"),
        Reference(2, "two", doi_raw="10.1000.b", doi_problem="no slash"),
        Reference(3, "three"),
        Reference(4, "four", pmid="123"),
        Reference(5, "five", doi="10.1000/a", doi_raw="10.1000/A"),
    ]


class Recording:
    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def resolve(self, dois):
        self.asked.append(list(dois))
        return {d: Resolution(d, Status.RESOLVED, work=Work(d, title="T")) for d in dois}


def test_statuses_without_asking_for_what_has_no_doi():
    resolver = Recording()
    out = resolve_references(refs(), resolver)
    assert resolver.asked == [["10.1000/a"]]  # asked once, duplicates folded
    assert {n: r.status for n, r in out.items()} == {
        1: Status.RESOLVED,
        2: Status.INVALID_DOI,
        3: Status.NO_IDENTIFIER,
        4: Status.UNCHECKED,
        5: Status.RESOLVED,
    }
    assert out[4].reason == "no DOI to resolve (PMID only)"


def test_offline_resolver_says_unchecked_offline():
    out = resolve_references(refs(), OfflineResolver())
    assert (out[1].status, out[1].reason) == (Status.UNCHECKED, "offline")
    # every DOI asked gets its own answer, none of them a verdict
    answers = OfflineResolver().resolve(["10.1000/a", "10.1000/B"])
    assert sorted(answers) == ["10.1000/B", "10.1000/a"]
    assert {(r.doi, r.status, r.reason) for r in answers.values()} == {
        ("10.1000/a", Status.UNCHECKED, "offline"),
        ("10.1000/B", Status.UNCHECKED, "offline"),
    }


class Broken:
    def resolve(self, dois):
        raise RuntimeError("boom")


class Forgetful:
    def resolve(self, dois):
        return {}


@pytest.mark.parametrize(
    ("resolver", "reason"),
    [(Broken(), "resolver failed: RuntimeError: boom"), (Forgetful(), "the resolver gave no answer")],
)
def test_a_failing_resolver_leaves_references_unchecked(resolver, reason):
    out = resolve_references(refs(), resolver)
    assert (out[1].status, out[1].reason) == (Status.UNCHECKED, reason)
    assert out[3].status is Status.NO_IDENTIFIER
