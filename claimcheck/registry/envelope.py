"""Crossref answers, unwrapped, and the state of one resolve call.

Shared by :mod:`claimcheck.registry.crossref` and :mod:`claimcheck.registry.crossref_search`
so that neither imports the other's internals.

>>> message({"message-type": "work", "message": {"DOI": "10.1/x"}}, "work")
{'DOI': '10.1/x'}
>>> message({"message-type": "work-list", "message": {}}, "work")
{}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from claimcheck.registry.throttle import Failure

__all__ = ["Run", "message"]

Mapper = Callable[..., Iterator[Any]]  # ThreadPoolExecutor.map


@dataclass
class Run:
    """State of one ``resolve`` call: progress bar, thread pool, circuit breaker."""

    bar: Any
    map: Mapper
    down: Failure | None = None
    timeouts: int = 0  # in a row: two mean the host is unreachable

    def done(self, n: int = 1) -> None:
        if n:
            self.bar.update(n)


def message(body: Any, kind: str) -> Mapping[str, Any]:
    if isinstance(body, list) and len(body) == 1:
        body = body[0]
    if (
        isinstance(body, Mapping)
        and body.get("message-type") == kind
        and isinstance(body.get("message"), Mapping)
    ):
        return body["message"]
    return {}
