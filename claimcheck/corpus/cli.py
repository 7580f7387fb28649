"""``claimcheck audit DIR|GLOB|URL-LIST``: the command line's corpus form.

Results, each article's report, ``index.html`` and ``corpus.jsonl`` go to
``--results`` (default ``claimcheck-results``); the summary goes to standard
output (or ``--output``) as text, JSON Lines (``--format json``), Markdown or
the HTML index. Exit status as for one article: 0, 1 when ``--fail-on`` is
reached by any article (or an article could not be audited), 2 for unusable
input or options.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from claimcheck.errors import ClaimcheckError, ConfigurationError
from claimcheck.model import Severity

__all__ = ["DEFAULT_RESULTS", "run_corpus"]

DEFAULT_RESULTS = "claimcheck-results"


def run_corpus(args: argparse.Namespace) -> int:
    """Run a corpus audit from parsed arguments; returns the exit status."""
    from claimcheck.corpus.runner import audit_many

    if args.references:
        print("claimcheck: error: --references names one article's list; not for a corpus", file=sys.stderr)
        return 2
    client = None
    try:
        client = _dask_client(args.dask) if args.dask else None
        report = audit_many(
            args.path,
            jobs=args.jobs,
            client=client,
            results=args.results or DEFAULT_RESULTS,
            offline=args.offline,
            store=False if args.no_store else args.store,
            mailto=args.mailto,
            crossref_url=args.crossref_url,
            timeout=args.timeout,
            progress=False if args.no_progress else None,
        )
        report.write()
    except ClaimcheckError as exc:
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("claimcheck: interrupted; run the same command again to continue", file=sys.stderr)
        return 130
    finally:
        if client is not None:
            client.close()
    renderers: dict[str, Any] = {
        "text": report.to_text,
        "json": report.to_jsonl,
        "markdown": lambda: _markdown(report),
        "html": report.to_html,
    }
    rendered = renderers[args.format]()
    if args.output:
        try:
            Path(args.output).write_text(rendered, encoding="utf-8")
        except OSError as exc:
            print(f"claimcheck: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(rendered)
    if args.fail_on:
        limit = Severity.parse(args.fail_on).rank
        counts = {"error": "errors", "warning": "warnings", "info": "infos"}
        reached = any(
            getattr(r, counts[s.value]) for r in report.results if r.ok for s in Severity if s.rank <= limit
        )
        if reached or report.failures:
            return 1
    return 0


def _dask_client(address: str) -> Any:
    from claimcheck.optional import import_optional

    try:
        distributed = import_optional("distributed", purpose="--dask", extra="dask")
    except ModuleNotFoundError as exc:
        raise ConfigurationError(str(exc)) from None
    try:
        return distributed.Client(address, timeout=30)
    except OSError as exc:
        raise ConfigurationError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def _markdown(report: Any) -> str:
    from claimcheck.corpus.views import rows

    lines = [
        "| # | article | errors /1k | warnings /1k | uncited /1k | words |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows(report, "articles"):
        name = str(row["article"]).replace("|", "\\|")
        lines.append(
            f"| {row['rank']} | {name} | {row['errors_per_1k_words']} | {row['warnings_per_1k_words']} "
            f"| {row['uncited_per_1k_words']} | {row['words']} |"
        )
    return "\n".join(lines) + "\n"
