"""Running the checks over a set of files: what to read, how pppd meets it."""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from l2tp_lint import discovery
from l2tp_lint.findings import Finding, Severity
from l2tp_lint.source import SourceText

log = logging.getLogger(__name__)

MODES = ("auto", "kernel", "userspace")

# How pppd meets an options file.  'system' is /etc/ppp/options, read before
# the command line while the tty channel is in place and before xl2tpd's
# 'plugin pppol2tp.so'; 'kernel' follows 'pppol2tp FD'; 'userspace' follows
# a pty device path.
CHANNEL_SYSTEM, CHANNEL_KERNEL, CHANNEL_USERSPACE = "system", "kernel", "userspace"


class InputError(Exception):
    """An input that cannot be read at all; the run exits 2."""


@dataclass(slots=True)
class Settings:
    """What the user told us about the setup."""

    root: Path | None = None
    mode: str = "auto"


@dataclass(slots=True)
class _Target:
    """A file to check, how it is shown, and how pppd will meet it."""

    path: Path
    shown: str
    kind: str
    channels: set[str] = field(default_factory=set)


def read_file(path: Path) -> bytes:
    """Read a regular file whole, or raise InputError saying why not."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise InputError(f"cannot read '{path}': {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"cannot read '{path}': not a regular file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read '{path}': {error.strerror}") from None


class Run:
    """One run over the given paths."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.targets: dict[Path, _Target] = {}
        self.order: list[Path] = []

    def add(self, path: Path, shown: str, kind: str) -> _Target:
        """Queue a file once, however often it is named."""
        key = path.resolve()
        if key not in self.targets:
            self.targets[key] = _Target(path, shown, kind)
            self.order.append(key)
        return self.targets[key]

    def add_argument(self, argument: str) -> None:
        """Queue a file or every configuration file under a folder."""
        path = Path(argument)
        if path.is_dir():
            for found, kind in discovery.walk(path):
                self.add(found, str(found), kind)
            return
        if not path.exists():
            raise InputError(f"no such file or folder: '{argument}'")
        kind = discovery.kind_by_name(path) or discovery.kind_by_content(read_file(path))
        self.add(path, argument, kind)

    def add_system(self) -> None:
        """Queue the system's own files under the root."""
        root = self.settings.root or Path("/")
        for found, kind in discovery.system_files(root):
            self.add(found, str(found), kind)

    def findings(self) -> list[Finding]:
        """Check every queued file, xl2tpd.conf first, and return findings."""
        results: list[Finding] = []
        xl2tpd = [key for key in self.order if self.targets[key].kind == "xl2tpd"]
        for key in xl2tpd:
            results.extend(self._check_xl2tpd(self.targets[key]))
        for key in list(self.order):
            target = self.targets[key]
            if target.kind == "pppd":
                results.extend(self._check_pppd(target))
        return sorted(set(results), key=Finding.sort_key)

    def _check_xl2tpd(self, target: _Target) -> list[Finding]:
        from l2tp_lint import xl2tpd_conf
        from l2tp_lint.checks import xl2tpd_load

        source = SourceText.from_bytes(target.shown, read_file(target.path))
        conf = xl2tpd_conf.parse(source)
        findings = xl2tpd_load.check(conf)
        channel = self._channel_for(conf)
        findings.extend(self._follow_pppoptfiles(target, conf, channel))
        return findings

    def _channel_for(self, conf: object) -> str:
        from l2tp_lint.setup import data_path_mode

        if self.settings.mode != "auto":
            return self.settings.mode
        return data_path_mode(conf)  # type: ignore[arg-type]

    def _follow_pppoptfiles(self, target: _Target, conf: object, channel: str) -> list[Finding]:
        from l2tp_lint.setup import pppoptfile_entries

        findings: list[Finding] = []
        for entry in pppoptfile_entries(conf):  # type: ignore[arg-type]
            found = discovery.resolve_reference(entry.value, target.path, self.settings.root)
            if found is None:
                findings.extend(self._missing(conf, entry))
                continue
            shown = os.path.relpath(found) if not found.is_absolute() else str(found)
            self.add(found, shown, "pppd").channels.add(channel)
        return findings

    def _missing(self, conf: object, entry: object) -> list[Finding]:
        if self.settings.root is None:
            return []
        span = conf.span(entry.value_start, entry.value_end)  # type: ignore[attr-defined]
        message = (f"pppoptfile '{entry.value}' does not exist under "  # type: ignore[attr-defined]
                   f"'{self.settings.root}'; pppd will refuse to start")
        return [Finding(conf.path, span, "X302", Severity.WARNING, message)]  # type: ignore

    def _check_pppd(self, target: _Target) -> list[Finding]:
        from l2tp_lint import pppd_options
        from l2tp_lint.checks import pppd_load

        source = SourceText.from_bytes(target.shown, read_file(target.path))
        document = pppd_options.parse(source)
        findings: list[Finding] = []
        for channel in sorted(self._channels(target)):
            findings.extend(pppd_load.check(document, channel, self.settings.root))
        return findings

    def _channels(self, target: _Target) -> set[str]:
        if discovery.is_system_options(target.path):
            return {CHANNEL_SYSTEM}
        if target.channels:
            return target.channels
        if self.settings.mode in (CHANNEL_KERNEL, CHANNEL_USERSPACE):
            return {self.settings.mode}
        return {CHANNEL_KERNEL}


def lint(arguments: list[str], settings: Settings) -> list[Finding]:
    """Check the given paths (or the system's files) and return findings."""
    run = Run(settings)
    if arguments:
        for argument in arguments:
            run.add_argument(argument)
    else:
        run.add_system()
    return run.findings()

