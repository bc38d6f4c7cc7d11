"""The setup model: each xl2tpd section's role, data path and pppd options in effect.

pppd reads /etc/ppp/options first, then the arguments xl2tpd passes for the
section, then the section's ``pppoptfile`` (xl2tpd passes it as ``file``),
following any ``file`` and ``call`` it meets; for plain options the later
word wins (pppd options.c, process_option at equal priority).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from l2tp_lint.checks.pppd_load import OptionUse, options
from l2tp_lint.pppd_options import PppdOptions
from l2tp_lint.schemas import xl2tpd as schema
from l2tp_lint.xl2tpd_conf import Entry, Section, Xl2tpdConf, ascii_lower

KERNEL, USERSPACE = "kernel", "userspace"
SYSTEM_OPTIONS = "/etc/ppp/options"


def yes_or_no(value: str) -> bool | None:
    """Read a yes/no value as xl2tpd does, None when it is neither."""
    folded = ascii_lower(value)
    if folded in schema.YES_WORDS:
        return True
    if folded in schema.NO_WORDS:
        return False
    return None


def mode_entry(conf: Xl2tpdConf) -> Entry | None:
    """Return the [global] line that forces userspace mode, if one does.

    'force userspace' sets the mode; any valid 'ipsec saref' line forces
    userspace as well in xl2tpd 1.3.2 up to 1.3.18 (file.c, set_ipsec_saref),
    and a later 'force userspace = no' undoes that.
    """
    forcing: Entry | None = None
    for entry in global_entries(conf):
        setting = yes_or_no(entry.value)
        if setting is None:
            continue
        if entry.key_lower == "force userspace":
            forcing = entry if setting else None
        elif entry.key_lower == "ipsec saref":
            forcing = entry
    return forcing


def global_entries(conf: Xl2tpdConf) -> Iterator[Entry]:
    """Yield the entries of every [global] section, in file order."""
    for entry in conf.entries:
        if entry.section is not None and entry.section.kind_lower == schema.GLOBAL:
            yield entry


@dataclass(slots=True)
class Setting:
    """One option as it reaches pppd, with where it came from."""

    name: str
    value: str | None
    origin: str                 # a file path, or 'xl2tpd.conf [lns NAME]'
    use: OptionUse | None       # None for an argument xl2tpd passes
    document: PppdOptions | None


@dataclass(slots=True)
class XL2tpdSection:
    """An [lns] or [lac] section, merged over every header that opens it."""

    kind: str
    name: str | None
    headers: list[Section]
    entries: list[Entry] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Return the section as written in its first header, e.g. [lns default]."""
        first = self.headers[0]
        return f"[{first.kind} {first.name}]" if first.name is not None else f"[{first.kind}]"

    def value(self, key: str) -> Entry | None:
        """Return the last entry for ``key`` (a canonical key or an alias)."""
        wanted = {key} | {k.name for k in schema.KEYS.values() if k.alias_of == key}
        found = [entry for entry in self.entries if entry.key_lower in wanted]
        return found[-1] if found else None

    def flag(self, key: str) -> bool:
        """Return a yes/no key's value, its default when unset or unreadable."""
        entry = self.value(key)
        setting = yes_or_no(entry.value) if entry is not None else None
        if setting is None:
            return yes_or_no(schema.KEYS[key].default) or False
        return setting

    def all(self, key: str) -> list[Entry]:
        """Return every entry for a list key, in file order."""
        return [entry for entry in self.entries if entry.key_lower == key]


def merged_sections(conf: Xl2tpdConf) -> list[XL2tpdSection]:
    """Group [lns]/[lac] headers that xl2tpd merges into one section."""
    merged: dict[object, XL2tpdSection] = {}
    for section in conf.sections:
        if section.kind_lower not in (schema.LNS, schema.LAC):
            continue
        identity = section.identity or id(section)
        if identity not in merged:
            merged[identity] = XL2tpdSection(section.kind_lower, section.name, [])
        merged[identity].headers.append(section)
        merged[identity].entries.extend(section.entries)
    return list(merged.values())


@dataclass(slots=True)
class Call:
    """How pppd is started for one section: mode, files, options in effect."""

    section: XL2tpdSection
    mode: str
    conf: Xl2tpdConf
    pppoptfile: Entry | None
    options_file: PppdOptions | None
    settings: list[Setting] = field(default_factory=list)
    cycles: list[tuple[OptionUse, str]] = field(default_factory=list)
    truncated: bool = False  # more file reads than the model follows

    @property
    def role(self) -> str:
        """Return 'lns' or 'lac'."""
        return self.section.kind

    @property
    def options_known(self) -> bool:
        """Tell whether every option pppd gets is known: no pppoptfile went unfound."""
        return self.pppoptfile is None or not self.pppoptfile.value \
            or self.options_file is not None

    def last(self, *names: str) -> Setting | None:
        """Return the last setting among ``names``: the one in effect."""
        found = [s for s in self.settings if s.name in names]
        return found[-1] if found else None

    def has(self, *names: str) -> bool:
        """Tell whether any of ``names`` reaches pppd."""
        return any(s.name in names for s in self.settings)


