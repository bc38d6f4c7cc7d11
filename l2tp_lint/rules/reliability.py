"""Reliability: sessions that linger, calls refused, pools and sections that misbehave.

xl2tpd 1.3.18 hands out peer addresses from the section's ranges in file order
(aaa.c, get_addr): an address is free when the last range that holds it is an
allow range, and one table of addresses in use serves every section.  It
picks an [lns] by its 'lac' rules and falls back to [lns default] (aaa.c,
get_lns).  pppd checks that the peer is alive only with LCP echoes (lcp.c);
xl2tpd itself sends a Hello every 60 s and closes the tunnel once 'max
retries' retransmissions go unanswered (network.c, control_xmit).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from l2tp_lint.checks.xl2tpd_load import short_range_end
from l2tp_lint.cstring import atoi, classify_host, format_ipv4
from l2tp_lint.findings import Finding, Severity, Span
from l2tp_lint.rules import ConfView, Context, Doc, Example, Rule
from l2tp_lint.rules.authentication import (
    CONF,
    GOOD_OPTIONS,
    LNS_CONF,
    OPTIONS,
    entry_finding,
)
from l2tp_lint.rules.common import add_option, at_word, missing
from l2tp_lint.schemas import xl2tpd as schema
from l2tp_lint.schemas.pppd_values import parse_int
from l2tp_lint.setup import (
    Call,
    Setting,
    XL2tpdSection,
    global_entries,
    merged_sections,
    yes_or_no,
)
from l2tp_lint.xl2tpd_conf import Entry, ascii_lower

_BLANKS = "".join(map(chr, range(33)))
Interval = tuple[int, int]


def _setup(conf: str = LNS_CONF, options: str = GOOD_OPTIONS) -> Example:
    return Example({CONF: conf, OPTIONS: options})


@dataclass(frozen=True, slots=True)
class Range:
    """An 'ip range' (allow) or 'no ip range' (deny) line, resolved."""

    low: int
    high: int
    allow: bool
    entry: Entry


def parse_range(value: str) -> Interval | None:
    """Resolve 'a', 'a - b' or 'a-N' as set_range does; None for names or nonsense."""
    start, dash, end = value.partition("-")
    start, end = start.rstrip(_BLANKS), end.lstrip(_BLANKS)
    kind, low = classify_host(start)
    if kind != "address" or low is None:
        return None
    if not dash:
        return low, low
    kind, high = classify_host(short_range_end(start, end))
    if kind != "address" or high is None or high < low:
        return None
    return low, high


def pool_ranges(section: XL2tpdSection) -> list[Range] | None:
    """Return the section's pool lines in order, None when one cannot be resolved."""
    ranges = []
    for entry in section.entries:
        if entry.key_lower not in ("ip range", "no ip range"):
            continue
        interval = parse_range(entry.value)
        if interval is None:
            return None
        ranges.append(Range(*interval, not entry.key.startswith("n"), entry))
    return ranges


def pool(ranges: list[Range]) -> list[Interval]:
    """Return the addresses get_addr can hand out, as merged intervals."""
    points = sorted({r.low for r in ranges} | {r.high + 1 for r in ranges})
    found: list[Interval] = []
    for low, next_low in zip(points, points[1:], strict=False):
        holders = [r for r in ranges if r.low <= low <= r.high]
        if not holders or not holders[-1].allow:
            continue
        if found and found[-1][1] + 1 == low:
            found[-1] = (found[-1][0], next_low - 1)
        else:
            found.append((low, next_low - 1))
    return found


def in_pool(address: int, intervals: list[Interval]) -> bool:
    """Tell whether an address lies in a pool."""
    return any(low <= address <= high for low, high in intervals)


def overlap(first: list[Interval], second: list[Interval]) -> Interval | None:
    """Return the first stretch two pools share, if any."""
    for low, high in first:
        for other_low, other_high in second:
            if max(low, other_low) <= min(high, other_high):
                return max(low, other_low), min(high, other_high)
    return None


