"""Support: does a source plausibly back the claim citing it?

Scorers (the lexical default, the optional semantic one) that compare a claim with a source's
title and abstract and give a score, a label and readable reasons; source text cleaning, term
analysis (stems, abbreviations, numbers and statistics) and the support edges of the audit
graph. May import :mod:`claimcheck.model`, :mod:`claimcheck.errors` and :mod:`claimcheck.text`;
never reading, registry, verification, checks or report.
"""
