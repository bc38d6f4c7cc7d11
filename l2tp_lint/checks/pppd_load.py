"""P1xx: the reasons pppd 2.4.9 refuses an options file, in the place it reads it.

pppd reads a file word by word (options.c, options_from_file): a word names
an option, an option takes at most one argument, which is the next word
wherever it stands.  Which options exist depends on the channel: after
xl2tpd's ``plugin pppol2tp.so pppol2tp FD`` (kernel mode) the serial-line
options are gone and the pppol2tp ones are there; with a pty device
(userspace mode) and in /etc/ppp/options it is the other way round.
pppd stops at the first problem; these checks go on to the end.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from dataclasses import dataclass, field
from pathlib import Path

from l2tp_lint.discovery import is_dir, is_file
from l2tp_lint.findings import Finding, Fix, Severity
from l2tp_lint.pppd_options import PppdOptions, Word
from l2tp_lint.schemas import pppd as schema
from l2tp_lint.schemas.pppd_values import ArgumentProblem, check_argument, check_wildcard
from l2tp_lint.suggest import clip, did_you_mean

KERNEL, USERSPACE, SYSTEM = "kernel", "userspace", "system"
# Options whose argument is a secret: never quoted in any output.
SECRET_OPTIONS = frozenset({"password", "srp-pn-secret"})
PPPOL2TP_PLUGIN = "pppol2tp.so"


@dataclass(frozen=True, slots=True)
class OptionUse:
    """An option as pppd took it: its canonical name, its word, its argument."""

    name: str
    word: Word
    argument: Word | None


@dataclass(slots=True)
class _Reader:
    """pppd's state while it reads one file."""

    document: PppdOptions
    channel: str
    root: Path | None
    plugins: set[str] = field(default_factory=set)
    disabled: set[str] = field(default_factory=set)
    unknown_plugins: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    uses: list[OptionUse] = field(default_factory=list)

    def report(self, word: Word, code: str, message: str,
               severity: Severity = Severity.ERROR, fix: Fix | None = None) -> None:
        """Record a finding on a word."""
        span = self.document.span(word.start, word.end)
        self.findings.append(Finding(self.document.path, span, code, severity, message, fix))

    def disable(self, word: Word, argument: Word | None, note: str) -> Fix:
        """Make the fix that turns an option pppd refuses here into a comment."""
        end = (argument or word).end
        return Fix(self.document.path, "disable", word.start, end, "", note, True, "pppd")

    def rename(self, word: Word, name: str) -> Fix:
        """Make the unsafe fix that replaces a word with the name it resembles."""
        return Fix(self.document.path, "replace", word.start, word.end, name,
                   f"'{word.value}' renamed", False, "pppd")

    @property
    def tty_channel(self) -> bool:
        """Tell whether pppd's tty channel (and its options) is in place."""
        return self.channel != KERNEL


def check(document: PppdOptions, channel: str, root: Path | None = None) -> list[Finding]:
    """Return every reason pppd would refuse ``document`` in ``channel``."""
    return read(document, channel, root).findings


def options(document: PppdOptions, channel: str) -> list[OptionUse]:
    """Return the options pppd takes from ``document`` in ``channel``, in order."""
    return read(document, channel, None).uses


def read(document: PppdOptions, channel: str, root: Path | None = None) -> _Reader:
    """Read ``document`` as pppd does, collecting options and findings (once per channel)."""
    key = (channel, root)
    if key not in document.readings:
        document.readings[key] = _read(document, channel, root)
    return document.readings[key]  # type: ignore[return-value]


def _read(document: PppdOptions, channel: str, root: Path | None) -> _Reader:
    reader = _Reader(document, channel, root)
    if channel == KERNEL:
        reader.plugins.add(PPPOL2TP_PLUGIN)
    words = document.words
    index = 0
    while index < len(words):
        index = _read_option(reader, words, index)
    _word_traps(reader)
    return reader


def _lookup(reader: _Reader, name: str) -> schema.Option | None:
    """Find an option as find_option does, among what this channel offers."""
    option = schema.OPTIONS.get(name)
    if option is not None and _offered(reader, option):
        return option
    for plugin in sorted(reader.plugins):
        option = schema.PLUGIN_OPTIONS.get(plugin, {}).get(name)
        if option is not None:
            return option
    return None


