"""X1xx: the reasons xl2tpd 1.3.18 refuses to load an xl2tpd.conf.

Each check follows one step of file.c (parse_config and the set_* handlers),
in the order xl2tpd takes them.  xl2tpd stops at the first problem; these
checks go on, so one run reports every bad line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field

from l2tp_lint.cstring import atoi, classify_host
from l2tp_lint.findings import Finding, Fix, Severity
from l2tp_lint.schemas import xl2tpd as schema
from l2tp_lint.suggest import clip, did_you_mean
from l2tp_lint.xl2tpd_conf import Entry, Piece, Section, Xl2tpdConf, ascii_lower


@dataclass(slots=True)
class _SectionState:
    """What xl2tpd remembers of a (possibly reopened) lns section."""

    local_ip: bool = False
    local_range: bool = False
    tunnel_rws: int = 4


@dataclass(slots=True)
class _Walk:
    """State carried from line to line, as parse_config carries it."""

    conf: Xl2tpdConf
    states: dict[object, _SectionState] = field(default_factory=dict)

    def finding(self, start: int, end: int, code: str, message: str,
                severity: Severity = Severity.ERROR) -> Finding:
        """Make a finding for the bytes between two offsets."""
        span = self.conf.span(start, end)
        return Finding(self.conf.path, span, code, severity, message)

    def state(self, section: Section) -> _SectionState:
        """Return the state shared by every opening of ``section``."""
        identity = section.identity or id(section)
        return self.states.setdefault(identity, _SectionState())


def check(conf: Xl2tpdConf) -> list[Finding]:
    """Return every reason xl2tpd would refuse ``conf``."""
    walk = _Walk(conf)
    findings: list[Finding] = []
    for section in conf.sections:
        findings.extend(_check_header(walk, section))
    for junk in conf.junk:
        findings.extend(_check_junk(walk, junk.piece, junk.section))
    for entry in conf.entries:
        findings.extend(_check_entry(walk, entry))
    findings.extend(_reading_traps(walk))
    return findings


def _nul_bytes(walk: _Walk) -> Iterator[Finding]:
    """A NUL ends what C sees of a read; after a ';' it also eats the next line."""
    text = walk.conf.source.text
    seen_lines: set[int] = set()
    index = text.find("\0")
    while index != -1:
        line, _ = walk.conf.source.position(index)
        if line not in seen_lines:
            seen_lines.add(line)
            yield walk.finding(index, index + 1, "X202",
                               "NUL byte: xl2tpd ignores the rest of this line",
                               Severity.WARNING)
        index = text.find("\0", index + 1)


def _reading_traps(walk: _Walk) -> Iterator[Finding]:
    """X2xx: lines that xl2tpd loads but reads otherwise than they look."""
    split_lines: set[int] = set()
    for piece in walk.conf.pieces:
        if piece.split and piece.physical_line not in split_lines:
            split_lines.add(piece.physical_line)
            yield walk.finding(piece.start, piece.end, "X201",
                               "line is longer than 1023 bytes; xl2tpd reads each "
                               "1023-byte part as a line of its own", Severity.WARNING)
    yield from _nul_bytes(walk)
    for section in walk.conf.sections:
        if section.trailing.strip() and "]" in section.header.text:
            piece = section.header
            yield walk.finding(piece.end - len(section.trailing), piece.end, "X203",
                               f"xl2tpd ignores '{_clip(section.trailing.strip())}' "
                               "after the section header", Severity.WARNING)


def _check_header(walk: _Walk, section: Section) -> Iterator[Finding]:
    piece = section.header
    if "]" not in piece.text:
        yield walk.finding(piece.start, piece.end, "X101",
                           "section header has no closing ']'")
    elif section.kind_lower not in schema.SECTION_KINDS:
        yield walk.finding(
            piece.start, piece.end, "X102",
            f"unknown section kind '{section.kind}': xl2tpd knows [global], "
            "[lns NAME] and [lac NAME], with one space before the name")


def _check_junk(walk: _Walk, piece: Piece, section: Section | None) -> Iterator[Finding]:
    if piece.text.startswith("#"):
        yield _hash_comment(walk, piece)
    elif section is None:
        yield _no_section(walk, piece)
    else:
        yield walk.finding(piece.start, piece.end, "X104",
                           f"line '{_clip(piece.text)}' is not 'key = value'")


def _hash_comment(walk: _Walk, piece: Piece) -> Finding:
    finding = walk.finding(piece.start, piece.end, "X100",
                           "'#' does not start a comment in xl2tpd.conf; use ';'")
    text = walk.conf.source.text
    line_end = text.find("\n", piece.start)
    if "\0" in text[piece.start:line_end if line_end != -1 else len(text)]:
        return finding  # a ';' before a NUL would make xl2tpd skip the next line too
    fix = Fix(walk.conf.path, "replace", piece.start, piece.start + 1, ";",
              "';' starts a comment (X100)", True, "xl2tpd")
    return dataclasses.replace(finding, fix=fix)


def _no_section(walk: _Walk, piece: Piece) -> Finding:
    return walk.finding(piece.start, piece.end, "X103",
                        f"'{_clip(piece.text)}' comes before any section header")


def _check_entry(walk: _Walk, entry: Entry) -> Iterator[Finding]:
    if entry.key.startswith("#"):
        yield _hash_comment(walk, entry.piece)
        return
    if entry.section is None:
        yield _no_section(walk, entry.piece)
        return
    key = schema.KEYS.get(entry.key_lower)
    if key is None:
        yield _unknown_key(walk, entry)
        return
    if _section_broken(entry.section):
        return
    yield from _handler(walk, entry, key)


def _section_broken(section: Section) -> bool:
    """Tell whether the header itself was refused (then skip its entries)."""
    return "]" not in section.header.text or section.kind_lower not in schema.SECTION_KINDS


def _unknown_key(walk: _Walk, entry: Entry) -> Finding:
    hint = did_you_mean(entry.key, schema.KEYS)
    key_end = entry.key_start + len(entry.key)
    finding = walk.finding(entry.key_start, key_end, "X105",
                           f"unknown key '{_clip(entry.key)}'{hint}")
    if not hint:
        return finding
    fix = Fix(walk.conf.path, "replace", entry.key_start, key_end, hint.split("'")[1],
              f"'{entry.key}' renamed (X105)", False, "xl2tpd")
    return dataclasses.replace(finding, fix=fix)


def _handler(walk: _Walk, entry: Entry, key: schema.Key) -> Iterator[Finding]:
    """Follow the key's set_* handler: pre-checks, section, then value."""
    early = _early_check(walk, entry, key)
    if early is not None:
        yield early
        return
    if entry.section is not None and entry.section.kind_lower not in key.sections:
        where = ", ".join(f"[{kind}]" for kind in schema.SECTION_KINDS
                          if kind in key.sections)
        yield walk.finding(entry.key_start, entry.key_start + len(entry.key), "X106",
                           f"'{entry.key}' is not valid in [{entry.section.kind}]; "
                           f"it belongs in {where}")
        return
    yield from _value_check(walk, entry, key)


