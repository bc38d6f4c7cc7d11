"""Findings as a SARIF 2.1.0 log, for GitHub code scanning and other viewers.

Locations are relative to a base folder (``%SRCROOT%``, declared in
``originalUriBaseIds``) with symbolic links resolved, as GitHub needs.  Each
result carries a fingerprint that survives lines moving: a hash of the rule,
the file, the text of the finding's line and the message with its numbers
masked, plus a count among equal hashes.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

from l2tp_lint import __version__
from l2tp_lint.findings import Finding, Fix, Severity, Span
from l2tp_lint.rules import Doc, Example, Rule, registry
from l2tp_lint.source import SourceText

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/l2tp-lint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "l2tpLint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
PROBLEM_SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning",
                      Severity.INFO: "recommendation"}
# The hundreds digit of a code is its category (README, "Finding codes").
CATEGORIES = {"1": "refused-by-daemon", "2": "read-otherwise", "3": "machine-dependent",
              "4": "sequencing", "5": "mtu", "6": "security", "7": "reliability",
              "8": "no-effect"}
_DIGITS = re.compile(r"\d+")


def to_sarif(findings: list[Finding], base: Path,
             texts: Mapping[str, str] | None = None) -> dict[str, object]:
    """Return a SARIF log of ``findings`` with paths relative to ``base``.

    ``texts`` maps a path to the text it was checked as (standard input, or
    text a fix run changed); other files are read from disk, for the
    fingerprints and to place fixes, whose offsets index the checked text.
    """
    ordered = sorted(findings, key=Finding.sort_key)
    rules = _rules_in(ordered)
    index = {rule.code: position for position, rule in enumerate(rules)}
    lines = _LineReader(texts or {})
    seen: dict[str, int] = {}
    results = [_result(finding, index[finding.rule], base, lines, seen)
               for finding in ordered]
    run = {"tool": {"driver": _driver(rules)},
           "originalUriBaseIds": {SRCROOT: {"uri": _folder_uri(base)}},
           "results": results}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rules_in(findings: list[Finding]) -> list[Rule]:
    """Return the rules the findings name, in code order; unknown codes get a stub."""
    known = registry()
    codes = sorted({finding.rule for finding in findings})
    return [known.get(code) or _stub(code, findings) for code in codes]


def _stub(code: str, findings: list[Finding]) -> Rule:
    """Describe a code that is not (yet) in the registry, from its first finding."""
    severity = next(f.severity for f in findings if f.rule == code)
    empty = Example({})
    doc = Doc(why=f"findings of {code}", bad=empty, good=empty, fix="")
    return Rule(code, code, severity, code, "setup", doc)


def _driver(rules: list[Rule]) -> dict[str, object]:
    """Return the tool.driver object: who we are and every rule reported."""
    return {"name": "l2tp-lint", "version": __version__, "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [describe_rule(rule) for rule in rules]}


def describe_rule(rule: Rule) -> dict[str, object]:
    """Return the reportingDescriptor of one rule."""
    tags = [category(rule.code), rule.looks_at]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.why},
        "help": {"text": _help_text(rule), "markdown": help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(dict.fromkeys(tags)),
                       "problem.severity": PROBLEM_SEVERITIES[rule.severity]},
    }


def category(code: str) -> str:
    """Return the category a code's family letter and hundreds digit name."""
    if code.startswith("L"):
        return "suppression-comment" if code[1:2] == "1" else "limit"
    return CATEGORIES.get(code[1:2], "other")


def _help_text(rule: Rule) -> str:
    """Return the text that 'l2tp-lint rule CODE' prints."""
    from l2tp_lint.rules import docs

    return docs.as_text(rule) if rule.doc.fix else rule.summary


def help_markdown(rule: Rule) -> str:
    """Return a rule's documentation as Markdown: why, fix, bad and good examples."""
    doc = rule.doc
    parts = [f"**{rule.code} {rule.name}**: {rule.summary}", doc.why]
    if doc.fix:
        parts.append(f"**Fix:** {doc.fix}")
    parts += _examples_markdown("Bad", doc.bad) + _examples_markdown("Good", doc.good)
    if doc.limits:
        parts.append(f"**Limits:** {doc.limits}")
    parts.append(f"`l2tp-lint rule {rule.code}` shows this in a terminal.")
    return "\n\n".join(parts) + "\n"


