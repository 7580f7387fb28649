"""Whole-process CLI audits of a 60-reference article against loopback Crossref and PubMed.

Run from the project root::

    python benchmarks/cli_audit_benchmark.py [--repeat 5] [--interpreter venv|current|both] [--no-bibaudit]

A child process serves the fake Crossref of ``tests/fakecrossref.py`` (100 ms
per request, 429 past 10 requests/s) and the fake PubMed of
``tests/fakepubmed.py`` (100 ms per request, 429 past 3 requests/s). The
article cites 60 recorded DOIs, one claim each. Each run is a new
``python -m claimcheck audit`` process (import, read, resolve, PubMed, support,
report), timed from outside:

- **cold**: an empty record store (``--mailto`` given: Crossref's polite limits, 10/s, 3 at a time);
- **warm**: the same store again: no request of any kind may be made;
- **unreachable**: every registry URL a closed loopback port (connection refused), a new store;
- **bibaudit 0.1.2** checking the same 60 DOIs against the same fake Crossref, as a whole process
  (installed with pip into a cached venv under the temporary directory; its Crossref root patched
  to the fake); and a plain sequential habanero ``works(ids=doi)`` loop, also a whole process;
- **habanero alone**: the floor of any habanero-based client, a process that only imports
  habanero and asks the ``doi`` filter for the same 60 DOIs in two batches at once (the 2x
  target is judged against it in the last lines: whatever the audit does besides, it cannot
  be faster than this part of itself).

Which claimcheck runs: by default the project installed as README says (``pip install .``,
not editable) into a fresh venv of its own, made the same way as bibaudit's and cached under
the temporary directory, keyed on a hash of the package's files (rebuilt when any changes). A
user's installed claimcheck starts like that; the interpreter running this script may carry
site-packages start-up hooks (``.pth`` files, an editable-install finder) that a clean venv has
not. ``--interpreter current`` times this interpreter with this tree on ``PYTHONPATH``
instead, ``both`` times each. Wall and CPU (user + system of the child) are printed.

Targets (exit 1 when missed; judged on the first interpreter timed): cold at least 2x faster
than bibaudit, at most 3 Crossref and 3 PubMed requests, no 429; warm 0 requests and at most
0.4 s; unreachable at most 2 s with every DOI reference ``unchecked`` and a reason.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
sys.path[:0] = [str(TESTS)]

N_REFS, LATENCY, CROSSREF_RATE, PUBMED_RATE = 60, 0.1, 10, 3
BIBAUDIT = "bibaudit==0.1.2"


def _serve(conn: Any) -> None:
    """Child process: both fakes, until told to stop; answers ``counts`` and ``reset``."""
    from fakecrossref import FakeCrossref
    from fakepubmed import FakePubmed

    with (
        FakeCrossref(latency=LATENCY, rate_limit=CROSSREF_RATE) as crossref,
        FakePubmed(latency=LATENCY, rate_limit=PUBMED_RATE) as pubmed,
    ):
        conn.send((crossref.url, pubmed.url))
        while (command := conn.recv()) != "stop":
            if command == "reset":
                crossref.reset()
                pubmed.reset()
            c, p = crossref.requests(), pubmed.requests()
            conn.send(
                {
                    "crossref": len(c),
                    "crossref_429": sum(r.status == 429 for r in c),
                    "crossref_in_flight": max((r.in_flight for r in c), default=0),
                    "pubmed": len(p),
                    "pubmed_429": sum(r.status == 429 for r in p),
                }
            )


def article(dois: list[str]) -> str:
    """One claim per reference, and an AMA-like entry built from each recorded record."""
    from fakecrossref import load_records

    records = load_records().messages
    claims, entries = [], []
    for n, doi in enumerate(dois, 1):
        m = records[doi]
        title = " ".join((m.get("title") or ["Untitled"])[0].split())
        authors = ", ".join(
            f"{a.get('family', a.get('name', ''))} {''.join(g[0] for g in a.get('given', 'X').split())}"
            for a in (m.get("author") or [])[:3]
        )
        year = ((m.get("issued") or {}).get("date-parts") or [[2000]])[0][0] or 2000
        journal = (m.get("container-title") or ["J Unknown"])[0]
        claims.append(f"A study reported findings on {title[:80].rstrip('.')} [{n}].")
        entries.append(f"{n}. {authors or 'Anon A'}. {title}. {journal}. {year}. doi:{doi}")
    return "\n".join(claims) + "\n\nReferences\n" + "\n".join(entries) + "\n"


def python_env(pycache: Path) -> dict[str, str]:
    """This tree first on the path; byte code cached under ``pycache``, as an installed package has it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CLAIMCHECK_OFFLINE", None)
    return env


