"""The strings that guard the cue and feature patterns, read once from the patterns and stored.

:func:`claimcheck.text.literals.needles` reads them from a parsed pattern, which costs more at
import than a short article's searches save, so they are stored here by
:func:`claimcheck.text.literals.key` (the pattern's flags, length and CRC-32). A pattern
changed since is not in the table and is searched unguarded: slower, never wrong.
``tests/test_literals.py`` checks the table against the patterns and prints a fresh one
when it differs.
"""

from __future__ import annotations

__all__ = ["NEEDLES", "WORDS"]

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

#: key(pattern) -> required_words(pattern) (:mod:`claimcheck.text.wordguards`), for the lower-cased
#: twins of claims.CUES and of worthiness_features' PATTERNS and RESIDUE that NEEDLES does not guard.
WORDS: dict[str, tuple[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...], ...]] = {
    "32-100-1dd1b5ca": (
        (
            (
                (
                    "and",
                    "as",
                    "by",
                    "for",
                    "from",
                    "in",
                    "including",
                    "of",
                    "on",
                    "ref",
                    "refs",
                    "see",
                    "than",
                    "to",
                    "with",
                ),
                ("refs.", "e.g.", "i.e.", "ref.", "cf."),
            ),
            ((), (")", ",", ".", ":", ";", "]")),
        ),
    ),
    "32-107-75b075f8": ((((), ("(",)), ((), (")",))),),
    "32-169-20853345": (
        (
            (("are", "is", "was", "were"), ()),
            (
                (
                    "assumed",
                    "believed",
                    "considered",
                    "estimated",
                    "hypothesized",
                    "implicated",
                    "known",
                    "postulated",
                    "recognised",
                    "recognized",
                    "regarded",
                    "reported",
                    "thought",
                ),
                (),
            ),
        ),
    ),
    "32-179-a3cfbcd8": (
        (
            (("was", "were"), ()),
            (
                (
                    "analysed",
                    "analyzed",
                    "assessed",
                    "calculated",
                    "collected",
                    "computed",
                    "estimated",
                    "excluded",
                    "included",
                    "measured",
                    "obtained",
                    "performed",
                    "randomised",
                    "randomized",
                    "recorded",
                    "selected",
                    "used",
                ),
                (),
            ),
        ),
    ),
    "32-225-7ed78e4e": (
        (
            (
                (
                    "earlier",
                    "many",
                    "numerous",
                    "other",
                    "previous",
                    "previously",
                    "prior",
                    "recent",
                    "recently",
                    "several",
                    "some",
                ),
                (),
            ),
            (
                ("analyses", "authors", "investigators", "reports", "research", "studies", "trials", "work"),
                (),
            ),
        ),
        ((("literature",), ("systematic reviews", "systematic review", "meta-analyses", "meta-analysis")),),
    ),
    "32-296-ef6acb78": (
        (
            (
                (
                    "adolescents",
                    "adults",
                    "americans",
                    "cases",
                    "children",
                    "deaths",
                    "individuals",
                    "kids",
                    "men",
                    "participants",
                    "patients",
                    "people",
                    "persons",
                    "respondents",
                    "smokers",
                    "subjects",
                    "teens",
                    "users",
                    "veterans",
                    "volunteers",
                    "women",
                ),
                (),
            ),
        ),
    ),
    "32-31-ec4aaf1b": ((((), ("%",)),), ((("percent",), ("per cent",)),)),
    "32-76-a3dbf9c3": (
        (
            (
                (),
                (
                    " times higher",
                    " times lower",
                    "-fold higher",
                    " times less",
                    " times more",
                    "-fold lower",
                    "-fold less",
                    "-fold more",
                    " times as",
                    "-fold as",
                ),
            ),
        ),
    ),
    "32-81-753c0675": (
        (
            (
                ("addictive", "deadly", "fatal", "lethal", "mortality", "overdose", "overdoses", "toxic"),
                ("life-threatening",),
            ),
        ),
    ),
    "32-82-cbcc6d95": (
        (
            (
                (
                    "alleviate",
                    "alleviates",
                    "cure",
                    "cures",
                    "heal",
                    "heals",
                    "improve",
                    "improved",
                    "improves",
                    "prevent",
                    "prevents",
                    "relieve",
                    "relieves",
                    "reverse",
                    "reverses",
                ),
                (),
            ),
        ),
    ),
    "32-84-d084e500": (
        ((("p",), ()), ((), ("<", "=", ">", "≤")), ((), ("0.", "."))),
        ((("95",), ()), ((), ("%",))),
        ((("ci",), ()),),
        ((("hr", "or", "rr"), ()), ((), (":", "="))),
        (((), ("±",)),),
        ((("sd",), ()),),
        ((("n",), ()), ((), ("=",))),
    ),
    "32-95-27127ed0": (
        ((("our", "ourselves", "us", "we"), ()),),
        ((("this",), ("the current", "the present")), (("article", "paper", "study", "work"), ())),
    ),
}
