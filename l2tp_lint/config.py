"""Configuration from ``.l2tp-lint.toml`` or ``[tool.l2tp-lint]`` in ``pyproject.toml``.

The nearest file upward from a path wins, with no merging; in one folder
``.l2tp-lint.toml`` comes before ``pyproject.toml``, and a ``pyproject.toml``
without the table is passed over.  Paths and globs in a file are relative
to its folder.  Rule selectors are codes or prefixes of codes ('C5', 'X');
when ``select`` and ``ignore`` both match a code, the longer selector
decides, and ``ignore`` wins a tie.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from l2tp_lint.findings import Finding, Severity

DOT_FILE = ".l2tp-lint.toml"
PYPROJECT = "pyproject.toml"
TABLE = "l2tp-lint"
SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
OUTERS = ("ipv4", "ipv6")
MODES = ("auto", "kernel", "userspace")
PATH_MTU_RANGE = (576, 65535)


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line."""


@dataclass(slots=True)
class Config:
    """What a configuration file sets; None where it says nothing."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    path_mtu: int | None = None
    outer: str | None = None
    natt: bool | None = None
    esp: tuple[str, ...] = ()
    mode: str | None = None
    root: Path | None = None
    source: Path | None = None


def find_config(start: Path) -> Path | None:
    """Return the nearest configuration file at or above ``start``, or None."""
    from l2tp_lint.discovery import is_dir, is_file

    folder = Path(os.path.abspath(start))
    if not is_dir(folder):
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        dot_file = candidate / DOT_FILE
        if is_file(dot_file):
            return dot_file
        pyproject = candidate / PYPROJECT
        if is_file(pyproject) and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    """Tell whether a pyproject.toml has a [tool.l2tp-lint] table."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if f"tool.{TABLE}" not in text and TABLE not in text:
        return False  # cheap test first: most pyproject.toml files say nothing of us
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        if f"[tool.{TABLE}" in text:
            raise ConfigError(f"{_shown(pyproject)}: invalid TOML: {_lower(error)}") from None
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and TABLE in tool


def load_config(path: Path) -> Config:
    """Read and check a configuration file; raise ConfigError naming the bad key."""
    shown = _shown(path)
    table, where = _table(path, shown)
    config = Config(source=Path(os.path.abspath(path)))
    for key, value in table.items():
        reader = _READERS.get(key)
        if reader is None:
            raise ConfigError(f"{shown}: {where}unknown key '{key}'{_hint(key)}")
        reader(_Key(shown, where, key), value, config)
    return config


def _table(path: Path, shown: str) -> tuple[dict[str, object], str]:
    """Return the settings table of a file and how messages name it."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{shown}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: cannot read: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{shown}: invalid TOML: {_lower(error)}") from None
    if path.name != PYPROJECT:
        return data, ""
    table = data.get("tool", {}).get(TABLE, {}) if isinstance(data.get("tool"), dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: [tool.{TABLE}] must be a table")
    return table, f"[tool.{TABLE}] "


def _shown(path: Path) -> str:
    """Return a path as messages show it: relative to the working folder if inside."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _lower(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:1].lower() + text[1:]


def _hint(key: str) -> str:
    from l2tp_lint.suggest import did_you_mean

    return did_you_mean(key, _READERS)


@dataclass(frozen=True, slots=True)
class _Key:
    """Where a value sits, for messages: the file, the table and the key."""

    shown: str
    where: str
    key: str

    def error(self, problem: str) -> ConfigError:
        """Return the error for a bad value of this key."""
        return ConfigError(f"{self.shown}: {self.where}{self.key}: {problem}")


