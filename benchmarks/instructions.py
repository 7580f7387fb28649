"""Instruction counts of offline audits, which do not move with the shared machine's speed.

Run from the project root (needs valgrind: ``apt-get install valgrind``)::

    python benchmarks/instructions.py [--article NAME] [--pdftext FILE] [--tool callgrind] [--no-cli]

Wall-clock seconds on this project's shared 2-core machine move by 15 % between runs minutes
apart and by more from hour to hour; the number of instructions a process executes does not.
Each figure is counted by valgrind (cachegrind without cache simulation, the default, or
callgrind with ``--collect-systime=no``: user-space instructions only, the same either way),
with ``PYTHONHASHSEED=0`` so that two runs of one tree give the same count:

- **one warm audit per render**: ``claimcheck.audit(path, offline=True, store=False,
  progress=False)``, the call ``../shared/corpus/score.py`` times, of one PLOS article's
  ``web.txt``, ``superscript.txt`` and ``page.html`` and one ``pdftext`` article, in-process,
  after one untimed audit of the same file (imports done, lazy patterns compiled, the CRF model
  loaded). Counted as the difference between a process that audits the file twice and one
  that audits it once, so the interpreter's start-up, the imports and the first audit cancel
  out;
- **the whole CLI process, warm**: ``python -m claimcheck audit refs/ketamine-at-home.txt
  --offline --store TMP --format json``, counted whole (start-up, imports, audit, exit) after
  one untimed run of the same command (bytecode cached, store made).

The shared folder is ``../shared`` next to the repository root, ``$CLAIMCHECK_SHARED`` or
``--shared``. Two valgrind processes run at a time; a full run takes about three minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "ketamine-at-home.txt"
#: The median PLOS article by size (56 kB of web text, 73 references) and a median pdftext one.
ARTICLE = "pone.0126470"
PDFTEXT = "mirchandaney-2022-moderators-of-cognitive-behavioral-treatment-for-insom.md"
RENDERS = {"web": "web.txt", "superscript": "superscript.txt", "html": "page.html"}
#: What a child process runs: audit ``path`` once untimed, then ``extra`` more times.
CHILD = (
    "import sys, claimcheck\n"
    "path, extra = sys.argv[1], int(sys.argv[2])\n"
    "for _ in range(1 + extra):\n"
    "    claimcheck.audit(path, offline=True, store=False, progress=False)\n"
)
_REFS = re.compile(r"(?:I\s+refs|Collected)\s*:\s*([\d,]+)")


def shared_dir(given: str | None = None) -> Path | None:
    """The shared data folder: ``given``, ``$CLAIMCHECK_SHARED``, or ``../shared``; ``None`` if absent."""
    for candidate in (given, os.environ.get("CLAIMCHECK_SHARED"), str(ROOT.parent / "shared")):
        if candidate and (Path(candidate) / "corpus" / "plos").is_dir():
            return Path(candidate)
    return None


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT), "CLAIMCHECK_OFFLINE": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def count(args: list[str], tool: str) -> int:
    """The instructions ``args`` executes under valgrind (user space)."""
    options = ["--cache-sim=no"] if tool == "cachegrind" else ["--collect-systime=no"]
    with tempfile.TemporaryDirectory() as tmp:
        command = ["valgrind", f"--tool={tool}", *options, f"--{tool}-out-file={tmp}/out", *args]
        done = subprocess.run(command, cwd=ROOT, env=_env(), capture_output=True, text=True)
    found = _REFS.findall(done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"valgrind failed ({done.returncode}): {' '.join(args)}\n{done.stderr[-2000:]}")
    return int(found[-1].replace(",", ""))


def warm_audit(path: Path, tool: str, pool: ThreadPoolExecutor) -> int:
    """Instructions of one warm in-process audit of ``path``: two audits less one.

    One untimed run first writes any stale bytecode, which the counted runs would otherwise
    compile (one of the two, whichever imports a changed module first)."""
    subprocess.run([sys.executable, "-c", CHILD, str(path), "0"], cwd=ROOT, env=_env(), check=True)
    twice, once = (pool.submit(count, [sys.executable, "-c", CHILD, str(path), n], tool) for n in ("1", "0"))
    return twice.result() - once.result()


def cli_process(tool: str) -> int:
    """Instructions of a whole warm ``python -m claimcheck audit`` process on the bundled example."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, "-m", "claimcheck", "audit", str(SEED), "--offline", "--no-progress"]
        args += ["--store", str(Path(tmp) / "records.sqlite3"), "--format", "json", "--output", os.devnull]
        subprocess.run(args, cwd=ROOT, env=_env(), check=True, capture_output=True)  # untimed: warms up
        return count(args, tool)


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--article", default=ARTICLE, help=f"a PLOS article folder's name (default {ARTICLE})"
    )
    parser.add_argument("--pdftext", default=PDFTEXT, help="a file of the pdftext corpus")
    parser.add_argument("--tool", choices=["cachegrind", "callgrind"], default="cachegrind")
    parser.add_argument("--no-cli", action="store_true", help="skip the whole CLI process")
    parser.add_argument("--shared", help="the shared data folder (default ../shared)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind not found: apt-get install valgrind", file=sys.stderr)
        return 2
    shared = shared_dir(args.shared)
    if shared is None:
        print("no shared corpus found: pass --shared DIR or set CLAIMCHECK_SHARED", file=sys.stderr)
        return 2
    files = {render: shared / "corpus" / "plos" / args.article / name for render, name in RENDERS.items()}
    files["pdftext"] = shared / "corpus" / "pdftext" / args.pdftext
    print(f"instructions ({args.tool}, user space, PYTHONHASHSEED=0), claimcheck {_commit()}")
    print(
        f"one warm offline audit, in-process (score.py's call); {args.article}, pdftext {args.pdftext[:40]}"
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = {render: warm_audit(path, args.tool, pool) for render, path in files.items()}
    for render, n in counts.items():
        print(f"  {render:12} {n / 1e6:10,.1f} M")
    if not args.no_cli:
        n = cli_process(args.tool)
        print(f"whole CLI process, warm (python -m claimcheck audit {SEED.name} --offline): {n / 1e6:,.1f} M")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
