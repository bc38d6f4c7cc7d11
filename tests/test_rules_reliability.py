"""The reliability rules (C701, X702-X708) on setups beyond their doc examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_meta import run_example

from l2tp_lint import linter
from l2tp_lint.findings import Finding, Severity
from l2tp_lint.rules import Example

CONF = "etc/xl2tpd/xl2tpd.conf"
OPTIONS = "etc/ppp/options.xl2tpd"
AUTH = "require-mschap-v2\n"
ECHO = "lcp-echo-interval 30\nlcp-echo-failure 4\n"


def section(header: str, *lines: str) -> str:
    """Return one section of xl2tpd.conf."""
    return "\n".join([header, *lines]) + "\n\n"


def lns_conf(*lines: str, pool: str = "ip range = 10.20.0.100-10.20.0.199") -> str:
    """Return an xl2tpd.conf with one [lns default]."""
    body = [pool, "local ip = 10.20.0.1", "pppoptfile = /etc/ppp/options.xl2tpd", *lines]
    return section("[global]", "port = 1701") + section("[lns default]", *body)


def codes(tmp_path: Path, conf: str, options: str = AUTH + ECHO, **more: str) -> list[str]:
    """Return the codes reported for a setup."""
    files = {CONF: conf, OPTIONS: options, **more}
    return run_example(Example(files), tmp_path)


def found(tmp_path: Path, conf: str, code: str, options: str = AUTH + ECHO) -> list[Finding]:
    """Return the findings of one rule for a setup."""
    run_example(Example({CONF: conf, OPTIONS: options}), tmp_path)
    return [f for f in linter.lint([str(tmp_path)], linter.Settings()) if f.rule == code]


# C701: LCP echo

@pytest.mark.parametrize("options", [
    AUTH + ECHO, AUTH + "lcp-echo-failure 4\nlcp-echo-interval 10\n",
])
def test_echo_in_effect_is_silent(tmp_path: Path, options: str) -> None:
    assert "C701" not in codes(tmp_path, lns_conf(), options)


@pytest.mark.parametrize(("options", "line"), [
    (AUTH, 1),
    (AUTH + "lcp-echo-interval 30\n", 2),
    (AUTH + "lcp-echo-failure 4\n", 2),
    (AUTH + "lcp-echo-interval 0\nlcp-echo-failure 4\n", 3),
    (AUTH + ECHO + "lcp-echo-interval 0\n", 3),
])
def test_missing_or_half_echo_fires(tmp_path: Path, options: str, line: int) -> None:
    [finding] = found(tmp_path, lns_conf(), "C701", options)
    assert finding.span.line == line


def test_system_options_count_for_echo(tmp_path: Path) -> None:
    assert "C701" not in codes(tmp_path, lns_conf(), AUTH, **{"etc/ppp/options": ECHO})


def test_unreadable_options_file_is_skipped_for_echo(tmp_path: Path) -> None:
    conf = lns_conf().replace("options.xl2tpd", "options.elsewhere")
    assert "C701" not in run_example(Example({CONF: conf}), tmp_path)


def test_lac_without_echo_fires(tmp_path: Path) -> None:
    conf = section("[lac office]", "lns = 203.0.113.10")
    assert "C701" in run_example(Example({CONF: conf}), tmp_path)


def test_huge_max_retries_is_named(tmp_path: Path) -> None:
    conf = lns_conf().replace("port = 1701", "max retries = 1000000000")
    [finding] = found(tmp_path, conf, "C701", AUTH)
    assert "in practice never" in finding.message


# X702: no pool

@pytest.mark.parametrize("pool", ["", "no ip range = 10.20.0.100-10.20.0.199"])
def test_lns_without_pool_fires(tmp_path: Path, pool: str) -> None:
    assert "X702" in codes(tmp_path, lns_conf(pool=pool))


@pytest.mark.parametrize(("pool", "lines"), [
    ("", ["assign ip = no"]),
    ("ip range = 10.20.0.100", []),
    ("No ip range = 10.20.0.100-10.20.0.199", []),
])
def test_lns_with_pool_or_without_assignment_is_silent(tmp_path: Path, pool: str,
                                                       lines: list[str]) -> None:
    assert "X702" not in codes(tmp_path, lns_conf(*lines, pool=pool))


def test_lac_needs_no_pool(tmp_path: Path) -> None:
    conf = section("[lac office]", "lns = 203.0.113.10")
    assert "X702" not in run_example(Example({CONF: conf}), tmp_path)


# X703: local ip in a pool

def test_local_ip_in_own_pool_fires(tmp_path: Path) -> None:
    conf = lns_conf().replace("local ip = 10.20.0.1", "local ip = 10.20.0.150")
    [finding] = found(tmp_path, conf, "X703")
    assert "this section's pool" in finding.message


@pytest.mark.parametrize("lines", [
    [], ["no ip range = 10.20.0.150"],
])
def test_local_ip_outside_or_excluded_is_silent(tmp_path: Path, lines: list[str]) -> None:
    conf = lns_conf(*lines)
    if lines:
        conf = conf.replace("local ip = 10.20.0.1", "local ip = 10.20.0.150")
    assert "X703" not in codes(tmp_path, conf)


def test_local_ip_in_other_sections_pool_fires(tmp_path: Path) -> None:
    conf = lns_conf() + section("[lns partners]", "lac = 203.0.113.0-203.0.113.255",
                                "ip range = 10.20.0.1-10.20.0.50", "local ip = 10.20.1.1")
    [finding] = found(tmp_path, conf, "X703")
    assert "[lns partners]" in finding.message


def test_local_ip_as_host_name_is_skipped(tmp_path: Path) -> None:
    conf = lns_conf().replace("local ip = 10.20.0.1", "local ip = vpn.example.org")
    assert "X703" not in codes(tmp_path, conf)


# X704: overlapping pools

def _two(first: str, second: str, *extra: str) -> str:
    return (section("[lns office]", "lac = 198.51.100.0-198.51.100.255", first)
            + section("[lns partners]", "lac = 203.0.113.0-203.0.113.255", second, *extra))


def test_overlapping_pools_fire(tmp_path: Path) -> None:
    conf = _two("ip range = 10.0.0.10-10.0.0.50", "ip range = 10.0.0.40-10.0.0.90")
    [finding] = found(tmp_path, conf, "X704")
    assert "10.0.0.40-10.0.0.50" in finding.message


@pytest.mark.parametrize("extra", [[], ["assign ip = no"]])
def test_disjoint_or_unused_pools_are_silent(tmp_path: Path, extra: list[str]) -> None:
    second = "ip range = 10.0.0.60-10.0.0.90" if not extra else "ip range = 10.0.0.40"
    conf = _two("ip range = 10.0.0.10-10.0.0.50", second, *extra)
    assert "X704" not in run_example(Example({CONF: conf}), tmp_path)


# X705: 'no ip range' that empties the pool or changes nothing

@pytest.mark.parametrize(("pool", "says"), [
    ("no ip range = 10.20.0.150\nip range = 10.20.0.100-10.20.0.199", "comes before"),
    ("ip range = 10.20.0.100-10.20.0.199\nno ip range = 10.20.0.0-10.20.0.255",
     "every address"),
    ("ip range = 10.20.0.100-10.20.0.199\nno ip range = 10.20.0.150\n"
     "ip range = 10.20.0.140-10.20.0.160", "adds its addresses back"),
])
def test_ineffective_exclusion_fires(tmp_path: Path, pool: str, says: str) -> None:
    [finding] = found(tmp_path, lns_conf(pool=pool), "X705")
    assert says in finding.message


@pytest.mark.parametrize("pool", [
    "ip range = 10.20.0.100-10.20.0.199\nno ip range = 10.20.0.150",
    "ip range = 10.20.0.100-10.20.0.199\nno ip range = 10.20.0.1",
    "ip range = 10.20.0.100-10.20.0.199\nno ip range = 10.20.0.150\n"
    "no ip range = 10.20.0.150",
])
def test_working_or_harmless_exclusion_is_silent(tmp_path: Path, pool: str) -> None:
    assert "X705" not in codes(tmp_path, lns_conf(pool=pool))


# X706: an [lns] that is never chosen

def _named(*lines: str, default: bool = False, header: str = "[lns office]") -> str:
    conf = section(header, "ip range = 10.0.0.10-10.0.0.50", *lines)
    if default:
        conf += section("[lns default]", "ip range = 10.0.1.10-10.0.1.50")
    return conf


def test_named_lns_without_lac_and_default_is_an_error(tmp_path: Path) -> None:
    [finding] = found(tmp_path, _named(), "X706")
    assert finding.severity == Severity.ERROR and "every tunnel is refused" in finding.message


def test_named_lns_without_lac_beside_default_is_a_warning(tmp_path: Path) -> None:
    [finding] = found(tmp_path, _named(default=True), "X706")
    assert finding.severity == Severity.WARNING and "[lns default]" in finding.message


@pytest.mark.parametrize(("lines", "header"), [
    (["no lac = 192.0.2.1"], "[lns office]"), ([], "[lns]"),
])
def test_deny_only_or_unnamed_lns_fires(tmp_path: Path, lines: list[str], header: str) -> None:
    assert "X706" in run_example(Example({CONF: _named(*lines, header=header)}), tmp_path)


@pytest.mark.parametrize("lines", [["lac = 192.0.2.0-192.0.2.255"], ["No lac = 192.0.2.1"]])
def test_lns_with_allow_rule_is_silent(tmp_path: Path, lines: list[str]) -> None:
    assert "X706" not in run_example(Example({CONF: _named(*lines)}), tmp_path)


def test_default_alone_is_silent(tmp_path: Path) -> None:
    assert "X706" not in codes(tmp_path, lns_conf())


# X707: values of 100 bytes or more

@pytest.mark.parametrize("line", ["name = " + "n" * 100, "hostname = " + "h" * 150,
                                  "pppoptfile = /" + "p" * 120])
def test_long_values_fire(tmp_path: Path, line: str) -> None:
    assert "X707" in codes(tmp_path, lns_conf(line))


def test_long_lns_host_fires(tmp_path: Path) -> None:
    conf = section("[lac office]", "lns = " + "a" * 100 + ".example.org:1701")
    assert "X707" in run_example(Example({CONF: conf}), tmp_path)


@pytest.mark.parametrize("line", ["name = " + "n" * 99, "hostname = vpn"])
def test_short_values_are_silent(tmp_path: Path, line: str) -> None:
    assert "X707" not in codes(tmp_path, lns_conf(line))


# X708: port

@pytest.mark.parametrize(("value", "says"), [
    ("abc", "reads as 0"), ("0", "reads as 0"), ("70000", "UDP 4464"), ("-5", "ignores"),
])
def test_bad_port_fires(tmp_path: Path, value: str, says: str) -> None:
    conf = lns_conf().replace("port = 1701", f"port = {value}")
    [finding] = found(tmp_path, conf, "X708")
    assert says in finding.message


@pytest.mark.parametrize("value", ["1701", "65535", "1", "1701abc"])
def test_good_port_is_silent(tmp_path: Path, value: str) -> None:
    assert "X708" not in codes(tmp_path, lns_conf().replace("port = 1701", f"port = {value}"))
