"""Rule codes are documented in the README and used as declared."""

from __future__ import annotations

import re
from pathlib import Path

from l2tp_lint.rules import registry
from l2tp_lint.rules.docs import markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_lists_every_rule() -> None:
    assert markdown_table() in README.read_text(encoding="utf-8"), (
        "README's rule table is stale: paste l2tp_lint.rules.docs.markdown_table()")


def test_every_emitted_code_is_a_rule() -> None:
    package = Path(__file__).resolve().parent.parent / "l2tp_lint"
    emitted = set()
    for source in package.rglob("*.py"):
        emitted |= set(re.findall(r'"([XPCL]\d{3})"', source.read_text(encoding="utf-8")))
    assert emitted <= set(registry()), emitted - set(registry())