def _value_finding(walk: _Walk, entry: Entry, code: str, message: str) -> Finding:
    start = entry.value_start
    end = max(entry.value_end, start)
    if start == end:
        start, end = entry.key_start, entry.value_end
    return walk.finding(start, end, code, message)


def _early_check(walk: _Walk, entry: Entry, key: schema.Key) -> Finding | None:
    """Checks that handlers make before they look at the section."""
    name = key.alias_of or key.name
    if key.minimum is not None and atoi(entry.value) < key.minimum:
        return _value_finding(walk, entry, "X108",
                              f"'{entry.key}' must be at least {key.minimum}, "
                              f"not '{_clip(entry.value)}'")
    if name == "auth file" and not entry.value:
        return _value_finding(walk, entry, "X112", "'auth file' needs a file name")
    if name == "rand source":
        return _rand_source(walk, entry)
    if key.value == schema.YESNO and name in _YESNO_FIRST:
        return _yesno(walk, entry)
    return None


# set_papchap and set_flow read the yes/no value before the section.
_YESNO_FIRST = frozenset({
    "require pap", "require chap", "require authentication", "refuse pap",
    "refuse chap", "refuse authentication", "flow bit",
})


def _rand_source(walk: _Walk, entry: Entry) -> Finding | None:
    section = entry.section
    if section is None or section.kind_lower != "global" or section.is_default:
        return walk.finding(entry.key_start, entry.value_end, "X111",
                            "'rand source' is only valid in a plain [global] section")
    value = entry.value
    if value[:3] in ("dev", "sys"):
        return None
    reason = "is not implemented" if value[:3] == "egd" else "is not dev, sys or egd"
    if not value:
        reason = "is empty"
    return _value_finding(walk, entry, "X111",
                          f"randomness source '{_clip(value)}' {reason}")


def _yesno(walk: _Walk, entry: Entry) -> Finding | None:
    if ascii_lower(entry.value) in schema.YES_WORDS + schema.NO_WORDS:
        return None
    return _value_finding(walk, entry, "X107",
                          f"'{entry.key}' must be yes or no, not '{_clip(entry.value)}'")


