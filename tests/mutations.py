"""Grammar-aware mutations of real configuration files, for judge tests.

Each mutation takes a file's bytes and a seeded random source and returns
new bytes that differ in one way people get these files wrong: a typo, a
key in the wrong section, a bad value, a '#' comment, CRLF, a long line,
quoting, a continuation line, a NUL byte.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from l2tp_lint.schemas import xl2tpd as xl2tpd_schema

Mutation = Callable[[bytes, random.Random], bytes]

_XL2TPD_VALUES = [
    b"yes", b"no", b"Y", b"TRUE", b"on", b"1", b"", b"-1", b"0", b"abc", b"10abc",
    b"99999999999", b"10.0.0.1", b"10.1", b"10.9.0.010", b"10.9.0.09", b"300.1.1.1",
    b"$IP", b"<ip>", b"10.0.0.5-10.0.0.1", b"10.0.0.1-20", b"10.0.0.1 - ",
    b"10.0.0.0/24", b"dev", b"sys", b"egd", b"devXYZ", b"\"yes\"", b"/etc/ppp/x",
    b"127.0.0.1", b"0", b"1.2.3.4:1701", b"::1", b"10.0.0.1-10.0.0.5",
]
_PPPD_VALUES = [
    b"1400", b"0x578", b"01400", b"1400x", b"abc", b"-1", b"0", b"99999", b"127",
    b"128", b"16384", b"16385", b"\"\"", b"'a b'", b"8.8.8.8", b"$DNS", b"10.1",
    b"255.255.255.0", b"15", b"9,9", b"8", b"16", b"1", b"2", b"17", b"x", b"ffff",
    b"0x1g", b"in", b"out", b"both", b"q", b"a\\", b"30", b"../x", b"/etc/x",
]
_PPPD_OPTIONS = [
    b"mtu", b"mru", b"lock", b"crtscts", b"modem", b"noauth", b"auth", b"debug",
    b"ms-dns", b"ms-wins", b"netmask", b"asyncmap", b"deflate", b"bsdcomp",
    b"vj-max-slots", b"lcp-echo-interval", b"lcp-echo-failure", b"idle", b"name",
    b"pppol2tp_reorderto", b"pppol2tp_send_seq", b"pppol2tp_recv_seq",
    b"require-mschap-v2", b"+mschap-v2", b"-chap", b"escape", b"mo-direction",
    b"connect-delay", b"holdoff", b"maxfail", b"local", b"nodefaultroute",
    b"115200", b"ttyS0", b"10.0.0.1:10.0.0.2", b":10.0.0.2", b"proxyarp",
    b"ipcp-accept-remote", b"persist", b"kdebug", b"unit", b"ifname", b"call",
    b"require-mppe-128", b"mppe", b"refuse-eap", b"chap-interval", b"mtu#c",
]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _pick_line(data: bytes, rng: random.Random, pattern: bytes) -> tuple[list[bytes], int]:
    lines = _lines(data)
    matching = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    return lines, rng.choice(matching) if matching else rng.randrange(len(lines))


def _typo(word: bytes, rng: random.Random) -> bytes:
    if len(word) < 2:
        return word + b"x"
    i = rng.randrange(len(word) - 1)
    choice = rng.randrange(4)
    if choice == 0:
        return word[:i] + word[i + 1:]
    if choice == 1:
        return word[:i] + word[i + 1:i + 2] + word[i:i + 1] + word[i + 2:]
    if choice == 2:
        return word[:i] + b"  " + word[i:] if b" " in word else word.upper()
    return word[:i] + bytes([rng.choice(b"abcdefghijklmnopqrstuvwxyz-_ ")]) + word[i:]


def xl2tpd_key_typo(data: bytes, rng: random.Random) -> bytes:
    """Misspell a key."""
    lines, i = _pick_line(data, rng, rb"^\s*[A-Za-z][^=;]*=")
    key, sep, rest = lines[i].partition(b"=")
    lines[i] = _typo(key.rstrip(), rng) + b" " + sep + rest if sep else lines[i]
    return b"".join(lines)


def xl2tpd_bad_value(data: bytes, rng: random.Random) -> bytes:
    """Replace a value with one from a list of awkward values."""
    lines, i = _pick_line(data, rng, rb"=")
    key, sep, rest = lines[i].partition(b"=")
    end = b"\r\n" if rest.endswith(b"\r\n") else (b"\n" if rest.endswith(b"\n") else b"")
    lines[i] = key + sep + b" " + rng.choice(_XL2TPD_VALUES) + end if sep else lines[i]
    return b"".join(lines)


def xl2tpd_move_key(data: bytes, rng: random.Random) -> bytes:
    """Insert a known key with a plausible value under a random header."""
    lines, i = _pick_line(data, rng, rb"^\s*\[")
    key = rng.choice(sorted(xl2tpd_schema.KEYS)).encode()
    value = rng.choice(_XL2TPD_VALUES)
    lines.insert(i + 1, key + b" = " + value + b"\n")
    return b"".join(lines)


def xl2tpd_header(data: bytes, rng: random.Random) -> bytes:
    """Damage or vary a section header."""
    lines, i = _pick_line(data, rng, rb"^\s*\[")
    variants = [b"[lns default ]\n", b"[LNS default]\n", b"[lns\tdefault]\n",
                b"[ lns default]\n", b"[lns default\n", b"[global default]\n",
                b"[lac x] junk\n", b"[lns6 x]\n", b"[]\n", b"[Global]\n", b"[lac]\n"]
    lines[i] = rng.choice(variants)
    return b"".join(lines)


def hash_comment(data: bytes, rng: random.Random) -> bytes:
    """Add a '#' comment line or a trailing '#' comment."""
    lines = _lines(data)
    i = rng.randrange(len(lines))
    if rng.random() < 0.5:
        lines.insert(i, b"# a comment\n")
    else:
        lines[i] = lines[i].rstrip(b"\r\n") + b" # note\n"
    return b"".join(lines)


def crlf(data: bytes, rng: random.Random) -> bytes:
    """Convert to CRLF line ends, maybe dropping the final newline."""
    text = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return text.rstrip(b"\r\n") if rng.random() < 0.3 else text


def long_line(data: bytes, rng: random.Random) -> bytes:
    """Pad a line past 1023 bytes, with spaces or inside a comment."""
    lines, i = _pick_line(data, rng, rb"\S")
    pad = b" " * rng.choice([1000, 1020, 1030, 2100])
    stripped = lines[i].rstrip(b"\r\n")
    choice = rng.randrange(3)
    if choice == 0:
        lines[i] = stripped + pad + b"\n"
    elif choice == 1:
        lines[i] = stripped + b" ;" + pad + b"x\n"
    else:
        lines[i] = pad + stripped + b"\n"
    return b"".join(lines)


def nul_byte(data: bytes, rng: random.Random) -> bytes:
    """Put a NUL byte somewhere."""
    if not data:
        return b"\x00"
    i = rng.randrange(len(data))
    return data[:i] + b"\x00" + data[i:]


def bom(data: bytes, rng: random.Random) -> bytes:
    """Prefix a UTF-8 byte order mark."""
    return b"\xef\xbb\xbf" + data


def pppd_option_typo(data: bytes, rng: random.Random) -> bytes:
    """Misspell an option."""
    lines, i = _pick_line(data, rng, rb"^\s*[A-Za-z+-]")
    words = lines[i].split(b" ", 1)
    words[0] = _typo(words[0].strip(), rng) + (b"\n" if len(words) == 1 else b"")
    lines[i] = b" ".join(words)
    return b"".join(lines)


def pppd_insert_option(data: bytes, rng: random.Random) -> bytes:
    """Insert an option, with or without an argument, on its line or the next."""
    lines = _lines(data)
    option = rng.choice(_PPPD_OPTIONS)
    choice = rng.randrange(4)
    if choice == 0:
        text = option + b"\n"
    elif choice == 1:
        text = option + b" " + rng.choice(_PPPD_VALUES) + b"\n"
    elif choice == 2:
        text = option + b"\n" + rng.choice(_PPPD_VALUES) + b"\n"
    else:
        text = option + b" \\\n" + rng.choice(_PPPD_VALUES) + b"\n"
    lines.insert(rng.randrange(len(lines) + 1), text)
    return b"".join(lines)


def pppd_bad_argument(data: bytes, rng: random.Random) -> bytes:
    """Replace the argument of an option that has one."""
    lines, i = _pick_line(data, rng, rb"^\s*\S+[ \t]+\S")
    head = (lines[i].split(None, 1) or [b"mtu"])[0]
    lines[i] = head + b" " + rng.choice(_PPPD_VALUES) + b"\n"
    return b"".join(lines)


def pppd_quoting(data: bytes, rng: random.Random) -> bytes:
    """Quote, escape or split words."""
    lines, i = _pick_line(data, rng, rb"^\s*\S")
    line = lines[i].rstrip(b"\r\n")
    forms = [b'"' + line + b'"', b"'" + line, line.replace(b" ", b"\\s"),
             line.replace(b" ", b" \\\n"), line + b'"', line.replace(b"-", b"\\-"),
             line[:1] + b'""' + line[1:], line + b"\\", line.replace(b" ", b"#")]
    lines[i] = rng.choice(forms) + b"\n"
    return b"".join(lines)


def truncate_end(data: bytes, rng: random.Random) -> bytes:
    """Cut the file after an option that takes an argument."""
    option = rng.choice([b"mtu", b"name", b"ms-dns", b"idle", b"mru", b"noauth"])
    return data.rstrip(b"\r\n") + b"\n" + option + rng.choice([b"", b"\n", b" ", b' ""'])


XL2TPD_MUTATIONS: list[Mutation] = [
    xl2tpd_key_typo, xl2tpd_bad_value, xl2tpd_bad_value, xl2tpd_move_key,
    xl2tpd_move_key, xl2tpd_header, hash_comment, crlf, long_line, nul_byte, bom,
]
PPPD_MUTATIONS: list[Mutation] = [
    pppd_option_typo, pppd_insert_option, pppd_insert_option, pppd_insert_option,
    pppd_bad_argument, pppd_bad_argument, pppd_quoting, pppd_quoting, hash_comment,
    crlf, long_line, nul_byte, bom, truncate_end,
]


def generate(originals: list[bytes], mutations: list[Mutation], count: int,
             seed: int) -> list[bytes]:
    """Return ``count`` mutated files, one or two mutations each, seeded."""
    rng = random.Random(seed)
    results = []
    for _ in range(count):
        data = rng.choice(originals)
        for _ in range(rng.choice([1, 1, 1, 2])):
            data = rng.choice(mutations)(data, rng)
        results.append(data)
    return results
