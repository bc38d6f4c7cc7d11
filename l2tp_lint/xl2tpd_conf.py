"""The xl2tpd.conf document model: sections and entries with exact positions.

xl2tpd 1.3.18 (file.c, parse_config) reads the file with fgets() into a
1024-byte buffer, so a physical line longer than 1023 bytes arrives in
pieces that are parsed as lines of their own; a NUL byte ends what C sees
of a piece.  The model follows the same steps, so its entries are exactly
the ones xl2tpd sees, each pointing back at its bytes in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from l2tp_lint import parsing
from l2tp_lint.source import SourceText

CHUNK = 1023  # fgets(buf, 1024) keeps 1023 bytes and a NUL
_BLANK = frozenset(chr(c) for c in (*range(33), *range(0x80, 0x100)))


def is_blank(char: str) -> bool:
    """Tell whether xl2tpd's ``c < 33`` test (signed char) calls it space."""
    return char in _BLANK


@dataclass(slots=True)
class Piece:
    """What xl2tpd sees of one fgets() read: content between offsets."""

    start: int          # offset of the first content byte
    end: int            # offset after the last content byte
    text: str           # the content: comment cut, blanks trimmed
    physical_line: int  # 1-based line in the file
    split: bool         # the physical line was longer than one read


@dataclass(slots=True)
class Section:
    """A section header and the entries under it."""

    kind: str                # as written
    name: str | None         # text after the first space, or None
    header: Piece
    trailing: str            # text after ']' that xl2tpd ignores
    entries: list[Entry] = field(default_factory=list)

    kind_lower: str = field(init=False)  # the kind folded as strcasecmp() folds it

    def __post_init__(self) -> None:
        self.kind_lower = ascii_lower(self.kind)

    @property
    def is_default(self) -> bool:
        """Tell whether this is a ``default`` section."""
        return self.name is not None and ascii_lower(self.name) == "default"

    @property
    def identity(self) -> tuple[str, str] | None:
        """Key under which xl2tpd merges repeated sections, None if never."""
        if self.kind_lower == "global":
            return ("global", "")
        if self.is_default:
            return (self.kind_lower, "default")
        if self.name is None:
            return None
        return (self.kind_lower, ascii_lower(self.name))


@dataclass(slots=True)
class Entry:
    """A ``key = value`` line."""

    key: str
    value: str
    piece: Piece
    key_start: int
    value_start: int
    section: Section | None

    key_lower: str = field(init=False)  # the key folded as strcasecmp() folds it

    def __post_init__(self) -> None:
        self.key_lower = ascii_lower(self.key)

    @property
    def value_end(self) -> int:
        """Return the offset after the value."""
        return self.piece.end


@dataclass(slots=True)
class Junk:
    """A non-blank line that is neither a header nor has an ``=``."""

    piece: Piece
    section: Section | None


@dataclass(slots=True)
class Xl2tpdConf(parsing.Document):
    """A parsed xl2tpd.conf."""

    sections: list[Section]
    entries: list[Entry]
    junk: list[Junk]
    pieces: list[Piece]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                             "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """Fold ASCII letters only, as strcasecmp() does in the C locale."""
    return text.translate(_ASCII_LOWER)


def _reads(text: str):
    """Yield (offset, piece text, physical line, split) for each fgets()."""
    offset, line = 0, 1
    while offset < len(text):
        newline = text.find("\n", offset)
        end = len(text) if newline == -1 else newline + 1
        split = end - offset > CHUNK
        for start in range(offset, end, CHUNK):
            yield start, text[start:min(start + CHUNK, end)], line, split
        offset, line = end, line + 1


def _pieces(text: str) -> list[Piece]:
    """Follow parse_config's reading, comment and trimming steps."""
    pieces: list[Piece] = []
    in_comment = False
    for start, chunk, line, split in _reads(text):
        visible = chunk.split("\0", 1)[0]
        has_newline = visible.endswith("\n")
        if in_comment:
            in_comment = not has_newline
            continue
        cut = visible.find(";")
        if cut != -1:
            in_comment = not has_newline
            visible = visible[:cut]
        left = 0
        while left < len(visible) and is_blank(visible[left]):
            left += 1
        right = len(visible)
        while right > left and is_blank(visible[right - 1]):
            right -= 1
        if right > left:
            pieces.append(Piece(start + left, start + right,
                                visible[left:right], line, split))
    return pieces


def _header(piece: Piece) -> Section:
    """Split a header piece into kind and name as parse_config does."""
    close = piece.text.find("]")
    inner = piece.text[1:close] if close != -1 else piece.text[1:]
    trailing = piece.text[close + 1:] if close != -1 else ""
    kind, space, name = inner.partition(" ")
    return Section(kind, name if space else None, piece, trailing)


def _entry(piece: Piece, section: Section | None) -> Entry | Junk:
    """Split an entry piece at its first ``=``."""
    equals = piece.text.find("=")
    if equals == -1:
        return Junk(piece, section)
    key_end = equals
    while key_end > 0 and is_blank(piece.text[key_end - 1]):
        key_end -= 1
    value_start = equals + 1
    while value_start < len(piece.text) and is_blank(piece.text[value_start]):
        value_start += 1
    return Entry(piece.text[:key_end], piece.text[value_start:], piece,
                 piece.start, piece.start + value_start, section)


def parse(source: SourceText) -> Xl2tpdConf:
    """Parse an xl2tpd.conf into its document model (the lossless tree on demand)."""
    sections: list[Section] = []
    entries: list[Entry] = []
    junk: list[Junk] = []
    pieces = _pieces(source.text)
    current: Section | None = None
    for piece in pieces:
        if piece.text.startswith("["):
            current = _header(piece)
            sections.append(current)
            continue
        item = _entry(piece, current)
        if isinstance(item, Entry):
            entries.append(item)
            if current is not None:
                current.entries.append(item)
        else:
            junk.append(item)
    return Xl2tpdConf(source, "xl2tpd", sections, entries, junk, pieces)
