"""Real xl2tpd 1.3.18 and pppd 2.4.9 as judges of whether a config file is accepted.

Importable (tests put ``tests/`` on sys.path) and a CLI::

    python tests/daemons.py xl2tpd FILE...
    python tests/daemons.py pppd --mode kernel|userspace FILE...

Each prints one JSON object per line: path, accepted, machine, message, returncode.

How a batch runs: the inputs are written to a private scratch folder
(``tempfile.mkdtemp``) and split over one helper process per core.  Each helper
is this file started as ``unshare -m -n -p -f`` (plus ``-U -r`` when not
root), so it has its own network namespace (only ``lo``, brought up; no packet
can leave, host name look-ups fail at once), its own mount namespace, and its
own pid namespace (whatever a daemon leaves behind dies with the helper).  The
helper then runs the daemon once per file, one after another, each run with a
timeout (``RUN_TIMEOUT``) and limits (``RLIMIT_NOFILE`` 1024, address space
1 GiB, files written 64 MiB, no core files); at most ``OUTPUT_CAP`` bytes of
a run's output are kept (head and tail).

xl2tpd: ``xl2tpd -D -c FILE -p PID -C CONTROL`` with the pid and control paths
in scratch.  Accepted once it logs the line ``Listening on IP address A, port
N`` (matched as a whole line, so a refused key echoing those words cannot
pass); it is then killed at once and returncode 0 is reported.  Refused when
it exits first (status 1; message = its log lines without the
``xl2tpd[PID]: `` prefix and without its informational lines such as the
SAref notices, e.g. ``parse_config: line 2: Unknown field 'foo'`` + ``init:
Unable to load config file``).  A ``[lac]`` with ``autodial`` is never
reached: dialling starts after ``Listening on``.  ``auth file`` and
``pppoptfile`` are not read at start-up, so missing ones do not matter.

pppd: argv as xl2tpd 1.3.18 builds it, with ``dryrun logfd 2 debug`` put
before ``file FILE`` (dryrun is a flag, so its place changes nothing, and a
file cannot swallow a word after it: a missing argument at end of file is
``too few parameters``):

* kernel: ``pppd plugin pppol2tp.so pppol2tp FD pppol2tp_lns_mode
  pppol2tp_tunnel_id 1 pppol2tp_session_id 1 passive nodetach
  10.9.0.1:10.9.0.10 dryrun logfd 2 debug file FILE``
* userspace: ``pppd /dev/pts/N passive nodetach 10.9.0.1:10.9.0.10 dryrun
  logfd 2 debug file FILE`` (a fresh pty per run).

The LD_PRELOAD shim (``daemons_shim.c``, compiled with gcc into a private
``mkdtemp`` folder once per process) makes ``/dev/ppp`` open ``/dev/null``,
makes the FD look like a PPPoL2TP socket, and turns opens for writing (a
``logfile`` target) into a dup of stderr when the target folder exists, so no
file on the host is created.  ``/etc/ppp`` is bind-mounted over a scratch
folder with an empty ``options`` and catch-all ``pap-secrets`` and
``chap-secrets`` (``* * "x" *``), and ``/dev/null`` over root's ``~/.ppprc``
if there is one, so only FILE is judged; pppd runs in an emptied scratch
working folder.  Exit 0 = accepted; anything else = refused, message = its
output lines without the ``pppd: `` prefix and without ``Plugin X loaded.``.
The scratch path of FILE is shown as ``<input>``.

machine=True (refused, but only for a condition of this machine, not of the
text), matched on whole lines so that a word of the file echoed in a message
cannot trigger them:

* xl2tpd ``init_network: Unable to bind socket`` (e.g. ``listen-addr`` not
  an address of this namespace);
* xl2tpd ``Unknown host NAME`` / ``set_ip: host 'NAME' not found`` and pppd
  ``unknown host: NAME`` when NAME is a well-formed dotted DNS name (labels
  of letters, digits and hyphens, at least two labels, last label not all
  digits), e.g. ``vpn.example.com``; ``$IP``, ``<ip>``, ``{{ x }}``,
  ``10.0.0.300``, empty, and single labels such as ``IPADDR``, ``yourip`` or
  ``ms-dns`` (from the typo ``ms-dns:8.8.8.8``) stay real refusals: they are
  placeholders or typos far more often than names in /etc/hosts;
* pppd ``Can't open options file PATH: ERR`` (a ``file``/``call`` target
  missing here) unless ERR is ``Too many open files`` (a file that includes
  itself: a real refusal);
* pppd ``Couldn't load plugin``, ``has no initialization entry point``,
  ``is for pppd version``;
* pppd ``Can't open log file``;
* pppd ``unrecognized option '/dev/...'`` in userspace mode (a tty device
  path that does not exist on this machine);
* pppd ``Couldn't open the /dev/ppp device``, ``must be root``,
  ``Kernel doesn't support ppp_generic``, ``PPPoL2TP kernel driver not
  installed``, ``Given FD for PPPoL2TP socket invalid``, ``Socket of not a
  PPPoX socket`` (the harness, not the file);
* pppd ``but I couldn't find any suitable secret`` (depends on the host's
  secrets);
* no verdict within ``RUN_TIMEOUT`` seconds, or xl2tpd printing more than
  ``OUTPUT_CAP`` bytes before listening (returncode 124), both daemons.

Both daemons stop at the first error, so a machine refusal hides whatever
the rest of the file would have caused.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import functools
import json
import os
import pwd
import re
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

XL2TPD = "/usr/sbin/xl2tpd"
PPPD = "/usr/sbin/pppd"
PPPD_VERSION = "2.4.9"
XL2TPD_VERSION = "1.3.18"
PPPOL2TP_PLUGIN = f"/usr/lib/pppd/{PPPD_VERSION}/pppol2tp.so"
SHIM_SOURCE = Path(__file__).resolve().with_name("daemons_shim.c")
SHIM_FD_ENV = "L2TP_LINT_SHIM_FD"
RUN_TIMEOUT = 10.0
TIMEOUT_RC = 124
OUTPUT_CAP = 64 * 1024
FILE_SIZE_CAP = 64 * 1024 * 1024
PPP_ADDRESSES = "10.9.0.1:10.9.0.10"
DRYRUN_ARGS = ("dryrun", "logfd", "2", "debug")
CATCH_ALL_SECRET = b'* * "x" *\n'
INPUT_TOKEN = "<input>"
MODES = ("kernel", "userspace")
SAFE_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"

_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")
_XL2TPD_PREFIX = re.compile(r"^xl2tpd\[\d+\]: ")
_XL2TPD_LISTENING = re.compile(
    rb"^xl2tpd\[\d+\]: Listening on IP address [0-9.]+, port \d+\r?$", re.MULTILINE
)
XL2TPD_INFO_LINES = (
    r"^Enabling IPsec SAref processing for L2TP transport mode SAs$",
    r"^IPsec SAref does not work with L2TP kernel mode yet, enabling force userspace=yes$",
    r"^Setting SAref IP_IPSEC_REFINFO number to ",
    r"^Not looking for kernel SAref support\.$",
    r"^Not looking for kernel support\.$",
    r"^L2TP kernel support not detected ",
    r"^Using l2tp kernel support\.$",
    r'^The "rand\(\)" function call is not a very good source',
)
_XL2TPD_INFO = re.compile("|".join(XL2TPD_INFO_LINES))
_XL2TPD_BIND = re.compile(r"^init_network: Unable to bind socket: ")
_XL2TPD_HOST = re.compile(
    r"^parse_config: line \d+: (?:Unknown host (.*)|set_ip: host '(.*)' not found)$"
)
_PPPD_PREFIX = re.compile(r"^\S*pppd: ")
_PPPD_HOST = re.compile(
    r"^(?:unknown host: (.*)"
    r"|(?:In file .*: )?invalid address parameter '(.*)' for ms-\w+ option)$"
)
_PPPD_OPTIONS_FILE = re.compile(r"^Can't open options file .*: ([^:]*)$")
_PPPD_DEVICE = re.compile(r"^In file .*: unrecognized option '/dev/[^']*'$")
PPPD_MACHINE_LINES = (
    r"^Couldn't load plugin ",
    r"^\S+ has no initialization entry point$",
    r"^Plugin \S+ is for pppd version ",
    r"^Can't open log file ",
    r"^Couldn't open the /dev/ppp device",
    r"^must be root to run ",
    r"^Kernel doesn't support ppp_generic",
    r"^PPPoL2TP kernel driver not installed$",
    r"^Given FD for PPPoL2TP socket invalid",
    r"^Socket of not a PPPoX socket$",
    r"^but I couldn't find any suitable secret",
)
_PPPD_MACHINE = re.compile("|".join(PPPD_MACHINE_LINES))


@dataclass(frozen=True)
class Verdict:
    """What a daemon said about one file."""

    accepted: bool
    machine: bool
    message: str
    returncode: int


# ---------------------------------------------------------------- availability


def namespace_command() -> list[str]:
    """The unshare prefix giving a helper its own mount, network and pid namespaces."""
    own = ["-m", "-n", "-p", "-f"]
    if os.geteuid() == 0:
        return ["unshare", *own, "--"]
    return ["unshare", "-U", "-r", *own, "--"]


def require_judges(*daemons: str) -> None:
    """Skip the calling test when a judge is unusable here; fail instead when CI is set."""
    import pytest

    for daemon in daemons or ("xl2tpd", "pppd"):
        reason = unavailable_reason(daemon)
        if reason is None:
            continue
        if os.environ.get("CI"):
            pytest.fail(f"judge {daemon} unavailable under CI: {reason}", pytrace=False)
        pytest.skip(f"judge {daemon} unavailable: {reason}")


@functools.cache
def unavailable_reason(daemon: str) -> str | None:
    """Why the judge for 'xl2tpd' or 'pppd' cannot run here, or None when it can."""
    if daemon not in ("xl2tpd", "pppd"):
        raise ValueError(f"unknown daemon {daemon!r}")
    if not sys.platform.startswith("linux"):
        return "needs Linux"
    reason = _missing_tools(daemon) or _namespace_problem() or _version_problem(daemon)
    if reason is None and daemon == "pppd":
        try:
            shim_path()
        except RuntimeError as exc:
            return str(exc)
    return reason


def _missing_tools(daemon: str) -> str | None:
    """Name the first missing program or file the judge needs."""
    needed = {"xl2tpd": [XL2TPD, "ip"], "pppd": [PPPD, PPPOL2TP_PLUGIN, "mount", "gcc"]}
    for tool in ["unshare", *needed[daemon]]:
        if tool.startswith("/"):
            present = os.path.exists(tool)
        else:
            present = shutil.which(tool, path=SAFE_PATH)
        if not present:
            return f"{tool} not found (apt-get install xl2tpd ppp iproute2 util-linux mount gcc)"
    return None


@functools.cache
def _namespace_problem() -> str | None:
    """Check that unshare can create the namespaces the helpers use."""
    try:
        proc = subprocess.run(
            [*namespace_command(), "true"],
            capture_output=True,
            timeout=30,
            env=_base_env(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unshare failed: {exc}"
    if proc.returncode != 0:
        return f"unshare failed: {proc.stderr.decode(errors='replace').strip()}"
    return None


def _version_problem(daemon: str) -> str | None:
    """Check the installed daemon is the version the verdicts are defined by."""
    if daemon == "pppd":
        argv, want = [PPPD, "--version"], f"pppd version {PPPD_VERSION}"
    else:
        argv, want = [XL2TPD, "-v"], f"xl2tpd-{XL2TPD_VERSION}"
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=30, env=_base_env(), check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{argv[0]} does not run: {exc}"
    text = (proc.stdout + proc.stderr).decode(errors="replace")
    if want not in text:
        return f"{argv[0]} is not {want}: {text.strip()[:200]!r}"
    return None


# ---------------------------------------------------------------------- shim


_shim_dir: str | None = None


def shim_path() -> str:
    """Compile the LD_PRELOAD shim once per process into a private folder; return the .so path."""
    global _shim_dir
    if _shim_dir is None:
        folder = tempfile.mkdtemp(prefix="l2tp-lint-shim-")
        atexit.register(shutil.rmtree, folder, True)
        argv = [
            "gcc", "-O2", "-shared", "-fPIC", "-o", f"{folder}/shim.so", str(SHIM_SOURCE), "-ldl"
        ]
        proc = subprocess.run(argv, capture_output=True, env=_base_env(), check=False)
        if proc.returncode != 0:
            stderr = proc.stderr.decode(errors="replace")
            raise RuntimeError(f"gcc could not build the shim: {stderr}")
        _shim_dir = folder
    return f"{_shim_dir}/shim.so"


# ---------------------------------------------------------------- public API


def judge_xl2tpd(contents: list[bytes]) -> list[Verdict]:
    """Judge each xl2tpd.conf text with the real xl2tpd."""
    return [verdict for verdict, _ in _run_batch("xl2tpd", "", contents, keep_output=False)]


def judge_pppd(contents: list[bytes], mode: str) -> list[Verdict]:
    """Judge each pppd options file text with the real pppd, as xl2tpd's pppoptfile in MODE."""
    _check_mode(mode)
    return [verdict for verdict, _ in _run_batch("pppd", mode, contents, keep_output=False)]


