"""Configuration: where it is found, what each key does, and how bad files are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from l2tp_lint import config as cfg
from l2tp_lint.config import Config, ConfigError, filter_findings, find_config, load_config
from l2tp_lint.findings import Finding, Severity, Span


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def finding(code: str, path: str = "etc/xl2tpd/xl2tpd.conf",
            severity: Severity = Severity.WARNING) -> Finding:
    """Return a finding of ``code`` in ``path``."""
    return Finding(path, Span(1, 1, 1, 2), code, severity, "m")


# discovery


def test_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / ".l2tp-lint.toml", "")
    inner = write(tmp_path / "etc" / "pyproject.toml", "[tool.l2tp-lint]\n")
    target = write(tmp_path / "etc" / "xl2tpd" / "xl2tpd.conf", "[global]\n")
    assert find_config(target) == inner
    assert find_config(target.parent) == inner
    assert find_config(tmp_path) == tmp_path / ".l2tp-lint.toml"


def test_dot_file_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.l2tp-lint]\n")
    dot_file = write(tmp_path / ".l2tp-lint.toml", "")
    assert find_config(tmp_path) == dot_file


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    outer = write(tmp_path / ".l2tp-lint.toml", "")
    write(tmp_path / "repo" / "pyproject.toml", "[tool.ruff]\nline-length = 99\n")
    assert find_config(tmp_path / "repo" / "xl2tpd.conf") == outer


def test_broken_pyproject_is_passed_over_unless_it_is_ours(tmp_path: Path) -> None:
    write(tmp_path / "a" / "pyproject.toml", "[tool.other\n")
    assert find_config(tmp_path / "a") != tmp_path / "a" / "pyproject.toml"
    write(tmp_path / "b" / "pyproject.toml", "[tool.l2tp-lint]\nselect = [\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: invalid TOML: "):
        find_config(tmp_path / "b")


def test_missing_start_path_looks_from_its_folder(tmp_path: Path) -> None:
    dot_file = write(tmp_path / ".l2tp-lint.toml", "")
    assert find_config(tmp_path / "not" / "there.conf") == dot_file


# each key


def load(tmp_path: Path, text: str, name: str = ".l2tp-lint.toml") -> Config:
    """Write a configuration file and load it."""
    return load_config(write(tmp_path / name, text))


def test_defaults(tmp_path: Path) -> None:
    config = load(tmp_path, "")
    assert config == Config(source=tmp_path / ".l2tp-lint.toml")
    assert config.fail_on is Severity.WARNING and config.select is None


def test_every_key(tmp_path: Path) -> None:
    (tmp_path / "snapshot").mkdir()
    config = load(tmp_path, """\
select = ["c5", "X"]
ignore = ["X801"]
fail-on = "error"
path-mtu = 1400
outer = "ipv6"
natt = false
esp = ["aes128gcm16"]
mode = "kernel"
root = "snapshot"

[severity]
C503 = "warning"
X8 = "error"

