"""The rule engine: a rule is a code, a name, a severity, a check and its documentation.

The registry is explicit (``registry()``): every rule module lists its rules,
and this package joins the lists in code order.  The load rules (1xx, 2xx,
3xx) are checked while files are read (``l2tp_lint.checks``); the others
look at the whole setup through a ``Context``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from l2tp_lint.findings import Finding, Severity, Span

if TYPE_CHECKING:
    from l2tp_lint.ipsec_conf import IpsecFacts
    from l2tp_lint.pppd_options import PppdOptions
    from l2tp_lint.setup import Call
    from l2tp_lint.xl2tpd_conf import Section, Xl2tpdConf


@dataclass(frozen=True, slots=True)
class Example:
    """A small setup: file paths (relative to a folder) and their text."""

    files: dict[str, str]
    mode: str = "auto"
    root: bool = False                 # check the folder as --root (no paths)
    max_file_size: int | None = None   # a smaller size limit than the default
    permissions: dict[str, int] = field(default_factory=dict)  # path -> mode to chmod


@dataclass(frozen=True, slots=True)
class Doc:
    """What a user reads about a rule."""

    why: str
    bad: Example
    good: Example
    fix: str
    limits: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: a stable code and what it takes to check it."""

    code: str
    name: str
    severity: Severity
    summary: str
    looks_at: str                      # 'xl2tpd.conf', 'pppd options', 'setup'
    doc: Doc
    check: Callable[[Context], Iterable[Finding]] | None = None

    def finding(self, path: str, span: Span, message: str) -> Finding:
        """Make a finding of this rule at its default severity."""
        return Finding(path, span, self.code, self.severity, message)


@dataclass(slots=True)
class Assumptions:
    """What the rules assume about the network when the files do not say."""

    path_mtu: int = 1500
    outer: str | None = None           # None: from the IPsec config, else ipv4
    natt: bool | None = None           # None: from the IPsec config, else on
    esp: tuple[str, ...] = ()          # proposals given on the command line


@dataclass(slots=True)
class ConfView:
    """An xl2tpd.conf with the calls it makes."""

    conf: Xl2tpdConf
    calls: list[Call]
    mode: str
    mode_reason: str


@dataclass(slots=True)
class Context:
    """Everything the setup rules look at."""

    confs: list[ConfView] = field(default_factory=list)
    pppd_files: list[PppdOptions] = field(default_factory=list)
    standalone: dict[str, str] = field(default_factory=dict)  # pppd path -> channel
    ipsec: list[IpsecFacts] = field(default_factory=list)
    assumptions: Assumptions = field(default_factory=Assumptions)
    root: Path | None = None

    def calls(self) -> Iterator[Call]:
        """Yield every call of every xl2tpd.conf whose pppd options are all known."""
        for view in self.confs:
            yield from (call for call in view.calls if call.options_known)


def header_span(conf: Xl2tpdConf, section: Section) -> Span:
    """Return the span of a section header."""
    return conf.span(section.header.start, section.header.end)


def first_line(document: PppdOptions) -> Span:
    """Return the span of a file's first line, where missing things are reported."""
    text = document.source.text
    end = text.find("\n")
    return document.span(0, len(text) if end == -1 else end)


@cache
def registry() -> dict[str, Rule]:
    """Return every rule by code, in code order."""
    from l2tp_lint.rules import (
        authentication,
        lint_comments,
        load,
        mtu,
        noops,
        reliability,
        sequencing,
    )

    rules: list[Rule] = []
    modules = (load, sequencing, mtu, authentication, reliability, noops, lint_comments)
    for module in modules:
        rules.extend(module.RULES)
    return {rule.code: rule for rule in sorted(rules, key=lambda rule: rule.code)}


def run(context: Context) -> list[Finding]:
    """Run every setup rule over the context."""
    findings: list[Finding] = []
    for rule in registry().values():
        if rule.check is not None:
            findings.extend(rule.check(context))
    return findings
