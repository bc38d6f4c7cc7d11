"""SARIF output: valid against the 2.1.0 schema, relative paths, rules, fingerprints, fixes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from l2tp_lint import __version__, linter, sarif
from l2tp_lint.findings import Finding, Fix, Severity, Span
from l2tp_lint.rules import Doc, Example, Rule, registry

REPOSITORY = Path(__file__).resolve().parent.parent
SCHEMA = REPOSITORY.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
GOLDEN = Path(__file__).resolve().parent / "golden" / "report.sarif.json"
UPDATE = "L2TP_LINT_UPDATE_GOLDEN"


def validator():
    """Return a schema validator; skip without jsonschema or the schema, except in CI."""
    try:
        import jsonschema
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("jsonschema is missing: install the test extras")
        pytest.skip("jsonschema is not installed")
    if not SCHEMA.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the SARIF schema is missing: {SCHEMA}")
        pytest.skip(f"no SARIF schema at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def valid(log: dict[str, object]) -> dict[str, object]:
    """Check a log against the schema (after a JSON round trip) and return it."""
    data = json.loads(json.dumps(log))
    errors = sorted(validator().iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return data


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="latin-1")
    return path


def results(log: dict[str, object]) -> list[dict[str, object]]:
    """Return the results of a log's only run."""
    return log["runs"][0]["results"]  # type: ignore[index]


def rules_of(log: dict[str, object]) -> list[dict[str, object]]:
    """Return the rules of a log's only run."""
    return log["runs"][0]["tool"]["driver"]["rules"]  # type: ignore[index]


# the golden log, with a fixed registry so that rule texts can change freely

FAKE_RULES = {
    "P104": Rule("P104", "serial-option-in-kernel-mode", Severity.ERROR,
                 "a serial-line option in kernel mode", "pppd options",
                 Doc("pppd does not know serial-line options after 'pppol2tp FD'.",
                     Example({"options.xl2tpd": "lock\n"}, "kernel"),
                     Example({"options.xl2tpd": "noauth\n"}, "kernel"),
                     "Remove the option.", "Judged for kernel mode.")),
    "X801": Rule("X801", "key-without-effect", Severity.INFO,
                 "a key that does nothing", "xl2tpd.conf",
                 Doc("xl2tpd stores the value and never reads it.",
                     Example({"xl2tpd.conf": "[lns default]\nflow bit = yes\n"}),
                     Example({"xl2tpd.conf": "[lns default]\n"}),
                     "Remove the line.")),
}


def golden_findings(folder: Path) -> list[Finding]:
    """Write a small setup under ``folder`` and return findings about it."""
    conf = write(folder / "etc/xl2tpd/xl2tpd.conf", "[lns default]\nflow bit = yes\n")
    options = write(folder / "etc/ppp/options.xl2tpd", "noauth\nlock\n")
    return [Finding(str(options), Span(2, 1, 2, 5), "P104", Severity.ERROR,
                    "'lock' is a serial-line option"),
            Finding(str(conf), Span(2, 1, 2, 15), "X801", Severity.INFO,
                    "'flow bit' does nothing in xl2tpd 1.3.18")]


def normalised(log: dict[str, object], folder: Path) -> str:
    """Return a log as JSON with what varies between machines and releases replaced."""
    text = json.dumps(log, indent=2, sort_keys=True) + "\n"
    text = text.replace(folder.resolve().as_uri(), "file:///BASE")
    return text.replace(f'"{__version__}"', '"VERSION"')


def test_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "registry", lambda: FAKE_RULES)
    log = valid(sarif.to_sarif(golden_findings(tmp_path), tmp_path))
    text = normalised(log, tmp_path)
    if os.environ.get(UPDATE):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), f"set {UPDATE}=1 to rewrite it"


# the schema, over real findings and every rule