def show(interval: Interval) -> str:
    """Return an interval as 'a' or 'a-b'."""
    low, high = interval
    return format_ipv4(low) if low == high else f"{format_ipv4(low)}-{format_ipv4(high)}"


def lns_sections(view: ConfView) -> list[XL2tpdSection]:
    """Return the [lns] sections of a configuration, merged as xl2tpd merges them."""
    return [s for s in merged_sections(view.conf) if s.kind == schema.LNS]


def _value_span(view: ConfView, entry: Entry) -> Span:
    return view.conf.span(entry.value_start, entry.value_end)


def _number(call: Call, name: str) -> tuple[int, Setting | None]:
    """Return an integer option in effect (0 when unset) and its setting."""
    setting = call.last(name)
    if setting is None or setting.value is None:
        return 0, None
    return parse_int(setting.value) or 0, setting


def _at_setting(setting: Setting | None, message: str, line: str) -> Iterator[Finding]:
    if setting is not None and setting.use is not None and setting.document is not None:
        fix = add_option(setting.document, line, f"notice a dead peer ({LCP_ECHO.code})")
        yield at_word(LCP_ECHO, setting.document, setting.use.word, message, fix)


def _hello_seconds(call: Call) -> int:
    """Return how long xl2tpd takes at most to give up on a silent peer."""
    entries = [e for e in global_entries(call.conf) if e.key_lower == "max retries"]
    retries = 5
    for entry in entries:
        value = atoi(entry.value)
        retries = value if value >= 0 else retries
    waits = 2 ** retries - 1 if retries <= 32 else 2 ** 32 - 1 + (retries - 32) * 2 ** 31
    return 60 + waits


def check_lcp_echo(context: Context) -> Iterator[Finding]:
    """C701: pppd never checks that the peer still answers."""
    silent = []
    for call in context.calls():
        interval, interval_setting = _number(call, "lcp-echo-interval")
        failure, failure_setting = _number(call, "lcp-echo-failure")
        if interval > 0 and failure <= 0:
            yield from _at_setting(
                interval_setting, "'lcp-echo-interval' without 'lcp-echo-failure': pppd "
                "sends echoes but, with the failure count at 0, never gives up on a peer "
                "that stops answering; add 'lcp-echo-failure 4'", "lcp-echo-failure 4")
        elif interval <= 0 and failure > 0:
            yield from _at_setting(
                failure_setting, "'lcp-echo-failure' without a non-zero "
                "'lcp-echo-interval': pppd sends no echo at all, so the count is never "
                "reached; add 'lcp-echo-interval 30'", "lcp-echo-interval 30")
        elif interval <= 0:
            silent.append(call)
    for seconds, calls in _by_hello(silent).items():
        yield from missing(
            LCP_ECHO, calls,
            "no 'lcp-echo-interval' for {sections}: pppd never checks that the peer "
            "still answers, so a dead session stays up until xl2tpd's Hello goes "
            f"unanswered ({_duration(seconds)}), and a peer whose PPP side died behind a "
            "live tunnel is never noticed; add 'lcp-echo-interval 30' and "
            "'lcp-echo-failure 4'",
            lambda document: add_option(document, "lcp-echo-interval 30 lcp-echo-failure 4",
                                        f"notice a dead peer within 120 s ({LCP_ECHO.code})"))


def _by_hello(calls: list[Call]) -> dict[int, list[Call]]:
    grouped: dict[int, list[Call]] = {}
    for call in calls:
        grouped.setdefault(_hello_seconds(call), []).append(call)
    return grouped


def _duration(seconds: int) -> str:
    """Say how long xl2tpd's Hello takes to give up, for a message."""
    if seconds < 600:
        return f"up to {seconds} s with this 'max retries'"
    if seconds < 2 * 86400:
        return f"up to {seconds // 60} min with this 'max retries'"
    if seconds < 366 * 86400:
        return f"up to {seconds // 86400} days with this 'max retries'"
    return "in practice never with this 'max retries'"


