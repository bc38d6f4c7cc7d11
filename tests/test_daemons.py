"""Tests of the real-daemon judges in daemons.py."""

from __future__ import annotations

import pytest

import daemons
from daemons import Verdict

XL2TPD_CASES = {
    "good": (
        b"[global]\nport = 1701\n\n"
        b"[lns default]\nip range = 10.9.0.10-10.9.0.20\nlocal ip = 10.9.0.1\n"
    ),
    "unknown_field": b"[global]\nbogus key = 1\n",
    "template": b"[global]\nlisten-addr = $IP\n",
    "no_context": b"port = 1701\n",
    "echo_marker": b"[global]\nListening on IP address 1.2.3.4, port 5 = x\n",
    "bind": b"[global]\nlisten-addr = 192.0.2.1\n",
    "dns": b"[global]\nlisten-addr = vpn.example.com\n",
    "autodial": b"[lac out]\nlns = 127.0.0.1\nautodial = yes\n",
}

PPPD_CASES = {
    "good": b"# comment\nrequire-mschap-v2\nms-dns 8.8.8.8\nmtu 1410\nmru 1410\nname l2tpd\n",
    "tty_only": b"noauth\ncrtscts\nlock\n",
    "seq": b"pppol2tp_send_seq\n",
    "unknown": b"noauth\nbogus-option\n",
    "missing_arg": b"name",
    "range": b"mtu 10\n",
    "missing_file": b"file /etc/ppp/options.l2tpd.client\n",
    "dns": b"10.9.0.1:vpn.example.com\n",
}


@pytest.fixture(scope="module")
def xl2tpd_verdicts() -> dict[str, Verdict]:
    """All xl2tpd cases judged in one batch."""
    daemons.require_judges("xl2tpd")
    verdicts = daemons.judge_xl2tpd(list(XL2TPD_CASES.values()))
    return dict(zip(XL2TPD_CASES, verdicts, strict=True))


@pytest.fixture(scope="module", params=daemons.MODES)
def pppd_verdicts(request: pytest.FixtureRequest) -> tuple[str, dict[str, Verdict]]:
    """All pppd cases judged in one batch per mode."""
    daemons.require_judges("pppd")
    mode = request.param
    verdicts = daemons.judge_pppd(list(PPPD_CASES.values()), mode)
    return mode, dict(zip(PPPD_CASES, verdicts, strict=True))


def test_xl2tpd_accepts_good_file(xl2tpd_verdicts: dict[str, Verdict]) -> None:
    """A plain LNS config is loaded."""
    assert xl2tpd_verdicts["good"] == Verdict(True, False, "", 0)


@pytest.mark.parametrize("case", ["unknown_field", "template", "no_context", "echo_marker"])
def test_xl2tpd_refuses_bad_file(xl2tpd_verdicts: dict[str, Verdict], case: str) -> None:
    """Parse errors are real refusals with xl2tpd's message and exit status 1."""
    verdict = xl2tpd_verdicts[case]
    assert (verdict.accepted, verdict.machine, verdict.returncode) == (False, False, 1)
    assert "parse_config: line" in verdict.message
    assert "init: Unable to load config file" in verdict.message


def test_xl2tpd_machine_refusals(xl2tpd_verdicts: dict[str, Verdict]) -> None:
    """A bind failure and an unresolvable well-formed host name are the machine's fault."""
    for case in ("bind", "dns"):
        verdict = xl2tpd_verdicts[case]
        assert (verdict.accepted, verdict.machine) == (False, True), case
    assert "Unable to bind socket" in xl2tpd_verdicts["bind"].message


def test_xl2tpd_autodial_is_accepted(xl2tpd_verdicts: dict[str, Verdict]) -> None:
    """A LAC that dials at start-up is still judged on its config alone."""
    assert xl2tpd_verdicts["autodial"].accepted


def test_pppd_accepts_good_file(pppd_verdicts: tuple[str, dict[str, Verdict]]) -> None:
    """A typical options.xl2tpd is accepted in both modes."""
    _, verdicts = pppd_verdicts
    assert verdicts["good"] == Verdict(True, False, "", 0)


def test_pppd_channel_options(pppd_verdicts: tuple[str, dict[str, Verdict]]) -> None:
    """tty-only options fail only in kernel mode; pppol2tp_* only in userspace mode."""
    mode, verdicts = pppd_verdicts
    refused = "tty_only" if mode == "kernel" else "seq"
    accepted = "seq" if mode == "kernel" else "tty_only"
    assert verdicts[accepted].accepted
    verdict = verdicts[refused]
    assert (verdict.accepted, verdict.machine, verdict.returncode) == (False, False, 2)
    assert "In file <input>: unrecognized option" in verdict.message


@pytest.mark.parametrize(
    ("case", "text"),
    [
        ("unknown", "In file <input>: unrecognized option 'bogus-option'"),
        ("missing_arg", "In file <input>: too few parameters for option 'name'"),
        ("range", "mtu value must be between 128 and 16384"),
    ],
)
def test_pppd_refuses_bad_file(
    pppd_verdicts: tuple[str, dict[str, Verdict]], case: str, text: str
) -> None:
    """Option errors are real refusals with exit status 2."""
    _, verdicts = pppd_verdicts
    assert verdicts[case] == Verdict(False, False, text, 2)


def test_pppd_machine_refusals(pppd_verdicts: tuple[str, dict[str, Verdict]]) -> None:
    """A missing included file and an unresolvable host name are the machine's fault."""
    _, verdicts = pppd_verdicts
    for case in ("missing_file", "dns"):
        assert (verdicts[case].accepted, verdicts[case].machine) == (False, True), case


def test_pppd_dryrun_options_lists_file_options() -> None:
    """The dry run shows options from the file with their source."""
    daemons.require_judges("pppd")
    output = daemons.pppd_dryrun_options(b"mtu 1400\nlogfile /var/log/xl2tpd.log\n", "kernel")
    assert "pppd options in effect:" in output
    assert "mtu 1400\t\t# (from <input>)" in output
    assert "pppol2tp_session_id 1" in output


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("vpn.example.com", True),
        ("vpn.example.com.", True),
        ("your.external.ip.addr", True),
        ("IPADDR", True),
        ("ms-dns", True),
        ("$IP", False),
        ("<ip>", False),
        ("{{ x }}", False),
        ("", False),
        ("10.0.0.300", False),
        ("my_host", True),
        ("192.168.1.254  #lan", False),
    ],
)
def test_well_formed_hostname(name: str, expected: bool) -> None:
    """Only names a resolver could answer count as a machine condition."""
    assert daemons.well_formed_hostname(name) is expected


def test_classify_pppd_recursion_is_real() -> None:
    """A file that includes itself runs out of descriptors: the text's fault."""
    loop = "pppd: Can't open options file /x: Too many open files\n"
    missing = "pppd: Can't open options file /x: No such file or directory\n"
    assert not daemons.classify_pppd("kernel", 2, loop).machine
    assert daemons.classify_pppd("kernel", 2, missing).machine


def test_require_judges_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing judge skips locally and fails when CI is set."""
    monkeypatch.setattr(daemons, "unavailable_reason", lambda daemon: "gone")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        daemons.require_judges("pppd")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        daemons.require_judges("pppd")
