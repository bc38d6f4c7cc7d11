"""MTU and MRU against the L2TP/IPsec budget: PPP packets that outgrow one ESP packet.

A PPP packet travels as outer IP | UDP 4500 (NAT-T) | ESP | UDP 1701 | L2TP |
PPP | payload | ESP trailer | ICV.  When it does not fit the path, the ESP
packet is fragmented: a second source of loss and reordering.  The budget
comes from l2tp_lint.overhead; the proposals from the IPsec configuration
found beside the setup, from --esp, or from the IKE daemons' defaults.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from l2tp_lint import overhead
from l2tp_lint.findings import Finding, Fix, Severity
from l2tp_lint.pppd_options import PppdOptions
from l2tp_lint.rules import Context, Doc, Example, Rule, first_line
from l2tp_lint.rules.common import add_option, at_word, missing, set_argument
from l2tp_lint.schemas.pppd_values import parse_int
from l2tp_lint.setup import Call, Setting

DEFAULT_SIZE = 1500  # pppd's DEFMRU: what it uses when mtu/mru are absent
IPV6_MINIMUM = 1280
# mru may sit this far below mtu: the peer's L2TP header can be longer than ours.
HEADER_GAP = overhead.L2TP_HEADER_PEER_MAX - overhead.L2TP_HEADER_OURS


@dataclass(frozen=True, slots=True)
class Network:
    """The path and the ESP proposals the budget is computed for."""

    path: overhead.Path
    proposals: list[overhead.Proposal]
    source: str

    def budget(self, l2tp_header: int) -> overhead.Budget:
        """Return the worst-case budget for an L2TP header size."""
        return overhead.budget(self.proposals, self.path, l2tp_header)


def network(context: Context) -> Network:
    """Work out the path and proposals from assumptions, IPsec files, defaults."""
    assumptions = context.assumptions
    facts = [fact for fact in context.ipsec if getattr(fact, "proposals", None)]
    if assumptions.esp:
        proposals = [p for text in assumptions.esp for p in parse_esp(text)]
        source = "--esp"
    elif facts:
        proposals = [p for fact in facts for p in fact.proposals]  # type: ignore[attr-defined]
        source = ", ".join(fact.path for fact in facts)  # type: ignore[attr-defined]
    else:
        proposals = overhead.DEFAULT_PROPOSALS["strongswan"] \
            + overhead.DEFAULT_PROPOSALS["libreswan"]
        source = "the strongSwan and libreswan defaults"
    outer = assumptions.outer or ("ipv6" if any(getattr(f, "outer", None) == "ipv6"
                                                for f in facts) else "ipv4")
    natt = assumptions.natt
    if natt is None:
        natt = not (facts and all(getattr(f, "natt", None) is False for f in facts))
    return Network(overhead.Path(assumptions.path_mtu, outer, natt), proposals, source)


def parse_esp(text: str) -> list[overhead.Proposal]:
    """Read a proposal in strongSwan syntax, or else libreswan's."""
    try:
        return overhead.parse_proposals(text, "strongswan")
    except ValueError:
        return overhead.parse_proposals(text, "libreswan")


@dataclass(slots=True)
class _Subject:
    """Options in effect for one pppd start: a section's call or a lone file."""

    settings: list[Setting]
    calls: list[Call]
    document: PppdOptions | None

    def last(self, name: str) -> Setting | None:
        found = [s for s in self.settings if s.name == name]
        return found[-1] if found else None

    def size(self, name: str) -> int:
        setting = self.last(name)
        value = parse_int(setting.value) if setting and setting.value else None
        return value if value is not None else DEFAULT_SIZE


def subjects(context: Context) -> Iterator[_Subject]:
    """Yield each section's call, and each pppd file no section uses."""
    from l2tp_lint.checks.pppd_load import options

    for call in context.calls():
        yield _Subject(call.settings, [call], None)
    for document in context.pppd_files:
        channel = context.standalone.get(document.path)
        if channel is None or channel == "system":
            continue
        settings = [Setting(use.name, use.argument.value if use.argument else None,
                            document.path, use, document)
                    for use in options(document, channel)]
        yield _Subject(settings, [], document)


