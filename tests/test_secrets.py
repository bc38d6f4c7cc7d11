"""Secrets planted in a setup never show up in anything the CLI prints.

A pppd 'password', the file '+ua' names, chap-secrets and pap-secrets, the
xl2tpd 'auth file' and an ipsec.secrets PSK sit in the setup; every report
format that 'check --help' and 'setup --help' list (read at run time, so new
formats are covered when they appear), stderr and '-v' logging are scanned
for them.  A diff or fixed text on stdout is the user's own file, asked for, and
may show its lines.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PASSWORD = "PppdPasswordValue-4d7e"
NUL_PASSWORD = "NulCutPassword-0b3c"
UA_SECRET = "UaFilePassword-8f21"
CHAP_SECRET = "ChapSecretValue-55a9"
PAP_SECRET = "PapSecretValue-c30e"
TUNNEL_SECRET = "TunnelSecretValue-19bd"
PSK = "IpsecPskValue-e6f0"
SWANCTL_SECRET = "SwanctlSecretValue-7a42"
FILE_SECRETS = [UA_SECRET, CHAP_SECRET, PAP_SECRET, TUNNEL_SECRET, PSK, SWANCTL_SECRET]
ALL_SECRETS = [PASSWORD, NUL_PASSWORD, *FILE_SECRETS]

XL2TPD_CONF = """\
[global]
auth file = /etc/xl2tpd/l2tp-secrets

[lns default]
ip range = 10.0.0.2-10.0.0.9
local ip = 10.0.0.1
require authentication = yes
challenge = yes
pppoptfile = /etc/ppp/options.xl2tpd
"""
OPTIONS = f"""\
require-mschap-v2
name vpnuser
password {PASSWORD}
+ua /etc/ppp/ua-credentials
crtscts
mtu 1600
"""


def plant(folder: Path, nul_password: bool = False) -> None:
    """Write a setup with a secret in every place one is kept, as a copy of /etc."""
    files = {
        "etc/xl2tpd/xl2tpd.conf": XL2TPD_CONF,
        "etc/ppp/options.xl2tpd": OPTIONS,
        "etc/ppp/ua-credentials": f"vpnuser\n{UA_SECRET}\n",
        "etc/ppp/chap-secrets": f'vpnuser * "{CHAP_SECRET}" *\n',
        "etc/ppp/pap-secrets": f"vpnuser * {PAP_SECRET} *\n",
        "etc/xl2tpd/l2tp-secrets": f"* * {TUNNEL_SECRET}\n",
        "etc/ipsec.secrets": f'%any %any : PSK "{PSK}"\n',
        "etc/ipsec.conf": "conn l2tp\n\tauthby=secret\n\ttype=transport\n\tauto=add\n",
        "etc/swanctl/swanctl.conf": "secrets {\n  ike-l2tp {\n"
                                    f'    secret = "{SWANCTL_SECRET}"\n  }}\n}}\n',
        "etc/xl2tpd/ipsec.secrets": f": PSK {PSK}\n",
    }
    if nul_password:
        files["etc/ppp/options.xl2tpd"] += f"password {NUL_PASSWORD}\0tail\n"
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())
        path.chmod(0o644)  # readable by all, so the permission rule (C606) looks at each


def cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI from '/' and capture its output."""
    return subprocess.run([sys.executable, "-m", "l2tp_lint", *arguments], cwd="/",
                          capture_output=True, text=True, errors="replace", timeout=120,
                          check=False)


def formats(command: str) -> list[str]:
    """Return the report formats a command offers, as its --help lists them."""
    found = re.search(r"--format \[([\w|-]+)\]", cli(command, "--help").stdout)
    assert found, f"'{command} --help' lists no formats"
    return found.group(1).split("|")


def has_option(command: str, option: str) -> bool:
    """Tell whether a command's --help offers an option."""
    return re.search(rf"{re.escape(option)}\b", cli(command, "--help").stdout) is not None


def leaks(result: subprocess.CompletedProcess[str], secrets: list[str]) -> list[str]:
    """Return the secrets found in a run's stdout or stderr."""
    return [s for s in secrets if s in result.stdout or s in result.stderr]


