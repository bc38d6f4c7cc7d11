"""Reading ESP facts out of ipsec.conf and swanctl.conf."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l2tp_lint.ipsec_conf import IpsecFacts, read_ipsec_conf, read_swanctl_conf
from l2tp_lint.overhead import DEFAULT_PROPOSALS, Proposal


def pairs(facts: IpsecFacts) -> set[tuple[str, str]]:
    """Return the (cipher, integrity) pairs of a file's facts."""
    return {(p.cipher, p.integrity) for p in facts.proposals}


def default_pairs(name: str) -> set[tuple[str, str]]:
    """Return the (cipher, integrity) pairs of one default list."""
    return {(p.cipher, p.integrity) for p in DEFAULT_PROPOSALS[name]}


STRONGSWAN_CLIENT = """\
# ipsec.conf - strongSwan IPsec configuration file
config setup
    charondebug="ike 1"

conn myvpn
    keyexchange=ikev1
    authby=secret
    type=transport
    left=%defaultroute
    leftprotoport=17/1701
    rightprotoport=17/1701
    right=203.0.113.7
    ike=aes128-sha1-modp2048
    esp={esp}
    forceencaps={encaps}
"""


def test_strongswan_appends_its_defaults() -> None:
    """Without '!' strongSwan adds its default proposals to the configured ones."""
    facts = read_ipsec_conf("ipsec.conf", STRONGSWAN_CLIENT.format(esp="aes128-sha1",
                                                                   encaps="no"))
    assert facts.dialect == "strongswan"
    assert facts.proposals[0] == Proposal("aes-cbc", "sha1-96", "aes128-sha1")
    assert pairs(facts) == default_pairs("strongswan")
    assert (facts.natt, facts.outer, facts.problems) == (None, "ipv4", [])


def test_strongswan_strict_list() -> None:
    """A list ending in '!' is all the daemon offers; forceencaps forces NAT-T."""
    facts = read_ipsec_conf("ipsec.conf", STRONGSWAN_CLIENT.format(
        esp="aes256-sha1,3des-sha1!", encaps="yes"))
    assert pairs(facts) == {("aes-cbc", "sha1-96"), ("3des-cbc", "sha1-96")}
    assert facts.natt is True


HWDSL2_STYLE = """\
version 2.0

config setup
  ikev1-policy=accept
  virtual-private=%v4:10.0.0.0/8,%v4:192.168.0.0/16
  uniqueids=no

conn shared
  left=%defaultroute
  right=%any
  encapsulation=yes
  authby=secret
  ikev2=never
  phase2alg=aes_gcm-null,aes128-sha1,aes256-sha1,aes256-sha2_512,aes128-sha2
  sha2-truncbug=no

conn l2tp-psk
  auto=add
  leftprotoport=17/1701
  rightprotoport=17/%any
  type=transport
  also=shared

conn xauth-psk
  auto=add
  leftsubnet=0.0.0.0/0
  phase2alg=3des-md5
  also=shared
"""


def test_libreswan_phase2alg_through_also() -> None:
    """phase2alg= comes in through also=; only the L2TP conn counts."""
    facts = read_ipsec_conf("ipsec.conf", HWDSL2_STYLE)
    assert facts.dialect == "libreswan"
    assert pairs(facts) == {("aes-gcm-16", "none"), ("aes-cbc", "sha1-96"),
                            ("aes-cbc", "sha2-512-256"), ("aes-cbc", "sha2-256-128")}
    assert [p.written for p in facts.proposals][:2] == ["aes_gcm-null", "aes128-sha1"]
    assert facts.natt is True
    assert facts.problems == []


def test_libreswan_truncbug() -> None:
    """sha2-truncbug=yes cuts HMAC-SHA2-256 to 96 bits."""
    facts = read_ipsec_conf("ipsec.conf", HWDSL2_STYLE.replace("truncbug=no", "truncbug=yes"))
    assert ("aes-cbc", "sha2-256-96") in pairs(facts)
    assert ("aes-cbc", "sha2-256-128") not in pairs(facts)


OPENSWAN_STYLE = """\
version 2.0
config setup
    nat_traversal={traversal}
    protostack=netkey
    oe=off

conn %default
    phase2alg=3des-sha1
    keyingtries=3

conn L2TP-PSK-NAT
    rightsubnet=vhost:%priv
    also=L2TP-PSK-noNAT

conn L2TP-PSK-noNAT
    authby=secret
    pfs=no
    type=transport
    left=2001:db8::1
    leftprotoport=17/1701
    right=%any
    rightprotoport=17/%any
    {extra}

conn passthrough-for-non-l2tp
    type=passthrough
    phase2alg=aes256-sha2_512
"""


def test_default_section_and_nat_traversal_no() -> None:
    """conn %default fills in phase2alg; nat_traversal=no rules NAT-T out."""
    facts = read_ipsec_conf("ipsec.conf", OPENSWAN_STYLE.format(traversal="no", extra=""))
    assert facts.dialect == "libreswan"
    assert pairs(facts) == {("3des-cbc", "sha1-96")}
    assert facts.natt is False
    assert facts.outer == "ipv6"