def _value_check(walk: _Walk, entry: Entry, key: schema.Key) -> Iterator[Finding]:
    """Check the value as the handler does once the section is right."""
    if key.value == schema.YESNO:
        problem = _yesno(walk, entry)
        if problem is not None:
            yield problem
    elif key.value == schema.HOST:
        yield from _host_value(walk, entry, key)
    elif key.value == schema.RANGE:
        yield from _range_value(walk, entry, key)
    elif key.name == "tunnel rws":
        yield from _tunnel_rws(walk, entry)


def _tunnel_rws(walk: _Walk, entry: Entry) -> Iterator[Finding]:
    # set_rws looks at the key as typed: only a lower-case 't' stores it.
    if not entry.key.startswith("t"):
        return
    state = walk.state(entry.section)  # type: ignore[arg-type]
    value = atoi(entry.value)
    if value >= 0:
        state.tunnel_rws = value
    if state.tunnel_rws < 1:
        yield _value_finding(walk, entry, "X108",
                             "'tunnel rws' must be at least 1")


def _host_value(walk: _Walk, entry: Entry, key: schema.Key) -> Iterator[Finding]:
    section = entry.section
    assert section is not None
    if key.name == "local ip" and section.kind_lower == "lns":
        state = walk.state(section)
        if state.local_range:
            yield walk.finding(entry.key_start, entry.value_end, "X110",
                               "'local ip' and 'local ip range' exclude each other")
            return
        kind, address = classify_host(entry.value)
        state.local_ip = kind != "address" or bool(address)
    problem = _host_problem(walk, entry, entry.value)
    if problem is not None:
        yield problem


def _host_problem(walk: _Walk, entry: Entry, host: str) -> Finding | None:
    kind, _ = classify_host(host)
    if kind == "invalid":
        what = "an empty address" if not host else f"'{_clip(host)}'"
        return _value_finding(walk, entry, "X109",
                              f"{what} is neither an IPv4 address nor a host name")
    if kind == "name":
        message = (f"host name '{_clip(host)}' is looked up when xl2tpd starts; "
                   "xl2tpd refuses to start if it does not resolve")
        finding = _value_finding(walk, entry, "X301", message)
        return dataclasses.replace(finding, severity=Severity.WARNING)
    return None


def _range_value(walk: _Walk, entry: Entry, key: schema.Key) -> Iterator[Finding]:
    section = entry.section
    assert section is not None
    if key.name == "local ip range":
        state = walk.state(section)
        if state.local_ip:
            yield walk.finding(entry.key_start, entry.value_end, "X110",
                               "'local ip' and 'local ip range' exclude each other")
            return
        state.local_range = True
    yield from _range_problems(walk, entry)


def _range_problems(walk: _Walk, entry: Entry) -> Iterator[Finding]:
    """Follow set_range: split at the first '-', resolve both ends."""
    start_text, dash, end_text = entry.value.partition("-")
    start_text = start_text.rstrip("".join(map(chr, range(33))))
    end_text = end_text.lstrip("".join(map(chr, range(33))))
    if not start_text or (dash and not end_text):
        yield _value_finding(walk, entry, "X109",
                             f"'{entry.key}' needs 'address' or 'address - address'")
        return
    first = _host_problem(walk, entry, start_text)
    if first is not None:
        yield first
        if first.rule != "X301":
            return
    if not dash:
        return
    end_text = short_range_end(start_text, end_text)
    second = _host_problem(walk, entry, end_text)
    if second is not None:
        yield second
        return
    yield from _range_order(walk, entry, start_text, end_text)


def short_range_end(start: str, end: str) -> str:
    """Expand '10.0.0.5-20' to '10.0.0.20' as set_range does."""
    dots = end.count(".")
    if dots >= 3:
        return end
    keep = start.split(".")
    if len(keep) < dots + 2 or len(start) > 15:
        return end
    prefix = ".".join(keep[:len(keep) - dots - 1])
    tail_room = 16 - len(prefix) - 1
    return f"{prefix}.{end}" if tail_room > len(end) else end


def _range_order(walk: _Walk, entry: Entry, start: str, end: str) -> Iterator[Finding]:
    kind_start, low = classify_host(start)
    kind_end, high = classify_host(end)
    if kind_start == kind_end == "address" and low > high:  # type: ignore[operator]
        yield _value_finding(walk, entry, "X109",
                             f"range '{_clip(entry.value)}' starts after it ends")


def _clip(text: str, limit: int = 60) -> str:
    """Shorten text for a message, showing unprintable bytes as escapes."""
    return clip(text, limit)
