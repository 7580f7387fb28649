"""Reading: sources in, article out.

Loads a source (path, URL, text, open file; plain text, Markdown, HTML, Word, PDF, JATS XML),
fetches URLs with bounds, splits the text into blocks with character spans, finds citation
markers (numeric and author-year) and splits the blocks into claims carrying their citations.
The reference list is read by :mod:`claimcheck.read.references`. The structured readers
(:mod:`~claimcheck.read.jats`, :mod:`~claimcheck.read.docx` with
:mod:`~claimcheck.read.docfields`, :mod:`~claimcheck.read.pdf`) know each citation exactly and
write it with :mod:`~claimcheck.read.blocks`; :mod:`~claimcheck.read.formats` tells them apart
by content. May import :mod:`claimcheck.model`, :mod:`claimcheck.errors`,
:mod:`claimcheck.settings` and :mod:`claimcheck.text`; never the registry, verification,
support, checks or report stages.
"""