def run_cli(
    python: Path | str, path: Path, store: Path, urls: dict[str, str], pycache: Path
) -> tuple[float, dict[str, Any]]:
    """One whole ``python -m claimcheck audit`` process; ``python`` is this interpreter or a venv's."""
    env = {**python_env(pycache), "CLAIMCHECK_STORE": str(store), **urls}
    if str(python) != sys.executable:  # an installed claimcheck: not this tree
        env.pop("PYTHONPATH")
    cmd = [str(python), "-m", "claimcheck", "audit", str(path), "--format", "json"]
    cmd += ["--mailto", "bench@example.org", "--no-progress", "--timeout", "5"]
    started, cpu = time.perf_counter(), _child_cpu()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall, CPU[0] = time.perf_counter() - started, _child_cpu() - cpu
    if out.returncode != 0:
        raise SystemExit(f"claimcheck failed ({out.returncode}): {out.stderr[-2000:]}")
    return wall, json.loads(out.stdout)


CPU = [0.0]  # CPU seconds (user + system) of the last child process run


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bibaudit_python(tmp: Path) -> Path | None:
    """A venv with bibaudit 0.1.2, made once and kept under the temporary directory."""
    venv = Path(tempfile.gettempdir()) / "claimcheck-bench-bibaudit-0.1.2"
    python = venv / "bin" / "python"
    if python.exists():
        return python
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", BIBAUDIT], check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"bibaudit could not be installed ({exc}); compare with the documented 1.07 s")
        return None
    return python


def package_files() -> list[Path]:
    """What ``pip install .`` reads: the package (tracked and untracked, not ignored), pyproject, README."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "claimcheck"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        files = [ROOT / name for name in listed]
    except (subprocess.CalledProcessError, OSError):  # not a git checkout
        files = [f for f in (ROOT / "claimcheck").rglob("*") if "__pycache__" not in f.parts]
    files += [ROOT / "pyproject.toml", ROOT / "README.md"]
    return sorted(f for f in files if f.is_file())


def claimcheck_python() -> Path:
    """A fresh venv with this tree installed as README says (``pip install .``, not editable).

    Kept under the temporary directory, named by a hash of :func:`package_files` (paths and
    contents), so an edit to the package makes a new one; venvs unused for a day are removed.
    """
    digest = hashlib.sha256()
    for f in package_files():
        digest.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
    prefix = "claimcheck-bench-venv-"
    venv = Path(tempfile.gettempdir()) / f"{prefix}{digest.hexdigest()[:16]}"
    python, done = venv / "bin" / "python", venv / "installed"
    if done.exists():
        os.utime(venv)  # in use: kept
        return python
    for old in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        if time.time() - old.stat().st_mtime > 86400:  # another checkout may be using a newer one
            shutil.rmtree(old, ignore_errors=True)
    with tempfile.TemporaryDirectory() as src_name:
        src = Path(src_name)
        for f in package_files():  # a copy, so the build leaves no build/ or egg-info in the tree
            (src / f.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, src / f.relative_to(ROOT))
        print(f"installing claimcheck into {venv} (pip install ., once per change of the package)")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        out = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", str(src)], capture_output=True, text=True, check=False
        )
    if out.returncode != 0:
        raise SystemExit(f"pip install . failed: {out.stderr[-2000:]}")
    done.write_text("ok\n")
    return python


BIBAUDIT_SCRIPT = """
import sys
from bibaudit.registries import crossref as cr
from bibaudit.registries.http import Client
cr._API_ROOT = sys.argv[1]
dois = sys.argv[2].split()
found = cr.Crossref(Client(cache=None)).by_dois(dois)
print(len(found))
"""

# The floor of any habanero-based client: a process that imports habanero and asks Crossref's
# ``doi`` filter for the 60 DOIs in two batches of 30, at once (two threads), and does nothing else
# (no article, no PubMed, no store). claimcheck's cold audit does all of this and more.
HABANERO_FLOOR_SCRIPT = """
import sys
from concurrent.futures import ThreadPoolExecutor
from habanero import Crossref
c = Crossref(base_url=sys.argv[1], mailto="bench@example.org")
dois = sys.argv[2].split()
half = len(dois) // 2
with ThreadPoolExecutor(2) as pool:
    out = list(pool.map(lambda b: c.works(filter={"doi": b}, limit=len(b)), [dois[:half], dois[half:]]))
