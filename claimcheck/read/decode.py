"""Bytes to text, saying what was done: UTF-8, UTF-16/32 with a byte-order mark, Windows-1252.

:func:`decode_text` never guesses silently. It returns the text and a tuple of
notes for the report's source notes:

* a UTF-16 or UTF-32 byte-order mark: decoded with that encoding (noted);
* valid UTF-8 (with or without a mark): decoded, no note;
* UTF-8 with a few bad bytes (at least one valid multi-byte character for
  every four bad bytes): the bad bytes become
  U+FFFD, and the note says how many and where the first was. The whole file
  is never re-read as Windows-1252 because of a few bytes;
* mostly bytes that are not UTF-8: a single-byte file from an old CMS, decoded as Windows-1252 (noted).

NUL bytes outside a UTF-16/32 text mean a binary file: an
:class:`~claimcheck.errors.InputError`.

Examples
--------
>>> decode_text("café".encode("utf-16"), "a.txt")
('café', ('decoded as UTF-16 (byte-order mark)',))
>>> decode_text("naïve – text".encode() + b"\\xff", "a.txt")[1]
('1 invalid UTF-8 sequence replaced by U+FFFD (first at byte 15)',)
>>> decode_text("café".encode("cp1252"), "a.txt")
('café', ('decoded as Windows-1252 (not UTF-8)',))
"""

from __future__ import annotations

import codecs

from claimcheck.errors import InputError

__all__ = ["decode_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode_text(data: bytes, origin: str) -> tuple[str, tuple[str, ...]]:
    """Decode an article's bytes; return the text (no byte-order mark) and notes on what was done."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            return text.removeprefix("\ufeff"), (f"decoded as {label} (byte-order mark)",)
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (it holds NUL bytes), not text", source=origin)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        first = exc.start
    replaced = data.decode("utf-8-sig", errors="replace")
    bad = replaced.count("\ufffd")
    valid = len(replaced) - len(replaced.encode("ascii", "ignore")) - bad  # non-ASCII characters read
    if valid * 4 < bad:  # (almost) no valid UTF-8 sequence: a single-byte encoding throughout
        return data.decode("cp1252", errors="replace"), ("decoded as Windows-1252 (not UTF-8)",)
    what = "sequence" if bad == 1 else "sequences"
    return replaced, (f"{bad} invalid UTF-8 {what} replaced by U+FFFD (first at byte {first})",)
