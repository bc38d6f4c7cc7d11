"""Terminal output: when to colour, the coloured lines, and the summary line."""

from __future__ import annotations

import io
import os

import pytest

from l2tp_lint import report, terminal
from l2tp_lint.findings import Finding, Severity, Span

FINDINGS = [
    Finding("etc/ppp/options.xl2tpd", Span(11, 1, 11, 5), "P104", Severity.ERROR,
            "'lock' is a serial-line option"),
    Finding("etc/ppp/options.xl2tpd", Span(1, 1, 1, 30), "C401", Severity.WARNING,
            "kernel-mode LNS [lns default] gives the kernel no pppol2tp_reorderto"),
    Finding("etc/xl2tpd/xl2tpd.conf", Span(7, 1, 7, 15), "X801", Severity.INFO,
            "'flow bit' does nothing in xl2tpd 1.3.18"),
]


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class ClosedStream(io.StringIO):
    """A stream whose isatty fails, as a closed file's does."""

    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


@pytest.mark.parametrize(("choice", "stream", "environ", "expected"), [
    ("never", FakeTerminal(), {"FORCE_COLOR": "1"}, False),
    ("always", io.StringIO(), {"NO_COLOR": "1"}, True),
    ("auto", io.StringIO(), {}, False),                     # a pipe
    ("auto", FakeTerminal(), {}, True),
    ("auto", FakeTerminal(), {"NO_COLOR": "1"}, False),
    ("auto", FakeTerminal(), {"NO_COLOR": ""}, True),       # empty does not count
    ("auto", io.StringIO(), {"FORCE_COLOR": "1"}, True),    # forced through a pipe
    ("auto", io.StringIO(), {"FORCE_COLOR": ""}, False),
    ("auto", io.StringIO(), {"FORCE_COLOR": "0"}, False),
    ("auto", FakeTerminal(), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ("auto", FakeTerminal(), {"TERM": "dumb"}, False),
    ("auto", ClosedStream(), {}, False),
])
def test_use_color(choice: str, stream: io.StringIO, environ: dict[str, str],
                   expected: bool) -> None:
    assert terminal.use_color(choice, stream, environ) is expected


def test_use_color_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert terminal.use_color("auto", io.StringIO()) is True
    monkeypatch.setenv("NO_COLOR", "yes")
    assert terminal.use_color("auto", io.StringIO()) is False


def test_piping_is_never_coloured_unless_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    read, write = os.pipe()
    with os.fdopen(write, "w") as pipe, os.fdopen(read):
        assert terminal.use_color("auto", pipe) is False


def test_unknown_choice_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown colour choice 'sometimes'"):
        terminal.use_color("sometimes", io.StringIO())


def test_plain_text_is_the_text_report() -> None:
    assert terminal.format_text(FINDINGS, color=False) == report.as_text(FINDINGS)


def test_coloured_text_golden() -> None:
    assert terminal.format_text(FINDINGS, color=True) == (
        "\x1b[1metc/ppp/options.xl2tpd\x1b[0m:11:1: \x1b[1;31mP104\x1b[0m "
        "'lock' is a serial-line option\n"
        "\x1b[1metc/ppp/options.xl2tpd\x1b[0m:1:1: \x1b[33mC401\x1b[0m "
        "kernel-mode LNS [lns default] gives the kernel no pppol2tp_reorderto\n"
        "\x1b[1metc/xl2tpd/xl2tpd.conf\x1b[0m:7:1: \x1b[36mX801\x1b[0m "
        "'flow bit' does nothing in xl2tpd 1.3.18\n")


@pytest.mark.parametrize(("findings", "fixable", "expected"), [
    ([], 0, "All checks passed\n"),
    (FINDINGS, 1, "Found 3 problems (1 error, 1 warning, 1 info); 1 fixable with --fix\n"),
    (FINDINGS[:1] * 2 + FINDINGS[1:2], 0, "Found 3 problems (2 errors, 1 warning)\n"),
    (FINDINGS[2:] * 2, 0, "Found 2 problems (2 info)\n"),
    (FINDINGS[1:2], 1, "Found 1 problem (1 warning); 1 fixable with --fix\n"),
])
def test_summary(findings: list[Finding], fixable: int, expected: str) -> None:
    assert terminal.summary(findings, fixable, color=False) == expected


def test_coloured_summary_golden() -> None:
    assert terminal.summary(FINDINGS, 2, color=True) == (
        "Found 3 problems (\x1b[1;31m1 error\x1b[0m, \x1b[33m1 warning\x1b[0m, "
        "\x1b[36m1 info\x1b[0m); 2 fixable with --fix\n")
    assert terminal.summary([], 0, color=True) == "\x1b[32mAll checks passed\x1b[0m\n"
