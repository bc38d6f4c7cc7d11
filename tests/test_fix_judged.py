"""Fixing the real-world corpus: idempotent, and never a new reason to refuse.

Every corpus file is fixed (safe fixes) the way pppd in kernel mode or
xl2tpd reads it; the real daemons judge each file before and after.  A fixed
file is accepted, or refused only for a reason the original already had and
no fix covers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import daemons
from conftest import corpus_files
from l2tp_lint import autofix, linter
from l2tp_lint.findings import Finding


def _load(kind: str) -> list[Path]:
    files = corpus_files(kind)
    if not files:
        pytest.skip("set L2TP_LINT_CORPUS to the public corpus folder")
    return files


def _stage(files: list[Path], folder: Path, name: str) -> list[Path]:
    staged = []
    for index, source in enumerate(files):
        target = folder / f"{index:03d}" / name
        target.parent.mkdir(parents=True)
        target.write_bytes(source.read_bytes())
        staged.append(target)
    return staged


def _refusals(findings: list[Finding], prefix: str) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for finding in findings:
        if finding.rule.startswith(prefix):
            found.setdefault(str(Path(finding.path).resolve()), set()).add(
                (finding.rule, finding.message))
    return found


def _fix_and_judge(staged: list[Path], folder: Path, prefix: str, judge,
                   mode: str = "kernel") -> dict[str, int]:
    before = _refusals(linter.lint([str(folder)], linter.Settings(mode=mode)), prefix)
    outcome = autofix.run([str(folder)], linter.Settings(mode=mode), unsafe=False)
    after = _refusals(outcome.findings, prefix)
    again = autofix.run([str(folder)], linter.Settings(mode=mode,
                                                       overlay=dict(outcome.results)),
                        unsafe=False)
    assert not again.changed(), "a second fix changed files"
    changed = set(outcome.changed())
    originals = [path.read_bytes() for path in staged]
    fixed = [outcome.results.get(path.resolve(), data)
             for path, data in zip(staged, originals, strict=True)]
    verdicts_before = judge(originals)
    verdicts_after = judge(fixed)
    counts = {"files": len(staged), "fixed": len(changed), "accepted_after_refused": 0}
    for path, old, new in zip(staged, verdicts_before, verdicts_after, strict=True):
        key = str(path.resolve())
        if path.resolve() not in changed:
            continue
        if new.machine:
            continue
        if not new.accepted:
            assert after.get(key), f"{path}: the daemon refuses the fixed file ({new.message})"
            assert after[key] <= before.get(key, set()), f"{path}: a new refusal"
        elif not old.accepted and not old.machine:
            counts["accepted_after_refused"] += 1
    return counts


@pytest.mark.parametrize("mode", daemons.MODES)
def test_pppd_corpus_fixes(tmp_path: Path, mode: str) -> None:
    daemons.require_judges("pppd")
    staged = _stage(_load("pppd"), tmp_path, "options.xl2tpd")
    counts = _fix_and_judge(staged, tmp_path, "P1",
                            lambda contents: daemons.judge_pppd(contents, mode), mode)
    print(f"pppd corpus, {mode} mode: {counts}")
    assert counts["fixed"] > 100


def test_xl2tpd_corpus_fixes(tmp_path: Path) -> None:
    daemons.require_judges("xl2tpd")
    staged = _stage(_load("xl2tpd"), tmp_path, "xl2tpd.conf")
    counts = _fix_and_judge(staged, tmp_path, "X1", daemons.judge_xl2tpd)
    print(f"xl2tpd corpus: {counts}")
