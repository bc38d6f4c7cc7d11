"""Whether a root's kernel offers L2TP to xl2tpd, read from files under the root.

xl2tpd picks kernel mode when socket(AF_PPPOX, SOCK_DGRAM, PX_PROTO_OL2TP)
succeeds (network.c, init_network); the kernel loads l2tp_ppp on demand
through its 'net-pf-24-proto-1' alias unless the module is missing or
blacklisted, in which case xl2tpd quietly falls back to userspace.
"""

from __future__ import annotations

from pathlib import Path

from l2tp_lint.discovery import is_file

MODULE = "l2tp_ppp"


def _lines(path: Path) -> list[str]:
    if not is_file(path):  # a FIFO or device here must not block the run
        return []
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _loaded(root: Path) -> bool:
    return any(line.split(" ", 1)[0] == MODULE for line in _lines(root / "proc/modules"))


def _blacklisted(root: Path) -> str | None:
    """Return the modprobe.d file that keeps l2tp_ppp from loading, if any."""
    for folder in ("etc/modprobe.d", "usr/lib/modprobe.d", "lib/modprobe.d"):
        for path in sorted((root / folder).glob("*.conf")):
            for line in _lines(path):
                words = line.split("#", 1)[0].split()
                if words[:2] in (["blacklist", MODULE], ["install", MODULE]) and (
                        words[0] == "blacklist" or "/bin/false" in words
                        or "/bin/true" in words):
                    return str(path.relative_to(root))
    return None


def _available(root: Path, release: str) -> bool | None:
    """Tell whether the running kernel has l2tp_ppp as a module or built in."""
    modules = root / "lib/modules" / release
    if not modules.is_dir():
        modules = root / "usr/lib/modules" / release
    if not modules.is_dir():
        return None
    names = _lines(modules / "modules.dep") + _lines(modules / "modules.builtin")
    return any(f"/{MODULE}.ko" in line or line.endswith(f"{MODULE}.ko") for line in names)


def kernel_l2tp(root: Path) -> tuple[bool | None, str]:
    """Return (offers L2TP, why) for a live root; None when the files do not tell."""
    if _loaded(root):
        return True, f"{MODULE} is loaded (/proc/modules)"
    release = " ".join(_lines(root / "proc/sys/kernel/osrelease")).strip()
    if not release:
        return None, "no /proc under the root"
    blacklist = _blacklisted(root)
    if blacklist is not None:
        return False, f"{MODULE} is blacklisted in /{blacklist}"
    available = _available(root, release)
    if available is None:
        return None, f"no module list for kernel {release}"
    if available:
        return True, f"kernel {release} has {MODULE}"
    return False, f"kernel {release} has no {MODULE}"
