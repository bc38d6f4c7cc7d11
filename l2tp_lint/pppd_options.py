"""The pppd options document model: words with their decoded values.

pppd 2.4.9 (options.c, getword) reads a file as a stream of words; lines
mean nothing except that a comment ends at the end of its line.  Each word
keeps the bytes it was written with and the value pppd makes of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from l2tp_lint import parsing
from l2tp_lint.source import SourceText

MAX_WORD = 1023  # MAXWORDLEN is 1024 including the NUL
_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                   "s": " ", "t": "\t"}
_OCTAL = frozenset("01234567")
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass(frozen=True, slots=True)
class Word:
    """One word as written and as pppd reads it."""

    raw: str
    start: int
    end: int
    value: str           # escapes and quotes resolved, cut at a NUL
    cut_at_nul: bool     # a NUL byte hid the rest of the word
    truncated: bool      # longer than 1023 bytes; pppd kept the first 1023
    open_quote: bool     # a quote ran to the end of the file


@dataclass(slots=True)
class PppdOptions(parsing.Document):
    """A parsed pppd options file."""

    words: list[Word]
    # pppd's reading of the file per (channel, root), filled by checks.pppd_load.read
    readings: dict[object, object] = field(default_factory=dict)


def _escape(raw: str, index: int, out: list[str]) -> int:
    """Decode the escape whose backslash is at ``index - 1``."""
    char = raw[index]
    if char == "\n":
        return index + 1
    if char in _SIMPLE_ESCAPES:
        out.append(_SIMPLE_ESCAPES[char])
        return index + 1
    if char in _OCTAL:
        stop = index
        while stop < len(raw) and stop - index < 3 and raw[stop] in _OCTAL:
            stop += 1
        out.append(chr(int(raw[index:stop], 8) & 0xFF))
        return stop
    if char == "x":
        stop = index + 1
        while stop < len(raw) and stop - index - 1 < 2 and raw[stop] in _HEX:
            stop += 1
        digits = raw[index + 1:stop]
        out.append(chr(int(digits, 16) if digits else 0))
        return stop
    out.append(char)
    return index + 1


def decode(raw: str) -> tuple[list[str], bool]:
    """Return the characters pppd stores for a raw word, and an open quote."""
    out: list[str] = []
    quote = ""
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\\":
            if index + 1 >= len(raw):
                break
            index = _escape(raw, index + 1, out)
            continue
        if quote and char == quote:
            quote = ""
        elif not quote and char in "\"'":
            quote = char
        else:
            out.append(char)
        index += 1
    return out, bool(quote)


def make_word(raw: str, start: int) -> Word:
    """Build a word from its raw text."""
    chars, open_quote = decode(raw)
    text = "".join(chars[:MAX_WORD])
    value, nul, _ = text.partition("\0")
    return Word(raw, start, start + len(raw), value, bool(nul),
                len(chars) > MAX_WORD, open_quote)


def _is_word_at_end(raw: str) -> bool:
    """At the end of the file, pppd drops a word that stored nothing."""
    chars, _ = decode(raw)
    return bool(chars)


def parse(source: SourceText) -> PppdOptions:
    """Parse a pppd options file into its words (the grammar's tokens)."""
    words: list[Word] = []
    for token in parsing.tokens("pppd", source.text):
        if token.type != "WORD":
            continue
        start = token.start_pos
        at_end = start + len(token) == len(source.text)
        if at_end and not _is_word_at_end(str(token)):
            continue
        words.append(make_word(str(token), start))
    return PppdOptions(source, "pppd", words)
