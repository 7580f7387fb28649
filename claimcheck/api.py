"""``audit()``: the one door in, and the only place that knows the stage order.

read → article → claims (markers) → references → resolve → graph → checks → report

The registries are asked as early as the audit knows what to ask: the DOIs and PMIDs
printed anywhere in the article's text start Crossref's batch requests and PubMed's
search in threads before the text is parsed; the parsed references then take the answers
they need (and ask about any the text did not show plainly).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from claimcheck import settings
from claimcheck.errors import ConfigurationError
from claimcheck.model import Article, Claim, Reference, Resolution
from claimcheck.read.load import MAX_BYTES, LoadedSource, Source, load_source, read_article
from claimcheck.read.references.doi import find_dois, normalise_doi
from claimcheck.registry.pubmed import PubmedClient
from claimcheck.registry.pubmed_batch import PubmedLookup
from claimcheck.registry.resolve import Resolver, resolve_references
from claimcheck.registry.store import Store, StoreOption

# The later stages load inside audit(), once the registries have been asked: their imports
# then run while the requests travel.
if TYPE_CHECKING:
    from claimcheck.checks import Check
    from claimcheck.read.references.files import ReferencesOption
    from claimcheck.registry.crossref import CrossrefResolver
    from claimcheck.report.core import Report
    from claimcheck.support.score import Scorer


def audit(
    source: Source | None = None,
    *,
    text: str | None = None,
    references: ReferencesOption | None = None,
    offline: bool | None = None,
    resolver: Resolver | None = None,
    store: StoreOption = None,
    mailto: str | None = None,
    crossref_url: str | None = None,
    timeout: float | None = None,
    progress: bool | None = None,
    checks: Iterable[Check] | None = None,
    scorer: Scorer | None = None,
    pubmed: bool | None = None,
    max_bytes: int = MAX_BYTES,
    allow_private_redirects: bool = False,
) -> Report:
    """Audit an article's claims, citation markers and references.

    Parameters
    ----------
    source:
        The article: a path, a URL (fetched with a timeout and a size limit),
        an open file, or the text itself; plain text, Markdown, HTML, a Word
        document (``.docx``, extra ``[docx]``), a PDF (extra ``[pdf]``) or JATS
        XML (told by the content, the suffix or the ``Content-Type``). A one-line
        string with a ``/`` or no spaces is a path, and an error when it does not exist.
    text:
        The article's text itself, given explicitly (instead of ``source``).
    references:
        A separate reference file, a path or an open file: BibTeX (``.bib``),
        RIS (``.ris``), CSL-JSON (``.json``) or text of numbered entries (see
        :mod:`claimcheck.read.references.files`); by default the list is found in the article.
    offline:
        Answer DOIs from the record store only; the rest are ``unchecked
        (offline)``. ``None`` reads ``CLAIMCHECK_OFFLINE``.
    resolver:
        Anything with ``resolve(dois)`` (see :mod:`claimcheck.registry.resolve`), e.g. a
        :class:`~claimcheck.registry.resolve.MemoryResolver` with canned records. When
        given, ``offline``/``store``/``mailto``/``crossref_url``/``timeout`` are
        not used.
    store, mailto, crossref_url, timeout, progress:
        Crossref settings (see :class:`claimcheck.registry.crossref.CrossrefResolver`):
        the record store (a path, a ``RecordStore``, or ``False`` for none), the
        polite-pool e-mail address, the API's base URL (a mirror or a test
        server), the request timeout in seconds, and the progress bar.
    checks:
        The checks to run; :data:`claimcheck.checks.DEFAULT_CHECKS` by default.
    scorer:
        How a claim is compared with its source (see :mod:`claimcheck.support.score`);
        the deterministic :class:`~claimcheck.support.score.LexicalScorer` by default.
    pubmed:
        Fetch PubMed abstracts (NCBI E-utilities) for cited works whose
        Crossref record has none. ``None``: only when claimcheck made the
        resolver itself and is not offline.
    max_bytes:
        Refuse articles (files or fetched pages) larger than this.
    allow_private_redirects:
        Follow a URL's redirects to loopback, link-local and private addresses
        (refused by default).

    Raises
    ------
    ClaimcheckError
        An argument of the wrong kind (``store=123``, ``offline="no"``,
        ``checks=[1]``, a closed file...): a :class:`~claimcheck.errors.ConfigurationError`
        saying what to pass; an article or file that cannot be read: an
        :class:`~claimcheck.errors.InputError`.

    Returns
    -------
    Report
        Findings sorted most severe first, with claims, references, resolutions
        and the graph.

    Examples
    --------
    >>> import claimcheck
    >>> report = claimcheck.audit("refs/ketamine-at-home.txt", offline=True)  # doctest: +SKIP
    >>> report  # doctest: +SKIP
    <Report 9 findings: 0 error, 3 warning, 6 info>
    """
    source = _door(source, text, references, max_bytes, timeout, allow_private_redirects)
    _check_options(offline, resolver, store, mailto, crossref_url, progress, scorer, pubmed)
    checks = _checks(checks)
    loaded = _load(source, max_bytes=max_bytes, timeout=timeout, private=allow_private_redirects)
    is_offline = settings.offline(offline)
    # The DOIs and PMIDs printed in the text are asked now, in threads, while the text is parsed:
    # Crossref's batches and PubMed's search at once, each within its own limits.
    dois, pmids = printed_identifiers(loaded.text) if not is_offline else ([], [])
    own_resolver = resolver is None
    crossref: CrossrefResolver | None = None
    lookup: PubmedLookup | None = None
    if resolver is None:
        crossref = _crossref_resolver(dois, offline, store, mailto, crossref_url, timeout, progress)
        resolver = crossref
    try:
        use_pubmed = pubmed if pubmed is not None else own_resolver and not is_offline
        lookup = _pubmed_lookup(dois, pmids, resolver, is_offline, mailto, timeout) if use_pubmed else None
        _import_later_stages()
        article, refs = _parse(loaded, references, max_bytes=max_bytes)
        if lookup is not None:
            lookup.cover(refs)  # the parsed references' identifiers the text did not show plainly
        helpers = _registry_helpers(resolver, own_resolver, lookup, is_offline, timeout)
        parallel = own_resolver and not is_offline  # claims are found while the registries answer
        claims, resolutions = _claims_and_resolutions(article, refs, resolver, helpers, parallel=parallel)
        return _assess(article, claims, refs, resolutions, resolver, lookup, checks, scorer)
    finally:  # the store this audit opened is closed here, once its threads are done
        if lookup is not None:
            lookup.answers()
        if crossref is not None:
            crossref.close()


# -- the steps of audit(), in order -----------------------------------------------------------


def _crossref_resolver(
    dois: list[str],
    offline: bool | None,
    store: StoreOption,
    mailto: str | None,
    crossref_url: str | None,
    timeout: float | None,
    progress: bool | None,
) -> CrossrefResolver:
    """The Crossref resolver audit() makes itself, already asking about the DOIs printed in the text."""
    from claimcheck.registry.crossref import make_resolver

    crossref = make_resolver(
        offline=offline,
        store=store,
        mailto=mailto,
        crossref_url=crossref_url,
        timeout=timeout,
        progress=progress,
    )
    crossref.prefetch(dois)
    return crossref


def _import_later_stages() -> None:
    """Load the stages after reading while the registries' first requests travel."""
    import claimcheck.checks
    import claimcheck.checks.support
    import claimcheck.graph
    import claimcheck.read.claims
    import claimcheck.report.core
    import claimcheck.verify.suggest  # noqa: F401