def _offered(reader: _Reader, option: schema.Option) -> bool:
    if option.channel == "tty":
        return reader.tty_channel
    if option.channel == "pppol2tp":
        return PPPOL2TP_PLUGIN in reader.plugins
    return True


def _read_option(reader: _Reader, words: list[Word], index: int) -> int:
    """Read the option at ``index``; return the index of the next option."""
    word = words[index]
    option = _lookup(reader, word.value)
    if option is None:
        return index + _not_an_option(reader, words, index)
    canonical = option.alias_of or option.name
    if canonical in reader.disabled:
        reader.report(word, "P103", f"{canonical} option is disabled by an earlier "
                      f"'{_disabler(canonical)}'")
    for guarded, disablers in schema.DISABLED_BY.items():
        if canonical in disablers:
            reader.disabled.add(guarded)
    if not option.takes_argument:
        reader.uses.append(OptionUse(canonical, word, None))
        return index + 1
    if index + 1 >= len(words):
        reader.report(word, "P102",
                      f"'{clip(word.value)}' needs an argument, but the file ends")
        return index + 1
    reader.uses.append(OptionUse(canonical, word, words[index + 1]))
    _argument(reader, option, word, words[index + 1])
    return index + 2


def _disabler(option: str) -> str:
    return sorted(schema.DISABLED_BY[option])[0]


def _not_an_option(reader: _Reader, words: list[Word], index: int) -> int:
    """A word that names no option: a wildcard, or pppd refuses it.

    Returns how many words to step over: an option of another channel takes
    its argument along, so that the argument is not reported as well.
    """
    word = words[index]
    matched = check_wildcard(word.value, "tty" if reader.tty_channel else "pppol2tp")
    if matched is not None:
        kind, problem = matched
        reader.uses.append(OptionUse(kind, word, None))
        if problem is not None:
            _problem(reader, word, None, problem)
        return 1
    known = schema.OPTIONS.get(word.value)
    if known is not None and known.channel in ("tty", "pppol2tp"):
        argument = words[index + 1] if known.takes_argument and index + 1 < len(words) \
            else None
        _other_channel(reader, known, word, argument)
        return 2 if argument is not None else 1
    _unknown(reader, word)
    return 1


def _other_channel(reader: _Reader, known: schema.Option, word: Word,
                   argument: Word | None) -> None:
    name = clip(word.value)
    if known.channel == "tty":
        fix = reader.disable(word, argument, "serial-line option, refused in kernel mode "
                             "(P104)")
        reader.report(word, "P104",
                      f"'{name}' is a serial-line option; pppd does not know it once "
                      "xl2tpd has handed it a kernel L2TP socket (kernel mode)", fix=fix)
        return
    where = ("in /etc/ppp/options, read before xl2tpd loads the plugin"
             if reader.channel == SYSTEM else "when xl2tpd runs pppd in userspace mode")
    fix = reader.disable(word, argument, "needs the pppol2tp plugin, which userspace mode "
                         "does not load (P105)")
    reader.report(word, "P105", f"'{name}' needs the pppol2tp plugin, which is not loaded "
                  f"{where}", fix=fix)


def _unknown(reader: _Reader, word: Word) -> None:
    name = word.value
    if reader.uses and reader.uses[-1].name in SECRET_OPTIONS:
        reader.report(word, "P101", f"unknown option after '{reader.uses[-1].name}' (not "
                      "shown: it may be the rest of a password with a space in it)")
        return
    if reader.unknown_plugins:
        plugins = ", ".join(reader.unknown_plugins)
        reader.report(word, "P303",
                      f"unknown option '{clip(name)}', unless plugin {plugins} adds it",
                      Severity.WARNING)
        return
    names = _names(reader)
    hint = did_you_mean(name, names)
    fix = reader.rename(word, hint.split("'")[1]) if hint else None
    reader.report(word, "P101", f"unknown option '{clip(name)}'{hint}", fix=fix)


def _names(reader: _Reader) -> tuple[str, ...]:
    return _names_for(reader.tty_channel, frozenset(reader.plugins))


@cache
def _names_for(tty_channel: bool, plugins: frozenset[str]) -> tuple[str, ...]:
    """Return the option names pppd knows on a channel with some plugins loaded."""
    names = [name for name, option in schema.OPTIONS.items()
             if (option.channel != "tty" or tty_channel)
             and (option.channel != "pppol2tp" or PPPOL2TP_PLUGIN in plugins)]
    for plugin in sorted(plugins):
        names.extend(schema.PLUGIN_OPTIONS.get(plugin, {}))
    return tuple(names)


