"""Mutation testing of the core modules with mutmut, one module at a time.

Run: ``python benchmarks/mutation.py MODULE [MODULE ...]`` or ``python benchmarks/mutation.py all``
(``--list`` names the modules and their tests; ``--survivors`` prints each surviving mutant's diff;
``--every 5`` checks a systematic one-in-five sample of the mutants, for a quicker estimate).

Not part of CI: a run is CPU-heavy. Each module is mutated in a scratch copy of the
project (``--workdir``, default ``$TMPDIR/claimcheck-mutation/MODULE``) with only the
tests that matter for it (the table below), one mutant process at a time
(``--max-children 1``), so it fits a small machine; mutmut reruns only the tests
that reach the mutated function. The shared settings live in ``pyproject.toml``
under ``[tool.mutmut]``; this script adds ``only_mutate`` and the test selection.

It prints, per module: mutants, killed (a test failed or timed out), survived,
no tests (no selected test reaches the mutated function, counted as survived),
and the score ``killed / (mutants - skipped)``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: module name -> (the source files mutated, the tests that run against them)
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "markers": (["claimcheck/read/markers.py"], ["tests/test_markers.py"]),
    "citations": (
        ["claimcheck/checks/citations.py"],
        ["tests/test_checks.py", "tests/test_checks_messages.py"],
    ),
    "doi": (["claimcheck/read/references/doi.py"], ["tests/test_doi.py"]),
    "store": (
        ["claimcheck/registry/store.py"],
        ["tests/test_store.py", "tests/test_store_pg.py", "tests/test_hostile.py"],
    ),
    "compare": (
        ["claimcheck/verify/compare.py", "claimcheck/verify/fieldmatch.py"],
        ["tests/test_compare.py", "tests/test_compare_fields.py", "tests/test_checks_records.py"],
    ),
    "updates": (
        ["claimcheck/verify/updates.py"],
        ["tests/test_updates.py", "tests/test_compare.py", "tests/test_checks_records.py"],
    ),
    "support": (["claimcheck/support/score.py"], ["tests/test_support.py", "tests/test_support_labels.py"]),
    "render": (
        ["claimcheck/report/render.py"],
        [
            "tests/test_render.py",
            "tests/test_render_tables.py",
            "tests/test_hostile_registry.py",
            "tests/test_repr.py",
        ],
    ),
}

IGNORE = shutil.ignore_patterns(
    ".git", "mutants", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".benchmarks", "*.pyc"
)
RESULT = re.compile(r"^\s*(\S+): (.+)$")


def _pyproject(text: str, sources: list[str], tests: list[str]) -> str:
    """The project's pyproject.toml with this module's ``only_mutate`` and test selection."""
    extra = (
        f"only_mutate = {sources!r}\n"
        f"pytest_add_cli_args_test_selection = {[t for t in tests if (ROOT / t).exists()]!r}\n"
    )
    if "[tool.mutmut]" not in text:
        raise SystemExit("pyproject.toml has no [tool.mutmut] section")
    out = text.replace("[tool.mutmut]\n", "[tool.mutmut]\n" + extra, 1)
    try:
        import tomllib
    except ImportError:  # Python 3.10
        return out
    tomllib.loads(out)  # still valid TOML
    return out


def sample_patterns(every: int) -> list[str]:
    """mutmut name patterns for a systematic 1-in-``every`` sample (by the mutant's number's last digit)."""
    if every == 1:
        return []
    digits = {2: "02468", 5: "05", 10: "0"}[every]
    return [f"*__mutmut_*{d}" for d in digits]


def run_module(name: str, workdir: Path, survivors: bool, every: int = 1) -> Counter[str]:
    sources, tests = MODULES[name]
    scratch = workdir / name
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(ROOT, scratch, ignore=IGNORE)
    (scratch / "pyproject.toml").write_text(
        _pyproject((ROOT / "pyproject.toml").read_text(encoding="utf-8"), sources, tests), encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the mutated copy must win
    mutmut = [sys.executable, "-m", "mutmut"]
    start = time.perf_counter()
    done = subprocess.run(
        [*mutmut, "run", "--max-children", "1", *sample_patterns(every)],
        cwd=scratch,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    listing = subprocess.run(
        [*mutmut, "results", "--all", "true"], cwd=scratch, env=env, capture_output=True, text=True
    )
    statuses: dict[str, str] = {}
    for line in listing.stdout.splitlines():
        m = RESULT.match(line)
        if m and m.group(2).strip() != "not checked":  # "not checked": outside the sample
            statuses[m.group(1)] = m.group(2).strip()
    counts = Counter(statuses.values())
    if not statuses:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
        raise SystemExit(f"{name}: mutmut produced no results (exit {done.returncode})")
    total = sum(counts.values())
    killed = counts["killed"] + counts["timeout"]
    scored = total - counts["skipped"]
    score = killed / scored if scored else 0.0
    print(
        f"{name:10s} mutants={total} killed={killed} survived={counts['survived']} "
        f"no_tests={counts['no tests']} other={scored - killed - counts['survived'] - counts['no tests']} "
        f"score={score:.2f} seconds={seconds:.0f}" + (f" (1 in {every} sampled)" if every > 1 else ""),
        flush=True,
    )
    if survivors:
        for key, status in sorted(statuses.items()):
            if status in ("survived", "no tests"):
                diff = subprocess.run(
                    [*mutmut, "show", key], cwd=scratch, env=env, capture_output=True, text=True
                ).stdout
                print(diff)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"'all' or any of: {', '.join(MODULES)}")
    parser.add_argument("--list", action="store_true", help="name the modules and their tests")
    parser.add_argument("--survivors", action="store_true", help="print each surviving mutant's diff")
    parser.add_argument(
        "--every",
        type=int,
        choices=(1, 2, 5, 10),
        default=1,
        help="check a systematic 1-in-N sample of the mutants (those numbered ...0 and ...5 for 5)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "claimcheck-mutation",
        help="scratch space",
    )
    args = parser.parse_args(argv)
    if args.list or not args.modules:
        for name, (sources, tests) in MODULES.items():
            print(f"{name:10s} {' '.join(sources)}  <-  {' '.join(tests)}")
        return 0
    names = list(MODULES) if args.modules == ["all"] else args.modules
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    for name in names:  # one at a time: never more than one mutation process
        run_module(name, args.workdir, args.survivors, args.every)
    return 0


if __name__ == "__main__":
    sys.exit(main())
