"""What xl2tpd.conf says about how pppd is started."""

from __future__ import annotations

from collections.abc import Iterator

from l2tp_lint.schemas import xl2tpd as schema
from l2tp_lint.xl2tpd_conf import Entry, Xl2tpdConf, ascii_lower


def _yes_or_no(value: str) -> bool | None:
    folded = ascii_lower(value)
    if folded in schema.YES_WORDS:
        return True
    if folded in schema.NO_WORDS:
        return False
    return None


def data_path_mode(conf: Xl2tpdConf) -> str:
    """Return 'kernel' or 'userspace' as xl2tpd 1.3.18 would choose.

    'force userspace' sets the mode; any valid 'ipsec saref' line forces
    userspace as well, in 1.3.2 up to 1.3.18 (file.c, set_ipsec_saref), and
    a later 'force userspace = no' undoes that.  Whether the kernel offers
    L2TP is a property of the machine and is assumed here.
    """
    forced = False
    for entry in conf.entries:
        section = entry.section
        if section is None or section.kind_lower != "global":
            continue
        setting = _yes_or_no(entry.value)
        if setting is None:
            continue
        if entry.key_lower == "force userspace":
            forced = setting
        elif entry.key_lower == "ipsec saref":
            forced = True
    return "userspace" if forced else "kernel"


def pppoptfile_entries(conf: Xl2tpdConf) -> Iterator[Entry]:
    """Yield the 'pppoptfile' entries of [lns] and [lac] sections."""
    for entry in conf.entries:
        section = entry.section
        if section is None or section.kind_lower not in (schema.LNS, schema.LAC):
            continue
        if entry.key_lower == "pppoptfile" and entry.value:
            yield entry
