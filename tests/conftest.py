"""Shared test fixtures: the real-world corpus and small helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS_VARIABLE = "L2TP_LINT_CORPUS"


def corpus_root() -> Path | None:
    """Return the public corpus folder named by the environment, if any."""
    value = os.environ.get(CORPUS_VARIABLE)
    return Path(value) if value and Path(value).is_dir() else None


def corpus_files(kind: str) -> list[Path]:
    """Return the corpus files of one kind ('xl2tpd', 'pppd', 'ipsec')."""
    root = corpus_root()
    return sorted((root / kind).iterdir()) if root else []


@pytest.fixture
def corpus() -> Path:
    """The corpus folder; the test skips when it is not configured."""
    root = corpus_root()
    if root is None:
        pytest.skip(f"set {CORPUS_VARIABLE} to the public corpus folder")
    return root
