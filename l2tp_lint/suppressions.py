"""Inline suppressions: comments that silence named rules on a line or in a file.

The comment leader is the file's own: ';' in xl2tpd.conf (a '#' line there is
data, and xl2tpd refuses it), '#' in pppd options.  The forms::

    <leader> l2tp-lint: ignore=CODE[,CODE...] [-- reason]
    <leader> l2tp-lint: file-ignore=CODE[,CODE...] [-- reason]

``ignore`` after an entry covers its own line.  Alone on its line it covers
the next line holding an entry (xl2tpd.conf: the next line that is not blank
and not only a comment) or, in pppd options, the lines of the next option
word and, when the option takes one, of its argument.  ``file-ignore``
covers the whole file wherever it stands.  Codes are whole rule codes, never
prefixes.  Suppressions that match nothing (L101), unknown codes (L102) and
unreadable directives (L103) are reported at the comment.  Prose after
'l2tp-lint:' (the notes the fixer writes) is no directive: a directive
starts with a verb and '=', or with a word close to a verb.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from l2tp_lint.findings import Finding, Span
from l2tp_lint.source import SourceText

KINDS = ("xl2tpd", "pppd")
LEADERS = {"xl2tpd": ";", "pppd": "#"}
VERBS = ("ignore", "file-ignore")
MARKER = "l2tp-lint:"
_DIRECTIVE = re.compile(r"(?P<verb>[^\s=]*)\s*(?P<equals>=?)\s*(?P<rest>.*)", re.DOTALL)
_CODES = re.compile(r"[^\s,]+(?:\s*,\s*[^\s,]+)*")
_CODE = re.compile(r"[^\s,]+")
_REASON = re.compile(r"\s*(?:--(?P<reason>.*))?", re.DOTALL)


@dataclass(frozen=True, slots=True)
class CodeRef:
    """A code as written in a suppression, and where."""

    code: str
    span: Span


@dataclass(frozen=True, slots=True)
class Suppression:
    """One 'l2tp-lint:' comment: what it suppresses and where, or why it cannot."""

    verb: str                          # 'ignore', 'file-ignore', or '' when malformed
    codes: tuple[CodeRef, ...]
    span: Span                         # the comment
    lines: frozenset[int] | None       # lines covered; None for the whole file
    reason: str = ""
    problem: str = ""                  # why the comment cannot be read, if it cannot

    def covers(self, finding: Finding) -> list[int]:
        """Return the indexes of this comment's codes that cover ``finding``."""
        if self.problem or (self.lines is not None and finding.span.line not in self.lines):
            return []
        return [index for index, ref in enumerate(self.codes) if ref.code == finding.rule]


@dataclass(frozen=True, slots=True)
class _Comment:
    """A comment token: its offsets and whether it shares its line with data."""

    start: int
    end: int
    trailing: bool


def parse(text: str, kind: str) -> list[Suppression]:
    """Return the suppressions in a file's text; ``kind`` is 'xl2tpd' or 'pppd'."""
    if kind not in KINDS:
        raise ValueError(f"unknown file kind '{kind}'")
    source = SourceText("", text)
    scanner = _Xl2tpdScanner(source) if kind == "xl2tpd" else _PppdScanner(source)
    suppressions = []
    for comment in scanner.comments:
        body_start = _directive_start(text, comment, LEADERS[kind])
        if body_start is None or not _looks_like_directive(text[body_start:comment.end]):
            continue
        lines = scanner.covered(comment)
        suppressions.append(_directive(source, comment, body_start, lines))
    return suppressions


def _directive_start(text: str, comment: _Comment, leader: str) -> int | None:
    """Return the offset after 'l2tp-lint:' when the comment is a directive."""
    index = comment.start
    while index < comment.end and (text[index] == leader or text[index] in " \t"):
        index += 1
    if text[index:index + len(MARKER)].lower() != MARKER:
        return None
    return index + len(MARKER)


def _looks_like_directive(body: str) -> bool:
    """Tell a directive, even a mistyped one, from prose after 'l2tp-lint:'.

    The fixer writes notes such as '# l2tp-lint: notice a dead peer (C701)';
    only a verb followed by '=', or a word close to a verb, is a directive.
    """
    match = _DIRECTIVE.match(body.lstrip())
    assert match is not None
    verb = match["verb"].lower()
    return bool(match["equals"]) or bool(difflib.get_close_matches(verb, VERBS, 1, 0.75))


def _directive(source: SourceText, comment: _Comment, start: int,
               lines: frozenset[int]) -> Suppression:
    """Read a directive's verb, codes and reason."""
    body = source.text[start:comment.end].rstrip("\r")
    span = source.span(comment.start, start + len(body))
    match = _DIRECTIVE.match(body.lstrip())
    assert match is not None
    offset = start + len(body) - len(body.lstrip())
    verb = match["verb"].lower()
    if verb not in VERBS:
        return _malformed(span, f"unknown directive '{match['verb']}'; write 'ignore=CODE' or "
                                "'file-ignore=CODE'")
    if not match["equals"]:
        return _malformed(span, f"'{verb}' needs '=' and the codes it suppresses")
    rest_start = offset + match.start("rest")
    codes = _CODES.match(match["rest"])
    if codes is None:
        return _malformed(span, f"'{verb}=' names no code")
    tail = _REASON.fullmatch(match["rest"][codes.end():])
    if tail is None:
        return _malformed(span, "text after the codes needs ' -- ' before it")
    refs = tuple(CodeRef(found.group().upper(),
                         source.span(rest_start + found.start(), rest_start + found.end()))
                 for found in _CODE.finditer(codes.group()))
    covered = None if verb == "file-ignore" else lines
    return Suppression(verb, refs, span, covered, (tail["reason"] or "").strip())


