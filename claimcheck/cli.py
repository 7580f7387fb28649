"""The command line: a thin argparse wrapper over :func:`claimcheck.audit`.

Exit status: 0 when the audit ran, 1 when ``--fail-on`` is given and a finding
reaches that severity, 2 for unusable input or options (the message names the
file and the problem).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import ClaimcheckError
from claimcheck.model import Severity
from claimcheck.settings import VERSION as __version__

if TYPE_CHECKING:  # the audit's modules load only when an audit runs, so --version and --help are quick
    from claimcheck.registry.store import StoreOption
    from claimcheck.report.core import Report

FORMATS = ("text", "json", "markdown", "html")


def build_parser() -> argparse.ArgumentParser:
    """The ``claimcheck`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="claimcheck", description="Audit a health article's claims and citations."
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("audit", help="audit an article and its reference list")
    a.add_argument(
        "path",
        help="the article: a text, Markdown or HTML file, a URL, or '-' for standard input; or a corpus: "
        "a folder, a glob ('site/**/*.html') or a file listing URLs or paths, one a line",
    )
    a.add_argument(
        "--references",
        metavar="FILE",
        help="a separate reference list: BibTeX (.bib), RIS (.ris), CSL-JSON (.json) or numbered text",
    )
    a.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    a.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of standard output")
    a.add_argument(
        "--fail-on",
        metavar="SEVERITY",
        choices=[s.value for s in Severity],
        help="exit 1 when a finding is at least this severe (error, warning, info)",
    )
    a.add_argument(
        "--offline", action="store_true", default=None, help="answer DOIs from the record store only"
    )
    a.add_argument(
        "--store",
        metavar="PATH|URL",
        help="the record store: an SQLite file (default: user cache) or a postgresql:// URL",
    )
    a.add_argument("--no-store", action="store_true", help="use no record store at all")
    a.add_argument("--mailto", metavar="EMAIL", help="your e-mail, for Crossref's polite pool")
    a.add_argument("--crossref-url", metavar="URL", help="Crossref API base URL (a mirror or test server)")
    a.add_argument("--timeout", metavar="SECONDS", type=float, help="HTTP timeout per request")
    a.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    c = a.add_argument_group("corpus audits (a folder, glob or list)")
    c.add_argument("--jobs", "-j", metavar="N", type=int, help="worker processes (default: one per CPU)")
    c.add_argument(
        "--results",
        metavar="DIR",
        help="folder for per-article results and reports; a rerun continues where it stopped "
        "(default: claimcheck-results)",
    )
    c.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster (its scheduler's address)")
    return parser


def skip_async_libraries() -> None:
    """Keep trio unloaded in a command-line process: httpcore2 imports it only for async use.

    habanero's HTTP stack (httpx2, httpcore2) imports trio when it is installed, to pick its
    async locks; the command line makes only blocking requests, so that import (about a tenth
    of a cold audit's CPU) buys nothing. Marking it missing makes httpcore2 fall back as it
    does where trio is not installed. Only for the process the command line owns: ``python -m
    claimcheck`` and the ``claimcheck`` script, never a caller's process that may use trio.
    """
    sys.modules.setdefault("trio", None)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    if argv is None:  # the process is the command line's own (console script)
        skip_async_libraries()
        fewer_collections()
        try:
            return _main(argv, own=True)
        finally:
            skip_exit_collection()
    return _main(argv, own=False)


#: Allocations between two young-generation collections in the command line's own process
#: (Python's default is 700, made for long-running programs).
YOUNG_COLLECTION_THRESHOLD = 100_000


def fewer_collections() -> None:
    """Collect the young generation every 100,000 allocations instead of every 700.

    An audit allocates millions of short-lived objects (tokens, spans, records), nearly
    all freed by reference counting the moment they go; the default threshold makes the
    collector walk the young objects thousands of times for the few cycles among them:
    1.5 % of a warm CLI audit's instructions (cachegrind), for the same peak memory (51 MB
    warm, 67 MB cold: cycles are still collected, only less often). Only for the process
    the command line owns, never a caller's.
    """
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, older, oldest)


def skip_exit_collection() -> None:
    """Spare the process's exit the garbage collector's passes over every object it still holds.

    At exit the interpreter clears its modules and runs full collections over everything left
    (loaded modules, registry records, the report): after an online audit, about a tenth of
    the process's CPU time, for memory the operating system takes back anyway. Frozen objects
    are skipped by those passes; objects still freed by reference counting (files, the record
    store's connection) close as before. Only for the process the command line owns, at its end.
    """
    gc.freeze()


def _main(argv: Sequence[str] | None, *, own: bool) -> int:
    args = build_parser().parse_args(argv)
    if _is_corpus(args):
        from claimcheck.corpus.cli import run_corpus

        return run_corpus(args)
    try:
        report = _run(args, own=own)
    except ClaimcheckError as exc:
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    renderers = {
        "text": report.to_text,
        "json": report.to_json,
        "markdown": report.to_markdown,
        "html": report.to_html,  # one self-contained page: inline CSS, no scripts
    }
    rendered = renderers[args.format]()
    if args.output:
        try:
            Path(args.output).write_text(
                rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8"
            )
        except OSError as exc:
            print(f"claimcheck: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    if args.fail_on:
        worst = report.worst_severity()
        if worst is not None and worst.rank <= Severity.parse(args.fail_on).rank:
            return 1
    return 0


def _is_corpus(args: argparse.Namespace) -> bool:
    """A folder, a glob or a list of URLs or paths (or any corpus option) makes a corpus audit."""
    from claimcheck.corpus.sources import is_corpus_spec

    corpus_option = args.jobs is not None or args.results is not None or args.dask is not None
    return args.path != "-" and (corpus_option or is_corpus_spec(args.path))


def _run(args: argparse.Namespace, *, own: bool = False) -> Report:
    from claimcheck.api import audit

    if own:  # what is loaded so far lives until the exit: the audit's collections skip it
        gc.freeze()

    source = sys.stdin if args.path == "-" else args.path
    store: StoreOption = False if args.no_store else args.store
    return audit(
        source,
        references=args.references,
        offline=args.offline,
        store=store,
        mailto=args.mailto,
        crossref_url=args.crossref_url,
        timeout=args.timeout,
        progress=False if args.no_progress else None,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
