"""Sequencing: L2TP data packets that arrive out of order, and who drops them.

A LAC may number its data packets (Ns) without asking (the field report's
SEIL/X1 does).  In kernel mode the Linux L2TP code then discards any packet
that arrives ahead of its turn unless pppd set a reorder timeout
(net/l2tp/l2tp_core.c, l2tp_recv_data_seq; pppol2tp.c sets it from
pppol2tp_reorderto); in userspace mode xl2tpd has no reorder buffer at all
(control.c, expand_payload).
"""

from __future__ import annotations

from collections.abc import Iterator

from l2tp_lint.findings import Finding, Fix, Severity
from l2tp_lint.rules import Context, Doc, Example, Rule
from l2tp_lint.pppd_options import PppdOptions
from l2tp_lint.rules.authentication import LNS_CONF
from l2tp_lint.rules.common import add_option, at_word, missing
from l2tp_lint.schemas.pppd_values import parse_int
from l2tp_lint.setup import Call

REORDER_MS = 30
_OPTIONS = "require-mschap-v2\nmtu 1280\nmru 1280\nlcp-echo-interval 30\nlcp-echo-failure 4\n"


def _setup(options: str, conf: str = LNS_CONF) -> Example:
    return Example({"etc/xl2tpd/xl2tpd.conf": conf, "etc/ppp/options.xl2tpd": options})


def reorder_timeout(call: Call) -> int:
    """Return the reorder timeout (ms) pppd gives the kernel; 0 when none."""
    setting = call.last("pppol2tp_reorderto")
    value = parse_int(setting.value) if setting is not None and setting.value else None
    return value if value is not None and value > 0 else 0


def _kernel_lns(context: Context) -> list[Call]:
    return [call for call in context.calls() if call.mode == "kernel" and call.role == "lns"]


def check_reorder(context: Context) -> Iterator[Finding]:
    """C401: a kernel-mode LNS without a reorder timeout."""
    calls = [call for call in _kernel_lns(context) if reorder_timeout(call) == 0]
    yield from missing(
        REORDER, calls,
        "kernel-mode LNS {sections} gives the kernel no pppol2tp_reorderto: the kernel "
        "drops every data packet that arrives out of order from a LAC that numbers its "
        "data (its reorder timeout is 0); add 'pppol2tp_reorderto 30'", _reorder_fix)


def _reorder_fix(document: PppdOptions) -> Fix | None:
    return add_option(document, f"pppol2tp_reorderto {REORDER_MS}",
                      "let the kernel put sequenced data back in order (C401)")


def check_sequencing(context: Context) -> Iterator[Finding]:
    """C402: data sequencing switched on without a reorder timeout."""
    for call in context.calls():
        if call.mode != "kernel" or reorder_timeout(call) > 0:
            continue
        for setting in call.settings:
            if setting.name in ("pppol2tp_send_seq", "pppol2tp_recv_seq") and setting.use:
                yield at_word(SEQUENCING, setting.document, setting.use.word,  # type: ignore
                              f"{setting.name} without pppol2tp_reorderto: sequenced data "
                              "that arrives out of order is dropped; add "
                              "'pppol2tp_reorderto 30'", _reorder_fix(setting.document))


def check_userspace(context: Context) -> Iterator[Finding]:
    """C403: an LNS whose data path runs in xl2tpd's userspace code."""
    for view in context.confs:
        calls = [call for call in view.calls if call.role == "lns"]
        if view.mode != "userspace" or not calls:
            continue
        from l2tp_lint.setup import mode_entry

        entry = mode_entry(view.conf)
        sections = ", ".join(dict.fromkeys(call.section.label for call in calls))
        message = (f"{sections} run in userspace mode ({view.mode_reason}): xl2tpd has no "
                   "reorder buffer, and once three sequenced data packets in a row are "
                   "lost it drops every later one; let xl2tpd use kernel L2TP")
        if entry is not None:
            span = view.conf.span(entry.key_start, entry.value_end)
            yield USERSPACE.finding(view.conf.path, span, message)
        else:
            header = calls[0].section.headers[0]
            span = view.conf.span(header.header.start, header.header.end)
            yield USERSPACE.finding(view.conf.path, span, message)


REORDER = Rule(
    "C401", "reorder-timeout-missing", Severity.WARNING,
    "a kernel-mode LNS whose pppd options set no pppol2tp_reorderto", "setup",
    Doc(why="A LAC may number its L2TP data packets without being asked.  When a large "
        "inner packet is fragmented, its small tail can overtake its head on the way; the "
        "kernel, whose reorder timeout is 0 unless pppd sets one, then discards the early "
        "packet ('oos pkt ... discarded'), and the session loses data or stalls.  Windows "
        "clients do not number data and never show it.",
        bad=_setup(_OPTIONS), good=_setup(_OPTIONS + "pppol2tp_reorderto 30\n"),
        fix="Add 'pppol2tp_reorderto 30' (milliseconds) to the options file the LNS "
            "section names (its pppoptfile).",
        limits="Assumes kernel mode unless xl2tpd.conf forces userspace or --mode says "
               "so.  Reported once per options file, naming every section that uses it; "
               "on the section header when the section has no pppoptfile."),
    check_reorder)

SEQUENCING = Rule(
    "C402", "sequencing-without-reorder-timeout", Severity.WARNING,
    "pppol2tp_send_seq or pppol2tp_recv_seq without a reorder timeout", "setup",
    Doc(why="Asking for sequence numbers makes the kernel check them; with the reorder "
        "timeout at 0 every packet that arrives early is dropped.",
        bad=_setup("pppol2tp_send_seq\npppol2tp_recv_seq\n"),
        good=_setup("pppol2tp_send_seq\npppol2tp_recv_seq\npppol2tp_reorderto 30\n"),
        fix="Add 'pppol2tp_reorderto 30'."),
    check_sequencing)

USERSPACE = Rule(
    "C403", "userspace-data-path", Severity.WARNING,
    "an LNS that xl2tpd runs in userspace mode", "setup",
    Doc(why="In userspace mode xl2tpd moves the data packets itself.  It keeps no reorder "
        "buffer, compares sequence numbers against the wrong counter and, after a gap of "
        "three or more lost sequenced packets, drops every later packet until the numbers "
        "wrap (xl2tpd issues #133, #54).  Any 'ipsec saref' line forces this mode in "
        "xl2tpd 1.3.2 to 1.3.18, even 'ipsec saref = no'.",
        bad=Example({"etc/xl2tpd/xl2tpd.conf": "[global]\nipsec saref = no\n"
                     + LNS_CONF.split("\n", 2)[2],
                     "etc/ppp/options.xl2tpd": _OPTIONS}),
        good=_setup(_OPTIONS + "pppol2tp_reorderto 30\n"),
        fix="Remove 'ipsec saref' and 'force userspace = yes' so that xl2tpd uses kernel "
            "L2TP (modules l2tp_ppp and l2tp_netlink).",
        limits="Whether the kernel offers L2TP is a property of the machine; without "
               "--mode the rule trusts xl2tpd.conf."),
    check_userspace)

RULES = [REORDER, SEQUENCING, USERSPACE]
