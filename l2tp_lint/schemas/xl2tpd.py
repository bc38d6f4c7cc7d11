"""xl2tpd 1.3.18 configuration keys (file.c ``words[]``), as data."""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "1.3.18"

# Section kinds, compared case-insensitively by xl2tpd.
GLOBAL, LNS, LAC = "global", "lns", "lac"
SECTION_KINDS = (GLOBAL, LNS, LAC)

# Value types.  How xl2tpd reads each one (file.c):
#   yesno  - yes/y/true or no/n/false, any case (yesno())
#   int    - atoi(): leading number, trailing junk ignored, text gives 0
#   host   - gethostbyname() at start-up: dotted quad or a name that resolves
#   range  - "host" or "host - host" (set_range)
#   string - copied into a 100-byte field: 99 bytes survive intact
#   path   - a string naming a file
#   lns    - "host[:port]", not resolved when read
#   rand   - dev, sys or egd (first three bytes compared)
YESNO, INT, HOST, RANGE, STRING, PATH, HOSTPORT, RAND = (
    "yesno", "int", "host", "range", "string", "path", "lns", "rand",
)
YES_WORDS = ("yes", "y", "true")
NO_WORDS = ("no", "n", "false")
STRING_LIMIT = 99


@dataclass(frozen=True, slots=True)
class Key:
    """One key of xl2tpd.conf."""

    name: str
    sections: frozenset[str]
    value: str
    default: str
    summary: str
    repeats: bool = False       # each occurrence adds to a list
    minimum: int | None = None  # checked by the handler before anything else
    alias_of: str | None = None


def _key(name: str, where: str, value: str, default: str, summary: str,
         **extra: object) -> Key:
    sections = frozenset({"g": GLOBAL, "n": LNS, "c": LAC}[s] for s in where)
    return Key(name, sections, value, default, summary, **extra)  # type: ignore[arg-type]


_KEYS = (
    _key("listen-addr", "g", HOST, "0.0.0.0", "address the UDP socket binds to"),
    _key("port", "g", INT, "1701", "UDP port"),
    _key("saref refinfo", "g", INT, "30", "socket option number used for SAref"),
    _key("rand source", "g", RAND, "dev", "entropy for tunnel and call ids"),
    _key("auth file", "g", PATH, "/etc/xl2tpd/l2tp-secrets",
         "secrets for L2TP tunnel authentication (challenge)"),
    _key("exclusive", "n", YESNO, "no", "has no effect"),
    _key("autodial", "c", YESNO, "no", "dial when xl2tpd starts"),
    _key("redial", "c", YESNO, "no", "dial again when the tunnel goes down"),
    _key("redial timeout", "c", INT, "30", "seconds before dialling again",
         minimum=1),
    _key("lns", "c", HOSTPORT, "", "LNS to dial (only the first is used)",
         repeats=True),
    _key("max redials", "c", INT, "0", "give up after this many redials",
         minimum=1),
    _key("access control", "g", YESNO, "no",
         "refuse peers that no lac rule allows"),
    _key("force userspace", "g", YESNO, "no", "never use kernel L2TP"),
    _key("ip range", "n", RANGE, "", "pool of addresses for peers",
         repeats=True),
    _key("no ip range", "n", RANGE, "", "addresses taken out of the pool",
         repeats=True),
    _key("debug avp", "g", YESNO, "no", "log AVPs"),
    _key("debug network", "g", YESNO, "no", "log network events"),
    _key("debug packet", "g", YESNO, "no", "dump packets to stdout"),
    _key("debug tunnel", "g", YESNO, "no", "log tunnel events"),
    _key("debug state", "g", YESNO, "no", "log state changes"),
    _key("ipsec saref", "g", YESNO, "no",
         "SAref processing; any such line forces userspace mode in 1.3.2-1.3.18"),
    _key("lac", "n", RANGE, "", "peers allowed to use this LNS", repeats=True),
    _key("no lac", "n", RANGE, "", "peers refused by this LNS", repeats=True),
    _key("assign ip", "n", YESNO, "yes", "hand peers an address from the pool"),
    _key("local ip", "nc", HOST, "", "our end of the PPP link"),
    _key("local ip range", "n", RANGE, "",
         "pool for our end of the PPP link", repeats=True),
    _key("remote ip", "c", HOST, "", "the peer's end of the PPP link"),
    _key("defaultroute", "c", YESNO, "no", "pass defaultroute to pppd"),
    _key("length bit", "nc", YESNO, "no", "send the length field on data"),
    _key("hidden bit", "nc", YESNO, "no",
         "adds a random vector AVP; hides nothing"),
    _key("require pap", "nc", YESNO, "no", "pppd require-pap (with auth)"),
    _key("require chap", "nc", YESNO, "no", "pppd require-chap (with auth)"),
    _key("require authentication", "nc", YESNO, "no", "pppd auth"),
    _key("require auth", "nc", YESNO, "no", "pppd auth",
         alias_of="require authentication"),
    _key("refuse pap", "nc", YESNO, "no", "pppd refuse-pap"),
    _key("refuse chap", "nc", YESNO, "no", "pppd refuse-chap"),
    _key("refuse authentication", "nc", YESNO, "no",
         "pppd refuse-pap refuse-chap"),
    _key("refuse auth", "nc", YESNO, "no", "pppd refuse-pap refuse-chap",
         alias_of="refuse authentication"),
    _key("unix authentication", "n", YESNO, "no", "pppd login"),
    _key("unix auth", "n", YESNO, "no", "pppd login",
         alias_of="unix authentication"),
    _key("name", "nc", STRING, "", "pppd name (the PPP name)"),
    _key("hostname", "nc", STRING, "(system host name)",
         "L2TP host name sent to the peer"),
    _key("ppp debug", "nc", YESNO, "no", "pppd debug"),
    _key("pass peer", "nc", YESNO, "no", "pppd ipparam with the peer address"),
    _key("pppoptfile", "nc", PATH, "", "pppd options file (pppd file)"),
    _key("call rws", "nc", INT, "4", "has no effect", minimum=-1),
    _key("tunnel rws", "nc", INT, "4", "receive window advertised",
         minimum=-1),
    _key("flow bit", "nc", YESNO, "no", "has no effect"),
    _key("challenge", "nc", YESNO, "no", "L2TP tunnel authentication"),
    _key("tx bps", "nc", INT, "10000000 (lns), 0 (lac)",
         "transmit speed reported to the peer", minimum=1),
    _key("rx bps", "nc", INT, "10000000 (lns), 0 (lac)",
         "receive speed reported to the peer", minimum=1),
    _key("bps", "nc", INT, "10000000 (lns), 0 (lac)",
         "both speeds reported to the peer", minimum=1),
    _key("max retries", "g", INT, "5", "control retransmissions"),
    _key("cap backoff", "g", INT, "0", "has no effect"),
)

KEYS: dict[str, Key] = {key.name: key for key in _KEYS}
