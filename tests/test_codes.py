"""Finding codes are documented, consistent, and used as declared."""

from __future__ import annotations

import re
from pathlib import Path

from l2tp_lint.codes import CODES, markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_lists_every_code() -> None:
    assert markdown_table() in README.read_text(encoding="utf-8")


def test_codes_follow_the_scheme() -> None:
    for name, code in CODES.items():
        assert re.fullmatch(r"[XPC][1-9]\d\d", name)
        assert code.code == name and code.summary and code.name


def test_every_emitted_code_is_declared() -> None:
    package = Path(__file__).resolve().parent.parent / "l2tp_lint"
    emitted = set()
    for source in package.rglob("*.py"):
        emitted |= set(re.findall(r'"([XPC]\d{3})"', source.read_text(encoding="utf-8")))
    assert emitted <= set(CODES), emitted - set(CODES)