def test_own_setting_beats_also_and_default() -> None:
    """A conn's own key wins over also= sections, which win over %default."""
    text = OPENSWAN_STYLE.format(traversal="yes", extra="phase2alg=aes-sha1")
    assert pairs(read_ipsec_conf("ipsec.conf", text)) == {("aes-cbc", "sha1-96")}
    text = text.replace("rightsubnet=vhost:%priv", "phase2alg=aes_gcm")
    assert pairs(read_ipsec_conf("ipsec.conf", text)) == {
        ("aes-gcm-16", "none"), ("aes-cbc", "sha1-96")}


def test_nat_traversal_yes_and_encapsulation() -> None:
    """nat_traversal=yes leaves NAT-T open; encapsulation=no rules it out per conn."""
    open_text = OPENSWAN_STYLE.format(traversal="yes", extra="")
    assert read_ipsec_conf("ipsec.conf", open_text).natt is None
    closed = OPENSWAN_STYLE.format(traversal="yes", extra="encapsulation=no")
    assert read_ipsec_conf("ipsec.conf", closed).natt is False
    forced = OPENSWAN_STYLE.format(traversal="no", extra="encapsulation=yes")
    assert read_ipsec_conf("ipsec.conf", forced).natt is True


def test_strongswan_cannot_rule_out_natt() -> None:
    """strongSwan ignores nat_traversal=; NAT-T stays possible."""
    text = "config setup\n  nat_traversal=no\n  charondebug=all\n" + STRONGSWAN_CLIENT.format(
        esp="aes128-sha1!", encaps="no")
    assert read_ipsec_conf("ipsec.conf", text).natt is None


def test_libreswan_defaults_by_ike_version() -> None:
    """No phase2alg: libreswan's defaults for the conn's IKE version."""
    base = "version 2\nconn l2tp\n  type=transport\n  leftprotoport=17/1701\n"
    ikev1 = read_ipsec_conf("ipsec.conf", base + "  ikev2=never\n")
    assert pairs(ikev1) == default_pairs("libreswan-ikev1")
    ikev2 = read_ipsec_conf("ipsec.conf", base + "  ikev2=insist\n")
    assert pairs(ikev2) == default_pairs("libreswan-ikev2")
    either = read_ipsec_conf("ipsec.conf", base + "  phase2=esp\n")
    assert pairs(either) == default_pairs("libreswan")


def test_l2tp_conn_chosen_over_others() -> None:
    """A transport conn on port 1701 is chosen; tunnel and bypass conns are not."""
    text = """\
conn site-to-site
    type=tunnel
    esp=aes256-sha512!
conn l2tp
    type=transport
    leftprotoport=17/1701
    esp=aes128-sha1!
conn bypass
    type=passthrough
"""
    assert pairs(read_ipsec_conf("ipsec.conf", text)) == {("aes-cbc", "sha1-96")}


def test_all_conns_when_unclear() -> None:
    """With no transport conn, every ESP conn counts."""
    text = "conn a\n    esp=aes128-sha1!\nconn b\n    esp=3des-md5!\n"
    assert pairs(read_ipsec_conf("ipsec.conf", text)) == {
        ("aes-cbc", "sha1-96"), ("3des-cbc", "md5-96")}


def test_unreadable_proposal_is_a_problem() -> None:
    """Unreadable text goes to problems with its line; defaults stand in for it."""
    text = "conn l2tp\n    type=transport\n    esp=${VPN_ESP}\n    keyexchange=ikev1\n"
    facts = read_ipsec_conf("ipsec.conf", text)
    assert facts.problems == [(3, "esp: unknown algorithm '${VPN_ESP}' in esp proposal "
                                  "'${VPN_ESP}'")]
    assert pairs(facts) == default_pairs("strongswan")


def test_partly_readable_list() -> None:
    """The readable proposals of a list are kept, the rest reported."""
    text = ("version 2\nconfig setup\n  protostack=netkey\nconn l2tp\n  type=transport\n"
            "  phase2alg=aes-sha1,aes-sha3\n")
    facts = read_ipsec_conf("ipsec.conf", text)
    assert pairs(facts) == {("aes-cbc", "sha1-96")}
    assert facts.problems == [(6, "phase2alg: unknown integrity algorithm 'sha3' in esp "
                                  "proposal 'aes-sha3'")]


def test_unsure_dialect_tries_both() -> None:
    """With nothing to tell the dialects apart, a libreswan spelling still reads."""
    text = "conn l2tp\n  type=transport\n  esp=aes_gcm-null,aes-sha2\n"
    facts = read_ipsec_conf("ipsec.conf", text)
    assert facts.problems == []
    assert {("aes-gcm-16", "none"), ("aes-cbc", "sha2-256-128")} <= pairs(facts)


def test_no_conn_no_proposals() -> None:
    """A file with only config setup shows no connection, hence no proposals."""
    facts = read_ipsec_conf("ipsec.conf", "config setup\n  protostack=netkey\n"
                                          "include /etc/ipsec.d/*.conf\n")
    assert facts.proposals == [] and facts.natt is None and facts.outer is None


