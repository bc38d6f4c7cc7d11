"""Running a check: what to read, how pppd meets each file, which rules apply."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from l2tp_lint import discovery
from l2tp_lint.findings import Finding, Severity, Span
from l2tp_lint.source import SourceText

if TYPE_CHECKING:
    import logging
    from collections.abc import Callable

    from l2tp_lint.config import Config
    from l2tp_lint.pppd_options import PppdOptions
    from l2tp_lint.rules import Assumptions, Context
    from l2tp_lint.xl2tpd_conf import Xl2tpdConf


MODES = ("auto", "kernel", "userspace")

# How pppd meets an options file.  'system' is /etc/ppp/options, read before
# the command line while the tty channel is in place and before xl2tpd's
# 'plugin pppol2tp.so'; 'kernel' follows 'pppol2tp FD'; 'userspace' follows
# a pty device path.
CHANNEL_SYSTEM, CHANNEL_KERNEL, CHANNEL_USERSPACE = "system", "kernel", "userspace"


SUPPRESSION_MARK = "l2tp-lint:"  # files without it need no suppression parsing


class InputError(Exception):
    """An input that cannot be read at all; the run exits 2."""


class TooLarge(Exception):
    """A file over the size limit: reported, not read."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


MAX_FILE_SIZE = 64 * 1024 * 1024
SNIFF_SIZE = 1024 * 1024  # enough of a file to tell its kind


@dataclass(slots=True)
class Settings:
    """What the user told us about the setup."""

    root: Path | None = None
    mode: str = "auto"
    assumptions: Assumptions | None = None
    # Text that stands in for files on disk (resolved path -> bytes): the
    # fixer re-checks its results before anything is written.
    overlay: dict[Path, bytes] = field(default_factory=dict)
    config: Config | None = None
    max_file_size: int = MAX_FILE_SIZE
    # Called with (files done, files in all) while files are checked.
    progress: Callable[[int, int], None] | None = None


@dataclass(slots=True)
class _Target:
    """A file to check, how it is shown, and how pppd will meet it."""

    path: Path
    shown: str
    kind: str
    channels: set[str] = field(default_factory=set)


def _log() -> logging.Logger:
    """Return this module's logger (logging is imported only when something is logged)."""
    import logging

    return logging.getLogger(__name__)


