"""Lark parsers for xl2tpd.conf and pppd options, loaded from prebuilt tables.

The LALR tables are generated from ``grammars/*.lark`` and committed as
``l2tp_lint/_parser_tables.py`` (a Python literal, so loading costs one
import of a compiled module, and nothing is cached in a shared folder).
Run ``python -m l2tp_lint.parsing`` after changing a grammar.  The tables
record the SHA-256 of the grammar they came from; tests check that digest
and that the shipped tables parse exactly as a freshly built parser does
(lark's state numbering varies from build to build, so the bytes can not
be compared).  At run time the tables are used as they are.  Should they ever differ, the parser
is built from the grammar in memory instead.
"""

from __future__ import annotations

import hashlib
import pprint
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lark import Lark, Token, Tree

    from l2tp_lint.findings import Span
    from l2tp_lint.source import SourceText

# Grammar name -> lark lexer.  xl2tpd's tokens depend on where in a line
# they stand, so it gets the contextual lexer.
GRAMMARS = {"xl2tpd": "contextual", "pppd": "basic"}
TABLES_MODULE = "l2tp_lint._parser_tables"


def grammar_text(name: str) -> str:
    """Return the text of a shipped grammar."""
    import importlib.resources

    resource = importlib.resources.files("l2tp_lint.grammars") / f"{name}.lark"
    return resource.read_text(encoding="utf-8")


def grammar_digest(name: str) -> str:
    """Return the SHA-256 of a grammar, which its tables record."""
    return hashlib.sha256(grammar_text(name).encode("utf-8")).hexdigest()


def _lark_options(name: str) -> dict[str, object]:
    return {"parser": "lalr", "lexer": GRAMMARS[name], "keep_all_tokens": True}


def build_parser(name: str) -> Lark:
    """Build a parser from its grammar (slow path, used by the generator)."""
    from lark import Lark

    return Lark(grammar_text(name), **_lark_options(name))


def build_tables(name: str) -> dict[str, object]:
    """Serialize a freshly built parser into plain data."""
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    data, memo = build_parser(name).memo_serialize([TerminalDef, Rule])
    return {"digest": grammar_digest(name), "data": data, "memo": memo}


@cache
def parser(name: str) -> Lark:
    """Return the parser for ``name`` from the shipped tables.

    The tables are trusted to match the grammar (a test checks the digest
    they record), so the grammar file is not read on every run.
    """
    from lark import Lark

    from l2tp_lint import _parser_tables

    tables = _parser_tables.TABLES.get(name)
    if tables is None:
        return build_parser(name)
    return Lark._load_from_dict(tables["data"], tables["memo"])


def parse(name: str, text: str) -> Tree:
    """Parse ``text`` with the named grammar; the grammars accept any text."""
    return parser(name).parse(text)


def tokens(name: str, text: str) -> Iterator[Token]:
    """Return the tokens of ``text`` from the grammar's lexer alone.

    For a grammar whose tree is a flat list of tokens (pppd's) this gives the
    same tokens as ``parse`` without running the LALR automaton.
    """
    return parser(name).lex(text, dont_ignore=True)


def render(tree: Tree) -> str:
    """Join a tree's tokens back into the exact text they came from."""
    parts: list[str] = []
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        children = getattr(node, "children", None)
        if children is None:
            parts.append(str(node))
        else:
            stack.extend(reversed(children))
    return "".join(parts)


@dataclass(slots=True)
class Document:
    """A parsed file: its text, and its lossless parse tree on demand.

    The tree is not kept after the model is built (thousands of files in one
    run would hold millions of tokens); ``tree`` parses again when asked.
    """

    source: SourceText
    grammar: str

    @property
    def path(self) -> str:
        """Return the file's path as given."""
        return self.source.path

    def span(self, start: int, end: int) -> Span:
        """Return the span between two offsets."""
        return self.source.span(start, end)

    @property
    def tree(self) -> Tree:
        """Return the file's lossless parse tree."""
        return parse(self.grammar, self.source.text)

    def render(self) -> str:
        """Return the file's text, rebuilt from the parse tree."""
        return render(self.tree)


def tables_source() -> str:
    """Return the Python source of the tables module for every grammar."""
    tables = {name: build_tables(name) for name in GRAMMARS}
    body = pprint.pformat(tables, width=100, sort_dicts=True)
    return (
        '"""LALR tables for the grammars in grammars/ (generated; do not edit)."""\n'
        "\n"
        "# Regenerate with: python -m l2tp_lint.parsing\n"
        f"TABLES = {body}\n"
    )


def main() -> None:
    """Write the tables module next to this file."""
    target = Path(__file__).with_name("_parser_tables.py")
    target.write_text(tables_source(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
