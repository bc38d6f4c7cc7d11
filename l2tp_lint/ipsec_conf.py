"""What an IPsec configuration says about the ESP that carries L2TP.

ipsec.conf (strongSwan's starter, libreswan, openswan) and strongSwan's
swanctl.conf are read just far enough to learn which ESP transforms an L2TP
connection can negotiate, whether NAT-T is forced or ruled out, and the outer
IP version.  Nothing here raises on bad input: text that cannot be read is
reported in ``IpsecFacts.problems`` and the daemon's defaults stand in for it.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from l2tp_lint.overhead import DEFAULT_PROPOSALS, Proposal, parse_proposals

_Setting = tuple[str, int]   # value, line


@dataclass(frozen=True, slots=True)
class IpsecFacts:
    """The ESP facts of one IPsec configuration file."""

    path: str
    dialect: str                      # 'strongswan', 'libreswan' or 'swanctl'
    proposals: list[Proposal]         # every transform an L2TP connection can negotiate
    natt: bool | None                 # True forced, False ruled out, None either
    outer: str | None                 # 'ipv4', 'ipv6', or None when unknown
    problems: list[tuple[int, str]]   # (line, message) for text that cannot be read


@dataclass(slots=True)
class _Connection:
    """One connection (or swanctl child) with its settings resolved."""

    name: str
    settings: dict[str, _Setting]
    setup: dict[str, _Setting] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        """Return a setting's value, lower-cased, or default."""
        return self.settings.get(key, (default, 0))[0].lower()


# ---------------------------------------------------------------- shared pieces


def _yes(value: str) -> bool:
    """Return whether a setting value means yes."""
    return value.lower() in {"yes", "true", "1", "on", "y"}


def _family(addresses: Iterable[str]) -> str | None:
    """Return 'ipv6' or 'ipv4' when the address settings show it, else None."""
    families = {_address_family(word) for text in addresses
                for word in re.split(r"[\s,]+", text) if word}
    for family in ("ipv6", "ipv4"):
        if family in families:
            return family
    return None


def _address_family(word: str) -> str | None:
    """Return the family of one address, subnet or %-keyword, if it shows one."""
    lowered = word.lower()
    if lowered in {"%any6", "%defaultroute6"}:
        return "ipv6"
    if lowered in {"%any4", "%defaultroute"}:
        return "ipv4"
    try:
        network = ipaddress.ip_network(word, strict=False)
    except ValueError:
        return None
    return f"ipv{network.version}"


def _carries_l2tp(name: str, *selectors: str) -> bool:
    """Return whether a connection's name or traffic selectors point at L2TP."""
    return "l2tp" in name.lower() or any("1701" in text for text in selectors)


def _truncate_sha256(proposals: list[Proposal]) -> list[Proposal]:
    """Return the proposals with HMAC-SHA2-256 cut to the 96-bit draft length."""
    return [Proposal(p.cipher, "sha2-256-96", p.written) if p.integrity == "sha2-256-128"
            else p for p in proposals]


def _merge(groups: Iterable[list[Proposal]]) -> list[Proposal]:
    """Return the proposals of several connections, each pair once."""
    seen: set[tuple[str, str]] = set()
    merged = []
    for proposal in (p for group in groups for p in group):
        if (proposal.cipher, proposal.integrity) not in seen:
            seen.add((proposal.cipher, proposal.integrity))
            merged.append(proposal)
    return merged


def _natt(values: list[bool | None]) -> bool | None:
    """Return NAT-T for the file: forced anywhere, ruled out everywhere, else unknown."""
    if True in values:
        return True
    if values and all(value is False for value in values):
        return False
    return None


def _outer(values: list[str | None]) -> str | None:
    """Return the outer IP version for the file; IPv6 wins, being larger."""
    for family in ("ipv6", "ipv4"):
        if family in values:
            return family
    return None