def read_file(path: Path, overlay: dict[Path, bytes] | None = None,
              limit: int | None = None) -> bytes:
    """Read a regular file whole, or raise InputError saying why not.

    A file larger than ``limit`` raises TooLarge; nothing of it is read.
    """
    if overlay:
        key = path.resolve()
        if key in overlay:
            return overlay[key]
    try:
        info = os.stat(path)
    except OSError as error:
        raise InputError(f"cannot read '{path}': {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"cannot read '{path}': not a regular file")
    if limit is not None and info.st_size > limit:
        raise TooLarge(info.st_size)
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read '{path}': {error.strerror}") from None


class Run:
    """One run over the given paths."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.targets: dict[Path, _Target] = {}
        self.documents: dict[Path, PppdOptions] = {}
        self.context: Context | None = None
        self._done = 0

    def add(self, path: Path, shown: str, kind: str) -> _Target:
        """Queue a file once, however often it is named."""
        key = path.resolve()
        if key not in self.targets:
            self.targets[key] = _Target(path, shown, kind)
        return self.targets[key]

    def add_argument(self, argument: str) -> None:
        """Queue a file or every configuration file under a folder."""
        path = Path(argument)
        if discovery.is_secrets(path):
            _log().info("not reading '%s': secrets files are no configuration", argument)
            return
        in_memory = path.resolve() in self.settings.overlay
        if not in_memory and discovery.is_dir(path):
            try:
                for found, kind in discovery.walk(path):
                    self.add(found, str(found), kind)
            except discovery.FolderError as error:
                raise InputError(str(error)) from None
            return
        if not in_memory and not discovery.exists(path):
            raise InputError(f"no such file or folder: '{argument}'")
        kind = discovery.kind_by_name(path) or discovery.kind_by_content(self._head(path))
        if kind is None:
            _log().info("not reading '%s': it holds no xl2tpd or pppd configuration",
                        argument)
            return
        self.add(path, argument, kind)

    def add_system(self) -> None:
        """Queue the system's own files under the root."""
        root = self.settings.root or Path("/")
        for found, kind in discovery.system_files(root):
            self.add(found, str(found), kind)

    def findings(self) -> list[Finding]:
        """Check every queued file and the setup they make; return the findings."""
        from l2tp_lint.rules import Assumptions, Context, run

        context = Context(assumptions=self.settings.assumptions or Assumptions(),
                          root=self.settings.root)
        self.context = context
        self._add_naming_confs()
        results: list[Finding] = []
        for target in [t for t in self.targets.values() if t.kind == "xl2tpd"]:
            results.extend(self._check_xl2tpd(target, context))
            self._report_progress()
        for target in [t for t in self.targets.values() if t.kind == "pppd"]:
            results.extend(self._check_pppd(target, context))
            self._report_progress()
        context.ipsec = self._ipsec_facts()
        results.extend(run(context))
        return self._after_rules(sorted(set(results), key=Finding.sort_key))

    def _add_naming_confs(self) -> None:
        """Bring in the xl2tpd.conf that names a pppd file given alone (pre-commit).

        The conf decides the file's role and mode; it is looked for where the
        tree puts it (<dir>/etc/xl2tpd/ for <dir>/etc/ppp/X) and beside the file.
        """
        for target in [t for t in self.targets.values() if t.kind == "pppd"]:
            if discovery.is_system_options(target.path):
                continue
            for conf in discovery.confs_near(target.path):
                if target.path.name.encode() in self._head(conf):
                    self.add(conf, discovery.shown_path(conf), "xl2tpd")
                    break

    def _report_progress(self) -> None:
        if self.settings.progress is not None:
            self._done += 1
            self.settings.progress(self._done, len(self.targets))

    def _after_rules(self, findings: list[Finding]) -> list[Finding]:
        """Apply inline suppressions, then the configuration's selection."""
        sources = {view.conf.path: (view.conf.source.text, "xl2tpd")
                   for view in self.context.confs} if self.context else {}
        sources.update({document.path: (document.source.text, "pppd")
                        for document in self.documents.values()})
        if any(SUPPRESSION_MARK in text for text, _ in sources.values()):
            from l2tp_lint import suppressions

            findings = suppressions.apply(findings, sources)
        if self.settings.config is not None:
            from l2tp_lint.config import filter_findings

            findings = filter_findings(findings, self.settings.config, Path.cwd())
        return findings

    def _check_xl2tpd(self, target: _Target, context: Context) -> list[Finding]:
        from l2tp_lint import xl2tpd_conf
        from l2tp_lint.checks import xl2tpd_load
        from l2tp_lint.rules import ConfView
        from l2tp_lint.setup import build_calls

        try:
            source = SourceText.from_bytes(target.shown, self._read(target.path))
        except TooLarge as error:
            return self._too_large(target, error.size)
        conf = xl2tpd_conf.parse(source)
        findings = xl2tpd_load.check(conf)
        mode, reason = self._mode(conf)
        system = self._load_reference(discovery.SYSTEM_OPTIONS_PATH, target.path,
                                      CHANNEL_SYSTEM, system=True)

        def load(reference: str) -> PppdOptions | None:
            return self._load_reference(reference, target.path, mode)

        calls = build_calls(conf, mode, load, system)
        context.confs.append(ConfView(conf, calls, mode, reason))
        return findings

    def _read(self, path: Path) -> bytes:
        """Read a file, or the text the fixer holds for it."""
        return read_file(path, self.settings.overlay, self.settings.max_file_size)

    def _head(self, path: Path) -> bytes:
        """Read the start of a file, enough to tell what it is."""
        try:
            return self._read(path)
        except TooLarge:
            with open(path, "rb") as stream:
                return stream.read(SNIFF_SIZE)

    def _too_large(self, target: _Target, size: int) -> list[Finding]:
        message = (f"not checked: {size} bytes is more than the limit of "
                   f"{self.settings.max_file_size} (--max-file-size)")
        return [Finding(target.shown, Span(1, 1, 1, 1), "L201", Severity.WARNING, message)]

    def _exists(self, path: Path) -> bool:
        """Tell whether a file exists, counting files the fixer is creating."""
        return path.resolve() in self.settings.overlay or discovery.is_file(path)

    def _mode(self, conf: Xl2tpdConf) -> tuple[str, str]:
        from l2tp_lint.setup import mode_entry

        if self.settings.mode != "auto":
            return self.settings.mode, f"--mode {self.settings.mode}"
        forcing = mode_entry(conf)
        if forcing is not None:
            return CHANNEL_USERSPACE, f"'{forcing.key} = {forcing.value}'"
        if self.settings.root is not None:
            from l2tp_lint.kernel import kernel_l2tp

            offers, why = kernel_l2tp(self.settings.root)
            if offers is not None:
                return (CHANNEL_KERNEL if offers else CHANNEL_USERSPACE), why
        return CHANNEL_KERNEL, "assumed: the kernel offers L2TP"

    def _load_reference(self, reference: str, conf_path: Path, channel: str,
                        system: bool = False) -> PppdOptions | None:
        """Resolve and parse a file xl2tpd or pppd names; queue it for checks."""
        from l2tp_lint import pppd_options

        found = discovery.resolve_reference(reference, conf_path, self.settings.root,
                                            beside=not system, exists=self._exists)
        if found is None:
            return None
        key = found.resolve()
        target = self.add(found, discovery.shown_path(found), "pppd")
        target.channels.add(CHANNEL_SYSTEM if system else channel)
        if key not in self.documents:
            try:
                source = SourceText.from_bytes(target.shown, self._read(found))
            except TooLarge:
                return None  # reported when the file itself is checked
            self.documents[key] = pppd_options.parse(source)
        return self.documents[key]

    def _check_pppd(self, target: _Target, context: Context) -> list[Finding]:
        from l2tp_lint import pppd_options
        from l2tp_lint.checks import pppd_load

        key = target.path.resolve()
        if key not in self.documents:
            try:
                source = SourceText.from_bytes(target.shown, self._read(target.path))
            except TooLarge as error:
                return self._too_large(target, error.size)
            self.documents[key] = pppd_options.parse(source)
        document = self.documents[key]
        context.pppd_files.append(document)
        channels = self._channels(target)
        if not target.channels:
            context.standalone[document.path] = next(iter(channels))
        findings: list[Finding] = []
        for channel in sorted(channels):
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

    def _ipsec_facts(self) -> list[object]:
        from l2tp_lint.ipsec_setup import find_ipsec

        confs = [t.path for t in self.targets.values() if t.kind == "xl2tpd"]
        return find_ipsec(confs, self.settings.root)


def prepare(arguments: list[str], settings: Settings) -> Run:
    """Queue the given paths (or the system's files) for a run."""
    run = Run(settings)
    if arguments:
        for argument in arguments:
            run.add_argument(argument)
    else:
        run.add_system()
    return run


def lint(arguments: list[str], settings: Settings) -> list[Finding]:
    """Check the given paths (or the system's files) and return findings."""
    return prepare(arguments, settings).findings()