def pppd_dryrun_options(content: bytes, mode: str) -> str:
    """Full output of pppd's dryrun (with logfd 2 debug) for one options file in MODE."""
    _check_mode(mode)
    return _run_batch("pppd", mode, [content], keep_output=True)[0][1]


def _check_mode(mode: str) -> None:
    """Reject a pppd mode other than kernel or userspace."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")


# ------------------------------------------------------------- batch driver


def _run_batch(
    daemon: str, mode: str, contents: Sequence[bytes], keep_output: bool
) -> list[tuple[Verdict, str]]:
    """Write the inputs to scratch, run helpers in parallel, return (verdict, output) per input."""
    if not contents:
        return []
    reason = unavailable_reason(daemon)
    if reason is not None:
        raise RuntimeError(f"judge {daemon} unavailable: {reason}")
    scratch = Path(tempfile.mkdtemp(prefix="l2tp-lint-judge-"))
    try:
        inputs = _write_inputs(scratch, contents)
        _write_etc_ppp(scratch)
        chunks = _split(len(inputs), _worker_count(len(inputs)))
        specs = [
            _write_spec(scratch, n, (daemon, mode, keep_output), [inputs[i] for i in chunk])
            for n, chunk in enumerate(chunks)
        ]
        outputs = _run_helpers(specs, max(len(c) for c in chunks))
        results: dict[int, tuple[Verdict, str]] = {}
        for chunk, rows in zip(chunks, outputs, strict=True):
            if len(rows) != len(chunk):
                raise RuntimeError(
                    f"judge helper returned {len(rows)} verdicts for {len(chunk)} files"
                )
            for index, row in zip(chunk, rows, strict=True):
                results[index] = (Verdict(**row["verdict"]), row["output"])
        return [results[index] for index in range(len(inputs))]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _write_inputs(scratch: Path, contents: Sequence[bytes]) -> list[str]:
    """Write each content to its own scratch file; return the paths."""
    folder = scratch / "in"
    folder.mkdir()
    paths = []
    for index, content in enumerate(contents):
        path = folder / f"{index:05d}"
        path.write_bytes(content)
        paths.append(str(path))
    return paths


def _write_etc_ppp(scratch: Path) -> None:
    """Create the folder that helpers bind over /etc/ppp."""
    folder = scratch / "etc-ppp"
    folder.mkdir()
    (folder / "options").write_bytes(b"")
    for name in ("pap-secrets", "chap-secrets"):
        (folder / name).write_bytes(CATCH_ALL_SECRET)
        (folder / name).chmod(0o600)


def _worker_count(n_inputs: int) -> int:
    """One helper per usable core, never more than inputs."""
    return max(1, min(n_inputs, len(os.sched_getaffinity(0))))


def _split(n_items: int, n_parts: int) -> list[list[int]]:
    """Interleave indices 0..n_items-1 over n_parts lists."""
    return [list(range(start, n_items, n_parts)) for start in range(n_parts)]


def _write_spec(scratch: Path, number: int, job: tuple[str, str, bool], inputs: list[str]) -> Path:
    """Write one helper's job description (daemon, mode, keep_output); return its path."""
    daemon, mode, keep_output = job
    work = scratch / f"work{number}"
    work.mkdir()
    spec = {
        "daemon": daemon,
        "mode": mode,
        "inputs": inputs,
        "work": str(work),
        "etc_ppp": str(scratch / "etc-ppp"),
        "shim": shim_path() if daemon == "pppd" else "",
        "results": str(scratch / f"results{number}.jsonl"),
        "keep_output": keep_output,
    }
    path = scratch / f"spec{number}.json"
    path.write_text(json.dumps(spec))
    return path


