"""`l2tp-lint mtu` prints budgets that agree with an independent byte count."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from l2tp_lint.cli import cli
from test_overhead import wire_length

PROPOSALS = {  # as written -> (cipher, integrity) in the byte counter's names
    "aes256-sha2_512": ("aes-cbc", "sha2-512-256"),
    "aes128-sha1": ("aes-cbc", "sha1-96"),
    "aes128gcm16": ("aes-gcm-16", "none"),
    "3des-md5": ("3des-cbc", "md5-96"),
    "chacha20poly1305": ("chacha20-poly1305", "none"),
}
PATHS = [576, 1280, 1400, 1454, 1492, 1500, 4000, 9000]


def budgets(output: str) -> tuple[int, int]:
    mtu = re.search(r"^mtu (\d+): ", output, re.M)
    mru = re.search(r"^mru (\d+): ", output, re.M)
    assert mtu and mru, output
    return int(mtu.group(1)), int(mru.group(1))


def edge(size: int, path: int, outer: str, natt: bool, algorithms: tuple[str, str],
         l2tp: int) -> bool:
    """True when ``size`` fits and one byte more does not."""
    cipher, integrity = algorithms
    fits = wire_length(size, outer, natt, cipher, integrity, l2tp) <= path
    return fits and wire_length(size + 1, outer, natt, cipher, integrity, l2tp) > path


@pytest.mark.parametrize("written", PROPOSALS)
@pytest.mark.parametrize("outer", ["ipv4", "ipv6"])
@pytest.mark.parametrize("natt", [True, False])
def test_mtu_command_matches_the_byte_count(written: str, outer: str, natt: bool) -> None:
    runner = CliRunner()
    for path in PATHS:
        arguments = ["mtu", "--path-mtu", str(path), "--outer", outer, "--esp", written]
        result = runner.invoke(cli, arguments + ([] if natt else ["--no-natt"]))
        assert result.exit_code == 0, result.output
        mtu, mru = budgets(result.output)
        assert edge(mtu, path, outer, natt, PROPOSALS[written], 6)
        assert edge(mru, path, outer, natt, PROPOSALS[written], 12)


def test_sequencing_uses_the_longer_header() -> None:
    result = CliRunner().invoke(cli, ["mtu", "--esp", "aes256-sha2_512", "--seq"])
    mtu, _ = budgets(result.output)
    assert edge(mtu, 1500, "ipv4", True, PROPOSALS["aes256-sha2_512"], 10)


def test_bad_proposal_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["mtu", "--esp", "rot13-crc"])
    assert result.exit_code == 2 and "--esp" in result.output
