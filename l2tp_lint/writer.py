"""Writing corrected files safely: atomic, same owner and mode, never over a change."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


NEW_FILE_MODE = 0o644


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class WriteError(Exception):
    """A file that could not be written safely; the original is intact."""


def _current(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(f"cannot read '{target}' again: {error.strerror}") from None


def write_file(path: Path, data: bytes, expected: bytes | None,
               backup: str | None = None) -> None:
    """Replace ``path`` (through a symlink, its target) with ``data`` atomically.

    ``expected`` is the content the fixes were computed from (None for a new
    file); if the file differs now, nothing is written.  The new file gets
    the old one's mode, owner and group; ``backup`` keeps the original at
    ``path + backup``.
    """
    target = path.resolve()
    if _current(target) != expected:
        raise WriteError(f"'{path}' changed while l2tp-lint was running; not written")
    info = target.stat() if expected is not None else None
    if info is None:
        _make_folder(target.parent)
    temporary = _write_temporary(target, data, info)
    try:
        if backup and expected is not None:
            _backup(target, backup)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(f"cannot write '{path}': {error.strerror}") from None
    _sync_folder(target.parent)


def _write_temporary(target: Path, data: bytes, info: os.stat_result | None) -> str:
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".l2tp-lint")
    except OSError as error:
        raise WriteError(f"cannot write in '{target.parent}': {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            if info is not None:
                os.fchmod(stream.fileno(), info.st_mode & 0o7777)
                _keep_owner(stream.fileno(), info)
            else:
                os.fchmod(stream.fileno(), NEW_FILE_MODE & ~_umask())
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise WriteError(f"cannot write '{target}': {error.strerror}") from None
    return name


def _keep_owner(handle: int, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group, where we may."""
    try:
        os.fchown(handle, info.st_uid, info.st_gid)
    except PermissionError:
        if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            raise


def _make_folder(folder: Path) -> None:
    """Create the folder a new file goes into."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(f"cannot create '{folder}': {error.strerror}") from None


def _backup(target: Path, suffix: str) -> None:
    copy = target.with_name(target.name + suffix)
    shutil.copy2(target, copy)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