class _ProposalReader:
    """Reads proposal text once per line, keeping what cannot be read."""

    def __init__(self, dialect: str, fallback: str | None) -> None:
        self.dialect = dialect
        self.fallback = fallback   # a second dialect to try when the first is a guess
        self.problems: dict[int, str] = {}
        self.cache: dict[tuple[str, int], list[Proposal]] = {}

    def read(self, key: str, setting: _Setting) -> list[Proposal]:
        """Return the readable proposals of one setting; [] when none can be read."""
        if (key, setting[1]) not in self.cache:
            self.cache[key, setting[1]] = self._read(key, *setting)
        return self.cache[key, setting[1]]

    def _read(self, key: str, text: str, line: int) -> list[Proposal]:
        """Read a proposal list piece by piece."""
        found: list[Proposal] = []
        errors = []
        for piece in text.strip().removesuffix("!").split(","):
            try:
                found += self._parse(piece)
            except ValueError as error:
                errors.append(str(error))
        if errors:
            self.problems.setdefault(line, f"{key}: {'; '.join(errors)}")
        return found

    def _parse(self, piece: str) -> list[Proposal]:
        """Parse one proposal in the file's dialect, or the fallback one."""
        try:
            return parse_proposals(piece, self.dialect)
        except ValueError:
            if self.fallback is None:
                raise
        try:
            return parse_proposals(piece, self.fallback)
        except ValueError:
            pass
        return parse_proposals(piece, self.dialect)   # raise the first dialect's error


# ---------------------------------------------------------------- ipsec.conf


@dataclass(slots=True)
class _Section:
    """One 'config', 'conn' or 'ca' section as written."""

    kind: str
    name: str
    settings: dict[str, _Setting] = field(default_factory=dict)
    also: list[str] = field(default_factory=list)


_HEADER = re.compile(r"(config|conn|ca)\s+(\S+)\s*$")
_ASSIGNMENT = re.compile(r"([A-Za-z0-9_.+-]+)\s*=\s*(.*)$")


def _strip_comment(line: str) -> str:
    """Return a line without its '#' comment; a '#' inside quotes stays."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "#" and not quoted:
            return line[:index]
    return line


def _unquote(value: str) -> str:
    """Return a value without surrounding double quotes."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def _sections(text: str) -> list[_Section]:
    """Split ipsec.conf text into sections; lines outside any section are dropped."""
    sections: list[_Section] = []
    current: _Section | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).rstrip()
        header = _HEADER.match(line)
        if header:
            current = _Section(header.group(1), header.group(2))
            sections.append(current)
            continue
        assignment = _ASSIGNMENT.match(line.strip())
        if current is None or assignment is None:
            continue
        key, value = assignment.group(1).lower(), _unquote(assignment.group(2))
        if key == "also":
            current.also.append(value)
        else:
            current.settings[key] = (value, number)
    return sections


_LIBRESWAN_KEYS = frozenset({
    "protostack", "nat_traversal", "virtual_private", "virtual-private", "oe", "phase2alg",
    "phase2", "ikev2", "encapsulation", "sha2-truncbug", "sha2_truncbug", "salifetime",
    "ikev1-policy", "nat-ikev1-method", "remote_peer_type", "leftnexthop", "rightnexthop",
    "pfs", "plutodebug", "klipsdebug", "interfaces", "dumpdir", "plutostderrlog",
    "hostaddrfamily", "connaddrfamily", "nhelpers", "aggrmode", "narrowing",
})
_STRONGSWAN_KEYS = frozenset({
    "charondebug", "sha256_96", "leftauth", "rightauth", "leftauth2", "rightauth2",
    "reauth", "closeaction", "margintime", "eap_identity", "aaa_identity",
    "xauth_identity", "leftfirewall", "rightfirewall", "lefthostaccess",
    "righthostaccess", "leftallowany", "rightallowany", "leftgroups", "rightgroups",
    "tfc", "reqid", "mark", "mark_in", "mark_out", "installpolicy", "lifebytes",
    "lifepackets", "marginbytes", "marginpackets", "ikedscp", "mediation", "mediated_by",
    "me_peerid", "rekeyfuzz", "keyexchange", "forceencaps",
})
_LIBRESWAN_SUITE = re.compile(r"aes_|chacha20_|3des_|[;+]|(^|-)sha2(-|,|$)", re.IGNORECASE)
_STRONGSWAN_SUITE = re.compile(r"aes\d+(gcm|ccm|ctr|gmac)|chacha20poly1305|camellia\d+ctr")


