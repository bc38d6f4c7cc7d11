"""X1xx: xl2tpd's own refusals, and the lines it reads otherwise than they look."""

from __future__ import annotations

import pytest

from l2tp_lint import xl2tpd_conf
from l2tp_lint.checks import xl2tpd_load
from l2tp_lint.source import SourceText


def codes(text: str) -> list[str]:
    conf = xl2tpd_conf.parse(SourceText.from_bytes("x.conf", text.encode("latin-1")))
    return [finding.rule for finding in xl2tpd_load.check(conf)]


GOOD = """\
\xef\xbb\xbf; a comment
[global]\r
port = 1701 ; trailing comment
listen-addr = 10.0.0.1
ipsec saref = no
rand source = devXYZ
auth file = /etc/xl2tpd/l2tp-secrets
[global other]
access control = YES
[lns default] ignored text
ip range = 10.9.0.10 - 10.9.0.20
no ip range = 10.9.0.15
lac = 10.0.0.0-10.255.255.255
local ip = 10.9.0.1
require authentication = y
refuse pap = false
tunnel rws = 8
call rws = -1
name = my name with spaces
pppoptfile = /etc/ppp/options=odd
[LAC Office]
lns = vpn.example.com:1701
redial timeout = 15
tx bps = 100000000
local ip = 10.1
[lac office]
autodial = True
"""


def test_a_file_xl2tpd_loads_gives_no_refusal() -> None:
    assert not [code for code in codes(GOOD) if code.startswith("X1")]


def test_ignored_text_after_header_is_reported_as_warning() -> None:
    assert "X203" in codes("[lns default] junk\n")


@pytest.mark.parametrize(("text", "code"), [
    ("# comment\n[global]\n", "X100"),
    ("[global]\n  # port = 1\n", "X100"),
    ("[global\n", "X101"),
    ("[lns; default]\n", "X101"),
    ("[ lns default]\n", "X102"),
    ("[lns\tdefault]\n", "X102"),
    ("[lns6 x]\n", "X102"),
    ("port = 1701\n", "X103"),
    ("[global]\nport\n", "X104"),
    ("[global]\nprot = 1701\n", "X105"),
    ("[global]\naccess  control = yes\n", "X105"),
    ("[lns x]\nflow bits = yes\n", "X105"),
    ("[lns x]\nport = 1701\n", "X106"),
    ("[global]\nip range = 10.0.0.1\n", "X106"),
    ("[lac x]\nunix auth = yes\n", "X106"),
    ("[global]\nforce userspace = 1\n", "X107"),
    ("[global]\nforce userspace = on\n", "X107"),
    ("[global]\nforce userspace =\n", "X107"),
    ("[global]\nrefuse pap = maybe\n", "X107"),  # checked before the section
    ("[lac x]\nredial timeout = 0\n", "X108"),
    ("[global]\nredial timeout = 0\n", "X108"),  # checked before the section
    ("[lac x]\nmax redials = abc\n", "X108"),
    ("[lns x]\ntunnel rws = 0\n", "X108"),
    ("[lns x]\ncall rws = -2\n", "X108"),
    ("[lns x]\nbps = 0\n", "X108"),
    ("[lns x]\nip range = $POOL\n", "X109"),
    ("[lns x]\nip range = 10.0.0.5-10.0.0.1\n", "X109"),
    ("[lns x]\nip range = 10.0.0.10-\n", "X109"),
    ("[lns x]\nip range = 10.0.0.0/24\n", "X109"),
    ("[lns x]\nlocal ip = 10.9.0.09\n", "X109"),
    ("[global]\nlisten-addr =\n", "X109"),
    ("[lns x]\nlocal ip = 10.0.0.1\nlocal ip range = 10.0.0.2-10.0.0.9\n", "X110"),
    ("[lns x]\nlocal ip range = 10.0.0.2\n[lns X]\nlocal ip = 10.0.0.1\n", "X110"),
    ("[global default]\nrand source = dev\n", "X111"),
    ("[global]\nrand source = egd\n", "X111"),
    ("[global]\nrand source = urandom\n", "X111"),
    ("[global]\nauth file =\n", "X112"),
])
def test_refusals(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize("text", [
    "[lns x]\nTunnel RWS = 0\n",        # set_rws ignores a capitalised key
    "[lns x]\ntunnel rws = -1\n",       # a negative value is dropped silently
    "[global]\nport = abc\n",           # atoi gives 0: a random port
    "[lns x]\nname = 100%sure\n",       # accepted (and dangerous: rules elsewhere)
    "[lac x]\nlns =\n",                 # not checked when read
    "[lns x]\nlocal ip = 0.0.0.0\nlocal ip range = 10.0.0.1-10.0.0.2\n",
    "[lns x]\nip range = 10.0.0.10-20\n",
    "[global]\n" + "port = 1701" + " " * 2000 + "\n",
    "[global]\n; " + "x" * 3000 + "\nport = 1\n",
])
def test_lines_xl2tpd_accepts(text: str) -> None:
    assert not [code for code in codes(text) if code.startswith("X1")]


def test_long_line_is_split_into_pieces_like_fgets() -> None:
    text = "[global]\nport = 1701" + " " * 1020 + "listen-addr\n"
    found = codes(text)
    assert "X104" in found and "X201" in found


def test_host_names_are_a_machine_condition() -> None:
    assert codes("[global]\nlisten-addr = vpn.example.com\n") == ["X301"]


def test_every_bad_line_is_reported_in_one_run() -> None:
    text = "[global]\nprot = 1\nforce userspace = on\n[lns6 x]\n[lns y]\nport = 1\n"
    assert codes(text) == ["X102", "X105", "X107", "X106"]
