"""Authentication: whether peers must prove who they are, how, and where secrets lie.

pppd 2.4.9 (auth.c, auth_options) puts 'auth', 'noauth' and every
'require-*' option in one priority group: the last one read decides whether
the peer must authenticate.  The protocols asked for add up instead: each
'require-X' ORs its protocol in and 'noauth' clears none of them; with
'auth' alone pppd asks for every protocol it has secrets for
(auth_check_options, auth_reset).  As root, pppd's rule that a default route
forces 'auth' does not apply.  xl2tpd 1.3.18 passes 'auth' only for
'require authentication = yes' as set_papchap reads the key (file.c).
"""

from __future__ import annotations

from dataclasses import replace

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from l2tp_lint import discovery
from l2tp_lint.checks.pppd_load import OptionUse, options
from l2tp_lint.findings import Finding, Fix, Severity, Span
from l2tp_lint.pppd_options import PppdOptions
from l2tp_lint.rules import Context, Doc, Example, Rule
from l2tp_lint.rules.common import at_word, missing
from l2tp_lint.schemas import xl2tpd as schema
from l2tp_lint.setup import Call, Setting, global_entries, yes_or_no
from l2tp_lint.xl2tpd_conf import Entry, Xl2tpdConf

CONF = "etc/xl2tpd/xl2tpd.conf"
OPTIONS = "etc/ppp/options.xl2tpd"
CLIENT = "etc/ppp/options.l2tpd.client"
LNS_CONF = """\
[global]
port = 1701

[lns default]
ip range = 10.20.0.100-10.20.0.199
local ip = 10.20.0.1
require authentication = yes
pppoptfile = /etc/ppp/options.xl2tpd
"""
LAC_CONF = """\
[lac office]
lns = 203.0.113.10
pppoptfile = /etc/ppp/options.l2tpd.client
"""
GOOD_OPTIONS = "require-mschap-v2\nmtu 1280\nmru 1280\nlcp-echo-interval 30\nlcp-echo-failure 4\n"
_PLAIN_OPTIONS = "mtu 1280\nmru 1280\nlcp-echo-interval 30\nlcp-echo-failure 4\n"
CLIENT_OPTIONS = "noauth\nname alice\nmtu 1280\nmru 1280\nlcp-echo-interval 30\n" \
                 "lcp-echo-failure 4\n"

AUTH_GROUP = ("auth", "noauth", "require-pap", "require-chap", "require-mschap",
              "require-mschap-v2", "require-eap")
REQUIRES = AUTH_GROUP[2:]
# The protocols a 'require-*' lets in that are weaker than MS-CHAPv2, and why.
WEAK = {
    "require-pap": ("PAP", "the peer sends its password itself"),
    "require-chap": ("CHAP-MD5", "a recorded exchange allows an offline guess of the "
                     "password, and the client never checks the server"),
    "require-mschap": ("MS-CHAP v1", "it is obsolete, and the client never checks the "
                       "server"),
}
# The xl2tpd.conf key (as set_papchap reads it) behind each option xl2tpd passes.
_ARGUMENT_KEYS = {"auth": "require authentication", "require-pap": "require pap",
                  "require-chap": "require chap"}
_PAPCHAP = frozenset(k for k in schema.KEYS if k.startswith(("require ", "refuse ")))


def _lns(name: str, options: str, conf: str = LNS_CONF) -> Example:
    return Example({CONF: conf, name: options})


def seen_calls(context: Context, role: str) -> list[Call]:
    """Return the calls of a role (context.calls() skips those with unread options)."""
    return [call for call in context.calls() if call.role == role]


def auth_setting(call: Call) -> Setting | None:
    """Return the setting of pppd's auth group that is in effect, if any."""
    return call.last(*AUTH_GROUP)


def peer_must_authenticate(call: Call) -> bool:
    """Tell whether pppd requires the peer to authenticate (auth_required)."""
    setting = auth_setting(call)
    return setting is not None and setting.name != "noauth"


