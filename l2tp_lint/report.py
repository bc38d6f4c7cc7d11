"""Writing findings out: one line each as text, or a JSON list."""

from __future__ import annotations

import json
from collections.abc import Iterable

from l2tp_lint.findings import Finding

FORMATS = ("text", "json")


def as_text(findings: Iterable[Finding]) -> str:
    """Return ``path:line:col: CODE message`` lines."""
    return "".join(
        f"{f.path}:{f.span.line}:{f.span.column}: {f.rule} {f.message}\n"
        for f in findings)


def as_dict(finding: Finding) -> dict[str, object]:
    """Return the JSON object for one finding."""
    span = finding.span
    return {
        "path": finding.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "fix": _fix(finding),
    }


def _fix(finding: Finding) -> dict[str, object] | None:
    """Return what a finding's fix does, or None when it has none."""
    fix = finding.fix
    if fix is None:
        return None
    return {"safe": fix.safe, "action": fix.action, "description": fix.describe(),
            "note": fix.note}


def as_json(findings: Iterable[Finding]) -> str:
    """Return the findings as a JSON list."""
    return json.dumps([as_dict(f) for f in findings], indent=2) + "\n"


def render(findings: list[Finding], output_format: str) -> str:
    """Return the report in the requested format."""
    return as_json(findings) if output_format == "json" else as_text(findings)
