"""Finding the IPsec configuration beside an xl2tpd setup, for the MTU budget."""

from __future__ import annotations

from pathlib import Path

from l2tp_lint import discovery

# Where the IKE daemons keep their configuration, relative to '/'.
IPSEC_FILES = ("etc/ipsec.conf", "etc/strongswan/ipsec.conf")
IPSEC_FOLDERS = ("etc/ipsec.d",)
SWANCTL_FILES = ("etc/swanctl/swanctl.conf", "etc/strongswan/swanctl/swanctl.conf")


def _bases(confs: list[Path], root: Path | None) -> list[Path]:
    """Return the folders that play '/' for the given xl2tpd.conf files."""
    bases = [root] if root is not None else []
    bases += [base for base in map(discovery.standing_root, confs) if base is not None]
    return list(dict.fromkeys(bases))


def candidate_files(confs: list[Path], root: Path | None) -> list[tuple[Path, str]]:
    """Return (path, 'ipsec'|'swanctl') for IPsec files of the setup that exist."""
    found: list[tuple[Path, str]] = []
    for base in _bases(confs, root):
        found += [(base / name, "ipsec") for name in IPSEC_FILES]
        for folder in IPSEC_FOLDERS:
            if discovery.is_dir(base / folder):
                found += [(path, "ipsec") for path in sorted((base / folder).glob("*.conf"))]
        found += [(base / name, "swanctl") for name in SWANCTL_FILES]
    if root is None:
        found += [(conf.parent / "ipsec.conf", "ipsec") for conf in confs]
    unique = dict.fromkeys((path, kind) for path, kind in found if discovery.is_file(path))
    return list(unique)


def find_ipsec(confs: list[Path], root: Path | None) -> list[object]:
    """Read the IPsec configuration that belongs to the setup, if any is found."""
    candidates = candidate_files(confs, root)
    if not candidates:
        return []
    from l2tp_lint.ipsec_conf import read_ipsec_conf, read_swanctl_conf

    facts: list[object] = []
    for path, kind in candidates:
        try:
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        reader = read_swanctl_conf if kind == "swanctl" else read_ipsec_conf
        facts.append(reader(str(path), text))
    return facts
