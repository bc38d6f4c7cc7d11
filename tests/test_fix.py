"""Autofix: fixes land where they belong, losslessly, idempotently and safely."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from l2tp_lint import autofix, fixer, linter, writer
from l2tp_lint.findings import Finding, Fix, Severity, Span

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "field-report"
LNS = ("[lns default]\nip range = 10.9.0.10-10.9.0.20\nlocal ip = 10.9.0.1\n"
       "require authentication = yes\npppoptfile = /etc/ppp/options.xl2tpd\n")
GOOD = "require-mschap-v2\nmtu 1388\nmru 1382\nlcp-echo-interval 30\nlcp-echo-failure 4\n"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return root


def cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "l2tp_lint", *arguments],
                          capture_output=True, text=True, cwd="/", timeout=120)


def options_of(root: Path) -> str:
    return (root / "etc/ppp/options.xl2tpd").read_text()


def test_field_report_fix_adds_the_reorder_timeout(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "setup")
    root = tmp_path / "setup"
    before = options_of(root).splitlines()
    result = cli("check", "--fix", str(root))
    after = options_of(root)
    assert "pppol2tp_reorderto 30\n" in after
    assert "C401" not in result.stdout
    kept = [line for line in before if line in after.splitlines()]
    untouched = [line for line in before if line not in ("crtscts", "lock", "mtu 1400",
                                                         "mru 1400")]
    assert kept == untouched  # every line no fix aimed at is there, in order
    assert "# crtscts  # l2tp-lint:" in after and "# lock  # l2tp-lint:" in after


def test_field_report_fix_is_accepted_by_the_real_pppd(tmp_path: Path) -> None:
    import daemons

    daemons.require_judges("pppd")
    shutil.copytree(EXAMPLE, tmp_path / "setup")
    cli("check", "--fix", str(tmp_path / "setup"))
    fixed = (tmp_path / "setup/etc/ppp/options.xl2tpd").read_bytes()
    [verdict] = daemons.judge_pppd([fixed], "kernel")
    assert verdict.accepted, verdict.message
    dump = daemons.pppd_dryrun_options(fixed, "kernel")
    assert "pppol2tp_reorderto 30" in dump


def test_second_fix_changes_nothing_and_clean_files_stay_identical(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "setup")
    conf = (tmp_path / "setup/etc/xl2tpd/xl2tpd.conf").read_bytes()
    cli("check", "--fix", str(tmp_path / "setup"))
    first = options_of(tmp_path / "setup")
    cli("check", "--fix", str(tmp_path / "setup"))
    assert options_of(tmp_path / "setup") == first
    assert (tmp_path / "setup/etc/xl2tpd/xl2tpd.conf").read_bytes() == conf


def test_oversized_mtu_and_mru_are_set_to_the_budget(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options.xl2tpd": GOOD.replace("1388", "1460")
                          .replace("1382", "1500") + "pppol2tp_reorderto 30\n"})
    result = cli("check", "--fix", str(tmp_path))
    text = options_of(tmp_path)
    assert "mtu 1388\n" in text and "mru 1382\n" in text
    assert "C501" not in result.stdout and "C502" not in result.stdout


def test_mtu_from_system_options_is_fixed_in_the_pppoptfile(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options": "mtu 1500\nmru 1382\n",
                          "etc/ppp/options.xl2tpd": GOOD.replace("mtu 1388\nmru 1382\n", "")
                          + "pppol2tp_reorderto 30\n"})
    system = (tmp_path / "etc/ppp/options").read_bytes()
    cli("check", "--fix", "--root", str(tmp_path))
    assert (tmp_path / "etc/ppp/options").read_bytes() == system
    assert "mtu 1388\n" in options_of(tmp_path)


def test_reorder_timeout_goes_to_the_kernel_mode_file_only(tmp_path: Path) -> None:
    conf = LNS + "[lac out]\nlns = 192.0.2.1\npppoptfile = /etc/ppp/options.client\n"
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": conf,
                          "etc/ppp/options.xl2tpd": GOOD,
                          "etc/ppp/options.client": GOOD.replace("require-mschap-v2\n", "")})
    cli("check", "--fix", str(tmp_path))
    assert "pppol2tp_reorderto" in options_of(tmp_path)
    assert "pppol2tp_reorderto" not in (tmp_path / "etc/ppp/options.client").read_text()
    userspace = "[global]\nforce userspace = yes\n" + LNS
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": userspace,
                          "etc/ppp/options.xl2tpd": GOOD + "pppol2tp_reorderto 30\n"})
    cli("check", "--fix", str(tmp_path))
    assert "# pppol2tp_reorderto 30  # l2tp-lint:" in options_of(tmp_path)


def test_shared_file_is_changed_once(tmp_path: Path) -> None:
    conf = LNS + LNS.replace("[lns default]", "[lns office]\nlac = 192.0.2.0-192.0.2.255") \
        .replace("10.9.0.", "10.8.0.")
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": conf, "etc/ppp/options.xl2tpd": GOOD})
    result = cli("check", str(tmp_path))
    reorder = [line for line in result.stdout.splitlines() if " C401 " in line]
    assert len(reorder) == 1 and "[lns default] and [lns office]" in reorder[0]
    cli("check", "--fix", str(tmp_path))
    assert options_of(tmp_path).count("pppol2tp_reorderto") == 1


def test_crlf_and_missing_final_newline_survive(tmp_path: Path) -> None:
    text = "# options\r\nlock\r\nrequire-mschap-v2\r\nmtu 1460"
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS.replace("\n", "\r\n"),
                          "etc/ppp/options.xl2tpd": text})
    cli("check", "--fix", str(tmp_path))
    data = (tmp_path / "etc/ppp/options.xl2tpd").read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"") and not data.endswith(b"\n")
    assert data.startswith(b"# options\r\n# lock  # l2tp-lint:")
    assert b"mtu 1388\r\n" in data


def test_permissions_owner_and_symlink_are_kept(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS, "real/options": "lock\n" + GOOD})
    target = tmp_path / "real/options"
    (tmp_path / "etc/ppp").mkdir(parents=True)
    (tmp_path / "etc/ppp/options.xl2tpd").symlink_to(target)
    target.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(target, 1234, 4321)
    cli("check", "--fix", str(tmp_path))
    assert (tmp_path / "etc/ppp/options.xl2tpd").is_symlink()
    assert "# lock  # l2tp-lint:" in target.read_text()
    info = target.stat()
    assert info.st_mode & 0o7777 == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (1234, 4321)


def test_backup_keeps_the_original(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options.xl2tpd": "lock\n" + GOOD})
    cli("check", "--fix", "--backup", ".orig", str(tmp_path))
    assert (tmp_path / "etc/ppp/options.xl2tpd.orig").read_text() == "lock\n" + GOOD


def test_file_changed_during_the_run_is_not_written(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"options": "lock\n"}) / "options"
    path.write_text("changed\n")
    with pytest.raises(writer.WriteError):
        writer.write_file(path, b"# lock\n", b"lock\n")
    assert path.read_text() == "changed\n"


def test_changed_file_makes_the_cli_exit_two(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from l2tp_lint.cli import cli as command

    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options.xl2tpd": "lock\n" + GOOD})
    real_run = autofix.run

    def run_then_edit(*arguments: object) -> autofix.Outcome:
        outcome = real_run(*arguments)  # type: ignore[arg-type]
        (tmp_path / "etc/ppp/options.xl2tpd").write_text("edited meanwhile\n")
        return outcome

    monkeypatch.setattr(autofix, "run", run_then_edit)
    result = CliRunner().invoke(command, ["check", "--fix", str(tmp_path)])
    assert result.exit_code == 2 and "changed while l2tp-lint was running" in result.output
    assert options_of(tmp_path) == "edited meanwhile\n"


def test_unwritable_folder_exits_two_and_keeps_the_original(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options.xl2tpd": "lock\n" + GOOD})
    folder = tmp_path / "etc/ppp"
    script = (f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
              f"{sys.executable} -m l2tp_lint check --fix {tmp_path}")
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True,
                            text=True, cwd="/")
    if "mount" in result.stderr and result.returncode != 2:
        pytest.skip(f"cannot make a read-only folder here: {result.stderr.strip()}")
    assert result.returncode == 2, result.stderr
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert options_of(tmp_path) == "lock\n" + GOOD


def test_diff_applies_with_patch_and_writes_nothing(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "setup")
    root = tmp_path / "setup"
    before = options_of(root)
    result = subprocess.run([sys.executable, "-m", "l2tp_lint", "check", "--diff", "."],
                            capture_output=True, text=True, cwd=root)
    assert options_of(root) == before and result.stdout.startswith("--- a/etc/ppp/")
    patch = subprocess.run(["patch", "-p1"], input=result.stdout, text=True, cwd=root,
                           capture_output=True)
    if patch.returncode != 0 and "not found" in patch.stderr:
        pytest.skip("patch is not installed")
    assert patch.returncode == 0, patch.stdout + patch.stderr
    assert "pppol2tp_reorderto 30" in options_of(root)


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options.xl2tpd": GOOD + "pppol2tp_reorderto 30\nrequre-pap\n"})
    cli("check", "--fix", str(tmp_path))
    assert "requre-pap" in options_of(tmp_path)
    cli("check", "--fix", "--unsafe-fixes", str(tmp_path))
    assert "require-pap" in options_of(tmp_path).splitlines()


def test_missing_pppoptfile_is_created_for_the_role(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS})
    cli("check", "--fix", "--unsafe-fixes", "--root", str(tmp_path))
    text = options_of(tmp_path)
    assert "require-mschap-v2" in text and "pppol2tp_reorderto 30" in text
    result = cli("check", "--root", str(tmp_path))
    assert result.returncode == 0, result.stdout


def test_fixes_that_do_not_settle_exit_two(tmp_path: Path, monkeypatch) -> None:
    write_tree(tmp_path, {"options.x": "lock\n"})
    counter = iter(range(100))

    def endless(arguments: list[str], settings: linter.Settings) -> list[Finding]:
        text = str(next(counter))
        fix = Fix(str(tmp_path / "options.x"), "add", 0, 0, f"# {text}", "n", True, "pppd")
        return [Finding("options.x", Span(1, 1, 1, 1), "C401", Severity.WARNING, "x", fix)]

    monkeypatch.setattr(linter, "lint", endless)
    with pytest.raises(fixer.FixError, match="did not settle"):
        autofix.run([str(tmp_path)], linter.Settings(), False)


def test_template_environment_is_strict_and_sandboxed() -> None:
    from jinja2.exceptions import UndefinedError
    from jinja2.sandbox import SandboxedEnvironment

    environment = fixer.environment()
    assert isinstance(environment, SandboxedEnvironment)
    with pytest.raises(UndefinedError):
        environment.get_template("add.j2").render(node=object())  # type: ignore[attr-defined]