print(sum(len(o["message"]["items"]) for o in out))
"""

HABANERO_SCRIPT = """
import sys
from habanero import Crossref
c = Crossref(base_url=sys.argv[1])
print(sum(c.works(ids=d)["message"]["DOI"].lower() == d for d in sys.argv[2].split()))
"""


def run_script(
    python: Path | str, script: str, url: str, dois: list[str], pycache: Path
) -> tuple[float, str]:
    env = python_env(pycache)
    env.pop("PYTHONPATH")
    started, cpu = time.perf_counter(), _child_cpu()
    out = subprocess.run(
        [str(python), "-c", script, url, " ".join(dois)], capture_output=True, text=True, check=False, env=env
    )
    wall, CPU[0] = time.perf_counter() - started, _child_cpu() - cpu
    return wall, (out.stdout.strip() or out.stderr.strip()[-300:])


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median wall time, with the median CPU time and the most requests of any run."""
    ordered = sorted(runs, key=lambda r: r["wall"])
    out = dict(ordered[len(ordered) // 2])
    out["cpu"] = sorted(r["cpu"] for r in runs)[len(runs) // 2]
    for key in ("crossref", "crossref_429", "pubmed", "pubmed_429"):
        out[key] = max(r[key] for r in runs)
    return out


def summary(report: dict[str, Any]) -> tuple[int, int, set[str]]:
    refs = [r for r in report["references"] if r.get("doi")]
    unchecked = [r for r in refs if r["status"] == "unchecked"]
    return len(refs), len(unchecked), {str(r.get("status_reason")) for r in unchecked}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-bibaudit", action="store_true", help="skip the bibaudit comparison")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; medians are printed")
    parser.add_argument(
        "--interpreter",
        choices=("venv", "current", "both"),
        default="venv",
        help="claimcheck installed into a fresh venv (default), this interpreter with this tree, or both",
    )
    args = parser.parse_args()
    from fakecrossref import iter_dois

    pythons: dict[str, Path | str] = {}
    if args.interpreter in ("venv", "both"):
        pythons["venv"] = claimcheck_python()
    if args.interpreter in ("current", "both"):
        pythons["current"] = sys.executable
    dois = list(iter_dois(N_REFS))
    ctx = multiprocessing.get_context("spawn")
    conn, child = ctx.Pipe()
    server = ctx.Process(target=_serve, args=(child,), daemon=True)
    server.start()
    crossref_url, pubmed_url = conn.recv()

    def counts(reset: bool = False) -> dict[str, int]:
        conn.send("reset" if reset else "counts")
        return dict(conn.recv())

    urls = {
        "CLAIMCHECK_CROSSREF_URL": crossref_url,
        "CLAIMCHECK_PUBMED_URL": pubmed_url,
        "CLAIMCHECK_DATACITE_URL": crossref_url,
    }
    dead = {k: "http://127.0.0.1:9" for k in urls}
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "article.txt"
        path.write_text(article(dois), encoding="utf-8")
        pycache = tmp / "pycache"
        # Warm-up runs (not timed) leave byte code for every module each tool imports, as an
        # installed environment has it; the timed runs then start from a new store.
        for label, python in pythons.items():
            run_cli(python, path, tmp / f"warm-up-{label}.sqlite3", urls, pycache)
        runs: dict[str, list[dict[str, Any]]] = {}
        for i in range(args.repeat):
            for label, python in pythons.items():  # interleaved, so load drifts hit both alike
                for name, store, where in (
                    ("cold, empty store", tmp / f"s{i}-{label}.sqlite3", urls),
                    ("warm, same store", tmp / f"s{i}-{label}.sqlite3", urls),
                    ("unreachable, new store", tmp / f"dead{i}-{label}.sqlite3", dead),
                ):
                    counts(reset=True)
                    wall, report = run_cli(python, path, store, where, pycache)
                    runs.setdefault(f"{name} [{label}]", []).append(
                        {"wall": wall, "cpu": CPU[0], "report": report, **counts()}
                    )
        rows.update({name: median_run(r) for name, r in runs.items()})
        python = None if args.no_bibaudit else bibaudit_python(tmp)
        counts(reset=True)
        if python is not None:
            run_script(python, BIBAUDIT_SCRIPT, crossref_url, dois, pycache)  # warm-up
            bib = []
            for _ in range(args.repeat):
                counts(reset=True)
                wall, out = run_script(python, BIBAUDIT_SCRIPT, crossref_url, dois, pycache)
                bib.append({"wall": wall, "cpu": CPU[0], "out": out, **counts()})
            rows["bibaudit 0.1.2, 60 DOIs"] = median_run(bib)
        floor_python = next(iter(pythons.values()))  # has habanero: claimcheck depends on it
        run_script(floor_python, HABANERO_FLOOR_SCRIPT, crossref_url, dois, pycache)  # warm-up
        floor = []
        for _ in range(args.repeat):
            counts(reset=True)
            wall, out = run_script(floor_python, HABANERO_FLOOR_SCRIPT, crossref_url, dois, pycache)
            floor.append({"wall": wall, "cpu": CPU[0], "out": out, **counts()})
        rows["habanero alone: 2 doi-filter batches"] = median_run(floor)
        counts(reset=True)
        wall, out = run_script(sys.executable, HABANERO_SCRIPT, crossref_url, dois, pycache)
        rows["habanero works(ids=doi) loop"] = {"wall": wall, "cpu": CPU[0], "out": out, **counts()}
    conn.send("stop")
    server.join(timeout=10)

    print(
        f"{N_REFS}-reference article; fake Crossref {LATENCY * 1000:.0f} ms, 429 past {CROSSREF_RATE}/s; "
        f"fake PubMed {LATENCY * 1000:.0f} ms, 429 past {PUBMED_RATE}/s; whole processes, "
        f"medians of {args.repeat} runs (requests: the most of any run)"
    )
    for label, python in pythons.items():
        where = "a fresh venv, pip install . (not editable)" if label == "venv" else "this tree on PYTHONPATH"
        print(f"claimcheck [{label}]: {python} ({where})")
    print(f"\n{'':42} {'wall s':>7} {'CPU s':>6} {'Crossref':>9} {'429':>4} {'PubMed':>7} {'429':>4}  result")
    for name, r in rows.items():
        if "report" in r:
            n, unchecked, reasons = summary(r["report"])
            result = f"{n - unchecked}/{n} DOI refs checked; unchecked reasons {sorted(reasons)}"
        else:
            result = f"answered {r['out']}"
        print(
            f"{name:42} {r['wall']:7.3f} {r['cpu']:6.3f} {r['crossref']:9d} {r['crossref_429']:4d} "
            f"{r['pubmed']:7d} {r['pubmed_429']:4d}  {result}"
        )
    base = rows.get("bibaudit 0.1.2, 60 DOIs", {}).get("wall", 1.07)
    print()
    for label in pythons:
        cold = rows[f"cold, empty store [{label}]"]
        print(f"bibaudit / cold [{label}]: {base / cold['wall']:.2f}x (bibaudit {base:.3f} s)")
    floor_row = rows["habanero alone: 2 doi-filter batches"]
    print(
        f"bibaudit / habanero alone: {base / floor_row['wall']:.2f}x (the 2x target asks the whole audit "
        f"for <= {base / 2:.3f} s; habanero alone fetching the same DOIs takes {floor_row['wall']:.3f} s)"
    )
    first = next(iter(pythons))
    cold, warm, dead_row = (
        rows[f"{name} [{first}]"]
        for name in ("cold, empty store", "warm, same store", "unreachable, new store")
    )
    n, unchecked, reasons = summary(dead_row["report"])
    targets = {
        "cold >= 2x faster than bibaudit": base / cold["wall"] >= 2,
        "cold <= 3 Crossref and <= 3 PubMed requests, 0 429s": cold["crossref"] <= 3
        and cold["pubmed"] <= 3
        and cold["crossref_429"] + cold["pubmed_429"] == 0,
        "warm 0 requests": warm["crossref"] + warm["pubmed"] == 0,
        "warm <= 0.4 s": warm["wall"] <= 0.4,
        "unreachable <= 2 s": dead_row["wall"] <= 2.0,
        "unreachable: every DOI ref unchecked with a reason": unchecked == n and "None" not in reasons,
    }
    print(f"targets [{first}]: " + "; ".join(f"{k}: {'yes' if ok else 'NO'}" for k, ok in targets.items()))
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
