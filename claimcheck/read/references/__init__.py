"""Reference lists: located in the article, split into entries, parsed into fields.

Finding the reference section (with or without a heading) and where it ends (``ends``: the
captions, biographies and publisher's notes PDF text prints after the list), splitting it into
numbered entries, parsing each entry into authors, title, container, year, volume, issue, pages
and identifiers (DOI, PMID, PMCID, URL, ISBN), re-cutting an author-year list where its
citations find entries it lost (``recut``), and reading separate reference files (BibTeX, RIS,
CSL-JSON).
May import :mod:`claimcheck.model`, :mod:`claimcheck.errors`, :mod:`claimcheck.text` and the
source loading of :mod:`claimcheck.read.load`; nothing of the later stages.
"""
