"""The I/O edge: registries and the record store.

Crossref (through habanero; :mod:`claimcheck.registry.crossref` is the only importer of it),
DataCite and PubMed clients, the SQLite record store, rate limits and retries, the resolver
protocols with an in-memory resolver, and the conversion of registry records into
:class:`claimcheck.model.Work` values. May import :mod:`claimcheck.model`,
:mod:`claimcheck.errors`, :mod:`claimcheck.settings` and :mod:`claimcheck.text`; never
reading, verification, support, checks or report.
"""
