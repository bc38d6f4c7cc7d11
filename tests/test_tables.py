"""The committed parser tables match the grammars they were built from."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l2tp_lint import _parser_tables, parsing
from test_roundtrip import SAMPLES


def test_tables_record_current_grammars() -> None:
    for name in parsing.GRAMMARS:
        assert _parser_tables.TABLES[name]["digest"] == parsing.grammar_digest(name), (
            f"grammars/{name}.lark changed: run python -m l2tp_lint.parsing")


@pytest.fixture(scope="module")
def fresh_parsers() -> dict[str, object]:
    return {name: parsing.build_parser(name) for name in parsing.GRAMMARS}


def assert_same_parse(fresh_parsers: dict[str, object], text: str) -> None:
    for name, fresh in fresh_parsers.items():
        assert parsing.parse(name, text) == fresh.parse(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("data", SAMPLES)
def test_shipped_tables_parse_like_the_grammar(fresh_parsers, data: bytes) -> None:
    assert_same_parse(fresh_parsers, data.decode("latin-1"))


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=" \t\r\n;#[]=\"'\\-x0a\x00\xff", max_size=120))
def test_shipped_tables_parse_generated_text_like_the_grammar(fresh_parsers, text) -> None:
    assert_same_parse(fresh_parsers, text)


def test_parser_loads_from_tables_not_grammar(monkeypatch) -> None:
    parsing.parser.cache_clear()

    def refuse(name: str) -> None:
        raise AssertionError("the parser was rebuilt from the grammar")

    monkeypatch.setattr(parsing, "build_parser", refuse)
    try:
        for name in parsing.GRAMMARS:
            assert parsing.parse(name, "x = y\n") is not None
    finally:
        parsing.parser.cache_clear()


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=" \t\r\n#\"'\\x0a\x00\xff", max_size=120))
def test_pppd_lexer_alone_gives_the_parse_tokens(text: str) -> None:
    parsed = [(t.type, str(t), t.start_pos) for t in parsing.parse("pppd", text).children]
    lexed = [(t.type, str(t), t.start_pos) for t in parsing.tokens("pppd", text)]
    assert parsed == lexed
