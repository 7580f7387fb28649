"""Resolve 60 recorded DOIs: a plain habanero loop against claimcheck, cold and warm.

Run from the project root::

    .venv/bin/python benchmarks/resolve_benchmark.py

The loopback fake Crossref of ``tests/fakecrossref.py`` runs in its own process
(so its CPU time is not counted here), serves the recorded records of
``tests/fixtures/crossref`` with 100 ms added to every request, and answers
``429`` past 10 requests per second. Three runs over the same 60 DOIs:

(a) a plain sequential ``Crossref(base_url=...).works(ids=doi)`` loop;
(b) :class:`claimcheck.registry.crossref.CrossrefResolver` with an empty record store
    (default settings: no ``mailto``, so Crossref's public-pool limits);
(c) a second resolver on the same store: a warm re-audit.

Printed: wall time, CPU time of this process (``time.process_time``, all
threads), HTTP requests and 429 answers counted by the server, and the ratios.
Exits 1 when a target is missed (cold at least 10x faster than the loop, at
most one request per 20 DOIs, no request when warm).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakecrossref import FakeCrossrefProcess, iter_dois, load_records  # noqa: E402
from habanero import Crossref  # noqa: E402 - the baseline is plain habanero

from claimcheck.model import Status  # noqa: E402
from claimcheck.registry.crossref import CrossrefResolver  # noqa: E402

N_DOIS, LATENCY, RATE_LIMIT = 60, 0.1, 10


def measure(run: Callable[[], Any], server: FakeCrossrefProcess) -> dict[str, Any]:
    server.reset()
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    out = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "result": result}
    return {**out, **server.counts()}


def habanero_loop(url: str, dois: list[str]) -> int:
    cr = Crossref(base_url=url)
    return sum(cr.works(ids=doi)["message"]["DOI"].lower() == doi for doi in dois)


def claimcheck_run(url: str, dois: list[str], store: Path) -> int:
    with CrossrefResolver(base_url=url, store=store, progress=False) as resolver:
        answers = resolver.resolve(dois)
    return sum(a.status is Status.RESOLVED for a in answers.values())


def main() -> int:
    dois = list(iter_dois(N_DOIS))
    with (
        FakeCrossrefProcess(latency=LATENCY, rate_limit=RATE_LIMIT) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        store = Path(tmp) / "records.sqlite3"
        runs = {
            "(a) habanero works(ids=doi) loop": measure(lambda: habanero_loop(server.url, dois), server),
            "(b) claimcheck, cold, empty store": measure(
                lambda: claimcheck_run(server.url, dois, store), server
            ),
            "(c) claimcheck, warm, from store": measure(
                lambda: claimcheck_run(server.url, dois, store), server
            ),
        }
    single = sum(d in load_records().bodies for d in dois)
    print(
        f"Resolving {N_DOIS} recorded DOIs ({single} with a recorded /works body, {N_DOIS - single} "
        f"records from recorded lists and registry files)\nagainst the loopback fake Crossref "
        f"({LATENCY * 1000:.0f} ms added per request, 429 past {RATE_LIMIT} requests/s)\n"
    )
    print(f"{'':36} {'wall s':>8} {'CPU s':>8} {'requests':>9} {'429s':>5} {'resolved':>9}")
    for name, r in runs.items():
        print(
            f"{name:36} {r['wall']:8.3f} {r['cpu']:8.3f} {r['requests']:9d} {r['rate_limited']:5d} "
            f"{r['result']:6d}/{N_DOIS}"
        )
    a, b, c = runs.values()
    wall_ratio, cpu_ratio = a["wall"] / b["wall"], a["cpu"] / max(b["cpu"], 1e-9)
    per_request = N_DOIS / max(b["requests"], 1)
    print(
        f"\na/b wall: {wall_ratio:.1f}x   a/b CPU: {cpu_ratio:.1f}x   DOIs per request (b): {per_request:.1f}"
    )
    targets = {
        "cold >= 10x faster than the loop": wall_ratio >= 10,
        "<= 1 request per 20 DOIs": b["requests"] * 20 <= N_DOIS,
        "warm makes 0 requests": c["requests"] == 0,
        "every DOI resolved": a["result"] == b["result"] == c["result"] == N_DOIS,
    }
    print("targets: " + "; ".join(f"{k}: {'yes' if ok else 'NO'}" for k, ok in targets.items()))
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