def _dialect_votes(sections: list[_Section], text: str) -> tuple[int, int]:
    """Return (libreswan, strongswan) votes from the keys and spellings used."""
    libreswan = strongswan = 0
    for section in sections:
        for key, (value, _) in section.settings.items():
            libreswan += key in _LIBRESWAN_KEYS
            strongswan += key in _STRONGSWAN_KEYS
            if key in {"ike", "esp", "phase2alg"}:
                libreswan += bool(_LIBRESWAN_SUITE.search(value))
                strongswan += bool(_STRONGSWAN_SUITE.search(value))
            libreswan += value.startswith(("vhost:", "%v4:", "%v6:"))
    head = text[:400].lower()
    libreswan += 3 * ("libreswan" in head or "openswan" in head)
    strongswan += 3 * ("strongswan" in head)
    libreswan += bool(re.search(r"^version\s+2", text, re.MULTILINE))
    return libreswan, strongswan


def _detect(sections: list[_Section], text: str) -> tuple[str, bool]:
    """Return the ipsec.conf dialect and whether the votes were clear."""
    libreswan, strongswan = _dialect_votes(sections, text)
    if libreswan == strongswan:
        return "strongswan", False
    return ("libreswan" if libreswan > strongswan else "strongswan"), True


def _ancestry(section: _Section, conns: dict[str, _Section], dialect: str,
              seen: set[str]) -> list[_Section]:
    """Return the sections named by also=, nearest and strongest first."""
    # strongSwan lets a later also= override an earlier one (conf_parser.c,
    # resolve_also_single); libreswan keeps the first value it meets.
    names = section.also[::-1] if dialect == "strongswan" else section.also
    found: list[_Section] = []
    for name in names:
        parent = conns.get(name)
        if parent is None or name in seen:
            continue
        seen.add(name)
        found += [parent] + _ancestry(parent, conns, dialect, seen)
    return found


def _resolve(section: _Section, conns: dict[str, _Section], dialect: str) -> dict[str, _Setting]:
    """Return a conn's settings with also= sections and conn %default filled in."""
    chain = [section] + _ancestry(section, conns, dialect, {section.name})
    if "%default" in conns:
        chain.append(conns["%default"])
    settings: dict[str, _Setting] = {}
    for link in chain:
        for key, setting in link.settings.items():
            settings.setdefault(key, setting)
    return settings


def read_ipsec_conf(path: str, text: str) -> IpsecFacts:
    """Return the ESP facts of an ipsec.conf (strongSwan, libreswan or openswan)."""
    sections = _sections(text)
    dialect, sure = _detect(sections, text)
    other = "libreswan" if dialect == "strongswan" else "strongswan"
    reader = _ProposalReader(dialect, None if sure else other)
    conns = {s.name: s for s in sections if s.kind == "conn"}
    for section in conns.values():   # report every unreadable line, used or not
        for key in ("esp", "phase2alg"):
            if key in section.settings:
                reader.read(key, section.settings[key])

    setup = {k: v for s in sections if s.kind == "config" for k, v in s.settings.items()}
    resolved = [_Connection(name, _resolve(s, conns, dialect), setup)
                for name, s in conns.items() if name != "%default"]
    chosen = _l2tp_connections([c for c in resolved if _uses_esp(c)])
    return IpsecFacts(
        path=path, dialect=dialect,
        proposals=_merge(_conn_proposals(c, dialect, reader) for c in chosen),
        natt=_natt([_conn_natt(c, dialect) for c in chosen]),
        outer=_outer([_conn_outer(c) for c in chosen]),
        problems=sorted(reader.problems.items()),
    )


