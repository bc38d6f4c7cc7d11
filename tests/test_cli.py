"""The command line: discovery, formats, exit codes, and never a traceback."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "field-report"


def run(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m l2tp_lint`` (the installed package) and capture its output.

    The working folder defaults to '/', so the source tree is not on the path.
    """
    return subprocess.run([sys.executable, "-m", "l2tp_lint", *arguments],
                          capture_output=True, text=True, cwd=cwd or "/", timeout=120)


def test_console_script_runs_the_readme_example() -> None:
    script = shutil.which("l2tp-lint", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the l2tp-lint console script is not installed beside this python")
    result = subprocess.run([script, "check", str(EXAMPLE)], capture_output=True,
                            text=True, cwd="/", timeout=120)
    assert result.returncode == 1 and "P104" in result.stdout, result.stderr


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_example_reports_refusals_in_text(tmp_path: Path) -> None:
    result = run("check", str(EXAMPLE))
    assert result.returncode == 1, result.stderr
    assert "options.xl2tpd" in result.stdout
    assert "P104" in result.stdout and "'crtscts'" in result.stdout
    *lines, summary = result.stdout.splitlines()
    assert summary.startswith("Found ") and "fixable with --fix" in summary
    for line in lines:
        path, line_number, column, rest = line.split(":", 3)
        assert int(line_number) >= 1 and int(column) >= 1 and rest.startswith(" ")


def test_json_format_lists_findings() -> None:
    result = run("check", "--format", "json", str(EXAMPLE))
    findings = json.loads(result.stdout)
    assert findings and result.returncode == 1
    for finding in findings:
        assert {"path", "line", "column", "rule", "severity", "message"} <= set(finding)
    lock = [f for f in findings if "'lock'" in f["message"]]
    assert lock and lock[0]["rule"] == "P104" and lock[0]["severity"] == "error"
    assert lock[0]["line"] == 11 and lock[0]["column"] == 1


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    options = write(tmp_path / "options.xl2tpd", "require-mschap-v2\nmtu 1388\nmru 1382\n")
    result = run("check", str(options))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_userspace_mode_refuses_pppol2tp_options(tmp_path: Path) -> None:
    options = write(tmp_path / "options.xl2tpd", "pppol2tp_reorderto 30\nmtu 1388\nmru 1382\n")
    assert run("check", "--mode", "kernel", str(options)).returncode == 0
    result = run("check", "--mode", "userspace", str(options))
    assert result.returncode == 1 and "P105" in result.stdout


def test_mode_follows_xl2tpd_conf(tmp_path: Path) -> None:
    write(tmp_path / "etc/xl2tpd/xl2tpd.conf",
          "[global]\nforce userspace = yes\n[lns default]\n"
          "pppoptfile = /etc/ppp/options.xl2tpd\n")
    write(tmp_path / "etc/ppp/options.xl2tpd", "pppol2tp_reorderto 30\n")
    result = run("check", str(tmp_path))
    assert "P105" in result.stdout and "etc/ppp/options.xl2tpd:1:1" in result.stdout


def test_root_checks_system_files(tmp_path: Path) -> None:
    write(tmp_path / "etc/xl2tpd/xl2tpd.conf",
          "[lns default]\npppoptfile = /etc/ppp/options.l2tpd\n")
    write(tmp_path / "etc/ppp/options", "lock\ncrtscts\n")
    result = run("check", "--root", str(tmp_path))
    assert "X302" in result.stdout and result.returncode == 1
    assert "etc/ppp/options:" not in result.stdout  # serial options are fine there


BAD_INPUTS = {
    "empty": b"",
    "nul-bytes": b"\x00" * 100,
    "random-bytes": bytes(random.Random(7).randrange(256) for _ in range(4096)),
    "invalid-utf-8": b"\xff\xfe\xfa invalid utf-8 \xc3\x28",
    "megabyte-line": b"x" * 1_000_000,
    "megabyte-value": b"[global]\n" + b"port = " + b"9" * 1_000_000 + b"\n",
}


@pytest.mark.parametrize("data", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
@pytest.mark.parametrize("name", ["xl2tpd.conf", "options.xl2tpd"])
def test_bad_bytes_never_crash(tmp_path: Path, data: bytes, name: str) -> None:
    result = run("check", str(write(tmp_path / name, data)))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_path_exits_two_with_one_line(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.conf"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nope.conf" in result.stderr
    assert "Traceback" not in result.stderr


def test_special_file_exits_two(tmp_path: Path) -> None:
    fifo = tmp_path / "options.fifo"
    os.mkfifo(fifo)
    result = run("check", str(fifo))
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_unreadable_file_exits_two(tmp_path: Path) -> None:
    secret = write(tmp_path / "options.x", "noauth\n")
    secret.chmod(0)
    if os.access(secret, os.R_OK):
        pytest.skip("running as root: permissions do not stop reads")
    result = run("check", str(secret))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_directory_with_nothing_to_check(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode == 0 and result.stdout == ""


def test_usage_error_exits_two() -> None:
    result = run("check", "--mode", "sideways")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_check_path_does_not_import_jinja2(tmp_path: Path) -> None:
    options = write(tmp_path / "options.xl2tpd", "lock\n")
    code = (f"import sys, runpy\nsys.argv = ['l2tp-lint', 'check', {str(options)!r}]\n"
            "try:\n    runpy.run_module('l2tp_lint', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('jinja2' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("False"), result.stdout + result.stderr
