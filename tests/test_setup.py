"""The setup model: modes, references, options in effect and where they come from."""

from __future__ import annotations

from pathlib import Path

from l2tp_lint import linter
from l2tp_lint.setup import Call

LNS = "[lns default]\nrequire authentication = yes\nname = vpn\n" \
      "pppoptfile = /etc/ppp/options.xl2tpd\n"


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def calls(arguments: list[str], root: Path | None = None, mode: str = "auto") -> list[Call]:
    run = linter.prepare(arguments, linter.Settings(root=root, mode=mode))
    run.findings()
    assert run.context is not None
    return list(run.context.calls())


def test_pppoptfile_overrides_system_options_and_xl2tpd(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options": "mtu 1500\nlock\n",
                          "etc/ppp/options.xl2tpd": "mtu 1400\nname other\n"})
    [call] = calls([], root=tmp_path)
    mtu = call.last("mtu")
    assert mtu is not None and mtu.value == "1400"
    assert mtu.origin.endswith("etc/ppp/options.xl2tpd")
    assert [s.origin.endswith("etc/ppp/options") for s in call.settings if s.name == "mtu"] \
        == [True, False]
    name = call.last("name")
    assert name is not None and name.value == "other"
    assert [s.value for s in call.settings if s.name == "name"] == ["vpn", "other"]
    assert call.has("lock") and call.role == "lns" and call.mode == "kernel"


def test_setup_command_shows_value_and_origin(tmp_path: Path) -> None:
    import subprocess
    import sys

    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options": "mtu 1500\n",
                          "etc/ppp/options.xl2tpd": "mtu 1400\n"})
    result = subprocess.run([sys.executable, "-m", "l2tp_lint", "setup", "--root",
                             str(tmp_path)], capture_output=True, text=True, cwd="/")
    assert f"mtu 1400    ({tmp_path}/etc/ppp/options.xl2tpd:1)" in result.stdout
    assert f"overrides 1500 ({tmp_path}/etc/ppp/options:1)" in result.stdout


def test_file_chain_cycle_ends_with_a_finding(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options.xl2tpd": "file /etc/ppp/a\n",
                          "etc/ppp/a": "mtu 1400\nfile /etc/ppp/b\n",
                          "etc/ppp/b": "file /etc/ppp/a\n"})
    findings = linter.lint([str(tmp_path)], linter.Settings())
    cycles = [f for f in findings if f.rule == "C101"]
    assert len(cycles) == 1 and cycles[0].path.endswith("etc/ppp/b")
    [call] = calls([str(tmp_path)])
    assert call.last("mtu").value == "1400"  # the chain was still followed once


def _live_root(tmp_path: Path, module_line: str, blacklist: str = "") -> Path:
    files = {"etc/xl2tpd/xl2tpd.conf": LNS,
             "etc/ppp/options.xl2tpd": "pppol2tp_reorderto 30\n",
             "proc/sys/kernel/osrelease": "6.1.0-test\n",
             "proc/modules": "nf_tables 1 0 - Live 0x0\n",
             "lib/modules/6.1.0-test/modules.dep": module_line}
    if blacklist:
        files["etc/modprobe.d/l2tp.conf"] = blacklist
    return write_tree(tmp_path, files)


def test_live_root_with_l2tp_module_runs_kernel_mode(tmp_path: Path) -> None:
    root = _live_root(tmp_path, "kernel/net/l2tp/l2tp_ppp.ko: kernel/net/l2tp/l2tp_core.ko\n")
    [call] = calls([], root=root)
    assert call.mode == "kernel"


def test_live_root_without_l2tp_module_runs_userspace_mode(tmp_path: Path) -> None:
    root = _live_root(tmp_path, "kernel/net/ipv4/tunnel4.ko:\n")
    [call] = calls([], root=root)
    assert call.mode == "userspace"
    findings = linter.lint([], linter.Settings(root=root))
    assert "P105" in [f.rule for f in findings]  # pppol2tp_* refused in userspace


def test_blacklisted_module_runs_userspace_mode(tmp_path: Path) -> None:
    root = _live_root(tmp_path, "kernel/net/l2tp/l2tp_ppp.ko:\n", "blacklist l2tp_ppp\n")
    [call] = calls([], root=root)
    assert call.mode == "userspace"


def test_mode_option_overrides_the_guess(tmp_path: Path) -> None:
    root = _live_root(tmp_path, "kernel/net/ipv4/tunnel4.ko:\n")
    [call] = calls([], root=root, mode="kernel")
    assert call.mode == "kernel"


