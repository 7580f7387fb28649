"""Where sentences start: syntok's segmentation, fed by a faster copy of its tokenizer.

syntok's ``segmenter.analyze`` spends more than half its time in its tokenizer, which runs
a general regular expression over every word. Most words of running text are plain: ASCII
letters and digits with no lower-to-upper change inside ("ketamine", "COVID", "Smith",
"2020"), alone or with one closing punctuation mark ("dose," "hours."). :func:`tokens` makes
those tokens directly and hands every other whitespace-separated chunk to syntok's own
tokenizer, so it yields the very tokens syntok does (values, spacings and offsets; a test
compares the two on the corpus renders and on awkward strings), and :func:`sentence_starts`
hands them to syntok's unchanged sentence state machine.

That machine takes one state transition per token, and in running text nearly all of them are
``InnerToken`` stepping over a word that is neither a possible terminal nor a bracket.
:func:`sentence_starts` drives the machine itself and takes such runs of plain steps in one
tight loop (:func:`_step_over_plain_words`), which changes the machine's queue and history
exactly as the steps would; every other transition is syntok's own. This reads syntok's
private ``_segmentation_states`` (as of 1.4.4); the tests that compare with
``segmenter.analyze`` would catch a release that changes it.
"""

from __future__ import annotations

import re

from syntok import segmenter
from syntok._segmentation_states import Begin, InnerToken, State
from syntok.tokenizer import Token, Tokenizer

__all__ = ["sentence_starts", "tokens"]

_TOKENIZER = Tokenizer(replace_not_contraction=False)  # as segmenter.analyze makes it
#: What syntok's tokenizer splits chunks at (``Tokenizer._spaces``): the regex module's Unicode
#: ``\s`` and the zero-width space, spelled out for the standard ``re`` module, which finds the
#: chunks in less than half the time (its own ``\s`` also takes U+001C..U+001F). A test checks
#: the class against syntok's on every code point.
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
#: The whitespace before each chunk and the chunk: syntok's chunks with their spacing.
_CHUNKS = re.compile(f"([{_SPACE}]*)([^{_SPACE}]+)")
#: Token values that make syntok's ``InnerToken`` do more than step on: a possible terminal
#: (``next_is_a_terminal``, which counts "(") or an opening bracket (``next_is_an_opening_bracket``).
_STOPS = State.terminals | State.opening_brackets


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
    starts = []
    for offset, paragraph in segmenter.preprocess_with_offsets(text):
        # syntok's segmenter.segment, with InnerToken's plain steps taken in one loop
        state: State | None = Begin(iter(tokens(paragraph, offset)))
        while state is not None:
            if state.at_sentence:
                sentence = state.collect_history()
                if sentence and (len(sentence) > 1 or sentence[0].value):
                    starts.append(sentence[0].offset)
            if type(state) is InnerToken:
                _step_over_plain_words(state)
            state = next(state, None)
    return starts


def _step_over_plain_words(state: InnerToken) -> None:
    """Take the steps of ``state`` that move one word on and return ``state`` again.

    ``InnerToken.__next__`` with the queue ``[a, b, ...]`` and ``b`` not in ``_STOPS`` moves
    ``a`` from the queue to the history (fetching ``b`` from the stream when the queue held
    ``a`` alone), finds ``b`` neither an opening bracket nor a terminal, and returns itself:
    a state whose ``at_sentence`` is False, which ``segment`` passes over. So these steps are
    that move, repeated; the step before a stop (or at the stream's end) is left to syntok.
    """
    queue, history = state._queue, state._history
    while len(queue) > 1 and queue[1].value not in _STOPS:  # a look-ahead left in the queue
        history.append(queue.pop(0))
    if len(queue) == 1:
        for token in state._stream:  # the tokens ``_fetch_next`` would append, one by one
            queue.append(token)
            if token.value in _STOPS:
                return
            history.append(queue.pop(0))