[per-file-ignores]
"legacy/**/xl2tpd.conf" = ["X7"]
""")
    assert config.select == ("C5", "X") and config.ignore == ("X801",)
    assert config.fail_on is Severity.ERROR
    assert (config.path_mtu, config.outer, config.natt) == (1400, "ipv6", False)
    assert config.esp == ("aes128gcm16",) and config.mode == "kernel"
    assert config.root == tmp_path / "snapshot"
    assert config.severity == {"C503": Severity.WARNING, "X8": Severity.ERROR}
    assert config.per_file_ignores == {"legacy/**/xl2tpd.conf": ("X7",)}


def test_pyproject_table(tmp_path: Path) -> None:
    config = load(tmp_path, "[project]\nname = 'x'\n\n[tool.l2tp-lint]\nignore = ['C7']\n",
                  "pyproject.toml")
    assert config.ignore == ("C7",)


@pytest.mark.parametrize(("text", "message"), [
    ('fail-on = "loud"', "[tool.l2tp-lint] fail-on: expected one of error, warning, info, "
                         "got 'loud'"),
    ("selct = ['X']", "[tool.l2tp-lint] unknown key 'selct'; did you mean 'select'?"),
    ("select = 'X'", "[tool.l2tp-lint] select: expected a list of rule codes, got 'X'"),
    ("ignore = ['Z9']", "[tool.l2tp-lint] ignore: unknown rule code or prefix 'Z9'"),
    ("severity = {X105 = 'fatal'}", "[tool.l2tp-lint] severity: X105: expected one of "
                                    "error, warning, info, got 'fatal'"),
    ("severity = {Q1 = 'info'}", "[tool.l2tp-lint] severity: Q1: unknown rule code or prefix"),
    ("per-file-ignores = {'a/*' = ['X9']}", "[tool.l2tp-lint] per-file-ignores: 'a/*': "
                                            "unknown rule code or prefix 'X9'"),
    ("path-mtu = 100", "[tool.l2tp-lint] path-mtu: expected a whole number from 576 to "
                       "65535, got 100"),
    ("path-mtu = true", "[tool.l2tp-lint] path-mtu: expected a whole number from 576 to "
                        "65535, got True"),
    ("outer = 'ipv5'", "[tool.l2tp-lint] outer: expected one of ipv4, ipv6, got 'ipv5'"),
    ("natt = 'yes'", "[tool.l2tp-lint] natt: expected true or false, got 'yes'"),
    ("esp = ['rot13-md5']", "[tool.l2tp-lint] esp: unknown cipher 'rot13'"),
    ("mode = 'pty'", "[tool.l2tp-lint] mode: expected one of auto, kernel, userspace, "
                     "got 'pty'"),
    ("root = 'nowhere'", "[tool.l2tp-lint] root: folder 'nowhere' does not exist beside "
                         "this file"),
])
def test_bad_values_name_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      text: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", f"[tool.l2tp-lint]\n{text}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(Path("pyproject.toml"))
    assert str(raised.value).startswith(f"pyproject.toml: {message}")
    assert "\n" not in str(raised.value)


def test_dot_file_messages_have_no_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         ) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "sub" / ".l2tp-lint.toml", "fail-on = 3\n")
    with pytest.raises(ConfigError, match=r"^sub/\.l2tp-lint\.toml: fail-on: expected one "
                                          r"of error, warning, info, got 3$"):
        load_config(tmp_path / "sub" / ".l2tp-lint.toml")


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\.l2tp-lint\.toml: invalid TOML: ") as raised:
        load(tmp_path, "select = [\n\n")
    assert "\n" not in str(raised.value)


def test_tool_table_must_be_a_table(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[tool\.l2tp-lint\] must be a table"):
        load(tmp_path, "[tool]\nl2tp-lint = 3\n", "pyproject.toml")


# filtering


def rules_kept(config: Config, codes: list[str], base: Path = Path("/work")) -> list[str]:
    """Return the codes of the findings the configuration keeps."""
    return [f.rule for f in filter_findings([finding(code) for code in codes], config, base)]


def test_select_and_ignore_by_prefix() -> None:
    assert rules_kept(Config(select=("C5",)), ["C501", "C601", "X801"]) == ["C501"]
    assert rules_kept(Config(ignore=("X8",)), ["C501", "X801", "X802"]) == ["C501"]


def test_the_longer_selector_decides() -> None:
    config = Config(select=("C", "C501"), ignore=("C5",))
    assert rules_kept(config, ["C501", "C502", "C601"]) == ["C501", "C601"]
    assert rules_kept(Config(select=("C5",), ignore=("C5",)), ["C501"]) == []


def test_severity_overrides_use_the_longest_prefix() -> None:
    config = Config(severity={"C5": Severity.ERROR, "C503": Severity.INFO})
    kept = filter_findings([finding("C501"), finding("C503"), finding("X801")], config,
                           Path("/work"))
    assert [str(f.severity) for f in kept] == ["error", "info", "warning"]


def test_per_file_ignores_are_relative_to_the_config_file(tmp_path: Path) -> None:
    config = Config(per_file_ignores={"legacy/**/xl2tpd.conf": ("X7",),
                                      "options.*": ("P104",)},
                    source=tmp_path / "repo" / ".l2tp-lint.toml")
    findings = [finding("X702", "repo/legacy/xl2tpd.conf"),
                finding("X702", "repo/legacy/a/b/xl2tpd.conf"),
                finding("X801", "repo/legacy/xl2tpd.conf"),
                finding("X702", "repo/xl2tpd.conf"),
                finding("X702", "legacy/xl2tpd.conf"),
                finding("P104", "repo/etc/ppp/options.xl2tpd"),
                finding("P104", "elsewhere/options.l2tpd")]
    kept = filter_findings(findings, config, tmp_path)
    assert [(f.path, f.rule) for f in kept] == [
        ("repo/legacy/xl2tpd.conf", "X801"), ("repo/xl2tpd.conf", "X702"),
        ("legacy/xl2tpd.conf", "X702")]


@pytest.mark.parametrize(("glob", "path", "matches"), [
    ("etc/*.conf", "etc/xl2tpd.conf", True),
    ("etc/*.conf", "etc/x/xl2tpd.conf", False),
    ("etc/**/*.conf", "etc/xl2tpd.conf", True),
    ("etc/**/*.conf", "etc/a/b/xl2tpd.conf", True),
    ("**", "a/b", True),
    ("./etc/ppp/options.?2tpd", "etc/ppp/options.l2tpd", True),
    ("etc/ppp/options.[!x]*", "etc/ppp/options.xl2tpd", False),
    ("etc/ppp/options.[lx]*", "etc/ppp/options.xl2tpd", True),
    ("etc/ppp/peers/[a", "etc/ppp/peers/[a", True),
    ("etc/ppp/peers/a+b", "etc/ppp/peers/a+b", True),
])
def test_globs(glob: str, path: str, matches: bool) -> None:
    assert bool(cfg.glob_pattern(glob).match(path)) is matches