def _uses_esp(conn: _Connection) -> bool:
    """Return whether a conn sets up ESP (not a bypass, a drop or AH alone)."""
    if conn.get("type", "tunnel") in {"passthrough", "pass", "drop", "reject"}:
        return False
    return conn.get("phase2", "esp") != "ah" and not ("ah" in conn.settings
                                                      and "esp" not in conn.settings)


def _l2tp_connections(conns: list[_Connection]) -> list[_Connection]:
    """Return the conns that carry L2TP, or the best guess at them."""
    def l2tp(conn: _Connection) -> bool:
        return _carries_l2tp(conn.name, conn.get("leftprotoport"), conn.get("rightprotoport"))

    transport = [c for c in conns if c.get("type", "tunnel") == "transport"]
    for tier in ([c for c in transport if l2tp(c)], transport, conns):
        if tier:
            return tier
    return []


def _conn_proposals(conn: _Connection, dialect: str,
                    reader: _ProposalReader) -> list[Proposal]:
    """Return every ESP transform one conn can negotiate."""
    key = "esp" if "esp" in conn.settings or dialect == "strongswan" else "phase2alg"
    defaults = DEFAULT_PROPOSALS[_default_key(conn, dialect)]
    setting = conn.settings.get(key)
    proposals = reader.read(key, setting) if setting else []
    if not proposals:
        proposals = list(defaults)
    elif dialect == "strongswan" and not conn.get(key).strip().endswith("!"):
        # the daemon appends its default proposals unless the list ends in '!'
        # (stroke_config.c, add_proposals)
        proposals = _merge([proposals, defaults])
    truncbug = conn.get("sha2-truncbug", conn.get("sha2_truncbug"))
    if _yes(conn.get("sha256_96")) or _yes(truncbug):
        proposals = _truncate_sha256(proposals)
    return proposals


def _default_key(conn: _Connection, dialect: str) -> str:
    """Return the DEFAULT_PROPOSALS key for a conn, by its IKE version for libreswan."""
    if dialect == "strongswan":
        return "strongswan"
    ikev2, exchange = conn.get("ikev2"), conn.get("keyexchange")
    if ikev2 in {"never", "no"} or exchange == "ikev1":
        return "libreswan-ikev1"
    if ikev2 == "insist" or exchange == "ikev2":
        return "libreswan-ikev2"
    return "libreswan"


def _conn_natt(conn: _Connection, dialect: str) -> bool | None:
    """Return whether a conn forces NAT-T (True), rules it out (False), or neither."""
    encapsulation = conn.get("encapsulation")
    if encapsulation == "yes" or _yes(conn.get("forceencaps")):
        return True
    if dialect == "strongswan":   # strongSwan cannot turn NAT-T off
        return None
    if encapsulation == "no":
        return False
    traversal = conn.setup.get("nat_traversal", ("", 0))[0]
    return False if traversal.lower() == "no" else None


def _conn_outer(conn: _Connection) -> str | None:
    """Return the outer IP version of a conn from its addresses."""
    for key in ("hostaddrfamily", "connaddrfamily"):
        if conn.get(key) in {"ipv4", "ipv6"}:
            return conn.get(key)
    return _family([conn.get("left"), conn.get("right")])


# ---------------------------------------------------------------- swanctl.conf

_SWANCTL_TOKEN = re.compile(r"""
    (?P<newline>\n) | (?P<space>[ \t\r]+) | (?P<comment>\#[^\n]*)
  | (?P<open>\{) | (?P<close>\}) | (?P<colon>:)
  | =[ \t]*(?P<value>"(?:[^"\\]|\\.)*"|[^\n#{}]*)
  | (?P<name>[^\s{}=:#"]+) | (?P<other>.)
""", re.VERBOSE)


