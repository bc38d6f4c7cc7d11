"""pppd 2.4.9 options: the core and the pppol2tp plugin, as data.

The table is Debian 12's ``ppp`` 2.4.9-1+1.1+b1: upstream 2.4.9 built with
CHAPMS, MPPE, FILTER (libpcap is linked), HAVE_MULTILINK, HAVE_INET6, PLUGIN,
USE_EAPTLS, MAXOCTETS and IPX, plus Debian's CBCP, SYSTEMD and USE_PAM; not
MSLANMAN, USE_SRP or DEBUGMPPEKEY.  Every name was checked against that
binary (``pppd notty file F``: recognised or ``unrecognized option``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

VERSION = "2.4.9"
PLUGIN_DIR = f"/usr/lib/pppd/{VERSION}"
PEERS_DIR = "/etc/ppp/peers"

# Option.kind: what the argument is, as pppd reads it.
#   flag    - takes no argument (o_bool, o_special_noarg, OPT_NOARG)
#   int     - strtoul base 0, cut to a C int (number_option, int_option)
#   hex     - strtoul base 16 into 32 bits (o_uint32)
#   string  - taken as it is; OPT_STATIC ones are cut to max_length bytes
#   special - a handler of its own decides (pppd_values knows each one)
FLAG, INT, HEX, STRING, SPECIAL = "flag", "int", "hex", "string", "special"

# Option.channel: where the option exists.
#   any      - always
#   tty      - only while the serial-line channel is in place (tty.c); gone
#              once ``pppol2tp <fd>`` has made the plugin the channel
#   pppol2tp - only once ``plugin pppol2tp.so`` is loaded
ANY, TTY, PPPOL2TP = "any", "tty", "pppol2tp"

# Option.loads_file: what the argument names on the machine.
LOADS = {
    "options": "an options file, read when the option is met",
    "call": f"a file under {PEERS_DIR}, read when the option is met",
    "plugin": f"a shared object, loaded when the option is met (bare names "
              f"are looked up in {PLUGIN_DIR})",
    "logfile": "a log file, opened (created) when the option is met",
    "ua": "a two-line user name and password file, read when the option is met",
    "group": "a group of the group database, looked up when the option is met",
    "fd": "an open file descriptor inherited from the parent",
    "script": "a program run later, when the link changes state",
    "tls": "an EAP-TLS certificate, key or CRL, read at authentication",
    "config": "a plugin's configuration file, read later",
}


@dataclass(frozen=True, slots=True)
class Option:
    """One option name of pppd 2.4.9 (an alias is a name of its own)."""

    name: str
    takes_argument: bool          # MAXARGS is 1: every option takes 0 or 1 word
    kind: str                     # FLAG, INT, HEX, STRING or SPECIAL
    channel: str                  # ANY, TTY or PPPOL2TP
    source: str                   # pppd source file that holds the entry
    alias_of: str | None = None   # the option this name stands for
    minimum: int | None = None    # OPT_LLIMIT as 2.4.9 enforces it
    maximum: int | None = None    # OPT_ULIMIT as 2.4.9 enforces it
    max_length: int | None = None  # OPT_STATIC: bytes kept; the rest is cut silently
    privileged: bool = False      # OPT_PRIV: root, /etc/ppp/options or a peers file only
    loads_file: str | None = None  # a key of LOADS
    summary: str = ""
    pppd25: str = ""              # how 2.5.x differs; "" when it does not


@dataclass(frozen=True, slots=True)
class Wildcard:
    """A word that is not an option name but that pppd still takes (o_wild)."""

    name: str         # 'device', 'speed' or 'ip-addresses'
    pppd_name: str    # the name of the entry in pppd's table
    channel: str      # TTY or ANY
    source: str
    summary: str


def _o(name: str, kind: str, source: str, summary: str, *, channel: str = ANY,
       minimum: int | None = None, maximum: int | None = None,
       max_length: int | None = None, privileged: bool = False,
       loads_file: str | None = None, pppd25: str = "") -> Option:
    """Build one main (non-alias) option."""
    return Option(name, kind != FLAG, kind, channel, source, None, minimum,
                  maximum, max_length, privileged, loads_file, summary, pppd25)


_NAME = 255       # MAXNAMELEN 256 with the NUL
_SECRET = 255     # MAXSECRETLEN 256
_PATH = 4095      # MAXPATHLEN 4096
_IFNAME = 31      # MAXIFNAMELEN 32 in 2.4.9
_MULTILINK_25 = "only in builds configured with --enable-multilink (off by default)"
_IPX_25 = "removed in 2.5.0 with the rest of IPX support"
_TLS_25 = "privileged after 2.5.3 (unreleased 2.5.4-dev)"
_LIMIT_25 = "after 2.5.3 (unreleased 2.5.4-dev) the value must be {}"

_OPTIONS_C = (
    _o("debug", FLAG, "options.c", "raise the log level by one (repeatable)"),
    _o("kdebug", INT, "options.c", "debug flags for the kernel driver"),
    _o("nodetach", FLAG, "options.c", "stay in the foreground"),
    _o("up_sdnotify", FLAG, "options.c",
       "tell systemd when the link is up; implies nodetach",
       pppd25="only in builds configured with --enable-systemd"),
    _o("updetach", FLAG, "options.c", "detach once the link is up"),
    _o("master_detach", FLAG, "options.c",
       "detach as multilink master when no link is left"),
    _o("holdoff", INT, "options.c", "seconds to wait before reconnecting"),
    _o("idle", INT, "options.c", "hang up after this many idle seconds"),
    _o("maxconnect", INT, "options.c", "hang up after this many seconds",
       minimum=0),
    _o("domain", SPECIAL, "options.c",
       "append a domain to the host name used for authentication",
       privileged=True),
    _o("file", SPECIAL, "options.c", "read options from a file, now",
       loads_file="options"),
    _o("call", SPECIAL, "options.c",
       f"read options from {PEERS_DIR}/NAME, always as privileged",
       loads_file="call",
       pppd25="2.5.3 refuses a peers file that is not root-owned or is "
              "group- or other-writable"),
    _o("persist", FLAG, "options.c", "reconnect when the link goes down"),
    _o("nopersist", FLAG, "options.c", "do not reconnect"),
    _o("demand", FLAG, "options.c", "bring the link up on traffic"),
    _o("--version", FLAG, "options.c", "print the version and exit"),
    _o("--help", FLAG, "options.c", "print a short usage and exit"),
    _o("logfile", SPECIAL, "options.c", "append log messages to a file",
       loads_file="logfile"),
    _o("logfd", INT, "options.c", "send log messages to this descriptor"),
    _o("nolog", FLAG, "options.c", "send log messages to no descriptor"),
    _o("linkname", STRING, "options.c", "name of the link (pid file, scripts)",
       max_length=_PATH, privileged=True),
    _o("maxfail", INT, "options.c", "give up after this many failed attempts"),
    _o("ktune", FLAG, "options.c", "let pppd change kernel settings"),
    _o("noktune", FLAG, "options.c", "leave kernel settings alone"),
    _o("connect-delay", INT, "options.c",
       "milliseconds to wait for the peer after the connect script",
       pppd25=_LIMIT_25.format(">= 0")),
    _o("unit", INT, "options.c", "ask for this ppp unit number", minimum=0),
    _o("ifname", STRING, "options.c", "name for the ppp interface",
       max_length=_IFNAME, privileged=True,
       pppd25="at most 15 bytes are kept (IFNAMSIZ) instead of 31"),
    _o("dump", FLAG, "options.c", "print the options in effect"),
    _o("dryrun", FLAG, "options.c", "print the options in effect and exit"),
    _o("child-timeout", INT, "options.c",
       "seconds to wait for child processes at exit"),
    _o("set", SPECIAL, "options.c", "set NAME=VALUE in the scripts' environment",
       pppd25="privileged from 2.5.3"),
    _o("unset", SPECIAL, "options.c", "remove NAME from the scripts' environment",
       pppd25="privileged from 2.5.3"),
    _o("defaultroute-metric", INT, "options.c",
       "metric of the default route (-1: the kernel's)", minimum=-1,
       privileged=True),
    _o("ip-up-script", STRING, "options.c", "program run when IPCP comes up",
       max_length=_PATH, privileged=True, loads_file="script"),
    _o("ip-down-script", STRING, "options.c", "program run when IPCP goes down",
       max_length=_PATH, privileged=True, loads_file="script"),
    _o("multilink", FLAG, "options.c", "enable multilink", pppd25=_MULTILINK_25),
    _o("nomultilink", FLAG, "options.c", "disable multilink",
       pppd25=_MULTILINK_25),
    _o("bundle", STRING, "options.c", "name of the multilink bundle",
       pppd25=_MULTILINK_25),
    _o("plugin", SPECIAL, "options.c", "load a plugin, now", privileged=True,
       loads_file="plugin",
       pppd25=f"plugins live in <libdir>/pppd/<version>; one built for "
              f"{VERSION} does not load"),
    _o("pass-filter", SPECIAL, "options.c",
       "libpcap expression of packets allowed through",
       pppd25="only in builds with libpcap"),
    _o("active-filter", SPECIAL, "options.c",
       "libpcap expression of packets that count as activity",
       pppd25="only in builds with libpcap"),
    _o("maxoctets", INT, "options.c", "hang up after this many octets",
       minimum=0),
    _o("mo-direction", SPECIAL, "options.c",
       "which octets maxoctets counts: in, out, max; anything else means sum"),
    _o("mo-timeout", INT, "options.c", "seconds between maxoctets checks",
       minimum=0),
)

_AUTH_C = (
    _o("auth", FLAG, "auth.c", "require the peer to authenticate",
       pppd25="from 2.5.3 forced on for every non-root caller, not only when "
              "a default route exists"),
    _o("noauth", FLAG, "auth.c", "do not require the peer to authenticate",
       privileged=True),
    _o("require-pap", FLAG, "auth.c", "require PAP from the peer"),
    _o("require-chap", FLAG, "auth.c", "require CHAP-MD5 from the peer"),
    _o("require-mschap", FLAG, "auth.c", "require MS-CHAP from the peer"),
    _o("require-mschap-v2", FLAG, "auth.c", "require MS-CHAPv2 from the peer"),
    _o("refuse-pap", FLAG, "auth.c", "never authenticate ourselves with PAP"),
    _o("refuse-chap", FLAG, "auth.c",
       "never authenticate ourselves with CHAP-MD5"),
    _o("refuse-mschap", FLAG, "auth.c",
       "never authenticate ourselves with MS-CHAP"),
    _o("refuse-mschap-v2", FLAG, "auth.c",
       "never authenticate ourselves with MS-CHAPv2"),
    _o("require-eap", FLAG, "auth.c", "require EAP from the peer"),
    _o("refuse-eap", FLAG, "auth.c", "never authenticate ourselves with EAP"),
    _o("name", STRING, "auth.c", "our name for authentication",
       max_length=_NAME, privileged=True),
    _o("+ua", SPECIAL, "auth.c",
       "read the PAP user name and password from a two-line file",
       loads_file="ua"),
    _o("user", STRING, "auth.c", "user name we authenticate with",
       max_length=_NAME),
    _o("password", STRING, "auth.c", "password we authenticate with",
       max_length=_SECRET),
    _o("usehostname", FLAG, "auth.c", "use the host name as our name"),
    _o("remotename", STRING, "auth.c", "the peer's name for secrets look-up",
       max_length=_NAME),
    _o("login", FLAG, "auth.c", "check PAP against the system's accounts"),
    _o("enable-session", FLAG, "auth.c",
       "account sessions of peers (PAM, utmp)", privileged=True),
    _o("papcrypt", FLAG, "auth.c", "PAP secrets are crypt(3) hashes"),
    _o("privgroup", SPECIAL, "auth.c",
       "members of this group may use privileged options", privileged=True,
       loads_file="group"),
    _o("allow-ip", SPECIAL, "auth.c",
       "addresses the peer may use without authenticating", privileged=True),
    _o("remotenumber", STRING, "auth.c", "the peer's telephone number",
       max_length=_NAME),
    _o("allow-number", SPECIAL, "auth.c",
       "telephone numbers allowed to connect", privileged=True),
    _o("ca", STRING, "auth.c", "EAP-TLS CA certificate (PEM)",
       loads_file="tls", pppd25=_TLS_25),
    _o("capath", STRING, "auth.c", "EAP-TLS CA certificate folder",
       loads_file="tls", pppd25=_TLS_25),
    _o("cert", STRING, "auth.c", "EAP-TLS certificate (PEM)", loads_file="tls",
       pppd25=_TLS_25),
    _o("key", STRING, "auth.c", "EAP-TLS private key (PEM)", loads_file="tls",
       pppd25=_TLS_25),
    _o("crl-dir", STRING, "auth.c", "EAP-TLS folder of CRLs", loads_file="tls",
       pppd25=_TLS_25),
    _o("crl", STRING, "auth.c", "EAP-TLS CRL file", loads_file="tls",
       pppd25=_TLS_25),
    _o("max-tls-version", STRING, "auth.c", "highest TLS version for EAP-TLS",
       pppd25=_TLS_25),
    _o("need-peer-eap", FLAG, "auth.c", "require the peer to authenticate us"),
)

_LCP_C = (
    _o("-all", FLAG, "lcp.c", "request and allow no LCP options at all"),
    _o("noaccomp", FLAG, "lcp.c", "no address/control field compression"),
    _o("asyncmap", HEX, "lcp.c",
       "characters to escape on receive, ORed into the map (serial only)"),
    _o("default-asyncmap", FLAG, "lcp.c", "do not negotiate the async map"),
    _o("nomagic", FLAG, "lcp.c", "no magic number (loop detection)"),
    _o("mru", INT, "lcp.c", "MRU to ask the peer for",
       pppd25=_LIMIT_25.format("between 128 and 16384")),
    _o("default-mru", FLAG, "lcp.c", "do not negotiate the MRU"),
    _o("mtu", INT, "lcp.c", "largest MTU we accept from the peer's MRU",
       minimum=128, maximum=16384),
    _o("nopcomp", FLAG, "lcp.c", "no protocol field compression"),
    _o("passive", FLAG, "lcp.c", "wait for the peer's first LCP packet"),
    _o("silent", FLAG, "lcp.c", "send nothing until the peer has spoken"),
    _o("lcp-echo-failure", INT, "lcp.c",
       "declare the link dead after this many unanswered echoes (0: never)"),
    _o("lcp-echo-interval", INT, "lcp.c", "seconds between LCP echo requests",
       pppd25=_LIMIT_25.format(">= 0")),
    _o("lcp-echo-adaptive", FLAG, "lcp.c",
       "skip echo requests while traffic arrives"),
    _o("lcp-restart", INT, "lcp.c", "seconds between LCP retransmissions",
       pppd25=_LIMIT_25.format(">= 1")),
    _o("lcp-max-terminate", INT, "lcp.c", "terminate requests to send"),
    _o("lcp-max-configure", INT, "lcp.c", "configure requests to send"),
    _o("lcp-max-failure", INT, "lcp.c", "configure naks before rejecting"),
    _o("receive-all", FLAG, "lcp.c", "accept all control characters"),
    _o("mrru", INT, "lcp.c", "multilink MRRU",
       pppd25=_MULTILINK_25 + "; after 2.5.3 (unreleased) it must be "
       "between 128 and 65535"),
    _o("mpshortseq", FLAG, "lcp.c", "short multilink sequence numbers",
       pppd25=_MULTILINK_25),
    _o("nompshortseq", FLAG, "lcp.c", "long multilink sequence numbers",
       pppd25=_MULTILINK_25),
    _o("endpoint", SPECIAL, "lcp.c", "multilink endpoint discriminator",
       pppd25=_MULTILINK_25),
    _o("noendpoint", FLAG, "lcp.c", "send and accept no endpoint discriminator"),
)

_IPCP_C = (
    _o("noip", FLAG, "ipcp.c", "disable IPCP and IPv4"),
    _o("novj", FLAG, "ipcp.c", "no Van Jacobson header compression"),
    _o("novjccomp", FLAG, "ipcp.c", "no VJ connection-id compression"),
    _o("vj-max-slots", SPECIAL, "ipcp.c", "VJ slots, 2 to 16"),
    _o("ipcp-accept-local", FLAG, "ipcp.c", "let the peer choose our address"),
    _o("ipcp-accept-remote", FLAG, "ipcp.c", "let the peer choose its address"),
    _o("ipparam", STRING, "ipcp.c", "extra argument for the ip-up/down scripts"),
    _o("noipdefault", FLAG, "ipcp.c",
       "do not take our address from the host name"),
    _o("ms-dns", SPECIAL, "ipcp.c",
       "DNS server offered to the peer (the last two count)"),
    _o("ms-wins", SPECIAL, "ipcp.c",
       "WINS server offered to the peer (the last two count)"),
    _o("ipcp-restart", INT, "ipcp.c", "seconds between IPCP retransmissions",
       pppd25=_LIMIT_25.format(">= 1")),
    _o("ipcp-max-terminate", INT, "ipcp.c", "IPCP terminate requests to send"),
    _o("ipcp-max-configure", INT, "ipcp.c", "IPCP configure requests to send"),
    _o("ipcp-max-failure", INT, "ipcp.c", "IPCP configure naks before rejecting"),
    _o("defaultroute", FLAG, "ipcp.c",
       "add a default route through the link (refused after nodefaultroute)",
       pppd25="privileged from 2.5.3"),
    _o("nodefaultroute", FLAG, "ipcp.c", "never add a default route"),
    _o("replacedefaultroute", FLAG, "ipcp.c",
       "replace an existing default route", privileged=True,
       pppd25="no effect from 2.5.3 (pppd prints two error lines and goes on)"),
    _o("noreplacedefaultroute", FLAG, "ipcp.c", "keep an existing default route",
       pppd25="no effect from 2.5.3 (pppd prints two error lines and goes on)"),
    _o("proxyarp", FLAG, "ipcp.c",
       "publish a proxy ARP entry for the peer (refused after noproxyarp)"),
    _o("noproxyarp", FLAG, "ipcp.c", "never add a proxy ARP entry"),
    _o("usepeerdns", FLAG, "ipcp.c", "ask the peer for DNS servers"),
    _o("netmask", SPECIAL, "ipcp.c", "netmask of the interface"),
    _o("ipcp-no-addresses", FLAG, "ipcp.c", "no old-style IP-Addresses option"),
    _o("ipcp-no-address", FLAG, "ipcp.c", "no IP-Address option"),
    _o("noremoteip", FLAG, "ipcp.c", "allow a peer without an address"),
    _o("nosendip", FLAG, "ipcp.c", "do not send our address"),
)

_IPV6CP_C = (
    _o("ipv6", SPECIAL, "ipv6cp.c",
       "interface identifiers local,remote; also enables IPv6CP"),
    _o("+ipv6", FLAG, "ipv6cp.c", "enable IPv6CP (on by default in 2.4.9)"),
    _o("noipv6", FLAG, "ipv6cp.c", "disable IPv6CP"),
    _o("ipv6cp-accept-local", FLAG, "ipv6cp.c",
       "let the peer choose our identifier"),
    _o("ipv6cp-accept-remote", FLAG, "ipv6cp.c",
       "let the peer choose its identifier"),
    _o("defaultroute6", FLAG, "ipv6cp.c",
       "add an IPv6 default route (refused after nodefaultroute6)",
       pppd25="privileged from 2.5.3"),
    _o("nodefaultroute6", FLAG, "ipv6cp.c", "never add an IPv6 default route"),
    _o("ipv6cp-use-ipaddr", FLAG, "ipv6cp.c",
       "take our identifier from the IPv4 address"),
    _o("ipv6cp-use-persistent", FLAG, "ipv6cp.c",
       "take our identifier from a persistent value"),
    _o("ipv6cp-restart", INT, "ipv6cp.c", "seconds between IPv6CP retransmissions",
       pppd25=_LIMIT_25.format(">= 1")),
    _o("ipv6cp-max-terminate", INT, "ipv6cp.c",
       "IPv6CP terminate requests to send"),
    _o("ipv6cp-max-configure", INT, "ipv6cp.c",
       "IPv6CP configure requests to send"),
    _o("ipv6cp-max-failure", INT, "ipv6cp.c",
       "IPv6CP configure naks before rejecting"),
)

_CCP_C = (
    _o("noccp", FLAG, "ccp.c", "disable compression control (CCP)"),
    _o("bsdcomp", SPECIAL, "ccp.c", "BSD-Compress code sizes n[,m]: 0 or 9..15"),
    _o("nobsdcomp", FLAG, "ccp.c", "no BSD-Compress"),
    _o("deflate", SPECIAL, "ccp.c", "Deflate window sizes n[,m]: 0 or 8..15",
       pppd25="8 is refused on Linux: values must be 0 or 9 .. 15"),
    _o("nodeflate", FLAG, "ccp.c", "no Deflate"),
    _o("nodeflatedraft", FLAG, "ccp.c", "no draft Deflate option number"),
    _o("predictor1", FLAG, "ccp.c", "ask for Predictor-1"),
    _o("nopredictor1", FLAG, "ccp.c", "no Predictor-1"),
    _o("require-mppe", FLAG, "ccp.c", "require MPPE, 40 or 128 bits"),
    _o("nomppe", FLAG, "ccp.c", "no MPPE"),
    _o("require-mppe-40", FLAG, "ccp.c", "require 40-bit MPPE"),
    _o("nomppe-40", FLAG, "ccp.c", "no 40-bit MPPE"),
    _o("require-mppe-128", FLAG, "ccp.c", "require 128-bit MPPE"),
    _o("nomppe-128", FLAG, "ccp.c", "no 128-bit MPPE"),
    _o("mppe-stateful", FLAG, "ccp.c", "allow stateful MPPE"),
    _o("nomppe-stateful", FLAG, "ccp.c", "refuse stateful MPPE"),
)

_AUTH_PROTOCOLS = (
    _o("chap-restart", INT, "chap-new.c", "seconds between CHAP challenges",
       pppd25=_LIMIT_25.format(">= 1")),
    _o("chap-max-challenge", INT, "chap-new.c", "CHAP challenges to send"),
    _o("chap-interval", INT, "chap-new.c", "rechallenge every n seconds (0: never)",
       pppd25=_LIMIT_25.format(">= 1")),
    _o("chap-timeout", INT, "chap-new.c",
       "seconds to wait for the peer's CHAP challenge",
       pppd25=_LIMIT_25.format(">= 1")),
    _o("chapms-strip-domain", FLAG, "chap-new.c",
       "drop a DOMAIN\\ prefix from MS-CHAP user names"),
    _o("eap-restart", INT, "eap.c", "seconds between EAP requests (server)"),
    _o("eap-max-sreq", INT, "eap.c", "EAP requests to send (server)"),
    _o("eap-timeout", INT, "eap.c", "seconds allowed for the peer's EAP"),
    _o("eap-max-rreq", INT, "eap.c", "EAP requests to accept (client)"),
    _o("eap-interval", INT, "eap.c", "EAP rechallenge interval"),
    _o("hide-password", FLAG, "upap.c", "keep passwords out of the log"),
    _o("show-password", FLAG, "upap.c", "log passwords in debug output"),
    _o("pap-restart", INT, "upap.c", "seconds between PAP requests",
       pppd25=_LIMIT_25.format(">= 1")),
    _o("pap-max-authreq", INT, "upap.c", "PAP requests to send"),
    _o("pap-timeout", INT, "upap.c", "seconds allowed for the peer's PAP",
       pppd25=_LIMIT_25.format(">= 0")),
)

_TTY_C = (
    _o("lock", FLAG, "tty.c", "take a UUCP lock on the serial device",
       channel=TTY),
    _o("nolock", FLAG, "tty.c", "no lock on the serial device", channel=TTY,
       privileged=True),
    _o("init", STRING, "tty.c", "command that initialises the serial line",
       channel=TTY),
    _o("connect", STRING, "tty.c", "command that sets up the connection",
       channel=TTY),
    _o("disconnect", STRING, "tty.c", "command run after the link ends",
       channel=TTY),
    _o("welcome", STRING, "tty.c", "command run after connect", channel=TTY),
    _o("pty", STRING, "tty.c", "command whose pty is the device", channel=TTY),
    _o("notty", FLAG, "tty.c", "use standard input and output, not a tty",
       channel=TTY),
    _o("socket", STRING, "tty.c", "use a TCP connection host:port", channel=TTY),
    _o("record", STRING, "tty.c", "record the raw traffic to a file",
       channel=TTY),
    _o("crtscts", FLAG, "tty.c", "RTS/CTS hardware flow control", channel=TTY),
    _o("cdtrcts", FLAG, "tty.c", "DTR/CTS hardware flow control", channel=TTY),
    _o("nocrtscts", FLAG, "tty.c", "no hardware flow control", channel=TTY),
    _o("xonxoff", FLAG, "tty.c", "XON/XOFF software flow control", channel=TTY),
    _o("stop-bits", INT, "tty.c", "stop bits on the serial line", channel=TTY,
       minimum=1, maximum=2),
    _o("modem", FLAG, "tty.c", "use the modem control lines", channel=TTY),
    _o("local", FLAG, "tty.c", "ignore the modem control lines", channel=TTY),
    _o("sync", FLAG, "tty.c", "synchronous HDLC framing", channel=TTY),
    _o("datarate", INT, "tty.c", "bytes per second for pty, notty or record",
       channel=TTY, pppd25=_LIMIT_25.format(">= 0")),
    _o("escape", SPECIAL, "tty.c", "hex codes of characters to escape on send",
       channel=TTY),
)

_OTHER_PROTOCOLS = (
    _o("noecp", FLAG, "ecp.c", "disable encryption control (ECP)"),
    _o("callback", SPECIAL, "cbcp.c", "ask for Microsoft callback (CBCP)",
       pppd25="only in builds configured with --enable-cbcp"),
    _o("ipx", FLAG, "ipxcp.c", "enable IPX", pppd25=_IPX_25),
    _o("noipx", FLAG, "ipxcp.c", "disable IPX",
       pppd25="kept from 2.5.0 as an option that does nothing"),
    _o("ipx-network", HEX, "ipxcp.c", "our IPX network number", pppd25=_IPX_25),
    _o("ipxcp-accept-network", FLAG, "ipxcp.c", "take the peer's IPX network",
       pppd25=_IPX_25),
    _o("ipx-node", SPECIAL, "ipxcp.c", "IPX node numbers ours[:peer]",
       pppd25=_IPX_25),
    _o("ipxcp-accept-local", FLAG, "ipxcp.c", "take our IPX node from the peer",
       pppd25=_IPX_25),
    _o("ipxcp-accept-remote", FLAG, "ipxcp.c", "take the peer's IPX node",
       pppd25=_IPX_25),
    _o("ipx-routing", INT, "ipxcp.c", "IPX routing protocol", pppd25=_IPX_25),
    _o("ipx-router-name", SPECIAL, "ipxcp.c", "IPX router name", pppd25=_IPX_25),
    _o("ipxcp-restart", INT, "ipxcp.c", "seconds between IPXCP retransmissions",
       pppd25=_IPX_25),
    _o("ipxcp-max-terminate", INT, "ipxcp.c", "IPXCP terminate requests",
       pppd25=_IPX_25),
    _o("ipxcp-max-configure", INT, "ipxcp.c", "IPXCP configure requests",
       pppd25=_IPX_25),
    _o("ipxcp-max-failure", INT, "ipxcp.c", "IPXCP configure naks",
       pppd25=_IPX_25),
)

_PPPOL2TP_C = (
    _o("pppol2tp", SPECIAL, "pppol2tp.c",
       "descriptor of the kernel L2TP socket; makes the plugin the channel",
       channel=PPPOL2TP, loads_file="fd"),
    _o("pppol2tp_lns_mode", FLAG, "pppol2tp.c", "behave as the LNS",
       channel=PPPOL2TP),
    _o("pppol2tp_send_seq", FLAG, "pppol2tp.c",
       "put sequence numbers on data packets we send", channel=PPPOL2TP),
    _o("pppol2tp_recv_seq", FLAG, "pppol2tp.c",
       "require sequence numbers on data packets we receive",
       channel=PPPOL2TP),
    _o("pppol2tp_reorderto", INT, "pppol2tp.c",
       "milliseconds to hold out-of-order packets (0: no reordering)",
       channel=PPPOL2TP),
    _o("pppol2tp_debug_mask", INT, "pppol2tp.c",
       "kernel and plugin debug bits", channel=PPPOL2TP),
    _o("pppol2tp_ifname", STRING, "pppol2tp.c", "name for the ppp interface",
       channel=PPPOL2TP, max_length=15, privileged=True),
    _o("pppol2tp_tunnel_id", INT, "pppol2tp.c", "tunnel id, for logs and hooks",
       channel=PPPOL2TP),
    _o("pppol2tp_session_id", INT, "pppol2tp.c", "session id, for logs and hooks",
       channel=PPPOL2TP),
)

# Each alias and the option it stands for.  '+mppe-40' is a full entry in
# ccp.c rather than an OPT_ALIAS one, but it does exactly what
# require-mppe-40 does.
ALIASES = {
    "-d": "debug", "-detach": "nodetach", "-h": "--help",
    "nologfd": "nolog", "mp": "multilink", "nomp": "nomultilink",
    "mo": "maxoctets",
    "+pap": "require-pap", "+chap": "require-chap", "+mschap": "require-mschap",
    "+mschap-v2": "require-mschap-v2", "-pap": "refuse-pap",
    "-chap": "refuse-chap", "-mschap": "refuse-mschap",
    "-mschap-v2": "refuse-mschap-v2",
    "-ac": "noaccomp", "-as": "asyncmap", "-am": "default-asyncmap",
    "-mn": "nomagic", "-mru": "default-mru", "-pc": "nopcomp", "-p": "passive",
    "-ip": "noip", "-vj": "novj", "-vjccomp": "novjccomp",
    "-defaultroute": "nodefaultroute", "-proxyarp": "noproxyarp",
    "-ipv6": "noipv6", "-defaultroute6": "nodefaultroute6",
    "-ccp": "noccp", "-bsdcomp": "nobsdcomp", "-deflate": "nodeflate",
    "-predictor1": "nopredictor1", "+mppe": "require-mppe", "-mppe": "nomppe",
    "+mppe-40": "require-mppe-40", "-mppe-40": "nomppe-40",
    "+mppe-128": "require-mppe-128", "-mppe-128": "nomppe-128",
    "-crtscts": "nocrtscts", "nocdtrcts": "nocrtscts",
    "-ecp": "noecp", "+ipx": "ipx", "-ipx": "noipx",
}


def _with_aliases(mains: tuple[Option, ...]) -> dict[str, Option]:
    """Index the main options by name and add every alias beside them."""
    table = {option.name: option for option in mains}
    for alias, target in ALIASES.items():
        main = table[target]
        table[alias] = replace(main, name=alias, alias_of=target,
                               summary=f"same as {target}")
    return table


OPTIONS: dict[str, Option] = _with_aliases(
    _OPTIONS_C + _AUTH_C + _LCP_C + _IPCP_C + _IPV6CP_C + _CCP_C
    + _AUTH_PROTOCOLS + _TTY_C + _OTHER_PROTOCOLS + _PPPOL2TP_C
)

TTY_ONLY = frozenset(name for name, option in OPTIONS.items()
                     if option.channel == TTY)

# OPT_ENABLE: once one of these options has been met, the option they
# guard is refused for the rest of the run, with "<option> option is
# disabled" (ipcp.c, ipv6cp.c; options.c process_option).
DISABLED_BY = {
    "defaultroute": frozenset({"nodefaultroute", "-defaultroute"}),
    "proxyarp": frozenset({"noproxyarp", "-proxyarp"}),
    "defaultroute6": frozenset({"nodefaultroute6", "-defaultroute6"}),
}

# The o_wild matchers, in the order find_option tries them: the channel's
# (tty.c) before the protocols' (ipcp.c).  They are tried only after no
# option name matched the word.
WILDCARDS = (
    Wildcard("device", "device name", TTY, "tty.c",
             "a word naming a character device: /dev/WORD, or WORD itself "
             "when it starts with '/'"),
    Wildcard("speed", "tty speed", TTY, "tty.c",
             "a whole word that strtol reads as a non-zero number: a baud rate"),
    Wildcard("ip-addresses", "IP addresses", ANY, "ipcp.c",
             "any word with a ':': local:remote addresses or host names, "
             "either side may be empty"),
)

# Options that other Debian 2.4.9 plugins add once loaded, for the plugins
# that xl2tpd setups load: passwordfd.so (xl2tpd itself, for a LAC with a
# password), radius.so with radattr.so, and passprompt.so.
PLUGIN_OPTIONS: dict[str, dict[str, Option]] = {
    "pppol2tp.so": {name: option for name, option in OPTIONS.items()
                    if option.channel == PPPOL2TP},
    "passwordfd.so": {
        "passwordfd": _o("passwordfd", INT, "passwordfd.c",
                         "read our password from this descriptor",
                         loads_file="fd",
                         pppd25="from 2.5.1 a handler of its own reads the "
                                "number"),
    },
    "radius.so": {
        "radius-config-file": _o("radius-config-file", STRING, "radius.c",
                                 "radiusclient configuration file",
                                 loads_file="config"),
        "avpair": _o("avpair", SPECIAL, "radius.c",
                     "extra RADIUS attribute NAME=VALUE for requests"),
        "map-to-ttyname": _o("map-to-ttyname", FLAG, "radius.c",
                             "NAS-Port from the tty name"),
        "map-to-ifname": _o("map-to-ifname", FLAG, "radius.c",
                            "NAS-Port from the interface unit (default)"),
    },
    "radattr.so": {},
    "passprompt.so": {
        "promptprog": _o("promptprog", STRING, "passprompt.c",
                         "program that prompts for the PAP password",
                         max_length=_PATH, loads_file="script"),
    },
}

# Plugins whose shared object needs symbols of another plugin loaded before
# it; otherwise dlopen fails with "undefined symbol" (checked on Debian 12).
PLUGIN_REQUIRES = {
    "radattr.so": "radius.so",
    "radrealms.so": "radius.so",
    "openl2tp.so": "pppol2tp.so",
}

# The plugins Debian 12's ppp package installs in PLUGIN_DIR.
DEBIAN_PLUGINS = frozenset({
    "minconn.so", "openl2tp.so", "passprompt.so", "passwordfd.so",
    "pppoatm.so", "pppoe.so", "pppol2tp.so", "radattr.so", "radius.so",
    "radrealms.so", "rp-pppoe.so", "winbind.so",
})

# Names that upstream pppd has but Debian's 2.4.9 binary does not know.
UNBUILT_OPTIONS = {
    "ms-lanman": "needs MSLANMAN, which Debian does not build",
    "mschap-challenge": "a DEBUGMPPEKEY build option",
    "mschap2-peer-challenge": "a DEBUGMPPEKEY build option",
    "srp-interval": "needs USE_SRP, which Debian does not build",
    "srp-pn-secret": "needs USE_SRP, which Debian does not build",
    "srp-use-pseudonym": "needs USE_SRP, which Debian does not build",
    "mppe": "from the out-of-tree MPPE-MPPC patch, never upstream",
}

# Names that first appeared after 2.4.9, with the release that added them.
NEWER_OPTIONS = {
    "-v": "2.5.0", "show-options": "2.5.0", "usepeerwins": "2.5.0",
    "ipv6cp-noremote": "2.5.0", "ipv6cp-nosend": "2.5.0",
    "ipv6cp-use-remotenumber": "2.5.0", "ipv6-up-script": "2.5.0",
    "ipv6-down-script": "2.5.0", "pkcs12": "2.5.0",
    "tls-verify-key-usage": "2.5.0", "tls-verify-method": "2.5.0",
    "pap-secrets": "2.5.1", "chap-secrets": "2.5.1", "noresolvconf": "2.5.1",
    "lcp-rtt-file": "2.5.1", "ip-pre-up-script": "2.5.1",
    "net-init-script": "2.5.1", "net-pre-up-script": "2.5.1",
    "net-down-script": "2.5.1",
    "defaultroute6-metric": "2.5.3", "vrf": "2.5.3",
    "auth-up-script": "2.5.3", "auth-down-script": "2.5.3",
}
