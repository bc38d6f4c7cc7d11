"""Parsing never fails and rendering a parse gives back the same bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_files
from l2tp_lint import pppd_options, xl2tpd_conf
from l2tp_lint.source import SourceText

PARSERS = {"xl2tpd": xl2tpd_conf.parse, "pppd": pppd_options.parse}

SAMPLES = [
    b"",
    b"\n",
    b"[global]",
    b"\xef\xbb\xbf[global]\r\nport = 1701 ; comment\r\n",
    b"  \t[lns default]  junk\n\tip range = 10.0.0.1 - 10.0.0.9\n# hash\n",
    b"mtu 1400#x\nname 'a b' \\\n  \"c\nd\" \\x41\\101\\s\n",
    b"\"unterminated",
    b"trailing backslash \\",
    b"nul\x00byte\n\x00\xff\xfe",
    b"a" * 5000 + b";" + b"b" * 3000 + b"\n[x",
    b"\r\r\n\r",
]


def roundtrip(kind: str, data: bytes) -> None:
    source = SourceText.from_bytes("t", data)
    document = PARSERS[kind](source)
    assert document.render().encode("latin-1") == data


@pytest.mark.parametrize("kind", PARSERS)
@pytest.mark.parametrize("data", SAMPLES)
def test_samples_roundtrip(kind: str, data: bytes) -> None:
    roundtrip(kind, data)


@pytest.mark.parametrize("kind", ["xl2tpd", "pppd"])
def test_corpus_roundtrip(kind: str, corpus) -> None:
    files = corpus_files(kind) + corpus_files("templated")
    assert files
    for path in files:
        roundtrip(kind, path.read_bytes())


_ALPHABET = st.sampled_from(list(b" \t\r\n;#[]=\"'\\-:.,x0123456789abnslg\x00\xef\xbb\xbf\xff"))
_CONFIG_BYTES = st.lists(_ALPHABET, max_size=300).map(bytes)


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(_CONFIG_BYTES, st.binary(max_size=300)))
def test_generated_inputs_roundtrip(data: bytes) -> None:
    for kind in PARSERS:
        roundtrip(kind, data)