def test_every_registered_rule_makes_valid_sarif(tmp_path: Path) -> None:
    path = write(tmp_path / "xl2tpd.conf", "[global]\n")
    findings = [Finding(str(path), Span(1, 1, 1, 9), rule.code, rule.severity,
                        f"finding of {rule.name}") for rule in registry().values()]
    log = valid(sarif.to_sarif(findings, tmp_path))
    assert [rule["id"] for rule in rules_of(log)] == sorted(registry())
    for descriptor in rules_of(log):
        rule = registry()[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.doc.why
        assert " ".join(rule.doc.fix.split()) in " ".join(descriptor["help"]["text"].split())
        assert descriptor["help"]["markdown"].count("```") % 2 == 0
    assert [r["ruleIndex"] for r in results(log)] == list(range(len(findings)))


def test_comment_rules_make_valid_sarif(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from l2tp_lint.rules.lint_comments import RULES

    rules = {**registry(), **{rule.code: rule for rule in RULES}}
    monkeypatch.setattr(sarif, "registry", lambda: rules)
    findings = [Finding("f", Span(1, 1, 1, 2), rule.code, rule.severity, "m")
                for rule in RULES]
    log = valid(sarif.to_sarif(findings, tmp_path))
    expected = ["suppression-comment" if rule.code.startswith("L1") else "limit"
                for rule in RULES]
    assert [r["properties"]["tags"][0] for r in rules_of(log)] == expected


def test_a_real_run_makes_valid_sarif(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPOSITORY)
    findings = linter.lint(["examples/field-report"], linter.Settings())
    log = valid(sarif.to_sarif(findings, REPOSITORY))
    assert len(results(log)) == len(findings) > 0
    for result in results(log):
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"].startswith("examples/field-report/etc/")
        rule = rules_of(log)[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == \
        REPOSITORY.as_uri() + "/"


def test_no_findings_is_a_valid_empty_run(tmp_path: Path) -> None:
    log = valid(sarif.to_sarif([], tmp_path))
    assert results(log) == [] and rules_of(log) == []


def test_severity_levels(tmp_path: Path) -> None:
    findings = [Finding("f", Span(1, 1, 1, 2), code, severity, "m")
                for code, severity in (("X100", Severity.ERROR), ("C401", Severity.WARNING),
                                       ("X801", Severity.INFO), ("X802", Severity.ERROR))]
    log = valid(sarif.to_sarif(findings, tmp_path))
    assert [r["level"] for r in results(log)] == ["warning", "error", "note", "error"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules_of(log)}
    assert levels == {"C401": "warning", "X100": "error", "X801": "note", "X802": "warning"}


def test_unregistered_code_gets_a_stub_rule(tmp_path: Path) -> None:
    log = valid(sarif.to_sarif([Finding("f", Span(1, 1, 1, 2), "Z999", Severity.INFO, "m")],
                               tmp_path))
    assert rules_of(log)[0]["id"] == "Z999"


# paths


def test_paths_outside_the_base_are_absolute_uris(tmp_path: Path) -> None:
    outside = write(tmp_path / "other" / "xl2tpd.conf", "[global]\n")
    location = sarif.artifact_location(str(outside), tmp_path / "repo")
    assert location == {"uri": outside.resolve().as_uri()}


def test_symbolic_links_are_resolved(tmp_path: Path) -> None:
    real = write(tmp_path / "repo" / "etc" / "real.conf", "[global]\n")
    link = tmp_path / "repo" / "xl2tpd.conf"
    link.symlink_to(real)
    assert sarif.artifact_location(str(link), tmp_path / "repo") == {
        "uri": "etc/real.conf", "uriBaseId": "%SRCROOT%"}


def test_uris_are_percent_encoded(tmp_path: Path) -> None:
    odd = write(tmp_path / "my files" / "options.l2tpd#1", "")
    assert sarif.artifact_location(str(odd), tmp_path)["uri"] == "my%20files/options.l2tpd%231"


# fingerprints


def fingerprints(findings: list[Finding], base: Path, **texts: str) -> list[str]:
    """Return each result's fingerprint."""
    log = sarif.to_sarif(findings, base, texts or None)
    return [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in results(log)]


def test_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "options", "noauth\nlock\n")
    before = fingerprints([Finding(str(path), Span(2, 1, 2, 5), "P104", Severity.ERROR,
                                   "'lock' is a serial-line option")], tmp_path)
    write(path, "# moved down\nnoauth\n\n  lock\n")
    after = fingerprints([Finding(str(path), Span(4, 3, 4, 7), "P104", Severity.ERROR,
                                  "'lock' is a serial-line option")], tmp_path)
    assert before == after


def test_fingerprints_ignore_numbers_in_messages(tmp_path: Path) -> None:
    path = write(tmp_path / "options", "mtu 1400\n")
    one = fingerprints([Finding(str(path), Span(1, 1, 1, 9), "C501", Severity.WARNING,
                                "mtu 1400 gives 1508-byte ESP packets")], tmp_path)
    two = fingerprints([Finding(str(path), Span(1, 1, 1, 9), "C501", Severity.WARNING,
                                "mtu 1400 gives 1524-byte ESP packets")], tmp_path)
    assert one == two


def test_equal_findings_are_told_apart_by_count(tmp_path: Path) -> None:
    path = write(tmp_path / "options", "lock\nlock\n")
    found = fingerprints([Finding(str(path), Span(line, 1, line, 5), "P104",
                                  Severity.ERROR, "m") for line in (1, 2)], tmp_path)
    assert found[0].endswith(":1") and found[1].endswith(":2")
    assert found[0][:-2] == found[1][:-2]


def test_fingerprints_use_given_texts(tmp_path: Path) -> None:
    finding = Finding("stdin.conf", Span(1, 1, 1, 5), "P104", Severity.ERROR, "m")
    given = fingerprints([finding], tmp_path, **{"stdin.conf": "lock\n"})
    missing = fingerprints([finding], tmp_path)
    assert given != missing


# fixes


def with_fix(fix: Fix | None) -> Finding:
    """Return a finding on line 2 of 'options' carrying ``fix``."""
    return Finding("options", Span(2, 1, 2, 5), "P101", Severity.ERROR, "m", fix)


def replace_fix(start: int, end: int, text: str, safe: bool = True) -> Fix:
    """Return an in-place replacement in 'options'."""
    return Fix("options", "replace", start, end, text, "a note", safe, "pppd")


def test_safe_replacements_become_sarif_fixes(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "options", "noauth\nlokc\n")
    log = valid(sarif.to_sarif([with_fix(replace_fix(7, 11, "lock"))], tmp_path))
    assert results(log)[0]["fixes"] == [{
        "description": {"text": "replace with 'lock': a note"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "options", "uriBaseId": "%SRCROOT%"},
            "replacements": [{"deletedRegion": {"startLine": 2, "startColumn": 1,
                                                "endLine": 2, "endColumn": 5},
                              "insertedContent": {"text": "lock"}}]}]}]