def papchap_target(entry: Entry) -> str:
    """Return the key set_papchap really sets for an entry, e.g. 'require chap'."""
    after = entry.key.split(" ", 1)[1][:1] if " " in entry.key else ""
    protocol = {"p": "pap", "a": "authentication"}.get(after, "chap")
    verb = "refuse" if entry.key[2:3] == "f" else "require"
    return f"{verb} {protocol}"


def intended_key(entry: Entry) -> str:
    """Return the canonical key an entry names when read case-insensitively."""
    key = schema.KEYS[entry.key_lower]
    return key.alias_of or key.name


def argument_entry(call: Call, option: str) -> Entry | None:
    """Return the xl2tpd.conf line that made xl2tpd pass ``option``."""
    wanted = _ARGUMENT_KEYS.get(option)
    found = [entry for entry in call.section.entries
             if entry.key_lower in _PAPCHAP and papchap_target(entry) == wanted
             and yes_or_no(entry.value)]
    return found[-1] if found else None


def entry_finding(rule: Rule, conf: Xl2tpdConf, entry: Entry, message: str) -> Finding:
    """Report at a whole xl2tpd.conf line."""
    return rule.finding(conf.path, conf.span(entry.key_start, entry.value_end), message)


def _miscased_require(call: Call) -> bool:
    return any(entry.key_lower in ("require authentication", "require auth")
               and papchap_target(entry) != "require authentication"
               and yes_or_no(entry.value) for entry in call.section.entries)


def check_no_authentication(context: Context) -> Iterator[Finding]:
    """C601: an LNS whose peers need not authenticate."""
    silent, miscased = [], []
    for call in seen_calls(context, "lns"):
        setting = auth_setting(call)
        if setting is not None and setting.name == "noauth" and setting.use is not None:
            yield _noauth_finding(call, setting)
        elif setting is None:
            (miscased if _miscased_require(call) else silent).append(call)
    text = ("peers of {sections} never have to authenticate: no 'require authentication = "
            "yes' in xl2tpd.conf and no 'auth' or 'require-*' in the pppd options (pppd runs "
            "as root, so nothing forces it); anyone who gets through IPsec gets a PPP "
            "session")
    yield from missing(NO_AUTH, silent, text + "; add 'require-mschap-v2' to its pppd options")
    yield from missing(NO_AUTH, miscased, text + " ('Require Authentication' with capitals "
                       "is read as 'require chap'); write 'require authentication = yes'")


def _noauth_finding(call: Call, setting: Setting) -> Finding:
    earlier = [s.name for s in call.settings if s.name in AUTH_GROUP and s is not setting]
    start = (f"'noauth' comes after '{earlier[-1]}' and cancels it" if earlier
             else "'noauth' on an LNS")
    message = (f"{start}: peers connect without any PPP authentication; remove 'noauth' "
               "and ask for 'require-mschap-v2'")
    return at_word(NO_AUTH, setting.document, setting.use.word, message)  # type: ignore


def check_weak_protocols(context: Context) -> Iterator[Finding]:
    """C602: PAP, CHAP-MD5 or MS-CHAP v1 still allowed on an LNS that authenticates."""
    open_ended: dict[bool, list[Call]] = {False: [], True: []}
    for call in seen_calls(context, "lns"):
        if not peer_must_authenticate(call):
            continue
        requires = {s.name for s in call.settings if s.name in REQUIRES}
        if not requires:
            open_ended[call.has("login")].append(call)
            continue
        for setting in call.settings:
            if setting.name in WEAK:
                yield _weak_finding(call, setting, "require-mschap-v2" in requires)
    text = ("no protocol is named for {sections}: with 'auth' alone pppd takes whichever "
            "protocol the peer picks among those it has secrets for, CHAP-MD5 and MS-CHAP "
            "v1 included, and PAP ")
    yield from missing(WEAK_PROTOCOLS, open_ended[False],
                       text + "when pap-secrets has an entry; add 'require-mschap-v2'")
    yield from missing(WEAK_PROTOCOLS, open_ended[True],
                       text + "checked against the system's accounts ('login'); add "
                       "'require-mschap-v2'")


