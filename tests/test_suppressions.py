"""Inline suppressions: each form, its scope, and the L1xx findings about comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from l2tp_lint import linter, suppressions
from l2tp_lint.findings import Finding, Severity, Span
from l2tp_lint.rules import Example
from l2tp_lint.rules.lint_comments import RULES


def finding(code: str, line: int, path: str = "xl2tpd.conf", column: int = 1) -> Finding:
    """Return a finding of ``code`` on ``line``."""
    return Finding(path, Span(line, column, line, column + 1), code, Severity.WARNING, "m")


def codes_and_lines(findings: list[Finding]) -> list[tuple[str, int]]:
    """Return (code, line) of each finding."""
    return [(f.rule, f.span.line) for f in findings]


def run(text: str, kind: str, findings: list[Finding]) -> list[tuple[str, int]]:
    """Apply the suppressions of one file to findings in it."""
    path = findings[0].path if findings else "xl2tpd.conf"
    return codes_and_lines(suppressions.apply(findings, {path: (text, kind)}))


XL2TPD = """\
[lns default]
flow bit = yes ; l2tp-lint: ignore=X801 -- kept for an old build
; l2tp-lint: ignore=X801,X705 -- the next entry only

  ; an ordinary comment between them
call rws = 4
exclusive = yes
"""


def test_xl2tpd_trailing_comment_covers_its_own_line() -> None:
    kept = run(XL2TPD, "xl2tpd", [finding("X801", 2), finding("X705", 2)])
    assert ("X801", 2) not in kept
    assert ("X705", 2) in kept


def test_xl2tpd_own_line_comment_covers_the_next_entry_only() -> None:
    kept = run(XL2TPD, "xl2tpd", [finding("X801", 2), finding("X801", 6),
                                   finding("X801", 7)])
    assert ("X801", 6) not in kept
    assert ("X801", 7) in kept


def test_unused_codes_are_reported_at_the_code() -> None:
    found = suppressions.apply([finding("X801", 2), finding("X801", 6)],
                               {"xl2tpd.conf": (XL2TPD, "xl2tpd")})
    unused = [f for f in found if f.rule == "L101"]
    assert [(f.span.line, f.span.column, f.span.end_column) for f in unused] == [(3, 26, 30)]
    assert unused[0].message == "'X705' suppresses no finding here; remove it"
    assert unused[0].severity is Severity.WARNING


def test_a_directive_that_covers_nothing_is_unused() -> None:
    text = "[global]\nport = 1701 ; l2tp-lint: ignore=X708\n"
    assert run(text, "xl2tpd", []) == [("L101", 2)]


def test_hash_directives_are_not_honoured_in_xl2tpd_conf() -> None:
    text = "[lns default]\n# l2tp-lint: ignore=X801\nflow bit = yes\n"
    assert suppressions.parse(text, "xl2tpd") == []
    assert run(text, "xl2tpd", [finding("X801", 3)]) == [("X801", 3)]


def test_semicolons_in_pppd_files_are_not_directives() -> None:
    assert suppressions.parse("; l2tp-lint: ignore=P104\nlock\n", "pppd") == []


def test_file_ignore_covers_the_whole_file() -> None:
    text = "[lns default]\nflow bit = yes\ncall rws = 2\n; l2tp-lint: file-ignore=X801\n"
    assert run(text, "xl2tpd", [finding("X801", 2), finding("X801", 3),
                                finding("X705", 2)]) == [("X705", 2)]


def test_unused_file_ignore_says_so() -> None:
    found = suppressions.apply([], {"a": ("; l2tp-lint: file-ignore=X801\n", "xl2tpd")})
    assert [f.message for f in found] == ["'X801' suppresses no finding in this file; "
                                          "remove it"]


PPPD = """\
# l2tp-lint: ignore=P104 -- the userspace fallback still needs it
lock
# l2tp-lint: ignore=P103
mtu
   "99999"
