"""The rules about keys that do nothing (X801, X802)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_meta import run_example

from l2tp_lint import linter
from l2tp_lint.findings import Finding, Severity
from l2tp_lint.rules import Example

CONF = "etc/xl2tpd/xl2tpd.conf"


def conf(global_lines: list[str], lns_lines: list[str]) -> str:
    """Return an xl2tpd.conf with a [global] and an [lns default] section."""
    return ("[global]\n" + "".join(f"{line}\n" for line in global_lines)
            + "\n[lns default]\nip range = 10.20.0.100-10.20.0.199\n"
            + "".join(f"{line}\n" for line in lns_lines))


def found(tmp_path: Path, text: str, code: str) -> list[Finding]:
    """Return the findings of one rule for an xl2tpd.conf."""
    run_example(Example({CONF: text}), tmp_path)
    return [f for f in linter.lint([str(tmp_path)], linter.Settings()) if f.rule == code]


@pytest.mark.parametrize(("global_lines", "lns_lines", "key"), [
    ([], ["flow bit = yes"], "flow bit"),
    ([], ["flow bit = no"], "flow bit"),
    ([], ["Flow Bit = yes"], "Flow Bit"),
    ([], ["call rws = 8"], "call rws"),
    ([], ["exclusive = yes"], "exclusive"),
    (["cap backoff = 10"], [], "cap backoff"),
])
def test_keys_without_effect_are_named(tmp_path: Path, global_lines, lns_lines,
                                       key: str) -> None:
    [finding] = found(tmp_path, conf(global_lines, lns_lines), "X801")
    assert finding.severity == Severity.INFO and f"'{key}'" in finding.message


def test_lac_keys_without_effect_fire(tmp_path: Path) -> None:
    text = "[lac office]\nlns = 203.0.113.10\nflow bit = yes\ncall rws = 4\n"
    assert len(found(tmp_path, text, "X801")) == 2


@pytest.mark.parametrize("lns_lines", [[], ["tunnel rws = 8", "length bit = yes"]])
def test_keys_with_effect_are_silent(tmp_path: Path, lns_lines: list[str]) -> None:
    assert "X801" not in run_example(Example({CONF: conf(["max retries = 5"], lns_lines)}),
                                     tmp_path)


@pytest.mark.parametrize("value", ["yes", "Y", "true"])
def test_hidden_bit_on_fires(tmp_path: Path, value: str) -> None:
    [finding] = found(tmp_path, conf([], [f"hidden bit = {value}"]), "X802")
    assert finding.severity == Severity.WARNING and "Random Vector" in finding.message


@pytest.mark.parametrize("lns_lines", [[], ["hidden bit = no"]])
def test_hidden_bit_off_is_silent(tmp_path: Path, lns_lines: list[str]) -> None:
    assert "X802" not in run_example(Example({CONF: conf([], lns_lines)}), tmp_path)
