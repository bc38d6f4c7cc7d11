"""Fuzzing: no input makes a parser or a check raise, and parses render back exactly.

Inputs are random bytes and real files bent by the grammar-aware mutations of
``mutations.py``.  Each test is bounded to stay quick in CI; ``bench/fuzz.py``
runs the same properties (the ``check_*`` functions below) for as long as
wanted.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mutations
from conftest import corpus_files
from l2tp_lint import linter, pppd_options, report, xl2tpd_conf
from l2tp_lint.source import SourceText

PARSERS = {"xl2tpd": xl2tpd_conf.parse, "pppd": pppd_options.parse}
CONF_PATH = "etc/xl2tpd/xl2tpd.conf"
OPTIONS_PATH = "etc/ppp/options.xl2tpd"
IPSEC_PATH = "etc/ipsec.conf"

# Small hand-written seeds, so the mutation tests run without the corpus too.
BUILTIN_SEEDS: dict[str, list[bytes]] = {
    "xl2tpd": [
        b"[global]\nport = 1701\n\n[lns default]\nip range = 10.1.0.2-10.1.0.20\n"
        b"local ip = 10.1.0.1\nrequire chap = yes\nrefuse pap = yes\n"
        b"require authentication = yes\nname = l2tpd\n"
        b"pppoptfile = /etc/ppp/options.xl2tpd\nlength bit = yes\n",
        b"[lac vpn]\nlns = vpn.example.org\nppp debug = yes\n"
        b"pppoptfile = /etc/ppp/options.xl2tpd\nlength bit = yes\n",
    ],
    "pppd": [
        b"ipcp-accept-local\nipcp-accept-remote\nms-dns 8.8.8.8\nnoccp\nauth\n"
        b"crtscts\nidle 1800\nmtu 1410\nmru 1410\nnodefaultroute\ndebug\nlock\n"
        b"proxyarp\nconnect-delay 5000\nrequire-mschap-v2\n",
        b"name \"vpn user\"\nplugin pppol2tp.so\npppol2tp_reorderto 300\n"
        b"lcp-echo-interval 30 # keepalive\nlcp-echo-failure 4\nrefuse-eap\n",
    ],
    "ipsec": [
        b"conn L2TP-PSK\n\tauthby=secret\n\tkeyexchange=ikev1\n\tesp=aes128-sha1\n"
        b"\ttype=transport\n\tleftprotoport=17/1701\n\tauto=add\n",
    ],
}
GENERIC_MUTATIONS: list[mutations.Mutation] = [
    mutations.hash_comment, mutations.crlf, mutations.long_line, mutations.nul_byte,
    mutations.bom,
]
ALL_MUTATIONS: list[mutations.Mutation] = list(
    dict.fromkeys(mutations.XL2TPD_MUTATIONS + mutations.PPPD_MUTATIONS))


def seeds(kind: str) -> list[bytes]:
    """Return the built-in seeds of a kind plus the corpus files, when configured."""
    return BUILTIN_SEEDS[kind] + [path.read_bytes() for path in corpus_files(kind)]


def mutate(data: bytes, steps: list[mutations.Mutation], seed: int) -> bytes:
    """Apply mutations in turn with one seeded random source."""
    rng = random.Random(seed)
    for step in steps:
        data = step(data, rng)
    return data


def splice(data: bytes, insert: bytes, where: int) -> bytes:
    """Insert bytes at a position taken modulo the length."""
    cut = where % (len(data) + 1)
    return data[:cut] + insert + data[cut:]


# --- Properties (shared with bench/fuzz.py) ---------------------------------

def check_parsers(data: bytes) -> None:
    """Both parsers accept the bytes, and each parse renders back to them."""
    for kind, parse in PARSERS.items():
        document = parse(SourceText.from_bytes(f"fuzz.{kind}", data))
        rendered = document.render().encode("latin-1")
        assert rendered == data, f"{kind} parse renders {len(rendered)} of {len(data)} bytes"


def write_setup(folder: Path, conf: bytes, options: bytes, ipsec: bytes | None) -> None:
    """Lay the inputs out as a copy of /etc."""
    for relative, data in ((CONF_PATH, conf), (OPTIONS_PATH, options), (IPSEC_PATH, ipsec)):
        if data is not None:
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def check_lint(conf: bytes, options: bytes, ipsec: bytes | None = None,
               under_root: bool = False, mode: str = "auto") -> None:
    """The whole check path runs over the inputs and its report renders."""
    with tempfile.TemporaryDirectory(prefix="l2tp-lint-fuzz-") as name:
        folder = Path(name)
        write_setup(folder, conf, options, ipsec)
        settings_ = linter.Settings(root=folder if under_root else None, mode=mode)
        findings = linter.lint([] if under_root else [str(folder)], settings_)
        for finding in findings:
            span = finding.span
            assert span.line >= 1 and span.column >= 1, finding
            assert (span.end_line, span.end_column) >= (span.line, span.column), finding
        for output_format in report.FORMATS:
            text = report.render(findings, output_format)
            if output_format == "json":
                assert len(json.loads(text)) == len(findings)


# --- Strategies --------------------------------------------------------------

def mutated(kind: str, table: list[mutations.Mutation]) -> st.SearchStrategy[bytes]:
    """Seeds of ``kind`` after one to three mutations, sometimes with bytes spliced in."""
    return st.builds(
        lambda data, steps, seed, extra, where: splice(mutate(data, steps, seed), extra, where),
        st.sampled_from(seeds(kind)),
        st.lists(st.sampled_from(table), min_size=1, max_size=3),
        st.integers(0, 2**32 - 1),
        st.one_of(st.just(b""), st.binary(max_size=12)),
        st.integers(0, 2**20),
    )


XL2TPD_INPUTS = st.one_of(mutated("xl2tpd", mutations.XL2TPD_MUTATIONS),
                          mutated("xl2tpd", ALL_MUTATIONS), st.binary(max_size=400))
PPPD_INPUTS = st.one_of(mutated("pppd", mutations.PPPD_MUTATIONS),
                        mutated("pppd", ALL_MUTATIONS), st.binary(max_size=400))
IPSEC_INPUTS = st.one_of(st.none(), mutated("ipsec", GENERIC_MUTATIONS),
                         st.binary(max_size=200))
# Bytes that carry meaning to one of the grammars, densely.
_SYNTAX = st.sampled_from(list(b" \t\r\n;#[]=\"'\\-x0179abln\x00\xef\xbb\xbf\xff"))
SYNTAX_SOUP = st.lists(_SYNTAX, max_size=400).map(bytes)

QUICK = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])
NEEDS_CORPUS = pytest.mark.skipif(not corpus_files("pppd"),
                                  reason="set L2TP_LINT_CORPUS to fuzz the real-world corpus")


# --- Parsers -----------------------------------------------------------------

@QUICK
@given(data=st.one_of(st.binary(max_size=2000), SYNTAX_SOUP))
def test_parsers_take_random_bytes(data: bytes) -> None:
    check_parsers(data)


@QUICK
@given(data=XL2TPD_INPUTS)
def test_parsers_take_mutated_xl2tpd_files(data: bytes) -> None:
    check_parsers(data)


@QUICK
@given(data=PPPD_INPUTS)
def test_parsers_take_mutated_pppd_files(data: bytes) -> None:
    check_parsers(data)


@NEEDS_CORPUS
@pytest.mark.parametrize("kind", ["xl2tpd", "pppd"])
def test_every_corpus_file_survives_each_mutation(kind: str) -> None:
    table: list[mutations.Mutation] = ALL_MUTATIONS
    for number, path in enumerate(corpus_files(kind)):
        step = table[number % len(table)]
        check_parsers(mutate(path.read_bytes(), [step], number))


# --- The whole check path ----------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conf=XL2TPD_INPUTS, options=PPPD_INPUTS, ipsec=IPSEC_INPUTS,
       under_root=st.booleans(), mode=st.sampled_from(linter.MODES))
def test_check_survives_any_setup(conf: bytes, options: bytes, ipsec: bytes | None,
                                  under_root: bool, mode: str) -> None:
    check_lint(conf, options, ipsec, under_root, mode)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conf=st.binary(max_size=600), options=st.binary(max_size=600),
       under_root=st.booleans())
def test_check_survives_random_bytes(conf: bytes, options: bytes, under_root: bool) -> None:
    check_lint(conf, options, None, under_root)


# --- Fixer -------------------------------------------------------------------
# Room for the fixer's properties.  The strategies above (XL2TPD_INPUTS,
# PPPD_INPUTS, IPSEC_INPUTS) and write_setup() give it the same inputs; the
# properties worth stating are: fixing any input never raises, the result
# parses and renders back byte for byte, a second round of fixes changes
# nothing, and a fixed file gets no new 1xx finding.  A function appended to
# FIXER_PROPERTIES, taking the xl2tpd.conf and the options file as bytes, is
# also run by bench/fuzz.py on every input it tries.

def fix_settles_and_parses(conf: bytes, options: bytes) -> None:
    """Fixing never raises, the results parse and render back, a second fix is idle,
    and safe fixes give no file a refusal it did not have (an unsafe rename may:
    the value behind an unknown key is judged once the key is known)."""
    from l2tp_lint import autofix, fixer, pppd_options, xl2tpd_conf
    from l2tp_lint.source import SourceText

    with tempfile.TemporaryDirectory(prefix="l2tp-lint-fuzz-") as name:
        folder = Path(name)
        write_setup(folder, conf, options, None)
        before = {(f.path, f.rule) for f in linter.lint([str(folder)], linter.Settings())
                  if f.rule[1] == "1"}
        for unsafe in (False, True):
            try:
                outcome = autofix.run([str(folder)], linter.Settings(), unsafe=unsafe)
            except fixer.FixError as error:
                assert "did not settle" in str(error)
                return
            again = autofix.run([str(folder)],
                                linter.Settings(overlay=dict(outcome.results)), unsafe=unsafe)
            assert not again.changed(), "a second fix changed files"
            after = {(f.path, f.rule) for f in outcome.findings if f.rule[1] == "1"}
            assert unsafe or after <= before, after - before
        for path, data in outcome.results.items():
            parse = xl2tpd_conf.parse if path.name.endswith(".conf") else pppd_options.parse
            document = parse(SourceText.from_bytes(str(path), data))
            assert document.render().encode("latin-1") == data


FIXER_PROPERTIES: list[Callable[[bytes, bytes], None]] = [fix_settles_and_parses]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conf=XL2TPD_INPUTS, options=PPPD_INPUTS)
def test_fixer_properties_hold(conf: bytes, options: bytes) -> None:
    for prop in FIXER_PROPERTIES:
        prop(conf, options)
