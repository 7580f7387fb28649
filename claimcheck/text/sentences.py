"""Where sentences start: syntok's segmentation, fed by a faster copy of its tokenizer.

syntok's ``segmenter.analyze`` spends more than half its time in its tokenizer, which runs
a general regular expression over every word. Most words of running text are plain: ASCII
letters and digits with no lower-to-upper change inside ("ketamine", "COVID", "Smith",
"2020"), alone or with one closing punctuation mark ("dose," "hours."). :func:`tokens` makes
those tokens directly and hands every other whitespace-separated chunk to syntok's own
tokenizer, so it yields the very tokens syntok does (values, spacings and offsets; a test
compares the two on the corpus renders and on awkward strings), and :func:`sentence_starts`
hands them to syntok's unchanged sentence state machine.
"""

from __future__ import annotations

import regex
from syntok import segmenter
from syntok.tokenizer import Token, Tokenizer

__all__ = ["sentence_starts", "tokens"]

_TOKENIZER = Tokenizer(replace_not_contraction=False)  # as segmenter.analyze makes it
#: The whitespace before each chunk and the chunk: syntok's chunks (``Tokenizer._spaces``) with their spacing.
_CHUNKS = regex.compile(r"([\s\u200b]*)([^\s\u200b]+)", regex.UNICODE)


def tokens(text: str, base_offset: int = 0) -> list[Token]:
    """syntok's ``Tokenizer(replace_not_contraction=False).tokenize(text, base_offset)``, as a list.

    A chunk of ASCII letters and digits with no lower-case letter before an upper-case one
    is one token, and such a chunk followed by one other character two; syntok's tokenizer
    reads every other chunk (ASCII only, so that Python's and the regex module's Unicode
    tables cannot disagree on a letter's case).

    >>> [(t.spacing, t.value, t.offset) for t in tokens("It rose 3-fold (p<0.05).")][:4]
    [('', 'It', 0), (' ', 'rose', 3), (' ', '3', 8), ('-', 'fold', 10)]
    """
    out: list[Token] = []
    append = out.append
    pos = base_offset
    for spacing, chunk in _CHUNKS.findall(text):
        start = pos + len(spacing)
        pos = start + len(chunk)
        if chunk.isascii() and chunk.isalnum():
            if chunk.islower() or chunk.istitle() or chunk.isupper() or chunk.isdigit():
                append(Token(spacing, chunk, start))
                continue
        elif len(chunk) > 1:
            word = chunk[:-1]
            if (
                word.isascii()
                and word.isalnum()
                and not chunk[-1].isalnum()
                and (word.islower() or word.istitle() or word.isupper() or word.isdigit())
            ):
                append(Token(spacing, word, start))
                append(Token("", chunk[-1], pos - 1))
                continue
        for token in _TOKENIZER.tokenize(spacing + chunk):  # syntok's own, moved to its place
            token.update(start - len(spacing))
            append(token)
    end = base_offset + len(text)
    if pos < end:
        append(Token(text[pos - base_offset :], "", end))
    return out


def sentence_starts(text: str) -> list[int]:
    """The offset of each sentence's first token: what ``syntok.segmenter.analyze(text)`` finds.

    >>> sentence_starts("It works. Next one (Smith et al. 2020) follows.  Done")
    [0, 10, 49]
    """
    return [
        sentence[0].offset
        for offset, paragraph in segmenter.preprocess_with_offsets(text)
        for sentence in segmenter.segment(iter(tokens(paragraph, offset)))
        if sentence
    ]