def check_no_pool(context: Context) -> Iterator[Finding]:
    """X702: an LNS that must hand out addresses but has no pool."""
    for view in context.confs:
        for section in lns_sections(view):
            if not section.flag("assign ip"):
                continue
            if any(e.key_lower == "ip range" or (e.key_lower == "no ip range"
                                                 and not e.key.startswith("n"))
                   for e in section.entries):
                continue
            header = section.headers[0].header
            yield NO_POOL.finding(
                view.conf.path, view.conf.span(header.start, header.end),
                f"{section.label} hands out peer addresses ('assign ip' is yes unless set "
                "to no) but has no 'ip range': xl2tpd refuses every call with 'No "
                "available IP address'; add 'ip range = FIRST-LAST' or 'assign ip = no'")


def _pools(view: ConfView) -> list[tuple[XL2tpdSection, list[Range], list[Interval]]]:
    found = []
    for section in lns_sections(view):
        ranges = pool_ranges(section)
        if section.flag("assign ip") and ranges:
            found.append((section, ranges, pool(ranges)))
    return found


def check_local_in_pool(context: Context) -> Iterator[Finding]:
    """X703: 'local ip' inside a pool that hands it to a peer as well."""
    for view in context.confs:
        pools = _pools(view)
        for section in lns_sections(view):
            entry = section.value("local ip")
            if entry is None:
                continue
            kind, address = classify_host(entry.value)
            if kind != "address" or address is None:
                continue
            for owner, _, intervals in pools:
                if in_pool(address, intervals):
                    yield _local_finding(view, section, owner, entry)


def _local_finding(view: ConfView, section: XL2tpdSection, owner: XL2tpdSection,
                   entry: Entry) -> Finding:
    same = owner.headers[0] is section.headers[0]
    whose = "this section's pool" if same else f"the pool of {owner.label}"
    return LOCAL_IN_POOL.finding(
        view.conf.path, _value_span(view, entry),
        f"'local ip' {entry.value} is inside {whose}: xl2tpd does not reserve it and "
        "hands it to a peer too, which then has the server's own address, so the server "
        "keeps that peer's packets for itself; take it out of the range")


def check_pool_overlap(context: Context) -> Iterator[Finding]:
    """X704: pools that overlap between LNS sections."""
    for view in context.confs:
        pools = _pools(view)
        for index, (section, ranges, intervals) in enumerate(pools):
            for earlier, _, earlier_intervals in pools[:index]:
                shared = overlap(intervals, earlier_intervals)
                if shared is None:
                    continue
                entry = next(r.entry for r in ranges if r.allow)
                yield POOL_OVERLAP.finding(
                    view.conf.path, _value_span(view, entry),
                    f"the pool of {section.label} overlaps the pool of {earlier.label} "
                    f"({show(shared)}): xl2tpd keeps one table of addresses in use, so no "
                    "two peers get one address, but peers of one section can use up the "
                    "other's pool, and routes or firewall rules that tell the sections "
                    "apart by address do not hold; give each section its own range")


def check_exclusions(context: Context) -> Iterator[Finding]:
    """X705: a 'no ip range' that empties the pool or changes nothing."""
    for view in context.confs:
        for section in lns_sections(view):
            ranges = pool_ranges(section)
            if not ranges or not section.flag("assign ip"):
                continue
            whole = pool(ranges)
            for index, line in enumerate(ranges):
                if line.allow:
                    continue
                without = pool(ranges[:index] + ranges[index + 1:])
                message = _exclusion_problem(ranges, index, whole, without)
                if message is not None:
                    yield entry_finding(EXCLUSION, view.conf, line.entry, message)