crtscts # l2tp-lint: ignore=P104
noauth
"""


@pytest.mark.parametrize(("code", "line", "suppressed"), [
    ("P104", 2, True),     # own-line comment: the next option
    ("P103", 4, True),     # the option's word ...
    ("P103", 5, True),     # ... and its argument on a later line
    ("P104", 6, True),     # trailing comment: its own line
    ("P104", 7, False),    # nothing covers this line
    ("P101", 2, False),    # another code on a covered line
])
def test_pppd_scopes(code: str, line: int, suppressed: bool) -> None:
    subject = finding(code, line, "o")
    kept = suppressions.apply([subject], {"o": (PPPD, "pppd")})
    assert (subject in kept) is not suppressed


def test_pppd_comment_before_an_option_without_argument_covers_one_line() -> None:
    [suppression] = suppressions.parse("# l2tp-lint: ignore=P104\nlock\nnoauth\n", "pppd")
    assert suppression.lines == frozenset({2})


def test_pppd_comment_ending_a_word_is_trailing() -> None:
    [suppression] = suppressions.parse("lock# l2tp-lint: ignore=P104\n", "pppd")
    assert suppression.lines == frozenset({1})


def test_reason_and_spacing_are_read() -> None:
    [suppression] = suppressions.parse(
        ";;  L2TP-lint:  Ignore = x801 , X802 --   why not\n[global]\n", "xl2tpd")
    assert [ref.code for ref in suppression.codes] == ["X801", "X802"]
    assert suppression.reason == "why not"
    assert suppression.lines == frozenset({2})


@pytest.mark.parametrize(("comment", "problem"), [
    ("ignroe=X801", "unknown directive 'ignroe'; write 'ignore=CODE' or 'file-ignore=CODE'"),
    ("ignore X801", "'ignore' needs '=' and the codes it suppresses"),
    ("ignore=", "'ignore=' names no code"),
    ("ignored=X801", "unknown directive 'ignored'; write 'ignore=CODE' or "
                     "'file-ignore=CODE'"),
    ("fileignore X801", "unknown directive 'fileignore'; write 'ignore=CODE' or "
                        "'file-ignore=CODE'"),
    ("ignore=X801 kept for now", "text after the codes needs ' -- ' before it"),
])
def test_malformed_directives_are_reported(comment: str, problem: str) -> None:
    text = f"[lns default]\nflow bit = yes ; l2tp-lint: {comment}\n"
    found = suppressions.apply([finding("X801", 2)], {"xl2tpd.conf": (text, "xl2tpd")})
    assert [(f.rule, f.message) for f in found] == [("X801", "m"), ("L103", problem)]
    assert found[1].span == Span(2, 16, 2, 29 + len(comment))


@pytest.mark.parametrize(("code", "message"), [
    ("X810", "unknown rule code 'X810' in suppression; did you mean 'X802'?"),
    ("Q1", "unknown rule code 'Q1' in suppression"),
    ("C5", "'C5' is a prefix; a suppression names whole codes, such as 'C501'"),
    ("L101", "'L101' is about suppression comments and no comment can suppress it; "
             "list it under 'ignore' in the configuration"),
])
def test_unknown_codes_are_reported(code: str, message: str) -> None:
    text = f"[global]\n; l2tp-lint: file-ignore={code}\n"
    found = suppressions.apply([], {"xl2tpd.conf": (text, "xl2tpd")})
    assert [(f.rule, f.message) for f in found] == [("L102", message)]
    assert found[0].span == Span(2, 26, 2, 26 + len(code))


@pytest.mark.parametrize("text", [
    "# l2tp-lint: notice a dead peer (C701)\nlcp-echo-interval 30\n",
    "# lock  # l2tp-lint: serial-line option, refused in kernel mode (P104)\n",
    "# l2tp-lint: mtu 1388: the largest that fits one ESP packet (C501)\nmtu 1388\n",
    "# l2tp-lint:\n",
])
def test_prose_after_the_marker_is_no_directive(text: str) -> None:
    assert suppressions.parse(text, "pppd") == []


def test_files_without_source_keep_their_findings() -> None:
    kept = suppressions.apply([finding("X801", 2, "other")],
                              {"xl2tpd.conf": ("[global]\n", "xl2tpd")})
    assert codes_and_lines(kept) == [("X801", 2)]


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown file kind"):
        suppressions.parse("", "ipsec")


def lint_with_suppressions(example: Example, folder: Path) -> list[str]:
    """Lint an example; the linter applies suppressions after the rules."""
    for relative, text in example.files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("latin-1"))
    settings = linter.Settings(mode=example.mode)
    if example.max_file_size is not None:
        settings.max_file_size = example.max_file_size
    return [f.rule for f in linter.lint([str(folder)], settings)]


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rule_examples_fire_and_stay_silent(rule, tmp_path: Path) -> None:
    assert rule.code in lint_with_suppressions(rule.doc.bad, tmp_path / "bad")
    assert rule.code not in lint_with_suppressions(rule.doc.good, tmp_path / "good")


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rules_are_documented_like_the_others(rule) -> None:
    assert rule.check is None and rule.severity is Severity.WARNING
    assert rule.doc.why and rule.doc.fix and rule.doc.limits
    assert not rule.summary[0].isupper() and not rule.summary.endswith(".")


def test_fixed_files_carry_no_comment_findings(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The notes the fixer writes after 'l2tp-lint:' are prose, not directives."""
    from l2tp_lint import autofix
    from l2tp_lint.rules.authentication import CONF, LNS_CONF, OPTIONS

    example = Example({CONF: LNS_CONF, OPTIONS: "require-mschap-v2\nlock\n"})
    lint_with_suppressions(example, tmp_path)
    monkeypatch.chdir(tmp_path)
    outcome = autofix.run(["."], linter.Settings(), unsafe=False)
    assert outcome.applied >= 3
    for path, data in outcome.results.items():
        path.write_bytes(data)
    codes = lint_with_suppressions(Example({}), tmp_path)
    assert not [code for code in codes if code.startswith("L")], codes
    assert "# l2tp-lint: " in (tmp_path / OPTIONS).read_text(encoding="latin-1")
