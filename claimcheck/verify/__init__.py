"""Verification: a reference against its registered record.

Field-by-field comparison of a parsed :class:`~claimcheck.model.Reference` with a registered
:class:`~claimcheck.model.Work` (tolerating abbreviations, elided pages, transliteration),
fuzzy field matching, search-hit validation and DOI suggestion, and the retraction, concern and
correction status of a work. May import :mod:`claimcheck.model`, :mod:`claimcheck.text` and
the registry's values and protocols (:mod:`claimcheck.registry`); never support, checks or
report.
"""