def _claims_and_resolutions(
    article: Article,
    refs: tuple[Reference, ...],
    resolver: Resolver,
    helpers: dict[str, Any],
    *,
    parallel: bool,
) -> tuple[tuple[Claim, ...], dict[int, Resolution]]:
    """The article's claims, and the references' resolutions (asked in a thread when ``parallel``)."""
    from claimcheck.read.claims import extract_claims

    if parallel:
        with ThreadPoolExecutor(1, thread_name_prefix="claimcheck-resolve") as pool:
            asked = pool.submit(resolve_references, refs, resolver, **helpers)
            claims = extract_claims(article, refs)
            return claims, asked.result()
    claims = extract_claims(article, refs)
    return claims, resolve_references(refs, resolver, **helpers)


def _assess(
    article: Article,
    claims: tuple[Claim, ...],
    refs: tuple[Reference, ...],
    resolutions: dict[int, Resolution],
    resolver: Resolver,
    lookup: PubmedLookup | None,
    checks: tuple[Check, ...] | None,
    scorer: Scorer | None,
) -> Report:
    """DOI suggestions, the graph, claim support and the checks, gathered in a :class:`Report`."""
    from claimcheck.checks import DEFAULT_CHECKS, AuditContext, run_checks
    from claimcheck.checks.support import add_support_edges, assess_claims
    from claimcheck.graph import build_audit_graph
    from claimcheck.report.core import Report, sort_findings
    from claimcheck.verify.suggest import suggest_dois

    suggestions = suggest_dois(refs, resolutions, resolver)  # silent when the resolver cannot search
    graph = build_audit_graph(claims, refs, resolutions)  # networkx only if report.graph is read
    ctx = AuditContext(article, claims, refs, resolutions, graph, suggestions=suggestions)
    records = lookup.records_for(refs, resolutions) if lookup is not None else {}
    add_support_edges(graph, assess_claims(ctx, scorer, pubmed=records))
    findings = sort_findings(run_checks(ctx, DEFAULT_CHECKS if checks is None else checks))
    return Report(article, claims, refs, findings, resolutions, cast(Any, graph))


