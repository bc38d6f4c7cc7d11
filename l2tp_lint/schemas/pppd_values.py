"""How pppd 2.4.9 judges an option's argument.

Values are decoded words as str, one character per byte (latin-1).  The C
library calls pppd makes (strtoul, strtol, inet_addr, inet_pton,
gethostbyname) are imitated as glibc 2.36 (Debian 12) behaves, without
touching the machine: nothing here resolves a name or opens a file.  When
the verdict depends on the machine, the problem says what pppd prints when
the machine says no, with ``machine=True``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from l2tp_lint.schemas.pppd import (
    DEBIAN_PLUGINS, HEX, INT, PEERS_DIR, PLUGIN_DIR, SPECIAL, TTY, Option,
)

_SPACE = " \t\n\v\f\r"            # isspace() in the C locale
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_ULONG_MAX = 2**64 - 1
_HEX_DIGITS = "0123456789abcdefABCDEF"
_LONG_MAX = 2**63 - 1


@dataclass(frozen=True, slots=True)
class ArgumentProblem:
    """Why pppd refuses an argument, in pppd's words."""

    message: str
    machine: bool = False  # the verdict depends on the machine, not the text


# ------------------------------------------------------------- C conversions


def _c_strto(text: str, base: int, start: int = 0) -> tuple[int, int]:
    """Read a number as glibc's strtol family does, before any overflow.

    Returns the signed value read and the index where reading stopped
    (``start`` when there is no number).
    """
    index = start
    while index < len(text) and text[index] in _SPACE:
        index += 1
    negative = index < len(text) and text[index] == "-"
    if index < len(text) and text[index] in "+-":
        index += 1
    prefix = text[index:index + 2].lower() == "0x"
    if prefix and base in (0, 16):
        index, base = index + 2, 16
    elif base == 0:
        base = 8 if text[index:index + 1] == "0" else 10
    digits_start = index
    while index < len(text) and text[index].lower() in _DIGITS[:base]:
        index += 1
    if index == digits_start:
        # "0x" with no hex digit after it reads as 0, ending at the 'x'
        return (0, digits_start - 1) if prefix and base == 16 else (0, start)
    value = int(text[digits_start:index], base)
    return (-value if negative else value), index


def c_strtoul(text: str, base: int, start: int = 0) -> tuple[int, int]:
    """Return strtoul's unsigned long and end index (``start``: no number)."""
    value, end = _c_strto(text, base, start)
    if abs(value) > _ULONG_MAX:
        return _ULONG_MAX, end
    return value % 2**64, end


def c_strtol(text: str, base: int, start: int = 0) -> tuple[int, int]:
    """Return strtol's long, clamped to its range, and end index."""
    value, end = _c_strto(text, base, start)
    return max(-_LONG_MAX - 1, min(_LONG_MAX, value)), end


def c_int(value: int) -> int:
    """Return a number cut to a 32-bit C int, as an assignment in C does."""
    value &= 0xFFFFFFFF
    return value - 2**32 if value >= 2**31 else value


def parse_int(value: str) -> int | None:
    """Return the int pppd makes of an integer argument, or None when it has none.

    strtoul base 0 (0x hex, leading 0 octal), trailing garbage ignored,
    negative numbers and overflow wrapped into a C int (options.c int_option).
    """
    number, end = c_strtoul(value, 0)
    return None if end == 0 else c_int(number)


def parse_hex(value: str) -> int | None:
    """Return the 32-bit value of a hex argument (o_uint32), or None."""
    number, end = c_strtoul(value, 16)
    return None if end == 0 else number & 0xFFFFFFFF


def inet_aton(text: str, exact: bool = False) -> int | None:
    """Return the address glibc's inet_aton reads, or None.

    Each part starts with a digit and is read by strtoul base 0; 1 to 4 parts
    (a, a.b, a.b.c, a.b.c.d).  Trailing whitespace is allowed unless ``exact``.
    """
    parts: list[int] = []
    index = 0
    while True:
        if not text[index:index + 1].isdigit() or not text[index].isascii():
            return None
        number, index = c_strtoul(text, 0, index)
        if number > 0xFFFFFFFF:
            return None
        if text[index:index + 1] != ".":
            break
        if len(parts) == 3 or number > 0xFF:
            return None
        parts.append(number)
        index += 1
    rest = text[index:]
    if rest and (exact or rest[0] not in _SPACE):
        return None
    if number >= 1 << (8 * (4 - len(parts))):
        return None
    head = sum(part << (8 * (3 - i)) for i, part in enumerate(parts))
    return head | number


