"""The check command's work: configuration, standard input, fixes, reports, exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import click

from l2tp_lint import linter
from l2tp_lint.findings import Finding, Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_FROM = 20  # files; fewer are checked too fast to need a progress line


@dataclass(slots=True)
class CheckRequest:
    """The check command's arguments, as click parsed them."""

    paths: list[str]
    root: Path | None = None
    mode: str | None = None
    output_format: str = "text"
    color: str = "auto"
    output: Path | None = None
    stdin_filename: str | None = None
    config_path: Path | None = None
    max_file_size: int | None = None
    path_mtu: int | None = None
    outer: str | None = None
    esp: tuple[str, ...] = ()
    no_natt: bool = False
    fix: bool = False
    unsafe_fixes: bool = False
    show_diff: bool = False
    backup: str | None = None
    stdin_path: Path | None = field(default=None, init=False)


def run_check(request: CheckRequest) -> int:
    """Run a check as the CLI asked; return the exit status."""
    config = _config(request)
    settings = _settings(request, config)
    paths = _read_stdin(request, settings)
    try:
        if request.fix or request.show_diff:
            findings = _fix(request, paths, settings)
        else:
            findings = linter.lint(paths, settings)
    except linter.InputError as error:
        raise click.ClickException(str(error)) from None
    finally:
        _clear_progress(settings)
    _report(request, findings)
    threshold = config.fail_on if config is not None else Severity.WARNING
    failing = any(finding.severity >= threshold for finding in findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _config(request: CheckRequest) -> object | None:
    from l2tp_lint.config import ConfigError, find_config, load_config

    start = Path(request.stdin_filename or (request.paths[0] if request.paths
                                            and request.paths[0] != "-" else "."))
    path = request.config_path or find_config(start)
    if path is None:
        return None
    try:
        return load_config(path)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def _settings(request: CheckRequest, config: object | None) -> linter.Settings:
    from l2tp_lint.rules import Assumptions
    from l2tp_lint.rules.mtu import parse_esp

    def pick(flag: object, key: str, default: object) -> object:
        if flag not in (None, ()):
            return flag
        value = getattr(config, key, None) if config is not None else None
        return value if value not in (None, ()) else default

    esp = tuple(pick(request.esp, "esp", ()))  # type: ignore[arg-type]
    for text in esp:
        try:
            parse_esp(text)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--esp") from None
    natt = False if request.no_natt else pick(None, "natt", None)
    assumptions = Assumptions(pick(request.path_mtu, "path_mtu", 1500),  # type: ignore
                              pick(request.outer, "outer", None), natt, esp)  # type: ignore
    settings = linter.Settings(root=pick(request.root, "root", None),  # type: ignore
                               mode=pick(request.mode, "mode", "auto"),  # type: ignore
                               assumptions=assumptions, config=config)  # type: ignore
    if request.max_file_size is not None:
        settings.max_file_size = request.max_file_size
    if sys.stderr.isatty() and request.output_format == "text":
        settings.progress = _progress
    return settings


def _progress(done: int, total: int) -> None:
    if total >= PROGRESS_FROM:
        sys.stderr.write(f"\rl2tp-lint: checked {done}/{total} files")
        sys.stderr.flush()


def _clear_progress(settings: linter.Settings) -> None:
    if settings.progress is not None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _read_stdin(request: CheckRequest, settings: linter.Settings) -> list[str]:
    """Stand standard input in for the file --stdin-filename names."""
    if "-" not in request.paths:
        return list(request.paths)
    if not request.stdin_filename:
        raise click.UsageError("reading standard input ('-') needs --stdin-filename")
    data = sys.stdin.buffer.read()
    request.stdin_path = Path(request.stdin_filename).resolve()
    settings.overlay[request.stdin_path] = data
    return [request.stdin_filename if path == "-" else path for path in request.paths]


def _fix(request: CheckRequest, paths: list[str], settings: linter.Settings) -> list[Finding]:
    """Run the fix loop; print the diff, the fixed input, or write the files."""
    from l2tp_lint import autofix, fixer, writer

    try:
        outcome = autofix.run(paths, settings, request.unsafe_fixes)
    except fixer.FixError as error:
        _fail(str(error))
    if request.show_diff:
        base = settings.root or Path.cwd()
        sys.stdout.write(autofix.diff(outcome, base))
        return outcome.findings
    for path in outcome.changed():
        if path == request.stdin_path:
            sys.stdout.buffer.write(outcome.results[path])
            continue
        try:
            writer.write_file(path, outcome.results[path], outcome.originals[path],
                              request.backup)
        except writer.WriteError as error:
            _fail(str(error))
    if request.stdin_path is not None and request.stdin_path not in outcome.changed():
        sys.stdout.buffer.write(settings.overlay.get(request.stdin_path, b""))
    return outcome.findings


def _fail(message: str) -> None:
    click.echo(f"l2tp-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _report(request: CheckRequest, findings: list[Finding]) -> None:
    """Write the report where it goes, in the format asked."""
    to_stderr = request.show_diff or (request.fix and request.stdin_path is not None)
    stream: TextIO = sys.stderr if to_stderr else sys.stdout
    if request.output is not None:
        with open(request.output, "w", encoding="utf-8") as handle:
            handle.write(_render(request, findings, handle))
        return
    stream.write(_render(request, findings, stream))


def _render(request: CheckRequest, findings: list[Finding], stream: TextIO) -> str:
    if request.output_format == "json":
        from l2tp_lint.report import as_json

        return as_json(findings)
    if request.output_format == "sarif":
        import json

        from l2tp_lint.sarif import to_sarif

        return json.dumps(to_sarif(findings, Path.cwd()), indent=2) + "\n"
    if request.output_format == "github":
        from l2tp_lint.annotations import to_github

        return to_github(findings)
    from l2tp_lint.terminal import format_text, summary, use_color

    color = use_color(request.color, stream)
    if not findings:
        return ""
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    return format_text(findings, color) + summary(findings, fixable, color)