def _registry_helpers(
    resolver: Resolver, own: bool, lookup: PubmedLookup | None, offline: bool, timeout: float | None
) -> dict[str, Any]:
    """DataCite for DataCite DOIs and PubMed for PMID-only entries, beside the Crossref resolver.

    Only when claimcheck made the resolver itself (a caller's resolver is the
    whole registry, as in tests and notebooks), or ``pubmed=True`` was asked.
    """
    helpers: dict[str, Any] = {}
    if own:
        from claimcheck.registry.datacite import DataciteResolver

        store = getattr(resolver, "store", None)
        helpers["datacite"] = DataciteResolver(
            timeout=timeout, store=store if store is not None else False, offline=offline
        )
    if lookup is not None:
        helpers["pubmed"] = lookup
    return helpers


def _pubmed_lookup(
    dois: list[str],
    pmids: list[str],
    resolver: Resolver,
    offline: bool,
    mailto: str | None,
    timeout: float | None,
) -> PubmedLookup:
    """The article's DOIs and PMIDs asked of PubMed in a few batched requests, in a thread.

    Started with those printed in the text; :meth:`PubmedLookup.cover` adds the parsed
    references'. Answers are read from and written to the resolver's record store, when it has one.
    """
    store = getattr(resolver, "store", None)
    client = None if offline else PubmedClient(email=mailto, timeout=timeout or 10.0)
    store = store if isinstance(store, Store) else None
    return PubmedLookup(client=client, store=store, dois=dois, pmids=pmids).start()


_PMID = re.compile(r"\bPMID\s*:?\s*(\d{1,9})\b", re.IGNORECASE)
# More identifiers than any reference list holds (the longest reviews cite a few hundred works):
# a text printing more is not asked about early, so a hostile page of DOIs cannot make the audit
# send requests for all of them; its parsed references are still asked, as they always were.
PREFETCH_MAX = 1000


def printed_identifiers(text: str) -> tuple[list[str], list[str]]:
    """The valid DOIs (normalised) and the labelled PMIDs printed anywhere in ``text``, once each.

    What the registries can be asked before the reference list is parsed. A kind printed
    more than :data:`PREFETCH_MAX` times is not asked early at all (an empty list).

    >>> printed_identifiers("See doi:10.1000/ABC. and PMID: 12345; https://doi.org/10.1000/abc")
    (['10.1000/abc'], ['12345'])
    """
    dois = list(dict.fromkeys(d for raw, _, _ in find_dois(text) if (d := normalise_doi(raw))))
    pmids = list(dict.fromkeys(_PMID.findall(text)))
    return [d for d in dois if len(dois) <= PREFETCH_MAX], [p for p in pmids if len(pmids) <= PREFETCH_MAX]


def _load(source: Source, *, max_bytes: int, timeout: float | None, private: bool = False) -> LoadedSource:
    """The first input stage: the article read from a path, a URL, text or an open file."""
    fetch = {"allow_private_redirects": True} if private else {}
    return load_source(source, max_bytes=max_bytes, timeout=timeout, **fetch)


def _read(
    source: Source,
    references: ReferencesOption | None,
    *,
    max_bytes: int,
    timeout: float | None,
    private: bool = False,
) -> tuple[Article, tuple[Reference, ...]]:
    """The input stages in order: load (path, URL, text, file) → article → references → citation style."""
    loaded = _load(source, max_bytes=max_bytes, timeout=timeout, private=private)
    return _parse(loaded, references, max_bytes=max_bytes)


def _parse(
    loaded: LoadedSource, references: ReferencesOption | None, *, max_bytes: int
) -> tuple[Article, tuple[Reference, ...]]:
    """Article → references (or the separate reference file's) → citation style."""
    from claimcheck.read.authoryear import with_style
    from claimcheck.read.references.files import read_reference_file

    article, refs = read_article(loaded)
    if references is not None:
        ref_file = read_reference_file(references, max_bytes=max_bytes)
        refs = ref_file.references
        article = replace(article, references_source=ref_file.origin, references_format=ref_file.format)
    return with_style(article, refs)