def _pton4(text: str) -> bytes | None:
    """Return the 4 bytes of a strict dotted quad (glibc inet_pton), or None."""
    pieces = text.split(".")
    if len(pieces) != 4:
        return None
    octets = []
    for piece in pieces:
        if not piece or not all("0" <= c <= "9" for c in piece):
            return None
        if (len(piece) > 1 and piece[0] == "0") or int(piece) > 255:
            return None
        octets.append(int(piece))
    return bytes(octets)


def inet_pton6(text: str) -> bytes | None:
    """Return the 16 bytes glibc's inet_pton(AF_INET6) reads, or None."""
    head, gap, tail = text.partition("::")
    if "::" in tail:
        return None
    left = _groups(head, allow_ipv4=not gap)
    right = _groups(tail, allow_ipv4=True) if gap else b""
    if left is None or right is None:
        return None
    filler = 16 - len(left) - len(right)
    if filler < 0 or (gap and filler == 0) or (not gap and filler != 0):
        return None
    return left + bytes(filler) + right


def _groups(text: str, allow_ipv4: bool) -> bytes | None:
    """Read colon-separated hex groups, the last one maybe a dotted quad."""
    if not text:
        return b""
    out = b""
    pieces = text.split(":")
    for number, piece in enumerate(pieces):
        last = number == len(pieces) - 1
        if last and allow_ipv4 and "." in piece:
            quad = _pton4(piece)
            return None if quad is None else out + quad
        if not 1 <= len(piece) <= 4 or not all(c in _HEX_DIGITS for c in piece):
            return None
        out += int(piece, 16).to_bytes(2, "big")
    return out


def _dotted(address: int) -> str:
    """Format an address as pppd's ip_ntoa does."""
    return ".".join(str((address >> shift) & 0xFF) for shift in (24, 16, 8, 0))


# ---------------------------------------------------------------- host names

_RESOLVED, _NOT_FOUND, _LOOK_UP = "resolved", "not-found", "look-up"


def _host(name: str) -> tuple[str, int]:
    """Tell what ``inet_addr``, then ``gethostbyname``, make of a name.

    glibc answers two kinds of names itself, without any look-up
    (nss/digits_dots.c): digits and dots not ending in a dot (a valid
    address or nothing), and names that start like an IPv6 literal (never
    an IPv4 address).  Of the rest, only a well-formed host name is taken
    as one that may resolve: a placeholder such as ``$DNS1`` or ``<dns>``
    is taken as refused, although a hosts-file line could list even that.
    """
    address = inet_aton(name)
    if address is not None and address != 0xFFFFFFFF:
        return _RESOLVED, address
    if name and _digits_dots(name) and not name.endswith("."):
        exact = inet_aton(name, exact=True)
        return (_NOT_FOUND, 0) if exact is None else (_RESOLVED, exact)
    if name.startswith(":") or (name[:1] in _HEX_DIGITS and ":" in name):
        return _NOT_FOUND, 0
    return (_LOOK_UP, 0) if well_formed_host_name(name) else (_NOT_FOUND, 0)


# Labels of letters, digits, '-' and '_' (seen in real host names), not
# starting or ending with '-'; a trailing dot is allowed.
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOST_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")


def well_formed_host_name(name: str) -> bool:
    """Tell whether a name could be a host name; a last label of digits cannot."""
    if not _HOST_NAME.fullmatch(name):
        return False
    return not name.rstrip(".").rsplit(".", 1)[-1].isdigit()


def _digits_dots(name: str) -> bool:
    """Tell whether a name starts with a digit and has only digits and dots."""
    return "0" <= name[0] <= "9" and all(c == "." or "0" <= c <= "9" for c in name)


def _bad_address(address: int) -> bool:
    """Loopback, multicast or class E: refused as a link address (auth.c)."""
    return address >> 24 == 127 or address >> 28 in (0xE, 0xF)


# ------------------------------------------------------------------ handlers

Handler = Callable[[Option, str], ArgumentProblem | None]


