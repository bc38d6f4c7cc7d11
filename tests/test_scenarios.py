"""Whole setups: the field report behind l2tp-lint, and a careful LNS."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from l2tp_lint import linter
from l2tp_lint.findings import Severity

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "field-report"

CAREFUL = {
    "etc/xl2tpd/xl2tpd.conf": """\
; LNS for remote staff
[global]
port = 1701
access control = no

[lns default]
ip range = 10.20.0.100-10.20.0.199
local ip = 10.20.0.1
require authentication = yes
refuse pap = yes
refuse chap = yes
name = vpn-lns
pppoptfile = /etc/ppp/options.xl2tpd
""",
    "etc/ppp/options.xl2tpd": """\
# MS-CHAPv2 only
require-mschap-v2
refuse-pap
refuse-chap
refuse-mschap
refuse-eap
ms-dns 10.20.0.1
mtu 1388
mru 1382
noipv6
lcp-echo-interval 30
lcp-echo-failure 4
pppol2tp_reorderto 30
""",
    "etc/ipsec.conf": """\
conn l2tp-psk
  type=transport
  keyexchange=ikev1
  left=%defaultroute
  leftprotoport=17/1701
  right=%any
  rightprotoport=17/%any
  esp=aes256-sha2_512,aes128-sha1!
  auto=add
""",
}


def test_field_report_gives_the_reorder_finding_in_the_options_file() -> None:
    result = subprocess.run([sys.executable, "-m", "l2tp_lint", "check", str(EXAMPLE)],
                            capture_output=True, text=True, cwd="/")
    assert result.returncode == 1
    reorder = [line for line in result.stdout.splitlines() if " C401 " in line]
    assert len(reorder) == 1
    assert reorder[0].startswith(f"{EXAMPLE}/etc/ppp/options.xl2tpd:1:1: C401 ")
    assert "kernel drops every data packet that arrives out of order" in reorder[0]
    assert "'pppol2tp_reorderto 30'" in reorder[0]


def test_careful_setup_reports_nothing_at_warning_or_above(tmp_path: Path) -> None:
    for relative, text in CAREFUL.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    findings = linter.lint([str(tmp_path)], linter.Settings())
    serious = [f for f in findings if f.severity >= Severity.WARNING]
    assert not serious, "\n".join(f"{f.path}:{f.span.line} {f.rule} {f.message}"
                                  for f in serious)
