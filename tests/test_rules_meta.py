"""Every rule documents itself, and its bad example fires while its good one is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from l2tp_lint import linter
from l2tp_lint.rules import Example, registry

RULES = list(registry().values())


def run_example(example: Example, folder: Path) -> list[str]:
    """Write an example's files under ``folder`` and return the codes reported."""
    for relative, text in example.files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("latin-1"))
    for relative, mode in example.permissions.items():
        (folder / relative).chmod(mode)
    settings = linter.Settings(root=folder if example.root else None, mode=example.mode)
    if example.max_file_size is not None:
        settings.max_file_size = example.max_file_size
    arguments = [] if example.root else [str(folder)]
    return [finding.rule for finding in linter.lint(arguments, settings)]


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_bad_example_fires(rule, tmp_path: Path) -> None:
    assert rule.code in run_example(rule.doc.bad, tmp_path)


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_good_example_is_silent(rule, tmp_path: Path) -> None:
    assert rule.code not in run_example(rule.doc.good, tmp_path)


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rule_is_documented(rule) -> None:
    assert rule.name and rule.summary and rule.doc.why and rule.doc.fix
    assert not rule.summary[0].isupper() and not rule.summary.endswith(".")
    assert rule.looks_at in ("xl2tpd.conf", "pppd options", "setup", "comments")


def test_codes_are_unique_and_follow_the_scheme() -> None:
    import re

    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[XPCL][1-9]\d\d", code) for code in codes)