def _sequencing(subject: _Subject) -> bool:
    return subject.last("pppol2tp_send_seq") is not None


def _too_big(rule: Rule, subject: _Subject, name: str, budget: overhead.Budget,
             net: Network) -> Iterator[Finding]:
    size = subject.size(name)
    if size <= budget.size:
        return
    packet = overhead.packet_size(size, net.path, budget.proposal, budget.l2tp_header)
    where = f"on a {net.path.mtu}-byte path ({budget.proposal.label()}" \
            f"{', NAT-T' if net.path.natt else ''}{', IPv6' if net.path.outer == 'ipv6' else ''})"
    setting = subject.last(name)
    note = f"{name} {budget.size}: the largest that fits one ESP packet ({rule.code})"
    if setting is not None and setting.use is not None and setting.document is not None:
        message = f"{name} {size} gives {packet}-byte ESP packets {where}; {budget.size} fits"
        yield at_word(rule, setting.document, setting.use.word, message,
                      _size_fix(subject, setting, f"{name} {budget.size}", note))
        return
    message = (f"no {name}: pppd uses {DEFAULT_SIZE}, which gives {packet}-byte ESP packets "
               f"{where}; set '{name} {budget.size}'")
    if subject.document is not None:
        finding = rule.finding(subject.document.path, first_line(subject.document), message)
        yield replace(finding, fix=add_option(subject.document, f"{name} {budget.size}", note))
    else:
        yield from missing(rule, subject.calls, message + " ({sections})",
                           lambda document: add_option(document, f"{name} {budget.size}", note))


def _size_fix(subject: _Subject, setting: Setting, line: str, note: str) -> Fix | None:
    """Set the value where it stands, or, when it comes from a wider file, add it narrower."""
    narrowest = subject.document or (subject.calls[0].options_file if subject.calls else None)
    document = setting.document
    assert document is not None and setting.use is not None
    if narrowest is not None and narrowest.path != document.path:
        return add_option(narrowest, line, note)
    argument = setting.use.argument
    if argument is None:
        return None
    return set_argument(document, argument, line.split()[1], note)


def check_mtu(context: Context) -> Iterator[Finding]:
    """C501: mtu larger than what one ESP packet carries with our L2TP header."""
    net = network(context)
    for subject in subjects(context):
        header = overhead.L2TP_HEADER_OURS_SEQ if _sequencing(subject) \
            else overhead.L2TP_HEADER_OURS
        yield from _too_big(MTU, subject, "mtu", net.budget(header), net)


def check_mru(context: Context) -> Iterator[Finding]:
    """C502: mru larger than what one ESP packet carries with the peer's header."""
    net = network(context)
    for subject in subjects(context):
        budget = net.budget(overhead.L2TP_HEADER_PEER_MAX)
        yield from _too_big(MRU, subject, "mru", budget, net)


def check_pair(context: Context) -> Iterator[Finding]:
    """C503: only one of mtu and mru set, or the two differ."""
    for subject in subjects(context):
        mtu, mru = subject.last("mtu"), subject.last("mru")
        if mtu is None and mru is None:
            continue
        gap = abs(subject.size("mtu") - subject.size("mru"))
        if mtu is not None and mru is not None and gap <= HEADER_GAP:
            continue
        setting = mtu or mru
        assert setting is not None
        if setting.use is None or setting.document is None:
            continue
        text = (f"mtu {subject.size('mtu')} and mru {subject.size('mru')} differ"
                if mtu is not None and mru is not None else
                f"only {setting.name} is set; the other stays at {DEFAULT_SIZE}")
        yield at_word(PAIR, setting.document, setting.use.word,
                      text + ": set each to its budget ('l2tp-lint mtu' shows them)")