def _number(option: Option, value: str) -> ArgumentProblem | None:
    """o_int: a number, then OPT_LLIMIT/OPT_ULIMIT (options.c process_option)."""
    number = parse_int(value)
    if number is None:
        return _not_a_number(option, value)
    low, high = option.minimum, option.maximum
    if (low is None or number >= low) and (high is None or number <= high):
        return None
    if low is not None and high is not None:
        return ArgumentProblem(f"{option.name} value must be between {low} and {high}")
    if low is not None:
        return ArgumentProblem(f"{option.name} value must be >= {low}")
    return ArgumentProblem(f"{option.name} value must be <= {high}")


def _not_a_number(option: Option, value: str) -> ArgumentProblem:
    """number_option's complaint."""
    return ArgumentProblem(
        f"invalid numeric parameter '{value}' for {option.name} option")


def _hex(option: Option, value: str) -> ArgumentProblem | None:
    """o_uint32: any leading hex number, 0x optional."""
    return _not_a_number(option, value) if parse_hex(value) is None else None


def _vj_slots(option: Option, value: str) -> ArgumentProblem | None:
    """ipcp.c setvjslots: 2 to 16."""
    number = parse_int(value)
    if number is None:
        return _not_a_number(option, value)
    if not 2 <= number <= 16:
        return ArgumentProblem("vj-max-slots value must be between 2 and 16")
    return None


def _server_address(option: Option, value: str) -> ArgumentProblem | None:
    """ipcp.c setdnsaddr/setwinsaddr: an address or a name that resolves."""
    verdict, _ = _host(value)
    if verdict == _RESOLVED:
        return None
    message = f"invalid address parameter '{value}' for {option.name} option"
    return ArgumentProblem(message, machine=verdict == _LOOK_UP)


def _netmask(option: Option, value: str) -> ArgumentProblem | None:
    """ipcp.c setnetmask via parse_dotted_ip: a.b.c.d, or one number > 255.

    pppd also refuses a mask that drops bits of a netmask given before it;
    that depends on the earlier option, not on this value.
    """
    if _dotted_ip_length(value) != len(value) or not value:
        return ArgumentProblem(f"invalid netmask value '{value}'")
    return None


def _dotted_ip_length(text: str) -> int:
    """Return how much of ``text`` parse_dotted_ip reads (0: nothing)."""
    index = 0
    for part in range(4):
        number, end = c_strtoul(text, 0, index)
        if end == index:
            return 0
        number &= 0xFFFFFFFF
        if number > 255:
            return end if part == 0 else 0
        index = end
        if part == 3:
            break
        if text[index:index + 1] != ".":
            return 0
        index += 1
    return index


def _compression_sizes(value: str) -> list[int] | None:
    """Read n or n,m as setbsdcomp/setdeflate do (strtol base 0), or None."""
    first, end = c_strtol(value, 0)
    sizes, start = [c_int(first)], 0
    if end != 0 and value[end:end + 1] == ",":
        start = end + 1
        second, end = c_strtol(value, 0, start)
        sizes.append(c_int(second))
    return None if end != len(value) or end == start else sizes


def _compression(option: Option, value: str) -> ArgumentProblem | None:
    """ccp.c setbsdcomp/setdeflate: each size 0 or in range.

    The deflate range starts at 8 because 2.4.9 uses its own ppp-comp.h
    (DEFLATE_MIN_SIZE 8); 8 is then raised to 9 with a warning.
    """
    sizes = _compression_sizes(value)
    if sizes is None:
        return ArgumentProblem(f"invalid parameter '{value}' for {option.name} option")
    low = 9 if option.name == "bsdcomp" else 8
    if any(size != 0 and not low <= size <= 15 for size in sizes):
        return ArgumentProblem(
            f"{option.name} option values must be 0 or {low} .. 15")
    return None


def argument_warning(option: Option, value: str) -> str | None:
    """Return the warning pppd logs for an argument it accepts, if any."""
    if option.name != "deflate" or _compression(option, value) is not None:
        return None
    if 8 in (_compression_sizes(value) or []):
        return "deflate option value of 8 changed to 9 to avoid zlib bug"
    return None


def _interface_ids(option: Option, value: str) -> ArgumentProblem | None:
    """ipv6cp.c setifaceid: [local][,remote], each ::X with X non-zero."""
    local, _, remote = value.partition(",")
    for side, text in (("local", local), ("remote", remote)):
        if text and not _valid_identifier(text):
            return ArgumentProblem(f"Illegal interface identifier ({side}): {text}")
    return None


def _valid_identifier(text: str) -> bool:
    """Top 64 bits zero, bottom 64 bits not (ipv6cp.c VALIDID)."""
    address = inet_pton6(text)
    return address is not None and not any(address[:8]) and any(address[8:])