def _exclusion_problem(ranges: list[Range], index: int, whole: list[Interval],
                       without: list[Interval]) -> str | None:
    line = ranges[index]
    touching = [(place, r) for place, r in enumerate(ranges)
                if r.allow and r.low <= line.high and line.low <= r.high]
    before = [r for place, r in touching if place < index]
    after = [r for place, r in touching if place > index]
    if not whole and before:
        return ("this 'no ip range' takes out every address left in the pool: xl2tpd "
                "refuses every call with 'No available IP address'; narrow it")
    if whole != without or not after:
        return None
    if not before:
        return (f"'no ip range' {line.entry.value} changes nothing: xl2tpd only takes it "
                "out of 'ip range' lines written above it, and it comes before them; "
                "move it below the 'ip range'")
    return (f"'no ip range' {line.entry.value} changes nothing: a later 'ip range' adds "
            "its addresses back; move it below that line")


def _access_control(view: ConfView) -> bool:
    setting = False
    for entry in global_entries(view.conf):
        if entry.key_lower == "access control" and yes_or_no(entry.value) is not None:
            setting = bool(yes_or_no(entry.value))
    return setting


def _allows_someone(section: XL2tpdSection) -> bool:
    return any(e.key_lower in ("lac", "no lac") and not e.key.startswith("n")
               for e in section.entries)


def check_unreachable(context: Context) -> Iterator[Finding]:
    """X706: an [lns] section without 'lac' rules, which xl2tpd never chooses."""
    for view in context.confs:
        sections = lns_sections(view)
        default = next((s for s in sections if s.name is not None
                        and ascii_lower(s.name) == "default"), None)
        reachable = [s for s in sections if s is not default and _allows_someone(s)]
        for section in sections:
            if section is default or _allows_someone(section):
                continue
            header = section.headers[0].header
            message = _unreachable_message(view, section, default, bool(reachable))
            finding = UNREACHABLE.finding(view.conf.path,
                                          view.conf.span(header.start, header.end), message)
            if default is not None:
                finding = dataclasses.replace(finding, severity=Severity.WARNING)
            yield finding


def _unreachable_message(view: ConfView, section: XL2tpdSection,
                         default: XL2tpdSection | None, others: bool) -> str:
    what = "has only 'no lac' lines" if section.all("no lac") else "has no 'lac' line"
    start = f"{section.label} {what}, so xl2tpd never chooses it"
    add = "add 'lac = FIRST-LAST' with the peers' addresses"
    if default is None:
        refused = ("a tunnel that no other section's 'lac' allows is refused" if others
                   else "every tunnel is refused")
        return f"{start}, and with no [lns default] {refused}; {add}"
    goes = ("are refused unless the 'lac' lines of [lns default] allow them"
            if _access_control(view) else "land in [lns default] instead")
    return f"{start}: its peers {goes}; {add}"


def _string_keys() -> frozenset[str]:
    return frozenset(name for name, key in schema.KEYS.items()
                     if key.value in (schema.STRING, schema.PATH))


def check_long_values(context: Context) -> Iterator[Finding]:
    """X707: a value of 100 bytes or more, which xl2tpd copies without its end."""
    keys = _string_keys()
    for view in context.confs:
        for entry in view.conf.entries:
            if entry.key_lower in keys:
                value = entry.value
            elif entry.key_lower == "lns":
                value = entry.value.split(":", 1)[0]
            else:
                continue
            if len(value) > schema.STRING_LIMIT:
                yield LONG_VALUE.finding(
                    view.conf.path, _value_span(view, entry),
                    f"the value of '{entry.key}' is {len(value)} bytes: xl2tpd copies it "
                    "into a 100-byte field with strncpy and no terminating NUL, so it "
                    "uses a cut value that runs on into the next field; keep it under "
                    "100 bytes")


def check_port(context: Context) -> Iterator[Finding]:
    """X708: a 'port' that is not a port number 1-65535."""
    for view in context.confs:
        for entry in global_entries(view.conf):
            if entry.key_lower != "port":
                continue
            message = _port_problem(entry.value)
            if message is not None:
                yield PORT.finding(view.conf.path, _value_span(view, entry), message)