def test_role_files_folder_resolves_pppoptfile(tmp_path: Path) -> None:
    write_tree(tmp_path, {"roles/vpn/files/xl2tpd.conf": LNS,
                          "roles/vpn/files/options.xl2tpd": "lock\n"})
    findings = linter.lint([str(tmp_path / "roles/vpn/files/xl2tpd.conf")], linter.Settings())
    assert [f.rule for f in findings if f.rule == "P104"] == ["P104"]
    [call] = calls([str(tmp_path / "roles/vpn/files/xl2tpd.conf")])
    assert call.options_file is not None


def test_unresolvable_reference_is_reported_not_guessed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"conf/xl2tpd.conf": LNS, "elsewhere/options.xl2tpd": "lock\n"})
    findings = linter.lint([str(tmp_path / "conf")], linter.Settings())
    assert [f.rule for f in findings if f.rule in ("C301", "P104")] == ["C301"]


def test_standing_root_beats_a_file_beside(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/xl2tpd/options.xl2tpd": "lock\n",
                          "etc/ppp/options.xl2tpd": "require-mschap-v2\n"})
    [call] = calls([str(tmp_path / "etc/xl2tpd/xl2tpd.conf")])
    assert call.options_file is not None
    assert call.options_file.path.endswith("etc/ppp/options.xl2tpd")


def test_ipsec_saref_forces_userspace(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": "[global]\nipsec saref = no\n" + LNS,
                          "etc/ppp/options.xl2tpd": "mtu 1400\n"})
    [call] = calls([str(tmp_path)])
    assert call.mode == "userspace"
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf":
                          "[global]\nipsec saref = yes\nforce userspace = no\n" + LNS})
    [call] = calls([str(tmp_path)])
    assert call.mode == "kernel"


STRONGSWAN = ("config setup\n  charondebug=\"ike 1\"\nconn l2tp\n  type=transport\n"
              "  keyexchange=ikev1\n  left=%defaultroute\n  leftprotoport=17/1701\n"
              "  right=%any\n  rightprotoport=17/%any\n  esp={esp}\n  auto=add\n")
LIBRESWAN = ("config setup\n  protostack=netkey\n  nat_traversal=no\nconn l2tp\n"
             "  type=transport\n  left=%defaultroute\n  leftprotoport=17/1701\n"
             "  right=%any\n  rightprotoport=17/%any\n  phase2alg={esp}\n  auto=add\n")
SWANCTL = ("connections {{\n  l2tp {{\n    children {{\n      l2tp {{\n"
           "        mode = transport\n        esp_proposals = {esp}\n      }}\n    }}\n"
           "  }}\n}}\n")


def mtu_message(tmp_path: Path, ipsec: dict[str, str]) -> str:
    write_tree(tmp_path, {"etc/xl2tpd/xl2tpd.conf": LNS,
                          "etc/ppp/options.xl2tpd": "mtu 1460\nmru 1460\n", **ipsec})
    findings = linter.lint([str(tmp_path)], linter.Settings())
    [finding] = [f for f in findings if f.rule == "C501"]
    return finding.message


def test_strongswan_proposals_set_the_budget(tmp_path: Path) -> None:
    message = mtu_message(tmp_path, {"etc/ipsec.conf":
                                     STRONGSWAN.format(esp="aes128gcm16!")})
    assert message.endswith("(aes-gcm-16, NAT-T); 1420 fits")


def test_libreswan_proposals_and_no_natt_set_the_budget(tmp_path: Path) -> None:
    message = mtu_message(tmp_path, {"etc/ipsec.conf":
                                     LIBRESWAN.format(esp="aes256-sha2_512")})
    assert "(aes-cbc, sha2_512)" in message and "NAT-T" not in message
    assert message.endswith("1404 fits")


def test_swanctl_proposals_set_the_budget(tmp_path: Path) -> None:
    message = mtu_message(tmp_path, {"etc/swanctl/swanctl.conf":
                                     SWANCTL.format(esp="3des-md5")})
    assert "(3des-cbc, md5, NAT-T); 1420 fits" in message


def test_without_ipsec_config_the_worst_default_counts(tmp_path: Path) -> None:
    message = mtu_message(tmp_path, {})
    assert message == ("mtu 1460 gives 1572-byte ESP packets on a 1500-byte path "
                       "(aes-cbc, sha2_512, NAT-T); 1388 fits")
