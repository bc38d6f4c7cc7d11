"""The fix loop: apply, re-parse, re-check, until nothing changes, then write."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from l2tp_lint import linter
from l2tp_lint.findings import Finding, Fix
from l2tp_lint.fixer import FixError, apply, render
from l2tp_lint.source import ENCODING

MAX_ROUNDS = 4


@dataclass(slots=True)
class Outcome:
    """What a fix run changed and what it left."""

    findings: list[Finding]
    originals: dict[Path, bytes | None] = field(default_factory=dict)
    results: dict[Path, bytes] = field(default_factory=dict)
    shown: dict[Path, str] = field(default_factory=dict)
    applied: int = 0

    def changed(self) -> list[Path]:
        """Return the files whose content differs from what was read."""
        return [path for path, data in self.results.items()
                if self.originals.get(path) != data]


def wanted(findings: list[Finding], unsafe: bool) -> list[Fix]:
    """Return the fixes to apply: the safe ones, and the unsafe ones if asked."""
    return [f.fix for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def run(arguments: list[str], settings: linter.Settings, unsafe: bool) -> Outcome:
    """Apply fixes until the files settle; raise FixError if they do not.

    Text already in ``settings.overlay`` stands in for the files on disk and
    counts as what was read.
    """
    outcome = Outcome(findings=[], originals=dict(settings.overlay),
                      results=dict(settings.overlay))
    for _ in range(MAX_ROUNDS + 1):
        settings.overlay = dict(outcome.results)
        outcome.findings = linter.lint(arguments, settings)
        fixes = wanted(outcome.findings, unsafe)
        if not fixes:
            return outcome
        if not _round(outcome, fixes):
            break
    files = ", ".join(sorted({f.path for f in wanted(outcome.findings, unsafe)}))
    raise FixError(f"fixes for {files} did not settle; nothing was written")


def _round(outcome: Outcome, fixes: list[Fix]) -> bool:
    """Apply one round of fixes to the overlay; tell whether anything changed."""
    changed = False
    by_file: dict[Path, list[Fix]] = defaultdict(list)
    for fix in fixes:
        by_file[Path(fix.path).resolve()].append(fix)
    for path, group in by_file.items():
        before = _text(outcome, path, group[0].path)
        after, used = _apply(before, group)
        if used and after != before:
            outcome.results[path] = after.encode(ENCODING)
            outcome.applied += len(used)
            changed = True
    return changed


def _text(outcome: Outcome, path: Path, shown: str) -> str:
    outcome.shown.setdefault(path, shown)
    if path not in outcome.originals:
        try:
            outcome.originals[path] = path.read_bytes()
        except FileNotFoundError:
            outcome.originals[path] = None
        except OSError as error:
            raise FixError(f"cannot read '{shown}': {error.strerror}") from None
    data = outcome.results.get(path, outcome.originals[path])
    return (data or b"").decode(ENCODING)


def _apply(text: str, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    creations = [fix for fix in fixes if fix.action == "create"]
    if creations:
        if text:
            return text, []
        fix = creations[0]
        return render(fix.text, **dict(fix.values)), [fix]
    return apply(text, fixes[0].syntax, fixes)


def diff(outcome: Outcome, base: Path) -> str:
    """Return a unified diff of every change, paths relative to ``base`` (patch -p1)."""
    parts = []
    for path in sorted(outcome.changed()):
        relative = _relative(path, base)
        old = outcome.originals[path]
        new = outcome.results[path]
        lines = difflib.unified_diff(
            (old or b"").decode(ENCODING).splitlines(keepends=True),
            new.decode(ENCODING).splitlines(keepends=True),
            "/dev/null" if old is None else f"a/{relative}", f"b/{relative}")
        parts.extend(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                     for line in lines)
    return "".join(parts)


def _relative(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base.resolve()))
    except ValueError:
        return str(path).lstrip("/")