def _swanctl_settings(text: str) -> tuple[dict[tuple[str, ...], _Setting],
                                          list[tuple[int, str]]]:
    """Return swanctl.conf settings keyed by their section path, and any problems."""
    settings: dict[tuple[str, ...], _Setting] = {}
    problems: list[tuple[int, str]] = []
    text = re.sub(r"(?m)^[ \t]*include[ \t][^\n]*", "", text)   # keeps the line count
    stack: list[str] = []
    words: list[str] = []      # names seen since the last '{', '}' or setting
    line = 1
    for token in _SWANCTL_TOKEN.finditer(text):
        kind = token.lastgroup
        if kind == "newline":
            line += 1
        elif kind == "name":
            words.append(token.group())
        elif kind == "value" and words:
            settings[(*stack, words[-1])] = (_unquote(token.group("value")), line)
            line += token.group().count("\n")
            words = []
        elif kind == "open":
            stack.append(words[0] if words else "")
            words = []
        elif kind == "close":
            if not stack:
                problems.append((line, "'}' closes no section"))
            stack, words = stack[:-1], []
    if stack:
        problems.append((line, f"section '{stack[-1]}' is not closed"))
    return settings, problems


def _swanctl_children(settings: dict[tuple[str, ...], _Setting]) -> list[_Connection]:
    """Return each children.<child> section with its connection's settings."""
    children: dict[tuple[str, str], dict[str, _Setting]] = {}
    conns: dict[str, dict[str, _Setting]] = {}
    for key, setting in settings.items():
        if len(key) == 3 and key[0] == "connections":
            conns.setdefault(key[1], {})[key[2]] = setting
        elif len(key) == 5 and key[0] == "connections" and key[2] == "children":
            children.setdefault((key[1], key[3]), {})[key[4]] = setting
    found = []
    for (conn, child), own in children.items():
        merged = {**{f"conn.{k}": v for k, v in conns.get(conn, {}).items()}, **own}
        found.append(_Connection(f"{conn}.{child}", merged))
    return found


def read_swanctl_conf(path: str, text: str) -> IpsecFacts:
    """Return the ESP facts of a strongSwan swanctl.conf."""
    settings, problems = _swanctl_settings(text)
    reader = _ProposalReader("swanctl", None)
    children = _swanctl_children(settings)
    for child in children:   # report every unreadable line, used or not
        if "esp_proposals" in child.settings:
            reader.read("esp_proposals", child.settings["esp_proposals"])

    with_esp = [c for c in children if "esp_proposals" in c.settings
                or "ah_proposals" not in c.settings]
    chosen = _swanctl_l2tp(with_esp)
    return IpsecFacts(
        path=path, dialect="swanctl",
        proposals=_merge(_child_proposals(c, reader) for c in chosen),
        natt=_natt([True if _yes(c.get("conn.encap")) else None for c in chosen]),
        outer=_outer([_family([c.get("conn.local_addrs"), c.get("conn.remote_addrs")])
                      for c in chosen]),
        problems=sorted(problems + list(reader.problems.items())),
    )


def _swanctl_l2tp(children: list[_Connection]) -> list[_Connection]:
    """Return the children that carry L2TP, or the best guess at them."""
    transport = [c for c in children if c.get("mode", "tunnel") == "transport"]
    l2tp = [c for c in transport
            if _carries_l2tp(c.name, c.get("local_ts"), c.get("remote_ts"))]
    for tier in (l2tp, transport, children):
        if tier:
            return tier
    return []


def _child_proposals(child: _Connection, reader: _ProposalReader) -> list[Proposal]:
    """Return every ESP transform one swanctl child can negotiate."""
    setting = child.settings.get("esp_proposals")
    proposals = reader.read("esp_proposals", setting) if setting else []
    if not proposals:
        proposals = list(DEFAULT_PROPOSALS["swanctl"])
    if _yes(child.get("sha256_96")):
        proposals = _truncate_sha256(proposals)
    return proposals