def _weak_finding(call: Call, setting: Setting, has_v2: bool) -> Finding:
    protocol, reason = WEAK[setting.name]
    also = (f"; pppd offers MS-CHAPv2 first but takes {protocol} when the peer asks for it"
            if has_v2 else "")
    tail = f"lets peers authenticate with {protocol}: {reason}{also}"
    if setting.use is not None:
        return at_word(WEAK_PROTOCOLS, setting.document, setting.use.word,  # type: ignore
                       f"'{setting.use.word.value}' {tail}; ask for 'require-mschap-v2' "
                       "alone")
    entry = argument_entry(call, setting.name)
    passed = (f"'{setting.name}', which {tail}; remove the key and put "
              "'require-mschap-v2' in the options file")
    if entry is None:
        return _at_header(WEAK_PROTOCOLS, call,
                          f"xl2tpd passes {call.section.label} {passed}")
    return entry_finding(WEAK_PROTOCOLS, call.conf, entry,
                         f"'{entry.key} = {entry.value}' makes xl2tpd pass {passed}")


def _at_header(rule: Rule, call: Call, message: str) -> Finding:
    header = call.section.headers[0].header
    return rule.finding(call.conf.path, call.conf.span(header.start, header.end), message)


def check_client_demands(context: Context) -> Iterator[Finding]:
    """C603: a LAC whose pppd demands that the LNS authenticate itself."""
    for call in seen_calls(context, "lac"):
        setting = auth_setting(call)
        if setting is None or setting.name == "noauth":
            continue
        tail = ("makes the client's pppd demand that the LNS authenticate itself: most "
                "LNS never do, so pppd ends the link ('peer refused to authenticate'), or "
                "exits at start when it has no secret to check the LNS with")
        if setting.use is not None:
            yield at_word(CLIENT_DEMANDS, setting.document, setting.use.word,  # type: ignore
                          f"'{setting.use.word.value}' on a LAC {tail}; put 'noauth' in "
                          "the client's options")
            continue
        entry = argument_entry(call, setting.name)
        message = f"{tail}; set 'require authentication = no' or leave it out"
        if entry is None:
            yield _at_header(CLIENT_DEMANDS, call, f"{call.section.label} {message}")
        else:
            yield entry_finding(CLIENT_DEMANDS, call.conf, entry,
                                f"'{entry.key} = {entry.value}' {message}")


def _channels(context: Context) -> dict[str, str]:
    """Map each pppd file read to the channel pppd meets it in (one pass per run)."""
    channels: dict[str, str] = {}
    for call in context.calls():
        for setting in call.settings:
            if setting.document is not None:
                channels.setdefault(setting.document.path, call.mode)
    return channels


def _channel(context: Context, document: PppdOptions, channels: dict[str, str]) -> str:
    if document.path in context.standalone:
        return context.standalone[document.path]
    if discovery.is_system_options(Path(document.path)):
        return "system"
    return channels.get(document.path, "kernel")


def document_uses(context: Context, name: str) -> Iterator[tuple[PppdOptions, OptionUse]]:
    """Yield every use of an option in every pppd options file read."""
    channels = _channels(context)
    for document in context.pppd_files:
        for use in options(document, _channel(context, document, channels)):
            if use.name == name:
                yield document, use


