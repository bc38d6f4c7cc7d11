"""GitHub Actions annotations: one escaped workflow command a finding."""

from __future__ import annotations

from l2tp_lint import annotations
from l2tp_lint.findings import Finding, Severity, Span

FINDINGS = [
    Finding("etc/ppp/options.xl2tpd", Span(11, 1, 11, 5), "P104", Severity.ERROR,
            "'lock' is a serial-line option; pppd does not know it once xl2tpd has handed "
            "it a kernel L2TP socket (kernel mode)"),
    Finding("etc/ppp/options.xl2tpd", Span(1, 1, 1, 30), "C401", Severity.WARNING,
            "kernel-mode LNS [lns default] gives the kernel no pppol2tp_reorderto"),
    Finding("etc/xl2tpd/xl2tpd.conf", Span(7, 1, 7, 15), "X801", Severity.INFO,
            "'flow bit' does nothing in xl2tpd 1.3.18"),
    Finding("odd, name: 100%.conf", Span(3, 4, 5, 2), "P201", Severity.WARNING,
            "quote runs to the end of the file\r\nat 50%"),
]

GOLDEN = (
    "::error file=etc/ppp/options.xl2tpd,line=11,col=1,endLine=11,endColumn=5,"
    "title=P104 serial-option-in-kernel-mode::'lock' is a serial-line option; pppd does "
    "not know it once xl2tpd has handed it a kernel L2TP socket (kernel mode)\n"
    "::warning file=etc/ppp/options.xl2tpd,line=1,col=1,endLine=1,endColumn=30,"
    "title=C401 reorder-timeout-missing::kernel-mode LNS [lns default] gives the kernel "
    "no pppol2tp_reorderto\n"
    "::notice file=etc/xl2tpd/xl2tpd.conf,line=7,col=1,endLine=7,endColumn=15,"
    "title=X801 key-without-effect::'flow bit' does nothing in xl2tpd 1.3.18\n"
    "::warning file=odd%2C name%3A 100%25.conf,line=3,endLine=5,"
    "title=P201 unterminated-quote::quote runs to the end of the file%0D%0Aat 50%25\n"
)


def test_golden() -> None:
    assert annotations.to_github(FINDINGS) == GOLDEN


def test_escaping() -> None:
    assert annotations.escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert annotations.escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def test_unregistered_code_is_its_own_title() -> None:
    finding = Finding("f", Span(1, 1, 1, 1), "Z999", Severity.INFO, "m")
    assert annotations.command(finding) == (
        "::notice file=f,line=1,col=1,endLine=1,endColumn=1,title=Z999::m")


def test_no_findings_no_output() -> None:
    assert annotations.to_github([]) == ""
