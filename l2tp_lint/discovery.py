"""Finding the files to check: by name and place, and by reference."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

XL2TPD_NAMES = frozenset({"xl2tpd.conf", "l2tpd.conf"})
SECRETS_NAMES = frozenset({"chap-secrets", "pap-secrets", "srp-secrets", "eaptls-server",
                           "eaptls-client", "l2tp-secrets", "ipsec.secrets"})
SYSTEM_CONF = ("etc/xl2tpd/xl2tpd.conf", "etc/l2tp/l2tpd.conf")
SYSTEM_OPTIONS = "etc/ppp/options"
SYSTEM_OPTIONS_PATH = "/etc/ppp/options"
_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules"})


class FolderError(Exception):
    """A folder that cannot be listed."""


def is_file(path: Path) -> bool:
    """Tell whether a regular file is there; any error (a name too long) means no."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_dir(path: Path) -> bool:
    """Tell whether a folder is there; any error means no."""
    try:
        return path.is_dir()
    except OSError:
        return False


def exists(path: Path) -> bool:
    """Tell whether anything is at a path; any error (a name too long) means no."""
    try:
        return path.exists()
    except OSError:
        return False


def shown_path(path: Path) -> str:
    """Return a path as reports show it: relative to the working folder if inside."""
    here = Path.cwd()
    if not path.is_absolute() or here == Path("/"):
        return str(path)
    try:
        return str(path.relative_to(here))
    except ValueError:
        return str(path)


def is_secrets(path: Path) -> bool:
    """Tell whether a file holds secrets (never read as configuration, never quoted)."""
    return path.name in SECRETS_NAMES or path.name.endswith(".secrets")


def kind_by_name(path: Path) -> str | None:
    """Return 'xl2tpd' or 'pppd' when the name and place tell, else None."""
    if is_secrets(path):
        return None
    if path.name in XL2TPD_NAMES:
        return "xl2tpd"
    if path.name == "options" and path.parent.name == "ppp":
        return "pppd"
    if path.name.startswith("options."):
        return "pppd"
    if path.parent.name == "peers" and path.parent.parent.name == "ppp":
        return "pppd"
    return None


def kind_by_content(data: bytes) -> str | None:
    """Guess the kind of a file given by name: xl2tpd.conf has sections, pppd options
    have at least one option name.  Anything else (a credentials file that '+ua'
    names, say) is no configuration and is not read, so its text is never quoted.
    """
    from l2tp_lint.schemas.pppd import OPTIONS

    for line in data.splitlines()[:400]:
        text = line.strip().lower()
        if text.startswith((b"[global", b"[lns", b"[lac")):
            return "xl2tpd"
    words = data.decode("latin-1").split()
    return "pppd" if any(word in OPTIONS for word in words[:4000]) else None


def is_system_options(path: Path) -> bool:
    """Tell whether a file plays /etc/ppp/options (read before the argv)."""
    return path.name == "options" and path.parent.name == "ppp"


def walk(directory: Path) -> Iterator[tuple[Path, str]]:
    """Yield (path, kind) for the configuration files under ``directory``."""
    def refuse(error: OSError) -> None:
        raise FolderError(f"cannot read folder '{error.filename}': {error.strerror}")

    for folder, subfolders, files in os.walk(directory, onerror=refuse):
        subfolders[:] = sorted(d for d in subfolders if d not in _SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder, name)
            kind = kind_by_name(path)
            if kind is not None and is_file(path):
                yield path, kind


def system_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Yield the system's own files under ``root`` that exist."""
    for relative in SYSTEM_CONF:
        path = root / relative
        if is_file(path):
            yield path, "xl2tpd"
            break
    options = root / SYSTEM_OPTIONS
    if is_file(options):
        yield options, "pppd"


def standing_root(conf: Path) -> Path | None:
    """Return the folder that plays '/' for <dir>/etc/xl2tpd/xl2tpd.conf."""
    parent = conf.parent
    if parent.name in ("xl2tpd", "l2tp") and parent.parent.name == "etc":
        return parent.parent.parent
    return None


def resolve_reference(reference: str, conf: Path, root: Path | None,
                      beside: bool = True,
                      exists: Callable[[Path], bool] = is_file) -> Path | None:
    """Find the file an absolute path in ``conf`` names, or None.

    Under ``--root`` the path is taken under the root.  Otherwise a
    ``<dir>/etc/xl2tpd/xl2tpd.conf`` resolves it under ``<dir>``, and failing
    that a file of the same name beside the xl2tpd.conf is taken (as in a
    configuration-management role's ``files/`` folder) unless ``beside`` is
    False.
    """
    if not reference:
        return None
    # The text was read one character per byte; the file system wants those bytes.
    reference = os.fsdecode(reference.encode("latin-1"))
    if root is not None:
        candidate = root / reference.lstrip("/")
        return candidate if exists(candidate) else None
    bases = [base for base in (standing_root(conf),) if base is not None]
    candidates = [base / reference.lstrip("/") for base in bases]
    if beside:
        candidates.append(conf.parent / Path(reference).name)
    return next((path for path in candidates if exists(path)), None)


def confs_near(options: Path) -> list[Path]:
    """Return the xl2tpd.conf files that may name a pppd options file."""
    folders = [options.parent]
    if options.parent.name in ("ppp", "peers"):
        etc = options.parent.parent if options.parent.name == "ppp" \
            else options.parent.parent.parent
        folders[:0] = [etc / "xl2tpd", etc / "l2tp"]
    return [folder / name for folder in folders for name in sorted(XL2TPD_NAMES)
            if is_file(folder / name)]