def targets(folder: Path) -> list[list[str]]:
    """The ways to point the CLI at the planted setup: as a root, and as a folder."""
    return [["--root", str(folder)], [str(folder)]]


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A copy of /etc holding every kind of secret."""
    plant(tmp_path)
    return tmp_path


@pytest.mark.parametrize("verbose", [[], ["-v"]])
def test_check_reports_keep_secrets(planted: Path, verbose: list[str]) -> None:
    for output_format in formats("check"):
        for target in targets(planted):
            result = cli(*verbose, "check", "--format", output_format, *target)
            assert result.returncode == 1, result.stderr
            assert leaks(result, ALL_SECRETS) == [], (output_format, target)
    text = cli("check", "--root", str(planted)).stdout
    assert "P605" in text and "C606" in text and "chap-secrets" in text, text


@pytest.mark.parametrize("verbose", [[], ["-v"]])
def test_setup_reports_keep_file_secrets(planted: Path, verbose: list[str]) -> None:
    for output_format in formats("setup"):
        for target in targets(planted):
            result = cli(*verbose, "setup", "--format", output_format, *target)
            assert result.returncode == 0, result.stderr
            assert leaks(result, FILE_SECRETS) == [], (output_format, target)


def test_setup_reports_hide_the_pppd_password(planted: Path) -> None:
    for output_format in formats("setup"):
        result = cli("setup", "--format", output_format, "--root", str(planted))
        assert leaks(result, [PASSWORD]) == [], output_format


def test_nul_byte_finding_does_not_quote_a_password(tmp_path: Path) -> None:
    plant(tmp_path, nul_password=True)
    for output_format in formats("check"):
        result = cli("check", "--format", output_format, "--root", str(tmp_path))
        assert "P203" in result.stdout
        assert leaks(result, [NUL_PASSWORD]) == [], output_format


def named_secrets_files(folder: Path) -> list[str]:
    """Name the secrets files as a shell glob over the setup's folders would."""
    named = [str(path) for path in sorted((folder / "etc/ppp").iterdir())
             if path.name != "ua-credentials"]
    return named + [str(folder / "etc/ipsec.secrets"), str(folder / "etc/xl2tpd/l2tp-secrets")]


def test_secrets_files_named_on_the_command_line_are_not_quoted(planted: Path) -> None:
    for output_format in formats("check"):
        result = cli("check", "--format", output_format, *named_secrets_files(planted))
        assert result.returncode in (0, 1, 2), result.stderr
        assert leaks(result, FILE_SECRETS) == [], output_format


def test_ua_file_named_on_the_command_line_is_not_quoted(planted: Path) -> None:
    named = [*named_secrets_files(planted), str(planted / "etc/ppp/ua-credentials")]
    for output_format in formats("check"):
        result = cli("check", "--format", output_format, *named)
        assert leaks(result, [UA_SECRET]) == [], output_format


def test_diff_keeps_file_secrets(planted: Path) -> None:
    if not has_option("check", "--diff"):
        pytest.skip("'check' offers no --diff")
    for unsafe in ([], ["--unsafe-fixes"]):
        result = cli("check", "--diff", *unsafe, "--root", str(planted))
        assert "crtscts" in result.stdout, result.stderr
        assert leaks(result, FILE_SECRETS) == [], unsafe


def test_diff_shows_the_files_own_lines_as_asked(planted: Path) -> None:
    """A diff is the user's own file, asked for: its lines (a password line too) may show,
    but nothing else of the report may."""
    if not has_option("check", "--diff"):
        pytest.skip("'check' offers no --diff")
    result = cli("check", "--diff", "--root", str(planted))
    assert PASSWORD not in result.stderr


def test_report_file_colour_and_stdin_keep_secrets(planted: Path, tmp_path: Path) -> None:
    options = planted / "etc/ppp/options.xl2tpd"
    for output_format in formats("check"):
        if has_option("check", "--output"):
            report = tmp_path / f"report.{output_format}"
            result = cli("check", "--format", output_format, "--output", str(report),
                         "--root", str(planted))
            assert report.is_file(), result.stderr
            assert leaks(result, ALL_SECRETS) == []
            assert [s for s in ALL_SECRETS if s in report.read_text(errors="replace")] == []
        if has_option("check", "--stdin-filename"):
            result = subprocess.run(
                [sys.executable, "-m", "l2tp_lint", "check", "--format", output_format,
                 "--stdin-filename", "/etc/ppp/options.xl2tpd", "-"],
                input=options.read_text(), capture_output=True, text=True, cwd="/",
                timeout=120, check=False)
            assert result.returncode == 1, result.stderr
            assert leaks(result, ALL_SECRETS) == [], output_format
    if has_option("check", "--color"):
        result = cli("-v", "check", "--color", "always", "--root", str(planted))
        assert leaks(result, ALL_SECRETS) == []


def test_error_messages_keep_secrets(planted: Path) -> None:
    options = planted / "etc/ppp/options.xl2tpd"
    for arguments in (["check", "--format", "nope", str(options)],
                      ["check", "--esp", "bogus-proposal", str(options)],
                      ["check", str(options), str(planted / "missing")]):
        result = cli("-v", *arguments)
        assert result.returncode == 2, result.stderr
        assert leaks(result, ALL_SECRETS) == [], arguments
