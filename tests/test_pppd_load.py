"""P1xx: pppd's own refusals, in each place pppd reads an options file."""

from __future__ import annotations

from pathlib import Path

import pytest

from l2tp_lint import pppd_options
from l2tp_lint.checks import pppd_load
from l2tp_lint.source import SourceText


def findings(text: str, channel: str = "kernel", root: Path | None = None):
    document = pppd_options.parse(SourceText.from_bytes("o", text.encode("latin-1")))
    return pppd_load.check(document, channel, root)


def codes(text: str, channel: str = "kernel", root: Path | None = None) -> list[str]:
    return [finding.rule for finding in findings(text, channel, root)]


GOOD = """\
# LNS options
require-mschap-v2
refuse-pap refuse-chap   # on one line
ms-dns 10.0.0.1 ms-dns 10.0.0.2
mtu 0x578
mru 01400
name "vpn lns"
lcp-echo-interval
  30
lcp-echo-failure 4#comment after a word
+mschap-v2 -pap
10.0.0.1:
debug debug
idle 1800x
"""


@pytest.mark.parametrize("channel", ["kernel", "userspace", "system"])
def test_a_file_pppd_loads_gives_no_refusal(channel: str) -> None:
    assert not [code for code in codes(GOOD, channel) if code.startswith("P1")]


@pytest.mark.parametrize(("text", "channel", "code"), [
    ("bogus-option\n", "kernel", "P101"),
    ("mtu\n", "kernel", "P102"),
    ("name", "kernel", "P102"),
    ('name ""', "kernel", "P102"),       # an empty word at the end is no word
    ("mtu abc\n", "kernel", "P103"),
    ("mtu 127\n", "kernel", "P103"),
    ("mtu 16385\n", "kernel", "P103"),
    ("ms-dns $DNS1\n", "kernel", "P103"),
    ("deflate 16\n", "kernel", "P103"),
    ("call ../x\n", "kernel", "P103"),
    ("nodefaultroute defaultroute\n", "kernel", "P103"),
    ("lock\n", "kernel", "P104"),
    ("crtscts\n", "kernel", "P104"),
    ("115200\n", "kernel", "P101"),       # a speed only on a serial line
    ("pppol2tp_reorderto 30\n", "userspace", "P105"),
    ("pppol2tp_send_seq\n", "system", "P105"),
    ("pppol2tp 7\n", "kernel", "P106"),
])
def test_refusals(text: str, channel: str, code: str) -> None:
    assert code in codes(text, channel)


@pytest.mark.parametrize(("text", "channel"), [
    ("lock crtscts modem 115200\n", "userspace"),
    ("lock crtscts modem\n", "system"),
    ("pppol2tp_reorderto 30 pppol2tp_send_seq\n", "kernel"),
    ("plugin pppol2tp.so pppol2tp_reorderto 30\n", "userspace"),
    ("name\nnoauth\n", "kernel"),           # the argument is the next word
    ("mtu 1400#x\n", "kernel"),
    ("deflate 8\n", "kernel"),              # raised to 9 with a warning
    ("name 'a\\\nb'\n", "kernel"),
])
def test_channel_and_word_rules_pppd_accepts(text: str, channel: str) -> None:
    assert not [code for code in codes(text, channel) if code.startswith("P1")]


def test_host_names_are_a_machine_condition() -> None:
    assert codes("ms-dns ns1.example.net\n") == ["P301"]


def test_options_after_an_unknown_plugin_are_not_called_refused() -> None:
    assert codes("plugin /opt/x/custom.so\ncustom-option 1\n") == ["P303", "P303"]


def test_word_traps() -> None:
    assert "P201" in codes('name "unterminated\n')
    assert "P202" in codes("name " + "x" * 1100 + "\n")
    assert "P203" in codes("name ab\\x00cd\n")


def test_messages_name_the_option_and_suggest() -> None:
    [finding] = findings("requre-mschap-v2\n")
    assert finding.message == ("unknown option 'requre-mschap-v2'; "
                               "did you mean 'require-mschap-v2'?")
    assert (finding.span.line, finding.span.column) == (1, 1)


def test_root_checks_files_the_options_name(tmp_path: Path) -> None:
    (tmp_path / "etc/ppp/peers").mkdir(parents=True)
    (tmp_path / "etc/ppp/peers/there").write_text("noauth\n")
    (tmp_path / "var/log").mkdir(parents=True)
    assert codes("call there\nlogfile /var/log/ppp.log\n", root=tmp_path) == []
    assert codes("call gone\nfile /etc/ppp/nothing\n", root=tmp_path) == ["P302", "P302"]
    assert codes("logfile /var/nolog/ppp.log\n", root=tmp_path) == ["P302"]
    assert codes("logfile /srv/ppp.log\n", root=tmp_path) == []  # /srv not in this root
