"""Corpus audits: 1,000 articles, cold and warm, local processes and a Dask LocalCluster.

Run from the project root::

    python benchmarks/corpus_benchmark.py [--articles 1000] [--distinct 200] [--dask-articles 40]
                                          [--shared ../shared/corpus] [--rounds 1] [--dask-only] [--burn]

The corpus: ``--distinct`` articles drawn in turn from the PLOS corpus (``web.txt`` and
``page.html`` renderings) and the pdftext corpus under ``../shared/corpus`` (resolved
from the repository root), copied with repeats up to ``--articles`` files (repeats are
the same bytes under another name, as on a site that republishes).

1. **Cold**: an empty record store, Crossref played by the loopback fake of
   ``tests/fakecrossref.py`` (in this process) serving a *synthetic* record for every
   DOI of the corpus, built here from the article's own reference entry (title,
   authors, journal, year), plus the recorded fixtures. Counted: HTTP requests to the
   DOI routes (``doi`` filter, ``/works/{doi}``, agency) against the corpus's unique DOIs
   (target: at most one request per 20 DOIs).
2. **Warm**: the same corpus, a fresh results folder, the store the cold run filled,
   ``--jobs 2``: articles per minute (target: at least 1,000).
3. **Dask**: ``--dask-articles`` distinct articles on a ``distributed.LocalCluster``
   with 1 and then 2 worker processes (one thread each), warm store, cluster start-up
   not timed (target: 2 workers at least 1.6x faster).

DOI suggestions (a Crossref search per reference without a DOI) and PubMed are off in
all runs (``suggest=False, pubmed=False``): they are per-reference requests that this
benchmark does not measure. Prints the figures and exits 1 when a target is missed.
Killing a run midway and rerunning it is tested in
``tests/test_corpus_audit.py::test_killed_midway_a_rerun_redoes_only_what_was_in_flight``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
SHARED = (ROOT / ".." / "shared" / "corpus").resolve()

from fakecrossref import FakeCrossref, Records, load_records  # noqa: E402

import claimcheck  # noqa: E402

SYNTHETIC = "synthetic: built by benchmarks/corpus_benchmark.py from the citing article's reference entry"


def pool(shared: Path, distinct: int) -> list[Path]:
    """``distinct`` article files, PLOS web, PLOS HTML and pdftext in turn."""
    plos = sorted(p for p in (shared / "plos").iterdir() if p.is_dir())
    kinds = [
        [p / "web.txt" for p in plos],
        [p / "page.html" for p in plos],
        sorted((shared / "pdftext").glob("*.md")),
    ]
    out: list[Path] = []
    i = 0
    while len(out) < distinct and any(i < len(k) for k in kinds):
        out += [k[i] for k in kinds if i < len(k)]
        i += 1
    return out[:distinct]


def build_corpus(files: list[Path], n: int, where: Path) -> None:
    where.mkdir(parents=True)
    for i in range(n):
        src = files[i % len(files)]
        shutil.copyfile(src, where / f"{i:04}-{src.parent.name}-{src.name}")


def synthetic_records(files: list[Path]) -> dict[str, dict[str, Any]]:
    """A Crossref-like work message for every DOI the articles cite, from their entries."""
    messages: dict[str, dict[str, Any]] = {}
    for path in files:
        try:
            _, refs = claimcheck.parse(path)
        except claimcheck.ClaimcheckError:
            continue
        for ref in refs:
            if not ref.doi or ref.doi.lower() in messages:
                continue
            message: dict[str, Any] = {"DOI": ref.doi, "type": "journal-article", "x-provenance": SYNTHETIC}
            if ref.title:
                message["title"] = [ref.title]
            if ref.container:
                message["container-title"] = [ref.container]
            if ref.year:
                message["issued"] = {"date-parts": [[ref.year]]}
            if ref.authors:
                message["author"] = [
                    {"family": a.split()[0].strip(","), "sequence": "additional"} for a in ref.authors
                ]
            messages[ref.doi.lower()] = message
    return messages


def cpu() -> float:
    """CPU seconds of this process and its finished children (worker processes, once joined)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(**kwargs: Any) -> tuple[Any, float, float]:
    """The report, wall seconds and CPU seconds (this process and its workers) of one audit_many."""
    start, start_cpu = time.perf_counter(), cpu()
    report = claimcheck.audit_many(**kwargs)
    return report, time.perf_counter() - start, cpu() - start_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--distinct", type=int, default=200)
    parser.add_argument("--dask-articles", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared corpus folder")
    parser.add_argument(
        "--dask-only", action="store_true", help="only the Dask comparison (warm store made first)"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="Dask: alternate 1 and 2 workers this often, keep the best"
    )
    parser.add_argument(
        "--burn",
        action="store_true",
        help="only: 16 pure-CPU tasks on 1 and on 2 Dask workers (does the machine scale?)",
    )
    args = parser.parse_args()
    if args.burn:
        print(json.dumps(burn_scaling(), indent=2))
        return 0
    if not args.shared.is_dir():
        print(f"the shared corpus is not at {args.shared}; give --shared", file=sys.stderr)
        return 2
    files = pool(args.shared, args.distinct)
    figures: dict[str, Any] = {"articles": args.articles, "distinct": len(files), "jobs": args.jobs}
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        build_corpus(files, args.articles, corpus)
        store = work / "records.sqlite3"
        recorded = load_records()
        records = Records({**synthetic_records(files), **recorded.messages}, {}, {}, {}, recorded.errors)
        with FakeCrossref(records=records) as fake:
            common = {"store": store, "pubmed": False, "suggest": False, "progress": False}
            if args.dask_only:
                dask_files = files[: args.dask_articles]
                claimcheck.audit_many(dask_files, jobs=1, crossref_url=fake.url, **common)  # the warm store
                figures["load_average_at_start"] = round(os.getloadavg()[0], 1)
                figures["dask"] = dask_scaling(dask_files, work, fake.url, common, args.rounds)
                figures["load_average_at_end"] = round(os.getloadavg()[0], 1)
                print(json.dumps(figures, indent=2))
                return 0 if figures["dask"].get("speedup", 0) >= 1.6 else 1
            figures["load_average_at_start"] = round(os.getloadavg()[0], 1)
            cold, cold_s, cold_cpu = timed(
                sources=corpus, jobs=args.jobs, crossref_url=fake.url, results=work / "r1", **common
            )
            doi_requests = [r for r in fake.requests() if r.route in {"list", "work", "agency"}]
            unique = cold.stats["dois"]
            figures["cold"] = {
                "seconds": round(cold_s, 1),
                "cpu_seconds": round(cold_cpu, 1),
                "unique_dois": unique,
                "doi_requests": len(doi_requests),
                "dois_per_request": round(unique / max(len(doi_requests), 1), 1),
                "failed": len(cold.failures),
            }
            ok &= len(doi_requests) <= unique / 20
            fake.reset()
            warm, warm_s, warm_cpu = timed(
                sources=corpus, jobs=args.jobs, crossref_url=fake.url, results=work / "r2", **common
            )
            figures["warm"] = {
                "seconds": round(warm_s, 1),
                "articles_per_minute": round(60 * args.articles / warm_s),
                "cpu_seconds": round(warm_cpu, 1),
                "cpu_seconds_per_distinct_article": round(warm_cpu / max(warm.stats["audited"], 1), 3),
                # what the same CPU work takes on an otherwise idle machine with `jobs` cores
                "idle_machine_articles_per_minute": round(60 * args.articles / (warm_cpu / args.jobs)),
                "distinct_audited": warm.stats["audited"],
                "requests": len(fake.requests()),
                "failed": len(warm.failures),
            }
            ok &= 60 * args.articles / warm_s >= 1000
            figures["dask"] = dask_scaling(files[: args.dask_articles], work, fake.url, common, args.rounds)
            ok &= figures["dask"].get("speedup", 0) >= 1.6
            figures["load_average_at_end"] = round(os.getloadavg()[0], 1)
    print(json.dumps(figures, indent=2))
    return 0 if ok else 1


def dask_scaling(
    files: list[Path], work: Path, url: str, common: dict[str, Any], rounds: int = 1
) -> dict[str, Any]:
    """Wall seconds on 1 and on 2 worker processes, alternating ``rounds`` times; the best of each."""
    try:
        from distributed import Client, LocalCluster
    except ModuleNotFoundError:
        return {"skipped": 'pip install "claimcheck-audit[dask]"'}
    out: dict[str, Any] = {"articles": len(files), "rounds": rounds}
    best: dict[int, float] = {}
    for n in [1, 2] * rounds:
        with (
            LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(
                lambda: __import__("claimcheck.api")
            )  # workers import claimcheck before the clock starts
            _, seconds, _ = timed(sources=files, client=client, crossref_url=url, **common)
        best[n] = min(seconds, best.get(n, seconds))
        out.setdefault(f"{n}_worker_runs", []).append(round(seconds, 1))
    for n, seconds in best.items():
        out[f"{n}_worker_seconds"] = round(seconds, 1)
    out["speedup"] = round(out["1_worker_seconds"] / out["2_worker_seconds"], 2)
    return out


def _burn(i: int) -> float:
    start = time.process_time()
    sum(range(6_000_000))
    return time.process_time() - start


def burn_scaling() -> dict[str, Any]:
    """The same pure-CPU work on 1 and 2 Dask workers, twice each: what the machine itself allows.

    On a shared machine whose kernel shares CPU per session (``sched_autogroup_enabled``), a
    second worker process of the same session gets no more CPU while other sessions are busy.
    """
    from distributed import Client, LocalCluster

    out: dict[str, Any] = {"load_average_at_start": round(os.getloadavg()[0], 1)}
    for n in (1, 2, 1, 2):
        with (
            LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(lambda: None)
            start = time.perf_counter()
            cpu_s = sum(client.gather(client.map(_burn, range(16), pure=False)))
            out.setdefault(f"{n}_worker_wall_seconds", []).append(round(time.perf_counter() - start, 1))
            out.setdefault(f"{n}_worker_task_cpu_seconds", []).append(round(cpu_s, 1))
    autogroup = Path("/proc/sys/kernel/sched_autogroup_enabled")
    out["sched_autogroup_enabled"] = autogroup.read_text().strip() if autogroup.exists() else None
    out["load_average_at_end"] = round(os.getloadavg()[0], 1)
    return out


if __name__ == "__main__":
    sys.exit(main())
