"""The load rules: what makes xl2tpd or pppd refuse a file, or read it otherwise.

Their checks run while the files are read (l2tp_lint.checks.xl2tpd_load and
pppd_load); here are their codes and documentation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from l2tp_lint.findings import Finding, Fix, Severity
from l2tp_lint.rules import Context, Doc, Example, Rule

if TYPE_CHECKING:
    from l2tp_lint.setup import Call

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_REFUSED_XL2TPD = ("xl2tpd stops reading at this line, logs 'init: Unable to load config "
                   "file' and exits: no tunnel comes up.")
_REFUSED_PPPD = ("pppd stops at this word and exits with status 2 before the link starts: "
                 "every call of the sections using this file fails.")


def _x(text: str) -> Example:
    return Example({"xl2tpd.conf": text})


def _p(text: str, mode: str = "kernel") -> Example:
    return Example({"options.xl2tpd": text}, mode)


def _rule(code: str, name: str, severity: Severity, summary: str, why: str,
          bad: Example, good: Example, fix: str, limits: str = "") -> Rule:
    looks_at = "xl2tpd.conf" if code.startswith("X") else "pppd options"
    return Rule(code, name, severity, summary, looks_at, Doc(why, bad, good, fix, limits))


def check_missing_pppoptfile(context: Context) -> Iterator[Finding]:
    """C301/X302: a pppoptfile that cannot be found; under --root it can be created."""
    for view in context.confs:
        for call in view.calls:
            entry = call.pppoptfile
            if call.options_known or entry is None:
                continue
            span = view.conf.span(entry.value_start, entry.value_end)
            if context.root is None:
                yield UNRESOLVED.finding(
                    view.conf.path, span, f"cannot find pppoptfile '{entry.value}' here; "
                    "its options were not checked (give --root, or keep it beside this "
                    "file)")
                continue
            finding = MISSING_FILE.finding(
                view.conf.path, span, f"pppoptfile '{entry.value}' does not exist under "
                f"'{context.root}'; pppd will refuse to start")
            yield replace(finding, fix=_create_options(context, call, entry.value))


def _create_options(context: Context, call: Call, reference: str) -> Fix:
    """The unsafe fix that writes a new options file for a section's role."""
    from l2tp_lint import overhead
    from l2tp_lint.rules.mtu import network

    assert context.root is not None
    net = network(context)
    values = (("section", call.section.label), ("role", call.role),
              ("mtu", net.budget(overhead.L2TP_HEADER_OURS).size),
              ("mru", net.budget(overhead.L2TP_HEADER_PEER_MAX).size),
              ("echo_interval", 30), ("echo_failure", 4),
              ("reorder_timeout", 30 if call.mode == "kernel" and call.role == "lns" else 0))
    path = str(context.root / reference.lstrip("/"))
    return Fix(path, "create", 0, 0, "pppd-options.j2", "new options file (X302)", False,
               "pppd", values)


def check_file_cycles(context: Context) -> Iterator[Finding]:
    """C101: a 'file' or 'call' chain that comes back to a file it is reading."""
    for call in context.calls():
        for use, target in call.cycles:
            document = next(s.document for s in call.settings if s.use is use)
            span = document.span(use.word.start, (use.argument or use.word).end)
            yield FILE_CYCLE.finding(
                document.path, span,
                f"'{use.name} {use.argument.value if use.argument else ''}' reads "
                f"'{target}' again, which is already being read: pppd has no guard and "
                "exits (too many open files) or crashes")


_CYCLE_CONF = "[lns default]\npppoptfile = /etc/ppp/options.xl2tpd\n"
FILE_CYCLE = Rule(
    "C101", "options-file-cycle", _E, "a chain of 'file' options that comes back to a "
    "file pppd is already reading", "setup",
    Doc("pppd reads a 'file' when it meets the option and keeps no list of the files it "
        "is reading; a chain that loops opens files until it runs out of descriptors "
        "(exit 2) or overflows its stack (segmentation fault).",
        Example({"etc/xl2tpd/xl2tpd.conf": _CYCLE_CONF,
                 "etc/ppp/options.xl2tpd": "require-mschap-v2\nfile /etc/ppp/options.more\n",
                 "etc/ppp/options.more": "mtu 1400\nfile /etc/ppp/options.xl2tpd\n"}),
        Example({"etc/xl2tpd/xl2tpd.conf": _CYCLE_CONF,
                 "etc/ppp/options.xl2tpd": "require-mschap-v2\nfile /etc/ppp/options.more\n",
                 "etc/ppp/options.more": "mtu 1400\n"}),
        "Remove the 'file' option that closes the loop."),
    check_file_cycles)

