"""Reading configuration files as text that maps one character to one byte."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from l2tp_lint.findings import Span

# latin-1 maps every byte to one character and back, so a file of any
# encoding (or none) round-trips exactly and columns are byte offsets.
ENCODING = "latin-1"


@dataclass(slots=True)
class SourceText:
    """A file's text with a line index for turning offsets into positions."""

    path: str
    text: str
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        index = find("\n")
        while index != -1:
            starts.append(index + 1)
            index = find("\n", index + 1)
        self._line_starts = starts

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> SourceText:
        """Decode raw bytes losslessly."""
        return cls(path, data.decode(ENCODING))

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        """Return the span covering offsets ``start`` to ``end``."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(end, start))
        return Span(line, column, end_line, end_column)

    def line_count(self) -> int:
        """Return the number of lines, counting a last line without newline."""
        count = len(self._line_starts)
        return count if self.text and not self.text.endswith("\n") else count - 1
