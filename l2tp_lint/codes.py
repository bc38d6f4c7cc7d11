"""The finding codes: a public interface, never renumbered.

A code is a letter for the file family (X xl2tpd.conf, P pppd options,
C across files) and three digits whose hundreds digit is the category:

- 1xx: the daemon refuses to load the file, for a reason the file shows;
- 2xx: the daemon loads the file but reads it otherwise than it looks;
- 3xx: whether the daemon starts depends on the machine it runs on
  (a name that must resolve, a file that must exist).
"""

from __future__ import annotations

from dataclasses import dataclass

from l2tp_lint.findings import Severity


@dataclass(frozen=True, slots=True)
class Code:
    """A finding code with its name, default severity and one-line summary."""

    code: str
    name: str
    severity: Severity
    summary: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, Code] = {code.code: code for code in (
    Code("X100", "hash-comment", _E, "a line starts with '#', which xl2tpd does not take "
         "as a comment"),
    Code("X101", "unclosed-section-header", _E, "a section header has no closing ']'"),
    Code("X102", "unknown-section-kind", _E, "a section is not [global], [lns ...] or "
         "[lac ...]"),
    Code("X103", "entry-outside-section", _E, "a line comes before any section header"),
    Code("X104", "not-key-value", _E, "a line inside a section has no '='"),
    Code("X105", "unknown-key", _E, "a key that xl2tpd does not know"),
    Code("X106", "key-in-wrong-section", _E, "a key in a section that does not accept it"),
    Code("X107", "not-yes-or-no", _E, "a yes/no key with another value"),
    Code("X108", "number-out-of-range", _E, "a number below the key's minimum"),
    Code("X109", "bad-address", _E, "an address or range that can never resolve"),
    Code("X110", "local-ip-and-range", _E, "'local ip' and 'local ip range' in one "
         "section"),
    Code("X111", "bad-rand-source", _E, "a 'rand source' that xl2tpd refuses"),
    Code("X112", "empty-auth-file", _E, "'auth file' without a file name"),
    Code("X201", "line-split", _W, "a line longer than 1023 bytes, which xl2tpd reads "
         "as several lines"),
    Code("X202", "nul-byte", _W, "a NUL byte, which hides the rest of the line from "
         "xl2tpd"),
    Code("X203", "text-after-header", _W, "text after a section header's ']', which "
         "xl2tpd ignores"),
    Code("X301", "host-name-lookup", _W, "a host name that must resolve when xl2tpd "
         "starts"),
    Code("X302", "missing-file", _W, "a file named in xl2tpd.conf is missing under "
         "the root"),
    Code("P101", "unknown-option", _E, "an option that pppd does not know"),
    Code("P102", "missing-argument", _E, "an option whose argument is missing at the "
         "end of the file"),
    Code("P103", "bad-argument", _E, "an argument that pppd refuses"),
    Code("P104", "serial-option-in-kernel-mode", _E, "a serial-line option in a file "
         "read after xl2tpd hands pppd a kernel L2TP socket"),
    Code("P105", "pppol2tp-option-without-plugin", _E, "a pppol2tp option where the "
         "pppol2tp plugin is not loaded"),
    Code("P106", "device-set-twice", _E, "a second 'pppol2tp' device option"),
    Code("P201", "unterminated-quote", _W, "a quote that runs to the end of the file"),
    Code("P202", "word-truncated", _W, "a word longer than 1023 bytes, which pppd "
         "truncates"),
    Code("P203", "nul-byte", _W, "a NUL byte, which ends a word for pppd"),
    Code("P301", "host-name-lookup", _W, "a host name that must resolve when pppd starts"),
    Code("P302", "missing-file", _W, "a file, plugin or log folder that must exist "
         "when pppd starts"),
    Code("P304", "machine-dependent-value", _I, "a value pppd accepts only if the "
         "machine provides it (a device, a group, an interface, a descriptor)"),
    Code("P303", "unknown-plugin-option", _W, "an option pppd does not know unless a "
         "plugin loaded here adds it"),
)}


def markdown_table() -> str:
    """Return the README's table rows of every code."""
    return "\n".join(f"| {code.code} | {code.severity} | {code.summary} |"
                     for code in CODES.values())
