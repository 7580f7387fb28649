"""Text helpers every stage shares: pure functions over strings, no claimcheck values.

Tokens and word lists of printed references (:mod:`claimcheck.text.words`), the reading of
printed personal names (:mod:`claimcheck.text.names`) and comparison keys for titles and names
(:mod:`claimcheck.text.fold`). Imports nothing of claimcheck's but itself, so
:mod:`claimcheck.model` and every stage may use it.
"""
