"""Applying fixes: Jinja templates render the corrected files, node by node.

A file is a list of nodes, one per line.  A node no fix touches is written
back as its original text; a changed or new node is rendered from the
snippet template its edit names (templates/*.j2), and the whole file from
templates/file.j2.  Each rendering is checked against the nodes rendered
one by one, so a template can never change text that no fix aimed at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from l2tp_lint.findings import Fix

COMMENT = {"pppd": "#", "xl2tpd": ";"}


class FixError(Exception):
    """A fix that cannot be applied safely; nothing is written."""


@dataclass(slots=True)
class Node:
    """One line of a file, or a new line a fix adds."""

    text: str = ""
    snippet: str | None = None
    edit: Fix | None = None
    before: str = ""
    after: str = ""
    lead: str = ""
    trail: str = ""
    indent: str = ""
    disabled: str = ""
    comment: str = "#"
    newline: str = "\n"


@cache
def environment() -> object:
    """Return the sandboxed, strict Jinja environment over the shipped templates."""
    from jinja2 import PackageLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(loader=PackageLoader("l2tp_lint", "templates"),
                                undefined=StrictUndefined, autoescape=False,
                                keep_trailing_newline=True)


def render(template: str, **values: object) -> str:
    """Render a shipped template."""
    return environment().get_template(template).render(**values)  # type: ignore[attr-defined]


def newline_of(text: str) -> str:
    """Return the file's line ending: CRLF when its first line ends so."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _lines(text: str) -> list[tuple[int, str]]:
    """Split text into (offset, line with its ending)."""
    lines, offset = [], 0
    for line in text.splitlines(keepends=True):
        lines.append((offset, line))
        offset += len(line)
    return lines


@dataclass(slots=True)
class _Plan:
    """Nodes of one file while fixes are placed on them."""

    text: str
    syntax: str
    nodes: list[Node] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    applied: list[Fix] = field(default_factory=list)

    def __post_init__(self) -> None:
        for offset, line in _lines(self.text):
            self.nodes.append(Node(text=line, comment=COMMENT[self.syntax]))
            self.starts.append(offset)

    def index_of(self, offset: int) -> int:
        """Return the node holding ``offset``."""
        for index in range(len(self.starts) - 1, -1, -1):
            if self.starts[index] <= offset:
                return index
        return 0


def plan(text: str, syntax: str, fixes: list[Fix]) -> list[Node]:
    """Place fixes on a file's nodes; fixes that collide wait for the next round."""
    state = _Plan(text, syntax)
    newline = newline_of(text)
    additions: list[tuple[int, Node]] = []
    for fix in sorted(fixes, key=lambda f: (f.start, f.end, f.text)):
        if fix.action == "add":
            additions.append((fix.start, _addition(text, fix, syntax, newline)))
            continue
        index = state.index_of(fix.start)
        node = state.nodes[index] if state.nodes else None
        if node is None or node.snippet is not None:
            continue
        start, line = state.starts[index], node.text
        if fix.end > start + len(line.rstrip("\r\n")):
            continue  # spans lines: left for the user
        _place(node, fix, fix.start - start, fix.end - start, newline)
    return _merge(state, additions)


def _place(node: Node, fix: Fix, start: int, end: int, newline: str) -> None:
    line = node.text
    node.edit = fix
    node.newline = newline
    if fix.action == "replace":
        node.snippet, node.before, node.after = "replace.j2", line[:start], line[end:]
        return
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    rest = (body[:start] + body[end:]).strip()
    if not rest or rest.startswith(node.comment):
        indent = body[:len(body) - len(body.lstrip())]
        node.snippet, node.before, node.after = "disable.j2", indent, ending
        node.disabled = body.strip()
        return
    node.snippet = "disable_inline.j2"
    node.indent = body[:len(body) - len(body.lstrip())]
    node.disabled = body[start:end]
    node.before = body[:start].rstrip(" \t") + (" " if body[:start].strip() else "")
    node.before = node.before if body[:start].strip() else node.indent
    node.after = body[end:].lstrip(" \t") + ending


def _addition(text: str, fix: Fix, syntax: str, newline: str) -> Node:
    at_end = fix.start >= len(text)
    lead = newline if at_end and text and not text.endswith("\n") else ""
    trail = newline if not at_end or not text or text.endswith("\n") else ""
    return Node(snippet="add.j2", edit=fix, lead=lead, trail=trail,
                comment=COMMENT[syntax], newline=newline)


def _merge(state: _Plan, additions: list[tuple[int, Node]]) -> list[Node]:
    nodes: list[Node] = []
    pending = sorted(additions, key=lambda item: item[0])
    for start, node in zip(state.starts, state.nodes, strict=True):
        while pending and pending[0][0] <= start:
            nodes.append(pending.pop(0)[1])
        nodes.append(node)
    nodes.extend(node for _, node in pending)
    return nodes


def apply(text: str, syntax: str, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    """Return the file's text with the fixes applied, and the fixes used."""
    nodes = plan(text, syntax, fixes)
    whole = render("file.j2", nodes=nodes)
    one_by_one = "".join(render(node.snippet, node=node) if node.snippet else node.text
                         for node in nodes)
    if whole != one_by_one:
        raise FixError("the file template changed text that no fix aimed at")
    return whole, [node.edit for node in nodes if node.edit is not None]

