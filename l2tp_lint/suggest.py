"""Message helpers: 'did you mean' suggestions and quoting of user text."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, names: Iterable[str]) -> str:
    """Return ``; did you mean 'x'?`` for the closest name, or ''."""
    folded = " ".join(word.lower().split())
    candidates = list(names)
    if folded in candidates and folded != word:
        return f"; did you mean '{folded}'?"
    # A ratio of 0.75 cannot be reached by names much shorter or longer.
    slack = max(2, len(folded) // 2)
    near = [name for name in candidates if abs(len(name) - len(folded)) <= slack]
    matches = difflib.get_close_matches(folded, near, n=1, cutoff=0.75)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def clip(text: str, limit: int = 60) -> str:
    """Quote-safe, printable, shortened user text for a message."""
    shown = "".join(char if " " <= char <= "~" else f"\\x{ord(char):02x}"
                    for char in text[:limit])
    return shown if len(text) <= limit else shown[:limit - 3] + "..."