def _one_of(key: _Key, value: object, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``."""
    options = list(choices)
    if not isinstance(value, str) or value not in options:
        raise key.error(f"expected one of {', '.join(options)}, got {value!r}")
    return value


def _strings(key: _Key, value: object, what: str) -> list[str]:
    """Return ``value`` if it is a list of strings."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise key.error(f"expected a list of {what}, got {value!r}")
    return value


def is_known_selector(selector: str) -> bool:
    """Tell whether a selector is a rule code or the prefix of at least one."""
    from l2tp_lint.rules import registry

    return bool(selector) and any(code.startswith(selector) for code in registry())


def _selectors(key: _Key, value: object) -> tuple[str, ...]:
    """Return a list of codes or prefixes, each matching at least one rule."""
    selectors = tuple(item.strip().upper() for item in _strings(key, value, "rule codes"))
    for selector in selectors:
        if not is_known_selector(selector):
            raise key.error(f"unknown rule code or prefix '{selector}'")
    return selectors


def _read_select(key: _Key, value: object, config: Config) -> None:
    config.select = _selectors(key, value)


def _read_ignore(key: _Key, value: object, config: Config) -> None:
    config.ignore = _selectors(key, value)


def _table_of(key: _Key, value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise key.error(f"expected a table, got {value!r}")
    return value


def _read_severity(key: _Key, value: object, config: Config) -> None:
    for selector, level in _table_of(key, value).items():
        entry = _Key(key.shown, key.where, f"{key.key}: {selector}")
        code = selector.strip().upper()
        if not is_known_selector(code):
            raise entry.error("unknown rule code or prefix")
        config.severity[code] = SEVERITIES[_one_of(entry, level, SEVERITIES)]


def _read_per_file_ignores(key: _Key, value: object, config: Config) -> None:
    for glob, codes in _table_of(key, value).items():
        entry = _Key(key.shown, key.where, f"{key.key}: '{glob}'")
        if not glob.strip():
            raise entry.error("empty glob")
        config.per_file_ignores[glob] = _selectors(entry, codes)


def _read_fail_on(key: _Key, value: object, config: Config) -> None:
    config.fail_on = SEVERITIES[_one_of(key, value, SEVERITIES)]


def _read_path_mtu(key: _Key, value: object, config: Config) -> None:
    low, high = PATH_MTU_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise key.error(f"expected a whole number from {low} to {high}, got {value!r}")
    config.path_mtu = value


def _read_outer(key: _Key, value: object, config: Config) -> None:
    config.outer = _one_of(key, value, OUTERS)


def _read_natt(key: _Key, value: object, config: Config) -> None:
    if not isinstance(value, bool):
        raise key.error(f"expected true or false, got {value!r}")
    config.natt = value


def _read_esp(key: _Key, value: object, config: Config) -> None:
    from l2tp_lint.rules.mtu import parse_esp

    proposals = _strings(key, value, "ESP proposals")
    for proposal in proposals:
        try:
            parse_esp(proposal)
        except ValueError as error:
            raise key.error(str(error)) from None
    config.esp = tuple(proposals)


def _read_mode(key: _Key, value: object, config: Config) -> None:
    config.mode = _one_of(key, value, MODES)


def _read_root(key: _Key, value: object, config: Config) -> None:
    if not isinstance(value, str) or not value:
        raise key.error(f"expected a folder path, got {value!r}")
    assert config.source is not None
    root = Path(os.path.normpath(config.source.parent / value))
    if not root.is_dir():
        raise key.error(f"folder '{value}' does not exist beside this file")
    config.root = root


_READERS: dict[str, Callable[[_Key, object, Config], None]] = {
    "select": _read_select, "ignore": _read_ignore, "severity": _read_severity,
    "per-file-ignores": _read_per_file_ignores, "fail-on": _read_fail_on,
    "path-mtu": _read_path_mtu, "outer": _read_outer, "natt": _read_natt,
    "esp": _read_esp, "mode": _read_mode, "root": _read_root,
}


def longest_match(code: str, selectors: Iterable[str]) -> str | None:
    """Return the longest selector that is a prefix of ``code``, or None."""
    matches = [selector for selector in selectors if code.startswith(selector)]
    return max(matches, key=len) if matches else None


def is_selected(code: str, config: Config) -> bool:
    """Tell whether ``select`` and ``ignore`` let a rule report."""
    selected = longest_match(code, config.select if config.select is not None else ("",))
    ignored = longest_match(code, config.ignore)
    return selected is not None and (ignored is None or len(selected) > len(ignored))


def severity_for(code: str, config: Config) -> Severity | None:
    """Return the severity the configuration gives a rule, or None."""
    selector = longest_match(code, config.severity)
    return config.severity[selector] if selector is not None else None


def glob_pattern(glob: str) -> re.Pattern[str]:
    """Compile an fnmatch-style glob where '**' crosses folders and '*' does not."""
    parts: list[str] = []
    text = glob.removeprefix("./")
    index = 0
    while index < len(text):
        if text.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif text.startswith("**", index):
            parts.append(".*")
            index += 2
        else:
            piece, index = _glob_piece(text, index)
            parts.append(piece)
    return re.compile("".join(parts) + r"\Z", re.DOTALL)


def _glob_piece(text: str, index: int) -> tuple[str, int]:
    """Translate one glob character or bracket class; return it and the next index."""
    char = text[index]
    if char == "*":
        return "[^/]*", index + 1
    if char == "?":
        return "[^/]", index + 1
    if char == "[":
        start = index + 1
        start += text[start:start + 1] == "!"
        start += text[start:start + 1] == "]"
        close = text.find("]", start)
        if close != -1:
            inner = text[index + 1:close].replace("\\", "\\\\")
            inner = "^" + inner[1:] if inner.startswith("!") else inner
            return f"[{inner}]", close + 1
    return re.escape(char), index + 1


def ignored_by_file(finding: Finding, config: Config, base: Path) -> bool:
    """Tell whether a per-file-ignores glob covers the finding's file and rule."""
    if not config.per_file_ignores:
        return False
    path = Path(os.path.abspath(base / finding.path))
    folder = config.source.parent if config.source is not None else Path(os.path.abspath(base))
    try:
        relative: str | None = path.relative_to(folder).as_posix()
    except ValueError:
        relative = None
    for glob, selectors in config.per_file_ignores.items():
        subject = path.name if "/" not in glob else relative
        if subject is not None and glob_pattern(glob).match(subject) \
                and longest_match(finding.rule, selectors) is not None:
            return True
    return False


def filter_findings(findings: Iterable[Finding], config: Config, base: Path) -> list[Finding]:
    """Keep the findings the configuration selects, at the severity it gives them.

    ``base`` is the folder that relative finding paths start from (the
    working folder of the run).
    """
    kept: list[Finding] = []
    for finding in findings:
        if not is_selected(finding.rule, config) or ignored_by_file(finding, config, base):
            continue
        severity = severity_for(finding.rule, config)
        if severity is not None and severity != finding.severity:
            finding = replace(finding, severity=severity)
        kept.append(finding)
    return kept