def _examples_markdown(title: str, example: Example) -> list[str]:
    """Return one Markdown block per file of an example."""
    blocks = []
    for path, text in example.files.items():
        fence = "`" * max(3, _longest_backtick_run(text) + 1)
        blocks.append(f"{title}, `{path}`:\n\n{fence}\n{text.rstrip(chr(10))}\n{fence}")
    if blocks and example.mode != "auto":
        blocks[-1] += f"\n\n(checked with `--mode {example.mode}`)"
    return blocks


def _longest_backtick_run(text: str) -> int:
    runs = re.findall(r"`+", text)
    return max((len(run) for run in runs), default=0)


def _result(finding: Finding, rule_index: int, base: Path, lines: _LineReader,
            seen: dict[str, int]) -> dict[str, object]:
    """Return the SARIF result of one finding."""
    artifact = artifact_location(finding.path, base)
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact,
                                            "region": region(finding.span)}}],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(finding, artifact, lines,
                                                              seen)},
    }
    fix = _fix(getattr(finding, "fix", None), base, lines)
    if fix is not None:
        result["fixes"] = [fix]
    return result


def region(span: Span) -> dict[str, int]:
    """Return a SARIF region; its end column is exclusive, as a Span's is."""
    return {"startLine": span.line, "startColumn": span.column,
            "endLine": span.end_line, "endColumn": span.end_column}


def artifact_location(path: str, base: Path) -> dict[str, str]:
    """Return a location relative to ``base`` when the file lies under it."""
    absolute = Path(os.path.abspath(path))
    pairs = ((absolute.resolve(), base.resolve()), (absolute, Path(os.path.abspath(base))))
    for candidate, root in pairs:
        try:
            relative = candidate.relative_to(root)
        except ValueError:
            continue
        return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}
    return {"uri": absolute.resolve().as_uri()}


def _folder_uri(base: Path) -> str:
    uri = Path(os.path.abspath(base)).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


class _LineReader:
    """The lines of the files findings point at, read once each."""

    def __init__(self, given: Mapping[str, str]) -> None:
        self.texts: dict[str, str | None] = dict(given)

    def text(self, path: str) -> str | None:
        """Return a file's text as checked, or None when it cannot be had."""
        if path not in self.texts:
            try:
                self.texts[path] = Path(path).read_bytes().decode("latin-1")
            except OSError:
                self.texts[path] = None
        return self.texts[path]

    def line(self, path: str, number: int) -> str:
        """Return one line of a file without its newline, or ''."""
        text = self.text(path)
        if text is None:
            return ""
        lines = text.split("\n")
        return lines[number - 1].rstrip("\r") if 0 < number <= len(lines) else ""


def _fingerprint(finding: Finding, artifact: dict[str, str], lines: _LineReader,
                 seen: dict[str, int]) -> str:
    """Return a hash that stays put when the finding's line moves."""
    line = " ".join(lines.line(finding.path, finding.span.line).split())
    message = _DIGITS.sub("#", finding.message)
    key = "\0".join((finding.rule, artifact["uri"], line, message))
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


def _fix(fix: object, base: Path, lines: _LineReader) -> dict[str, object] | None:
    """Return a SARIF fix for a safe in-place replacement; None for any other fix.

    Additions and disabled options are rendered from templates, so their
    exact text is not known here; unsafe fixes need --unsafe-fixes, which a
    SARIF viewer would not ask for.
    """
    if not isinstance(fix, Fix) or fix.action != "replace" or not fix.safe:
        return None
    text = lines.text(fix.path)
    if text is None or not 0 <= fix.start <= fix.end <= len(text):
        return None
    span = SourceText(fix.path, text).span(fix.start, fix.end)
    description = f"{fix.describe()}: {fix.note}" if fix.note else fix.describe()
    replacement = {"deletedRegion": region(span), "insertedContent": {"text": fix.text}}
    return {"description": {"text": description},
            "artifactChanges": [{"artifactLocation": artifact_location(fix.path, base),
                                 "replacements": [replacement]}]}