def _run_helpers(specs: list[Path], longest: int) -> list[list[dict[str, Any]]]:
    """Start one namespaced helper per spec, wait for all, return their result rows."""
    script = str(Path(__file__).resolve())
    procs = [
        subprocess.Popen(
            [*namespace_command(), sys.executable, "-I", script, "_worker", str(spec)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=_base_env(),
        )
        for spec in specs
    ]
    deadline = longest * (RUN_TIMEOUT + 2) + 60
    try:
        errors = [proc.communicate(timeout=deadline)[1] for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    rows = []
    for spec, proc, err in zip(specs, procs, errors, strict=True):
        if proc.returncode != 0:
            message = err.decode(errors="replace")
            raise RuntimeError(f"judge helper failed ({proc.returncode}): {message}")
        results = json.loads(spec.read_text())["results"]
        rows.append([json.loads(line) for line in Path(results).read_text().splitlines()])
    return rows


def _base_env() -> dict[str, str]:
    """A small fixed environment for every program the harness starts."""
    return {"PATH": SAFE_PATH, "LC_ALL": "C", "HOME": "/"}


# --------------------------------------------------------------- the helper


def _worker(spec_path: str) -> None:
    """Helper main, run inside fresh namespaces: judge each input in turn, write JSON lines."""
    spec = json.loads(Path(spec_path).read_text())
    _limit_resources()
    judge = _xl2tpd_worker(spec) if spec["daemon"] == "xl2tpd" else _pppd_worker(spec)
    with open(spec["results"], "w", encoding="utf-8") as out:
        keep = spec["keep_output"]
        out.writelines(
            json.dumps({"verdict": asdict(v), "output": text if keep else ""}) + "\n"
            for v, text in judge
        )


def _limit_resources() -> None:
    """Bound every daemon run: open files, address space, written file size, no core dumps."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_CAP, FILE_SIZE_CAP))


def _xl2tpd_worker(spec: dict[str, Any]) -> Iterator[tuple[Verdict, str]]:
    """Bring lo up, then run xl2tpd once per input."""
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True, env=_base_env())
    work = Path(spec["work"])
    for path in spec["inputs"]:
        yield _run_xl2tpd(path, work)


def _run_xl2tpd(path: str, work: Path) -> tuple[Verdict, str]:
    """Run xl2tpd on one file until it listens, exits or times out."""
    pidfile, control = "xl2tpd.pid", "xl2tpd.control"
    for stale in (pidfile, control):
        (work / stale).unlink(missing_ok=True)
    config = os.path.relpath(path, work)
    argv = [XL2TPD, "-D", "-c", config, "-p", pidfile, "-C", control]
    proc = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        cwd=work, env=_base_env(), start_new_session=True,
    )
    output, state = _read_until(proc, _XL2TPD_LISTENING, time.monotonic() + RUN_TIMEOUT)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    returncode = proc.wait()
    assert proc.stdout is not None
    proc.stdout.close()
    text = output.decode("utf-8", errors="replace").replace(config, INPUT_TOKEN)
    return classify_xl2tpd(state, returncode, text), text


def _read_until(
    proc: subprocess.Popen[bytes], marker: re.Pattern[bytes], deadline: float
) -> tuple[bytes, str]:
    """Read proc's output until a whole line matches marker, EOF or deadline.

    The reason returned is 'marker', 'exited' or 'timeout'.
    """
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    buffer = b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return buffer, "timeout"
            if not selector.select(left):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                return buffer, "exited"
            buffer += chunk
            if marker.search(buffer):
                return buffer, "marker"
            if len(buffer) > OUTPUT_CAP:
                return buffer[:OUTPUT_CAP], "timeout"


def _pppd_worker(spec: dict[str, Any]) -> Iterator[tuple[Verdict, str]]:
    """Bind the scratch /etc/ppp, then run pppd's dryrun once per input."""
    _mount_bind(spec["etc_ppp"], "/etc/ppp")
    ppprc = Path(pwd.getpwuid(os.getuid()).pw_dir) / ".ppprc"
    if ppprc.exists():
        _mount_bind(os.devnull, str(ppprc))
    work = Path(spec["work"])
    with open(os.devnull, "rb") as channel:
        env = {**_base_env(), "LD_PRELOAD": spec["shim"], SHIM_FD_ENV: str(channel.fileno())}
        for path in spec["inputs"]:
            _empty_folder(work)
            yield _run_pppd(path, spec["mode"], work, env, channel.fileno())


def _mount_bind(source: str, target: str) -> None:
    """Bind source over target inside this helper's private mount namespace."""
    subprocess.run(["mount", "--bind", source, target], check=True, env=_base_env())


def _empty_folder(folder: Path) -> None:
    """Remove what the previous run left in the working folder."""
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _run_pppd(
    path: str, mode: str, work: Path, env: dict[str, str], channel_fd: int
) -> tuple[Verdict, str]:
    """Run pppd's dryrun for one options file in MODE."""
    capture = work.with_suffix(".out")
    with _tty_for(mode) as tty, open(capture, "wb") as sink:
        argv = pppd_argv(path, mode, channel_fd, tty)
        try:
            proc = subprocess.run(
                argv, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT,
                cwd=work, env=env, pass_fds=(channel_fd,), timeout=RUN_TIMEOUT, check=False,
            )
            returncode, timed_out = proc.returncode, False
        except subprocess.TimeoutExpired:
            returncode, timed_out = TIMEOUT_RC, True
    text = _read_capped(capture).decode("utf-8", errors="replace").replace(path, INPUT_TOKEN)
    return classify_pppd(mode, returncode, text, timed_out), text


def _read_capped(path: Path) -> bytes:
    """The captured output, or its head and tail when it is longer than OUTPUT_CAP."""
    with open(path, "rb") as stream:
        data = stream.read(OUTPUT_CAP + 1)
        if len(data) <= OUTPUT_CAP:
            return data
        stream.seek(-OUTPUT_CAP // 2, os.SEEK_END)
        return data[: OUTPUT_CAP // 2] + b"\n[...]\n" + stream.read()


@contextlib.contextmanager
def _tty_for(mode: str) -> Iterator[str]:
    """A fresh pty slave path in userspace mode (as xl2tpd opens one per call).

    In kernel mode it is ''.
    """
    if mode == "kernel":
        yield ""
        return
    master, slave = os.openpty()
    try:
        yield os.ttyname(slave)
    finally:
        os.close(master)
        os.close(slave)


def pppd_argv(path: str, mode: str, channel_fd: int, tty: str) -> list[str]:
    """The pppd argv xl2tpd 1.3.18 would use for an LNS call, plus dryrun before the file."""
    if mode == "kernel":
        head = [
            "plugin", "pppol2tp.so", "pppol2tp", str(channel_fd), "pppol2tp_lns_mode",
            "pppol2tp_tunnel_id", "1", "pppol2tp_session_id", "1",
        ]
    else:
        head = [tty]
    return [PPPD, *head, "passive", "nodetach", PPP_ADDRESSES, *DRYRUN_ARGS, "file", path]


# ------------------------------------------------------------ classification


def well_formed_hostname(name: str) -> bool:
    """True for a DNS name that may only have failed because this machine has no DNS.

    A single label counts too: /etc/hosts or a search domain can resolve it.
    """
    name = name.strip().rstrip(".")
    if not _HOSTNAME.fullmatch(name):
        return False
    return not name.rsplit(".", 1)[-1].isdigit()


def classify_xl2tpd(state: str, returncode: int, output: str) -> Verdict:
    """Turn one xl2tpd run (state from _read_until) into a Verdict."""
    if state == "marker":
        return Verdict(True, False, "", 0)
    lines = [_XL2TPD_PREFIX.sub("", line) for line in output.splitlines() if line.strip()]
    lines = [line for line in lines if not _XL2TPD_INFO.search(line)]
    if state == "timeout":
        lines.append(f"no verdict within {RUN_TIMEOUT:g}s")
        return Verdict(False, True, "\n".join(lines[-20:]), TIMEOUT_RC)
    return Verdict(False, _xl2tpd_machine(lines), "\n".join(lines), returncode)


def _xl2tpd_machine(lines: list[str]) -> bool:
    """True when xl2tpd's refusal is only a condition of this machine."""
    for line in lines:
        if _XL2TPD_BIND.search(line):
            return True
        found = _XL2TPD_HOST.search(line)
        if found:
            host = found.group(1) if found.group(1) is not None else found.group(2)
            return well_formed_hostname(host)
    return False


def classify_pppd(mode: str, returncode: int, output: str, timed_out: bool = False) -> Verdict:
    """Turn one pppd dryrun (exit status and output) into a Verdict."""
    if returncode == 0 and not timed_out:
        return Verdict(True, False, "", 0)
    lines = [_strip_pppd(line) for line in output.splitlines()]
    lines = [
        line
        for line in lines
        if line.strip() and not re.fullmatch(r"Plugin \S+ loaded\.", line)
    ]
    if timed_out:
        lines.append(f"no verdict within {RUN_TIMEOUT:g}s")
        return Verdict(False, True, "\n".join(lines[-20:]), TIMEOUT_RC)
    return Verdict(False, _pppd_machine(mode, lines), "\n".join(lines), returncode)


def _strip_pppd(line: str) -> str:
    """Drop pppd's 'pppd: ' program-name prefix."""
    return _PPPD_PREFIX.sub("", line)


def _pppd_machine(mode: str, lines: list[str]) -> bool:
    """True when pppd's refusal is only a condition of this machine."""
    for line in lines:
        if _PPPD_MACHINE.search(line):
            return True
        opened = _PPPD_OPTIONS_FILE.search(line)
        if opened:
            return opened.group(1) != "Too many open files"
        host = _PPPD_HOST.search(line)
        if host:
            return well_formed_hostname(host.group(1) or host.group(2) or "")
        if mode == "userspace" and _PPPD_DEVICE.search(line):
            return True
    return False


# ----------------------------------------------------------------------- CLI


def _parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description="Judge config files with the real daemons.")
    sub = parser.add_subparsers(dest="daemon", required=True)
    sub.add_parser("xl2tpd", help="judge xl2tpd.conf files").add_argument("files", nargs="+")
    pppd = sub.add_parser("pppd", help="judge pppd options files")
    pppd.add_argument("--mode", choices=MODES, required=True)
    pppd.add_argument("files", nargs="+")
    sub.add_parser("_worker", help=argparse.SUPPRESS).add_argument("spec")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point: print one JSON verdict per file."""
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    if args.daemon == "_worker":
        _worker(args.spec)
        return 0
    reason = unavailable_reason(args.daemon)
    if reason is not None:
        print(f"judge {args.daemon} unavailable: {reason}", file=sys.stderr)
        return 2
    contents = [Path(name).read_bytes() for name in args.files]
    if args.daemon == "xl2tpd":
        verdicts = judge_xl2tpd(contents)
    else:
        verdicts = judge_pppd(contents, args.mode)
    for name, verdict in zip(args.files, verdicts, strict=True):
        print(json.dumps({"path": name, **asdict(verdict)}))
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