def parse(
    source: Source | None = None,
    *,
    text: str | None = None,
    references: ReferencesOption | None = None,
    max_bytes: int = MAX_BYTES,
    timeout: float | None = None,
    allow_private_redirects: bool = False,
) -> tuple[Article, tuple[Reference, ...]]:
    """Read an article and its reference list without resolving or checking anything.

    ``source`` is a path, a URL, an open file or the text itself (plain text,
    Markdown, HTML, Word, PDF or JATS XML); ``references`` a separate reference file.

    >>> article, refs = parse("Ketamine helps. 1\\n\\n1. Smith J. A title. J Med. 2020;1:1-2.")
    >>> len(refs)
    1
    """
    source = _door(source, text, references, max_bytes, timeout, allow_private_redirects)
    return _read(source, references, max_bytes=max_bytes, timeout=timeout, private=allow_private_redirects)


# -- arguments checked at the door: misuse is a ConfigurationError that says what to pass --------


def _door(
    source: object, text: object, references: object, max_bytes: object, timeout: object, private: object
) -> Source:
    if (source is None) == (text is None):
        raise ConfigurationError("give the article once: a path, URL or open file as source, or text=...")
    if text is not None and not isinstance(text, str):
        raise ConfigurationError(f"text= must be a str, not {type(text).__name__}")
    if source is not None and not isinstance(source, (str, os.PathLike)) and not hasattr(source, "read"):
        raise ConfigurationError(
            f"source must be a path, a URL, an open file or text=..., not {type(source).__name__}"
        )
    if (
        references is not None
        and not isinstance(references, (str, os.PathLike))
        and not hasattr(references, "read")
    ):
        raise ConfigurationError(
            f"references= must be a path or an open file, not {type(references).__name__}"
        )
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ConfigurationError(f"max_bytes must be a positive whole number of bytes, not {max_bytes!r}")
    if timeout is not None:
        settings.timeout(timeout)  # type: ignore[arg-type]
    _flag("allow_private_redirects", private, none_ok=False)
    if text is not None:
        if not text.strip():
            raise ConfigurationError("text= is empty; nothing to audit")
        stream = io.StringIO(text)  # read as text, never as a path or URL
        stream.name = "<string>"
        return stream
    return source  # type: ignore[return-value]


def _flag(name: str, value: object, *, none_ok: bool = True) -> None:
    if not (isinstance(value, bool) or (none_ok and value is None)):
        raise ConfigurationError(f"{name} must be True or False, not {value!r}")


def _check_options(
    offline: object,
    resolver: object,
    store: object,
    mailto: object,
    crossref_url: object,
    progress: object,
    scorer: object,
    pubmed: object,
) -> None:
    for name, value in (("offline", offline), ("progress", progress), ("pubmed", pubmed)):
        _flag(name, value)
    for name, value in (("mailto", mailto), ("crossref_url", crossref_url)):
        if value is not None and not isinstance(value, str):
            raise ConfigurationError(f"{name} must be a str, not {type(value).__name__} {value!r}")
    if (
        store is not None
        and not isinstance(store, (str, os.PathLike, bool))
        and not hasattr(store, "get_many")
    ):
        raise ConfigurationError(
            f"store must be a path, a postgresql:// URL, a RecordStore, or False for none; not "
            f"{type(store).__name__} {store!r}"
        )
    if resolver is not None and not callable(getattr(resolver, "resolve", None)):
        raise ConfigurationError(
            f"resolver must have a resolve(dois) method; {type(resolver).__name__} has none"
        )
    if scorer is not None and not callable(getattr(scorer, "score", None)):
        raise ConfigurationError(
            f"scorer must have a score(claim, title, abstract) method (e.g. claimcheck.LexicalScorer()); "
            f"not {type(scorer).__name__} {scorer!r}"
        )


def _checks(checks: Iterable[Check] | None) -> tuple[Check, ...] | None:
    if checks is None:
        return None
    if isinstance(checks, (str, bytes)) or not isinstance(checks, Iterable):
        raise ConfigurationError(f"checks must be a list of check functions, not {type(checks).__name__}")
    out = tuple(checks)
    for check in out:
        if not callable(check):
            raise ConfigurationError(
                f"checks must hold functions taking an AuditContext (see claimcheck.checks.DEFAULT_CHECKS); "
                f"{check!r} is a {type(check).__name__}"
            )
    return out


__all__: Sequence[str] = ("audit", "parse")
