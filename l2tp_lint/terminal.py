"""Text for a terminal: whether to colour it, the coloured findings, a summary line.

Colour follows ``--color``: ``always`` and ``never`` are final; ``auto``
turns it off when NO_COLOR is set to anything, on when FORCE_COLOR is set
(except to '0' or 'false'), and otherwise on for a terminal that is not
'dumb'.  NO_COLOR wins when both are set: it is the user's own refusal.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TextIO

from l2tp_lint.findings import Finding, Severity

CHOICES = ("auto", "always", "never")
RESET = "\x1b[0m"
BOLD = "\x1b[1m"
SEVERITY_STYLES = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[33m",
                   Severity.INFO: "\x1b[36m"}
PASSED_STYLE = "\x1b[32m"
_NOUNS = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"),
          Severity.INFO: ("info", "info")}


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Decide whether to colour what goes to ``stream``."""
    if choice not in CHOICES:
        raise ValueError(f"unknown colour choice '{choice}'")
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "").lower() not in ("", "0", "false"):
        return True
    return env.get("TERM") != "dumb" and _is_terminal(stream)


def _is_terminal(stream: TextIO) -> bool:
    """Tell whether a stream is a terminal; a closed or odd stream is not."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def paint(text: str, style: str, color: bool) -> str:
    """Wrap ``text`` in an ANSI style when colouring."""
    return f"{style}{text}{RESET}" if color and text else text


def format_line(finding: Finding, color: bool) -> str:
    """Return ``path:line:col: CODE message`` for one finding, without newline."""
    span = finding.span
    path = paint(finding.path, BOLD, color)
    code = paint(finding.rule, SEVERITY_STYLES[finding.severity], color)
    return f"{path}:{span.line}:{span.column}: {code} {finding.message}"


def format_text(findings: Iterable[Finding], color: bool) -> str:
    """Return one line a finding, as report.as_text does, coloured when asked."""
    return "".join(format_line(finding, color) + "\n" for finding in findings)


def count(number: int, singular: str, plural: str) -> str:
    """Return '1 error' or '2 errors'."""
    return f"{number} {singular if number == 1 else plural}"


def summary(findings: Iterable[Finding], fixable: int, color: bool) -> str:
    """Return the closing line: the problems by severity and how many --fix can mend."""
    found = list(findings)
    if not found:
        return paint("All checks passed", PASSED_STYLE, color) + "\n"
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        number = sum(1 for finding in found if finding.severity == severity)
        if number:
            text = count(number, *_NOUNS[severity])
            parts.append(paint(text, SEVERITY_STYLES[severity], color))
    line = f"Found {count(len(found), 'problem', 'problems')} ({', '.join(parts)})"
    if fixable:
        line += f"; {fixable} fixable with --fix"
    return line + "\n"