def _port_problem(text: str) -> str | None:
    value = atoi(text)
    if 1 <= value <= 65535:
        return None
    if value == 0:
        return (f"port '{text}' reads as 0 (atoi): the kernel binds a random UDP port and "
                "no client finds xl2tpd; write 'port = 1701'")
    if value < 0:
        return (f"port '{text}' is negative: xl2tpd ignores the line and keeps the port it "
                "had (1701 unless set before); write 'port = 1701'")
    return (f"port '{text}' is above 65535: htons keeps the low 16 bits, so xl2tpd listens "
            f"on UDP {value & 0xFFFF}; write 'port = 1701'")


LCP_ECHO = Rule(
    "C701", "no-lcp-echo", Severity.WARNING,
    "pppd options that never check whether the peer still answers", "setup",
    Doc(why="pppd sends LCP echo requests only when 'lcp-echo-interval' is above 0, and "
        "gives up on the peer only when 'lcp-echo-failure' is above 0 as well (lcp.c, "
        "LcpSendEchoRequest).  Without them only xl2tpd's Hello (every 60 s, then "
        "retransmitted 'max retries' times with doubling waits) clears a dead tunnel; a "
        "raised 'max retries' stretches that to hours, and a peer whose PPP side is gone "
        "behind a live tunnel is never noticed: the session and its address stay taken.",
        bad=_setup(options="require-mschap-v2\nmtu 1280\nmru 1280\n"),
        good=_setup(),
        fix="Add 'lcp-echo-interval 30' and 'lcp-echo-failure 4'.  Safe to apply.",
        limits="A section whose pppoptfile cannot be read is skipped; /etc/ppp/options "
               "(Debian's sets both options) counts only when found."),
    check_lcp_echo)

NO_POOL = Rule(
    "X702", "lns-without-pool", Severity.ERROR,
    "an LNS that must hand out addresses but has no 'ip range'", "xl2tpd.conf",
    Doc(why="'assign ip' is yes by default; with no free address in the section's pool "
        "xl2tpd closes every incoming call ('No available IP address', control.c).",
        bad=_setup(LNS_CONF.replace("ip range = 10.20.0.100-10.20.0.199\n", "")),
        good=_setup(),
        fix="Add 'ip range = FIRST-LAST', or 'assign ip = no' when pppd or RADIUS hands "
            "out addresses.  Not automatic: the range depends on the network."),
    check_no_pool)

LOCAL_IN_POOL = Rule(
    "X703", "local-ip-in-pool", Severity.WARNING,
    "an LNS 'local ip' inside an address pool", "xl2tpd.conf",
    Doc(why="xl2tpd never marks 'local ip' as used, so a pool that holds it hands it to a "
        "peer as well (pppd gets 'A:A'); the server then holds that peer's address itself "
        "and keeps the peer's traffic.",
        bad=_setup(LNS_CONF.replace("local ip = 10.20.0.1", "local ip = 10.20.0.100")),
        good=_setup(),
        fix="Take the address out of the range (or choose one outside it).  Not "
            "automatic.",
        limits="Ranges written as host names are not resolved; such sections are "
               "skipped."),
    check_local_in_pool)

_TWO_POOLS = """\
[lns office]
lac = 198.51.100.0-198.51.100.255
ip range = 10.20.0.100-10.20.0.199
local ip = 10.20.0.1

[lns partners]
lac = 203.0.113.0-203.0.113.255
ip range = 10.20.0.150-10.20.0.249
local ip = 10.20.0.2
"""
POOL_OVERLAP = Rule(
    "X704", "overlapping-pools", Severity.WARNING,
    "address pools that overlap between LNS sections", "xl2tpd.conf",
    Doc(why="All sections share one table of addresses in use (aaa.c, uaddr), so no "
        "address goes to two peers at once, but overlapping pools let one section's peers "
        "use up the other's addresses and break routes or firewall rules that tell the "
        "sections apart by address.",
        bad=_setup(_TWO_POOLS),
        good=_setup(_TWO_POOLS.replace("10.20.0.150-10.20.0.249", "10.20.1.100-10.20.1.199")),
        fix="Give each section a range of its own.  Not automatic."),
    check_pool_overlap)

