"""Rule documentation as text, JSON data and the README's table."""

from __future__ import annotations

import textwrap

from l2tp_lint.rules import Example, Rule, registry


def _paragraph(text: str) -> str:
    return textwrap.fill(text, width=78, initial_indent="  ", subsequent_indent="  ")


def _example(example: Example) -> str:
    lines = []
    for path, text in example.files.items():
        lines.append(f"  {path}:")
        lines.extend(f"    {line}" for line in text.splitlines() or [""])
    if example.mode != "auto":
        lines.append(f"  (checked with --mode {example.mode})")
    return "\n".join(lines)


def as_text(rule: Rule) -> str:
    """Return one rule's documentation for a terminal."""
    doc = rule.doc
    parts = [f"{rule.code} {rule.name} ({rule.severity}, looks at {rule.looks_at})",
             "", rule.summary, "", "Why:", _paragraph(doc.why), "",
             "Bad:", _example(doc.bad), "", "Good:", _example(doc.good), "",
             "Fix:", _paragraph(doc.fix)]
    if doc.limits:
        parts += ["", "Limits:", _paragraph(doc.limits)]
    return "\n".join(parts) + "\n"


def as_data(rule: Rule) -> dict[str, object]:
    """Return one rule's documentation as JSON-ready data."""
    doc = rule.doc
    return {"code": rule.code, "name": rule.name, "severity": str(rule.severity),
            "looks_at": rule.looks_at, "summary": rule.summary, "why": doc.why,
            "bad": doc.bad.files, "good": doc.good.files, "fix": doc.fix,
            "limits": doc.limits}


def listing() -> str:
    """Return one line per rule: code, severity, name, summary."""
    return "".join(f"{r.code}  {str(r.severity):<7}  {r.name:<36}  {r.summary}\n"
                   for r in registry().values())


def markdown_table() -> str:
    """Return the README's table rows of every rule."""
    return "\n".join(f"| {r.code} | {r.name} | {r.severity} | {r.summary} |"
                     for r in registry().values())
