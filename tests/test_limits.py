"""Limits of the command line: many files, long 'file' chains, odd files and odd names.

Every run goes through ``python -m l2tp_lint`` in a subprocess from '/', with a
time bound, and must end with exit 0, 1 or 2 and never a traceback.  A few
runs install a patch before the CLI starts (a file that vanishes after
discovery, a read that is refused) so races and permissions need no luck and
no unprivileged user.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

CONF = ("[lns default]\nip range = 10.0.0.2-10.0.0.9\nlocal ip = 10.0.0.1\n"
        "require authentication = yes\npppoptfile = {options}\n")


def run(*arguments: str | bytes, timeout: float = 60,
        patch: str = "") -> subprocess.CompletedProcess[bytes]:
    """Run the CLI (after ``patch``, when given) and capture its output as bytes."""
    if patch:
        code = (f"{patch}\nimport sys\nsys.argv[0] = 'l2tp-lint'\n"
                "from l2tp_lint.cli import main\nmain()\n")
        command: list[str | bytes] = [sys.executable, "-c", code, *arguments]
    else:
        command = [sys.executable, "-m", "l2tp_lint", *arguments]
    return subprocess.run(command, capture_output=True, cwd="/", timeout=timeout, check=False)


def assert_orderly(result: subprocess.CompletedProcess[bytes], codes: set[int]) -> None:
    """The run ended with one of ``codes``; an exit 2 says why in one line."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    assert result.returncode in codes, (result.returncode, stderr)
    if result.returncode == 2:
        assert len(stderr.strip().splitlines()) == 1, stderr


def write(path: Path, data: bytes | str) -> Path:
    """Write a file, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def setup_root(root: Path, options: str = "/etc/ppp/options.xl2tpd") -> Path:
    """Write an LNS xl2tpd.conf under ``root`` whose pppoptfile is ``options``."""
    return write(root / "etc/xl2tpd/xl2tpd.conf", CONF.format(options=options))


def json_paths(result: subprocess.CompletedProcess[bytes]) -> set[str]:
    """Return the paths a JSON report names."""
    return {finding["path"] for finding in json.loads(result.stdout)}


# --- Many files --------------------------------------------------------------

def test_three_thousand_files_in_nested_folders(tmp_path: Path) -> None:
    expected = set()
    for site in range(1000):
        folder = tmp_path / f"region{site % 7}" / f"dc{site % 13}" / f"site {site}"
        conf = CONF.format(options="/etc/ppp/options.xl2tpd") + f"bogus key {site} = 1\n"
        expected.add(str(write(folder / "xl2tpd.conf", conf)))
        options = f"require-mschap-v2\nbogus-option-{site}\n"
        expected.add(str(write(folder / "options.xl2tpd", options)))
        peer = f"name client{site}\nunknown-peer-option-{site}\n"
        expected.add(str(write(folder / "ppp" / "peers" / f"peer{site}", peer)))
    start = time.monotonic()
    result = run("check", "--format", "json", str(tmp_path), timeout=300)
    elapsed = time.monotonic() - start
    assert_orderly(result, {1})
    assert json_paths(result) == expected
    assert elapsed < 120, f"3,000 files took {elapsed:.0f} s"


# --- 'file' chains and cycles ------------------------------------------------

def chain(root: Path, count: int, closed: bool) -> None:
    """Write options files that each read the next with 'file'; maybe loop back."""
    setup_root(root, "/etc/ppp/chain/0")
    for index in range(count):
        following = index + 1 if index + 1 < count else (0 if closed else None)
        text = f"lcp-echo-interval {index + 1}\n"
        if following is not None:
            text += f"file /etc/ppp/chain/{following}\n"
        write(root / f"etc/ppp/chain/{index}", text)


@pytest.mark.parametrize("count", [2, 50, 300])
def test_file_cycle_across_many_files_is_reported(tmp_path: Path, count: int) -> None:
    chain(tmp_path, count, closed=True)
    result = run("check", "--root", str(tmp_path), timeout=60)
    assert_orderly(result, {1})
    assert b"C101" in result.stdout


def test_call_cycle_through_peers_is_reported(tmp_path: Path) -> None:
    setup_root(tmp_path)
    write(tmp_path / "etc/ppp/options.xl2tpd", "require-mschap-v2\ncall alpha\n")
    write(tmp_path / "etc/ppp/peers/alpha", "call beta\n")
    write(tmp_path / "etc/ppp/peers/beta", "call alpha\n")
    result = run("check", "--root", str(tmp_path), timeout=60)
    assert_orderly(result, {1})
    assert b"C101" in result.stdout


@pytest.mark.parametrize("closed", [False, True])
def test_long_file_chain_is_followed(tmp_path: Path, closed: bool) -> None:
    chain(tmp_path, 600, closed)
    for command in ("check", "setup"):
        result = run(command, "--root", str(tmp_path), timeout=60)
        assert_orderly(result, {0, 1})


def test_file_graph_with_shared_includes_stays_fast(tmp_path: Path) -> None:
    count = 16
    setup_root(tmp_path, "/etc/ppp/dag/0")
    for index in range(count):
        reads = "".join(f"file /etc/ppp/dag/{later}\n" for later in range(index + 1, count))
        write(tmp_path / f"etc/ppp/dag/{index}", f"lcp-echo-interval {index + 1}\n{reads}")
    result = run("check", "--root", str(tmp_path), timeout=10)
    assert_orderly(result, {0, 1})


# --- Files that cannot be read -----------------------------------------------

@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path / "etc/ppp/options.xl2tpd", "mtu 1400\n")
    path.chmod(0)
    result = run("check", str(tmp_path))
    assert_orderly(result, {2})
    assert b"options.xl2tpd" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_folder_is_not_skipped_silently(tmp_path: Path) -> None:
    write(tmp_path / "locked/etc/ppp/options.xl2tpd", "mtu 1400\n")
    (tmp_path / "locked").chmod(0)
    try:
        result = run("check", str(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert_orderly(result, {0, 1, 2})
    assert result.returncode == 2 or b"locked" in result.stderr


REFUSE_READ = """
import pathlib
_read = pathlib.Path.read_bytes
def read_bytes(self):
    if self.name == "options.xl2tpd":
        raise PermissionError(13, "Permission denied", str(self))
    return _read(self)