def check_ipv6(context: Context) -> Iterator[Finding]:
    """C504: mtu or mru below 1280 while IPv6 may run over the link."""
    for subject in subjects(context):
        if subject.last("noipv6") is not None:
            continue
        for name in ("mtu", "mru"):
            setting = subject.last(name)
            if setting is None or setting.use is None or setting.document is None:
                continue
            if subject.size(name) < IPV6_MINIMUM:
                yield at_word(IPV6, setting.document, setting.use.word,
                              f"{name} {subject.size(name)} is below IPv6's minimum of "
                              f"{IPV6_MINIMUM}, and pppd 2.4.9 negotiates IPv6 by default; "
                              "raise it or add 'noipv6'")


_CONF = "[lns default]\nrequire authentication = yes\npppoptfile = /etc/ppp/options.xl2tpd\n"
_IPSEC = ("conn l2tp-psk\n  type=transport\n  left=%defaultroute\n  leftprotoport=17/1701\n"
          "  right=%any\n  rightprotoport=17/%any\n  esp=aes256-sha2_512!\n  auto=add\n")


def _setup(options: str) -> Example:
    return Example({"etc/xl2tpd/xl2tpd.conf": _CONF, "etc/ipsec.conf": _IPSEC,
                    "etc/ppp/options.xl2tpd": options})


_LIMITS = ("The path MTU is assumed to be 1500 (--path-mtu), NAT-T on unless the IPsec "
           "configuration rules it out (--no-natt), IPv4 outside unless the IPsec "
           "addresses are IPv6 (--outer).  Proposals come from ipsec.conf or swanctl.conf "
           "under the root or beside the setup, else from --esp, else from the strongSwan "
           "and libreswan defaults; the worst proposal that can be negotiated sets the "
           "budget.")

MTU = Rule(
    "C501", "mtu-over-budget", Severity.WARNING,
    "an mtu whose PPP packets do not fit one ESP packet on the path", "setup",
    Doc(why="Each PPP packet becomes one L2TP packet inside one ESP packet.  When that is "
        "larger than the path MTU, the ESP packet is fragmented; fragments get lost and "
        "reordered, and with sequenced data the kernel drops what arrives out of order.",
        bad=_setup("mtu 1460\nmru 1460\n"), good=_setup("mtu 1388\nmru 1382\n"),
        fix="Set mtu to the budget the message states (a safe fix: pppd accepts it and "
            "only the packet size changes).", limits=_LIMITS),
    check_mtu)

MRU = Rule(
    "C502", "mru-over-budget", Severity.WARNING,
    "an mru that lets the peer send PPP packets larger than one ESP packet", "setup",
    Doc(why="The mru tells the peer how large a packet it may send.  The peer's L2TP "
        "header may carry length and sequence fields (up to 12 bytes), so its packets "
        "need a smaller budget than ours.",
        bad=_setup("mtu 1388\nmru 1460\n"), good=_setup("mtu 1388\nmru 1382\n"),
        fix="Set mru to the budget the message states.", limits=_LIMITS),
    check_mru)

PAIR = Rule(
    "C503", "mtu-mru-mismatch", Severity.INFO,
    "only one of mtu and mru set, or the two far apart", "setup",
    Doc(why="A budget set for one direction only leaves the other at 1500, and two "
        "values far apart usually mean one was changed and the other forgotten.",
        bad=_setup("mtu 1280\n"), good=_setup("mtu 1388\nmru 1382\n"),
        fix="Set both to their budgets.",
        limits="A difference of up to 6 bytes is expected and not reported: the peer's "
               "L2TP header may be 6 bytes longer than ours, so the mru budget is lower."),
    check_pair)

IPV6 = Rule(
    "C504", "mtu-below-ipv6-minimum", Severity.INFO,
    "an mtu or mru below 1280 while IPv6 may run over the link", "setup",
    Doc(why="IPv6 needs links of at least 1280 bytes (RFC 8200); pppd 2.4.9 negotiates "
        "IPv6CP by default.",
        bad=_setup("mtu 1200\nmru 1200\n"), good=_setup("mtu 1280\nmru 1280\n"),
        fix="Raise mtu/mru to 1280 or more, or add 'noipv6'."),
    check_ipv6)

RULES = [MTU, MRU, PAIR, IPV6]