_EXCLUDED = "no ip range = 10.20.0.150-10.20.0.159\n"
EXCLUSION = Rule(
    "X705", "ineffective-no-ip-range", Severity.WARNING,
    "a 'no ip range' that empties the pool or changes nothing", "xl2tpd.conf",
    Doc(why="get_addr walks the ranges in file order and lets the last range that holds "
        "an address decide: a 'no ip range' only takes addresses out of 'ip range' lines "
        "above it, a later 'ip range' adds them back, and one that covers every address "
        "leaves no address to give.",
        bad=_setup(LNS_CONF.replace("ip range =", _EXCLUDED + "ip range =")),
        good=_setup(LNS_CONF.replace("local ip =", _EXCLUDED + "local ip =")),
        fix="Put each 'no ip range' below the 'ip range' it cuts from, and keep some "
            "addresses free.  Moving the line is safe only when it was meant to exclude.",
        limits="Ranges written as host names are not resolved; such sections are "
               "skipped."),
    check_exclusions)

_NAMED = """\
[global]
port = 1701

[lns office]
ip range = 10.20.0.100-10.20.0.199
local ip = 10.20.0.1
require authentication = yes
pppoptfile = /etc/ppp/options.xl2tpd
"""
UNREACHABLE = Rule(
    "X706", "lns-never-chosen", Severity.ERROR,
    "an [lns] section without a 'lac' rule, which xl2tpd never chooses", "xl2tpd.conf",
    Doc(why="xl2tpd picks a named or unnamed [lns] only when one of its 'lac' lines allows "
        "the peer's address (aaa.c, get_lns); otherwise it falls back to [lns default], "
        "and without one refuses the tunnel.  An error when there is no [lns default] "
        "(tunnels meant for the section are refused), a warning otherwise.",
        bad=_setup(_NAMED),
        good=_setup(_NAMED.replace("[lns office]\n", "[lns office]\nlac = 0.0.0.0-"
                                   "255.255.255.255\n")),
        fix="Add 'lac = FIRST-LAST' with the peers' addresses, or rename the section "
            "[lns default].  Not automatic: the peers' addresses are not known."),
    check_unreachable)

LONG_VALUE = Rule(
    "X707", "value-too-long", Severity.WARNING,
    "a value of 100 bytes or more, which xl2tpd keeps without its end", "xl2tpd.conf",
    Doc(why="'name', 'hostname', 'pppoptfile', 'auth file' and the host of 'lns' go into "
        "100-byte fields with strncpy (file.c, set_string): a value of 100 bytes or more "
        "loses its NUL (a longer one is cut as well), so xl2tpd reads on into whatever "
        "follows the field.",
        bad=_setup(LNS_CONF + "hostname = " + "l2tp-server-" * 9 + "\n"),
        good=_setup(LNS_CONF + "hostname = l2tp-server\n"),
        fix="Shorten the value to 99 bytes or fewer (move the file, pick a shorter name). "
            "Not automatic."),
    check_long_values)

PORT = Rule(
    "X708", "bad-port", Severity.WARNING,
    "a 'port' that is not a port number from 1 to 65535", "xl2tpd.conf",
    Doc(why="xl2tpd reads 'port' with atoi and checks nothing that matters: text gives 0 "
        "and the socket gets a random port, a number above 65535 wraps in htons, and a "
        "negative one is silently ignored (set_port drops set_int's error).",
        bad=_setup(LNS_CONF.replace("port = 1701", "port = l2tp")),
        good=_setup(),
        fix="Write 'port = 1701' (or leave it out).  Safe to apply when the peers use "
            "1701."),
    check_port)

RULES = [LCP_ECHO, NO_POOL, LOCAL_IN_POOL, POOL_OVERLAP, EXCLUSION, UNREACHABLE,
         LONG_VALUE, PORT]
