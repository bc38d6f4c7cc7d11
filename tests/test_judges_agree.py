"""The X1xx/P1xx verdict agrees with the real xl2tpd and pppd.

The corpus files and thousands of generated mutations of them go to the
real daemons (tests/daemons.py) and to l2tp-lint; on every file that the
daemon does not refuse for a machine condition, both must say the same:
loaded, or refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

import daemons
import mutations
from conftest import corpus_files
from l2tp_lint import pppd_options, xl2tpd_conf  # noqa: F401
from l2tp_lint.checks import xl2tpd_load
from l2tp_lint.source import SourceText

MUTATIONS_PER_FORMAT = int(os.environ.get("L2TP_LINT_MUTATIONS", "2000"))
AGREEMENT = 0.995


def xl2tpd_refuses(data: bytes) -> bool:
    conf = xl2tpd_conf.parse(SourceText.from_bytes("<input>", data))
    return any(f.rule.startswith("X1") for f in xl2tpd_load.check(conf))


def pppd_refuses(mode: str) -> Callable[[bytes], bool]:
    from l2tp_lint.checks import pppd_load

    def refuses(data: bytes) -> bool:
        document = pppd_options.parse(SourceText.from_bytes("<input>", data))
        return any(f.rule.startswith("P1") for f in pppd_load.check(document, mode))
    return refuses


def disagreements(inputs: list[bytes], verdicts: list[daemons.Verdict],
                  refuses: Callable[[bytes], bool]) -> tuple[int, list[str]]:
    """Return how many inputs were judged and a description of each disagreement."""
    judged, problems = 0, []
    for data, verdict in zip(inputs, verdicts, strict=True):
        if verdict.machine:
            continue
        judged += 1
        if refuses(data) == verdict.accepted:
            problems.append(f"daemon {'loads' if verdict.accepted else 'refuses'}"
                            f" ({verdict.message[:200]!r}): {data[:300]!r}")
    return judged, problems


def _corpus(kind: str) -> list[bytes]:
    files = corpus_files(kind)
    if not files:
        pytest.skip("set L2TP_LINT_CORPUS to the public corpus folder")
    return [path.read_bytes() for path in files]


def test_xl2tpd_corpus_agrees() -> None:
    daemons.require_judges("xl2tpd")
    inputs = _corpus("xl2tpd")
    judged, problems = disagreements(inputs, daemons.judge_xl2tpd(inputs), xl2tpd_refuses)
    assert judged > 150
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode", daemons.MODES)
def test_pppd_corpus_agrees(mode: str) -> None:
    daemons.require_judges("pppd")
    inputs = _corpus("pppd")
    verdicts = daemons.judge_pppd(inputs, mode)
    judged, problems = disagreements(inputs, verdicts, pppd_refuses(mode))
    assert judged > 150
    assert not problems, "\n".join(problems)


def _report(name: str, judged: int, problems: list[str]) -> None:
    rate = 1 - len(problems) / judged
    summary = f"{name}: {judged} judged, {len(problems)} disagreements, {rate:.2%} agree"
    print(summary)
    for problem in problems:
        print("  " + problem)
    assert rate >= AGREEMENT, summary + "\n" + "\n".join(problems[:40])


def test_xl2tpd_mutations_agree() -> None:
    daemons.require_judges("xl2tpd")
    inputs = mutations.generate(_corpus("xl2tpd"), mutations.XL2TPD_MUTATIONS,
                                MUTATIONS_PER_FORMAT, seed=2)
    judged, problems = disagreements(inputs, daemons.judge_xl2tpd(inputs), xl2tpd_refuses)
    _report("xl2tpd", judged, problems)


@pytest.mark.parametrize("mode", daemons.MODES)
def test_pppd_mutations_agree(mode: str) -> None:
    daemons.require_judges("pppd")
    inputs = mutations.generate(_corpus("pppd"), mutations.PPPD_MUTATIONS,
                                MUTATIONS_PER_FORMAT, seed=3)
    verdicts = daemons.judge_pppd(inputs, mode)
    judged, problems = disagreements(inputs, verdicts, pppd_refuses(mode))
    _report(f"pppd {mode}", judged, problems)