def authentication_fields(section: XL2tpdSection) -> dict[str, bool]:
    """Follow set_papchap over the section's lines, as the keys were typed.

    xl2tpd finds the key case-insensitively but then reads the letter after
    the space ('p' PAP, 'a' authentication, anything else CHAP) and the
    third letter ('f' refuse) as written: 'Refuse PAP' sets refuse-chap.
    """
    fields = {"pap_refuse": False, "pap_require": False, "chap_refuse": False,
              "chap_require": False, "refuse_auth": False, "require_auth": False}
    for entry in section.entries:
        if entry.key_lower not in _PAPCHAP_KEYS:
            continue
        setting = yes_or_no(entry.value)
        if setting is None:
            continue
        what = entry.key.split(" ", 1)[1][:1]
        protocol = {"p": "pap", "a": "auth"}.get(what, "chap")
        verb = "refuse" if entry.key[2:3] == "f" else "require"
        key = f"{verb}_auth" if protocol == "auth" else f"{protocol}_{verb}"
        fields[key] = setting
    return fields


_PAPCHAP_KEYS = frozenset({
    "require pap", "require chap", "require authentication", "require auth",
    "refuse pap", "refuse chap", "refuse authentication", "refuse auth",
})


def xl2tpd_arguments(section: XL2tpdSection) -> list[tuple[str, str | None]]:
    """Return the options xl2tpd 1.3.18 passes pppd for a section (control.c)."""
    fields = authentication_fields(section)
    arguments: list[tuple[str, str | None]] = [("passive", None), ("nodetach", None)]
    if section.kind == schema.LAC and section.flag("defaultroute"):
        arguments.append(("defaultroute", None))
    for protocol in ("pap", "chap"):
        if fields["refuse_auth"] or fields[f"{protocol}_refuse"]:
            arguments.append((f"refuse-{protocol}", None))
    if fields["require_auth"]:
        arguments.append(("auth", None))
        arguments += [(f"require-{p}", None) for p in ("pap", "chap")
                      if fields[f"{p}_require"]]
        if section.kind == schema.LNS and section.flag("unix authentication"):
            arguments.append(("login", None))
    name = section.value("name")
    if name is not None and name.value:
        arguments.append(("name", name.value))
    if section.flag("ppp debug"):
        arguments.append(("debug", None))
    return arguments


Loader = Callable[[str], "PppdOptions | None"]


# pppd reads a file each time a 'file' option names it; a graph of files that
# each read many others makes that exponential.  Past this many reads the
# model stops following (pppd itself would run for ages or out of descriptors).
MAX_FILE_READS = 500


@dataclass(slots=True)
class _Walk:
    """Collects a call's settings while following file and call options.

    Iterative, with an explicit stack of open files, so that a long chain of
    'file' options cannot exhaust Python's recursion limit.
    """

    call: Call
    load: Loader
    reads: int = 0

    def document(self, document: PppdOptions, channel: str) -> None:
        """Add every option of ``document``, descending into files it reads."""
        stack = [(document, iter(options(document, channel)))]
        while stack:
            current, uses = stack[-1]
            use = next(uses, None)
            if use is None:
                stack.pop()
                continue
            value = use.argument.value if use.argument is not None else None
            self.call.settings.append(Setting(use.name, value, current.path, use, current))
            if use.name in ("file", "call") and value is not None:
                target = self._target(use, value, [doc.path for doc, _ in stack])
                if target is not None:
                    stack.append((target, iter(options(target, channel))))

    def _target(self, use: OptionUse, value: str, open_paths: list[str]) -> PppdOptions | None:
        """Return the file an option reads, unless it loops or the reads run out."""
        if self.reads >= MAX_FILE_READS:
            self.call.truncated = True
            return None
        path = value if use.name == "file" else f"/etc/ppp/peers/{value}"
        target = self.load(path)
        if target is None:
            return None
        if target.path in open_paths:
            self.call.cycles.append((use, target.path))
            return None
        self.reads += 1
        return target


def build_call(conf: Xl2tpdConf, section: XL2tpdSection, mode: str, load: Loader,
               system_options: PppdOptions | None) -> Call:
    """Work out what pppd is given for one section."""
    entry = section.value("pppoptfile")
    options_file = load(entry.value) if entry is not None and entry.value else None
    call = Call(section, mode, conf, entry, options_file)
    walk = _Walk(call, load)
    if system_options is not None:
        walk.document(system_options, "system")
    origin = f"{conf.path} {section.label}"
    for name, value in xl2tpd_arguments(section):
        call.settings.append(Setting(name, value, origin, None, None))
    if options_file is not None:
        walk.document(options_file, mode)
    return call


def build_calls(conf: Xl2tpdConf, mode: str, load: Loader,
                system_options: PppdOptions | None) -> list[Call]:
    """Return a call for every [lns] and [lac] section xl2tpd uses."""
    calls = []
    for section in merged_sections(conf):
        if section.kind == schema.LAC and section.name is not None \
                and ascii_lower(section.name) == "default":
            continue  # [lac default] is never dialled (only its lns is read)
        calls.append(build_call(conf, section, mode, load, system_options))
    return calls