def _argument(reader: _Reader, option: schema.Option, word: Word, argument: Word) -> None:
    """Judge an option's argument and follow what it changes."""
    canonical = option.alias_of or option.name
    if canonical == "pppol2tp" and reader.channel == KERNEL:
        reader.report(word, "P106",
                      "xl2tpd already gave pppd its 'pppol2tp' socket; pppd refuses a "
                      "second device")
        return
    problem = check_argument(option, argument.value)
    if problem is not None:
        _problem(reader, argument, option, problem)
        if not problem.machine:
            return
    if canonical == "plugin":
        _load_plugin(reader, argument.value)
    elif option.loads_file and reader.root is not None:
        _check_on_root(reader, option, argument)


_ROOT_CHECKED = frozenset({"options", "call", "ua", "plugin", "logfile"})
_HOST_IN_MESSAGE = re.compile(
    r"^(?:unknown host: (.*)|invalid address parameter '(.*)' for ms-\w+ option)$")


def _problem(reader: _Reader, word: Word, option: schema.Option | None,
             problem: ArgumentProblem) -> None:
    """Report pppd's verdict on a word, sorting machine conditions apart."""
    if not problem.machine:
        reader.report(word, "P103", problem.message)
        return
    if option is not None and option.loads_file in _ROOT_CHECKED:
        return  # files, plugins and log folders: checked under --root only
    host = _HOST_IN_MESSAGE.match(problem.message)
    if host:
        name = host.group(1) or host.group(2)
        reader.report(word, "P301", f"host name '{clip(name)}' is looked up when pppd "
                      "starts; pppd refuses to start if it does not resolve",
                      Severity.WARNING)
    else:
        reader.report(word, "P304", f"pppd accepts '{clip(word.value)}' only if the "
                      f"machine allows it; otherwise: {problem.message}", Severity.INFO)


def _load_plugin(reader: _Reader, value: str) -> None:
    name = posixpath.basename(value)
    reader.plugins.add(name)
    if name != PPPOL2TP_PLUGIN and name not in schema.PLUGIN_OPTIONS:
        reader.unknown_plugins.append(name)


def _check_on_root(reader: _Reader, option: schema.Option, argument: Word) -> None:
    """Under --root, check that what the option names when it is read exists.

    A path whose top folder is absent from the root is not judged: the root
    is then a partial copy (often of /etc alone), not the machine.
    """
    assert reader.root is not None
    wanted = _wanted_path(option.loads_file, argument.value)
    if wanted is None:
        return
    path, need = wanted
    top = path.lstrip("/").split("/", 1)[0]
    if not top or not is_dir(reader.root / top):
        return
    target = reader.root / path.lstrip("/")
    exists = is_dir(target) if need == "folder" else is_file(target)
    if not exists:
        what = "folder" if need == "folder" else "file"
        reader.report(argument, "P302", f"{what} '{clip(path)}' does not exist under "
                      f"'{reader.root}'; pppd refuses to start", Severity.WARNING)


def _wanted_path(loads: str | None, value: str) -> tuple[str, str] | None:
    """Return the path an option needs on the machine, and whether a file or folder."""
    if loads in ("options", "ua"):
        return value, "file"
    if loads == "call":
        return f"{schema.PEERS_DIR}/{value}", "file"
    if loads == "plugin" and posixpath.basename(value) not in schema.DEBIAN_PLUGINS:
        return (value if "/" in value else f"{schema.PLUGIN_DIR}/{value}"), "file"
    if loads == "logfile" and value.startswith("/"):
        return posixpath.dirname(value) or "/", "folder"
    return None


def _word_traps(reader: _Reader) -> None:
    """P2xx: words pppd reads otherwise than they look."""
    for word in reader.document.words:
        if word.open_quote:
            reader.report(word, "P201", "quote runs to the end of the file",
                          Severity.WARNING)
        if word.truncated:
            reader.report(word, "P202", "word is longer than 1023 bytes; pppd keeps "
                          "only the first 1023", Severity.WARNING)
        if word.cut_at_nul:
            reader.report(word, "P203", "NUL byte: pppd reads this word only up to it",
                          Severity.WARNING)
