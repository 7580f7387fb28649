"""Text helpers every stage shares: pure functions over strings, no claimcheck values.

Tokens and word lists of printed references (:mod:`claimcheck.text.words`), the reading of
printed personal names (:mod:`claimcheck.text.names`) and comparison keys for titles and names
(:mod:`claimcheck.text.fold`); where sentences start (:mod:`claimcheck.text.sentences`);
case-insensitive patterns' lower-case twins (:mod:`claimcheck.text.caseless`), patterns compiled
on first use (:mod:`claimcheck.text.lazy`), patterns guarded by the strings their matches hold
(:mod:`claimcheck.text.literals`) and by the words and strings they hold
(:mod:`claimcheck.text.wordguards`). Imports nothing of claimcheck's but itself, so
:mod:`claimcheck.model` and every stage may use it.
"""
