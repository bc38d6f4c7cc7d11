"""How the C library the daemons use reads numbers and host addresses."""

from __future__ import annotations

import re

_C_SPACE = " \t\n\v\f\r"
_INT_RE = re.compile(r"[+-]?\d+")
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1

# A name that a resolver could answer: labels of letters, digits, '-' and
# '_' that do not start or end with '-'; the last label is not all digits
# (no top-level domain is).
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
HOST_NAME_RE = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}\.?")


def to_c_int(value: int) -> int:
    """Wrap an integer to a 32-bit C int, as a cast does."""
    value &= 0xFFFFFFFF
    return value - 2**32 if value > INT_MAX else value


def atoi(text: str) -> int:
    """Return C ``atoi(text)``: (int) strtol(text, NULL, 10)."""
    match = _INT_RE.match(text.lstrip(_C_SPACE))
    if match is None:
        return 0
    value = min(max(int(match.group()), LONG_MIN), LONG_MAX)
    return to_c_int(value)


def _aton_part(text: str) -> int | None:
    """Parse one part of a dotted address with strtoul base 0, exactly."""
    if not text or not text.isdigit():
        return None
    if len(text) > 1 and text[0] == "0":
        return int(text, 8) if set(text) <= set("01234567") else None
    return int(text)


def inet_aton(text: str) -> int | None:
    """Return glibc ``inet_aton`` (exact form) of digits and dots, or None."""
    parts = [_aton_part(part) for part in text.split(".")]
    if not 1 <= len(parts) <= 4 or None in parts:
        return None
    *leading, last = parts
    if any(part > 255 for part in leading):  # type: ignore[operator]
        return None
    width = 8 * (4 - len(leading))
    if last >= 1 << width:  # type: ignore[operator]
        return None
    address = 0
    for part in leading:
        address = address << 8 | part  # type: ignore[operator]
    return address << width | last  # type: ignore[operator]


def classify_host(text: str) -> tuple[str, int | None]:
    """Say how ``gethostbyname(text)`` fares for IPv4.

    Returns ("address", value) for a numeric address, ("name", None) for a
    well-formed name whose fate depends on the machine's resolver, and
    ("invalid", None) for text that can never resolve.
    """
    if text and set(text) <= set("0123456789.") and not text.endswith("."):
        value = inet_aton(text)
        return ("address", value) if value is not None else ("invalid", None)
    if text == "localhost":
        return "address", 0x7F000001
    if HOST_NAME_RE.fullmatch(text) and not text.rstrip(".").rsplit(".", 1)[-1].isdigit():
        return "name", None
    return "invalid", None


def format_ipv4(value: int) -> str:
    """Return the dotted-quad form of an IPv4 address."""
    return ".".join(str(value >> shift & 255) for shift in (24, 16, 8, 0))