def _escape(option: Option, value: str) -> ArgumentProblem | None:
    """tty.c setescape: hex codes split by commas or spaces, not 0x5e, <= 0xff."""
    problems = []
    index = 0
    while index < len(value):
        number, end = c_strtol(value, 16, index)
        if end == index:
            problems.append(
                f"escape parameter contains invalid hex number '{value[index:]}'")
            break
        code = c_int(number)
        if code < 0 or code == 0x5E or code > 0xFF:
            problems.append(f"can't escape character 0x{code & 0xFFFFFFFF:x}")
        index = end
        while index < len(value) and value[index] in ", ":
            index += 1
    return ArgumentProblem(problems[0]) if problems else None


_EPD_CLASSES = ("null", "local", "ip", "mac", "magic", "phone")
_EPD_IP, _EPD_MAC = 2, 3


def _endpoint(option: Option, value: str) -> ArgumentProblem | None:
    """multilink.c str_to_epdisc: class[:value], class by name or number."""
    problem = ArgumentProblem(f"Can't parse '{value}' as an endpoint discriminator")
    klass, rest = _endpoint_class(value)
    if klass is None:
        return problem
    if not rest:
        return None
    if rest[0] not in ":.":
        return problem
    rest = rest[1:]
    if klass == _EPD_IP:
        return None if _dotted_ip_length(rest) == len(rest) and rest else problem
    length = _endpoint_bytes(rest)
    if length is not None and (klass != _EPD_MAC or length == 6):
        return None
    if klass == _EPD_MAC and _could_be_interface(rest):
        return ArgumentProblem(problem.message, machine=True)
    return problem


def _endpoint_class(value: str) -> tuple[int | None, str]:
    """Return the class and the rest of the value, or (None, '')."""
    for klass, name in enumerate(_EPD_CLASSES):
        if value[:len(name)].lower() == name:
            return klass, value[len(name):]
    number, end = c_strtol(value, 10)
    if end == 0:
        return None, ""
    return c_int(number), value[end:]


def _endpoint_bytes(text: str) -> int | None:
    """Return how many bytes a hex endpoint value makes, or None (max 20)."""
    count = 0
    index = 0
    run_end = 0
    while count < 20 and index < len(text):
        if run_end <= index:
            run_end = index
            while run_end < len(text) and text[run_end] in _HEX_DIGITS:
                run_end += 1
        run = run_end - index
        if run == 0:
            return None
        index += 1 if run % 2 else 2
        count += 1
        if text[index:index + 1] in (":", "."):
            index += 1
    return count if index >= len(text) else None


def _could_be_interface(text: str) -> bool:
    """Tell whether SIOCGIFHWADDR could find an interface by this name.

    The name is cut to 15 bytes first; Linux never names an interface '',
    '.', '..' or anything with '/', ':' or whitespace.
    """
    name = text[:15]
    if name in ("", ".", ".."):
        return False
    return not any(c in "/:" or c in _SPACE for c in name)


def _set_variable(option: Option, value: str) -> ArgumentProblem | None:
    """options.c user_setenv: NAME=VALUE with a non-empty NAME."""
    if "=" not in value:
        return ArgumentProblem(f"missing = in name=value: {value}")
    if value.startswith("="):
        return ArgumentProblem(f"missing variable name: {value}")
    return None


def _unset_variable(option: Option, value: str) -> ArgumentProblem | None:
    """options.c user_unsetenv: a bare NAME."""
    if "=" in value:
        return ArgumentProblem(f"unexpected = in name: {value}")
    if not value:
        return ArgumentProblem("missing variable name for unset")
    return None


def _names_directory(path: str) -> bool:
    """Tell whether a path can only be a folder (or nothing at all)."""
    return path.endswith("/") or path.rsplit("/", 1)[-1] in (".", "..")


def _surely_there(path: str) -> bool:
    """Tell whether a path names a folder that always exists ('/', '.', '..')."""
    return all(part in ("", ".", "..") for part in path.split("/"))


def _options_file(option: Option, value: str) -> ArgumentProblem | None:
    """options.c readfile: the file must open, as the real user.

    A folder opens but cannot be read: pppd then dies with 'Error reading'.
    A path that can only be a folder is refused either way; the message
    assumes the folder exists.
    """
    missing = f"Can't open options file {value}: No such file or directory"
    if not value:
        return ArgumentProblem(missing)
    if _names_directory(value):
        return ArgumentProblem(f"Error reading {value}: Is a directory")
    return ArgumentProblem(missing, machine=True)


