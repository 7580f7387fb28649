"""Reading: sources in, article out.

Loads a source (path, URL, text, open file; plain text, Markdown, HTML), fetches URLs with
bounds, splits the text into blocks with character spans, finds citation markers (numeric and
author-year) and splits the blocks into claims carrying their citations. The reference list is
read by :mod:`claimcheck.read.references`. May import :mod:`claimcheck.model`,
:mod:`claimcheck.errors`, :mod:`claimcheck.settings` and :mod:`claimcheck.text`; never the
registry, verification, support, checks or report stages.
"""
