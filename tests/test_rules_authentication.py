"""The authentication rules (C601-C607, X608, X609) on setups beyond their doc examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_meta import run_example

from l2tp_lint import linter
from l2tp_lint.findings import Finding
from l2tp_lint.rules import Example

CONF = "etc/xl2tpd/xl2tpd.conf"
OPTIONS = "etc/ppp/options.xl2tpd"
CLIENT = "etc/ppp/options.l2tpd.client"
ECHO = "lcp-echo-interval 30\nlcp-echo-failure 4\n"


def lns_conf(*lines: str) -> str:
    """Return an xl2tpd.conf with one [lns default] and some extra lines."""
    body = ["ip range = 10.20.0.100-10.20.0.199", "local ip = 10.20.0.1",
            "pppoptfile = /etc/ppp/options.xl2tpd", *lines]
    return "[global]\nport = 1701\n\n[lns default]\n" + "\n".join(body) + "\n"


def lac_conf(*lines: str) -> str:
    """Return an xl2tpd.conf with one [lac office] and some extra lines."""
    body = ["lns = 203.0.113.10", "pppoptfile = /etc/ppp/options.l2tpd.client", *lines]
    return "[lac office]\n" + "\n".join(body) + "\n"


def lns(tmp_path: Path, options: str, *lines: str) -> list[str]:
    """Return the codes reported for an LNS setup."""
    return run_example(Example({CONF: lns_conf(*lines), OPTIONS: options + ECHO}), tmp_path)


def lac(tmp_path: Path, options: str, *lines: str) -> list[str]:
    """Return the codes reported for a LAC setup."""
    return run_example(Example({CONF: lac_conf(*lines), CLIENT: options + ECHO}), tmp_path)


def found(tmp_path: Path, example: Example, code: str) -> list[Finding]:
    """Return the findings of one rule for an example."""
    run_example(example, tmp_path)
    settings = linter.Settings(root=tmp_path if example.root else None, mode=example.mode)
    arguments = [] if example.root else [str(tmp_path)]
    return [f for f in linter.lint(arguments, settings) if f.rule == code]


# C601: an LNS whose peers need not authenticate

@pytest.mark.parametrize(("lines", "options"), [
    (["require authentication = yes"], ""),
    (["require auth = yes"], ""),
    ([], "auth\n"),
    ([], "require-mschap-v2\n"),
    ([], "+mschap-v2\n"),
    ([], "noauth\nrequire-mschap-v2\n"),
    (["require authentication = yes"], "noauth\nauth\n"),
])
def test_lns_that_authenticates_is_silent(tmp_path: Path, lines, options) -> None:
    assert "C601" not in lns(tmp_path, options, *lines)


@pytest.mark.parametrize(("lines", "options"), [
    ([], ""),
    (["Require Authentication = yes"], ""),
    (["require authentication = no"], ""),
    (["require chap = yes"], ""),
    ([], "auth\nnoauth\n"),
    (["require authentication = yes"], "require-mschap-v2\nnoauth\n"),
])
def test_lns_without_authentication_fires(tmp_path: Path, lines, options) -> None:
    assert "C601" in lns(tmp_path, options, *lines)


def test_noauth_names_what_it_cancels(tmp_path: Path) -> None:
    example = Example({CONF: lns_conf("require authentication = yes"),
                       OPTIONS: "require-mschap-v2\nnoauth\n"})
    [finding] = found(tmp_path, example, "C601")
    assert finding.path.endswith("options.xl2tpd") and finding.span.line == 2
    assert "after 'require-mschap-v2'" in finding.message


def test_capitalised_key_is_explained(tmp_path: Path) -> None:
    example = Example({CONF: lns_conf("Require Authentication = yes"), OPTIONS: ECHO})
    [finding] = found(tmp_path, example, "C601")
    assert "'require chap'" in finding.message


def test_system_options_count(tmp_path: Path) -> None:
    files = {CONF: lns_conf(), OPTIONS: ECHO, "etc/ppp/options": "auth\n"}
    assert "C601" not in run_example(Example(files), tmp_path)


def test_unreadable_options_file_is_skipped(tmp_path: Path) -> None:
    conf = lns_conf().replace("options.xl2tpd", "options.elsewhere")
    assert "C601" not in run_example(Example({CONF: conf}), tmp_path)


def test_lac_never_fires_c601(tmp_path: Path) -> None:
    assert "C601" not in lac(tmp_path, "noauth\n")
    assert "C601" not in run_example(Example({CONF: "[lac office]\nlns = 1.2.3.4\n"}), tmp_path)


# C602: weak protocols still allowed

@pytest.mark.parametrize(("lines", "options"), [
    (["require authentication = yes"], "require-mschap-v2\n"),
    ([], "require-mschap-v2\nrefuse-pap\nrefuse-chap\nrefuse-mschap\n"),
    ([], "noauth\n"),
    ([], ""),
])
def test_strong_or_no_authentication_is_silent_for_c602(tmp_path: Path, lines,
                                                        options) -> None:
    assert "C602" not in lns(tmp_path, options, *lines)


@pytest.mark.parametrize(("lines", "options"), [
    (["require authentication = yes"], ""),
    ([], "auth\n"),
    ([], "+pap\n"),
    ([], "require-mschap\nrequire-mschap-v2\n"),
    (["require authentication = yes", "require chap = yes"], "require-mschap-v2\n"),
    (["require authentication = yes", "unix authentication = yes"], ""),
])
def test_weak_protocols_fire(tmp_path: Path, lines, options) -> None:
    assert "C602" in lns(tmp_path, options, *lines)


def test_xl2tpd_require_chap_is_reported_on_its_line(tmp_path: Path) -> None:
    example = Example({CONF: lns_conf("require authentication = yes", "require chap = yes"),
                       OPTIONS: "require-mschap-v2\n" + ECHO})
    [finding] = found(tmp_path, example, "C602")
    assert finding.path.endswith("xl2tpd.conf") and finding.span.line == 9
    assert "CHAP-MD5" in finding.message and "offers MS-CHAPv2 first" in finding.message


def test_login_is_named(tmp_path: Path) -> None:
    example = Example({CONF: lns_conf("require authentication = yes",
                                      "unix authentication = yes"), OPTIONS: ECHO})
    [finding] = found(tmp_path, example, "C602")
    assert "'login'" in finding.message


# C603: a LAC that demands the server authenticate itself

@pytest.mark.parametrize(("lines", "options"), [
    (["require authentication = yes"], ""),
    ([], "auth\n"),
    ([], "require-mschap-v2\n"),
    ([], "noauth\n+chap\n"),
])
def test_client_demanding_authentication_fires(tmp_path: Path, lines, options) -> None:
    assert "C603" in lac(tmp_path, options, *lines)


@pytest.mark.parametrize(("lines", "options"), [
    ([], ""),
    ([], "noauth\n"),
    ([], "auth\nnoauth\n"),
    (["require authentication = yes"], "noauth\n"),
    (["require chap = yes", "refuse pap = yes"], ""),
])
def test_client_not_demanding_is_silent(tmp_path: Path, lines, options) -> None:
    assert "C603" not in lac(tmp_path, options, *lines)


def test_lns_never_fires_c603(tmp_path: Path) -> None:
    assert "C603" not in lns(tmp_path, "require-mschap-v2\n", "require authentication = yes")


# C604: debug logging

def test_ppp_debug_key_fires(tmp_path: Path) -> None:
    assert "C604" in lns(tmp_path, "require-mschap-v2\n", "ppp debug = yes")


def test_ppp_debug_no_is_silent(tmp_path: Path) -> None:
    assert "C604" not in lns(tmp_path, "require-mschap-v2\n", "ppp debug = no")


@pytest.mark.parametrize("text", ["debug\n", "-d\n", "noauth debug\n"])
def test_debug_in_a_lone_options_file_fires(tmp_path: Path, text: str) -> None:
    assert "C604" in run_example(Example({"options.l2tpd": text}), tmp_path)


def test_debug_in_a_comment_is_silent(tmp_path: Path) -> None:
    assert "C604" not in run_example(Example({"options.l2tpd": "# debug\nnoauth\n"}),
                                     tmp_path)


# P605: password in an options file

def test_password_fires_without_showing_it(tmp_path: Path) -> None:
    example = Example({"options.l2tpd": "user alice\npassword Tr0ub4dor\n"},
                      permissions={"options.l2tpd": 0o644})
    [finding] = found(tmp_path, example, "P605")
    assert "Tr0ub4dor" not in finding.message
    assert "0644" in finding.message and "other users can read" in finding.message


def test_private_file_gets_milder_wording(tmp_path: Path) -> None:
    example = Example({"options.l2tpd": "password Tr0ub4dor\n"},
                      permissions={"options.l2tpd": 0o600})
    [finding] = found(tmp_path, example, "P605")
    assert "other users can read" not in finding.message and "Tr0ub4dor" not in finding.message


@pytest.mark.parametrize("text", ["user alice\n", "# password x\n", "hide-password\n"])
def test_no_password_is_silent(tmp_path: Path, text: str) -> None:
    assert "P605" not in run_example(Example({"options.l2tpd": text}), tmp_path)


# C606: secrets file permissions (only under --root)

def _secrets(name: str, mode: int, conf: str | None = None, root: bool = True) -> Example:
    files = {CONF: conf or lns_conf("require authentication = yes"),
             OPTIONS: "require-mschap-v2\n" + ECHO, name: "alice * Tr0ub4dor *\n"}
    return Example(files, root=root, permissions={name: mode})


@pytest.mark.parametrize(("name", "mode"), [
    ("etc/ppp/chap-secrets", 0o644), ("etc/ppp/chap-secrets", 0o640),
    ("etc/ppp/pap-secrets", 0o604), ("etc/xl2tpd/l2tp-secrets", 0o644),
])
def test_open_secrets_fire(tmp_path: Path, name: str, mode: int) -> None:
    findings = found(tmp_path, _secrets(name, mode), "C606")
    assert len(findings) == 1 and "Tr0ub4dor" not in findings[0].message
    assert f"{mode:04o}" in findings[0].message


@pytest.mark.parametrize("mode", [0o600, 0o400])
def test_closed_secrets_are_silent(tmp_path: Path, mode: int) -> None:
    assert "C606" not in run_example(_secrets("etc/ppp/chap-secrets", mode), tmp_path)


def test_auth_file_key_is_followed(tmp_path: Path) -> None:
    conf = "[global]\nauth file = /etc/l2tp/secrets\n\n" + lns_conf().split("\n\n", 1)[1]
    findings = found(tmp_path, _secrets("etc/l2tp/secrets", 0o644, conf), "C606")
    assert len(findings) == 1 and "/etc/l2tp/secrets" in findings[0].message


def test_secrets_are_not_judged_without_root(tmp_path: Path) -> None:
    example = _secrets("etc/ppp/chap-secrets", 0o644, root=False)
    assert "C606" not in run_example(example, tmp_path)


# C607: ipcp-accept-remote on an LNS

def test_accept_remote_on_lns_fires(tmp_path: Path) -> None:
    assert "C607" in lns(tmp_path, "require-mschap-v2\nipcp-accept-remote\n")


def test_accept_remote_without_pool_is_silent(tmp_path: Path) -> None:
    assert "C607" not in lns(tmp_path, "require-mschap-v2\nipcp-accept-remote\n",
                             "assign ip = no")


def test_accept_remote_on_lac_is_silent(tmp_path: Path) -> None:
    assert "C607" not in lac(tmp_path, "noauth\nipcp-accept-remote\n")


# X608: key spelling that changes meaning

@pytest.mark.parametrize(("line", "says"), [
    ("Require Authentication = yes", "'require chap'"),
    ("REQUIRE AUTH = yes", "'require chap'"),
    ("Refuse PAP = yes", "'refuse chap'"),
    ("REFUSE CHAP = yes", "'require chap'"),
    ("Require PAP = yes", "'require chap'"),
    ("No lac = 192.0.2.1", "allow rule"),
    ("No IP range = 10.20.0.150", "added to the pool"),
    ("Tunnel RWS = 8", "ignores"),
    ("TX bps = 100000", "both speeds"),
    ("RX bps = 100000", "both speeds"),
])
def test_meaning_changing_spelling_fires(tmp_path: Path, line: str, says: str) -> None:
    example = Example({CONF: lns_conf(line), OPTIONS: "require-mschap-v2\n" + ECHO})
    [finding] = found(tmp_path, example, "X608")
    assert says in finding.message


@pytest.mark.parametrize("line", [
    "require authentication = yes", "Require auth = yes", "Refuse pap = yes",
    "refuse CHAP = yes", "no lac = 192.0.2.1", "tunnel RWS = 8", "Call RWS = 8",
    "tx BPS = 100000", "Bps = 100000",
])
def test_harmless_spelling_is_silent(tmp_path: Path, line: str) -> None:
    assert "X608" not in lns(tmp_path, "require-mschap-v2\n", line)


def test_lac_spelling_is_checked_too(tmp_path: Path) -> None:
    assert "X608" in lac(tmp_path, "noauth\n", "Refuse PAP = yes")


# X609: '%' in name or pppoptfile

@pytest.mark.parametrize("line", ["name = 100%sure", "name = vpn%n",
                                  "pppoptfile = /etc/ppp/options.%d"])
def test_percent_fires(tmp_path: Path, line: str) -> None:
    assert "X609" in lns(tmp_path, "require-mschap-v2\n", line)


@pytest.mark.parametrize("line", ["name = vpnserver", "hostname = 100%sure"])
def test_no_percent_is_silent(tmp_path: Path, line: str) -> None:
    assert "X609" not in lns(tmp_path, "require-mschap-v2\n", line)
