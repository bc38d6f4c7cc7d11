"""Findings: what a check reports, where, and how badly."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How bad a finding is; a run fails on warning and above."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a file: 1-based lines, 1-based byte columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Fix:
    """An edit that resolves a finding, as data: what to change where, and why.

    ``action`` is 'replace' (bytes start..end become ``text``), 'add' (a new
    line ``text`` with a comment saying why, at ``start``), 'disable' (the
    option or line at start..end becomes a comment with a short note) or
    'create' (a new file whose whole content is ``text``).  Offsets index the
    file's text as it was read.
    """

    path: str
    action: str
    start: int
    end: int
    text: str
    note: str
    safe: bool
    syntax: str  # 'pppd' or 'xl2tpd': which comment character the file takes
    values: tuple[tuple[str, object], ...] = ()  # for 'create': the template's values

    def describe(self) -> str:
        """Say in a few words what the fix does."""
        verb = {"replace": "replace with", "add": "add", "disable": "disable",
                "create": "create"}[self.action]
        what = self.text if self.action != "create" else self.path
        if self.action == "create":
            return f"create {self.path}"
        return f"{verb} {what!r}" if self.action != "disable" else "disable it"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file."""

    path: str
    span: Span
    rule: str
    severity: Severity
    message: str
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings by file, position and rule code."""
        return (self.path, self.span.line, self.span.column, self.rule)
