"""The strings that guard the cue and feature patterns, read once from the patterns and stored.

:func:`claimcheck.text.literals.needles` reads them from a parsed pattern, which costs more at
import than a short article's searches save, so they are stored here by
:func:`claimcheck.text.literals.key` (the pattern's flags, length and CRC-32). A pattern
changed since is not in the table and is searched unguarded: slower, never wrong.
``tests/test_literals.py`` checks the table against the patterns and prints a fresh one
when it differs.
"""

from __future__ import annotations

__all__ = ["NEEDLES"]

#: key(pattern) -> needles(pattern), for the lower-cased twins of claims.CUES and of
#: worthiness_features' PATTERNS and RESIDUE, and their case-sensitive patterns.
NEEDLES: dict[str, tuple[str, ...]] = {
    "32-136-d063dfd4": ("symptom", "chance", "level", "odds", "rate", "risk"),
    "32-144-f81df172": ("evidence", "research", "science", "data"),
    "32-16-7639107b": ("according to",),
    "32-166-3e980095": ("researchers", "scientists", "experts", "studies", "trials"),
    "32-174-32516061": ("analysis", "review", "survey", "study", "trial"),
    "32-218-f18899ac": (" out of ", " in "),
    "32-24-1e236920": ("were", "did", "had", "was"),
    "32-268-4cc7b6cd": ("been",),
    "32-35-f9806f41": ("clinically proven", "proven to"),
    "32-38-2db384f3": ("treat",),
    "32-47-74f111a9": ("increase", "risks of", "risk of"),
    "32-52-2ec2c284": ("efficacious", "effective", "efficacy"),
    "32-59-fb577597": ("nevertheless", "although", "despite", "however", "whereas", "while"),
    "32-64-059062f2": ("adverse reaction", "adverse effect", "adverse event", "side effect", "side-effect"),
    "32-64-bca9c666": ("thousands of", "trillion", "billion", "million"),
    "32-69-1b87e03d": ("associated", "correlated", "leads to", "lead to", "linked", "tied"),
    "32-74-2a3ec0c1": ("cause",),
    "32-9-1fb8b295": ("et al",),
    "32-94-31ccd064": ("double", "raise"),
}
