"""The check command's outputs end to end: golden text and JSON, files, stdin, progress."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

SETUP = {
    "etc/xl2tpd/xl2tpd.conf": "[lns default]\nip range = 10.9.0.10-10.9.0.20\n"
                              "require authentication = yes\n"
                              "pppoptfile = /etc/ppp/options.xl2tpd\n",
    "etc/ppp/options.xl2tpd": "require-mschap-v2\nlock\nmtu 1460\nmru 1382\n"
                              "lcp-echo-interval 30\nlcp-echo-failure 4\n",
}

GOLDEN_TEXT = """\
etc/ppp/options.xl2tpd:1:1: C401 kernel-mode LNS [lns default] gives the kernel no \
pppol2tp_reorderto: the kernel drops every data packet that arrives out of order from a \
LAC that numbers its data (its reorder timeout is 0); add 'pppol2tp_reorderto 30'
etc/ppp/options.xl2tpd:2:1: P104 'lock' is a serial-line option; pppd does not know it \
once xl2tpd has handed it a kernel L2TP socket (kernel mode)
etc/ppp/options.xl2tpd:3:1: C501 mtu 1460 gives 1572-byte ESP packets on a 1500-byte path \
(aes-cbc, sha2_512, NAT-T); 1388 fits
etc/ppp/options.xl2tpd:3:1: C503 mtu 1460 and mru 1382 differ: set each to its budget \
('l2tp-lint mtu' shows them)
Found 4 problems (1 error, 2 warnings, 1 info); 3 fixable with --fix
"""


def make(tmp_path: Path) -> Path:
    for relative, text in SETUP.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def run(*arguments: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "l2tp_lint", *arguments], cwd=cwd,
                          input=stdin, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "", "FORCE_COLOR": ""})


def test_text_golden(tmp_path: Path) -> None:
    result = run("check", ".", cwd=make(tmp_path))
    assert result.stdout == GOLDEN_TEXT and result.returncode == 1


def test_json_golden(tmp_path: Path) -> None:
    result = run("check", "--format", "json", ".", cwd=make(tmp_path))
    findings = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["column"], f["rule"], f["severity"]) for f in findings] \
        == [("etc/ppp/options.xl2tpd", 1, 1, "C401", "warning"),
            ("etc/ppp/options.xl2tpd", 2, 1, "P104", "error"),
            ("etc/ppp/options.xl2tpd", 3, 1, "C501", "warning"),
            ("etc/ppp/options.xl2tpd", 3, 1, "C503", "info")]
    assert findings[1]["fix"] == {
        "safe": True, "action": "disable", "description": "disable it",
        "note": "serial-line option, refused in kernel mode (P104)"}
    assert findings[2]["fix"]["description"] == "replace with '1388'"
    assert findings[2]["end_column"] == 4 and findings[2]["end_line"] == 3


def test_report_to_a_file_has_no_colour_and_nothing_else_on_stdout(tmp_path: Path) -> None:
    root = make(tmp_path)
    result = run("check", "--color", "auto", "-o", "report.txt", ".", cwd=root)
    assert result.stdout == "" and result.returncode == 1
    assert (root / "report.txt").read_text() == GOLDEN_TEXT


def test_forced_colour_reaches_a_pipe(tmp_path: Path) -> None:
    result = run("check", "--color", "always", ".", cwd=make(tmp_path))
    assert "\033[" in result.stdout
    assert "\033[" not in run("check", ".", cwd=tmp_path).stdout


def test_stdin_with_a_name(tmp_path: Path) -> None:
    root = make(tmp_path)
    text = "require-mschap-v2\ncrtscts\nmtu 1388\nmru 1382\n"
    result = run("check", "-", "--stdin-filename", "etc/ppp/options.xl2tpd", cwd=root,
                 stdin=text)
    assert "etc/ppp/options.xl2tpd:2:1: P104 'crtscts'" in result.stdout
    assert "'lock'" not in result.stdout  # the file on disk stood aside


def test_stdin_fix_prints_the_fixed_text(tmp_path: Path) -> None:
    root = make(tmp_path)
    on_disk = (root / "etc/ppp/options.xl2tpd").read_text()
    text = ("require-mschap-v2\ncrtscts\nmtu 1388\nmru 1382\npppol2tp_reorderto 30\n"
            "lcp-echo-interval 30\nlcp-echo-failure 4\n")
    result = run("check", "--fix", "-", "--stdin-filename", "etc/ppp/options.xl2tpd",
                 cwd=root, stdin=text)
    assert result.stdout == text.replace(
        "crtscts\n", "# crtscts  # l2tp-lint: serial-line option, refused in kernel mode "
        "(P104)\n")
    assert (root / "etc/ppp/options.xl2tpd").read_text() == on_disk


def test_stdin_needs_a_name(tmp_path: Path) -> None:
    result = run("check", "-", cwd=tmp_path, stdin="lock\n")
    assert result.returncode == 2 and "--stdin-filename" in result.stderr


def test_progress_on_a_terminal(tmp_path: Path) -> None:
    for index in range(30):
        path = tmp_path / f"etc{index}/ppp/options.xl2tpd"
        path.parent.mkdir(parents=True)
        path.write_text("require-mschap-v2\nmtu 1388\nmru 1382\n")
    leader, follower = pty.openpty()
    process = subprocess.run([sys.executable, "-m", "l2tp_lint", "check", "."],
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=follower,
                             timeout=120)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.returncode == 0
    assert b"checked 30/30 files" in seen
    assert b"checked" not in process.stdout
