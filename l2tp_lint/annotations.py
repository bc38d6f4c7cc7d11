"""Findings as GitHub Actions workflow commands, which annotate the files of a run.

One command a finding: ``::error``, ``::warning`` or ``::notice`` (for info)
with the file, its position and a title of the rule's code and name.  The
columns are left out when a finding spans several lines, where GitHub would
misplace them.  Values are escaped as the Actions toolkit escapes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from l2tp_lint.findings import Finding, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: '%', carriage return and newline."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def title(code: str) -> str:
    """Return an annotation's title: the rule's code and name."""
    from l2tp_lint.rules import registry

    rule = registry().get(code)
    return f"{code} {rule.name}" if rule is not None else code


def command(finding: Finding) -> str:
    """Return the workflow command of one finding, without its newline."""
    span = finding.span
    properties = [("file", finding.path), ("line", str(span.line))]
    if span.line == span.end_line:
        properties.append(("col", str(span.column)))
    properties.append(("endLine", str(span.end_line)))
    if span.line == span.end_line:
        properties.append(("endColumn", str(span.end_column)))
    properties.append(("title", title(finding.rule)))
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(finding.message)}"


def to_github(findings: Iterable[Finding]) -> str:
    """Return one workflow command a finding, each on its own line."""
    return "".join(command(finding) + "\n" for finding in findings)