pathlib.Path.read_bytes = read_bytes
"""


def test_refused_read_exits_2_with_one_line(tmp_path: Path) -> None:
    setup_root(tmp_path)
    write(tmp_path / "etc/ppp/options.xl2tpd", "mtu 1400\n")
    for arguments in ([str(tmp_path)], ["--root", str(tmp_path)]):
        result = run("check", *arguments, patch=REFUSE_READ)
        assert_orderly(result, {2})
        assert b"options.xl2tpd" in result.stderr and b"Permission denied" in result.stderr


REFUSE_FOLDER = """
import os
_scandir = os.scandir
def scandir(path="."):
    if os.fspath(path).endswith("locked"):
        raise PermissionError(13, "Permission denied", os.fspath(path))
    return _scandir(path)
os.scandir = scandir
"""


def test_refused_folder_listing_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "locked/etc/ppp/options.xl2tpd", "crtscts\n")
    result = run("check", str(tmp_path), patch=REFUSE_FOLDER)
    assert_orderly(result, {0, 1, 2})
    assert result.returncode == 2 or b"locked" in result.stderr


VANISH = """
from pathlib import Path
from l2tp_lint import discovery
_walk = discovery.walk
def walk(directory):
    found = list(_walk(directory))
    for path, _ in found:
        if path.name == "options.gone":
            path.unlink()
    return iter(found)