def _call_file(option: Option, value: str) -> ArgumentProblem | None:
    """options.c callfile: a name under /etc/ppp/peers, no '..', no leading '/'."""
    if not value or value.startswith("/") or ".." in value.split("/"):
        return ArgumentProblem("call option value may not contain .. or start with /")
    path = f"{PEERS_DIR}/{value}"
    missing = f"Can't open options file {path}: No such file or directory"
    if _surely_there(value):
        return ArgumentProblem(f"Error reading {path}: Is a directory")
    return ArgumentProblem(missing, machine=not _names_directory(value))


def _log_file(option: Option, value: str) -> ArgumentProblem | None:
    """options.c setlogfile: opened for appending, created if missing, now.

    A path ending in '/', '.' or '..' never opens (EISDIR when its folder
    exists, ENOENT when not; the message assumes the folder exists).
    """
    missing = f"Can't open log file {value}: No such file or directory"
    if not value:
        return ArgumentProblem(missing)
    if _names_directory(value):
        return ArgumentProblem(f"Can't open log file {value}: Is a directory")
    return ArgumentProblem(missing, machine=True)


def _plugin(option: Option, value: str) -> ArgumentProblem | None:
    """options.c loadplugin: dlopen now; a bare name is taken from PLUGIN_DIR.

    The plugins of Debian's package load (pppol2tp.so only where the kernel
    has PPP; radattr.so and the like only after PLUGIN_REQUIRES' plugin);
    any other shared object depends on the machine.
    """
    name = value.removeprefix(PLUGIN_DIR + "/")
    if "/" not in name and name in DEBIAN_PLUGINS:
        return None
    certain = not value or _names_directory(value)
    return ArgumentProblem(f"Couldn't load plugin {value}", machine=not certain)


def _pap_file(option: Option, value: str) -> ArgumentProblem | None:
    """auth.c setupapfile: two lines, user name then password."""
    missing = f"unable to open user login data file {value}"
    if not value:
        return ArgumentProblem(missing)
    if _names_directory(value):
        # a folder opens, but no line can be read from it
        return ArgumentProblem(f"unable to read user login data file {value}")
    return ArgumentProblem(missing, machine=True)


def _group(option: Option, value: str) -> ArgumentProblem | None:
    """auth.c privgroup: the group must exist here."""
    return ArgumentProblem(f"group {value} is unknown", machine=True)


def _filter(option: Option, value: str) -> ArgumentProblem | None:
    """options.c setpassfilter/setactivefilter: libpcap compiles it, now.

    Only unbalanced brackets are certain syntax errors; any other verdict
    comes from the installed libpcap and its name look-ups.
    """
    prefix = f"error in {option.name} expression: "
    if not _balanced(value):
        return ArgumentProblem(prefix + "can't parse filter expression: syntax error")
    if not value.strip(_SPACE):
        return None
    return ArgumentProblem(f"{prefix}libpcap could not compile '{value}'",
                           machine=True)


def _balanced(text: str) -> bool:
    """Tell whether round and square brackets pair up."""
    stack: list[str] = []
    for char in text:
        if char in "([":
            stack.append(")" if char == "(" else "]")
        elif char in ")]" and (not stack or stack.pop() != char):
            return False
    return not stack


def _ipx_node(option: Option, value: str) -> ArgumentProblem | None:
    """ipxcp.c setipxnode: hex digits, optionally ':' and more hex digits."""
    ours, _, theirs = value.partition(":")
    if _hex_digits(ours) and _hex_digits(theirs):
        return None
    return ArgumentProblem(f"invalid parameter '{value}' for ipx-node option")


def _hex_digits(text: str) -> bool:
    """Tell whether every character is a hex digit."""
    return all(c in _HEX_DIGITS for c in text)


def _ipx_router_name(option: Option, value: str) -> ArgumentProblem | None:
    """ipxcp.c setipxname: letters, digits and '_', at most 47 of them."""
    for count, char in enumerate(value):
        if not (char.isascii() and (char.isalnum() or char == "_")):
            return ArgumentProblem("IPX router name must be alphanumeric or _")
        if count >= 47:
            return ArgumentProblem("IPX router name is limited to 47 characters")
    return None