RULES = [FILE_CYCLE,
    _rule("X100", "hash-comment", _E, "a line starts with '#', which xl2tpd does not take "
          "as a comment", "Only ';' starts a comment in xl2tpd.conf (file.c, parse_config). "
          "A '#' line is data: before any section it has no context, inside one it has no "
          "'=' or names an unknown key. " + _REFUSED_XL2TPD,
          _x("# LNS for the office\n[global]\n"), _x("; LNS for the office\n[global]\n"),
          "Turn '#' into ';'."),
    _rule("X101", "unclosed-section-header", _E, "a section header has no closing ']'",
          "A line starting with '[' is a header and needs its ']' before any ';'. "
          + _REFUSED_XL2TPD, _x("[global\n"), _x("[global]\n"), "Close the bracket."),
    _rule("X102", "unknown-section-kind", _E, "a section is not [global], [lns ...] or "
          "[lac ...]", "xl2tpd splits the header at its first space and knows only the "
          "kinds global, lns and lac, in any case; '[ lns x]' or '[lns\\tx]' name no kind. "
          + _REFUSED_XL2TPD, _x("[lns\tdefault]\n"), _x("[lns default]\n"),
          "Write [global], [lns NAME] or [lac NAME] with one space."),
    _rule("X103", "entry-outside-section", _E, "a line comes before any section header",
          "Every key belongs to a section. " + _REFUSED_XL2TPD,
          _x("port = 1701\n[global]\n"), _x("[global]\nport = 1701\n"),
          "Move the line under its section."),
    _rule("X104", "not-key-value", _E, "a line inside a section has no '='",
          "Inside a section every line is 'key = value'. " + _REFUSED_XL2TPD,
          _x("[global]\nport 1701\n"), _x("[global]\nport = 1701\n"), "Add the '='.",
          "A line longer than 1023 bytes is read in pieces; a piece without '=' is "
          "reported here too (see X201)."),
    _rule("X105", "unknown-key", _E, "a key that xl2tpd does not know",
          "xl2tpd 1.3.18 knows 54 keys, matched without regard to case but needing single "
          "spaces; 'flow bits' (the man page's spelling) and 'access  control' are unknown. "
          + _REFUSED_XL2TPD, _x("[lns default]\nflow bits = yes\n"),
          _x("[lns default]\nflow bit = yes\n"), "Use the suggested spelling."),
    _rule("X106", "key-in-wrong-section", _E, "a key in a section that does not accept it",
          "Each key belongs to [global], [lns] or [lac] sections only. " + _REFUSED_XL2TPD,
          _x("[lns default]\nport = 1701\n"), _x("[global]\nport = 1701\n"),
          "Move the key to a section that accepts it."),
    _rule("X107", "not-yes-or-no", _E, "a yes/no key with another value",
          "yes/no keys accept yes, y, true, no, n or false in any case; '1', 'on' or an "
          "empty value are refused. " + _REFUSED_XL2TPD,
          _x("[global]\nforce userspace = on\n"), _x("[global]\nforce userspace = yes\n"),
          "Write yes or no."),
    _rule("X108", "number-out-of-range", _E, "a number below the key's minimum",
          "'redial timeout', 'max redials' and the bps keys must be at least 1, the rws "
          "keys at least -1 and a stored 'tunnel rws' at least 1; text reads as 0. "
          + _REFUSED_XL2TPD, _x("[lac vpn]\nredial timeout = 0\n"),
          _x("[lac vpn]\nredial timeout = 15\n"), "Use a number in range."),
    _rule("X109", "bad-address", _E, "an address or range that can never resolve",
          "Addresses and ranges are resolved when xl2tpd starts (gethostbyname); text that "
          "is neither a dotted address nor a host name, such as an unexpanded '$POOL', "
          "or a range that starts after it ends, is refused. " + _REFUSED_XL2TPD,
          _x("[lns default]\nip range = $POOL\n"),
          _x("[lns default]\nip range = 10.9.0.10-10.9.0.20\n"),
          "Write the address, or expand the template before installing the file."),
    _rule("X110", "local-ip-and-range", _E, "'local ip' and 'local ip range' in one section",
          "An LNS takes its own address from one or the other. " + _REFUSED_XL2TPD,
          _x("[lns default]\nlocal ip = 10.9.0.1\nlocal ip range = 10.9.1.1-10.9.1.9\n"),
          _x("[lns default]\nlocal ip = 10.9.0.1\n"), "Keep one of them."),
    _rule("X111", "bad-rand-source", _E, "a 'rand source' that xl2tpd refuses",
          "Only dev and sys work (egd is not implemented), and only in a plain [global]. "
          + _REFUSED_XL2TPD, _x("[global]\nrand source = egd\n"),
          _x("[global]\nrand source = dev\n"), "Use dev."),
    _rule("X112", "empty-auth-file", _E, "'auth file' without a file name",
          "An empty 'auth file' is refused. " + _REFUSED_XL2TPD,
          _x("[global]\nauth file =\n"),
          _x("[global]\nauth file = /etc/xl2tpd/l2tp-secrets\n"), "Name the file."),
    _rule("X201", "line-split", _W, "a line longer than 1023 bytes, which xl2tpd reads as "
          "several lines", "xl2tpd reads with fgets into 1024 bytes; each further piece of "
          "a long line is parsed as a line of its own, so its tail may define another key "
          "or be refused.", _x("[global]\nport = 1701" + " " * 1100 + "\n"),
          _x("[global]\nport = 1701\n"), "Shorten the line."),
    _rule("X202", "nul-byte", _W, "a NUL byte, which hides the rest of the line from xl2tpd",
          "C strings end at a NUL: xl2tpd ignores what follows it on the line, and after a "
          "';' the next line too.", _x("[global]\nport = 1701\x00 junk\n"),
          _x("[global]\nport = 1701\n"), "Remove the NUL byte."),
    _rule("X203", "text-after-header", _W, "text after a section header's ']', which xl2tpd "
          "ignores", "Everything after the first ']' is dropped silently.",
          _x("[lns default] office\n"), _x("[lns default] ; office\n"),
          "Make it a ';' comment."),
    _rule("X301", "host-name-lookup", _W, "a host name that must resolve when xl2tpd starts",
          "xl2tpd resolves host names in addresses and ranges when it reads the file and "
          "refuses to start when one does not resolve.",
          _x("[global]\nlisten-addr = vpn.example.com\n"),
          _x("[global]\nlisten-addr = 192.0.2.10\n"), "Write the address.",
          "Whether the name resolves on the server cannot be known from the file."),
    MISSING_FILE := _rule(
          "X302", "missing-file", _W, "a file named in xl2tpd.conf is missing under the root",
          "pppd is started with 'file PPPOPTFILE' and exits when the file is missing.",
          Example({"etc/xl2tpd/xl2tpd.conf":
                   "[lns default]\npppoptfile = /etc/ppp/options.gone\n"}, root=True),
          Example({"etc/xl2tpd/xl2tpd.conf":
                   "[lns default]\npppoptfile = /etc/ppp/options.xl2tpd\n",
                   "etc/ppp/options.xl2tpd": "require-mschap-v2\n"}, root=True),
          "Create the file or fix the path.  The unsafe fix writes a new options file "
          "for the section's role (MS-CHAPv2 only for an LNS, mtu and mru from the "
          "budget, LCP echo, a reorder timeout in kernel mode).",
          "Checked only under --root."),
    UNRESOLVED := Rule(
         "C301", "pppoptfile-not-found", _I, "a pppoptfile that cannot be found beside "
         "the xl2tpd.conf, so its options go unchecked", "setup",
         Doc("Outside a live root, a pppoptfile path is looked for under the folder that "
             "plays '/' (<dir>/etc/xl2tpd/xl2tpd.conf names <dir>/etc/...), then beside "
             "the xl2tpd.conf.  When neither has it, the section's pppd options are "
             "unknown and the rules that need them stay silent.",
             Example({"conf/xl2tpd.conf": "[lns default]\npppoptfile = /etc/ppp/options.vpn\n"}),
             Example({"conf/xl2tpd.conf": "[lns default]\npppoptfile = /etc/ppp/options.vpn\n",
                      "conf/options.vpn": "require-mschap-v2\n"}),
             "Keep the options file beside xl2tpd.conf or in the same tree, or use --root.",
             "Under --root a missing file is X302 instead."), check_missing_pppoptfile),
    _rule("P101", "unknown-option", _E, "an option that pppd does not know",
          "pppd 2.4.9 refuses a word that is no option (and no address pair). "
          + _REFUSED_PPPD, _p("requre-mschap-v2\n"), _p("require-mschap-v2\n"),
          "Use the suggested spelling."),
    _rule("P102", "missing-argument", _E, "an option whose argument is missing at the end "
          "of the file", "An option's argument is the next word, wherever it stands; at "
          "the end of the file there is none. " + _REFUSED_PPPD, _p("mtu\n"),
          _p("mtu 1400\n"), "Give the argument."),
    _rule("P103", "bad-argument", _E, "an argument that pppd refuses",
          "Numbers are checked against their limits and special arguments by their own "
          "handlers (addresses, compression sizes, escapes). " + _REFUSED_PPPD,
          _p("mtu 99999\n"), _p("mtu 1400\n"), "Use a value pppd accepts."),
    _rule("P104", "serial-option-in-kernel-mode", _E, "a serial-line option in a file read "
          "after xl2tpd hands pppd a kernel L2TP socket",
          "In kernel mode xl2tpd starts pppd with 'plugin pppol2tp.so pppol2tp FD'; from "
          "then on the serial-line options (lock, crtscts, modem, a speed, a device) no "
          "longer exist and pppd refuses them. " + _REFUSED_PPPD,
          _p("lock\ncrtscts\nrequire-mschap-v2\n"), _p("require-mschap-v2\n"),
          "Delete them: they mean nothing on an L2TP session.",
          "/etc/ppp/options is read before the plugin and may keep them."),
    _rule("P105", "pppol2tp-option-without-plugin", _E, "a pppol2tp option where the "
          "pppol2tp plugin is not loaded", "In userspace mode xl2tpd hands pppd a pty and "
          "loads no plugin, and /etc/ppp/options is read before any plugin: there the "
          "pppol2tp_* options do not exist. " + _REFUSED_PPPD,
          _p("pppol2tp_reorderto 30\n", "userspace"), _p("require-mschap-v2\n", "userspace"),
          "Remove them, or let xl2tpd run in kernel mode."),
    _rule("P106", "device-set-twice", _E, "a second 'pppol2tp' device option",
          "xl2tpd already passes 'pppol2tp FD'; a second one makes pppd exit silently.",
          _p("pppol2tp 7\n"), _p("require-mschap-v2\n"), "Remove it."),
    _rule("P201", "unterminated-quote", _W, "a quote that runs to the end of the file",
          "Everything after the quote, newlines included, becomes one word.",
          _p('name "l2tpd\n'), _p('name "l2tpd"\n'), "Close the quote."),
    _rule("P202", "word-truncated", _W, "a word longer than 1023 bytes, which pppd truncates",
          "pppd keeps 1023 bytes of a word and warns.", _p("name " + "x" * 1100 + "\n"),
          _p("name l2tpd\n"), "Shorten the word."),
    _rule("P203", "nul-byte", _W, "a NUL byte, which ends a word for pppd",
          "pppd stores the NUL, and C string handling stops there.",
          _p("name l2\\x00tpd\n"), _p("name l2tpd\n"), "Remove it."),
    _rule("P301", "host-name-lookup", _W, "a host name that must resolve when pppd starts",
          "pppd resolves host names in address options while reading them and refuses "
          "to start when one does not resolve.", _p("ms-dns dns.example.net\n"),
          _p("ms-dns 192.0.2.53\n"), "Write the address.",
          "Whether the name resolves on the server cannot be known from the file."),
    _rule("P302", "missing-file", _W, "a file, plugin or log folder that must exist when "
          "pppd starts", "'file', 'call', '+ua', 'plugin' and 'logfile' open what they "
          "name while pppd reads the options.",
          Example({"etc/ppp/options.xl2tpd": "file /etc/ppp/options.more\n",
                   "etc/xl2tpd/xl2tpd.conf":
                   "[lns default]\npppoptfile = /etc/ppp/options.xl2tpd\n"}, root=True),
          Example({"etc/ppp/options.xl2tpd": "require-mschap-v2\n",
                   "etc/xl2tpd/xl2tpd.conf":
                   "[lns default]\npppoptfile = /etc/ppp/options.xl2tpd\n"}, root=True),
          "Create what is missing or fix the path.",
          "Checked only under --root, and only for paths whose top folder the root has."),
    _rule("P303", "unknown-plugin-option", _W, "an option pppd does not know unless a "
          "plugin loaded here adds it", "A plugin l2tp-lint does not know may add options; "
          "whether this one exists depends on it.",
          _p("plugin /opt/custom.so\ncustom-option 1\n"), _p("require-mschap-v2\n"),
          "Check the plugin's documentation."),
    _rule("P304", "machine-dependent-value", _I, "a value pppd accepts only if the machine "
          "provides it (a device, a group, an interface, a descriptor)",
          "Some arguments name things on the machine, which a file cannot show.",
          _p("privgroup vpnusers\n"), _p("require-mschap-v2\n"),
          "Make sure the machine has what the option names."),
]