discovery.walk = walk
"""


def test_file_vanishing_after_discovery_exits_2(tmp_path: Path) -> None:
    write(tmp_path / "etc/ppp/options.stays", "mtu 1400\n")
    write(tmp_path / "etc/ppp/options.gone", "mtu 1400\n")
    result = run("check", str(tmp_path), patch=VANISH)
    assert_orderly(result, {2})
    assert b"options.gone" in result.stderr
    assert not (tmp_path / "etc/ppp/options.gone").exists()


# --- Special files -----------------------------------------------------------

@pytest.mark.parametrize("name", ["fifo", "options.fifo", "xl2tpd.conf"])
def test_fifo_given_as_path_exits_2(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    result = run("check", str(fifo), timeout=20)
    assert_orderly(result, {2})
    assert b"not a regular file" in result.stderr


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/stdin"])
def test_device_given_as_path_exits_2(device: str) -> None:
    result = run("check", device, timeout=20)
    assert_orderly(result, {2})


def test_special_files_in_a_folder_are_passed_over(tmp_path: Path) -> None:
    os.makedirs(tmp_path / "etc/ppp")
    os.mkfifo(tmp_path / "etc/ppp/options.fifo")
    (tmp_path / "etc/ppp/options.zero").symlink_to("/dev/zero")
    (tmp_path / "etc/ppp/options.loop").symlink_to(tmp_path / "etc/ppp/options.loop")
    (tmp_path / "etc/ppp/options.dir").mkdir()
    write(tmp_path / "etc/ppp/options.real", "crtscts\n")
    result = run("check", "--format", "json", str(tmp_path), timeout=20)
    assert_orderly(result, {1})
    assert json_paths(result) == {str(tmp_path / "etc/ppp/options.real")}


def test_fifo_named_by_reference_is_not_opened(tmp_path: Path) -> None:
    setup_root(tmp_path)
    (tmp_path / "etc/ppp").mkdir()
    os.mkfifo(tmp_path / "etc/ppp/options.xl2tpd")
    for arguments in (["--root", str(tmp_path)], [str(tmp_path)]):
        for command in ("check", "setup"):
            result = run(command, *arguments, timeout=20)
            assert_orderly(result, {0, 1})


@pytest.mark.parametrize("fifo", ["proc/modules", "etc/modprobe.d/blacklist.conf"])
def test_fifo_in_kernel_files_under_root_does_not_hang(tmp_path: Path, fifo: str) -> None:
    setup_root(tmp_path)
    write(tmp_path / "etc/ppp/options.xl2tpd", "require-mschap-v2\n")
    write(tmp_path / "proc/sys/kernel/osrelease", "6.1.0\n")
    (tmp_path / fifo).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(tmp_path / fifo)
    result = run("check", "--root", str(tmp_path), timeout=10)
    assert_orderly(result, {0, 1})


# --- Binary files ------------------------------------------------------------

def test_binary_files_are_checked_not_fatal(tmp_path: Path) -> None:
    rng = random.Random(7)
    write(tmp_path / "etc/xl2tpd/xl2tpd.conf", rng.randbytes(64 * 1024))
    write(tmp_path / "etc/ppp/options.xl2tpd", rng.randbytes(256 * 1024))
    write(tmp_path / "etc/ppp/options.zeros", bytes(64 * 1024))
    write(tmp_path / "etc/ppp/options.empty", b"")
    loose = write(tmp_path / "blob", b"\x7fELF" + rng.randbytes(32 * 1024))
    for arguments in ([str(tmp_path)], ["--root", str(tmp_path)], [str(loose)]):
        result = run("check", *arguments, timeout=120)
        assert_orderly(result, {0, 1})


# --- Names -------------------------------------------------------------------

def odd_root(tmp_path: Path) -> bytes:
    """Build a setup whose folders and files have spaces and non-UTF-8 bytes."""
    root = os.fsencode(tmp_path) + b"/my configs/caf\xe9 \xff site"
    os.makedirs(root + b"/etc/xl2tpd")
    os.makedirs(root + b"/etc/ppp")
    with open(root + b"/etc/xl2tpd/xl2tpd.conf", "wb") as stream:
        stream.write(CONF.format(options="/etc/ppp/options.xl2tpd").encode())
    with open(root + b"/etc/ppp/options.xl2tpd", "wb") as stream:
        stream.write(b"crtscts\n")
    return root


def test_odd_names_in_folders(tmp_path: Path) -> None:
    root = odd_root(tmp_path)
    options = root + b"/etc/ppp/options.xl2tpd"
    result = run("check", os.path.dirname(os.path.dirname(root)))
    assert_orderly(result, {1})
    assert options + b":1:1: P104" in result.stdout
    result = run("check", "--format", "json", root)
    assert_orderly(result, {1})
    assert options in {os.fsencode(path) for path in json_paths(result)}
    result = run("check", "--root", root)
    assert_orderly(result, {1})
    assert b"P104" in result.stdout
    for command in (["setup", "--root", root], ["check", options], ["check", root + b"x"]):
        assert_orderly(run(*command), {0, 1, 2})


def test_paths_from_the_root_folder_stay_absolute(tmp_path: Path) -> None:
    setup_root(tmp_path)
    write(tmp_path / "etc/ppp/options.xl2tpd", "require-mschap-v2\n")
    write(tmp_path / "etc/ppp/chap-secrets", "vpnuser * secret *\n").chmod(0o644)
    result = run("check", "--format", "json", "--root", str(tmp_path))
    assert_orderly(result, {1})
    assert sorted(path for path in json_paths(result) if not path.startswith("/")) == []


def test_reference_with_spaces_is_followed(tmp_path: Path) -> None:
    setup_root(tmp_path, "/etc/ppp/my options")
    write(tmp_path / "etc/ppp/my options", 'require-mschap-v2\nfile "/etc/ppp/more opts"\n')
    write(tmp_path / "etc/ppp/more opts", "crtscts\n")
    result = run("check", "--format", "json", "--root", str(tmp_path))
    assert_orderly(result, {1})
    assert str(tmp_path / "etc/ppp/more opts") in json_paths(result)


@pytest.mark.parametrize("via_root", [True, False])
def test_reference_with_non_utf8_byte_is_followed(tmp_path: Path, via_root: bool) -> None:
    root = os.fsencode(tmp_path)
    os.makedirs(root + b"/etc/xl2tpd")
    os.makedirs(root + b"/etc/ppp")
    with open(root + b"/etc/xl2tpd/xl2tpd.conf", "wb") as stream:
        stream.write(CONF.format(options="/etc/ppp/caf\xe9.opts").encode("latin-1"))
    with open(root + b"/etc/ppp/caf\xe9.opts", "wb") as stream:
        stream.write(b"require-mschap-v2\nfile /etc/ppp/more\xff.opts\n")
    with open(root + b"/etc/ppp/more\xff.opts", "wb") as stream:
        stream.write(b"crtscts\n")
    arguments = ["--root", str(tmp_path)] if via_root else [str(tmp_path)]
    result = run("check", *arguments)
    assert_orderly(result, {1})
    assert b"X302" not in result.stdout and b"C301" not in result.stdout
    assert b"P104" in result.stdout


@pytest.mark.parametrize("where", ["pppoptfile", "file"])
def test_overlong_reference_is_not_found_not_fatal(tmp_path: Path, where: str) -> None:
    long_name = "/etc/ppp/" + "x" * 300
    if where == "pppoptfile":
        setup_root(tmp_path, long_name)
    else:
        setup_root(tmp_path)
        write(tmp_path / "etc/ppp/options.xl2tpd", f"require-mschap-v2\nfile {long_name}\n")
    for arguments in (["--root", str(tmp_path)], [str(tmp_path)]):
        assert_orderly(run("check", *arguments), {0, 1})


@pytest.mark.parametrize("where", ["argument", "root", "auth file"])
def test_overlong_names_elsewhere_are_not_fatal(tmp_path: Path, where: str) -> None:
    long_name = "x" * 300
    if where == "argument":
        result = run("check", str(tmp_path / long_name))
    elif where == "root":
        result = run("check", "--root", str(tmp_path / long_name))
    else:
        conf = "[global]\nauth file = /etc/xl2tpd/" + long_name + "\n"
        write(tmp_path / "etc/xl2tpd/xl2tpd.conf", conf + CONF.format(options="/etc/ppp/o"))
        result = run("check", "--root", str(tmp_path))
    assert_orderly(result, {0, 1, 2})