def test_offsets_index_the_given_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    log = valid(sarif.to_sarif([with_fix(replace_fix(11, 15, "lock"))], tmp_path,
                               {"options": "# x\nnoauth\nlokc\n"}))
    region = results(log)[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert region["deletedRegion"] == {"startLine": 3, "startColumn": 1, "endLine": 3,
                                       "endColumn": 5}


@pytest.mark.parametrize("fix", [
    None,
    replace_fix(7, 11, "lock", safe=False),
    replace_fix(7, 99, "lock"),
    Fix("options", "add", 12, 12, "pppol2tp_reorderto 30", "n", True, "pppd"),
    Fix("options", "disable", 7, 11, "", "n", True, "pppd"),
    Fix("options", "create", 0, 0, "pppd-options.j2", "n", False, "pppd"),
])
def test_other_fixes_are_left_out(fix: Fix | None, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    log = valid(sarif.to_sarif([with_fix(fix)], tmp_path, {"options": "noauth\nlokc\n"}))
    assert "fixes" not in results(log)[0]


def test_replacement_in_a_file_that_cannot_be_read_is_left_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    log = valid(sarif.to_sarif([with_fix(replace_fix(7, 11, "lock"))], tmp_path))
    assert "fixes" not in results(log)[0]


def test_a_real_fix_run_reports_a_valid_replacement(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "xl2tpd.conf", "# office LNS\n[global]\n")
    findings = linter.lint(["xl2tpd.conf"], linter.Settings())
    log = valid(sarif.to_sarif(findings, tmp_path))
    [result] = [r for r in results(log) if r["ruleId"] == "X100"]
    [replacement] = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement == {"deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 1,
                                             "endColumn": 2},
                           "insertedContent": {"text": ";"}}