def check_debug(context: Context) -> Iterator[Finding]:
    """C604: pppd logs its control packets, authentication included."""
    for document, use in document_uses(context, "debug"):
        yield at_word(DEBUG, document, use.word,
                      "'debug' makes pppd log every control packet: user names and the "
                      "CHAP and MS-CHAP challenges and responses (enough for an offline "
                      "password guess), and PAP passwords too with 'show-password'; "
                      "remove it once the link works")
    for call in context.calls():
        entry = call.section.value("ppp debug")
        if entry is not None and call.section.flag("ppp debug"):
            yield entry_finding(DEBUG, call.conf, entry,
                                f"'{entry.key} = {entry.value}' makes xl2tpd pass 'debug' "
                                "to pppd, which logs every control packet: user names and "
                                "CHAP and MS-CHAP challenges and responses, enough for an "
                                "offline password guess; set it to no once the link works")


def others_may_read(path: Path) -> int | None:
    """Return a file's mode when group or others have any access to it, else None."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    return mode if mode & 0o077 else None


def check_password_option(context: Context) -> Iterator[Finding]:
    """P605: a password written in a pppd options file."""
    for document, use in document_uses(context, "password"):
        mode = others_may_read(Path(document.path))
        if mode is not None and mode & 0o044:
            message = (f"'password' keeps a PPP password in a file that other users can "
                       f"read (mode {mode:04o}), and pppd never checks an options file's "
                       "mode")
        else:
            message = ("'password' keeps a PPP password in an options file, which pppd "
                       "never checks for safe permissions as it does its secrets files")
        yield at_word(PASSWORD, document, use.word,
                      message + "; put it in /etc/ppp/chap-secrets (mode 0600) instead")


def secrets_files(context: Context) -> list[str]:
    """Return the secrets files pppd and xl2tpd read, as absolute paths."""
    names = ["/etc/ppp/chap-secrets", "/etc/ppp/pap-secrets"]
    for view in context.confs:
        entries = [e for e in global_entries(view.conf) if e.key_lower == "auth file"]
        names.append(entries[-1].value if entries and entries[-1].value
                     else schema.KEYS["auth file"].default)
    return list(dict.fromkeys(names))


def check_secrets_mode(context: Context) -> Iterator[Finding]:
    """C606: secrets files that group or others may read (under --root only)."""
    if context.root is None:
        return
    for name in secrets_files(context):
        path = context.root / name.lstrip("/")
        mode = others_may_read(path) if discovery.is_file(path) else None
        if mode is None:
            continue
        what = "read" if mode & 0o044 else "change"
        yield SECRETS_MODE.finding(
            discovery.shown_path(path), Span(1, 1, 1, 1),
            f"secrets file '{name}' has mode {mode:04o}: users other than root can {what} "
            "it (pppd warns 'secret file has world and/or group access' and goes on); "
            f"chmod 600 '{name}'")


def check_accept_remote(context: Context) -> Iterator[Finding]:
    """C607: an LNS that lets the peer choose its own address."""
    for call in seen_calls(context, "lns"):
        if not call.section.flag("assign ip"):
            continue
        for setting in call.settings:
            if setting.name == "ipcp-accept-remote" and setting.use is not None:
                yield at_word(ACCEPT_REMOTE, setting.document, setting.use.word,  # type: ignore
                              "'ipcp-accept-remote' on an LNS lets the peer pick its own "
                              "address: pppd takes whatever address the client asks for "
                              "instead of the one xl2tpd drew from 'ip range', so a client "
                              "can take another client's or a LAN address (unless its "
                              "secrets line lists the addresses it may use); remove it")


def _case_message(entry: Entry) -> str | None:
    """Say what xl2tpd does with a key whose letters change its meaning."""
    key, first = entry.key, entry.key[:1]
    name = entry.key_lower
    if name in _PAPCHAP:
        target, meant = papchap_target(entry), intended_key(entry)
        if target == meant:
            return None
        lost = (": pppd gets no 'auth', so this line does not switch PPP authentication on"
                if meant == "require authentication" and yes_or_no(entry.value) else "")
        return (f"xl2tpd reads '{key}' as '{target}' (set_papchap looks at the letters as "
                f"typed){lost}; write '{meant}'")
    if name in ("no lac", "no ip range") and first != "n":
        effect = "may connect" if name == "no lac" else "are added to the pool"
        return (f"xl2tpd reads '{key}' as an allow rule: set_range only denies when the key "
                f"starts with a lower-case 'n', so these addresses {effect}; write '{name}'")
    if name == "tunnel rws" and first != "t":
        return (f"xl2tpd ignores '{key}': set_rws stores the window only when the key "
                "starts with a lower-case 't'; write 'tunnel rws'")
    if name in ("tx bps", "rx bps") and first != name[0]:
        return (f"xl2tpd reads '{key}' as 'bps' and sets both speeds: set_speed looks at "
                f"the first letter as typed; write '{name}'")
    return None


def check_key_case(context: Context) -> Iterator[Finding]:
    """X608: an xl2tpd key whose letters change what xl2tpd does with it."""
    for view in context.confs:
        for entry in view.conf.entries:
            if entry.section is None or entry.section.kind_lower not in ("lns", "lac"):
                continue
            message = _case_message(entry)
            if message is not None:
                end = entry.key_start + len(entry.key)
                span = view.conf.span(entry.key_start, end)
                fix = Fix(view.conf.path, "replace", entry.key_start, end, entry.key_lower,
                          "key in lower case, as xl2tpd reads it (X608)", False, "xl2tpd")
                yield replace(KEY_CASE.finding(view.conf.path, span, message), fix=fix)


def check_percent(context: Context) -> Iterator[Finding]:
    """X609: a '%' in a value xl2tpd uses as a printf format."""
    for view in context.confs:
        for entry in view.conf.entries:
            if entry.key_lower not in ("name", "pppoptfile") or "%" not in entry.value:
                continue
            if entry.section is None or entry.section.kind_lower not in ("lns", "lac"):
                continue
            span = view.conf.span(entry.value_start, entry.value_end)
            yield PERCENT.finding(
                view.conf.path, span,
                f"'%' in {entry.key_lower} '{entry.value}': xl2tpd 1.3.18 hands the value "
                "to vsnprintf as the format (control.c, add_opt), so pppd gets other text, "
                "'%s' reads stray memory and '%n' crashes xl2tpd when a call starts; "
                "remove the '%'")


NO_AUTH = Rule(
    "C601", "lns-without-authentication", Severity.ERROR,
    "an LNS whose peers need not authenticate", "setup",
    Doc(why="xl2tpd passes 'auth' only for 'require authentication = yes', and the "
        "default is no.  pppd runs as root, so its rule that a default route forces "
        "authentication does not apply: without 'auth' or a 'require-*' option in effect "
        "any peer that gets through IPsec (one shared PSK, often) gets a PPP session and an "
        "address.  A 'noauth' read later (the pppoptfile comes after xl2tpd's own "
        "arguments) cancels them.",
        bad=_lns(OPTIONS, _PLAIN_OPTIONS, LNS_CONF.replace("require authentication = yes\n",
                                                            "")),
        good=_lns(OPTIONS, GOOD_OPTIONS),
        fix="Add 'require-mschap-v2' to the options file, or 'require authentication = "
            "yes' to the section, and remove any 'noauth'.  Not safe to apply "
            "automatically: peers then need a chap-secrets entry.",
        limits="A section whose pppoptfile cannot be read is skipped.  /etc/ppp/options "
               "counts only when it is found (under --root, or beside etc/xl2tpd); "
               "Debian's copy holds 'auth'.  'allow-ip' exceptions are not weighed."),
    check_no_authentication)

WEAK_PROTOCOLS = Rule(
    "C602", "weak-authentication-allowed", Severity.WARNING,
    "an LNS that still lets peers authenticate with PAP, CHAP-MD5 or MS-CHAP v1", "setup",
    Doc(why="With 'auth' alone pppd asks for every protocol it has secrets for and takes "
        "the one the peer picks.  Each 'require-X' adds X to the protocols pppd accepts "
        "(auth.c, OPT_A2OR): xl2tpd's 'require chap = yes' passes 'require-chap', so "
        "CHAP-MD5 stays allowed next to 'require-mschap-v2'.",
        bad=_lns(OPTIONS, _PLAIN_OPTIONS),
        good=_lns(OPTIONS, GOOD_OPTIONS),
        fix="Keep 'require-mschap-v2' as the only 'require-*' and drop 'require pap' and "
            "'require chap' from xl2tpd.conf.  Not safe automatically: clients set up for "
            "another protocol stop connecting.",
        limits="Whether pppd really offers PAP depends on pap-secrets, which is not read. "
               "EAP (asked for with 'auth' alone) is not weighed."),
    check_weak_protocols)

CLIENT_DEMANDS = Rule(
    "C603", "lac-demands-server-authentication", Severity.WARNING,
    "a LAC whose pppd demands that the LNS authenticate itself", "setup",
    Doc(why="On the client, 'auth' or a 'require-*' option (or xl2tpd's 'require "
        "authentication = yes', which passes 'auth') asks the server to prove itself.  LNS "
        "set-ups almost never do; pppd then ends the link with 'peer refused to "
        "authenticate', or exits at start without a secret for the server.",
        bad=Example({CONF: LAC_CONF.replace("lns = 203.0.113.10\n", "lns = 203.0.113.10\n"
                                             "require authentication = yes\n"),
                     CLIENT: CLIENT_OPTIONS.replace("noauth\n", "")}),
        good=Example({CONF: LAC_CONF, CLIENT: CLIENT_OPTIONS}),
        fix="Put 'noauth' in the client's options file and leave 'require authentication' "
            "out of the [lac] section.  Safe only when the server really does not "
            "authenticate itself.",
        limits="Debian's /etc/ppp/options holds 'auth'; it counts only when found."),
    check_client_demands)

DEBUG = Rule(
    "C604", "ppp-debug-logging", Severity.WARNING,
    "pppd debug logging, which records authentication exchanges", "setup",
    Doc(why="'debug' (or 'ppp debug = yes', which passes it) makes pppd log every control "
        "packet.  PAP passwords show as <hidden> unless 'show-password' is set, but user "
        "names and CHAP and MS-CHAP challenges and responses are logged in full "
        "(chap-new.c, chap_print_pkt): enough for an offline dictionary attack.",
        bad=_lns(OPTIONS, GOOD_OPTIONS + "debug\n"),
        good=_lns(OPTIONS, GOOD_OPTIONS),
        fix="Remove 'debug' and set 'ppp debug = no' once the link works; safe to apply.",
        limits="Every options file read is checked, whatever role it serves."),
    check_debug)

PASSWORD = Rule(
    "P605", "password-in-options", Severity.WARNING,
    "a password written in a pppd options file", "pppd options",
    Doc(why="pppd warns about secrets files that others can read, but never checks an "
        "options file; a 'password' there is as safe as the file's mode, and files of this "
        "kind are often kept world-readable or in version control.",
        bad=Example({CONF: LAC_CONF, CLIENT: CLIENT_OPTIONS + "password secret\n"}),
        good=Example({CONF: LAC_CONF, CLIENT: CLIENT_OPTIONS}),
        fix="Move the password to /etc/ppp/chap-secrets (or pap-secrets), mode 0600, as "
            "'alice * secret *', and keep 'name alice' (or 'user alice').  Not automatic: "
            "the secrets file needs the right names.",
        limits="The mode is the file's mode where it is checked, not where it is deployed."),
    check_password_option)

SECRETS_MODE = Rule(
    "C606", "secrets-file-permissions", Severity.WARNING,
    "a secrets file that users other than root can read or change", "setup",
    Doc(why="chap-secrets and pap-secrets hold PPP passwords in clear text, and xl2tpd's "
        "'auth file' (default /etc/xl2tpd/l2tp-secrets) the tunnel secrets.  pppd only "
        "warns ('secret file ... has world and/or group access', auth.c check_access) and "
        "goes on using them.",
        bad=Example({CONF: LNS_CONF, OPTIONS: GOOD_OPTIONS,
                     "etc/ppp/chap-secrets": "alice * secret *\n"},
                    root=True, permissions={"etc/ppp/chap-secrets": 0o644}),
        good=Example({CONF: LNS_CONF, OPTIONS: GOOD_OPTIONS,
                      "etc/ppp/chap-secrets": "alice * secret *\n"},
                     root=True, permissions={"etc/ppp/chap-secrets": 0o600}),
        fix="chmod 600 the file (owner root).  Safe to apply.",
        limits="Only with --root, where the files are the machine's own; any group or "
               "other permission bit counts, as in pppd."),
    check_secrets_mode)

ACCEPT_REMOTE = Rule(
    "C607", "lns-accepts-peer-address", Severity.WARNING,
    "an LNS that lets the peer choose its own address", "setup",
    Doc(why="With 'ipcp-accept-remote' pppd accepts any non-zero address the peer asks "
        "for (ipcp.c, ipcp_reqci), so the address xl2tpd drew from 'ip range' is only a "
        "suggestion; the option is in xl2tpd's example options file.",
        bad=_lns(OPTIONS, GOOD_OPTIONS + "ipcp-accept-local\nipcp-accept-remote\n"),
        good=_lns(OPTIONS, GOOD_OPTIONS + "ipcp-accept-local\n"),
        fix="Remove 'ipcp-accept-remote' from the LNS options.  Safe for clients that ask "
            "for no particular address, the usual case.",
        limits="Skipped when 'assign ip = no' (pppd then takes the peer's address anyway). "
               "Addresses limited in chap-secrets are not read."),
    check_accept_remote)

KEY_CASE = Rule(
    "X608", "key-case-changes-meaning", Severity.ERROR,
    "an xl2tpd key whose capital letters change what it does", "xl2tpd.conf",
    Doc(why="xl2tpd finds a key case-insensitively, but some handlers then look at the "
        "letters as typed (file.c): 'Require Authentication' sets 'require chap' and "
        "leaves authentication off, 'Refuse PAP' refuses CHAP, 'No lac' and 'No ip range' "
        "allow instead of deny, 'Tunnel RWS' is ignored and 'TX bps' sets both speeds.",
        bad=_lns(OPTIONS, GOOD_OPTIONS, LNS_CONF.replace("require authentication",
                                                          "Require Authentication")),
        good=_lns(OPTIONS, GOOD_OPTIONS),
        fix="Write the key in lower case, as in xl2tpd's table.  Safe to apply, but it "
            "changes what the daemon does: review what the line was meant to do.",
        limits="'Call RWS' is not reported: 'call rws' does nothing in any spelling "
               "(X801)."),
    check_key_case)

PERCENT = Rule(
    "X609", "percent-in-format-value", Severity.ERROR,
    "a '%' in 'name' or 'pppoptfile', which xl2tpd uses as a printf format", "xl2tpd.conf",
    Doc(why="xl2tpd 1.3.18 builds pppd's arguments with add_opt(po, value), so the value is "
        "the format string of vsnprintf: '%%' shrinks, '%s' pulls in stray memory and "
        "'%n' writes through a stray pointer (the daemon was seen to die with SIGSEGV).",
        bad=_lns(OPTIONS, GOOD_OPTIONS, LNS_CONF + "name = vpn%server\n"),
        good=_lns(OPTIONS, GOOD_OPTIONS, LNS_CONF + "name = vpnserver\n"),
        fix="Remove the '%' (rename the file or the PPP name, and the secrets entries that "
            "use the name).  Not automatic."),
    check_percent)

RULES = [NO_AUTH, WEAK_PROTOCOLS, CLIENT_DEMANDS, DEBUG, PASSWORD, SECRETS_MODE,
         ACCEPT_REMOTE, KEY_CASE, PERCENT]