def _malformed(span: Span, problem: str) -> Suppression:
    return Suppression("", (), span, frozenset(), problem=problem)


class _Xl2tpdScanner:
    """Comments and entry lines of an xl2tpd.conf, as its grammar splits them."""

    def __init__(self, source: SourceText) -> None:
        from l2tp_lint import parsing

        self.source = source
        tokens = list(parsing.parse("xl2tpd", source.text).scan_values(lambda _: True))
        self.data_lines = sorted({self._line(t.start_pos) for t in tokens
                                  if t.type in ("HEADER", "TEXT")})
        self.comments = [_Comment(t.start_pos, t.end_pos,
                                  self._line(t.start_pos) in self.data_lines)
                         for t in tokens if t.type == "COMMENT"]

    def _line(self, offset: int) -> int:
        return self.source.position(offset)[0]

    def covered(self, comment: _Comment) -> frozenset[int]:
        """Return the line a comment covers: its own, or the next entry's."""
        line = self._line(comment.start)
        if comment.trailing:
            return frozenset({line})
        following = [data for data in self.data_lines if data > line]
        return frozenset(following[:1])


class _PppdScanner:
    """Comments and words of a pppd options file, as its grammar splits them."""

    def __init__(self, source: SourceText) -> None:
        from l2tp_lint import parsing

        self.source = source
        tree = parsing.parse("pppd", source.text)
        tokens = list(tree.scan_values(lambda _: True))
        self.words = [(t.start_pos, t.end_pos, str(t)) for t in tokens if t.type == "WORD"]
        word_lines = set()
        for start, end, _ in self.words:
            word_lines.update(self._lines(start, end))
        self.comments = [_Comment(t.start_pos, t.end_pos,
                                  self._line(t.start_pos) in word_lines)
                         for t in tokens if t.type == "COMMENT"]

    def _line(self, offset: int) -> int:
        return self.source.position(offset)[0]

    def _lines(self, start: int, end: int) -> range:
        return range(self._line(start), self._line(max(start, end - 1)) + 1)

    def covered(self, comment: _Comment) -> frozenset[int]:
        """Return the lines a comment covers: its own, or the next option's."""
        if comment.trailing:
            return frozenset({self._line(comment.start)})
        following = [word for word in self.words if word[0] >= comment.end]
        if not following:
            return frozenset()
        start, end, raw = following[0]
        lines = set(self._lines(start, end))
        if len(following) > 1 and _takes_argument(raw):
            lines.update(self._lines(following[1][0], following[1][1]))
        return frozenset(lines)


def _takes_argument(raw: str) -> bool:
    """Tell whether a word names a pppd option that takes an argument, in any channel."""
    from l2tp_lint.pppd_options import make_word
    from l2tp_lint.schemas import pppd as schema

    name = make_word(raw, 0).value
    candidates = [schema.OPTIONS.get(name)]
    candidates += [options.get(name) for options in schema.PLUGIN_OPTIONS.values()]
    return any(option is not None and option.takes_argument for option in candidates)


def apply(findings: Iterable[Finding],
          sources: Mapping[str, tuple[str, str]]) -> list[Finding]:
    """Drop suppressed findings; add L101-L103 findings about the comments.

    ``sources`` maps a finding path to the text it was checked as and its
    kind ('xl2tpd' or 'pppd').  Files not in it keep all their findings.
    """
    parsed = {path: parse(text, kind) for path, (text, kind) in sources.items()}
    used: set[tuple[str, int, int]] = set()
    kept: list[Finding] = []
    for finding in findings:
        hits = [(finding.path, number, index)
                for number, suppression in enumerate(parsed.get(finding.path, ()))
                for index in suppression.covers(finding)]
        used.update(hits)
        if not hits:
            kept.append(finding)
    for path, suppressions in parsed.items():
        kept.extend(_reports(path, suppressions, used))
    return sorted(kept, key=Finding.sort_key)


def _reports(path: str, suppressions: list[Suppression],
             used: set[tuple[str, int, int]]) -> list[Finding]:
    """Return the findings about one file's suppression comments."""
    from l2tp_lint.rules.lint_comments import MALFORMED, UNUSED

    reports = []
    for number, suppression in enumerate(suppressions):
        if suppression.problem:
            reports.append(MALFORMED.finding(path, suppression.span, suppression.problem))
            continue
        for index, ref in enumerate(suppression.codes):
            problem = unknown_code(ref.code)
            if problem is not None:
                reports.append(_unknown(path, ref, problem))
            elif (path, number, index) not in used:
                where = "in this file" if suppression.lines is None else "here"
                reports.append(UNUSED.finding(
                    path, ref.span, f"'{ref.code}' suppresses no finding {where}; remove it"))
    return reports


def _unknown(path: str, ref: CodeRef, problem: str) -> Finding:
    from l2tp_lint.rules.lint_comments import UNKNOWN_CODE

    return UNKNOWN_CODE.finding(path, ref.span, problem)


def unknown_code(code: str) -> str | None:
    """Return why a comment cannot name ``code``, or None when it can."""
    from l2tp_lint.rules import registry
    from l2tp_lint.rules.lint_comments import RULES

    codes = set(registry()) - {rule.code for rule in RULES}
    if code in codes:
        return None
    if code in {rule.code for rule in RULES}:
        return (f"'{code}' is about suppression comments and no comment can suppress "
                "it; list it under 'ignore' in the configuration")
    if any(known.startswith(code) for known in codes):
        return (f"'{code}' is a prefix; a suppression names whole codes, such as "
                f"'{min(known for known in codes if known.startswith(code))}'")
    close = difflib.get_close_matches(code, sorted(codes), n=1, cutoff=0.75)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown rule code '{code}' in suppression{hint}"