def _pppol2tp_socket(option: Option, value: str) -> ArgumentProblem | None:
    """pppol2tp.c setdevname_pppol2tp: the number of an open PPPoL2TP socket."""
    if parse_int(value) is None:
        return _not_a_number(option, value)
    return ArgumentProblem(
        "Given FD for PPPoL2TP socket invalid (Bad file descriptor)", machine=True)


def _anything(option: Option, value: str) -> ArgumentProblem | None:
    """A handler that takes any value."""
    return None


_HANDLERS: dict[str, Handler] = {
    "vj-max-slots": _vj_slots, "ms-dns": _server_address,
    "ms-wins": _server_address, "netmask": _netmask,
    "bsdcomp": _compression, "deflate": _compression, "ipv6": _interface_ids,
    "escape": _escape, "endpoint": _endpoint, "set": _set_variable,
    "unset": _unset_variable, "file": _options_file, "call": _call_file,
    "logfile": _log_file, "plugin": _plugin, "+ua": _pap_file,
    "privgroup": _group, "pass-filter": _filter, "active-filter": _filter,
    "ipx-node": _ipx_node, "ipx-router-name": _ipx_router_name,
    "pppol2tp": _pppol2tp_socket,
    # never refuse: the value is only stored (or, for mo-direction, anything
    # but in/out/max means sum)
    "domain": _anything, "mo-direction": _anything, "allow-ip": _anything,
    "allow-number": _anything, "callback": _anything, "avpair": _anything,
}


def check_argument(option: Option, value: str) -> ArgumentProblem | None:
    """Return why pppd 2.4.9 refuses ``value`` as the argument of ``option``."""
    if not option.takes_argument:
        return None
    if option.kind == INT:
        return _number(option, value)
    if option.kind == HEX:
        return _hex(option, value)
    if option.kind == SPECIAL:
        return _HANDLERS[option.alias_of or option.name](option, value)
    return None


# ---------------------------------------------------------------- wildcards

# Names of character devices found under /dev on Linux machines (and the
# stdin/stdout/stderr links).  Any other bare word, and any path outside
# /dev, is assumed not to name a character device.
_DEVICE_NAME = re.compile(
    r"(tty\w*|cu\w+|pts/\d+|ptmx|console|null|zero|full|random|urandom|"
    r"kmsg|mem|port|stdin|stdout|stderr|fd/\d+|rfcomm\d+|ircomm\d+|"
    r"ppp|net/tun|modem|gsmmodem|serial/.+|usb/.+|hvc\d+|vcs\w*)\Z")


def check_wildcard(word: str, channel: str) -> tuple[str, ArgumentProblem | None] | None:
    """Return which wildcard takes a word that names no option, and its problem.

    None means no wildcard takes it: pppd says ``unrecognized option``.
    ``channel`` is 'tty' while tty.c's options are in place, anything else
    (such as 'pppol2tp') once another channel replaced it.
    """
    if channel == TTY:
        tty_match = _tty_wildcard(word)
        if tty_match is not None:
            return tty_match
    if ":" in word:
        return "ip-addresses", _address_pair(word)
    return None


def _tty_wildcard(word: str) -> tuple[str, ArgumentProblem | None] | None:
    """tty.c: 'device name' (a character device), then 'tty speed'."""
    speed, end = c_strtol(word, 0)
    if end == len(word) and end and c_int(speed) != 0:
        return "speed", None
    if word.startswith("/dev/") or _DEVICE_NAME.match(word):
        # taken only when the node exists; otherwise pppd knows no such option
        return "device", ArgumentProblem(f"unrecognized option '{word}'",
                                         machine=True)
    return None


def _address_pair(word: str) -> ArgumentProblem | None:
    """ipcp.c setipaddr: local:remote, split at the first ':'."""
    local, _, remote = word.partition(":")
    sides = [("local", local), ("remote", remote)]
    problems = [_address_side(side, text) for side, text in sides if text]
    certain = [p for p in problems if p is not None and not p.machine]
    if certain:
        return certain[0]
    return next((p for p in problems if p is not None), None)


def _address_side(side: str, text: str) -> ArgumentProblem | None:
    """One side of the pair: an address or a name; not loopback, multicast, E."""
    verdict, address = _host(text)
    if verdict != _RESOLVED:
        return ArgumentProblem(f"unknown host: {text}", machine=verdict == _LOOK_UP)
    if _bad_address(address):
        return ArgumentProblem(f"bad {side} IP address {_dotted(address)}")
    return None