def test_comments_quotes_and_unindented_keys() -> None:
    """'#' comments, quoted values and keys at column 0 are read as the daemons do."""
    text = ('conn l2tp # the server\ntype=transport\n  esp="aes128-sha256!" # strict\n'
            '  # esp=3des-md5!\n  left=192.0.2.1\n')
    facts = read_ipsec_conf("ipsec.conf", text)
    assert pairs(facts) == {("aes-cbc", "sha2-256-128")}
    assert facts.outer == "ipv4"


def test_also_loops_and_missing_targets() -> None:
    """also= cycles and missing sections do not hang or raise."""
    text = ("conn a\n  also=b\n  type=transport\nconn b\n  also=a\n  esp=aes-sha1!\n"
            "conn c\n  also=nowhere\n")
    facts = read_ipsec_conf("ipsec.conf", text)
    assert pairs(facts) == {("aes-cbc", "sha1-96")}


SWANCTL = """\
# swanctl.conf
include conf.d/*.conf

connections {
   l2tp-server {
      version = 1
      local_addrs = 192.0.2.1
      encap = yes
      children {
         l2tp {
            mode = transport
            local_ts = dynamic[udp/1701]
            esp_proposals = aes128-sha256, aes256gcm16-modp2048
            sha256_96 = yes
         }
      }
   }
   site
   {
      remote_addrs = 2001:db8::2
      children { net { esp_proposals = aes256-sha512 } }
   }
}
secrets { ike-1 { secret = "a#b{c}" } }
"""


def test_swanctl_l2tp_child() -> None:
    """The transport child on 1701 is read; sha256_96 and encap apply."""
    facts = read_swanctl_conf("swanctl.conf", SWANCTL)
    assert facts.dialect == "swanctl"
    assert pairs(facts) == {("aes-cbc", "sha2-256-96"), ("aes-gcm-16", "none")}
    assert (facts.natt, facts.outer, facts.problems) == (True, "ipv4", [])


def test_swanctl_defaults_and_problems() -> None:
    """No esp_proposals means the default set; bad text goes to problems."""
    text = SWANCTL.replace("esp_proposals = aes128-sha256, aes256gcm16-modp2048", "")
    text = text.replace("mode = transport", "mode = tunnel")
    text = text.replace("aes256-sha512", "aes256-sha2")
    facts = read_swanctl_conf("swanctl.conf", text)
    assert pairs(facts) == default_pairs("swanctl") | {("aes-cbc", "sha2-256-96")}
    assert facts.problems == [(21, "esp_proposals: unknown algorithm 'sha2' in esp "
                                   "proposal 'aes256-sha2'")]
    assert facts.outer == "ipv6" and facts.natt is True


def test_swanctl_default_keyword_and_braces() -> None:
    """'default' in esp_proposals, and an unbalanced file reported, not raised."""
    text = ("connections { c { children { l2tp { mode = transport\n"
            "esp_proposals = aes128-sha1,default\n} } }\n}\n}\n")
    facts = read_swanctl_conf("swanctl.conf", text)
    assert pairs(facts) == default_pairs("swanctl") | {("aes-cbc", "sha1-96")}
    assert facts.problems == [(5, "'}' closes no section")]
    unclosed = read_swanctl_conf("swanctl.conf", "connections {\n  c {\n")
    assert unclosed.problems == [(3, "section 'c' is not closed")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("conf setup=esp!-,+;{}:#\"\n\t aes_gcm123%"))))
def test_readers_never_raise(text: str) -> None:
    """Any text at all gives facts, never an exception."""
    for read in (read_ipsec_conf, read_swanctl_conf):
        facts = read("fuzz", text)
        assert all(isinstance(line, int) for line, _ in facts.problems)


def test_every_corpus_file_reads(corpus: Path) -> None:
    """Every public ipsec.conf in the corpus reads without an exception."""
    files = sorted((corpus / "ipsec").iterdir())
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        facts = read_ipsec_conf(str(path), text)
        assert facts.dialect in {"strongswan", "libreswan"}
        assert all(isinstance(p, Proposal) for p in facts.proposals)
        assert facts.natt in {True, False, None} and facts.outer in {"ipv4", "ipv6", None}
        assert read_swanctl_conf(str(path), text).dialect == "swanctl"


@pytest.mark.parametrize("text", ["", "\x00\x01\x02", "conn\n", "  =\n", "}}}{{{"])
def test_odd_input(text: str) -> None:
    """Empty, binary and broken input give empty facts."""
    assert read_ipsec_conf("x", text).proposals == []
    assert read_swanctl_conf("x", text).proposals == []


def test_empty_conn_gets_defaults() -> None:
    """A conn that sets nothing negotiates the daemon's defaults."""
    facts = read_ipsec_conf("x", "conn x\n  =\n")
    assert pairs(facts) == default_pairs("strongswan") and facts.problems == []
